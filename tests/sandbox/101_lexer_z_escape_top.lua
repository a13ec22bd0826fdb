-- expect: load "instruction limit of 1000000"
-- attack: the same \z string at the top level: the engine must still open (the load stops)
plan = {
  id = "101_lexer_z_escape_top", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local s = "a\z
  " while true do end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
