-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: find with a 990-byte class over 10,000 bytes: within the pattern bound (10^7 steps), each call some milliseconds, charged little; its worst case presses the clock
plan = {
  id = "114_cost_pattern_class", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("z"):rep(10000) local c = "[" .. ("a"):rep(990) .. "]" while true do s:find(c) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
