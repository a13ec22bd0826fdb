-- expect: script "'io'"
-- attack: read a host file through the io library
plan = {
  id = "01_io_open", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local f = io.open("/etc/passwd")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
