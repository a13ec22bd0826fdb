-- expect: limit "memory limit"
-- attack: table.unpack of 900000 values (stack growth to 14 MB)
plan = {
  id = "49_mem_unpack_big", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local n = select("#", table.unpack({}, 1, 900000))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
