-- expect: script "wrong type"
-- attack: NaN as a band-table key
plan = {
  id = "71_val_lookup_nan", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms", "sme_incident_severity" },
}
function rate(d)
  local v = lookup("sme_incident_severity", 0/0)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
