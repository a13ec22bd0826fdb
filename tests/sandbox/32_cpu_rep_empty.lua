-- expect: ok
-- max-seconds: 1
-- attack: string.rep of the empty string with a huge count (and an empty separator) must return at once
plan = {
  id = "32_cpu_rep_empty", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  assert(("").rep("", math.maxinteger) == "")
  assert(string.rep("", 1 << 62, "") == "")
  assert(("x"):rep(0) == "" and ("x"):rep(-5) == "")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
