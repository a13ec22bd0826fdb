-- expect: limit "instruction limit of 1000000"
-- attack: a string continued over a line break by \z, then an endless loop: a scanner that ends the string at the line break misses the loop (the loop must still stop)
plan = {
  id = "100_lexer_z_escape", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = "a\z
  " while true do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
