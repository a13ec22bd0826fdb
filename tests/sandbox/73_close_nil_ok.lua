-- expect: ok
-- attack: to-be-closed variables holding nil and false, closed by error and by return
plan = {
  id = "73_close_nil_ok", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local a <close> = nil
  local b <close> = false
  local ok = pcall(function() local c <close> = false error("x") end)
  assert(not ok)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
