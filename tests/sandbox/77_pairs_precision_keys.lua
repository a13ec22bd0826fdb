-- expect: ok
-- attack: pairs over integer keys that collide when converted to double (2^53 and 2^53+1, maxinteger and 2^63 as a float): the order must not depend on insertion order
plan = {
  id = "77_pairs_precision_keys", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local ks = {1 << 53, (1 << 53) + 1, math.maxinteger, 2.0^63, math.maxinteger - 1, (1 << 53) + 2}
  local function order(t)
    local out = {}
    for k in pairs(t) do out[#out + 1] = string.format("%q", k) end
    return table.concat(out, ",")
  end
  local a, b = {}, {}
  for i = 1, #ks do a[ks[i]] = i end
  for i = #ks, 1, -1 do b[ks[i]] = i end
  local oa, ob = order(a), order(b)
  if oa ~= ob then error("pairs order depends on insertion order: " .. oa .. " vs " .. ob) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
