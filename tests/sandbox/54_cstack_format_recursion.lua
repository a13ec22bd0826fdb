-- expect: script "stack overflow"
-- attack: gsub callback recursion through string.format and tostring
plan = {
  id = "54_cstack_format_recursion", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function f(s) return string.format("%s", tostring((s:gsub(".", f)))) end f("ab")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
