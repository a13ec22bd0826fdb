-- expect: script "'rawget'"
-- attack: rawget on a read-only proxy to see past it
plan = {
  id = "14_rawget_proxy", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local v = rawget(string, "upper")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
