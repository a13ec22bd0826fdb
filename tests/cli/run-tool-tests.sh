#!/bin/sh
# run-tool-tests.sh - the plan writers' tools end to end: `ratel try`
# (totals equal to `ratel quote`, plan errors shown with their source,
# --watch rerunning after an edit) and `ratel diff` (a changed factor, a
# renamed step, a plan against itself), their help and usage errors.
# Usage: tests/cli/run-tool-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
PLAN=rating-scripts/sme_cyber.lua
CASES=tests/golden/cases
suite=tools
. tests/cli/lib.sh
# matches FILE REGEX NAME (extended regular expression)
matches() {
    if grep -qE -- "$2" "$1"; then ok; else
        bad "$3: /$2/ not in $(basename "$1")"; sed 's/^/  | /' "$1"
    fi
}
# count FILE REGEX WANT NAME: lines matching REGEX
count() {
    n=$(grep -cE -- "$2" "$1")
    if [ "$n" -eq "$3" ]; then ok; else
        bad "$4: $n lines match /$2/, expected $3"; sed 's/^/  | /' "$1"
    fi
}

# --- help and usage errors ---
for c in try diff; do
    expect 0 "$c --help" -- "$RATEL" $c --help
    contains "$tmp/out" "Usage: ratel $c" "$c --help"
    expect 0 "help $c" -- "$RATEL" help $c
    contains "$tmp/out" "Usage: ratel $c" "help $c"
done
expect 0 "help lists try" -- "$RATEL" --help
contains "$tmp/out" "try PLAN.lua" "help lists try"
contains "$tmp/out" "diff A.lua B.lua" "help lists diff"
expect 2 "try no args" -- "$RATEL" try
expect 2 "try no decl" -- "$RATEL" try "$PLAN"
expect 2 "try bad format" -- "$RATEL" try "$PLAN" "$CASES/neutral.json" --format xml
expect 2 "try bad option" -- "$RATEL" try --frob "$PLAN" "$CASES/neutral.json"
expect 2 "try watch stdin" -- "$RATEL" try --watch "$PLAN" -
contains "$tmp/err" "Try 'ratel try --help'." "try usage hint"
expect 2 "diff one plan" -- "$RATEL" diff "$PLAN" --decl "$CASES/neutral.json"
expect 2 "diff no decl" -- "$RATEL" diff "$PLAN" "$PLAN"
expect 2 "diff bad format" -- "$RATEL" diff "$PLAN" "$PLAN" \
    --decl "$CASES/neutral.json" --format xml
contains "$tmp/err" "Try 'ratel diff --help'." "diff usage hint"

# --- try: two golden declarations, totals equal to the JSON quotes ---
: >"$tmp/want"
for c in neutral bi_cover; do
    "$RATEL" quote "$CASES/$c.json" |
        sed -n 's/.*"total_premium":\([0-9]*\).*/\1/p' >>"$tmp/want"
done
expect 0 "try two cases" -- "$RATEL" try "$PLAN" "$CASES/neutral.json" \
    "$CASES/bi_cover.json"
contains "$tmp/out" "== $CASES/neutral.json" "try names neutral"
contains "$tmp/out" "== $CASES/bi_cover.json" "try names bi_cover"
count "$tmp/out" '^Decision: +quoted$' 2 "try decisions"
count "$tmp/out" '^Worksheet:$' 2 "try worksheets"
contains "$tmp/out" "Round to 10 yen" "try worksheet step"
contains "$tmp/out" "== 2 of 2 declarations rated" "try summary"
sed -n 's/^Total premium: *JPY //p' "$tmp/out" | tr -d , >"$tmp/got"
if [ -s "$tmp/want" ] && [ "$(wc -l <"$tmp/want")" -eq 2 ] &&
   cmp -s "$tmp/want" "$tmp/got"; then ok; else
    bad "try totals $(tr '\n' ' ' <"$tmp/got")differ from quote's $(tr '\n' ' ' <"$tmp/want")"
fi
expect 0 "try json" -- "$RATEL" try --format json "$PLAN" "$CASES/neutral.json"
contains "$tmp/out" "{\"format_version\":1,\"file\":\"$CASES/neutral.json\",\"quote\":{" "try json"
contains "$tmp/out" "\"total_premium\":$(head -n 1 "$tmp/want")," "try json total"
expect 1 "try bad declaration" -- "$RATEL" try "$PLAN" "$CASES/neutral.json" \
    "$CASES/error_invalid_declaration.json"
contains "$tmp/err" '$.applicant.revenue: expected a non-negative integer' "try decl error"
contains "$tmp/out" "== 1 of 2 declarations rated" "try partial summary"

# --- try: plan errors with script:line and the source around it ---
expect 1 "try runtime error" -- "$RATEL" try tests/cli/plans/runtime_error.lua \
    "$CASES/neutral.json"
contains "$tmp/err" "runtime_error.lua:6:" "runtime error line"
matches "$tmp/err" '^> +6 \| +return f \.\. nil$' "runtime error marker"
matches "$tmp/err" '^ +4 \| function rate\(d\)$' "runtime error context"
count "$tmp/err" '^>' 1 "one marker"
expect 1 "try syntax error" -- "$RATEL" try tests/cli/plans/syntax_error.lua \
    "$CASES/neutral.json"
contains "$tmp/err" "syntax_error.lua:7:" "syntax error line"
matches "$tmp/err" '^> +7 \|' "syntax error marker"
matches "$tmp/err" '^ +5 \| +if d then$' "syntax error context"
expect 1 "try a directory" -- "$RATEL" try rating-scripts "$CASES/neutral.json"

# --- try --watch: an edit after the first run gives a second run ---
mkdir "$tmp/w"
cp "$PLAN" "$tmp/w/plan.lua"
cp "$CASES/neutral.json" "$tmp/w/decl.json"
RATEL_WATCH_MAX_RUNS=2 "$RATEL" try --watch "$tmp/w/plan.lua" \
    "$tmp/w/decl.json" >"$tmp/w/out" 2>"$tmp/w/err" &
pid=$!
sleep 1
sed 's/"Round to 10 yen", 10,/"Round to 10 yen", 100,/' "$PLAN" >"$tmp/w/plan.lua"
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 15 ]; do
    sleep 1
    i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    bad "try --watch did not stop after 2 runs"
fi
wait "$pid"
st=$?
if [ "$st" -eq 0 ]; then ok; else bad "try --watch: exit $st"; fi
count "$tmp/w/out" '^== 1 of 1 declarations rated$' 2 "watch runs"
count "$tmp/w/out" '^---- [0-9][0-9]:[0-9][0-9]:[0-9][0-9] ' 1 "watch separator"
contains "$tmp/w/out" "JPY 67,380" "watch first total"
contains "$tmp/w/out" "JPY 67,400" "watch second total"

# --- diff: one changed factor, a renamed step, a plan against itself ---
sed 's/"Round to 10 yen", 10,/"Round to 10 yen", 100,/' "$PLAN" >"$tmp/round.lua"
expect 0 "diff factor" -- "$RATEL" diff "$PLAN" "$tmp/round.lua" \
    --decl "$CASES/neutral.json"
matches "$tmp/out" '^ +\* +policy +Round to 10 yen +10 +100 +67,380 +67,400$' "diff step"
count "$tmp/out" '^ +\* ' 1 "diff changed rows: the round alone"
matches "$tmp/out" '^ +liability +Share of the policy premium .* 40,428 +40,440$' "diff carried step unmarked"
matches "$tmp/out" '^Total premium: +JPY 67,380 +JPY 67,400 +\+20 yen \(\+0\.03%\)$' "diff total"
contains "$tmp/out" "Differences: 1 step changed, 0 only in A, 0 only in B." "diff summary"
expect 0 "diff json" -- "$RATEL" diff "$PLAN" "$tmp/round.lua" \
    --decl "$CASES/neutral.json" --format json
contains "$tmp/out" '"change":"changed","coverage":"policy","label":"Round to 10 yen","value_a":10,"value_b":100' "diff json step"
contains "$tmp/out" '"totals":{"a":67380,"b":67400,"change":20,' "diff json totals"
contains "$tmp/out" '"decisions":{"a":"quoted","b":"quoted","changed":false}' "diff json decisions"
contains "$tmp/out" '"change":"carried","coverage":"liability","label":"Share of the policy premium' "diff json carried"
# A table change on one declaration: B's own table database.
cp -r tables "$tmp/tables_b"
sed -i 's/^manufacturing,1\.000$/manufacturing,1.100/' "$tmp/tables_b/sme_industry.csv"
"$RATEL" tables build "$tmp/tables_b" -o "$tmp/b.db" >/dev/null 2>&1
"$RATEL" tables build tables -o "$tmp/a.db" >/dev/null 2>&1
expect 0 "diff tables-b" -- "$RATEL" diff "$PLAN" "$PLAN" --tables "$tmp/a.db" \
    --tables-b "$tmp/b.db" --decl "$CASES/neutral.json"
count "$tmp/out" '^ +\* ' 2 "diff tables-b: the two industry steps"
matches "$tmp/out" '^ +\* +liability +Industry relativity +1 +1\.1 ' "diff tables-b step"
matches "$tmp/out" '^Total premium: +JPY 67,380 +JPY 74,110 ' "diff tables-b total"
expect 0 "diff tables-b same" -- "$RATEL" diff "$PLAN" "$PLAN" \
    --tables "$tmp/a.db" --tables-b "$tmp/a.db" --decl "$CASES/neutral.json"
contains "$tmp/out" "No differences" "diff tables-b same"
# Worksheet premiums to the sen at most (a 184-day policy: 0.7483).
sed 's/^  "incidents"/  "policy": {"inception": "2026-07-01", "expiry": "2027-01-01"},\n  "incidents"/' \
    "$CASES/neutral.json" >"$tmp/short.json"
expect 0 "worksheet decimals" -- "$RATEL" quote --format table "$tmp/short.json"
count "$tmp/out" '[0-9]\.[0-9][0-9][0-9]+$' 0 "worksheet premiums: 2 decimals at most"
matches "$tmp/out" '[0-9]\.[0-9][0-9]?$' "worksheet premiums: some decimals"
sed 's/"Overseas revenue load"/"Overseas load"/' "$PLAN" >"$tmp/label.lua"
expect 0 "diff label" -- "$RATEL" diff "$PLAN" "$tmp/label.lua" \
    --decl "$CASES/neutral.json"
matches "$tmp/out" '^ +- +policy +Overseas revenue load ' "diff removed step"
matches "$tmp/out" '^ +\+ +policy +Overseas load ' "diff added step"
expect 0 "diff itself" -- "$RATEL" diff "$PLAN" "$PLAN" \
    --decl "$CASES/bi_cover.json"
contains "$tmp/out" "No differences" "diff itself"
count "$tmp/out" '^ +[-+*] ' 0 "diff itself marks"
expect 1 "diff plan error" -- "$RATEL" diff "$PLAN" \
    tests/cli/plans/runtime_error.lua --decl "$CASES/neutral.json"
matches "$tmp/err" '^> +6 \| +return f \.\. nil$' "diff plan error source"
expect 1 "diff missing decl" -- "$RATEL" diff "$PLAN" "$PLAN" \
    --decl "$tmp/nope.json"

# --- schemas: list, show, and docs/declaration.md generated from them ---
expect 0 "schemas list" -- "$RATEL" schemas list
contains "$tmp/out" "cyber-sme" "schemas list cyber"
contains "$tmp/out" "us-management-liability" "schemas list us"
expect 0 "schemas show" -- "$RATEL" schemas show cyber-sme
contains "$tmp/out" "coverages.bi.waiting_hours" "schemas show field"
expect 1 "schemas show unknown" -- "$RATEL" schemas show cyber-smee
contains "$tmp/err" "no schema 'cyber-smee'" "schemas show unknown message"
expect 2 "schemas bad subcommand" -- "$RATEL" schemas frobnicate
expect 0 "schemas markdown" -- "$RATEL" schemas show cyber-sme --format markdown
sed -n '/^<!-- generated: ratel schemas show cyber-sme --format markdown -->$/,/^<!-- end generated -->$/p' \
    docs/declaration.md | sed '1d;$d' > "$tmp/doc_fields.md"
if cmp -s "$tmp/out" "$tmp/doc_fields.md"; then ok; else
    bad "docs/declaration.md's field table differs from 'ratel schemas show cyber-sme --format markdown' (regenerate it)"; fi

finish
