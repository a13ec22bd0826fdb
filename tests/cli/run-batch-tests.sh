#!/bin/sh
# run-batch-tests.sh - `ratel book generate` (same seed, same bytes),
# `ratel batch` (output independent of --threads, bad lines reported at
# their line number, CSV input rated as its JSON Lines equivalent) and
# `ratel impact` (a changed table, a changed plan, a plan against itself,
# the HTML page).
# Usage: tests/cli/run-batch-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
PLAN=rating-scripts/sme_cyber.lua
suite=batch
. tests/cli/lib.sh
lacks() {
    if grep -qF -- "$2" "$1"; then
        bad "$3: '$2' in $(basename "$1")"; else ok; fi
}
same() {
    if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; fi
}

# --- help ---
for c in batch book impact; do
    expect 0 "$c --help" -- "$RATEL" $c --help
    contains "$tmp/out" "Usage: ratel $c" "$c --help"
done
expect 2 "batch no input" -- "$RATEL" batch
expect 2 "batch bad threads" -- "$RATEL" batch x.jsonl --threads 0
expect 2 "book no n" -- "$RATEL" book generate --seed 1

# --- book generate: same seed, same bytes; another seed, other bytes ---
expect 0 "book generate" -- "$RATEL" book generate --n 2000 --seed 42 \
    -o "$tmp/book.jsonl"
expect 0 "book generate again" -- "$RATEL" book generate --n 2000 \
    --seed 42 -o "$tmp/book2.jsonl"
same "$tmp/book.jsonl" "$tmp/book2.jsonl" "book same seed"
n=$(wc -l <"$tmp/book.jsonl")
[ "$n" -eq 2000 ] && ok || bad "book has $n lines, expected 2000"
"$RATEL" book generate --n 2000 --seed 43 >"$tmp/book3.jsonl"
if cmp -s "$tmp/book.jsonl" "$tmp/book3.jsonl"; then
    bad "another seed gives the same book"; else ok; fi

# --- batch: identical output whatever the thread count ---
expect 0 "batch 1 thread" -- "$RATEL" batch --plan sme-cyber \
    "$tmp/book.jsonl" -o "$tmp/t1.jsonl" --threads 1
contains "$tmp/err" "2000 rows:" "batch summary"
expect 0 "batch 2 threads" -- "$RATEL" batch --plan sme-cyber \
    "$tmp/book.jsonl" -o "$tmp/t2.jsonl" --threads 2
same "$tmp/t1.jsonl" "$tmp/t2.jsonl" "batch threads 1 vs 2"
expect 0 "batch 3 threads stdin" -- sh -c \
    "'$RATEL' batch - --threads 3 <'$tmp/book.jsonl' >'$tmp/t3.jsonl'"
same "$tmp/t1.jsonl" "$tmp/t3.jsonl" "batch threads 1 vs 3 (stdin)"
n=$(grep -c '"decision":"declined"' "$tmp/t1.jsonl")
[ "$n" -gt 0 ] && ok || bad "no declined policy in the book"
lacks "$tmp/err" "[#" "no progress bar when stderr is not a terminal"

# --- a book of several chunks (4,096 lines each) with blank lines and a
# bad line in the second: in order, each at its line number, whatever the
# thread count, the same as the lines rated one chunk at a time
"$RATEL" book generate --n 9000 --seed 7 >"$tmp/big.jsonl"
{
    head -n 5000 "$tmp/big.jsonl"
    echo
    echo '{"effective_date": oops'
    tail -n +5001 "$tmp/big.jsonl"
} >"$tmp/big2.jsonl"
expect 0 "batch 3 chunks, 1 thread" -- "$RATEL" batch "$tmp/big2.jsonl" \
    -o "$tmp/b1.jsonl" --threads 1
contains "$tmp/err" "9001 rows:" "3 chunks: summary"
expect 0 "batch 3 chunks, 2 threads" -- "$RATEL" batch "$tmp/big2.jsonl" \
    -o "$tmp/b2.jsonl" --threads 2
same "$tmp/b1.jsonl" "$tmp/b2.jsonl" "3 chunks: threads 1 vs 2"
expect 0 "batch 3 chunks, 5 threads" -- "$RATEL" batch "$tmp/big2.jsonl" \
    -o "$tmp/b5.jsonl" --threads 5
same "$tmp/b1.jsonl" "$tmp/b5.jsonl" "3 chunks: threads 1 vs 5"
contains "$tmp/b1.jsonl" '{"format_version":1,"line":5002,"error":"column ' "3 chunks: bad line"
n=$(sed -n '9001{s/^{"format_version":1,"line":\([0-9]*\),.*/\1/;p;}' "$tmp/b1.jsonl")
[ "$n" = 9002 ] && ok || bad "3 chunks: last row is line '$n', expected 9002"
# every row at the line the input gives: blank line 5001 has none
awk -F'[:,]' '{ want = NR <= 5000 ? NR : NR + 1;
    if ($4 != want) { print "row " NR " says line " $4; exit 1 } }' \
    "$tmp/b1.jsonl" && ok || bad "3 chunks: line numbers out of order"
# the rows, line numbers aside, are those of the book rated in two parts
# (no result of one chunk left in the next one's place)
{
    head -n 4096 "$tmp/big2.jsonl" | "$RATEL" batch - --threads 2
    tail -n +4097 "$tmp/big2.jsonl" | "$RATEL" batch - --threads 2
} 2>/dev/null | sed 's/^{"format_version":1,"line":[0-9]*,//' >"$tmp/bparts.jsonl"
sed 's/^{"format_version":1,"line":[0-9]*,//' "$tmp/b1.jsonl" >"$tmp/bwhole.jsonl"
same "$tmp/bwhole.jsonl" "$tmp/bparts.jsonl" "3 chunks: as rated in two parts"
# more chunks than are in flight at once (4): 18,000 lines, 5 chunks, each
# slot used twice; in order and the same as rated in two parts, with and
# without --journal (each quote recorded once, in order, at its line)
"$RATEL" book generate --n 18000 --seed 9 >"$tmp/huge.jsonl"
expect 0 "batch 5 chunks, 2 threads" -- "$RATEL" batch "$tmp/huge.jsonl" \
    -o "$tmp/h2.jsonl" --threads 2
awk -F'[:,]' '$4 != NR { print "row " NR " says line " $4; exit 1 }' \
    "$tmp/h2.jsonl" && ok || bad "5 chunks: line numbers out of order"
[ "$(wc -l <"$tmp/h2.jsonl")" -eq 18000 ] && ok || bad "5 chunks: row count"
{
    head -n 16384 "$tmp/huge.jsonl" | "$RATEL" batch - --threads 1
    tail -n +16385 "$tmp/huge.jsonl" | "$RATEL" batch - --threads 1
} 2>/dev/null | sed 's/^{"format_version":1,"line":[0-9]*,//' >"$tmp/hparts.jsonl"
sed 's/^{"format_version":1,"line":[0-9]*,//' "$tmp/h2.jsonl" >"$tmp/hwhole.jsonl"
same "$tmp/hwhole.jsonl" "$tmp/hparts.jsonl" "5 chunks: as rated in two parts"
expect 0 "batch 5 chunks, journal" -- "$RATEL" batch "$tmp/huge.jsonl" \
    -o "$tmp/hj.jsonl" --threads 2 --journal "$tmp/huge.db"
same "$tmp/h2.jsonl" "$tmp/hj.jsonl" "5 chunks: the same rows with --journal"
/usr/bin/python3 - "$tmp/huge.db" "$tmp/huge.jsonl" <<'PY' && ok || bad "5 chunks: journal references out of order"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
refs = [r for (r,) in db.execute("SELECT reference FROM journal_quotes ORDER BY id")]
want = ["%s:%d" % (sys.argv[2], i) for i in range(1, 18001)]
assert refs == want, (len(refs), refs[:2], refs[-2:])
PY
# a write error stops the batch (a chunk still being rated is waited for)
if [ -w /dev/full ]; then
    expect 1 "batch to a full disk" -- "$RATEL" batch "$tmp/big2.jsonl" \
        -o /dev/full --threads 2
    contains "$tmp/err" "error writing" "full disk: said"
fi

# --- bad lines in the middle: an error row at their line, the rest rated
{
    head -n 10 "$tmp/book.jsonl"
    echo '{"effective_date": oops'
    sed -n 11p "$tmp/book.jsonl" | sed 's/"industry":"[a-z_]*"/"industry":"retial"/'
    sed -n 12,20p "$tmp/book.jsonl"
} >"$tmp/bad.jsonl"
expect 0 "batch bad lines" -- "$RATEL" batch "$tmp/bad.jsonl" --threads 2
n=$(wc -l <"$tmp/out")
[ "$n" -eq 21 ] && ok || bad "bad lines: $n results, expected 21"
contains "$tmp/out" '{"format_version":1,"line":11,"error":"column ' "invalid JSON at line 11"
contains "$tmp/out" '{"format_version":1,"line":12,"error":"$.applicant.industry: ' "bad field at line 12"
contains "$tmp/out" '{"format_version":1,"line":13,"decision":' "line 13 rated"
n=$(grep -c '"decision"' "$tmp/out")
[ "$n" -eq 19 ] && ok || bad "bad lines: $n rated, expected 19"
contains "$tmp/err" "2 failed" "summary counts failures"

# --- CSV in: the same totals as the JSON Lines equivalent ---
cat >"$tmp/in.csv" <<'CSV'
effective_date,applicant.name,applicant.revenue,applicant.industry,applicant.employees,applicant.overseas_revenue_share,controls,certifications,incidents,request.liability_limit,request.expense_limit,request.bi_limit,request.bi_waiting_hours,request.deductible,request.coinsurance_pct
2026-06-22,"株式会社A, Ltd",2286700000,construction,51,,security_policy;offline_backup,,,300000000,50000000,,,300000,
2026-09-17,B,3275000000,retail,317,0.2,mfa;edr,isms;pmark,2022-11-30:data_breach:35103000;2024-01-05:malware:900000,500000000,50000000,20000000,24,100000,90
2026-03-01,C,150000000,food_service,12,,,,,100000000,10000000,,,100000,100
CSV
cat >"$tmp/in.jsonl" <<'JSON'
{"effective_date":"2026-06-22","applicant":{"name":"株式会社A, Ltd","revenue":2286700000,"industry":"construction","employees":51},"controls":{"security_policy":true,"offline_backup":true},"request":{"liability_limit":300000000,"expense_limit":50000000,"deductible":300000}}
{"effective_date":"2026-09-17","applicant":{"name":"B","revenue":3275000000,"industry":"retail","employees":317,"overseas_revenue_share":0.2},"controls":{"mfa":true,"edr":true},"certifications":["isms","pmark"],"incidents":[{"date":"2022-11-30","type":"data_breach","paid":35103000},{"date":"2024-01-05","type":"malware","paid":900000}],"request":{"liability_limit":500000000,"expense_limit":50000000,"bi_limit":20000000,"bi_waiting_hours":24,"deductible":100000,"coinsurance_pct":90}}
{"effective_date":"2026-03-01","applicant":{"name":"C","revenue":150000000,"industry":"food_service","employees":12},"request":{"liability_limit":100000000,"expense_limit":10000000,"deductible":100000,"coinsurance_pct":100}}
JSON
expect 0 "batch csv" -- "$RATEL" batch "$tmp/in.csv"
sed 's/{"format_version":1,"line":[0-9]*,//' "$tmp/out" >"$tmp/csv.res"
expect 0 "batch jsonl" -- "$RATEL" batch "$tmp/in.jsonl"
sed 's/{"format_version":1,"line":[0-9]*,//' "$tmp/out" >"$tmp/json.res"
same "$tmp/csv.res" "$tmp/json.res" "CSV and JSON Lines rate the same"
n=$(grep -c total_premium "$tmp/csv.res")
[ "$n" -eq 3 ] && ok || bad "csv: $n rated, expected 3"
printf 'applicant.revenue,nope\n1,2\n' >"$tmp/badhead.csv"
expect 1 "csv unknown column" -- "$RATEL" batch "$tmp/badhead.csv"
contains "$tmp/err" "column 2: unknown field 'nope'" "csv header error"
sed '3s/,3275000000,/,lots,/' "$tmp/in.csv" >"$tmp/badcell.csv"
expect 0 "csv bad cell" -- "$RATEL" batch "$tmp/badcell.csv" --out-format csv
contains "$tmp/out" '3,,,,,"column 3 (applicant.revenue): expected an integer' "csv cell error"

# --- impact: a changed table value ---
cp -r tables "$tmp/tables"
rm -f "$tmp/tables/ratel.db"
sed -i 's/^retail,.*/retail,1.60/' "$tmp/tables/sme_industry.csv"
expect 0 "tables build" -- "$RATEL" tables build "$tmp/tables" -o "$tmp/new.db"
expect 0 "impact tables" -- "$RATEL" impact --book "$tmp/book.jsonl" \
    --from sme-cyber --to sme-cyber --to-tables "$tmp/new.db" --top 3 \
    --html "$tmp/r.html"
contains "$tmp/out" "Total premium: JPY " "impact total"
lacks "$tmp/out" "(+0.00%)" "impact non-zero change"
contains "$tmp/out" "/ Industry relativity" "impact mover step (table)"
contains "$tmp/out" "By industry (policies rated both ways; premium in JPY):" "impact by industry"
contains "$tmp/out" "By revenue band (policies rated both ways; premium in JPY):" "impact by revenue band"
contains "$tmp/out" "By decision before (policies rated both ways; premium in JPY):" "impact by decision"
if grep -qE '^  retail +[0-9,]+ +[0-9,]+ +[0-9,]+ +\+1[0-9]\.[0-9][0-9]%$' "$tmp/out"
then ok; else bad "impact: retail up 10-20%"; sed 's/^/  | /' "$tmp/out"; fi
if grep -qE '^  manufacturing +[0-9,]+ +[0-9,]+ +[0-9,]+ +\+0\.00%$' "$tmp/out"
then ok; else bad "impact: manufacturing unchanged"; fi
contains "$tmp/r.html" "<h2>By revenue band</h2>" "impact HTML breakdowns"
[ -s "$tmp/r.html" ] && ok || bad "no HTML file"
contains "$tmp/r.html" "<svg" "HTML has an SVG chart"
lacks "$tmp/r.html" "http" "HTML loads nothing"
lacks "$tmp/r.html" "<script" "HTML has no script"

# --- impact: a changed plan file (minimum base premium 25,000 -> 30,000) ---
perl -0pe 's/terms\.minimum_base_premium,\s*"sme_terms", "minimum_base_premium"/30000/' \
    "$PLAN" >"$tmp/min.lua"
expect 0 "impact plans" -- "$RATEL" impact --book "$tmp/book.jsonl" \
    --from sme-cyber --to sme-cyber --from-plans "$PLAN" \
    --to-plans "$tmp/min.lua" --format json
contains "$tmp/out" '"label":"Minimum base premium"' "impact mover step (plan)"
contains "$tmp/out" '"change_pct":20}' "impact +20% at the minimum"
lacks "$tmp/out" '"totals":{"before":0' "impact totals"

# --- batch --authority: every row rated at the level given ---
/usr/bin/python3 - "$tmp/credit.jsonl" <<'PY'
import json, sys
d = json.load(open("examples/neutral.json"))
case = json.load(open("rating-scripts/tests/sme-cyber/"
                      "31_large_credit_needs_authority.json"))
d.update(case["override"])  # every control and ISMS: a 60% credit
open(sys.argv[1], "w").write(json.dumps(d) + "\n" + json.dumps(d) + "\n")
PY
expect 0 "batch authority default" -- "$RATEL" batch --threads 2 \
    "$tmp/credit.jsonl"
contains "$tmp/out" '"line":2,"decision":"referred","total_premium":26950,"reasons":["AUTHORITY"]' "batch default authority 1"
expect 0 "batch authority 2" -- "$RATEL" batch --threads 2 --authority 2 \
    "$tmp/credit.jsonl"
contains "$tmp/out" '"line":2,"decision":"quoted","total_premium":26950,"reasons":[]' "batch --authority 2"
contains "$tmp/err" "2 rows: 2 quoted" "batch --authority 2 summary"
expect 2 "batch authority 10" -- "$RATEL" batch --authority 10 \
    "$tmp/credit.jsonl"
contains "$tmp/err" "--authority takes a level 0 to 9" "batch bad authority"

# --- impact: a plan against itself (and @VERSION) ---
expect 0 "impact itself" -- "$RATEL" impact --book "$tmp/book.jsonl" \
    --from sme-cyber@2025.3 --to sme-cyber --threads 2
contains "$tmp/out" "(+0.00%)" "impact itself 0.00%"
contains "$tmp/out" "Largest movers: none" "impact itself no movers"
expect 1 "impact unknown version" -- "$RATEL" impact --book \
    "$tmp/book.jsonl" --from sme-cyber@1999.9 --to sme-cyber
contains "$tmp/err" "no plan sme-cyber at version 1999.9" "unknown version"

# --- impact: two versions of one plan in one folder, effective the same
# day (they do not load together; @VERSION opens each file alone) ---
mkdir "$tmp/two"
cp "$PLAN" "$tmp/two/sme_cyber.lua"
sed 's/version = "2025.3"/version = "2025.9"/' "$tmp/min.lua" \
    >"$tmp/two/sme_cyber_min.lua"
expect 0 "impact two versions in a folder" -- "$RATEL" impact --book \
    "$tmp/book.jsonl" --from sme-cyber@2025.3 --to sme-cyber@2025.9 \
    --plans "$tmp/two" --top 1 --html "$tmp/two.html"
contains "$tmp/out" "From: sme-cyber 2025.3 (from 2025-04-01, $tmp/two/sme_cyber.lua)" "impact shows the version before"
contains "$tmp/out" "To:   sme-cyber 2025.9 (from 2025-04-01, $tmp/two/sme_cyber_min.lua)" "impact shows the version after"
contains "$tmp/out" "2,000 rated both ways, 0 failed" "impact two versions: all rated"
expect 1 "impact two versions: unknown" -- "$RATEL" impact --book \
    "$tmp/book.jsonl" --from sme-cyber@2025.4 --to sme-cyber@2025.9 \
    --plans "$tmp/two"
contains "$tmp/err" "sme-cyber@2025.9  ($tmp/two/sme_cyber_min.lua, from 2025-04-01)" "impact lists the versions there are"
# A version that takes effect after the book's dates: each policy rated
# as renewed on that date on both sides (they failed: no version in force).
sed 's/version = "2025.3"/version = "2099.1"/; s/effective_date = "2025-04-01"/effective_date = "2099-01-01"/' \
    "$PLAN" >"$tmp/two/sme_cyber_2099.lua"
expect 0 "impact later-dated version" -- "$RATEL" impact --book \
    "$tmp/book.jsonl" --from sme-cyber@2025.3 --to sme-cyber@2099.1 \
    --plans "$tmp/two" --format json
contains "$tmp/out" '"policies":2000,"rated":2000,"failed":0,' "impact later version: none failed"
expect 0 "impact later-dated version text" -- "$RATEL" impact --book \
    "$tmp/book.jsonl" --from sme-cyber@2025.3 --to sme-cyber@2099.1 \
    --plans "$tmp/two" --top 1 --html "$tmp/renew.html"
contains "$tmp/renew.html" "<p>Renewed: 2,000 policies dated before 2099-01-01" "impact renewed in HTML"
contains "$tmp/out" "Renewed: 2,000 policies dated before 2099-01-01 rated as renewed on that date, on both sides" "impact renewed line"
contains "$tmp/out" "(+0.00%)" "impact renewed: same plan, same price"

# bucket with a few policies drawn at least 3 px tall.
contains "$tmp/two.html" ">&lt; -20%</text>" "impact SVG label escaped"
contains "$tmp/two.html" ">&gt; +20%</text>" "impact SVG label escaped (>)"
lacks "$tmp/two.html" "< -20%" "impact SVG label raw"
contains "$tmp/two.html" "2,000 policies" "impact HTML separators"
if grep -qE 'height="[12]"/>' "$tmp/two.html"; then
    bad "impact HTML: a bucket drawn 1-2 px tall"; else ok; fi

finish
