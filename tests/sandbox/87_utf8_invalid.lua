-- expect: script "invalid UTF-8"
-- attack: utf8.codepoint on invalid input
plan = {
  id = "87_utf8_invalid", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  assert(utf8.len("\xff") == nil)
  local c = utf8.codepoint("\xff\xfe")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
