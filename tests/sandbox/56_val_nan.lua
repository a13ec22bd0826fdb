-- expect: script "not a finite"
-- attack: a NaN premium
plan = {
  id = "56_val_nan", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", 0/0)
end
