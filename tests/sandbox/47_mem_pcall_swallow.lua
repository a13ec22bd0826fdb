-- expect: limit "memory limit"
-- attack: catch the memory error with pcall and carry on: how far the allocation got depends on leftover garbage, so the quote would be non-deterministic; the limit must be sticky like the instruction limit
plan = {
  id = "47_mem_pcall_swallow", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local reached = 0
  pcall(function()
    local t = {}
    for i = 1, 1e7 do t[i] = {i}; reached = i end
  end)
  cover("x", 1) set("x", "reached " .. reached, 1000) combine("c") round("policy", "r", 10)
end
