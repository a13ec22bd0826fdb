-- expect: ok
-- attack: integers and floats together, compared exactly: a float between two integers, huge floats, infinities
plan = {
  id = "141_pairs_mixed_numbers", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local ks = {3, 2.5, -0.5, 1e300, -1e300, 1/0, -1/0, 2.0^63, math.maxinteger, -2.0^63 - 2^11, 0.1, 0}
  local function order(t)
    local out = {}
    for k in pairs(t) do out[#out + 1] = math.type(k) == "float" and string.format("%.17g", k) or tostring(k) end
    return table.concat(out, ",")
  end
  local a, b, c = {}, {}, {}
  for i = 1, #ks do a[ks[i]] = i end
  for i = #ks, 1, -1 do b[ks[i]] = i end
  for i = 1, #ks, 2 do c[ks[i]] = i end for i = 2, #ks, 2 do c[ks[i]] = i end
  local oa = order(a)
  if oa ~= order(b) or oa ~= order(c) then error("order depends on insertion: " .. oa) end
  if oa ~= "-inf,-1.0000000000000001e+300,-9.2233720368547779e+18,-0.5,0,0.10000000000000001,2.5,3,9223372036854775807,9.2233720368547758e+18,1.0000000000000001e+300,inf" then error("order " .. oa) end
  local s = 0 for k, v in pairs(a) do s = (s * 3 + v) % 1000 end
  cover("x", 1) set("x", "keys " .. oa:sub(1, 200), 1000 + s)
  combine("c") round("policy", "r", 10)
end
