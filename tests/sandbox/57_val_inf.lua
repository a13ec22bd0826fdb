-- expect: script "not a finite"
-- attack: an infinite premium
plan = {
  id = "57_val_inf", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", math.huge)
end
