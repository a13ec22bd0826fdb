-- Questionnaire cyber plan of Hoshi Marine & Fire (fictional insurer).
--
-- Prices the SME cyber package (liability, incident-response expense,
-- optional business interruption) in the style of a Japanese insurer's
-- "risk evaluation discount": a points-based security questionnaire (the
-- 18 controls of the declaration plus certifications, points in q_points)
-- earns a discount of up to 55% (Tokio Marine's published maximum,
-- shared/calibration). There are NO surcharges: incident history only
-- refers or declines.
--
-- Structure (different from the reference plan sme_cyber.lua):
--   * a flat premium per revenue BAND (q_base_premium), not a curve;
--   * each coverage is the band premium times its own limit rate
--     (q_liability_limit, q_expense_limit, q_bi_rate x q_bi_waiting);
--   * industry, discount, deductible and coinsurance on the whole policy;
--   * minimum premium, rounding to 100 yen.
-- Calibration: the market examples' declaration (examples/neutral.json,
-- 42 points, 16% discount) lands within +5% of the Sompo Japan 2025 rows
-- (rating-scripts/tests/README.md has the table). Rate figures are in tables/q_*.csv.

plan = {
  id = "questionnaire-cyber",
  insurer = "Hoshi Marine & Fire (fictional)",
  product = "Cyber Risk Questionnaire Policy",
  version = "2025.1",
  effective_date = "2025-04-01",
  tables = {
    "q_base_premium", "q_industry", "q_liability_limit", "q_expense_limit",
    "q_bi_rate", "q_bi_waiting", "q_points", "q_discount", "q_deductible",
    "q_coinsurance", "q_terms",
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
}

local function term(name)
  return lookup("q_terms", name)
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
  return chosen
end

local function underwrite(d)
  local a, r, c = d.applicant, d.request, d.controls
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
  if r.liability_limit > term("authority_liability") then
    require_authority(3, "liability limit above JPY 500m")
  end
  if r.expense_limit > r.liability_limit then
    refer("EXPENSE_ABOVE_LIABILITY", string.format(
      "expense limit JPY %s is above the liability limit JPY %s",
      yen(r.expense_limit), yen(r.liability_limit)))
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

-- Questionnaire points (controls + certifications) and the discount.
local function discount(d)
  local points = total("q_points", d.controls) +
                 total("q_points", d.certifications)
  note("policy", "Questionnaire points (controls and certifications)", points,
       "q_points", "sum")
  local disc = math.min(lookup("q_discount", points), term("max_discount"))
  note("policy", "Questionnaire discount rate (capped at 55%)", disc,
       "q_discount", points)
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

local function rate_bi(d)
  local r = d.request
  local max_limit = math.min(term("bi_max_limit"),
    term("bi_max_share_of_liability") * r.liability_limit)
  if r.bi_limit > max_limit then
    refer("BI_LIMIT", string.format(
      "business-interruption limit JPY %s is above JPY %s (50%% of liability, " ..
      "at most JPY 100m)", yen(r.bi_limit), yen(max_limit)))
  end
  local hours = r.bi_waiting_hours
  local lo, hi = term("bi_min_waiting_hours"), term("bi_max_waiting_hours")
  if hours < lo or hours > hi then
    refer("BI_WAITING", string.format(
      "waiting period of %d hours is outside 2 to 240 hours", hours))
    hours = math.min(math.max(hours, lo), hi)
  end
  cover("bi", r.bi_limit)
  base("bi", "Band premium for revenue", "q_base_premium", d.applicant.revenue)
  factor("bi", "BI limit rate", "q_bi_rate", r.bi_limit)
  factor("bi", "BI waiting period", "q_bi_waiting", hours)
end

function rate(d)
  local a, r = d.applicant, d.request
  underwrite(d)

  cover("liability", r.liability_limit)
  base("liability", "Band premium for revenue", "q_base_premium", a.revenue)
  factor("liability", "Liability limit rate", "q_liability_limit",
         menu_limit("q_liability_limit", "liability",
                    r.liability_limit))

  cover("expense", r.expense_limit)
  base("expense", "Band premium for revenue", "q_base_premium", a.revenue)
  factor("expense", "Expense limit rate", "q_expense_limit",
         menu_limit("q_expense_limit", "expense",
                    r.expense_limit))

  if r.bi_limit > 0 then
    rate_bi(d)
  end

  combine("Package premium before discount")
  history(d)
  factor("policy", "Industry relativity", "q_industry", a.industry)
  mul("policy", "Questionnaire discount", 1 - discount(d))

  local deductible, share = r.deductible, r.coinsurance_pct
  if not find("q_deductible", deductible) then
    deductible = nearest("q_deductible", deductible, "down")
    refer("DEDUCTIBLE_OFF_MENU", string.format(
      "deductible of JPY %s is not on the menu; indicated at JPY %s",
      yen(r.deductible), yen(deductible)))
  end
  if not find("q_coinsurance", share) then
    share = nearest("q_coinsurance", share, "up")
    refer("COINSURANCE_OFF_MENU", string.format(
      "coinsurance of %d%% is not on the menu; indicated at %d%%",
      r.coinsurance_pct, share))
  end
  factor("policy", "Deductible", "q_deductible", deductible)
  factor("policy", "Coinsurance", "q_coinsurance", share)
  at_least("policy", "Minimum premium", term("minimum_premium"), "q_terms",
           "minimum_premium")
  round("policy", "Round to 100 yen", 100, "half_up")
end
