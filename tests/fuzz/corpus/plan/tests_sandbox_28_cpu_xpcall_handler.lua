-- expect: script "'xpcall'"
-- max-seconds: 1
-- attack: loop inside an xpcall message handler (xpcall is not in the allow-list, so the call itself fails)
plan = {
  id = "28_cpu_xpcall_handler", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  xpcall(error, function() while true do end end)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
