-- expect: limit "instruction limit"
-- attack: blocks called without end (each a new key): the blocks' count and the instruction limit hold
plan = {
  id = "160_block_loop", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local function block(i)
  note("x", "n", i)
end
function rate(d)
  cover("x", 1) set("x", "p", 1000)
  local i = 0
  while true do
    i = i + 1
    pcall(shared_steps, block, i)
  end
end
