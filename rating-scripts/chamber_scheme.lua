-- Chamber scheme plan of Japan Chamber Mutual (fictional scheme).
--
-- An association scheme (団体制度) in the style of the Japan Chamber of
-- Commerce leak-liability scheme (shared/domain.md, shared/calibration)
-- and of the national scheme proposed in seed 000 (shared/seeds): the
-- association holds a master policy, members join it and pay an annual
-- membership fee rounded to 1,000 yen. Each member is rated on its own
-- by rate(d); `ratel scheme quote` adds the members of a roster to the
-- scheme's account (docs/structures.md, "Association schemes").
--
--   * Tiers by revenue band (cc_scheme_tier): every member of a tier
--     takes the tier's FIXED cover (a liability option of cc_menu with its
--     expense sub-limit); a member asking for more buys an optional
--     TOP-UP, priced per member up to the tier's highest option. Members
--     with revenue of JPY 10bn or more are refused (TOO_LARGE): large
--     companies insure their own risk.
--   * Certification entry: a member holding the scheme's certification
--     (cyber_certification, the seed's "cyber licence") is accepted on its
--     certificate: its controls are not assessed and nothing is referred
--     or made a subjectivity for their absence; its information-
--     management credit is the certificate's (cc_terms). A member without
--     it is assessed on its controls as before.
--   * Scheme credits: information management up to 40% (cc_info_credit),
--     certification up to 30% (cc_cert_credit), together at most 60%.
--   * Renewal: the scheme's own loss experience (cc_experience, one
--     version per scheme year) adjusts every fee by
--     1 + Z x (loss ratio / expected - 1), Z = min(1, sqrt(member-years /
--     full credibility)), within +-25%, to 0.001.
--   * Narrow cover: fixed, low expense sub-limits; NO business
--     interruption (a request with BI is priced without it, with a
--     warning); no coinsurance (priced at 100%, with a warning).
--
-- For the scheme's account each quote carries attributes: scheme.tier and
-- scheme.tier_order, scheme.top_up (the top-up's part of the fee),
-- scheme.admin_fee (the association's share, rounded down to the yen)
-- and scheme.minimum_premium (the master policy's minimum to the insurer).
-- Calibration: the neutral declaration of 2025 lands 5-15% below the
-- Sompo Japan 2025 rows (rating-scripts/tests/README.md). Rate figures are
-- in tables/cc_*.csv.

plan = {
  id = "chamber-scheme",
  insurer = "Japan Chamber Mutual (fictional scheme)",
  product = "Chamber Members' Information Leak Scheme",
  version = "2026.1",
  effective_date = "2025-04-01",
  schema = "cyber-sme@2",
  tables = {
    "cc_revenue_band", "cc_menu", "cc_premium", "cc_industry",
    "cc_info_credit", "cc_cert_credit", "cc_deductible", "cc_terms",
    "cc_scheme_tier", "cc_experience",
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
    "Members with revenue of JPY 10bn or more (they insure their own risk)",
  },
}

local function term(name)
  return lookup("cc_terms", name)
end

-- Whether the member holds the scheme's own certification.
local function holds_certificate(d)
  return d.certifications.cyber_certification == true
end

-- The scheme's tier of a revenue band (cc_scheme_tier: a row per tier).
local function tier_of(band)
  for _, t in ipairs(rows("cc_scheme_tier")) do
    if band >= t.band_from and band <= t.band_to then
      return t
    end
  end
  error(string.format("no scheme tier for revenue band %d", band))
end

-- The liability option the member is priced at: the tier's fixed cover,
-- or a top-up option when the member asks for more (the next menu
-- option up when the request is between options; at most the tier's
-- highest). Returns the option and the reason code of a difference from
-- the request.
local function liability_option(asked, tier, fixed, highest)
  if asked <= fixed then
    if asked < fixed then
      return fixed, "SCHEME_FIXED_COVER"
    end
    return fixed
  end
  if asked > highest then
    warn(string.format("a top-up to JPY %s is above the %s tier's highest " ..
      "option (JPY %s): priced at JPY %s; place the rest outside the scheme",
      yen(asked), tier, yen(highest), yen(highest)))
    return highest, "TOP_UP_ABOVE_TIER"
  end
  if find("cc_menu", asked) then
    return asked
  end
  local chosen = nearest("cc_menu", asked, "up")
  refer("LIMIT_OFF_MENU", string.format(
    "liability limit of JPY %s is not a scheme option; indicated at the " ..
    "JPY %s option", yen(asked), yen(chosen)))
  return chosen, "LIMIT_OFF_MENU"
end

local function underwrite(d, certified)
  local a, r, c = d.applicant, d.coverages, d.controls
  subject_to("MEMBERSHIP", "current membership of a chamber of commerce at inception")
  if a.revenue >= term("max_revenue") then
    decline("TOO_LARGE", string.format(
      "revenue of JPY %s: companies with JPY 10bn or more insure their own " ..
      "risk outside the scheme", yen(a.revenue)))
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
  -- The certificate replaces the entry risk check: a certified member's
  -- controls are not assessed, so their absence refers nothing.
  if not certified then
    if not c.mfa and a.revenue >= term("mfa_refer_revenue") then
      refer("MFA_MISSING", "no multi-factor authentication with revenue of JPY 300m or more")
    end
    if not c.offline_backup then
      subject_to("OFFLINE_BACKUP", "offline backups of key systems within 30 days of inception")
    end
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

-- Scheme credits: information management (cap 40%; a certified member's
-- is the certificate's), certification (cap 30%), together at most 60%;
-- above 40% the underwriter's authority, except on the certificate.
local function credit(d, certified)
  local info
  if certified then
    info = term("certified_info_credit")
    note("policy", "Information-management credit on the scheme's " ..
         "certificate (controls not assessed)", info, "cc_terms",
         "certified_info_credit")
  else
    info = math.min(total("cc_info_credit", d.controls),
                    term("info_credit_cap"))
    note("policy", "Information-management credit (capped at 40%)", info)
  end
  local cert = math.min(total("cc_cert_credit", d.certifications),
                        term("cert_credit_cap"))
  note("policy", "Certification credit (capped at 30%)", cert)
  if cert > 0 then
    subject_to("CERT_COPY", "a copy of each certificate claimed, valid at inception")
  end
  local total = math.min(info + cert, term("total_credit_cap"))
  -- A credit on the scheme's certificate is the scheme's rule, not the
  -- underwriter's judgment: it needs no authority.
  if total > term("authority_credit") and not certified then
    require_authority(2, string.format(
      "scheme credit of %.0f%% is above 40%%", total * 100))
  end
  return total
end

-- Renewal: the scheme's own loss ratio against the expected, weighted by
-- its credibility (square-root rule on member-years), within the cap,
-- rounded to 0.001. Returns the factor applied.
local function experience()
  local years = lookup("cc_experience", "member_years")
  local earned = lookup("cc_experience", "earned_premium")
  local incurred = lookup("cc_experience", "incurred_losses")
  local expected = term("expected_loss_ratio")
  local z = math.min(1, math.sqrt(years / term("full_credibility_member_years")))
  local ratio = expected
  if earned > 0 then
    ratio = incurred / earned
  end
  note("policy", "Scheme loss ratio over the experience period (the " ..
       "expected when there is none)", ratio)
  note("policy", "Member-years of the experience period", years,
       "cc_experience", "member_years")
  note("policy", "Credibility: sqrt(member-years / 10,000), at most 1", z)
  local cap = term("experience_cap")
  local raw = 1 + z * (ratio / expected - 1)
  local adjust = math.floor(math.max(1 - cap, math.min(1 + cap, raw)) * 1000 + 0.5) / 1000
  mul("policy", "Scheme experience: 1 + credibility x (loss ratio / 55% " ..
      "expected - 1), within 25%, rounded to 0.001", adjust)
  return adjust
end

local function deductible_factor(asked)
  local deductible = asked
  if not find("cc_deductible", deductible) then
    deductible = nearest("cc_deductible", deductible, "down")
    refer("DEDUCTIBLE_OFF_MENU", string.format(
      "deductible of JPY %s is not on the scheme menu; indicated at JPY %s",
      yen(asked), yen(deductible)))
  end
  local _, f = factor("policy", "Deductible", "cc_deductible", deductible)
  return f
end

function rate(d)
  local a, r = d.applicant, d.coverages
  local certified = holds_certificate(d)
  underwrite(d, certified)

  local band = lookup("cc_revenue_band", a.revenue)
  local tier = tier_of(band)
  local fixed = math.tointeger(tier.fixed_liability)
  local option, why = liability_option(r.liability.limit, tier.tier, fixed,
                                       math.tointeger(tier.max_liability))
  local sublimit = math.tointeger(lookup("cc_menu", option))
  if option >= term("authority_liability") then
    require_authority(2, "liability option of JPY 300m or more")
  end
  local share = term("liability_share")

  cover("liability", {limit = option, because = why})
  base("liability", "Scheme premium for revenue band and the tier's fixed " ..
       "cover", "cc_premium", band, fixed)
  mul("liability", "Liability share of the scheme premium", share, "cc_terms",
      "liability_share")

  -- The expense sub-limit comes with the option: a member asking for
  -- another is priced at the option's (a difference on the quote).
  cover("expense", {limit = sublimit, because = "OPTION_SUBLIMIT"})
  base("expense", "Scheme premium for revenue band and the tier's fixed " ..
       "cover", "cc_premium", band, fixed)
  mul("expense", "Expense share of the scheme premium (1 - the liability " ..
      "share)", 1 - share)

  combine("Scheme premium of the fixed cover")
  note("policy", "Revenue band", band, "cc_revenue_band", a.revenue)
  history(d)
  local _, industry = factor("policy", "Industry relativity", "cc_industry", a.industry)
  local credits = credit(d, certified)
  mul("policy", "Scheme credit (information management + certification, capped 60%)",
      1 - credits)
  local adjust = experience()
  local deductible = deductible_factor(r.liability.deductible)
  at_least("policy", "Minimum member fee", term("minimum_premium"), "cc_terms",
           "minimum_premium")
  round("policy", "Round the fixed cover's fee to 1,000 yen (membership fee)",
        1000, "half_up")

  -- The optional top-up: the option's scheme premium less the fixed
  -- cover's, under the same industry, credit, experience and deductible
  -- factors; no minimum of its own.
  local top_up = 0
  if option > fixed then
    local whole = lookup("cc_premium", band, option)
    note("policy", "Scheme premium for revenue band and the top-up option",
         whole, "cc_premium", string.format("%d/%d", band, option))
    local fixed_fee = premium("policy")
    add("policy", string.format("Optional top-up to JPY %s: (the option's " ..
        "premium - the fixed cover's) x the industry, credit, experience and " ..
        "deductible factors, rounded to 1,000 yen", yen(option)),
        round_amount((whole - lookup("cc_premium", band, fixed)) * industry *
                     (1 - credits) * adjust * deductible, 1000, "half_up"))
    -- What the step added, so that an underwriter's override of the
    -- top-up is the top-up the scheme's account sees.
    top_up = premium("policy") - fixed_fee
  end

  local admin = round_amount(premium("policy") * term("admin_share"), 1, "down")
  note("policy", "Association's administration share (10%, rounded down " ..
       "to the yen)", admin)
  attribute("scheme.tier", tier.tier)
  attribute("scheme.tier_order", tier.tier_order)
  attribute("scheme.top_up", top_up)
  attribute("scheme.admin_fee", admin)
  attribute("scheme.minimum_premium", term("scheme_minimum_premium"))
end
