-- expect: script "nearest: the value must be a finite number"
-- attack: nearest() with NaN
plan = {
  id = "152_nearest_nan", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local x = nearest("sme_terms", 0/0, "up")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
