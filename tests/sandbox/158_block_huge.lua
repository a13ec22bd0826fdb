-- expect: script "more than 10000 worksheet steps"
-- attack: a block of twenty thousand steps, to be kept and replayed by the engine
plan = {
  id = "158_block_huge", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local function block()
  for i = 1, 20000 do mul("x", "m", 1) end
end
function rate(d)
  cover("x", 1) set("x", "p", 1000)
  shared_steps(block)
  combine("c")
end
