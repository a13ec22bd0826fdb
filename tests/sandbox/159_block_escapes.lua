-- expect: script "the function returned a table"
-- attack: a block that returns a table, which every option of a menu would share and could change for the next
plan = {
  id = "159_block_escapes", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local function block()
  set("x", "p", 1000)
  return { premium = 1000 }
end
function rate(d)
  cover("x", 1)
  local t = shared_steps(block)
  t.premium = 0
  combine("c")
end
