-- expect: script "string.rep"
-- max-seconds: 1
-- attack: string.rep with a huge count
plan = {
  id = "31_cpu_rep_huge", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("x"):rep(1e12)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
