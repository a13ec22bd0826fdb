-- expect: ok
-- attack: keep a counter in a top-level local (an upvalue of rate) and in a global across quotes
plan = {
  id = "24_leak_upvalue", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local count = 0
function rate(d)
  count = count + 1
  calls = (calls or 0) + 1
  if count > 1 then error("top-level local (upvalue) leaked: " .. count) end
  if calls > 1 then error("global leaked: " .. calls) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
