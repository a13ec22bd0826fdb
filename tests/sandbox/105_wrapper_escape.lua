-- expect: load "expected"
-- attack: text that closes the function the engine wraps a plan in and runs code of its own beside it: the plan is compiled as written, where that text is a syntax error
plan = {
  id = "105_wrapper_escape", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
x = 1 end, (function() while true do end end)(), function()
