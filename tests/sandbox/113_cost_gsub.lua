-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: gsub over 1 MiB in a loop
plan = {
  id = "113_cost_gsub", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("ab"):rep(1 << 19) while true do local r = s:gsub("a", "c") end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
