-- expect: ok
-- attack: store a global in one quote and look for it in the next (the runner rates 4 times on one context)
plan = {
  id = "23_leak_global", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  if stash ~= nil then error("global leaked from an earlier quote") end
  stash = true
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
