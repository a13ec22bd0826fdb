-- expect: script "'getmetatable'"
-- attack: get the string metatable to reach the real string library
plan = {
  id = "12_getmetatable_string", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local mt = getmetatable("")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
