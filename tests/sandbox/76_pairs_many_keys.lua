-- expect: ok
-- attack: pairs over 3000 mixed keys inserted in three different orders must give one order; the order goes into a label, which the runner compares across contexts, engines and processes
plan = {
  id = "76_pairs_many_keys", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local keys = {}
  for i = 1, 1000 do keys[#keys + 1] = "k" .. (i * 7919 % 1009) end
  for i = 1, 1000 do keys[#keys + 1] = i * 104729 % 100003 end
  for i = 1, 1000 do keys[#keys + 1] = (i * 31) / 7 end
  local function order(t)
    local out = {}
    for k in pairs(t) do out[#out + 1] = tostring(k) end
    return table.concat(out, ",")
  end
  local a, b, c = {}, {}, {}
  for i = 1, #keys do a[keys[i]] = i end
  for i = #keys, 1, -1 do b[keys[i]] = i end
  for i = 1, #keys, 2 do c[keys[i]] = i end
  for i = 2, #keys, 2 do c[keys[i]] = i end
  local oa, ob, oc = order(a), order(b), order(c)
  if oa ~= ob or oa ~= oc then error("pairs order depends on insertion order") end
  cover("x", 1) set("x", "order " .. #oa .. " " .. oa:sub(1, 60) .. " " .. oa:sub(-60), 1000)
  combine("c") round("policy", "r", 10)
end
