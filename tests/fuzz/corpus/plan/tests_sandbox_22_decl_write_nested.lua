-- expect: script "read-only"
-- attack: write into the declaration through a nested part
plan = {
  id = "22_decl_write_nested", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  d.incidents[1] = { paid = 0 }
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
