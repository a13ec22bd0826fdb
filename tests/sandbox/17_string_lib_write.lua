-- expect: script "read-only"
-- attack: replace string.upper for later quotes
plan = {
  id = "17_string_lib_write", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  string.upper = function() return "pwned" end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
