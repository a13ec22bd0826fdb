-- expect: script "'dofile'"
-- attack: run a file with dofile
plan = {
  id = "05_dofile", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  dofile("/etc/passwd")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
