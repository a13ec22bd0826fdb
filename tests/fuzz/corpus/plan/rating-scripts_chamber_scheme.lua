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
-- (cc_premium); industry, credits and deductible on the policy.
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
}

local function term(name)
  return lookup("cc_terms", name)
end

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

local function underwrite(d)
  local a, r, c = d.applicant, d.coverages, d.controls
  subject_to("MEMBERSHIP", "current membership of a chamber of commerce at inception")
  if a.revenue >= term("max_revenue") then
    decline("SCHEME_ELIGIBILITY", string.format(
      "revenue of JPY %s: members with JPY 10bn or more are outside the scheme",
      yen(a.revenue)))
  end
  local _, watch = lookup("cc_industry", a.industry)
  if watch == 1 then
    refer("INDUSTRY_WATCH", a.industry .. " is not priced by the scheme's standard rates")
  end
  if a.overseas_revenue_share >= term("overseas_refer_share") then
    refer("OVERSEAS", string.format(
      "%.0f%% of revenue is overseas (the scheme covers domestic members; " ..
      "20%% or more is referred)", a.overseas_revenue_share * 100))
  end
  if a.personal_records >= term("large_records") then
    refer("RECORDS_VOLUME", string.format(
      "%s personal records held (1,000,000 or more is referred)",
      yen(a.personal_records)))
  end
  if not c.mfa and a.revenue >= term("mfa_refer_revenue") then
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
local function history(d)
  local since = add_years(d.effective_date, -term("lookback_years"))
  local recent = add_years(d.effective_date, -term("recent_years"))
  local count = 0
  for _, inc in ipairs(d.incidents) do
    if inc.date > since then
      count = count + 1
      if inc.type == "ransomware" and inc.date > recent then
        refer("RANSOMWARE_HISTORY", "ransomware on " .. inc.date ..
          " (within 3 years)")
      end
      if inc.paid >= term("large_loss") then
        refer("LARGE_LOSS", string.format(
          "incident on %s cost JPY %s (JPY 10m or more)", inc.date, yen(inc.paid)))
      end
    end
  end
  if count >= term("decline_incident_count") then
    decline("LOSS_FREQUENCY", string.format(
      "%d incidents in 5 years (2 or more are declined by the scheme)", count))
  end
  note("policy", "Incidents in the last 5 years (no surcharge; refer or decline only)",
       count)
end

-- Scheme credits: information management (cap 40%), certification (cap
-- 30%), together at most 60%.
local function credit(d)
  local info = math.min(total("cc_info_credit", d.controls),
                        term("info_credit_cap"))
  note("policy", "Information-management credit (capped at 40%)", info)
  local cert = math.min(total("cc_cert_credit", d.certifications),
                        term("cert_credit_cap"))
  note("policy", "Certification credit (capped at 30%)", cert)
  if cert > 0 then
    subject_to("CERT_COPY", "a copy of each certificate claimed, valid at inception")
  end
  local total = math.min(info + cert, term("total_credit_cap"))
  if total > term("authority_credit") then
    require_authority(2, string.format(
      "scheme credit of %.0f%% is above 40%%", total * 100))
  end
  return total
end

function rate(d)
  local a, r = d.applicant, d.coverages
  underwrite(d)

  local option = liability_option(r.liability.limit)
  local sublimit = lookup("cc_menu", option)
  if r.expense.limit ~= sublimit then
    refer("EXPENSE_NOT_SUBLIMIT", string.format(
      "expense limit JPY %s: the JPY %s option carries a fixed expense " ..
      "sub-limit of JPY %s", yen(r.expense.limit), yen(option), yen(sublimit)))
  end
  if option >= term("authority_liability") then
    require_authority(2, "liability option of JPY 300m or more")
  end
  local band = lookup("cc_revenue_band", a.revenue)
  local share = term("liability_share")

  cover("liability", option)
  base("liability", "Scheme premium for revenue band and option", "cc_premium",
       band, option)
  mul("liability", "Liability share of the scheme premium", share, "cc_terms",
      "liability_share")

  cover("expense", math.tointeger(sublimit))
  base("expense", "Scheme premium for revenue band and option", "cc_premium",
       band, option)
  mul("expense", "Expense share of the scheme premium", 1 - share, "cc_terms",
      "liability_share")

  combine("Scheme premium")
  note("policy", "Revenue band", band, "cc_revenue_band", a.revenue)
  history(d)
  factor("policy", "Industry relativity", "cc_industry", a.industry)
  mul("policy", "Scheme credit (information management + certification, capped 60%)",
      1 - credit(d))

  local deductible = r.liability.deductible
  if not find("cc_deductible", deductible) then
    deductible = nearest("cc_deductible", deductible, "down")
    refer("DEDUCTIBLE_OFF_MENU", string.format(
      "deductible of JPY %s is not on the scheme menu; indicated at JPY %s",
      yen(r.liability.deductible), yen(deductible)))
  end
  factor("policy", "Deductible", "cc_deductible", deductible)
  at_least("policy", "Minimum scheme premium", term("minimum_premium"), "cc_terms",
           "minimum_premium")
  round("policy", "Round to 1,000 yen (membership fee)", 1000, "half_up")
end
