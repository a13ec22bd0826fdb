-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: the \z string and endless loop with only the time limit on
plan = {
  id = "104_lexer_z_time", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = "a\z
  " while true do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
