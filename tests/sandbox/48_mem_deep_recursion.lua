-- expect: limit "memory limit"
-- max-seconds: 1
-- attack: non-tail recursion of a Lua function (Lua stack growth)
plan = {
  id = "48_mem_deep_recursion", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function f(n) return f(n + 1) + 1 end f(1)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
