-- expect: script "pattern too costly"
-- max-seconds: 1
-- attack: a character class of 2^19 members matched against 2^20 bytes: no quantifier, O(n * class size) in C
plan = {
  id = "38_cpu_pattern_class", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = ("a"):rep(1 << 20):find("[" .. ("b"):rep(1 << 19) .. "]")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
