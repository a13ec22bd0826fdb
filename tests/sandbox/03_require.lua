-- expect: script "'require'"
-- attack: load a module (and with it the C loader) via require
plan = {
  id = "03_require", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local os = require("os")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
