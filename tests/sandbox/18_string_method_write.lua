-- expect: script "attempt to index a string value"
-- attack: write through a string value ("").upper = ... to reach the string metatable's __index
plan = {
  id = "18_string_method_write", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = "" s.upper = function() return "pwned" end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
