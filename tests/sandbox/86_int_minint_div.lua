-- expect: ok
-- attack: mininteger // -1, mininteger % -1 and math.fmod(mininteger, -1) (a SIGFPE in naive C), float division by zero
plan = {
  id = "86_int_minint_div", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local m, z = math.mininteger, -1
  assert(m // z == m and m % z == 0 and math.fmod(m, z) == 0)
  assert(1.0 // 0 == math.huge and -1 % math.huge == math.huge)
  assert(math.abs(m) == m and math.tointeger(2^63) == nil)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
