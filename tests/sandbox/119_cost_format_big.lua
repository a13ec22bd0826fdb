-- expect: limit "instruction limit of 1000000"
-- limits: 1000000 8388608 0
-- attack: string.format of two 512 KiB strings in a loop
plan = {
  id = "119_cost_format_big", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local s = ("x"):rep(1 << 19) while true do local r = string.format("%s%s", s, s) end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
