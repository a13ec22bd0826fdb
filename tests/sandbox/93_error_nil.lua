-- expect: script "error object is a nil value"
-- attack: error(nil): no message for the engine to copy
plan = {
  id = "93_error_nil", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  error(nil)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
