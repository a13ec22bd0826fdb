-- expect: script "eeee ... eeee"
-- attack: error() with a 512 KiB message: kept to its first and last 512 bytes
plan = {
  id = "150_error_text_cap", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  error(("e"):rep(1 << 19))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
