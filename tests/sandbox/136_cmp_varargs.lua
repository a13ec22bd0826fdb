-- expect: limit "time limit of 200 ms"
-- limits: 0 33554432 200
-- max-seconds: 3
-- attack: select("#", ...) over 100,000 values in a loop: the VARARG instruction copies them all each time
plan = {
  id = "136_cmp_varargs", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local t = {} for i = 1, 100000 do t[i] = i end
  local function f(...) while true do local n = select("#", ...) end end
  f(table.unpack(t))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
