-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: a == b between two equal 1 MiB strings (distinct objects) in a loop
plan = {
  id = "134_cmp_equal_long", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local a = ("x"):rep(1 << 20) local b = ("x"):rep((1 << 20) - 1) .. "x"
  local n = 0 while true do if a == b then n = n + 1 end end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
