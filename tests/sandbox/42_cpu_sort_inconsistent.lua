-- expect: ok
-- max-seconds: 1
-- attack: table.sort with a comparator that always says true
plan = {
  id = "42_cpu_sort_inconsistent", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 1000 do t[i] = i end table.sort(t, function(a, b) return true end)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
