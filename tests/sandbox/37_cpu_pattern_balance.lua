-- expect: script "pattern too costly"
-- max-seconds: 1
-- attack: a %b() pattern over 2^20 open parentheses: no quantifier, but every start position scans to the end, O(n^2) in C
plan = {
  id = "37_cpu_pattern_balance", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = ("("):rep(1 << 20):find("%b()")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
