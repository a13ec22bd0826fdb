-- Rates with a table whose industry keys have a misspelling.
plan = { id = "lint-keys", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         tables = { "lint_base", "lint_industry" } }

function rate(d)
  cover("liability", d.coverages.liability.limit)
  base("liability", "Base premium", "lint_base", d.applicant.revenue)
  if find("lint_industry", d.applicant.industry) then
    factor("liability", "Industry", "lint_industry", d.applicant.industry)
  end
  combine("Package premium")
  round("policy", "Round to 10 yen", 10)
end
