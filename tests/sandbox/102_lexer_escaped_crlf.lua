-- expect: limit "instruction limit of 1000000"
-- attack: a string continued by a backslash before CR LF (one line break to Lua), then an endless loop
plan = {
  id = "102_lexer_escaped_crlf", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = "a\
" while true do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
