-- expect: ok
-- max-seconds: 1
-- attack: plain find (no pattern) of a 512 KiB needle in a 1 MiB subject (the longest string a plan may make): Lua's own plain find is O(n*m) (memcmp at every candidate); the sandbox searches with memmem, linear, so it finishes quickly
plan = {
  id = "36_cpu_plain_find_quadratic", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local r = ("a"):rep(1 << 20):find(("a"):rep(1 << 19) .. "b", 1, true)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
