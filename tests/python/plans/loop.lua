-- A plan that never ends: the engine stops it at its instruction limit.
plan = { id = "loop", insurer = "Test", product = "Test", version = "1",
         effective_date = "2020-01-01", tables = { "sme_industry" } }

function rate(d)
  local n = 0
  while true do n = n + 1 end
end
