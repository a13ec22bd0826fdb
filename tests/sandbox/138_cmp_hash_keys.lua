-- expect: limit "time limit of 200 ms"
-- limits: 0 8388608 200
-- max-seconds: 3
-- attack: a new 512 KiB string as a table key in a loop: each hashed in full
plan = {
  id = "138_cmp_hash_keys", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("k"):rep(1 << 19) local i = 0
  while true do i = i + 1 local t = {} t[s .. i] = true end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
