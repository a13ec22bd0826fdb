-- expect: script "'package'"
-- attack: open a C library with package.loadlib
plan = {
  id = "04_package_loadlib", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local f = package.loadlib("libc.so.6", "system")
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
