-- expect: ok
-- locale: de_DE.UTF-8
-- attack: the same at the chunk top level, which also runs when the engine loads the plan (outside ratel_rate)
-- (the attack is at the chunk's top level, not in rate())
plan = {
  id = "83_locale_load", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local s = string.format("%.2f", 1.5) .. " " .. tostring(1.5)
if s ~= "1.50 1.5" then error("locale leaked into the plan at load: " .. s) end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
