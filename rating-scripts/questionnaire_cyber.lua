-- Questionnaire cyber plan of Hoshi Marine & Fire (fictional insurer).
--
-- Prices the SME cyber package (liability, incident-response expense,
-- optional business interruption) in the style of a Japanese insurer's
-- "risk evaluation discount": a points-based security questionnaire earns
-- a discount of up to 55% (Tokio Marine's published maximum,
-- shared/calibration). The questionnaire is the insurer's own hearing
-- sheet of 36 graded questions on METI's guidelines
-- (questionnaire.guideline_36 in the declaration; points in
-- q_guideline_points, grades in q_grade); a declaration that answers none
-- of them is scored on its 18 declared controls instead (q_points), as
-- brokers' forms without the sheet are. Certifications add points either
-- way. There are NO surcharges: incident history only refers or declines.
--
-- Structure (different from the reference plan sme_cyber.lua):
--   * a flat premium per revenue BAND (q_base_premium), not a curve; the
--     bands are close enough (1.565 times apart) that one yen more at a
--     band edge adds at most 20% (the documented band edges of the
--     property tests);
--   * each coverage is the band premium times its own limit rate
--     (q_liability_limit, q_expense_limit, q_bi_rate x q_bi_waiting);
--   * industry, discount, deductible and coinsurance on the whole policy;
--   * minimum premium, rounding to 100 yen.
-- Calibration: the market examples' declaration (examples/neutral.json,
-- 42 points, 16% discount) lands within +7% of the Sompo Japan 2025 rows
-- (rating-scripts/tests/README.md has the table). Rate figures are in tables/q_*.csv.
--
-- Rules an underwriter reviewing it should know (docs/underwriting.md, "A
-- review before a filing"): as in sme_cyber.lua, a deductible above 10% of
-- the smallest covered limit, an expense limit above liability, limits
-- above 20 times revenue and 200m and 100m records or more are referred
-- (records are not a rating factor here), coinsurance below 50% declined;
-- the BI rate runs from 0 at no limit to 1bn, and a BI limit above 1bn or
-- a waiting period outside 2-240 hours is priced at the end and stated.

plan = {
  id = "questionnaire-cyber",
  insurer = "Hoshi Marine & Fire (fictional)",
  product = "Cyber Risk Questionnaire Policy",
  version = "2025.2",
  effective_date = "2025-04-01",
  schema = "cyber-sme@2",
  tables = {
    "q_base_premium", "q_industry", "q_liability_limit", "q_expense_limit",
    "q_bi_rate", "q_bi_waiting", "q_points", "q_discount", "q_deductible",
    "q_coinsurance", "q_terms", "q_guideline_points", "q_grade",
    "q_group_terms",
  },
  services = {
    "24-hour incident hotline (Japanese and English)",
    "Forensic investigation by a panel firm, paid from the expense cover",
    "Panel lawyers for breach notification and regulator reports",
    "PR advice and a call centre for affected individuals",
    "Data and system recovery support",
    "Annual questionnaire review with a security consultant",
  },
  exclusions = {
    "War and state-backed attacks",
    "Fines and administrative penalties",
    "Damage to the insured's own buildings, machines and people",
    "IT-services errors and omissions (E&O)",
    "Business interruption shorter than the waiting period",
    "Failure of public utilities, telecom or internet infrastructure",
  },
  -- what each coverage part pays, as loss categories (docs/compare.md):
  -- no ransom; sub-limits of the expense part as the declaration asks
  coverage_terms = {
    liability = {
      pays = { "third_party_damages", "defence_costs", "regulatory_defence" },
      sublimits = { regulatory_defence = { "regulatory_defence" } },
    },
    expense = {
      pays = {
        "forensic_investigation", "legal_consulting", "notification_apology",
        "call_centre", "credit_monitoring", "reputation_response",
        "data_restoration", "recurrence_prevention",
      },
      sublimits = {
        notification = { "notification_apology" },
        forensics = { "forensic_investigation" },
        credit_monitoring = { "credit_monitoring" },
      },
    },
    bi = { pays = { "lost_profit", "extra_expense" } },
  },
}

-- The plan's terms (q_terms) as a table, fetched at the start of rate() and
-- rate_group(): map() makes it once per table version, and reading a
-- term it does not have is an error naming the table.
local terms

-- A limit priced other than asked (not on the menu: cover_part) is
-- referred.
local function refer_off_menu(cov, asked, priced)
  if priced ~= asked then
    refer("LIMIT_OFF_MENU", string.format(
      "%s limit of JPY %s is not on the menu; indicated at JPY %s",
      cov, yen(asked), yen(priced)))
  end
end

-- The deductible and coinsurance priced for those asked: the nearest
-- menu entries that do not undercharge; a deductible above a tenth of
-- the smallest limit at the largest menu deductible within it; a share
-- below the smallest the plan writes at that share (and declined).
-- Returned with the reason of each difference (nil when none), referred
-- at the end of rate (policy_terms), in the order this plan has always
-- given its reasons.
local function menu_terms(deductible, share, liability_limit, expense_limit)
  local why_deductible, why_share
  if not find("q_deductible", deductible) then
    deductible = nearest("q_deductible", deductible, "down")
    why_deductible = "DEDUCTIBLE_OFF_MENU"
  end
  local smallest = math.min(
    liability_limit > 0 and liability_limit or math.huge,
    expense_limit > 0 and expense_limit or math.huge)
  local most = math.floor(terms.max_deductible_share * smallest + 0.5)
  if deductible > most then
    deductible = nearest("q_deductible", most, "down")
    why_deductible = "DEDUCTIBLE_ABOVE_LIMIT"
  end
  if share < terms.min_coinsurance_pct then
    share = nearest("q_coinsurance", share, "up")
    why_share = "COINSURANCE_BELOW_MINIMUM"
  elseif not find("q_coinsurance", share) then
    share = nearest("q_coinsurance", share, "up")
    why_share = "COINSURANCE_OFF_MENU"
  end
  return deductible, share, why_deductible, why_share
end

-- The business-interruption limit and waiting period priced for those
-- asked, with the reason of each difference (nil when none): the limit
-- up to the top of the rate curve (JPY 1bn), above it at the top; the
-- waiting period at the nearest end of 2 to 240 hours. Stated on the
-- cover, referred in the package's steps (bi_steps).
local function bi_priced(limit, hours)
  local why_limit, why_hours
  local curve = rows("q_bi_rate")
  if limit > curve[#curve].bi_limit then
    limit, why_limit = math.tointeger(curve[#curve].bi_limit), "BI_LIMIT"
  end
  local lo, hi = terms.bi_min_waiting_hours, terms.bi_max_waiting_hours
  if hours < lo or hours > hi then
    hours = math.tointeger(math.min(math.max(hours, lo), hi))
    why_hours = "BI_WAITING"
  end
  return limit, hours, why_limit, why_hours
end

-- Liability or expense cover priced at the menu limit for `limit` (the
-- limit itself when on the menu; else the next menu limit up, the top of
-- the menu above it), the policy's deductible and coinsurance, and the
-- reasons of the differences from those asked. Returns the limit priced.
local function cover_part(cov, table_name, limit, deductible, share,
                          why_deductible, why_share)
  local chosen, why_limit = limit, nil
  if not find(table_name, limit) then
    chosen, why_limit = nearest(table_name, limit, "up"), "LIMIT_OFF_MENU"
  end
  local because
  if why_limit or why_deductible or why_share then
    because = { limit = why_limit, deductible = why_deductible,
                coinsurance_pct = why_share }
  end
  cover(cov, chosen, deductible, share, because)
  return chosen
end

-- The coverages asked for, as priced (their terms and the reasons of
-- their differences from those asked; nothing is referred here: the
-- package's steps and policy_terms do it). Returns the liability and
-- expense limits priced, the policy's deductible and coinsurance priced,
-- and the reasons of their differences.
local function cover_all(liability, expense, bi, waiting, deductible, share)
  local why_deductible, why_share
  deductible, share, why_deductible, why_share =
    menu_terms(deductible, share, liability, expense)
  local liability_priced = cover_part("liability", "q_liability_limit",
    liability, deductible, share, why_deductible, why_share)
  local expense_priced = cover_part("expense", "q_expense_limit", expense,
    deductible, share, why_deductible, why_share)
  if bi > 0 then
    local limit, hours, why_limit, why_hours = bi_priced(bi, waiting)
    local because
    if why_limit or why_hours or why_deductible or why_share then
      because = { limit = why_limit, waiting_hours = why_hours,
                  deductible = why_deductible, coinsurance_pct = why_share }
    end
    cover("bi", { limit = limit, deductible = deductible,
                  coinsurance_pct = share, waiting_hours = hours,
                  because = because })
  end
  return liability_priced, expense_priced, deductible, share,
    why_deductible, why_share
end

-- The applicant's own referrals, subjectivities and warning (not the
-- cover asked for).
local function underwrite_risk(a, c)
  if a.revenue > terms.max_revenue then
    decline("REVENUE_ABOVE_SME", string.format(
      "revenue of JPY %s is above the SME product's JPY 100bn", yen(a.revenue)))
  end
  local _, watch = lookup("q_industry", a.industry)
  if watch == 1 then
    refer("INDUSTRY_WATCH", a.industry .. " is on the underwriters' watch list")
  end
  if a.industry == "it_services" then
    warn("IT-services errors and omissions are excluded; buy E&O cover separately")
  end
  if a.overseas_revenue_share >= terms.overseas_refer_share then
    refer("OVERSEAS", string.format(
      "%.0f%% of revenue is overseas (30%% or more is referred)",
      a.overseas_revenue_share * 100))
  end
  if not c.mfa then
    if a.revenue >= terms.mfa_refer_revenue then
      refer("MFA_MISSING", "no multi-factor authentication with revenue of JPY 1bn or more")
    else
      subject_to("MFA_REMOTE", "multi-factor authentication on all remote access " ..
        "within 60 days of inception")
    end
  end
  if not c.offline_backup then
    subject_to("OFFLINE_BACKUP", "offline backups of key systems within 30 days of inception")
  end
  if not c.edr and a.revenue >= terms.edr_subject_revenue then
    subject_to("EDR", "EDR on all servers and endpoints within 90 days of inception")
  end
end

-- The referrals of the cover asked for (and the records held, referred
-- after the limits, in the order this plan has always given them).
local function underwrite_cover(a, liability, expense, bi)
  if liability > terms.authority_liability then
    require_authority(3, "liability limit above JPY 500m")
  end
  local limits = liability + expense + bi
  if limits > math.max(terms.exposure_limit_multiple * a.revenue,
                       terms.exposure_limit_floor) then
    refer("LIMITS_ABOVE_EXPOSURE", string.format(
      "limits of JPY %s in all are above 20 times revenue (JPY %s) and " ..
      "JPY 200m", yen(limits), yen(a.revenue)))
  end
  -- personal records are not a rating factor of this plan (for an SME
  -- they follow revenue, which the band premium prices); a volume no SME
  -- holds is referred
  if a.personal_records >= terms.records_refer then
    refer("RECORDS_VOLUME", string.format(
      "%s personal records held (100,000,000 or more are referred)",
      yen(a.personal_records)))
  end
  if expense > liability then
    refer("EXPENSE_ABOVE_LIABILITY", string.format(
      "expense limit JPY %s is above the liability limit JPY %s",
      yen(expense), yen(liability)))
  end
end

-- Incident history: no surcharge; it only refers or declines.
local function history(d)
  local since = add_years(d.effective_date, -terms.lookback_years)
  local recent = add_years(d.effective_date, -terms.recent_years)
  local count = 0
  for _, inc in ipairs(d.incidents) do
    if inc.date > since then
      count = count + 1
      if inc.type == "ransomware" and inc.date > recent
         and not (d.controls.edr and d.controls.offline_backup) then
        refer("RANSOMWARE_UNREMEDIATED", string.format(
          "ransomware on %s and EDR or offline backups not in place", inc.date))
      end
      if inc.paid >= terms.large_loss then
        refer("LARGE_LOSS", string.format(
          "incident on %s cost JPY %s (JPY 50m or more)", inc.date, yen(inc.paid)))
      end
    end
  end
  if count >= terms.decline_incident_count then
    decline("LOSS_FREQUENCY", string.format(
      "%d incidents in %d years (3 or more are declined)", count,
      terms.lookback_years))
  end
  note("policy", "Incidents in the last 5 years (no surcharge; refer or decline only)",
       count)
end

-- The points of the hearing sheet's answers, and how many questions it
-- leaves unanswered; nil when none is answered.
local function sheet_points(d)
  local answers, any = d.questionnaire.guideline_36, false
  for _ in pairs(answers) do
    any = true
    break
  end
  if not any then
    return nil -- nothing answered: the sheet's tables are not read
  end
  local weights, grades = map("q_guideline_points"), map("q_grade")
  local points, answered, unanswered = 0, 0, 0
  for question, weight in pairs(weights) do
    local grade = answers[question]
    if grade == nil then
      unanswered = unanswered + 1
    else
      answered = answered + 1
      points = points + weight * grades[grade]
    end
  end
  if answered == 0 then
    return nil
  end
  return points, unanswered
end

-- Questionnaire points (the hearing sheet, or the controls declared, and
-- the certifications) and the discount.
local function discount(d)
  local points, unanswered = sheet_points(d)
  if points then
    note("policy", "Hearing sheet points (36 questions, graded)", points)
    if unanswered > 0 then
      subject_to("HEARING_SHEET_COMPLETE", string.format(
        "the %d unanswered questions of the hearing sheet answered before " ..
        "inception (scored as not in place)", unanswered))
    end
    points = points + total("q_points", d.certifications)
    note("policy", "Questionnaire points (hearing sheet and certifications)",
         points)
  else
    points = total("q_points", d.controls) +
             total("q_points", d.certifications)
    note("policy", "Questionnaire points (controls and certifications)",
         points)
  end
  -- the step names q_discount[points] only when it carries that row's
  -- value (the engine holds it to it), not the capped one
  local rate = lookup("q_discount", points)
  local disc = math.min(rate, terms.max_discount)
  if disc == rate then
    note("policy", "Questionnaire discount rate (capped at 55%)", disc,
         "q_discount", points)
  else
    note("policy", "Questionnaire discount rate (capped at 55%)", disc)
  end
  if disc > 0 then
    subject_to("QUESTIONNAIRE_SIGNED", "the security questionnaire signed by " ..
      "a director before inception")
  end
  if disc >= terms.authority_discount then
    require_authority(2, string.format(
      "questionnaire discount of %.1f%% (50%% or more) needs evidence of the controls",
      disc * 100))
  end
  return disc
end

-- The BI cover's referrals and steps (its cover stated by cover_all).
local function bi_steps(revenue, label, liability, bi, waiting)
  local max_limit = math.min(terms.bi_max_limit,
    terms.bi_max_share_of_liability * liability)
  if bi > max_limit then
    refer("BI_LIMIT", string.format(
      "business-interruption limit JPY %s is above JPY %s (50%% of liability, " ..
      "at most JPY 100m)", yen(bi), yen(max_limit)))
  end
  local limit, hours, _, why_hours = bi_priced(bi, waiting)
  if why_hours then
    refer("BI_WAITING", string.format(
      "waiting period of %d hours is outside 2 to 240 hours", waiting))
  end
  base("bi", label, "q_base_premium", revenue)
  factor("bi", "BI limit rate", "q_bi_rate", limit)
  factor("bi", "BI waiting period", "q_bi_waiting", hours)
end

-- The package's steps on `revenue` for the limits asked and priced (the
-- coverages stated by cover_all): each coverage's band premium and limit
-- rate, with the referrals of a limit off the menu and of the BI cover.
local function package_steps(revenue, label, liability, liability_priced,
                             expense, expense_priced, bi, waiting)
  refer_off_menu("liability", liability, liability_priced)
  base("liability", label, "q_base_premium", revenue)
  factor("liability", "Liability limit rate", "q_liability_limit",
         liability_priced)
  refer_off_menu("expense", expense, expense_priced)
  base("expense", label, "q_base_premium", revenue)
  factor("expense", "Expense limit rate", "q_expense_limit", expense_priced)
  if bi > 0 then
    bi_steps(revenue, label, liability, bi, waiting)
  end
end

-- Deductible and coinsurance of the policy: asked, and priced (menu_terms).
local function policy_terms(asked_deductible, asked_share, deductible, share,
                            why_deductible, why_share)
  if not find("q_deductible", asked_deductible) then
    refer("DEDUCTIBLE_OFF_MENU", string.format(
      "deductible of JPY %s is not on the menu; indicated at JPY %s",
      yen(asked_deductible),
      yen(nearest("q_deductible", asked_deductible, "down"))))
  end
  if why_deductible == "DEDUCTIBLE_ABOVE_LIMIT" then
    refer("DEDUCTIBLE_ABOVE_LIMIT", string.format(
      "deductible of JPY %s is more than a tenth of the smallest limit; " ..
      "indicated at JPY %s", yen(asked_deductible), yen(deductible)))
  end
  if why_share == "COINSURANCE_BELOW_MINIMUM" then
    decline("COINSURANCE_BELOW_MINIMUM", string.format(
      "coinsurance of %d%%: the insurer pays at least %d%% of a loss",
      asked_share, terms.min_coinsurance_pct))
  elseif why_share then
    refer("COINSURANCE_OFF_MENU", string.format(
      "coinsurance of %d%% is not on the menu; indicated at %d%%",
      asked_share, share))
  end
  factor("policy", "Deductible", "q_deductible", deductible)
  factor("policy", "Coinsurance", "q_coinsurance", share)
end

-- The policy's steps after the package that do not depend on the cover
-- asked for: loss history, industry and the questionnaire discount.
local function policy_risk(d)
  history(d)
  factor("policy", "Industry relativity", "q_industry", d.applicant.industry)
  mul("policy", "Questionnaire discount", 1 - discount(d))
end

local function minimum_premium()
  at_least("policy", "Minimum premium", terms.minimum_premium, "q_terms",
           "minimum_premium")
end

-- The minimum premium and the rounding.
local function policy_tail()
  minimum_premium()
  round("policy", "Round to 100 yen", 100, "half_up")
end

-- A quote's steps go through shared_steps() blocks (docs/plans.md,
-- "Options menus"), each keyed by the parts of the cover asked for that
-- it reads, so that the options of a menu asking the same replay it
-- rather than run it. The coverages are stated first (cover() cannot be
-- called in a block; it refers nothing, so the reasons keep their order).
--  * everything before the package's combine (the applicant's referrals,
--    those of the limits, each coverage's band premium and limit rate):
--    keyed by the limits and the BI waiting period, not the deductible or
--    coinsurance (priced on the policy after the combine), so a menu's
--    options that differ only in those replay it;
--  * incidents, industry and discount (policy_risk, the costliest block):
--    keyed by the declaration only, run once for a whole menu, whatever
--    its options change in the cover;
--  * deductible, coinsurance, minimum and rounding: keyed by the
--    deductible and coinsurance asked and priced (the limits only through
--    the deductible priced, a tenth of the smallest limit at most).
local function underwrite_and_package(d, liability, liability_priced,
                                       expense, expense_priced, bi, waiting)
  local a = d.applicant
  underwrite_risk(a, d.controls)
  underwrite_cover(a, liability, expense, bi)
  package_steps(a.revenue, "Band premium for revenue", liability,
                liability_priced, expense, expense_priced, bi, waiting)
end

local function terms_and_tail(asked_deductible, asked_share, deductible,
                              share, why_deductible, why_share)
  policy_terms(asked_deductible, asked_share, deductible, share,
               why_deductible, why_share)
  policy_tail()
end

function rate(d)
  terms = map("q_terms")
  local r = d.coverages
  local liability, expense, bi = r.liability, r.expense, r.bi
  -- each field of the cover asked read once (a read of the declaration
  -- costs as much as a dozen plain Lua operations)
  local liability_limit, expense_limit = liability.limit, expense.limit
  local bi_limit = bi.limit
  local waiting_hours = bi_limit > 0 and bi.waiting_hours or 0 -- no BI: none
  local asked_deductible, asked_share =
    liability.deductible, liability.coinsurance_pct
  local liability_priced, expense_priced, deductible, share,
        why_deductible, why_share = cover_all(
    liability_limit, expense_limit, bi_limit, waiting_hours,
    asked_deductible, asked_share)
  shared_steps(underwrite_and_package, d, liability_limit, liability_priced,
               expense_limit, expense_priced, bi_limit, waiting_hours)
  combine("Package premium before discount")
  shared_steps(policy_risk, d)
  shared_steps(terms_and_tail, asked_deductible, asked_share, deductible,
               share, why_deductible, why_share)
end

-- Groups: this insurer rates a group as one company on its combined
-- revenue (the band premium of the sum of the companies' revenues), with
-- the revenue-weighted industry relativity of the companies and the
-- parent's questionnaire discount for all (the parent's security policy
-- covers the group), inside a corridor of 75% to 90% of what the
-- companies would pay on their own (q_group_terms): a group contract
-- never costs more than 90% of separate policies, nor less than 75%.
-- Every company's referrals come with the group's; a company declined on
-- its own is not cut out: the whole group is referred.
function rate_group(d, members)
  terms = map("q_terms")
  local revenue, weighted, alone = 0, 0, 0
  for _, m in ipairs(members) do
    if m.decision == "declined" then
      refer("GROUP_COMPANY_DECLINED", string.format(
        "%s %s is declined on its own (%s): the group is referred",
        m.path, m.name, table.concat(m.reasons, ", ")))
    end
    revenue = revenue + m.revenue
    weighted = weighted + m.revenue * lookup("q_industry", m.industry)
    alone = alone + m.premium
  end
  local r = d.coverages
  local liability, expense, bi = r.liability, r.expense, r.bi
  local liability_priced, expense_priced, deductible, share,
        why_deductible, why_share = cover_all(
    liability.limit, expense.limit, bi.limit, bi.waiting_hours,
    liability.deductible, liability.coinsurance_pct)
  underwrite_risk(d.applicant, d.controls)
  underwrite_cover(d.applicant, liability.limit, expense.limit, bi.limit)
  package_steps(revenue, "Band premium for the group's combined revenue",
                liability.limit, liability_priced, expense.limit,
                expense_priced, bi.limit, bi.waiting_hours)
  combine("Group package premium before discount")
  note("policy", string.format("Companies of the group: %d", #members),
       #members)
  mul("policy", "Revenue-weighted industry relativity",
      revenue > 0 and weighted / revenue or 1)
  mul("policy", "Parent's questionnaire discount (group-wide controls)",
      1 - discount(d))
  policy_terms(liability.deductible, liability.coinsurance_pct, deductible,
               share, why_deductible, why_share)
  minimum_premium()
  -- the corridor's ends in whole hundreds of yen, inside it, so that the
  -- rounding after them cannot take the premium out of the corridor
  local corridor = map("q_group_terms")
  at_least("policy", "Group corridor: at least 75% of the standalone premiums",
           math.ceil(corridor.floor * alone / 100) * 100)
  at_most("policy", "Group corridor: at most 90% of the standalone premiums",
          math.floor(corridor.cap * alone / 100) * 100)
  round("policy", "Round to 100 yen", 100, "half_up")
end
