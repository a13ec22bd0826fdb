#!/bin/sh
# run-scheme-tests.sh - `ratel scheme quote`: a roster as CSV and as JSON
# Lines gives the same account; 1, 2 or 3 threads give the same bytes;
# the golden roster's account and fees (tests/golden/scheme/, worked out
# by hand in its README); bad lines failed and the rest rated; a plan
# without scheme.tier stopped at the line; usage errors; -o and stdin.
# Also what plan cases cannot say of chamber-scheme: the terms it states
# priced (docs/quote.md "differences").
# Usage: tests/cli/run-scheme-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
G=tests/golden/scheme
suite=scheme
. tests/cli/lib.sh
same() {
    if cmp -s "$1" "$2"; then ok; else
        bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -20 | sed 's/^/  | /'
    fi
}
# quote ARGS...: ratel scheme quote --plan chamber-scheme ARGS...
quote() { "$RATEL" scheme quote --plan chamber-scheme "$@"; }
# renumber IN OUT DELTA: the account IN with every "line N" member as
# "line #(N + DELTA)", into OUT
renumber() {
    awk -v d="$3" '{ while (match($0, /"member":"line [0-9]+"/)) {
        n = substr($0, RSTART + 15, RLENGTH - 16) + d
        $0 = substr($0, 1, RSTART - 1) "\"member\":\"line #" n "\"" \
             substr($0, RSTART + RLENGTH) }
        print }' "$1" >"$2"
}

# --- help and usage errors (exit 2, or 1 as the help says) ---
expect 0 "scheme --help" -- "$RATEL" scheme --help
contains "$tmp/out" "Usage: ratel scheme quote --plan ID --roster FILE" "help"
expect 0 "scheme quote --help" -- "$RATEL" scheme quote --help
contains "$tmp/out" "Exit status: 0 the roster was read to the end" "help exit"
expect 2 "no subcommand" -- "$RATEL" scheme
contains "$tmp/err" "missing subcommand (quote)" "no subcommand: said"
expect 2 "unknown subcommand" -- "$RATEL" scheme price
contains "$tmp/err" "unknown subcommand 'price' (quote)" "unknown subcommand"
expect 2 "no --plan" -- "$RATEL" scheme quote --roster "$G/members.csv"
contains "$tmp/err" "missing --plan" "no --plan: said"
expect 2 "no --roster" -- quote
contains "$tmp/err" "missing --roster" "no --roster: said"
expect 2 "unknown account format" -- quote --roster "$G/members.csv" \
    --format xml
contains "$tmp/err" "unknown format 'xml' (table, json)" "format: said"
expect 2 "unknown roster format" -- quote --roster "$G/members.csv" \
    --in-format xlsx
contains "$tmp/err" "unknown format 'xlsx' (jsonl, csv)" "in-format: said"
expect 2 "unknown fees format" -- quote --roster "$G/members.csv" \
    --out-format xml
expect 2 "bad threads" -- quote --roster "$G/members.csv" --threads 0
expect 2 "extra argument" -- quote --roster "$G/members.csv" extra
expect 1 "unknown plan" -- "$RATEL" scheme quote --plan no-such-scheme \
    --roster "$G/members.csv"
contains "$tmp/err" "no plan 'no-such-scheme'" "unknown plan: said"
expect 1 "roster missing" -- quote --roster "$tmp/none.csv"
contains "$tmp/err" "$tmp/none.csv" "roster missing: names it"

# --- the golden roster: the account and the fees, byte for byte ---
expect 0 "golden json" -- quote --roster "$G/members.csv" --format json \
    -o "$tmp/fees.csv"
same "$tmp/out" "$G/members.account.json" "golden account"
same "$tmp/fees.csv" "$G/members.fees.csv" "golden fees (CSV by extension)"
# a bad roster line is listed as failed, the lines after it rated
contains "$tmp/fees.csv" "8,,,,,,,,,,\"column 3 (applicant.revenue): " \
    "failed line in the fees"
contains "$tmp/fees.csv" "9,学習塾つばさ,referred,small,32000," \
    "line after the failed one rated"
# the table shows the same account
expect 0 "golden table" -- quote --roster "$G/members.csv"
contains "$tmp/out" "Members:      12 rated: 6 accepted, 3 referred, 2 refused, 1 failed" \
    "table members"
contains "$tmp/out" "  total            6     389,000        2       29,000      41,800  418,000" \
    "table total line"
contains "$tmp/out" "  Shortfall to the minimum                29,623,800" \
    "table shortfall"
contains "$tmp/out" "  line 8        column 3 (applicant.revenue): expected an integer" \
    "table failed line"

# --- -o: JSON Lines unless the name ends in .csv, or as --out-format says
expect 0 "fees jsonl" -- quote --roster "$G/members.csv" -o "$tmp/fees.out"
contains "$tmp/fees.out" '{"format_version":1,"line":4,"applicant":"株式会社みなと商店","decision":"quoted","tier":"small","fee":34000,"fixed_fee":21000,"top_up_fee":13000,"admin_fee":3400,"insurer_premium":30600,"reasons":[]}' \
    "fees jsonl row"
contains "$tmp/fees.out" '{"format_version":1,"line":8,"error":"column 3 (applicant.revenue): ' \
    "fees jsonl failed row"
n=$(wc -l <"$tmp/fees.out")
[ "$n" -eq 12 ] && ok || bad "fees jsonl: $n rows, expected 12"
expect 0 "fees csv by option" -- quote --roster "$G/members.csv" \
    -o "$tmp/fees.txt" --out-format csv
same "$tmp/fees.txt" "$G/members.fees.csv" "--out-format csv"
if [ -w /dev/full ]; then
    expect 1 "fees to a full disk" -- quote --roster "$G/members.csv" \
        -o /dev/full
    contains "$tmp/err" "error writing" "full disk: said"
fi

# --- the same roster as CSV and as JSON Lines: the same account (JSON
# Lines has no header, so its members are a line earlier)
expect 0 "example csv" -- quote --roster examples/scheme_roster.csv \
    --format json
renumber "$tmp/out" "$tmp/acc-csv.json" 0
expect 0 "example jsonl" -- quote --roster "$G/roster.jsonl" --format json
renumber "$tmp/out" "$tmp/acc-jsonl.json" 1
same "$tmp/acc-csv.json" "$tmp/acc-jsonl.json" "CSV and JSON Lines accounts"
contains "$tmp/acc-csv.json" '"members":{"rated":12,"accepted":7,' \
    "example account"
# stdin ('-'): JSON Lines, or CSV with --in-format
expect 0 "stdin jsonl" -- sh -c "'$RATEL' scheme quote --plan chamber-scheme \
    --roster - --format json <'$G/roster.jsonl'"
renumber "$tmp/out" "$tmp/acc-stdin.json" 1
same "$tmp/acc-csv.json" "$tmp/acc-stdin.json" "stdin JSON Lines"
expect 0 "stdin csv" -- sh -c "'$RATEL' scheme quote --plan chamber-scheme \
    --roster - --in-format csv --format json -o '$tmp/fees-stdin.csv' \
    <'$G/members.csv'"
same "$tmp/out" "$G/members.account.json" "stdin CSV account"
same "$tmp/fees-stdin.csv" "$G/members.fees.csv" "stdin CSV fees"

# --- threads: 9,600 members (three chunks of 4,096 lines), the same
# bytes on 1, 2 and 3 threads, and 800 times the golden totals
{
    head -n 1 "$G/members.csv"
    i=0
    while [ $i -lt 800 ]; do tail -n +2 "$G/members.csv"; i=$((i + 1)); done
} >"$tmp/big.csv"
for t in 1 2 3; do
    expect 0 "big roster, $t threads" -- quote --roster "$tmp/big.csv" \
        --threads $t --format json -o "$tmp/big$t.csv"
    cp "$tmp/out" "$tmp/big$t.json"
    expect 0 "big roster jsonl, $t threads" -- quote --roster "$tmp/big.csv" \
        --threads $t -o "$tmp/big$t.jsonl"
done
same "$tmp/big1.csv" "$tmp/big2.csv" "fees CSV, threads 1 vs 2"
same "$tmp/big1.csv" "$tmp/big3.csv" "fees CSV, threads 1 vs 3"
same "$tmp/big1.jsonl" "$tmp/big2.jsonl" "fees JSONL, threads 1 vs 2"
same "$tmp/big1.jsonl" "$tmp/big3.jsonl" "fees JSONL, threads 1 vs 3"
same "$tmp/big1.json" "$tmp/big2.json" "account, threads 1 vs 2"
same "$tmp/big1.json" "$tmp/big3.json" "account, threads 1 vs 3"
contains "$tmp/big1.json" '"members":{"rated":9600,"accepted":4800,"referred":2400,"refused":1600,"failed":800},' \
    "big account members"
contains "$tmp/big1.json" '"totals":{"fees":334400000,"fixed_fees":311200000,"top_up_fees":23200000,"admin_fees":33440000,"insurer_premium":300960000,"minimum_premium":30000000,"shortfall":0,"referred_fees":272000000},' \
    "big account totals"
contains "$tmp/big1.csv" "9597,学習塾つばさ,referred,small,32000," \
    "big roster: last chunk's rows"

# --- a JSON Lines roster with a bad line, a line before the scheme
# existed, and blank lines: failed at their line numbers, the rest rated
{
    sed -n 1,2p "$G/roster.jsonl"
    echo '{"effective_date": oops'
    echo
    sed -n 3p "$G/roster.jsonl" | sed 's/"2026-04-01"/"2025-03-31"/'
    sed -n 4p "$G/roster.jsonl"
} >"$tmp/bad.jsonl"
expect 0 "bad lines" -- quote --roster "$tmp/bad.jsonl" --format json \
    -o "$tmp/bad.out"
contains "$tmp/out" '"members":{"rated":5,"accepted":3,"referred":0,"refused":0,"failed":2}' \
    "bad lines: counted"
contains "$tmp/out" '{"member":"line 3","error":"column ' "bad JSON at line 3"
contains "$tmp/out" "{\"member\":\"line 5\",\"error\":\"plan 'chamber-scheme' has no version effective on 2025-03-31\"}" \
    "before the scheme's first year: no plan (nor tables)"
contains "$tmp/bad.out" '{"format_version":1,"line":6,"applicant":"株式会社たかね建設",' \
    "bad lines: line 6 rated"

# --- a plan that sets no scheme.tier: exit 1, naming the line
cat >"$tmp/notier.lua" <<'LUA'
plan = { id = 'no-tier', insurer = 'T', product = 'T', version = '1',
         effective_date = '2025-04-01', tables = {} }
function rate(d)
  cover('liability', 1) set('liability', 'Fee', 1000) combine('Fee')
  round('policy', 'Whole yen', 1)
  if d.applicant.revenue < 100000000 then attribute('scheme.tier', 'small') end
end
LUA
expect 1 "no scheme.tier" -- "$RATEL" scheme quote --plans "$tmp/notier.lua" \
    --plan no-tier --roster "$G/roster.jsonl"
contains "$tmp/err" "line 2: the plan set no scheme.tier (a word) for an accepted member" \
    "no scheme.tier: names the line"

# --- what the plan states priced, beside what was asked (plan cases 02,
# 07 and 10 of rating-scripts/tests/chamber-scheme/ cannot say it)
expect 0 "option sub-limit stated" -- "$RATEL" quote examples/neutral.json \
    --plan chamber-scheme
contains "$tmp/out" '"differences":[{"term":"limit","asked":30000000,"priced":20000000,"reason":"OPTION_SUBLIMIT"}]' \
    "OPTION_SUBLIMIT difference"
sed 's/"liability_limit": 100000000/"liability_limit": 10000000/' \
    examples/neutral.json >"$tmp/below.json"
expect 0 "below the fixed cover" -- "$RATEL" quote "$tmp/below.json" \
    --plan chamber-scheme
contains "$tmp/out" '{"term":"limit","asked":10000000,"priced":50000000,"reason":"SCHEME_FIXED_COVER"}' \
    "SCHEME_FIXED_COVER difference"
sed 's/"liability_limit": 100000000/"liability_limit": 1000000000/' \
    examples/neutral.json >"$tmp/above.json"
expect 0 "above the tier" -- "$RATEL" quote "$tmp/above.json" \
    --plan chamber-scheme
contains "$tmp/out" '{"term":"limit","asked":1000000000,"priced":300000000,"reason":"TOP_UP_ABOVE_TIER"}' \
    "TOP_UP_ABOVE_TIER difference"
contains "$tmp/out" "above the mid tier's highest option (JPY 300,000,000)" \
    "above the tier: the warning"

finish
