-- expect: script "stack overflow"
-- attack: string.gsub whose replacement function calls gsub again: every level has a luaL_Buffer and a MatchState on the C stack
plan = {
  id = "52_cstack_gsub_recursion", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function f(s) return (s:gsub(".", f)) end f("ab")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
