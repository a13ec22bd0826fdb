-- expect: ok
-- attack: -0.0 and 0 are one key (Lua stores a float with an integer value as that integer)
plan = {
  id = "143_pairs_negative_zero", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local ks = {-0.0, 1, -1}
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
  if oa ~= "-1,0,1" then error("order " .. oa) end
  local s = 0 for k, v in pairs(a) do s = (s * 3 + v) % 1000 end
  cover("x", 1) set("x", "keys " .. oa:sub(1, 200), 1000 + s)
  combine("c") round("policy", "r", 10)
end
