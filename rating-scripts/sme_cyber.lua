-- SME cyber package: the reference plan of ratel.
--
-- Prices the Japanese SME cyber package (liability, incident-response
-- expense, optional business interruption) from revenue, industry,
-- incident history, security controls and the cover asked for.
-- Calibrated on published market examples (shared/calibration): at the
-- neutral level (no credit, no surcharge, deductible 100,000, coinsurance
-- 100%, no BI) it reproduces them within 1%. See docs/plans.md.
--
-- Rules an underwriter reviewing it should know (docs/underwriting.md, "A
-- review before a filing"; plan cases 15-31):
--   * the 25,000 minimum is a floor of each part's base premium for
--     revenue; the policy minimum (10,000) comes before the incident and
--     overseas loads, so loss history is never swallowed by a minimum;
--   * no cliffs: incident severity, incident age (full for 3 years, none
--     at 5), the short period and records are interpolated;
--   * referred: a loss of 50m or more (LARGE_LOSS), a deductible above 10%
--     of the smallest covered limit (priced within it), an expense limit
--     above liability, limits above 20 times revenue and 200m, 100m
--     records or more; declined: coinsurance below 50%, no cover asked;
--   * a security credit above 40% needs authority level 2 (the evidence of
--     the controls is checked): an authority requirement, not a worse risk;
--   * IT-services E&O is an option (coverages.eo, 100m or 500m; rate_eo):
--     the published IT rows reproduce within 1% with it; without it, E&O
--     stays excluded (the exclusion below is the policy's without it).

plan = {
  id = "sme-cyber",
  insurer = "Ratel Reference Insurance",
  product = "SME Cyber Package",
  version = "2025.3",
  effective_date = "2025-04-01",
  schema = "cyber-sme@3",
  default = true, -- the plan rated when a call names none
  tables = {
    "sme_base_premium", "sme_coverage_share", "sme_industry",
    "sme_liability_limit", "sme_expense_limit", "sme_bi_limit",
    "sme_bi_waiting", "sme_incident_load", "sme_incident_severity",
    "sme_control_points", "sme_control_credit", "sme_certification_credit",
    "sme_deductible", "sme_coinsurance", "sme_terms", "sme_hazard_class",
    "sme_short_period", "sme_period_terms", "sme_ransom_sublimit",
    "sme_group_size", "sme_group_limit_basis", "sme_records",
    "sme_incident_age", "sme_eo_limit",
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
  -- what each coverage part pays, as loss categories, and the sub-limits
  -- that cap some of them: the broker's comparison settles its loss
  -- scenarios against these and the terms priced (docs/compare.md)
  coverage_terms = {
    liability = {
      pays = { "third_party_damages", "defence_costs", "regulatory_defence" },
      sublimits = { regulatory_defence = { "regulatory_defence" } },
    },
    expense = {
      pays = {
        "forensic_investigation", "legal_consulting", "notification_apology",
        "call_centre", "credit_monitoring", "reputation_response",
        "data_restoration", "recurrence_prevention", "ransom",
      },
      sublimits = {
        ransom = { "ransom" },
        notification = { "notification_apology" },
        forensics = { "forensic_investigation" },
        credit_monitoring = { "credit_monitoring" },
      },
    },
    bi = { pays = { "lost_profit", "extra_expense" } },
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

-- The limit priced for `limit` asked of an exact limit table: the limit
-- itself when on the menu; else the next menu limit up (or the top of the
-- menu), referred, with the reason code of the difference.
local function menu_limit(cov, table_name, limit)
  if find(table_name, limit) then
    return limit
  end
  local chosen = nearest(table_name, limit, "up")
  refer("LIMIT_OFF_MENU", string.format(
    "%s limit of JPY %s is not on the menu; indicated at JPY %s",
    cov, yen(limit), yen(chosen)))
  return chosen, "LIMIT_OFF_MENU"
end

-- The limit factor of a coverage priced at `limit` (asked: `asked`).
local function limit_factor(cov, label, table_name, limit, asked)
  if limit ~= asked then
    label = label .. " (indicated at the menu limit)"
  end
  return factor(cov, label, table_name, limit)
end

-- What does not depend on the cover asked for: looked up once per
-- declaration (once for a whole options menu) and handed to rate(d, s).
-- Only lookups and arithmetic here; the steps are recorded in rate().
function shared(d)
  terms = map("sme_terms")
  local a = d.applicant
  -- incidents in the lookback: each weighs by type, by the amount paid,
  -- and by its age (1 for three years, then down to nothing at five, so
  -- a day older never jumps the premium); most applicants have none
  local incidents, loading = {}, 0
  local since
  if #d.incidents > 0 then
    since = add_years(d.effective_date, -terms.lookback_years)
  end
  for _, inc in ipairs(d.incidents) do
    if inc.date > since then
      local x = {
        incident = inc,
        load = lookup("sme_incident_load", inc.type),
        weight = lookup("sme_incident_severity", inc.paid),
        age = lookup("sme_incident_age",
                     days_between(inc.date, d.effective_date)),
        unremediated = inc.type == "ransomware"
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
    records = lookup("sme_records", a.personal_records),
    incidents = incidents,
    surcharge = math.min(loading, terms.max_incident_surcharge),
    points = points,
    questionnaire = questionnaire,
    certification = certification,
    credit = math.min(questionnaire + certification,
                      terms.security_credit_cap),
  }
end

-- The base premium for revenue of a coverage, at least the minimum base
-- premium: the minimum is a floor on the exposure, before the limits,
-- industry, loss history and credits, so that every one of them still
-- moves the price of a small company.
local function base_premium(cov, a, s)
  set(cov, "Base premium for revenue", s.base, "sme_base_premium", a.revenue)
  at_least(cov, "Minimum base premium", terms.minimum_base_premium,
           "sme_terms", "minimum_base_premium")
end

-- The steps a liability or expense part shares: its base, its share of
-- the package, industry, the personal records held (a leak's liability
-- and notification costs grow with them; business interruption does not)
-- and hazard class.
local function package_part(cov, a, s)
  base_premium(cov, a, s)
  factor(cov, "Share of the package", "sme_coverage_share", cov)
  mul(cov, "Industry relativity", s.industry, "sme_industry", a.industry)
  if s.records ~= 1 then
    mul(cov, "Personal records held", s.records, "sme_records",
        a.personal_records)
  end
  if a.hazard_class ~= "standard" then
    factor(cov, "Hazard class", "sme_hazard_class", a.hazard_class)
  end
end

-- A coverage's own deductible and coinsurance, when the parts differ.
local function part_terms(cov, t)
  factor(cov, "Deductible of the part", "sme_deductible", t.deductible)
  factor(cov, "Coinsurance of the part", "sme_coinsurance", t.share)
end

-- Business interruption: priced at the limit asked on the rate curve
-- (up to its top, JPY 1bn; above it at the top, stated) and at the
-- waiting period asked (within 2 to 240 hours; outside, at the nearest
-- end, stated). Both are referred outside the plan's bounds.
local function rate_bi(d, s, t)
  local r = d.coverages
  local max_limit = math.min(terms.bi_max_limit,
    terms.bi_max_share_of_liability * r.liability.limit)
  if r.bi.limit > max_limit then
    refer("BI_LIMIT", string.format(
      "business-interruption limit JPY %s is above the plan's maximum of " ..
      "JPY %s (50%% of liability, at most JPY 100m)", yen(r.bi.limit),
      yen(max_limit)))
  end
  local curve = rows("sme_bi_limit")
  local top = math.tointeger(curve[#curve].bi_limit)
  local limit, why_limit = r.bi.limit, nil
  if limit > top then
    limit, why_limit = top, "BI_LIMIT"
  end
  local hours, why_hours = r.bi.waiting_hours, nil
  local lo, hi = terms.bi_min_waiting_hours, terms.bi_max_waiting_hours
  if hours < lo or hours > hi then
    local priced = math.tointeger(math.min(math.max(hours, lo), hi))
    refer("BI_WAITING", string.format(
      "waiting period of %d hours is outside 2 to 240 hours; indicated at " ..
      "%d hours", hours, priced))
    hours, why_hours = priced, "BI_WAITING"
  end
  local because -- only when a term priced differs from the one asked
  if why_limit or why_hours or t.why_deductible or t.why_coinsurance then
    because = { limit = why_limit, waiting_hours = why_hours,
                deductible = t.why_deductible,
                coinsurance_pct = t.why_coinsurance }
  end
  cover("bi", { limit = limit, deductible = t.deductible,
        coinsurance_pct = t.share, waiting_hours = hours,
        because = because })
  base_premium("bi", d.applicant, s)
  mul("bi", "Industry relativity", s.industry, "sme_industry",
      d.applicant.industry)
  factor("bi", "BI limit rate", "sme_bi_limit", limit)
  factor("bi", "Waiting period", "sme_bi_waiting", hours)
end

-- The incidents on the worksheet, their referrals, and the surcharge.
local function incident_surcharge(s)
  for _, x in ipairs(s.incidents) do
    local inc = x.incident
    -- a computed figure: no table and key on the step (the engine holds
    -- a step that names them to the table's value)
    note("policy", string.format("Incident %s %s (load %g x severity %g x age %g)",
      inc.date, inc.type, x.load, x.weight, x.age), x.load * x.weight * x.age)
    if x.unremediated then
      refer("RANSOMWARE_UNREMEDIATED", string.format(
        "ransomware on %s and EDR or offline backups not in place", inc.date))
    end
    -- the severity weight stops growing at 50m: a loss that large says
    -- more about the risk than a surcharge can price
    if inc.paid >= terms.large_loss then
      refer("LARGE_LOSS", string.format(
        "the %s on %s cost JPY %s (JPY %s or more)", inc.type, inc.date,
        yen(inc.paid), yen(terms.large_loss)))
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
  -- a deliberate control, not a worse risk: a credit above 40% is given
  -- on evidence of the controls, which an underwriter of level 2 checks
  -- (the quote is referred for AUTHORITY alone at level 1)
  if s.credit > terms.credit_needing_authority then
    require_authority(2, string.format(
      "a security credit of %.0f%% (above 40%%) is given on evidence of " ..
      "the controls, checked by an underwriter of level 2", s.credit * 100))
  end
  return 1 - s.credit
end

-- The risk's own referrals, declines and subjectivities: from the
-- applicant and its controls alone, so the options of a menu share them
-- (shared_steps).
local function underwrite_risk(a, c)
  if a.revenue > terms.max_revenue then
    decline("REVENUE_ABOVE_SME", string.format(
      "revenue of JPY %s is above the SME package's JPY 100bn", yen(a.revenue)))
  end
  if a.overseas_revenue_share >= terms.overseas_refer_share then
    refer("OVERSEAS", "half or more of revenue is overseas")
  end
  if a.personal_records >= terms.records_refer then
    refer("RECORDS_VOLUME", string.format(
      "%s personal records held (%s or more are referred)",
      yen(a.personal_records), yen(terms.records_refer)))
  end
  if a.personal_records >= terms.large_records
     and not (c.encryption and c.access_control) then
    refer("RECORDS_UNPROTECTED", string.format(
      "%s personal records held without encryption and access control",
      yen(a.personal_records)))
  end
  if not c.mfa then
    subject_to("MFA_REMOTE",
      "multi-factor authentication on all remote access within 60 days of inception")
  end
  if not c.offline_backup then
    subject_to("OFFLINE_BACKUP",
      "offline backups of key systems within 30 days of inception")
  end
end

-- The referrals of the cover asked for.
local function underwrite_cover(a, r)
  if r.liability.limit > 500000000 then
    require_authority(3, "liability limit above JPY 500m")
  end
  if r.liability.limit > 0 and r.expense.limit > r.liability.limit then
    refer("EXPENSE_ABOVE_LIABILITY", string.format(
      "expense limit JPY %s is above the liability limit JPY %s",
      yen(r.expense.limit), yen(r.liability.limit)))
  end
  -- cover out of proportion to the business: the premium follows revenue,
  -- so limits many times revenue would be priced as a small company's
  local limits = r.liability.limit + r.expense.limit + r.bi.limit
  local most = math.max(terms.exposure_limit_multiple * a.revenue,
                        terms.exposure_limit_floor)
  if limits > most then
    refer("LIMITS_ABOVE_EXPOSURE", string.format(
      "limits of JPY %s in all are above %d times revenue (JPY %s) and " ..
      "JPY %s", yen(limits), math.tointeger(terms.exposure_limit_multiple),
      yen(a.revenue), yen(terms.exposure_limit_floor)))
  end
end

-- The deductible and coinsurance priced for those asked of a part (the
-- policy's when `cov` is nil), whose smallest limit is `limit`: on the
-- menu, as asked; else referred and priced at the nearest entries that
-- do not undercharge, with the reason codes of the differences. A
-- deductible above a tenth of the limit leaves little to insure: it is
-- referred and priced at the largest menu deductible within that tenth.
-- A coinsurance share below the menu's smallest (50%) is declined: a
-- policy that pays 1% of a loss is not insurance the plan can price.
local function menu_terms(part, cov, limit)
  local t = { deductible = part.deductible, share = part.coinsurance_pct }
  local whose = cov and cov .. " " or ""
  if not find("sme_deductible", t.deductible) then
    refer("DEDUCTIBLE_OFF_MENU", whose .. "deductible of JPY " ..
      yen(t.deductible) .. " is not on the menu")
    t.deductible = nearest("sme_deductible", t.deductible, "down")
    t.why_deductible = "DEDUCTIBLE_OFF_MENU"
  end
  local most = math.floor(terms.max_deductible_share * limit + 0.5)
  if t.deductible > most then
    local priced = nearest("sme_deductible", most, "down")
    refer("DEDUCTIBLE_ABOVE_LIMIT", string.format(
      "%sdeductible of JPY %s is more than %d%% of the limit of JPY %s; " ..
      "indicated at JPY %s", whose, yen(part.deductible),
      math.floor(terms.max_deductible_share * 100 + 0.5), yen(limit),
      yen(priced)))
    t.deductible, t.why_deductible = priced, "DEDUCTIBLE_ABOVE_LIMIT"
  end
  if t.share < terms.min_coinsurance_pct then
    decline("COINSURANCE_BELOW_MINIMUM", string.format(
      "%scoinsurance of %d%%: the insurer pays at least %d%% of a loss",
      whose, t.share, terms.min_coinsurance_pct))
    t.share = nearest("sme_coinsurance", t.share, "up")
    t.why_coinsurance = "COINSURANCE_BELOW_MINIMUM"
  elseif not find("sme_coinsurance", t.share) then
    refer("COINSURANCE_OFF_MENU", string.format(
      "%scoinsurance of %d%% is not on the menu", whose, t.share))
    t.share = nearest("sme_coinsurance", t.share, "up")
    t.why_coinsurance = "COINSURANCE_OFF_MENU"
  end
  return t
end

-- The policy period against one year: the short-period table below a
-- year, pro rata above it (referred beyond 18 months).
local function period_factor(d)
  local p = d.policy
  if p.expiry == add_years(p.inception, 1) then
    return
  end
  local days = days_between(p.inception, p.expiry)
  if days <= 0 then
    decline("POLICY_PERIOD", "the policy expires on or before its inception")
    return
  end
  if days < 365 then
    factor("policy", string.format("Short period of %d days", days),
           "sme_short_period", days)
  else
    if days > lookup("sme_period_terms", "max_days") then
      refer("POLICY_PERIOD", string.format(
        "a policy period of %d days is longer than 18 months", days))
    end
    mul("policy", string.format("Long period of %d days (pro rata)", days),
        days / 365)
  end
end

-- A ransom sub-limit inside the expense limit lowers the expense premium
-- by the share of ransom losses it leaves out (sme_ransom_sublimit, by
-- the sub-limit as a share of the expense limit).
local function ransom_sublimit(expense_limit, sub)
  if sub == nil then
    return nil
  end
  local priced, why = sub, nil
  if sub > expense_limit then
    priced, why = expense_limit, "SUBLIMIT_ABOVE_LIMIT"
  end
  local share = expense_limit > 0 and priced / expense_limit or 1
  factor("expense", string.format("Ransom sub-limit of JPY %s", yen(priced)),
         "sme_ransom_sublimit", share)
  return priced, why
end

-- A liability or expense part: priced at its menu limit with terms `t`.
-- Returns the limit priced.
local function rate_part(d, s, cov, table_name, label, t)
  local asked = d.coverages[cov].limit
  local limit, why_limit = menu_limit(cov, table_name, asked)
  local because -- only when a term priced differs from the one asked
  if why_limit or t.why_deductible or t.why_coinsurance then
    because = { limit = why_limit, deductible = t.why_deductible,
                coinsurance_pct = t.why_coinsurance }
  end
  cover(cov, limit, t.deductible, t.share, because)
  shared_steps(package_part, cov, d.applicant, s)
  limit_factor(cov, label, table_name, limit, asked)
  return limit
end

-- IT-services errors and omissions (E&O): an optional part for IT-services
-- firms, priced as the published grid's IT rows price it: the base
-- premium for revenue times the option's rate (sme_eo_limit, 100m or
-- 500m), not the cyber industry relativity, records or hazard class (the
-- rate is the IT firm's own). `policy` is the policy's terms when the
-- other parts share them (the policy's deductible and coinsurance then
-- apply to E&O too; E&O asking other terms is referred and priced at the
-- policy's); else nil, and E&O is priced at its own terms. Asked by
-- another industry, or without liability cover, it is referred: the rate
-- is an IT firm's, sold beside the cyber liability.
local function rate_eo(d, s, policy)
  local eo, c, a = d.coverages.eo, d.coverages, d.applicant
  if eo.limit == 0 then
    return
  end
  if a.industry ~= "it_services" then
    refer("EO_INDUSTRY", string.format("E&O is rated for IT-services firms, " ..
      "not %s: indicated at the IT rate", a.industry))
  end
  if c.liability.limit == 0 then
    refer("EO_WITHOUT_LIABILITY",
      "E&O is sold beside the cyber liability cover, which is not asked for")
  end
  local limit, why_limit = menu_limit("eo", "sme_eo_limit", eo.limit)
  local t = policy or menu_terms(eo, "eo", limit)
  local why = { limit = why_limit, deductible = t.why_deductible,
                coinsurance_pct = t.why_coinsurance }
  if policy then
    local other = c.liability.limit > 0 and c.liability or c.expense
    if eo.deductible ~= other.deductible then
      why.deductible = "EO_POLICY_TERMS"
    end
    if eo.coinsurance_pct ~= other.coinsurance_pct then
      why.coinsurance_pct = "EO_POLICY_TERMS"
    end
    if why.deductible == "EO_POLICY_TERMS" or
       why.coinsurance_pct == "EO_POLICY_TERMS" then
      refer("EO_POLICY_TERMS", "E&O asks for a deductible or coinsurance " ..
        "other than the policy's: indicated at the policy's")
    end
  end
  cover("eo", { limit = limit, deductible = t.deductible,
        coinsurance_pct = t.share, because = why })
  base_premium("eo", a, s)
  limit_factor("eo", "E&O limit rate", "sme_eo_limit", limit, eo.limit)
  if not policy then
    part_terms("eo", t)
  end
end

-- The parts, in the order they are priced.
local PARTS <const> = { "liability", "expense", "bi" }

-- Whether part p is not asked for (limit 0) or has the terms of x.
local function same_terms(p, x)
  return p.limit == 0 or (p.deductible == x.deductible and
                          p.coinsurance_pct == x.coinsurance_pct)
end

-- The security credit on the policy premium.
local function security_credit(s)
  mul("policy", "Security credit (questionnaire + certifications, capped 60%)",
      security_factor(s))
end

-- The policy's minimum comes after the credits and terms that lower the
-- premium and before the loads that raise it: loss history and overseas
-- sales always cost more, even at the minimum. Then the period, rounded.
local function policy_tail(d, s)
  at_least("policy", "Minimum premium", terms.minimum_premium, "sme_terms",
           "minimum_premium")
  mul("policy", "Incident history surcharge", 1 + incident_surcharge(s))
  mul("policy", "Overseas revenue load",
      1 + terms.overseas_load * d.applicant.overseas_revenue_share)
  period_factor(d)
  round("policy", "Round to 10 yen", 10, "half_up")
end

-- The policy's steps after combine(): the security credit, the policy's
-- deductible and coinsurance when the parts share them (nil: each part
-- has its own), and the tail. A menu's options asking the same terms
-- share them (keyed by the deductible and coinsurance priced).
local function policy_steps(d, s, deductible, share)
  security_credit(s)
  if deductible then
    factor("policy", "Deductible", "sme_deductible", deductible)
    factor("policy", "Coinsurance", "sme_coinsurance", share)
  end
  policy_tail(d, s)
end

-- The steps and reasons that do not depend on the cover asked for are
-- taken through shared_steps(): a menu's options take them once and
-- replay them (docs/plans.md, "Options menus").
function rate(d, s)
  terms = map("sme_terms")
  local a, c = d.applicant, d.coverages
  shared_steps(underwrite_risk, a, d.controls)
  underwrite_cover(a, c)
  if c.liability.limit == 0 and c.expense.limit == 0 then
    decline("NO_COVER", "neither liability nor expense cover is asked for")
    return
  end
  -- one deductible and coinsurance for the whole policy (the short form
  -- of the declaration), or one per coverage part; the policy's are
  -- measured against its smallest liability or expense limit. A part
  -- with limit 0 is not asked for (an expense-only policy has liability
  -- 0), not priced at the menu's smallest limit.
  local first = c.liability.limit > 0 and c.liability or c.expense
  local smallest = math.min(
    c.liability.limit > 0 and c.liability.limit or math.huge,
    c.expense.limit > 0 and c.expense.limit or math.huge)
  local policy_terms = same_terms(c.liability, first) and
    same_terms(c.expense, first) and same_terms(c.bi, first)
  local shared_terms = policy_terms and menu_terms(first, nil, smallest)

  for _, part in ipairs(PARTS) do
    if c[part].limit > 0 then
      local t = shared_terms or menu_terms(c[part], part, c[part].limit)
      if part == "bi" then
        rate_bi(d, s, t)
      elseif part == "liability" then
        rate_part(d, s, "liability", "sme_liability_limit",
                  "Liability limit factor", t)
      else
        local limit = rate_part(d, s, "expense", "sme_expense_limit",
                                "Expense limit factor", t)
        local ransom, why = ransom_sublimit(limit,
                                            c.expense.sublimits.ransom)
        if ransom then
          term("expense", "sublimits.ransom", ransom, why)
        end
      end
      if not policy_terms then
        part_terms(part, t)
      end
    end
  end

  rate_eo(d, s, shared_terms or nil)
  combine("Package premium")
  if policy_terms then
    shared_steps(policy_steps, d, s, shared_terms.deductible,
                 shared_terms.share)
  else
    shared_steps(policy_steps, d, s)
  end
end

-- Groups (グループ一括契約: a parent and its subsidiaries under one
-- contract). Market practice followed: the parent's policy is extended
-- to its subsidiaries and the group pays the sum of what each company
-- would pay on its own, less a group discount growing with the number of
-- companies (sme_group_size) and, when the companies share one limit
-- rather than each having its own, a shared-limit factor
-- (sme_group_limit_basis): several companies drawing on one limit cost
-- less than the sum of their own limits. Each company's incidents and
-- controls are priced once, in its own premium. Calibrated so that a
-- parent and three subsidiaries cost 15% (own limits) to 22% (one shared
-- limit) less than four policies. A subsidiary declined on its own is
-- left out of the group, with its reasons; a declined parent declines
-- the group. The premium is shared back in proportion to the standalone
-- premiums (the engine's default).
function rate_group(d, members)
  local included = {}
  for _, m in ipairs(members) do
    if m.decision ~= "declined" then
      included[#included + 1] = m
    elseif m.index == 1 then
      decline("PARENT_DECLINED", string.format(
        "the parent %s is declined on its own (%s)", m.name,
        table.concat(m.reasons, ", ")))
      included[#included + 1] = m
    else
      exclude(m.index, string.format("declined on its own (%s)",
        table.concat(m.reasons, ", ")))
    end
  end
  local c = d.coverages
  for _, cov in ipairs({ "liability", "expense", "bi", "eo" }) do
    local sum, any = 0, false
    for _, m in ipairs(included) do
      local p = m.coverages[cov]
      if p then
        sum, any = sum + p, true
      end
    end
    if any then
      cover(cov, c[cov].limit)
      set(cov, string.format("Standalone premiums of the %d companies",
                             #included), sum)
    end
  end
  combine("Standalone premiums of the group")
  factor("policy", string.format("Group of %d companies", #included),
         "sme_group_size", #included)
  factor("policy", "Limit basis: " .. d.group.limit_basis,
         "sme_group_limit_basis", d.group.limit_basis)
  round("policy", "Round to 10 yen", 10, "half_up")
end
