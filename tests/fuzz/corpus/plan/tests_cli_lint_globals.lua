-- Uses a library outside the sandbox and misspells a variable.
plan = { id = "lint-globals", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         tables = { "sme_base_premium" } }

function rate(d)
  local premium_base = 1000
  local f = io.open("/etc/passwd")
  cover("liability", d.coverages.liability.limit)
  base("liability", "Base premium", "sme_base_premium", d.applicant.revenue)
  mul("liability", "Load", premiun / premium_base)
  combine("Package premium")
  round("policy", "Round to 10 yen", 10)
  return f
end
