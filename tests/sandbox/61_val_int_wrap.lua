-- expect: script "money bound"
-- attack: math.maxinteger + 1 (wraps to mininteger) as a premium
plan = {
  id = "61_val_int_wrap", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "p", math.maxinteger + 1)
end
