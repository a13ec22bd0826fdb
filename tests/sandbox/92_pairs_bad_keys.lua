-- expect: script "cannot order keys"
-- attack: pairs over a table with a boolean key
plan = {
  id = "92_pairs_bad_keys", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for k in pairs({[true] = 1}) do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
