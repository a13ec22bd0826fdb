-- expect: ok
-- attack: string.format("%p") and string.format("%s", {}) must not show an address (non-deterministic, and an ASLR leak out of the host)
plan = {
  id = "79_format_address", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for _, fmt in ipairs({"%p", "%s", "%10s"}) do
    local ok, s = pcall(string.format, fmt, {})
    if ok and (s:find("0x") or s:find("%x%x%x%x%x%x")) then
      error("address leaked by string.format('" .. fmt .. "'): " .. s)
    end
  end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
