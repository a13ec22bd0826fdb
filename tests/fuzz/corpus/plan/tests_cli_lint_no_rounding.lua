-- Forgets to round the policy premium: not whole yen.
plan = { id = "lint-no-rounding", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         tables = { "sme_base_premium", "sme_industry" } }

function rate(d)
  cover("liability", d.coverages.liability.limit)
  base("liability", "Base premium", "sme_base_premium", d.applicant.revenue)
  factor("liability", "Industry", "sme_industry", d.applicant.industry)
  mul("liability", "Odd load", 1.0137)
  combine("Package premium")
end
