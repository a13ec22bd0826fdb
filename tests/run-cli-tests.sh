#!/bin/sh
# run-cli-tests.sh - the ratel tool end to end: every subcommand's help,
# the quote in both formats against the golden files, exit statuses and
# error messages, table builds with errors, plan errors, and the same
# bytes from many processes at once.
# Usage: tests/run-cli-tests.sh path/to/ratel
set -u
RATEL=${1:-build/ratel}
suite=cli
. tests/cli/lib.sh

# --- help and usage ---
for c in "" "quote" "plans list" "tables build" "tables check"; do
    # shellcheck disable=SC2086
    expect 0 "help $c" -- "$RATEL" $c --help
    contains "$tmp/out" "Usage" "help $c"
done
expect 2 "unknown command" -- "$RATEL" frobnicate
expect 2 "unknown option" -- "$RATEL" quote --frobnicate examples/neutral.json
expect 0 "version" -- "$RATEL" --version

# --- quote: JSON equals the golden file; the table shows the worksheet ---
# same_quote GOT GOLDEN: equal with every plan's hash masked (a comment
# edited in a plan does not rewrite the goldens; test_golden checks it)
mask_hash() { sed -E 's/("plan":\{[^}]*"hash":")[0-9a-f]{64}"/\1*"/g' "$1"; }
same_quote() { mask_hash "$1" > "$tmp/got.masked"; mask_hash "$2" |
    cmp -s "$tmp/got.masked" -; }
for c in neutral bi_cover ransomware_unremediated_referred \
         incidents_four_declined; do
    expect 0 "quote $c" -- "$RATEL" quote "tests/golden/cases/$c.json"
    if same_quote "$tmp/out" "tests/golden/expected/$c.out"; then ok; else
        bad "quote $c: output differs from tests/golden/expected/$c.out"; fi
done
expect 0 "quote stdin" -- sh -c "\"$RATEL\" quote - < examples/neutral.json"
if same_quote "$tmp/out" tests/golden/expected/neutral.out; then ok; else
    bad "quote from stdin differs"; fi
expect 0 "quote table" -- "$RATEL" quote examples/neutral.json --format table
contains "$tmp/out" "株式会社さくら精機" "table applicant"
contains "$tmp/out" "JPY 67,380" "table total"
contains "$tmp/out" "sme_industry[manufacturing]" "table worksheet key"
expect 0 "quote referred table" -- "$RATEL" quote --format table \
    tests/golden/cases/ransomware_unremediated_referred.json
contains "$tmp/out" "RANSOMWARE_UNREMEDIATED" "table reasons"
expect 0 "quote no worksheet" -- "$RATEL" quote --no-worksheet examples/neutral.json
contains "$tmp/out" '"worksheet":[]' "no worksheet"

# --- authority: a level-2 underwriter may quote a 60% credit ---
expect 0 "authority 1" -- "$RATEL" quote tests/golden/cases/credits_capped_60.json
contains "$tmp/out" '"code":"AUTHORITY"' "authority referral"
expect 0 "authority 2" -- "$RATEL" quote --authority 2 \
    tests/golden/cases/credits_capped_60.json
contains "$tmp/out" '"decision":"quoted"' "authority 2 quotes"
expect 2 "authority bad" -- "$RATEL" quote --authority 12 examples/neutral.json

# --- bad input: exit 1, every error with its JSON path ---
expect 1 "invalid declaration" -- "$RATEL" quote \
    tests/golden/cases/error_invalid_declaration.json
contains "$tmp/err" '$.applicant.revenue: expected a non-negative integer number of yen, got -5' "decl revenue"
contains "$tmp/err" '$.controls.mfaa' "decl control"
contains "$tmp/err" '$.incidents[0].paid' "decl paid"
printf '{\n  "effective_date": "2026-07-01",\n  "applicant": {,\n' > "$tmp/syntax.json"
expect 1 "syntax error" -- "$RATEL" quote "$tmp/syntax.json"
contains "$tmp/err" "3:" "syntax error line"
expect 1 "missing file" -- "$RATEL" quote "$tmp/nope.json"
expect 1 "unknown plan" -- "$RATEL" quote --plan nope examples/neutral.json
contains "$tmp/err" "nope" "unknown plan named"

# --- plans: listing and errors with script and line ---
expect 0 "plans list" -- "$RATEL" plans list
contains "$tmp/out" "sme-cyber" "plans list id"
expect 1 "plan runtime error" -- "$RATEL" quote --plans \
    tests/cli/plans/runtime_error.lua examples/neutral.json
contains "$tmp/err" "runtime_error.lua:6:" "plan error line"
expect 1 "plan syntax error" -- "$RATEL" quote --plans \
    tests/cli/plans/syntax_error.lua examples/neutral.json
contains "$tmp/err" "syntax_error.lua:7:" "plan syntax line"

# --- tables: build, check, and a build that must fail naming file:line ---
expect 0 "tables check sources" -- "$RATEL" tables check tables
expect 0 "tables check db" -- "$RATEL" tables check tables/ratel.db
expect 0 "tables build" -- "$RATEL" tables build tables -o "$tmp/t.db"
if cmp -s "$tmp/t.db" tables/ratel.db; then ok; else
    bad "tables build is not deterministic"; fi
expect 1 "bad tables" -- "$RATEL" tables build tests/cli/bad-tables -o "$tmp/bad.db"
contains "$tmp/err" "bands.csv:3:" "band gap line"
contains "$tmp/err" "bands.csv:4:" "non-numeric line"
contains "$tmp/err" "dup.csv:3:" "duplicate key line"
contains "$tmp/err" "manifest.csv:4:" "same effective date line"
if [ -e "$tmp/bad.db" ]; then bad "a failed build left a database"; else ok; fi

# --- determinism: 4 processes x 5 cases, all bytes equal to one run ---
for c in neutral bi_cover credits_capped_60 incident_older_half_weight \
         liability_limit_off_menu_referred; do
    for p in 1 2 3 4; do
        "$RATEL" quote "tests/golden/cases/$c.json" >"$tmp/$c.$p" &
    done
done
wait
for c in neutral bi_cover credits_capped_60 incident_older_half_weight \
         liability_limit_off_menu_referred; do
    for p in 2 3 4; do
        if cmp -s "$tmp/$c.1" "$tmp/$c.$p"; then ok; else
            bad "process $p gave different bytes for $c"; fi
    done
done

finish
