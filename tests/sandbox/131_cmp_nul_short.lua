-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: a < b between two 40-byte strings of NUL bytes (interned, short) in a loop
plan = {
  id = "131_cmp_nul_short", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local a = ("\0"):rep(40) local b = ("\0"):rep(39) .. "\0"
  local n = 0 while true do if a < b then n = n + 1 end end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
