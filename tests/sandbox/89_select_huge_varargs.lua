-- expect: limit "instruction limit"
-- attack: select('#', ...) with 10^7 values from table.unpack (charged before it makes one)
plan = {
  id = "89_select_huge_varargs", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local n = select("#", table.unpack({}, 1, 1e7))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
