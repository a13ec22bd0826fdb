-- expect: script "'random'"
-- attack: math.random (absent: results must not be random)
plan = {
  id = "81_math_random", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = math.random(1, 6)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
