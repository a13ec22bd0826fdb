-- expect: script "string slice too long"
-- attack: string.byte of a 1 MiB string, all bytes as results
plan = {
  id = "50_mem_byte_huge", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local n = select("#", string.byte(("x"):rep(1 << 20), 1, -1))
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
