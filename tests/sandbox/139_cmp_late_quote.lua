-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: a quote that ends on its own, but after its deadline: it must fail, whatever ran when the deadline passed
plan = {
  id = "139_cmp_late_quote", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local a = ("\0"):rep(1 << 20) local b = ("\0"):rep((1 << 20) - 1) .. "\0"
  for i = 1, 400 do local x = a < b end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
