-- expect: ok
-- attack: walk every shared table with pairs and check that all tables reached are read-only (no raw table behind a proxy is handed out)
plan = {
  id = "16_env_proxy_walk", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function probe(t, path, depth)
    if depth > 3 then return end
    local ok = pcall(function() t.__ratel_probe = 1 end)
    if ok then error("writable shared table at " .. path) end
    for k, v in pairs(t) do
      if type(v) == "table" then probe(v, path .. "." .. tostring(k), depth + 1) end
    end
  end
  probe(string, "string", 0) probe(math, "math", 0) probe(table, "table", 0)
  probe(utf8, "utf8", 0) probe(d, "d", 0)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
