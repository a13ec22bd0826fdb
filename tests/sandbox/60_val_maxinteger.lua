-- expect: script "money bound"
-- attack: math.maxinteger as a premium
plan = {
  id = "60_val_maxinteger", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", math.maxinteger)
end
