-- expect: script "round_amount: the value must be a finite number"
-- attack: round_amount() of 1e300
plan = {
  id = "153_round_amount_huge", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local x = round_amount(1e300, 10)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
