-- trivial.lua - the floor of a menu's option (bench/README.md,
-- "bench_compare"): a plan that only declares a coverage, sets its
-- premium from the limit asked and combines, so that an option's cost
-- is the engine's own work. Not shipped: bench/menu_cost/run.sh copies
-- it to a plan directory of its own.
plan = {
  id = "trivial", insurer = "Bench", product = "Trivial", version = "1",
  effective_date = "2020-01-01", tables = { "sme_terms" },
}

function rate(d)
  local l = d.coverages.liability
  cover("cyber", l.limit)
  set("cyber", "Base", l.limit // 1000)
  combine("Policy premium")
end
