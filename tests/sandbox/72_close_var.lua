-- expect: script "non-closable value"
-- attack: a to-be-closed variable holding a table without __close
plan = {
  id = "72_close_var", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local x <close> = {}
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
