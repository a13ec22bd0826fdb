-- expect: limit "limit" | script "pattern"
-- max-seconds: 1
-- attack: pattern without a single quantifier but O(n*m) in C: string.match with a 2 MiB subject and a 1 MiB literal pattern (the cost bound counts only quantifiers, so it lets this through)
plan = {
  id = "35_cpu_pattern_quadratic", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = ("a"):rep(1 << 21):match(("a"):rep(1 << 20) .. "b")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
