-- expect: ok
-- attack: numbers, strings and booleans in one table: numbers, then strings bytewise (a prefix first), then false, then true
plan = {
  id = "142_pairs_all_types", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local ks = {true, "b", 2, false, "a", "ab", "", 1.5, "B"}
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
  if oa ~= "1.5,2,,B,a,ab,b,false,true" then error("order " .. oa) end
  local s = 0 for k, v in pairs(a) do s = (s * 3 + v) % 1000 end
  cover("x", 1) set("x", "keys " .. oa:sub(1, 200), 1000 + s)
  combine("c") round("policy", "r", 10)
end
