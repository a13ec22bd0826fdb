-- expect: limit "memory limit"
-- max-seconds: 1
-- attack: gsub with a huge replacement (10^4 x 10^4 bytes)
plan = {
  id = "40_cpu_gsub_huge_repl", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("x"):rep(1e4):gsub("x", ("y"):rep(1e4))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
