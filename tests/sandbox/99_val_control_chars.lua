-- expect: script "control character"
-- attack: a warning made of control bytes (\1 is escaped as six bytes in the JSON, multiplying the output)
plan = {
  id = "99_val_control_chars", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  warn(("\1"):rep(2048))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
