-- expect: script "read-only"
-- attack: table.insert into a read-only library table
plan = {
  id = "20_table_insert_proxy", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  table.insert(math, 1)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
