-- expect: script "add_years: year 3000 out of range"
-- attack: add_years past the supported years: its own message, not a formatting error
plan = {
  id = "151_add_years_range", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  add_years("2999-12-31", 1)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
