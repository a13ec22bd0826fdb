-- expect: script "'dump'"
-- attack: string.dump a function to obtain bytecode
plan = {
  id = "09_string_dump", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local b = string.dump(rate)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
