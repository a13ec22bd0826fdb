-- expect: ok
-- attack: a number as a step label (converted to text)
plan = {
  id = "65_val_label_number", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", 12.5, 1000) combine(7) round("policy", "r", 10)
end
