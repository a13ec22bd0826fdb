-- expect: script "'collectgarbage'"
-- attack: collectgarbage to observe or steer the collector
plan = {
  id = "75_collectgarbage", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local n = collectgarbage("count")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
