-- expect: limit "a string longer than 1048576 bytes"
-- max-seconds: 1
-- attack: string doubling s = s .. s (the string cap fires before the memory limit)
plan = {
  id = "44_mem_string_doubling", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = "x" while true do s = s .. s end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
