-- expect: script "pattern too costly"
-- max-seconds: 1
-- attack: the same class through gmatch and gsub
plan = {
  id = "39_cpu_gmatch_class", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for w in ("a"):rep(1 << 20):gmatch("[" .. ("b"):rep(1 << 19) .. "]") do end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
