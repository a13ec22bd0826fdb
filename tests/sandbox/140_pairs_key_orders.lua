-- expect: ok
-- attack: pairs over key sets at the edges of the order, each inserted in three orders: integers around 2^53 and at the ends of the range (they compare equal as doubles), integers and floats mixed (infinities, 2^63), all key types, -0 and 0 (one key); the order must be the same in every insertion order and process, and is built into the premium
plan = {
  id = "140_pairs_key_orders", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
-- each set: its keys, and the order pairs() must visit them in
local sets = {
  -- integer keys around 2^53 and at the ends of the integer range, which compare equal as doubles: ascending, in every insertion order and process (the premium is built from the visiting order)
  { {(1 << 53) + 3, (1 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 53) + 2, math.maxinteger, math.mininteger, math.maxinteger - 1, (1 << 53) - 2},
    "-9223372036854775808,9007199254740990,9007199254740991,9007199254740992,9007199254740993,9007199254740994,9007199254740995,9223372036854775806,9223372036854775807" },
  -- integers and floats together, compared exactly: a float between two integers, huge floats, infinities
  { {3, 2.5, -0.5, 1e300, -1e300, 1/0, -1/0, 2.0^63, math.maxinteger, -2.0^63 - 2^11, 0.1, 0},
    "-inf,-1.0000000000000001e+300,-9.2233720368547779e+18,-0.5,0,0.10000000000000001,2.5,3,9223372036854775807,9.2233720368547758e+18,1.0000000000000001e+300,inf" },
  -- numbers, strings and booleans in one table: numbers, then strings bytewise (a prefix first), then false, then true
  { {true, "b", 2, false, "a", "ab", "", 1.5, "B"},
    "1.5,2,,B,a,ab,b,false,true" },
  -- -0.0 and 0 are one key (Lua stores a float with an integer value as that integer)
  { {-0.0, 1, -1},
    "-1,0,1" },
}
local function order(t)
  local out = {}
  for k in pairs(t) do
    out[#out + 1] = math.type(k) == "float" and string.format("%.17g", k) or tostring(k)
  end
  return table.concat(out, ",")
end
function rate(d)
  local s = 0
  for n, set in ipairs(sets) do
    local ks, a, b, c = set[1], {}, {}, {}
    for i = 1, #ks do a[ks[i]] = i end
    for i = #ks, 1, -1 do b[ks[i]] = i end
    for i = 1, #ks, 2 do c[ks[i]] = i end
    for i = 2, #ks, 2 do c[ks[i]] = i end
    local oa = order(a)
    if oa ~= order(b) or oa ~= order(c) then error("set " .. n .. ": order depends on insertion: " .. oa) end
    if oa ~= set[2] then error("set " .. n .. ": order " .. oa) end
    for k, v in pairs(a) do s = (s * 3 + v) % 1000 end
  end
  cover("x", 1) set("x", "visiting order", 1000 + s)
  combine("c") round("policy", "r", 10)
end
