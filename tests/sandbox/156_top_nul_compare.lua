-- expect: load "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: comparisons of NUL strings at the top level
plan = {
  id = "156_top_nul_compare", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local a = ("\0"):rep(1 << 20) local b = ("\0"):rep((1 << 20) - 1) .. "\0"
while true do local x = a < b end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
