-- expect: limit "instruction limit"
-- max-seconds: 1
-- attack: table.sort of 50000 items with a Lua comparator (instructions in the comparator are counted)
plan = {
  id = "43_cpu_sort_big", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 50000 do t[i] = (i * 7919) % 50021 end table.sort(t, function(a, b) return a > b end)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
