-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: string.rep("", 1e6, "x") in a loop: a million copies of nothing with a separator (built by doubling, charged for its megabyte)
plan = {
  id = "111_cost_rep_empty_sep", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  while true do local s = string.rep("", 1000000, "x") end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
