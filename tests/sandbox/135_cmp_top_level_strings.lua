-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: the NUL strings made at the top level (part of the loaded state), compared in rate()
plan = {
  id = "135_cmp_top_level_strings", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local A = ("\0"):rep(1 << 20)
local B = ("\0"):rep((1 << 20) - 1) .. "\0"
function rate(d)
  local n = 0 while true do if A < B then n = n + 1 end end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
