-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 33554432 0
-- attack: pairs over 200,000 keys in a loop (each call sorts them, charged per pass)
plan = {
  id = "115_cost_pairs_big", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 200000 do t[i * 1.5] = i end
  while true do for k in pairs(t) do break end end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
