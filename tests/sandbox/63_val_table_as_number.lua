-- expect: script "number expected"
-- attack: a table where a number is expected
plan = {
  id = "63_val_table_as_number", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", {})
end
