-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: string.rep of 1 MiB in a loop (each call charged for the bytes it makes)
plan = {
  id = "110_cost_rep_loop", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  while true do local s = ("x"):rep(1 << 20) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
