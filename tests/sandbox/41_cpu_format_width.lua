-- expect: script "invalid conversion"
-- max-seconds: 1
-- attack: string.format("%99999d") and friends (huge width or precision)
plan = {
  id = "41_cpu_format_width", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = string.format("%99999d", 1)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
