-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: string.upper of 1 MiB in a loop
plan = {
  id = "123_cost_upper", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("x"):rep(1 << 20) while true do local u = s:upper() end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
