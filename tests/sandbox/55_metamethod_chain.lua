-- expect: script "'setmetatable'"
-- attack: build an __index chain of metatables (no setmetatable for plans)
plan = {
  id = "55_metamethod_chain", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 1e5 do t = setmetatable({}, {__index = t}) end local x = t.missing
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
