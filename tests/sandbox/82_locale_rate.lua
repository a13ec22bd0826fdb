-- expect: ok
-- locale: de_DE.UTF-8
-- attack: number formatting while rating, in a process whose locale has a decimal comma: string.format("%.2f", 1.5) must be "1.50"
plan = {
  id = "82_locale_rate", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = string.format("%.2f", 1.5) .. " " .. tostring(1.5) .. " " .. tostring(tonumber("2.25"))
  if s ~= "1.50 1.5 2.25" then error("locale leaked into the plan: " .. s) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
