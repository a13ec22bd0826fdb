-- expect: load "instruction limit"
-- attack: an infinite loop at the chunk's top level (runs when the engine loads the plan)
-- (the attack is at the chunk's top level, not in rate())
plan = {
  id = "95_top_loop", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
while true do end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
