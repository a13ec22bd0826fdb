-- expect: script "out of limits"
-- attack: string.pack with an integer size over 16
plan = {
  id = "91_string_pack_limits", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = string.pack("i17", 1)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
