-- Looks up a table that plan.tables does not declare.
plan = { id = "lint-undeclared", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         tables = { "sme_base_premium", "sme_industry" } }

function rate(d)
  cover("liability", d.coverages.liability.limit)
  base("liability", "Base premium", "sme_base_premium", d.applicant.revenue)
  factor("liability", "Industry", "sme_industry", d.applicant.industry)
  local share = lookup( 'sme_coverage_share' , "liability")
  mul("liability", "Share", share)
  combine("Package premium")
  round("policy", "Round to 10 yen", 10)
end
