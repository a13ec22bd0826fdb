-- expect: ok
-- attack: try every shared table as a stash; a later quote must find nothing
plan = {
  id = "25_leak_shared_tables", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  -- reading a field the schema lacks is an error on declaration tables
  -- (strict access): a stash would read back without one
  for _, t in ipairs({string, math, table, utf8, d, d.applicant, d.controls,
                      d.coverages, d.coverages.liability, d.incidents}) do
    local ok, v = pcall(function() return t.__stash end)
    if ok and v ~= nil then error("state leaked through a shared table") end
    pcall(function() t.__stash = true end)
    pcall(table.insert, t, true)
  end
  if #math ~= 0 or #string ~= 0 then error("array part of a library grew") end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
