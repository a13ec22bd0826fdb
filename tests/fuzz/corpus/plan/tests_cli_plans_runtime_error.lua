plan = { id = "broken", insurer = "Test", product = "Test", version = "1",
         effective_date = "2020-01-01", tables = { "sme_industry" } }

function rate(d)
  local f = lookup("sme_industry", d.applicant.industry)
  return f .. nil
end
