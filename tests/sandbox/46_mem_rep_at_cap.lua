-- expect: limit "memory limit"
-- max-seconds: 1
-- attack: strings of string.rep at its 1 MiB cap, kept until they pass the 8 MiB budget
plan = {
  id = "46_mem_rep_at_cap", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 16 do t[i] = ("x"):rep(1 << 20) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
