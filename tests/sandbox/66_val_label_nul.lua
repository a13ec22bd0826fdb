-- expect: script "control character"
-- attack: a step label with a NUL byte: the C API hands labels out as C strings, so "a\0b" would be silently cut to "a" in ratel_quote_step and the JSON
plan = {
  id = "66_val_label_nul", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "before\0after", 1000) combine("c") round("policy", "r", 10)
end
