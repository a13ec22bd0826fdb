-- expect: script "'rawset'"
-- attack: rawset on a read-only proxy to write past it
plan = {
  id = "15_rawset_proxy", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  rawset(math, "pi", 3)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
