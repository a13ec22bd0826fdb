-- expect: script "'debug'"
-- attack: get the registry with debug.getregistry
plan = {
  id = "11_debug_registry", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = debug.getregistry()
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
