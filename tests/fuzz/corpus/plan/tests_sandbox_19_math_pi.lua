-- expect: script "read-only"
-- attack: change math.pi
plan = {
  id = "19_math_pi", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  math.pi = 3
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
