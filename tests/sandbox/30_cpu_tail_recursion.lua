-- expect: limit "instruction limit"
-- max-seconds: 1
-- attack: infinite tail recursion (no stack growth)
plan = {
  id = "30_cpu_tail_recursion", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function f() return f() end f()
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
