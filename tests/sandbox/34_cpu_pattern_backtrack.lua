-- expect: script "pattern too costly"
-- max-seconds: 1
-- attack: backtracking pattern string.find(("a"):rep(5e4), ".-.-.-.-.-b"): one C call, no VM instructions, so the count hook never runs
plan = {
  id = "34_cpu_pattern_backtrack", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = string.find(("a"):rep(5e4), ".-.-.-.-.-b")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
