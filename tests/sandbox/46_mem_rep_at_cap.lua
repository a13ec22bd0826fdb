-- expect: limit "memory limit"
-- max-seconds: 1
-- attack: string.rep just under its own 16 MiB cap (over the 8 MiB budget)
plan = {
  id = "46_mem_rep_at_cap", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("x"):rep(16 << 20)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
