-- expect: script "UTF-8"
-- attack: a step label that is not UTF-8: the quote JSON would be invalid
plan = {
  id = "67_val_label_bad_utf8", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", 1) set("x", "bad \xff\xfe label", 1000) combine("c") round("policy", "r", 10)
end
