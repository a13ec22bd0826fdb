plan = { id = "broken", insurer = "Test", product = "Test", version = "1",
         effective_date = "2020-01-01", tables = {} }

function rate(d)
  if d then
end
