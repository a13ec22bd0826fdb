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
local function term(name)
  return terms[name]
end

-- The limit to price: the requested one when it is on the menu; else the
-- next menu limit up (the top of the menu above it), and a referral.
local function menu_limit(table_name, cov, limit)
  if find(table_name, limit) then
    return limit
  end
  local chosen = nearest(table_name, limit, "up")
  refer("LIMIT_OFF_MENU", string.format(
    "%s limit of JPY %s is not on the menu; indicated at JPY %s",
    cov, yen(limit), yen(chosen)))
  return chosen, "LIMIT_OFF_MENU"
end

-- The deductible and coinsurance priced for those asked: the nearest
-- menu entries that do not undercharge; a deductible above a tenth of
-- the smallest limit at the largest menu deductible within it; a share
-- below the smallest the plan writes at that share (and declined).
-- Referred at the end of rate (policy_terms), in the order this plan has
-- always given its reasons.
-- (The reasons as a table only when there are any: most quotes, and the
-- options of a menu, have none.)
local NO_REASONS <const> = {}
local function menu_terms(r)
  local deductible, share = r.liability.deductible, r.liability.coinsurance_pct
  local why_deductible, why_share
  if not find("q_deductible", deductible) then
    deductible = nearest("q_deductible", deductible, "down")
    why_deductible = "DEDUCTIBLE_OFF_MENU"
  end
  local smallest = math.min(
    r.liability.limit > 0 and r.liability.limit or math.huge,
    r.expense.limit > 0 and r.expense.limit or math.huge)
  local most = math.floor(term("max_deductible_share") * smallest + 0.5)
  if deductible > most then
    deductible = nearest("q_deductible", most, "down")
    why_deductible = "DEDUCTIBLE_ABOVE_LIMIT"
  end
  if share < term("min_coinsurance_pct") then
    share = nearest("q_coinsurance", share, "up")
    why_share = "COINSURANCE_BELOW_MINIMUM"
  elseif not find("q_coinsurance", share) then
    share = nearest("q_coinsurance", share, "up")
    why_share = "COINSURANCE_OFF_MENU"
  end
  if not (why_deductible or why_share) then
    return deductible, share, NO_REASONS
  end
  return deductible, share,
    { deductible = why_deductible, coinsurance_pct = why_share }
end

-- A coverage priced for `limit` (a menu limit), the policy's deductible
-- and coinsurance, and the reasons of their differences from those asked.
local function cover_priced(cov, limit, why_limit, deductible, share, why)
  local because
  if why_limit or why ~= NO_REASONS then
    because = { limit = why_limit, deductible = why.deductible,
                coinsurance_pct = why.coinsurance_pct }
  end
  cover(cov, limit, deductible, share, because)
end

-- The applicant's own referrals, subjectivities and warning (not the
-- cover asked for: a menu's options share them through shared_steps).
local function underwrite_risk(a, c)
  if a.revenue > term("max_revenue") then
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
  if a.overseas_revenue_share >= term("overseas_refer_share") then
    refer("OVERSEAS", string.format(
      "%.0f%% of revenue is overseas (30%% or more is referred)",
      a.overseas_revenue_share * 100))
  end
  if not c.mfa then
    if a.revenue >= term("mfa_refer_revenue") then
      refer("MFA_MISSING", "no multi-factor authentication with revenue of JPY 1bn or more")
    else
      subject_to("MFA_REMOTE", "multi-factor authentication on all remote access " ..
        "within 60 days of inception")
    end
  end
  if not c.offline_backup then
    subject_to("OFFLINE_BACKUP", "offline backups of key systems within 30 days of inception")
  end
  if not c.edr and a.revenue >= term("edr_subject_revenue") then
    subject_to("EDR", "EDR on all servers and endpoints within 90 days of inception")
  end
end

-- The referrals of the cover asked for (and the records held, referred
-- after the limits, in the order this plan has always given them).
local function underwrite_cover(a, r)
  if r.liability.limit > term("authority_liability") then
    require_authority(3, "liability limit above JPY 500m")
  end
  local limits = r.liability.limit + r.expense.limit + r.bi.limit
  if limits > math.max(term("exposure_limit_multiple") * a.revenue,
                       term("exposure_limit_floor")) then
    refer("LIMITS_ABOVE_EXPOSURE", string.format(
      "limits of JPY %s in all are above 20 times revenue (JPY %s) and " ..
      "JPY 200m", yen(limits), yen(a.revenue)))
  end
  -- personal records are not a rating factor of this plan (for an SME
  -- they follow revenue, which the band premium prices); a volume no SME
  -- holds is referred
  if a.personal_records >= term("records_refer") then
    refer("RECORDS_VOLUME", string.format(
      "%s personal records held (100,000,000 or more are referred)",
      yen(a.personal_records)))
  end
  if r.expense.limit > r.liability.limit then
    refer("EXPENSE_ABOVE_LIABILITY", string.format(
      "expense limit JPY %s is above the liability limit JPY %s",
      yen(r.expense.limit), yen(r.liability.limit)))
  end
end

-- Incident history: no surcharge; it only refers or declines.
local function history(d)
  local since = add_years(d.effective_date, -term("lookback_years"))
  local recent = add_years(d.effective_date, -term("recent_years"))
  local count = 0
  for _, inc in ipairs(d.incidents) do
    if inc.date > since then
      count = count + 1
      if inc.type == "ransomware" and inc.date > recent
         and not (d.controls.edr and d.controls.offline_backup) then
        refer("RANSOMWARE_UNREMEDIATED", string.format(
          "ransomware on %s and EDR or offline backups not in place", inc.date))
      end
      if inc.paid >= term("large_loss") then
        refer("LARGE_LOSS", string.format(
          "incident on %s cost JPY %s (JPY 50m or more)", inc.date, yen(inc.paid)))
      end
    end
  end
  if count >= term("decline_incident_count") then
    decline("LOSS_FREQUENCY", string.format(
      "%d incidents in %d years (3 or more are declined)", count,
      term("lookback_years")))
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
  local disc = math.min(rate, term("max_discount"))
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
  if disc >= term("authority_discount") then
    require_authority(2, string.format(
      "questionnaire discount of %.1f%% (50%% or more) needs evidence of the controls",
      disc * 100))
  end
  return disc
end

local function rate_bi(d, revenue, label, deductible, share, why)
  local r = d.coverages
  local max_limit = math.min(term("bi_max_limit"),
    term("bi_max_share_of_liability") * r.liability.limit)
  if r.bi.limit > max_limit then
    refer("BI_LIMIT", string.format(
      "business-interruption limit JPY %s is above JPY %s (50%% of liability, " ..
      "at most JPY 100m)", yen(r.bi.limit), yen(max_limit)))
  end
  local hours, why_hours = r.bi.waiting_hours, nil
  local lo, hi = term("bi_min_waiting_hours"), term("bi_max_waiting_hours")
  if hours < lo or hours > hi then
    refer("BI_WAITING", string.format(
      "waiting period of %d hours is outside 2 to 240 hours", hours))
    hours = math.tointeger(math.min(math.max(hours, lo), hi))
    why_hours = "BI_WAITING" -- priced at the nearest end, and stated so
  end
  -- priced at the limit asked up to the top of the rate curve (JPY 1bn),
  -- above it at the top, stated
  local curve = rows("q_bi_rate")
  local limit, why_limit = r.bi.limit, nil
  if limit > curve[#curve].bi_limit then
    limit, why_limit = math.tointeger(curve[#curve].bi_limit), "BI_LIMIT"
  end
  local because
  if why_limit or why_hours or why ~= NO_REASONS then
    because = { limit = why_limit, waiting_hours = why_hours,
                deductible = why.deductible,
                coinsurance_pct = why.coinsurance_pct }
  end
  cover("bi", { limit = limit, deductible = deductible,
                coinsurance_pct = share, waiting_hours = hours,
                because = because })
  base("bi", label, "q_base_premium", revenue)
  factor("bi", "BI limit rate", "q_bi_rate", limit)
  factor("bi", "BI waiting period", "q_bi_waiting", hours)
end

-- The package on `revenue`: the coverages at their menu limits.
local function package(d, revenue, label)
  local r = d.coverages
  local deductible, share, why = menu_terms(r)
  local limit, why_limit = menu_limit("q_liability_limit", "liability",
                                      r.liability.limit)
  cover_priced("liability", limit, why_limit, deductible, share, why)
  base("liability", label, "q_base_premium", revenue)
  factor("liability", "Liability limit rate", "q_liability_limit", limit)

  limit, why_limit = menu_limit("q_expense_limit", "expense", r.expense.limit)
  cover_priced("expense", limit, why_limit, deductible, share, why)
  base("expense", label, "q_base_premium", revenue)
  factor("expense", "Expense limit rate", "q_expense_limit", limit)

  if r.bi.limit > 0 then
    rate_bi(d, revenue, label, deductible, share, why)
  end
end

-- Deductible and coinsurance of the policy.
local function policy_terms(d)
  local r = d.coverages
  local deductible, share, why = menu_terms(r)
  if not find("q_deductible", r.liability.deductible) then
    refer("DEDUCTIBLE_OFF_MENU", string.format(
      "deductible of JPY %s is not on the menu; indicated at JPY %s",
      yen(r.liability.deductible),
      yen(nearest("q_deductible", r.liability.deductible, "down"))))
  end
  if why.deductible == "DEDUCTIBLE_ABOVE_LIMIT" then
    refer("DEDUCTIBLE_ABOVE_LIMIT", string.format(
      "deductible of JPY %s is more than a tenth of the smallest limit; " ..
      "indicated at JPY %s", yen(r.liability.deductible), yen(deductible)))
  end
  if why.coinsurance_pct == "COINSURANCE_BELOW_MINIMUM" then
    decline("COINSURANCE_BELOW_MINIMUM", string.format(
      "coinsurance of %d%%: the insurer pays at least %d%% of a loss",
      r.liability.coinsurance_pct, term("min_coinsurance_pct")))
  elseif why.coinsurance_pct then
    refer("COINSURANCE_OFF_MENU", string.format(
      "coinsurance of %d%% is not on the menu; indicated at %d%%",
      r.liability.coinsurance_pct, share))
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
  at_least("policy", "Minimum premium", term("minimum_premium"), "q_terms",
           "minimum_premium")
end

-- The minimum premium and the rounding.
local function policy_tail()
  minimum_premium()
  round("policy", "Round to 100 yen", 100, "half_up")
end

-- What does not depend on the cover asked for goes through
-- shared_steps(): a menu's options take it once and replay it.
function rate(d)
  terms = map("q_terms")
  local a = d.applicant
  shared_steps(underwrite_risk, a, d.controls)
  underwrite_cover(a, d.coverages)
  package(d, a.revenue, "Band premium for revenue")

  combine("Package premium before discount")
  shared_steps(policy_risk, d)
  policy_terms(d)
  shared_steps(policy_tail)
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
  underwrite_risk(d.applicant, d.controls)
  underwrite_cover(d.applicant, d.coverages)
  package(d, revenue, "Band premium for the group's combined revenue")
  combine("Group package premium before discount")
  note("policy", string.format("Companies of the group: %d", #members),
       #members)
  mul("policy", "Revenue-weighted industry relativity",
      revenue > 0 and weighted / revenue or 1)
  mul("policy", "Parent's questionnaire discount (group-wide controls)",
      1 - discount(d))
  policy_terms(d)
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
