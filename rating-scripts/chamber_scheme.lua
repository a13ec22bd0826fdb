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
--     interruption (a request with BI is referred BI_NOT_OFFERED and
--     priced without it); no coinsurance (a share of 50-99% is referred
--     COINSURANCE_NOT_OFFERED and priced at 100%; below 50% declined).
--
-- Rules an underwriter reviewing it should know (issue 18,
-- docs/underwriting.md "chamber-scheme"; plan cases 38-44):
--   * fees by revenue band, as the scheme's brochure prints them, with
--     no cliff: in the last tenth of a band (from 90% of the next band's
--     lower bound) the fee moves in a straight line to the next band's
--     fee for the same cover (cc_terms band_approach), so one yen more
--     revenue never jumps the fee. At a TIER edge (300m, 1.5bn) a member
--     asking less than the fixed cover gets the next tier's larger fixed
--     cover (30m -> 50m -> 100m): the fee rises with the cover, a
--     deliberate scheme rule (every member of a tier holds its cover);
--   * every liability limit off the menu is referred (LIMIT_OFF_MENU),
--     and so is a top-up above the tier's highest option
--     (TOP_UP_ABOVE_TIER); an expense limit above the liability limit
--     asked is referred (EXPENSE_ABOVE_LIABILITY); no liability cover is
--     declined (NO_COVER: the scheme is a liability scheme);
--   * the scheme's certificate never raises a fee: the information-
--     management credit of a certified member is the certificate's or
--     its controls', whichever is larger;
--   * each part states the deductible and coinsurance it was priced at.
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
  version = "2026.2",
  effective_date = "2025-04-01",
  schema = "cyber-sme@2",
  tables = {
    "cc_revenue_band", "cc_menu", "cc_premium", "cc_industry",
    "cc_info_credit", "cc_cert_credit", "cc_deductible", "cc_terms",
    "cc_scheme_tier", "cc_experience",
  },
  -- the scheme's menu (`ratel quote --options`): its six liability
  -- options, each with the option's fixed expense sub-limit (cc_menu)
  options = {
    { name = "L10m E3m", liability_limit = 10000000, expense_limit = 3000000 },
    { name = "L30m E5m", liability_limit = 30000000, expense_limit = 5000000 },
    { name = "L50m E10m", liability_limit = 50000000, expense_limit = 10000000 },
    { name = "L100m E20m", liability_limit = 100000000, expense_limit = 20000000 },
    { name = "L300m E30m", liability_limit = 300000000, expense_limit = 30000000 },
    { name = "L500m E50m", liability_limit = 500000000, expense_limit = 50000000 },
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

-- The plan's terms (cc_terms) as a table, fetched at the start of rate() and
-- rate_group(): map() makes it once per table version, and reading a
-- term it does not have is an error naming the table.
local terms
local function term(name)
  return terms[name]
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
-- or a top-up option when the member asks for more (at most the tier's
-- highest). A limit off the menu is referred and taken as the next
-- option up; a top-up above the tier's highest is referred and priced
-- at the highest. Returns the option and the reason code of a difference
-- from the request.
local function liability_option(asked, tier, fixed, highest)
  local option, why = asked, nil
  if asked > 0 and not find("cc_menu", asked) then
    option, why = nearest("cc_menu", asked, "up"), "LIMIT_OFF_MENU"
    refer("LIMIT_OFF_MENU", string.format(
      "liability limit of JPY %s is not a scheme option; indicated at the " ..
      "JPY %s option", yen(asked), yen(option)))
  end
  if option < fixed then
    return fixed, "SCHEME_FIXED_COVER"
  end
  if option > highest then
    refer("TOP_UP_ABOVE_TIER", string.format("a top-up to JPY %s is above " ..
      "the %s tier's highest option (JPY %s): indicated at JPY %s; place " ..
      "the rest outside the scheme", yen(asked), tier, yen(highest),
      yen(highest)))
    return highest, "TOP_UP_ABOVE_TIER"
  end
  return option, why
end

-- The member's own referrals and subjectivities (not the cover asked
-- for: a menu's options share them through shared_steps).
local function underwrite_risk(a, c, certified)
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
end

-- The referrals and declines of the cover asked for: the liability
-- limit, expense limit, BI limit and coinsurance share asked.
local function underwrite_cover(asked, expense, bi, share)
  if asked == 0 then
    decline("NO_COVER", "the scheme insures leak liability: every member " ..
      "holds its tier's liability cover")
  end
  if asked > 0 and expense > asked then
    refer("EXPENSE_ABOVE_LIABILITY", string.format(
      "expense limit JPY %s is above the liability limit JPY %s asked",
      yen(expense), yen(asked)))
  end
  if bi > 0 then
    refer("BI_NOT_OFFERED", string.format("business interruption (JPY %s " ..
      "asked) is not offered by the scheme: indicated without it; place it " ..
      "outside the scheme", yen(bi)))
  end
  if share < term("min_coinsurance_pct") then
    decline("COINSURANCE_BELOW_MINIMUM", string.format(
      "coinsurance of %d%%: the scheme pays 100%% of a loss", share))
  elseif share ~= 100 then
    refer("COINSURANCE_NOT_OFFERED", string.format("the scheme pays 100%% " ..
      "of a loss; coinsurance of %d%% is not offered: indicated at 100%%",
      share))
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
  local info = math.min(total("cc_info_credit", d.controls),
                        term("info_credit_cap"))
  -- the certificate's credit, or the controls' when they earn more: the
  -- scheme's certificate never costs a member the credit of its controls
  local on_certificate = certified and info <= term("certified_info_credit")
  if on_certificate then
    info = term("certified_info_credit")
    note("policy", "Information-management credit on the scheme's " ..
         "certificate (controls not assessed)", info, "cc_terms",
         "certified_info_credit")
  else
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
  if total > term("authority_credit") and not on_certificate then
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

-- The deductible priced: the one asked when on the scheme's menu, else
-- referred and indicated at the next menu deductible down; the reason
-- code of a difference.
local function deductible_priced(asked)
  if find("cc_deductible", asked) then
    return asked
  end
  local deductible = nearest("cc_deductible", asked, "down")
  refer("DEDUCTIBLE_OFF_MENU", string.format(
    "deductible of JPY %s is not on the scheme menu; indicated at JPY %s",
    yen(asked), yen(deductible)))
  return deductible, "DEDUCTIBLE_OFF_MENU"
end

-- How far the member's revenue is into its band's approach to the next
-- band (the last part of the band, from `band_approach` of the next
-- band's lower bound), where the fee moves in a straight line to the
-- next band's so that it has no cliff at a band edge: nil outside the
-- approach (and in the open-ended last band), else 0 to 1. It depends
-- on the revenue only: the member's block works it out once.
local function band_approach(revenue, band)
  local edge
  for _, b in ipairs(rows("cc_revenue_band")) do
    if b.band == band then
      edge = b.to -- nil for the open-ended last band
    end
  end
  local from = edge and edge * term("band_approach")
  if not from or revenue < from then
    return nil
  end
  return (revenue - from) / (edge - from)
end

-- The scheme premium of `option` in the member's band (cc_premium),
-- moved `w` of the way to the next band's (w from band_approach, nil
-- outside the approach). Returns the premium, the band's, and the
-- weight of the next band's (0 outside the approach).
local function scheme_premium(band, option, w)
  local own = lookup("cc_premium", band, option)
  if not w then
    return own, own, 0
  end
  return own + w * (lookup("cc_premium", band + 1, option) - own), own, w
end

-- The scheme premium steps of a part: the band's premium of the tier's
-- fixed cover and, in a band's approach to the next, the move toward
-- the next band's.
local function scheme_base(cov, band, fixed, w)
  base(cov, "Scheme premium for revenue band and the tier's fixed " ..
       "cover", "cc_premium", band, fixed)
  local premium, own, weight = scheme_premium(band, fixed, w)
  if weight > 0 then
    add(cov, string.format("Approach to the next band's fee (%.4f of the " ..
        "way, revenue from 90%% of the next band's lower bound)", weight),
        premium - own)
  end
end

-- A part's scheme premium and its share of it.
local function scheme_part(cov, band, fixed, share, w)
  scheme_base(cov, band, fixed, w)
  if cov == "liability" then
    mul("liability", "Liability share of the scheme premium", share,
        "cc_terms", "liability_share")
  else
    mul(cov, "Expense share of the scheme premium (1 - the liability " ..
        "share)", 1 - share)
  end
end

-- The policy's steps after the fixed cover that do not depend on the
-- cover asked for: band, loss history, industry, credits, experience.
-- Returns the industry relativity, the credit and the experience factor.
local function policy_risk(d, certified, band)
  note("policy", "Revenue band", band, "cc_revenue_band", d.applicant.revenue)
  history(d)
  local _, industry = factor("policy", "Industry relativity", "cc_industry",
                             d.applicant.industry)
  local credits = credit(d, certified)
  mul("policy", "Scheme credit (information management + certification, capped 60%)",
      1 - credits)
  return industry, credits, experience()
end

-- The blocks of rate(). In a menu (`ratel quote --options`) the first
-- option calling a block with given arguments records its steps and
-- reasons, and a later option calling it with the same arguments gets
-- them replayed (docs/plans.md, "shared_steps"): each block takes as
-- arguments exactly the part of the request it reads, so that the
-- options asking the same of it share it.

-- The member: its own referrals and subjectivities, its revenue band,
-- its tier (name, order, fixed cover, highest option), the liability
-- share of the scheme premium and the band's approach weight. Keyed by
-- the declaration alone (a block cannot read its coverages): nothing of
-- the request, so every option of a menu shares it.
local function member_terms(d)
  local a = d.applicant
  underwrite_risk(a, d.controls, holds_certificate(d))
  local band = lookup("cc_revenue_band", a.revenue)
  local tier = tier_of(band)
  return band, tier.tier, tier.tier_order,
         math.tointeger(tier.fixed_liability),
         math.tointeger(tier.max_liability), term("liability_share"),
         band_approach(a.revenue, band)
end

-- The liability option priced for the limit asked (and its reason),
-- the option's expense sub-limit and the authority it needs. Keyed by
-- the liability limit asked and the tier: options asking the same
-- liability limit share it, whatever their expense limit or deductible.
local function liability_terms(asked, tier, fixed, highest)
  local option, why = liability_option(asked, tier, fixed, highest)
  local sublimit = math.tointeger(lookup("cc_menu", option))
  if option >= term("authority_liability") then
    require_authority(2, "liability option of JPY 300m or more")
  end
  return option, why, sublimit
end

-- Both parts' scheme premium: it is the tier's fixed cover's, whatever
-- the option, so the block is keyed by the member's band, fixed cover,
-- share and approach only (every option of a menu shares it).
local function scheme_parts(band, fixed, share, w)
  scheme_part("liability", band, fixed, share, w)
  scheme_part("expense", band, fixed, share, w)
end

-- The fixed cover's fee: the policy's risk steps, the deductible, the
-- minimum member fee and the rounding to 1,000 yen. Of the request it
-- reads only the deductible priced (its key with the member): options
-- with the same deductible share it. Returns the factors the top-up
-- needs: industry, credit, experience and deductible.
local function fixed_cover_fee(d, band, deductible)
  local industry, credits, adjust = policy_risk(d, holds_certificate(d), band)
  local _, deductible_factor = factor("policy", "Deductible", "cc_deductible",
                                      deductible)
  at_least("policy", "Minimum member fee", term("minimum_premium"), "cc_terms",
           "minimum_premium")
  round("policy", "Round the fixed cover's fee to 1,000 yen (membership fee)",
        1000, "half_up")
  return industry, credits, adjust, deductible_factor
end

-- The optional top-up to `option`: the option's scheme premium less the
-- fixed cover's (both with the approach to the next band), under the
-- same industry, credit, experience and deductible factors, rounded to
-- 1,000 yen; no minimum of its own. Keyed by the option priced and the
-- factors (so by the liability limit and deductible asked).
local function top_up_steps(band, fixed, option, w, industry, credits, adjust,
                            deductible_factor)
  note("policy", "Scheme premium for revenue band and the top-up option",
       lookup("cc_premium", band, option), "cc_premium",
       string.format("%d/%d", band, option))
  add("policy", string.format("Optional top-up to JPY %s: (the option's " ..
      "premium - the fixed cover's) x the industry, credit, experience and " ..
      "deductible factors, rounded to 1,000 yen", yen(option)),
      round_amount((scheme_premium(band, option, w) -
                    scheme_premium(band, fixed, w)) * industry *
                   (1 - credits) * adjust * deductible_factor, 1000,
                   "half_up"))
end

-- What a block reads of the request is passed to it as plain values
-- (limits, deductible); cover() and combine() stay outside the blocks.
function rate(d)
  terms = map("cc_terms")
  local band, tier, tier_order, fixed, highest, share, w =
    shared_steps(member_terms, d)
  local r = d.coverages
  local liability = r.liability
  local asked, coinsurance = liability.limit, liability.coinsurance_pct
  underwrite_cover(asked, r.expense.limit, r.bi.limit, coinsurance)
  local option, why, sublimit = shared_steps(liability_terms, asked, tier,
                                             fixed, highest)
  -- the terms priced: the menu deductible, and 100% (the scheme has no
  -- coinsurance), each with the reason of a difference from the asked
  local deductible, why_deductible = deductible_priced(liability.deductible)
  local why_share = coinsurance ~= 100 and "COINSURANCE_NOT_OFFERED" or nil

  cover("liability", option, deductible, 100, {limit = why,
        deductible = why_deductible, coinsurance_pct = why_share})
  -- The expense sub-limit comes with the option: a member asking for
  -- another is priced at the option's (a difference on the quote).
  cover("expense", sublimit, deductible, 100, {limit = "OPTION_SUBLIMIT",
        deductible = why_deductible, coinsurance_pct = why_share})
  shared_steps(scheme_parts, band, fixed, share, w)
  combine("Scheme premium of the fixed cover")
  local industry, credits, adjust, deductible_factor =
    shared_steps(fixed_cover_fee, d, band, deductible)

  -- The optional top-up; what its step added, so that an underwriter's
  -- override of the top-up is the top-up the scheme's account sees.
  local top_up = 0
  if option > fixed then
    local fixed_fee = premium("policy")
    shared_steps(top_up_steps, band, fixed, option, w, industry, credits,
                 adjust, deductible_factor)
    top_up = premium("policy") - fixed_fee
  end

  local admin = round_amount(premium("policy") * term("admin_share"), 1, "down")
  note("policy", "Association's administration share (10%, rounded down " ..
       "to the yen)", admin)
  attribute("scheme.tier", tier)
  attribute("scheme.tier_order", tier_order)
  attribute("scheme.top_up", top_up)
  attribute("scheme.admin_fee", admin)
  attribute("scheme.minimum_premium", term("scheme_minimum_premium"))
end
