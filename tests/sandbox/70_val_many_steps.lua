-- expect: script "worksheet steps"
-- attack: 100000 worksheet steps
plan = {
  id = "70_val_many_steps", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) for i = 1, 100000 do set("x", "s", 1000) end combine("c") round("policy", "r", 10)
end
