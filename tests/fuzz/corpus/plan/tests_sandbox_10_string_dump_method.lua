-- expect: script "'dump'"
-- attack: reach dump through the string metatable (""):dump
plan = {
  id = "10_string_dump_method", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local b = ("").dump(rate)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
