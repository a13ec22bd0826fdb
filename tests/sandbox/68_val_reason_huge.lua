-- expect: script "longer than"
-- attack: a 1 MiB reason code and text
plan = {
  id = "68_val_reason_huge", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  refer(("R"):rep(1 << 20), ("t"):rep(1 << 20))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
