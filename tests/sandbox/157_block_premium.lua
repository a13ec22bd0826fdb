-- expect: script "premium() cannot be called in shared_steps()"
-- attack: a block that reads the running premium, so that a replay in another option of a menu would price on a stale premium
plan = {
  id = "157_block_premium", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local function block()
  add("x", "p", premium("x"))
end
function rate(d)
  cover("x", 1) set("x", "p", 1000)
  shared_steps(block)
  combine("c")
end
