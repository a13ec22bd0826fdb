-- expect: script "'load'"
-- attack: compile text at run time with load
plan = {
  id = "07_load_text", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local f = load("return 1")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
