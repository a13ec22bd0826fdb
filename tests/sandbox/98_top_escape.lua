-- expect: load "'io'"
-- attack: io.open at the top level, at load
-- (the attack is at the chunk's top level, not in rate())
plan = {
  id = "98_top_escape", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local f = io.open("/etc/passwd")
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
