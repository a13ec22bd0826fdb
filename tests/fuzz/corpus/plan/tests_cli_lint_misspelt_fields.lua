-- Reads declaration fields the schema does not have: directly, through
-- local aliases, through a list item, a code of a flags field, and the
-- input-only shorthand `request`.
plan = { id = "lint-fields", insurer = "Test", product = "Test",
         version = "1", effective_date = "2025-04-01",
         schema = "cyber-sme",
         tables = { "sme_base_premium", "sme_terms" } }

local function extra(d)
  local a, c = d.applicant, d.controls
  local x = a.revenu
  if c.ofline_backup then x = 1 end
  for _, inc in ipairs(d.incidents) do
    x = inc.payd
  end
  return x
end

function rate(d)
  extra(d)
  cover("liability", d.request.liability_limit)
  base("liability", "Base premium", "sme_base_premium", d.aplicant.revenue)
  combine("Package premium")
  round("policy", "Round to 10 yen", 10)
end
