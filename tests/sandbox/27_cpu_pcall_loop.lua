-- expect: limit "instruction limit"
-- max-seconds: 1
-- attack: infinite loop that keeps catching the limit error with pcall
plan = {
  id = "27_cpu_pcall_loop", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  while true do pcall(function() while true do end end) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
