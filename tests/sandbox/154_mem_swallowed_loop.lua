-- expect: limit "memory limit of 8388608"
-- limits: 100000000 8388608 1000
-- attack: a memory error caught by pcall, over and over: the limit is sticky, the next instruction fails again
plan = {
  id = "154_mem_swallowed_loop", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  while true do pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
