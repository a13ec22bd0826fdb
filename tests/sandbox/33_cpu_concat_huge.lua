-- expect: limit "memory limit"
-- max-seconds: 1
-- attack: table.concat of 100000 items with a 1000-byte separator (100 MB)
plan = {
  id = "33_cpu_concat_huge", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {}
  for i = 1, 100000 do t[i] = "x" end
  local s = table.concat(t, ("y"):rep(1000))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
