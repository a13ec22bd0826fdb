-- expect: script "'coroutine'"
-- max-seconds: 1
-- attack: loop inside a coroutine (coroutine is not in the allow-list)
plan = {
  id = "29_cpu_coroutine", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  coroutine.wrap(function() while true do end end)()
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
