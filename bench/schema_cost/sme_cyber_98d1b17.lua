-- The plan sme-cyber as it was before product schemas (98d1b17), changed
-- only where the schema moved its fields (d.request.x is now
-- d.coverages.<part>.<term>) and to name its schema: to measure what the
-- schema-driven engine costs apart from what the plan now prices
-- (bench/schema_cost/README.md). Not a plan of the product.

-- SME cyber package: the reference plan of ratel.
--
-- Prices the Japanese SME cyber package (liability, incident-response
-- expense, optional business interruption) from revenue, industry,
-- incident history, security controls and the cover asked for.
-- Calibrated on published market examples (shared/calibration): at the
-- neutral level (no credit, no surcharge, deductible 100,000, coinsurance
-- 100%, no BI) it reproduces them within 1%. See docs/plans.md.

plan = {
  id = "sme-cyber",
  insurer = "Ratel Reference Insurance",
  product = "SME Cyber Package",
  version = "2025.2",
  effective_date = "2025-04-01",
  schema = "cyber-sme@2",
  tables = {
    "sme_base_premium", "sme_coverage_share", "sme_industry",
    "sme_liability_limit", "sme_expense_limit", "sme_bi_limit",
    "sme_bi_waiting", "sme_incident_load", "sme_incident_severity",
    "sme_control_points", "sme_control_credit", "sme_certification_credit",
    "sme_deductible", "sme_coinsurance", "sme_terms",
  },
  -- the broker's menu (`ratel quote --options all`): a function, so the
  -- list is built once when the plan loads, not for every quote
  options = function() return menu() end,
  services = {
    "24-hour incident hotline",
    "Referral to forensic investigators, lawyers, PR and call centres",
    "Annual external vulnerability scan",
  },
  exclusions = {
    "War and state-backed attacks",
    "Fines and administrative penalties",
    "Damage to the insured's own buildings, machines and people",
    "IT-services errors and omissions (E&O)",
  },
}

-- The menu: 4 liability limits x 2 expense limits x 3 deductibles.
function menu()
  local options = {}
  for _, liability in ipairs({ 50, 100, 300, 500 }) do
    for _, expense in ipairs({ 10, 30 }) do
      for _, deductible in ipairs({ 100000, 300000, 1000000 }) do
        options[#options + 1] = {
          name = string.format("L%dm E%dm D%s", liability, expense,
            deductible >= 1000000 and (deductible // 1000000) .. "m"
                                   or (deductible // 1000) .. "k"),
          liability_limit = liability * 1000000,
          expense_limit = expense * 1000000,
          deductible = deductible,
        }
      end
    end
  end
  return options
end

-- The plan's terms (sme_terms) as a table, fetched at the start of each
-- quote by shared() and rate(); map() makes it once per table version,
-- and reading a term it does not have is an error naming the table.
local terms

-- The factor of `limit` in an exact limit table; a limit off the menu is
-- referred and priced at the next menu limit up (or the top of the menu).
local function limit_factor(cov, label, table_name, limit)
  if find(table_name, limit) then
    return factor(cov, label, table_name, limit)
  end
  local chosen = nearest(table_name, limit, "up")
  refer("LIMIT_OFF_MENU", string.format(
    "%s limit of JPY %s is not on the menu; indicated at JPY %s",
    cov, yen(limit), yen(chosen)))
  return factor(cov, label .. " (indicated at the menu limit)", table_name,
                chosen)
end

-- What does not depend on the cover asked for: looked up once per
-- declaration (once for a whole options menu) and handed to rate(d, s).
-- Only lookups and arithmetic here; the steps are recorded in rate().
function shared(d)
  terms = map("sme_terms")
  local a = d.applicant
  -- incidents in the lookback: each weighs by type, by the amount paid,
  -- and less when older than the recent window (most applicants have
  -- none: the dates are worked out only when there are some)
  local incidents, loading = {}, 0
  local since, recent
  if #d.incidents > 0 then
    since = add_years(d.effective_date, -terms.lookback_years)
    recent = add_years(d.effective_date, -terms.recent_years)
  end
  for _, inc in ipairs(d.incidents) do
    if inc.date > since then
      local x = {
        incident = inc,
        load = lookup("sme_incident_load", inc.type),
        weight = lookup("sme_incident_severity", inc.paid),
        age = inc.date > recent and 1 or terms.older_incident_weight,
        unremediated = inc.type == "ransomware" and inc.date > recent
          and not (d.controls.edr and d.controls.offline_backup),
      }
      incidents[#incidents + 1] = x
      loading = loading + x.load * x.weight * x.age
    end
  end
  -- questionnaire and certification credits, capped as published: the
  -- points of the controls in place, the credits of the certifications held
  local points = total("sme_control_points", d.controls)
  local certification = total("sme_certification_credit", d.certifications)
  local questionnaire = lookup("sme_control_credit", points)
  certification = math.min(certification, terms.certification_credit_cap)
  return {
    base = lookup("sme_base_premium", a.revenue),
    industry = lookup("sme_industry", a.industry),
    incidents = incidents,
    surcharge = math.min(loading, terms.max_incident_surcharge),
    points = points,
    questionnaire = questionnaire,
    certification = certification,
    credit = math.min(questionnaire + certification,
                      terms.security_credit_cap),
  }
end

local function rate_part(cov, a, s)
  set(cov, "Base premium for revenue", s.base, "sme_base_premium", a.revenue)
  factor(cov, "Share of the package", "sme_coverage_share", cov)
  mul(cov, "Industry relativity", s.industry, "sme_industry", a.industry)
end

local function rate_bi(d, s)
  local r = d.coverages
  local max_limit = math.min(terms.bi_max_limit,
    terms.bi_max_share_of_liability * r.liability.limit)
  if r.bi.limit > max_limit then
    refer("BI_LIMIT", string.format(
      "business-interruption limit JPY %s is above the plan's maximum of " ..
      "JPY %s (50%% of liability, at most JPY 100m)", yen(r.bi.limit),
      yen(max_limit)))
  end
  local hours = r.bi.waiting_hours
  if hours < terms.bi_min_waiting_hours or hours > terms.bi_max_waiting_hours then
    refer("BI_WAITING", string.format(
      "waiting period of %d hours is outside 2 to 240 hours", hours))
  end
  cover("bi", r.bi.limit)
  set("bi", "Base premium for revenue", s.base, "sme_base_premium",
      d.applicant.revenue)
  mul("bi", "Industry relativity", s.industry, "sme_industry",
      d.applicant.industry)
  factor("bi", "BI limit rate", "sme_bi_limit", r.bi.limit)
  factor("bi", "Waiting period", "sme_bi_waiting", hours)
end

-- The incidents on the worksheet, their referrals, and the surcharge.
local function incident_surcharge(s)
  for _, x in ipairs(s.incidents) do
    local inc = x.incident
    note("policy", string.format("Incident %s %s (load %g x severity %g x age %g)",
      inc.date, inc.type, x.load, x.weight, x.age), x.load * x.weight * x.age)
    -- (98d1b17 named "sme_incident_load", inc.type beside its own value,
    -- which engines since refuse)
    if x.unremediated then
      refer("RANSOMWARE_UNREMEDIATED", string.format(
        "ransomware on %s and EDR or offline backups not in place", inc.date))
    end
  end
  if #s.incidents >= terms.decline_incident_count then
    decline("LOSS_FREQUENCY", string.format(
      "%d incidents in %d years", #s.incidents, terms.lookback_years))
  end
  return s.surcharge
end

-- The security credit on the worksheet, and the authority it needs.
local function security_factor(s)
  note("policy", string.format("Security controls: %d of 100 points", s.points),
       s.questionnaire, "sme_control_credit", s.points)
  if s.certification > 0 then
    note("policy", "Certification credit (capped at 30%)", s.certification,
         "sme_certification_credit")
  end
  if s.credit > terms.credit_needing_authority then
    require_authority(2, string.format(
      "security credit of %.0f%% is above 40%%", s.credit * 100))
  end
  return 1 - s.credit
end

-- `deductible_on_menu`, `share_on_menu`: whether the deductible and the
-- coinsurance asked for are on the menu.
local function underwrite(d, deductible_on_menu, share_on_menu)
  local a, c, r = d.applicant, d.controls, d.coverages
  if a.revenue > terms.max_revenue then
    decline("REVENUE_ABOVE_SME", string.format(
      "revenue of JPY %s is above the SME package's JPY 100bn", yen(a.revenue)))
  end
  if a.overseas_revenue_share >= terms.overseas_refer_share then
    refer("OVERSEAS", "half or more of revenue is overseas")
  end
  if a.personal_records >= terms.large_records
     and not (c.encryption and c.access_control) then
    refer("RECORDS_UNPROTECTED", string.format(
      "%s personal records held without encryption and access control",
      yen(a.personal_records)))
  end
  if r.liability.limit > 500000000 then
    require_authority(3, "liability limit above JPY 500m")
  end
  if not c.mfa then
    subject_to("MFA_REMOTE",
      "multi-factor authentication on all remote access within 60 days of inception")
  end
  if not c.offline_backup then
    subject_to("OFFLINE_BACKUP",
      "offline backups of key systems within 30 days of inception")
  end
  if not deductible_on_menu then
    refer("DEDUCTIBLE_OFF_MENU", "deductible of JPY " ..
      yen(r.liability.deductible) .. " is not on the menu")
  end
  if not share_on_menu then
    refer("COINSURANCE_OFF_MENU", string.format(
      "coinsurance of %d%% is not on the menu", r.liability.coinsurance_pct))
  end
end

function rate(d, s)
  terms = map("sme_terms")
  local a, r = d.applicant, d.coverages
  local deductible_on_menu = find("sme_deductible", r.liability.deductible)
  local share_on_menu = find("sme_coinsurance", r.liability.coinsurance_pct)
  underwrite(d, deductible_on_menu, share_on_menu)

  cover("liability", r.liability.limit)
  rate_part("liability", a, s)
  limit_factor("liability", "Liability limit factor", "sme_liability_limit",
               r.liability.limit)

  cover("expense", r.expense.limit)
  rate_part("expense", a, s)
  limit_factor("expense", "Expense limit factor", "sme_expense_limit",
               r.expense.limit)

  if r.bi.limit > 0 then
    rate_bi(d, s)
  end

  combine("Package premium")
  mul("policy", "Incident history surcharge", 1 + incident_surcharge(s))
  mul("policy", "Security credit (questionnaire + certifications, capped 60%)",
      security_factor(s))
  mul("policy", "Overseas revenue load",
      1 + terms.overseas_load * a.overseas_revenue_share)
  -- off the menu: priced at the nearest entry that does not undercharge
  local deductible, share = r.liability.deductible, r.liability.coinsurance_pct
  if not deductible_on_menu then
    deductible = nearest("sme_deductible", deductible, "down")
  end
  if not share_on_menu then
    share = nearest("sme_coinsurance", share, "up")
  end
  factor("policy", "Deductible", "sme_deductible", deductible)
  factor("policy", "Coinsurance", "sme_coinsurance", share)
  at_least("policy", "Minimum premium", terms.minimum_premium, "sme_terms",
           "minimum_premium")
  round("policy", "Round to 10 yen", 10, "half_up")
end
