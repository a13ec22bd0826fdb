-- expect: load "instruction limit of 1000000"
-- attack: a comment ended by a lone CR (Lua ends comments at CR too): the loop after it is code
plan = {
  id = "103_lexer_comment_cr", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
-- a commentwhile true do end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
