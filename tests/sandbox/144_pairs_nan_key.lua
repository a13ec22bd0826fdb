-- expect: script "index is NaN"
-- attack: NaN as a table key: Lua refuses it, so no order needs one
plan = {
  id = "144_pairs_nan_key", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} t[0/0] = 1
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
