-- expect: script "'os'"
-- attack: run a process with os.execute
plan = {
  id = "02_os_execute", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  os.execute("id > /tmp/ratel-pwned")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
