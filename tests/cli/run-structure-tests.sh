#!/bin/sh
# run-structure-tests.sh - `ratel structure` end to end: help and usage
# errors, a golden JSON document for each kind of structure and for the
# decline paths (tests/structures/cases -> expected), the same bytes on
# 1 and 2 threads, the table, and errors naming the file and JSON path.
# Usage: tests/cli/run-structure-tests.sh path/to/ratel
#        UPDATE=1 ... rewrites the expected documents (then review them)
set -u
RATEL=${1:-build/ratel}
suite=structure
. tests/cli/lib.sh
dir=tests/structures
neutral=examples/neutral.json
declined=tests/golden/cases/incidents_four_declined.json

expect 0 "help" -- "$RATEL" structure --help
contains "$tmp/out" "Usage: ratel structure DECL --structures FILE" "help"
expect 0 "help command" -- "$RATEL" help structure
expect 2 "no structures" -- "$RATEL" structure "$neutral"
contains "$tmp/err" "missing --structures FILE" "no structures named"
expect 2 "bad years" -- "$RATEL" structure "$neutral" --structures \
    examples/structures.json --years 0
expect 2 "bad threads" -- "$RATEL" structure "$neutral" --structures \
    examples/structures.json --threads x
expect 2 "bad format" -- "$RATEL" structure "$neutral" --structures \
    examples/structures.json --format csv

# --- one golden document per kind, and the declines ---
for c in insurance captive self_insurance commitment_line cat_bond \
         decline_collateral decline_plan; do
    decl=$neutral
    [ "$c" = decline_plan ] && decl=$declined
    expect 0 "structure $c" -- "$RATEL" structure "$decl" --structures \
        "$dir/cases/$c.json" --format json --years 20000 --threads 2
    if [ -n "${UPDATE:-}" ]; then cp "$tmp/out" "$dir/expected/$c.out"; fi
    if cmp -s "$tmp/out" "$dir/expected/$c.out"; then ok; else
        bad "structure $c: output differs from $dir/expected/$c.out"; fi
done
contains "$dir/expected/decline_collateral.out" '"status":"declined"' \
    "collateral decline"
contains "$dir/expected/decline_plan.out" "will not front a captive" \
    "plan decline"

# --- the example: the same bytes on 1 and 2 threads; the table ---
expect 0 "example 1 thread" -- "$RATEL" structure "$neutral" --structures \
    examples/structures.json --format json --years 50000 --threads 1
cp "$tmp/out" "$tmp/one.json"
expect 0 "example 2 threads" -- "$RATEL" structure "$neutral" --structures \
    examples/structures.json --format json --years 50000 --threads 2
if cmp -s "$tmp/out" "$tmp/one.json"; then ok; else
    bad "1 and 2 threads give different output"; fi
expect 0 "example table" -- "$RATEL" structure "$neutral" --structures \
    examples/structures.json --years 20000
contains "$tmp/out" "Package insurance: questionnaire-cyber" "plan expanded"
contains "$tmp/out" "Scenario: Ransomware at a manufacturer, JPY 124m" \
    "seed 003 scenario"
contains "$tmp/out" "is a loan, not indemnity" "line note"
contains "$tmp/out" "fall below 1% a year only from a principal of" \
    "bond note"
contains "$tmp/out" "a bridge loan backed by the" "bridge note"

# --- errors name the file and the JSON path ---
printf '{"format_version": 1, "structures": [{"name": "x", "kind": "bank"}]}' \
    > "$tmp/bad.json"
expect 1 "bad kind" -- "$RATEL" structure "$neutral" --structures \
    "$tmp/bad.json"
contains "$tmp/err" "$tmp/bad.json: \$.structures[0].kind: unknown kind" \
    "kind error"
printf '{"format_version": 1, "structures": [{"name": "x", "kind": "insurance", "plan": "sme-cyber", "excess": [{"plan": "sme-cyber", "attachment": 1000000, "limit": 5000000}]}]}' \
    > "$tmp/low.json"
expect 1 "excess below the policy" -- "$RATEL" structure "$neutral" \
    --structures "$tmp/low.json"
contains "$tmp/err" "$tmp/low.json: \$.structures[0].excess[0].attachment:" \
    "excess error"
printf '{"format_version": 1, "structures": [{"name": "x", "kind": "insurance", "plan": "nope"}]}' \
    > "$tmp/plan.json"
expect 1 "unknown plan" -- "$RATEL" structure "$neutral" --structures \
    "$tmp/plan.json"
contains "$tmp/err" "\$.structures[0]: plan nope" "plan error"
expect 1 "bad declaration" -- "$RATEL" structure \
    tests/golden/cases/error_invalid_declaration.json --structures \
    examples/structures.json
contains "$tmp/err" '$.applicant.revenue' "declaration error"
expect 1 "missing file" -- "$RATEL" structure "$neutral" --structures \
    "$tmp/none.json"
finish
