-- expect: ok
-- attack: a premium of -0.0 (must become 0, no "-0" anywhere)
plan = {
  id = "59_val_negzero", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", -0.0) combine("c") round("policy", "r", 10)
end
