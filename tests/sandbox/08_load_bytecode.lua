-- expect: script "'load'"
-- attack: load a binary chunk (\27Lua...) with load, text and mode 'b'
plan = {
  id = "08_load_bytecode", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local f = load("\27LuaT\0\25\147\r\n\26\n\4\8\8", "x", "b")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
