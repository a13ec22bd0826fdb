-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: table.sort of 64 references to one 1 MiB string of NUL bytes: each comparison a strcoll per NUL, all in one C call (charged per comparison)
plan = {
  id = "122_cost_sort_strings", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local a = ("\0"):rep(1 << 20) local t = {} for i = 1, 64 do t[i] = a end
  table.sort(t)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
