-- US management liability (D&O): a second product line, with its own
-- schema (rating-scripts/schemas/us-management-liability.json) and its
-- own currency, priced as the published rating example it reproduces
-- to the dollar (shared/calibration/us_management_liability_example.md):
--
--   premium = int(Base(assets) x [F(limit + retention) - F(retention)]
--                 x Hazard(group) x 1.7)
--
-- Amounts are in cents (USD's minor unit): the tables are in dollars, so
-- the plan divides by 100 to look up and multiplies back at the end; the
-- example's int() is a round down to whole dollars (100 cents). The
-- example's table of F ends at 10M of limit + retention: above it the
-- example does not say, so the quote is referred (an indication at the
-- table's last point), never silently clamped.

plan = {
  id = "us-management-liability",
  insurer = "Published rating example (US)",
  product = "Management Liability",
  version = "2020.1",
  effective_date = "2020-01-01",
  schema = "us-management-liability@1",
  tables = { "ml_base_premium", "ml_limit_factor", "ml_hazard", "ml_terms" },
  exclusions = {
    "Fraud and wilful violations, once established",
    "Bodily injury and property damage",
  },
}

local CENTS = 100 -- a dollar, in the currency's minor unit

function rate(d)
  local insured = d.insured
  local cover_asked = d.coverages.management_liability
  local limit, retention = cover_asked.limit, cover_asked.retention
  local top = limit + retention
  local terms = map("ml_terms")
  if top >= terms.max_limit_plus_retention * CENTS then
    refer("LIMIT_BEYOND_TABLE", string.format(
      "limit + retention of USD %s is at or above the rating table's " ..
      "USD 10,000,000; indicated at the table's last point",
      yen(top // CENTS)))
  end
  cover("management_liability", { limit = limit, retention = retention })
  base("management_liability", "Base premium for total assets (USD)",
       "ml_base_premium", insured.asset_size / CENTS)
  local f_top = lookup("ml_limit_factor", top / CENTS)
  local f_retention = lookup("ml_limit_factor", retention / CENTS)
  note("management_liability", "F(limit + retention)", f_top,
       "ml_limit_factor", top / CENTS)
  note("management_liability", "F(retention)", f_retention,
       "ml_limit_factor", retention / CENTS)
  mul("management_liability", "Limit factor F(limit + retention) - F(retention)",
      f_top - f_retention)
  factor("management_liability", "Hazard group", "ml_hazard",
         insured.hazard_group)
  mul("management_liability", "Loss-cost multiplier", terms.multiplier,
      "ml_terms", "multiplier")
  combine("Premium (USD)")
  mul("policy", "In cents", CENTS)
  round("policy", "Whole dollars, rounded down (the example's int)", 100,
        "down")
end
