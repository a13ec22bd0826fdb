-- expect: script "value out of range"
-- attack: string.char outside 0..255
plan = {
  id = "90_string_char_range", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = string.char(65, 256)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
