-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: a < b between two 1 MiB strings of NUL bytes in a loop: one VM instruction, a strcoll per NUL byte (milliseconds each)
plan = {
  id = "130_cmp_nul_strings", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local a = ("\0"):rep(1 << 20) local b = ("\0"):rep((1 << 20) - 1) .. "\0"
  local n = 0 while true do if a < b then n = n + 1 end end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
