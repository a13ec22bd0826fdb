#!/bin/sh
# run-lint-tests.sh - `ratel lint` end to end: usage, the reference plan
# lints clean, and each fixture in tests/cli/lint/ gives its error at its
# line (globals outside the sandbox, an undeclared table, no rounding, a
# syntax error, table keys off the vocabulary, steps that name a table but
# pass a value of their own), in text and JSON.
# Usage: tests/cli/run-lint-tests.sh path/to/ratel   (from the repository)
set -u
RATEL=${1:-build/ratel}
L=tests/cli/lint
suite=lint
. tests/cli/lib.sh
lacks() {
    if grep -qF -- "$2" "$1"; then
        bad "$3: '$2' in $(basename "$1")"; sed 's/^/  | /' "$1"
    else ok; fi
}

# Fresh databases: the reference tables as they are now, and the fixture.
if "$RATEL" tables build tables -o "$tmp/ref.db" >/dev/null 2>&1; then ok
else bad "cannot build tables/ into a database"; fi
if "$RATEL" tables build "$L/tables" -o "$tmp/keys.db" >/dev/null 2>&1
then ok; else bad "cannot build $L/tables into a database"; fi

# --- usage ---
expect 0 "help" -- "$RATEL" lint --help
contains "$tmp/out" "Usage: ratel lint PLAN.lua" "help"
expect 0 "help lint" -- "$RATEL" help lint
contains "$tmp/out" "Usage: ratel lint" "help lint"
expect 2 "no plan" -- "$RATEL" lint
expect 2 "two plans" -- "$RATEL" lint "$L/globals.lua" "$L/no_rounding.lua"
expect 2 "bad format" -- "$RATEL" lint --format xml rating-scripts/sme_cyber.lua
expect 2 "unknown option" -- "$RATEL" lint --frobnicate rating-scripts/sme_cyber.lua
expect 1 "missing plan" -- "$RATEL" lint "$tmp/nope.lua"

# --- the reference plan lints clean ---
expect 0 "reference plan" -- "$RATEL" lint --tables "$tmp/ref.db" \
    rating-scripts/sme_cyber.lua
lacks "$tmp/out" ": error:" "reference plan"
expect 0 "reference plan json" -- "$RATEL" lint --tables "$tmp/ref.db" \
    --format json rating-scripts/sme_cyber.lua
contains "$tmp/out" "[" "reference json array"
lacks "$tmp/out" '"severity":"error"' "reference json"

# --- globals outside the sandbox (luacheck) ---
if command -v luacheck >/dev/null 2>&1; then
    expect 1 "globals" -- "$RATEL" lint --tables "$tmp/ref.db" "$L/globals.lua"
    contains "$tmp/out" "globals.lua:8: error: accessing undefined variable 'io'" "io.open"
    contains "$tmp/out" "globals.lua:11: error: accessing undefined variable 'premiun'" "premiun"
    expect 1 "globals json" -- "$RATEL" lint --tables "$tmp/ref.db" \
        --format json "$L/globals.lua"
    contains "$tmp/out" '{"line":8,"severity":"error","check":"globals","message":"accessing undefined variable '"'io'" "globals json"
else
    echo "NOTICE: luacheck not installed (Debian package lua-check);" \
         "skipping the global checks"
fi
# Without luacheck: one warning, and the other checks still run.
expect 0 "no luacheck" -- env PATH=/nonexistent "$RATEL" lint \
    --tables "$tmp/ref.db" rating-scripts/sme_cyber.lua
contains "$tmp/out" "warning: global check skipped: luacheck is not installed" "no luacheck"

# --- a table used but not declared ---
expect 1 "undeclared table" -- "$RATEL" lint --tables "$tmp/ref.db" \
    "$L/undeclared_table.lua"
contains "$tmp/out" "undeclared_table.lua:10: error: table 'sme_coverage_share' is used but not declared in plan.tables" "undeclared table"
expect 1 "undeclared json" -- "$RATEL" lint --tables "$tmp/ref.db" \
    --format=json "$L/undeclared_table.lua"
contains "$tmp/out" '"line":10,"severity":"error","check":"tables"' "undeclared json"

# --- no rounding: the smoke run fails, and a warning ---
expect 1 "no rounding" -- "$RATEL" lint --tables "$tmp/ref.db" \
    "$L/no_rounding.lua"
contains "$tmp/out" "error: the total premium is not whole yen" "not whole yen"
contains "$tmp/out" 'warning: no round("policy", ...) call' "rounding warning"

# --- a syntax error, at its line ---
expect 1 "syntax error" -- "$RATEL" lint --tables "$tmp/ref.db" \
    "$L/syntax_error.lua"
contains "$tmp/out" "syntax_error.lua:12: error: 'end' expected" "syntax line"

# --- table keys against the vocabulary, in a database built here ---
expect 1 "bad keys" -- "$RATEL" lint --tables "$tmp/keys.db" "$L/bad_keys.lua"
contains "$tmp/out" "bad_keys.lua:4: error: table lint_industry (version 1, from 2025-04-01): column industry: \"eduction\" is not a code of applicant.industry; did you mean \"education\"?" "misspelt key"
contains "$tmp/out" "bad_keys.lua:4: error: table lint_industry (version 1, from 2025-04-01): column industry: no row for \"education\" of applicant.industry" "missing industry"

# --- declaration fields the plan's schema does not have, found without a
# declaration (static paths and local aliases) ---
expect 1 "misspelt fields" -- "$RATEL" lint "$L/misspelt_fields.lua"
contains "$tmp/out" "misspelt_fields.lua:11: error: d.applicant.revenu: no such field in schema cyber-sme (did you mean revenue?)" "alias field"
contains "$tmp/out" "misspelt_fields.lua:12: error: d.controls.ofline_backup: no such field in schema cyber-sme (did you mean offline_backup?)" "flags code"
contains "$tmp/out" "misspelt_fields.lua:14: error: d.incidents[].payd: no such field in schema cyber-sme (did you mean paid?)" "list item field"
contains "$tmp/out" "misspelt_fields.lua:21: error: d.request is a shorthand" "shorthand"
contains "$tmp/out" "misspelt_fields.lua:22: error: d.aplicant: no such field in schema cyber-sme (did you mean applicant?)" "top field"
# --- steps that name a table and a key but pass a value of their own ---
expect 1 "step claims" -- "$RATEL" lint --tables "$tmp/ref.db" \
    "$L/step_claims.lua"
contains "$tmp/out" "step_claims.lua:12: warning: the step names table 'sme_industry' and a key but passes a value of its own" "number beside a table"
contains "$tmp/out" "step_claims.lua:15: warning: the step names table 'sme_industry'" "arithmetic beside a table"
contains "$tmp/out" "step_claims.lua:12: error: step 'Industry' passes 1.15 beside sme_industry[retail], which holds 1.375" "engine refuses the claim"
lacks "$tmp/out" "step_claims.lua:13: warning" "a lookup is the table's value"
lacks "$tmp/out" "step_claims.lua:17: warning" "no table named"
expect 1 "step claims json" -- "$RATEL" lint --tables "$tmp/ref.db" \
    --format json "$L/step_claims.lua"
contains "$tmp/out" '{"line":12,"severity":"warning","check":"steps",' "step claims json"
for plan in sme_cyber questionnaire_cyber chamber_scheme; do
    expect 0 "$plan steps" -- "$RATEL" lint --tables "$tmp/ref.db" \
        "rating-scripts/$plan.lua"
    lacks "$tmp/out" '"steps"' "$plan names tables only with their values"
    lacks "$tmp/out" "passes a value of its own" "$plan steps"
done

expect 0 "shipped plans read known fields" -- "$RATEL" lint rating-scripts/sme_cyber.lua
lacks_text() { if grep -qF -- "$2" "$1"; then bad "$3"; else ok; fi; }
lacks_text "$tmp/out" "no such field" "no field finding on sme_cyber.lua"

finish
