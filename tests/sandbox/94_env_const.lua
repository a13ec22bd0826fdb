-- expect: ok
-- attack: a <const> _ENV (Lua 5.4.4 had a code-generation bug with it) must still be a plain table access
plan = {
  id = "94_env_const", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function f()
    local _ENV <const> = {x = 7}
    return x
  end
  assert(f() == 7)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
