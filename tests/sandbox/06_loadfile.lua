-- expect: script "'loadfile'"
-- attack: compile a file with loadfile
plan = {
  id = "06_loadfile", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local f = loadfile("/etc/passwd")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
