-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: table.concat of 100,000 strings in a loop
plan = {
  id = "117_cost_concat", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 100000 do t[i] = "abcdefgh" end
  while true do local s = table.concat(t) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
