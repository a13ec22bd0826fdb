#!/bin/sh
# run-render-tests.sh - HTML reports rendered in headless Chromium
# (tests/render/render.sh): the `ratel structure`, `ratel compare` and
# `ratel impact`
# reports load without a console message or a network request, are not
# blank and show their figures and totals; and the harness itself fails
# a blank page, a page with a script error, a page that loads from the
# network and a missing text.
# Usage: tests/render/run-render-tests.sh path/to/ratel
set -u
RATEL=${1:-build/ratel}
suite=render
. tests/cli/lib.sh
render=tests/render/render.sh

# --- the structures report ---
expect 0 "structure --html" -- "$RATEL" structure examples/neutral.json \
    --structures examples/structures.json --years 20000 \
    --html "$tmp/structures.html"
contains "$tmp/structures.html" '"Noto Sans CJK JP"' "font stack"
contains "$tmp/structures.html" "<svg" "inline charts"
if grep -o '\(src\|href\)="[^"]*"' "$tmp/structures.html" | grep -q .; then
    bad "the report links to a resource"; else ok; fi
expect 0 "structures report renders" -- sh "$render" "$tmp/structures.html" \
    "Structures compared" "Distribution of the annual cost" \
    "Package insurance: sme-cyber" "Captive with market excess" \
    "CAT bond" "JPY 124,000,000" "is a loan, not indemnity"

# --- the broker's comparison report (ratel compare --format html) ---
expect 0 "compare --format html" -- "$RATEL" compare \
    examples/logistics_group.json --format html -o "$tmp/compare.html"
contains "$tmp/compare.html" '"Noto Sans CJK JP"' "compare font stack"
contains "$tmp/compare.html" "@page{size:A4" "compare prints on A4"
if grep -o '\(src\|href\)="[^"]*"' "$tmp/compare.html" | grep -q .; then
    bad "the comparison links to a resource"; else ok; fi
# the totals the page must show, from the same comparison's JSON: each
# offer's premium, each scenario's loss, and what the client keeps under
# the first offer quoted in each scenario (a plan that cannot rate a
# group is an offer without a premium)
"$RATEL" compare examples/logistics_group.json --format json \
    > "$tmp/compare.json"
/usr/bin/python3 - "$tmp/compare.json" > "$tmp/totals" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for o in d["offers"]:
    if o["premium"]:
        print("JPY {:,}".format(o["premium"]))
for s in d["scenarios"]:
    print("loss JPY {:,}".format(s["loss"]))
quoted = [o for o in d["offers"] if o["premium"]]
for s in quoted[0]["scenarios"]:
    print("keeps {:,} ({:.1f}%)".format(s["client_keeps"],
                                        s["client_keeps_pct_of_cash"]))
PY
if [ "$(wc -l < "$tmp/totals")" -ge 12 ]; then ok; else
    bad "the comparison's totals: $(cat "$tmp/totals")"; fi
# shellcheck disable=SC2046
IFS='
'
expect 0 "comparison report renders" -- sh "$render" "$tmp/compare.html" \
    "Cyber insurance comparison" "株式会社みなと物流ホールディングス" \
    "Should you buy cyber insurance at all?" $(cat "$tmp/totals")
unset IFS
# --- the rate-change impact report ---
"$RATEL" book generate --n 300 --seed 7 -o "$tmp/book.jsonl" 2>/dev/null
cp -r tables "$tmp/tables" && rm -f "$tmp/tables/ratel.db"
sed -i 's/^retail,.*/retail,1.60/' "$tmp/tables/sme_industry.csv"
"$RATEL" tables build "$tmp/tables" -o "$tmp/new.db" >/dev/null 2>&1
expect 0 "impact --html" -- "$RATEL" impact --book "$tmp/book.jsonl" \
    --from sme-cyber --to sme-cyber --to-tables "$tmp/new.db" --top 3 \
    --html "$tmp/impact.html"
expect 0 "impact report renders" -- sh "$render" "$tmp/impact.html" \
    "Rate-change impact" "From: sme-cyber 2025.3" "< -20%" "> +20%" \
    "300 policies" "Largest movers" "Industry relativity"

# --- the harness fails what it must ---
printf '<!DOCTYPE html><html><body></body></html>\n' > "$tmp/blank.html"
expect 1 "blank page fails" -- sh "$render" "$tmp/blank.html"
contains "$tmp/out" "blank" "blank named"
printf '<!DOCTYPE html><html><body><h1>Report</h1><script>nope();</script></body></html>\n' \
    > "$tmp/script.html"
expect 1 "script error fails" -- sh "$render" "$tmp/script.html" Report
contains "$tmp/out" "console: \"Uncaught ReferenceError" "console error named"
printf '<!DOCTYPE html><html><body><h1>Report</h1><img src="http://192.0.2.1/x.png"></body></html>\n' \
    > "$tmp/net.html"
expect 1 "network request fails" -- sh "$render" "$tmp/net.html" Report
contains "$tmp/out" "network request: http://192.0.2.1/x.png" "request named"
expect 1 "missing text fails" -- sh "$render" "$tmp/structures.html" \
    "No such heading"
contains "$tmp/out" "text not on the page: No such heading" "text named"
finish
