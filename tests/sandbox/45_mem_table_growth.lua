-- expect: limit "memory limit"
-- max-seconds: 1
-- attack: a table that grows without end
plan = {
  id = "45_mem_table_growth", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 1e7 do t[i] = {i} end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
