-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: s + 0 on a 1 MiB string of spaces in a pcall loop: converting it to a number scans it all, one VM instruction
plan = {
  id = "133_cmp_coerce", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = (" "):rep(1 << 20) local f = function() return s + 0 end
  while true do pcall(f) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
