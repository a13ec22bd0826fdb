-- expect: script "'os'"
-- attack: read the clock with os.clock / os.time
plan = {
  id = "80_os_clock", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = os.clock() + os.time()
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
