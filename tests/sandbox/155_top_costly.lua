-- expect: load "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: costly C calls in a loop at the top level
plan = {
  id = "155_top_costly", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
local s = ("x"):rep(1 << 20)
while true do utf8.len(s) end
function rate(d)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
