-- expect: script "stack overflow"
-- attack: table.sort comparator that sorts again
plan = {
  id = "53_cstack_sort_recursion", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local function cmp(a, b) table.sort({2, 1}, cmp) return a < b end table.sort({2, 1}, cmp)
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
