#!/bin/sh
# run-test-cmd-tests.sh - `ratel test` (the plan cases pass; a wrong
# expected premium fails with its report and exit 1; a malformed case) and
# `ratel quote --options` (the plan's menu as a table; an options file
# with an unknown key).
# Usage: tests/cli/run-test-cmd-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
suite=testcmd
. tests/cli/lib.sh
# count FILE REGEX WANT NAME: lines matching REGEX
count() {
    n=$(grep -cE -- "$2" "$1")
    if [ "$n" -eq "$3" ]; then ok; else
        bad "$4: $n lines match /$2/, expected $3"; sed 's/^/  | /' "$1"
    fi
}

# --- ratel test ---
expect 0 "test --help" -- "$RATEL" test --help
contains "$tmp/out" "Usage: ratel test" "test --help"
expect 2 "test no dir" -- "$RATEL" test
expect 2 "test bad format" -- "$RATEL" test rating-scripts --format xml
expect 0 "test rating-scripts" -- "$RATEL" test rating-scripts
n=$(find rating-scripts/tests -name '*.json' | wc -l)
count "$tmp/out" '^PASS rating-scripts/tests/' "$n" "test all pass"
contains "$tmp/out" "plan tests: $n passed, 0 failed" "test summary"
expect 0 "test filter" -- "$RATEL" test rating-scripts --filter sme-cyber/01
contains "$tmp/out" "plan tests: 1 passed, 0 failed" "test filter summary"
mkdir -p "$tmp/cases/sme-cyber"
sed 's/"total_premium": 67380/"total_premium": 67370/' \
    rating-scripts/tests/sme-cyber/01_neutral.json \
    >"$tmp/cases/sme-cyber/01_wrong.json"
expect 1 "test wrong premium" -- "$RATEL" test "$tmp/cases"
contains "$tmp/out" "FAIL $tmp/cases/sme-cyber/01_wrong.json" "test FAIL line"
contains "$tmp/out" "    total_premium: expected 67370, got 67380" "test report"
contains "$tmp/out" "plan tests: 0 passed, 1 failed" "test fail summary"
expect 1 "test wrong premium json" -- "$RATEL" test "$tmp/cases" --format json
contains "$tmp/out" '"passed":false,"report":"total_premium: expected 67370, got 67380\n"' "test json"
sed 's/"decision"/"decisoin"/' rating-scripts/tests/sme-cyber/01_neutral.json \
    >"$tmp/cases/sme-cyber/02_typo.json"
expect 1 "test malformed" -- "$RATEL" test "$tmp/cases" --filter typo
contains "$tmp/out" '$.expect.decisoin: unknown expectation' "test malformed path"

# --- ratel quote --options ---
expect 0 "options all" -- "$RATEL" quote examples/neutral.json --plan sme-cyber \
    --options all --format table
count "$tmp/out" '^L[0-9]+m E[0-9]+m D[0-9]+[km] ' 24 "options all rows"
contains "$tmp/out" "L100m E30m D100k  100,000,000  30,000,000" "options row"
expect 0 "options all json" -- "$RATEL" quote examples/neutral.json \
    --plan sme-cyber --options all
count "$tmp/out" '^\{"name":' 24 "options json rows"
printf '[{"name": "big", "liability_limit": 500000000},\n {"deductable": 1}]\n' \
    >"$tmp/opts.json"
expect 1 "options unknown key" -- "$RATEL" quote examples/neutral.json \
    --plan sme-cyber --options "$tmp/opts.json" --format table
contains "$tmp/err" "opts.json: \$[1].deductable: unknown key" "options key path"
printf '[{"name": "big", "liability_limit": 500000000}]\n' >"$tmp/opts.json"
expect 0 "options file" -- "$RATEL" quote examples/neutral.json \
    --plan sme-cyber --options "$tmp/opts.json" --format table
contains "$tmp/out" "big" "options file row"
# A term priced otherwise than the option asked is marked, "none" is no
# cover, and the reasons say why.
printf '[{"name": "odd", "liability_limit": 150000000, "bi_limit": 0}]\n' \
    >"$tmp/opts.json"
expect 0 "options differences" -- "$RATEL" quote examples/neutral.json \
    --plan sme-cyber --options "$tmp/opts.json" --format table
count "$tmp/out" '^odd +200,000,000\* +30,000,000 +none +none +100,000 +100% +referred +[0-9,]+ +LIMIT_OFF_MENU$' 1 "options: priced otherwise marked"
contains "$tmp/out" "(* priced otherwise than the option asked" "options legend"
lacks_text() { if grep -qF -- "$2" "$1"; then bad "$3"; else ok; fi; }
lacks_text "$tmp/out" "30,000,000*" "options: the expense limit as asked"

finish
