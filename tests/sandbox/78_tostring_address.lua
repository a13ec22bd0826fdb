-- expect: ok
-- attack: tostring of tables and functions must not show an address
plan = {
  id = "78_tostring_address", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for _, v in ipairs({{}, rate, print or rate, d, string}) do
    local s = tostring(v)
    if s:find("0x") or s:find("%x%x%x%x%x%x") then error("address in tostring: " .. s) end
  end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
