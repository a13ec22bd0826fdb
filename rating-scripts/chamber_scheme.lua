-- Chamber scheme plan of Japan Chamber Mutual (fictional scheme).
--
-- An association scheme in the style of the Japan Chamber of Commerce
-- leak-liability scheme (shared/domain.md, shared/calibration): members
-- take a FIXED menu of cover, pay an annual membership-fee style premium
-- rounded to 1,000 yen, and earn scheme credits:
--   * information-management credit up to 40% (controls, cc_info_credit),
--   * certification credit up to 30% (ISMS, Privacy Mark, ...),
--   * both together at most 60%.
-- Cheaper but narrower than a package: each liability option carries a
-- fixed, low expense sub-limit (cc_menu), and there is NO business
-- interruption. A request with BI is priced WITHOUT it and carries a
-- warning (not a referral: the scheme simply does not sell BI; the broker
-- must place BI elsewhere). Coinsurance is not offered: the scheme pays
-- 100%; a request for less is priced at 100% with a warning.
--
-- Structure (different from the other plans): a revenue BAND CODE
-- (cc_revenue_band) and the liability option key a 2-key premium table
-- (cc_premium); industry, credits and deductible on the policy. What
-- does not depend on the cover asked is looked up once in shared(d).
-- Calibration: the neutral declaration lands 5-15% below the Sompo Japan
-- 2025 rows (rating-scripts/tests/README.md). Rate figures are in tables/cc_*.csv.

plan = {
  id = "chamber-scheme",
  insurer = "Japan Chamber Mutual (fictional scheme)",
  product = "Chamber Members' Information Leak Scheme",
  version = "2025.1",
  effective_date = "2025-04-01",
  schema = "cyber-sme@2",
  tables = {
    "cc_revenue_band", "cc_menu", "cc_premium", "cc_industry",
    "cc_info_credit", "cc_cert_credit", "cc_deductible", "cc_terms",
  },
  services = {
    "Incident hotline on business days (9:00-18:00)",
    "Referral to forensic investigators (cost within the expense sub-limit)",
    "Lawyer consultation for leak notification",
    "Template apology letters and notification support",
    "Free member seminars on information security",
  },
  exclusions = {
    "War and state-backed attacks",
    "Fines and administrative penalties",
    "Damage to the insured's own buildings, machines and people",
    "Business interruption (lost profit): not offered by the scheme",
    "Incident-response expenses above the option's fixed sub-limit",
    "System and data restoration costs",
    "IT-services errors and omissions (E&O)",
    "Members with revenue of JPY 10bn or more",
  },
  -- what each coverage part pays, as loss categories (docs/compare.md):
  -- leak liability, and response costs within the option's fixed
  -- expense sub-limit; no ransom, restoration or business interruption
  coverage_terms = {
    liability = { pays = { "third_party_damages", "defence_costs" } },
    expense = {
      pays = { "forensic_investigation", "legal_consulting",
               "notification_apology", "call_centre" },
      sublimit = true,
    },
  },
}

-- The liability option: the requested limit when on the menu; else the
-- next option up (the top option above it), and a referral.
local function liability_option(limit)
  if find("cc_menu", limit) then
    return limit
  end
  local chosen = nearest("cc_menu", limit, "up")
  refer("LIMIT_OFF_MENU", string.format(
    "liability limit of JPY %s is not a scheme option; indicated at the " ..
    "JPY %s option", yen(limit), yen(chosen)))
  return chosen
end

-- What does not depend on the cover asked: looked up once per
-- declaration (once for a whole menu of options) and handed to
-- rate(d, s). Lookups and arithmetic only; rate() records the steps.
function shared(d)
  local a = d.applicant
  local terms = map("cc_terms")
  local industry, watch = lookup("cc_industry", a.industry)
  -- incidents in the lookback, and what each one refers
  local since = add_years(d.effective_date, -terms.lookback_years)
  local recent = add_years(d.effective_date, -terms.recent_years)
  local incidents = {}
  for _, inc in ipairs(d.incidents) do
    if inc.date > since then
      incidents[#incidents + 1] = {
        incident = inc,
        ransomware = inc.type == "ransomware" and inc.date > recent,
        large = inc.paid >= terms.large_loss,
      }
    end
  end
  -- scheme credits: information management (cap 40%), certification
  -- (cap 30%), together at most 60%
  local info = math.min(total("cc_info_credit", d.controls),
                        terms.info_credit_cap)
  local cert = math.min(total("cc_cert_credit", d.certifications),
                        terms.cert_credit_cap)
  return {
    terms = terms,
    industry = industry,
    watch = watch == 1,
    band = lookup("cc_revenue_band", a.revenue),
    incidents = incidents,
    info = info,
    cert = cert,
    credit = math.min(info + cert, terms.total_credit_cap),
  }
end

local function underwrite(d, s)
  local a, r, c, terms = d.applicant, d.coverages, d.controls, s.terms
  subject_to("MEMBERSHIP", "current membership of a chamber of commerce at inception")
  if a.revenue >= terms.max_revenue then
    decline("SCHEME_ELIGIBILITY", string.format(
      "revenue of JPY %s: members with JPY 10bn or more are outside the scheme",
      yen(a.revenue)))
  end
  if s.watch then
    refer("INDUSTRY_WATCH", a.industry .. " is not priced by the scheme's standard rates")
  end
  if a.overseas_revenue_share >= terms.overseas_refer_share then
    refer("OVERSEAS", string.format(
      "%.0f%% of revenue is overseas (the scheme covers domestic members; " ..
      "20%% or more is referred)", a.overseas_revenue_share * 100))
  end
  if a.personal_records >= terms.large_records then
    refer("RECORDS_VOLUME", string.format(
      "%s personal records held (1,000,000 or more is referred)",
      yen(a.personal_records)))
  end
  if not c.mfa and a.revenue >= terms.mfa_refer_revenue then
    refer("MFA_MISSING", "no multi-factor authentication with revenue of JPY 300m or more")
  end
  if not c.offline_backup then
    subject_to("OFFLINE_BACKUP", "offline backups of key systems within 30 days of inception")
  end
  if r.bi.limit > 0 then
    warn(string.format("business interruption (JPY %s asked) is not offered by " ..
      "the scheme; priced without it", yen(r.bi.limit)))
  end
  if r.liability.coinsurance_pct ~= 100 then
    warn(string.format("the scheme pays 100%% of a loss; coinsurance of %d%% " ..
      "is not offered and the quote is priced at 100%%", r.liability.coinsurance_pct))
  end
end

-- Loss history: the scheme has no surcharge; it refers or declines.
local function history(s)
  for _, x in ipairs(s.incidents) do
    local inc = x.incident
    if x.ransomware then
      refer("RANSOMWARE_HISTORY", "ransomware on " .. inc.date ..
        " (within 3 years)")
    end
    if x.large then
      refer("LARGE_LOSS", string.format(
        "incident on %s cost JPY %s (JPY 10m or more)", inc.date, yen(inc.paid)))
    end
  end
  if #s.incidents >= s.terms.decline_incident_count then
    decline("LOSS_FREQUENCY", string.format(
      "%d incidents in 5 years (2 or more are declined by the scheme)",
      #s.incidents))
  end
  note("policy", "Incidents in the last 5 years (no surcharge; refer or decline only)",
       #s.incidents)
end

-- The scheme credits on the worksheet, and what they need.
local function credit(s)
  note("policy", "Information-management credit (capped at 40%)", s.info)
  note("policy", "Certification credit (capped at 30%)", s.cert)
  if s.cert > 0 then
    subject_to("CERT_COPY", "a copy of each certificate claimed, valid at inception")
  end
  if s.credit > s.terms.authority_credit then
    require_authority(2, string.format(
      "scheme credit of %.0f%% is above 40%%", s.credit * 100))
  end
  return s.credit
end

function rate(d, s)
  local a, r, terms = d.applicant, d.coverages, s.terms
  underwrite(d, s)

  local option = liability_option(r.liability.limit)
  local sublimit = lookup("cc_menu", option)
  if r.expense.limit ~= sublimit then
    refer("EXPENSE_NOT_SUBLIMIT", string.format(
      "expense limit JPY %s: the JPY %s option carries a fixed expense " ..
      "sub-limit of JPY %s", yen(r.expense.limit), yen(option), yen(sublimit)))
  end
  if option >= terms.authority_liability then
    require_authority(2, "liability option of JPY 300m or more")
  end
  local band = s.band
  local share = terms.liability_share
  -- the deductible is priced at the menu's next lower entry (referred
  -- below), and the scheme pays 100% whatever share was asked: both
  -- stated as the terms of each part
  local deductible = r.liability.deductible
  if not find("cc_deductible", deductible) then
    deductible = nearest("cc_deductible", deductible, "down")
  end
  local because = {
    deductible = deductible ~= r.liability.deductible
                 and "DEDUCTIBLE_OFF_MENU" or nil,
    coinsurance_pct = "COINSURANCE_NOT_OFFERED",
  }

  cover("liability", { limit = option, deductible = deductible,
        coinsurance_pct = 100, because = because })
  base("liability", "Scheme premium for revenue band and option", "cc_premium",
       band, option)
  mul("liability", "Liability share of the scheme premium", share, "cc_terms",
      "liability_share")

  cover("expense", { limit = math.tointeger(sublimit), deductible = deductible,
        coinsurance_pct = 100, because = because })
  base("expense", "Scheme premium for revenue band and option", "cc_premium",
       band, option)
  mul("expense", "Expense share of the scheme premium", 1 - share, "cc_terms",
      "liability_share")

  combine("Scheme premium")
  note("policy", "Revenue band", band, "cc_revenue_band", a.revenue)
  history(s)
  mul("policy", "Industry relativity", s.industry, "cc_industry", a.industry)
  mul("policy", "Scheme credit (information management + certification, capped 60%)",
      1 - credit(s))

  if deductible ~= r.liability.deductible then
    refer("DEDUCTIBLE_OFF_MENU", string.format(
      "deductible of JPY %s is not on the scheme menu; indicated at JPY %s",
      yen(r.liability.deductible), yen(deductible)))
  end
  factor("policy", "Deductible", "cc_deductible", deductible)
  at_least("policy", "Minimum scheme premium", terms.minimum_premium, "cc_terms",
           "minimum_premium")
  round("policy", "Round to 1,000 yen (membership fee)", 1000, "half_up")
end
