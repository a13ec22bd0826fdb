-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: tonumber of a 1 MiB string of digits in a loop
plan = {
  id = "121_cost_tonumber", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("9"):rep(1 << 20) while true do local n = tonumber(s) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
