-- A missing "end".
plan = { id = "lint-syntax", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         tables = { "sme_industry" } }

function rate(d)
  if d.applicant.revenue > 0 then
    cover("liability", d.coverages.liability.limit)
  combine("Package premium")
  round("policy", "Round to 10 yen", 10)
end
