-- Steps that name a table and a key: some carry the table's row (read
-- from somewhere: left to the engine), some a value of their own (lint
-- warns: the worksheet would show it as the table's row).
plan = { id = "lint-step-claims", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         tables = { "sme_base_premium", "sme_industry" } }

function rate(d)
  local ind = d.applicant.industry
  cover("liability", d.coverages.liability.limit)
  base("liability", "Base premium", "sme_base_premium", d.applicant.revenue)
  mul("liability", "Industry", 1.15, "sme_industry", ind)
  mul("liability", "Industry again", lookup("sme_industry", ind),
      "sme_industry", ind)
  note("liability", "Half the industry",
       lookup("sme_industry", ind) / 2, "sme_industry", ind)
  mul("liability", "Odd load", 1.0137)
  round("policy", "Premium")
end
