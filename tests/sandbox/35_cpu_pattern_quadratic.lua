-- expect: script "pattern too costly"
-- max-seconds: 1
-- attack: pattern without a single quantifier but O(n*m) in C: string.match with a 1 MiB subject and a 512 KiB literal pattern (the cost bound counts the pattern's length too)
plan = {
  id = "35_cpu_pattern_quadratic", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = ("a"):rep(1 << 20):match(("a"):rep(1 << 19) .. "b")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
