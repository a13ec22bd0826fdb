-- expect: result "out of range"
-- attack: a negative total premium
plan = {
  id = "58_val_negative", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", -1000) combine("c") round("policy", "r", 10)
end
