-- expect: load "a string longer than 1048576 bytes"
-- attack: string doubling at the chunk's top level
-- (the attack is at the chunk's top level, not in rate())
plan = {
  id = "96_top_memory", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local s = "x" while true do s = s .. s end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
