-- expect: script "string expected"
-- attack: a table as a step label
plan = {
  id = "64_val_label_table", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", {}, 1000)
end
