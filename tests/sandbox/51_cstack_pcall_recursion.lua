-- expect: script "stack overflow"
-- attack: recursion through pcall: every level is a C call (lua_pcall) with a jmp_buf on the C stack
plan = {
  id = "51_cstack_pcall_recursion", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function f() assert(pcall(f)) end f()
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
