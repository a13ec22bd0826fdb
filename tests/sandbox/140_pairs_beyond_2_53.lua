-- expect: ok
-- attack: integer keys around 2^53 and at the ends of the integer range, which compare equal as doubles: ascending, in every insertion order and process (the premium is built from the visiting order)
plan = {
  id = "140_pairs_beyond_2_53", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local ks = {(1 << 53) + 3, (1 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 53) + 2, math.maxinteger, math.mininteger, math.maxinteger - 1, (1 << 53) - 2}
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
  if oa ~= "-9223372036854775808,9007199254740990,9007199254740991,9007199254740992,9007199254740993,9007199254740994,9007199254740995,9223372036854775806,9223372036854775807" then error("order " .. oa) end
  local s = 0 for k, v in pairs(a) do s = (s * 3 + v) % 1000 end
  cover("x", 1) set("x", "keys " .. oa:sub(1, 200), 1000 + s)
  combine("c") round("policy", "r", 10)
end
