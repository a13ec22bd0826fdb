-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 33554432 0
-- attack: string.byte of 100,000 bytes as results, in a loop
plan = {
  id = "120_cost_byte", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("x"):rep(100000) while true do local n = select("#", s:byte(1, -1)) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
