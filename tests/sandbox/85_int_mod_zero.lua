-- expect: script "attempt to perform 'n%0'"
-- attack: integer modulo by zero
plan = {
  id = "85_int_mod_zero", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local z = 0 local x = 1 % z
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
