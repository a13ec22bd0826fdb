-- expect: script "'setmetatable'"
-- attack: a __gc finalizer that would run in a later quote
plan = {
  id = "74_finalizer_gc", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  setmetatable({}, {__gc = function() while true do end end})
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
