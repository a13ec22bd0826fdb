-- expect: script "read-only"
-- attack: table.remove on a declaration part (writes t[#t] = nil through the proxy)
plan = {
  id = "21_table_remove_decl", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  table.remove(d.incidents)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
