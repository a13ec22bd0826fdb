-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: table.insert and table.remove at the front of a 100,000-element list (charged for the elements moved)
plan = {
  id = "116_cost_insert_front", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 100000 do t[i] = i end
  while true do table.insert(t, 1, 0) table.remove(t, 1) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
