-- expect: script "cannot order keys of type table"
-- attack: pairs over a table with a table as a key (numbers, strings and booleans are ordered; nothing else is)
plan = {
  id = "92_pairs_bad_keys", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for k in pairs({[true] = 1, [{}] = 2}) do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
