-- expect: script "value out of range"
-- attack: utf8.char with a negative code point
plan = {
  id = "88_utf8_char_range", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = utf8.char(-1)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
