-- expect: script "cannot order keys of type function"
-- attack: pairs over a table with a function as a key
plan = {
  id = "145_pairs_function_key", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for k in pairs({[type] = 1}) do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
