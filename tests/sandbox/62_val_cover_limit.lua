-- expect: script "limit out of range"
-- attack: a coverage limit of math.maxinteger
plan = {
  id = "62_val_cover_limit", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  cover("x", math.maxinteger)
end
