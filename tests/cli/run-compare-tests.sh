#!/bin/sh
# run-compare-tests.sh - `ratel compare` end to end: help and usage
# errors; golden JSON and CSV comparisons for a single company
# (examples/neutral.json) and a group with entities
# (examples/logistics_group.json), with the shipped scenarios and with a
# broker's scenarios file (tests/compare/expected); the table view (the
# gap of a plan without business interruption, subjectivities, the
# questions); plans by id, menus, an options file and menus per plan;
# --authority; a scenarios file
# with an error named at its JSON path; -o.
# Usage: tests/cli/run-compare-tests.sh path/to/ratel
#        UPDATE=1 ... rewrites the expected documents (then review them)
set -u
RATEL=${1:-build/ratel}
suite=compare
. tests/cli/lib.sh
dir=tests/compare
neutral=examples/neutral.json
group=examples/logistics_group.json

expect 0 "help" -- "$RATEL" compare --help
contains "$tmp/out" "Usage: ratel compare DECL [options]" "help"
contains "$tmp/out" "plan.default: sme-cyber" "help names the default plan"
expect 0 "help command" -- "$RATEL" help compare
expect 0 "quote help names the default plan" -- "$RATEL" quote --help
contains "$tmp/out" "sme-cyber" "quote --help default"
expect 2 "no declaration" -- "$RATEL" compare
contains "$tmp/err" "missing DECL" "no declaration named"
expect 2 "two declarations" -- "$RATEL" compare "$neutral" "$group"
contains "$tmp/err" "too many arguments" "two declarations"
expect 2 "bad format" -- "$RATEL" compare "$neutral" --format pdf
contains "$tmp/err" "unknown format 'pdf' (table, json, csv, html)" "format"
expect 2 "empty plan id" -- "$RATEL" compare "$neutral" --plans sme-cyber,,x
expect 2 "bad cash months" -- "$RATEL" compare "$neutral" --cash-months 0
expect 2 "quote with several plans" -- "$RATEL" quote "$neutral" --plan \
    sme-cyber,chamber-scheme
contains "$tmp/err" "run: ratel compare $neutral --plans sme-cyber,chamber-scheme" \
    "quote points to compare"
expect 1 "unknown plan" -- "$RATEL" compare "$neutral" --plans nope
contains "$tmp/err" "no plan 'nope' (the plans are chamber-scheme" \
    "unknown plan named"

# --- golden comparisons: a company, a group, a broker's scenarios ---
golden() { # golden NAME DECL FORMAT [ARGS...]
    gold=$dir/expected/$1.$3 decl=$2 fmt=$3
    shift 3
    expect 0 "compare $gold" -- "$RATEL" compare "$decl" --format "$fmt" "$@"
    if [ -n "${UPDATE:-}" ]; then cp "$tmp/out" "$gold"; fi
    if cmp -s "$tmp/out" "$gold"; then ok; else
        bad "compare: output differs from $gold"
        diff "$gold" "$tmp/out" | head -20
    fi
}
golden neutral "$neutral" json
golden neutral "$neutral" csv
golden group "$group" json
golden group "$group" csv
golden group_scenarios "$group" json --scenarios examples/scenarios.json
golden neutral_menus "$neutral" csv --options all
contains "$dir/expected/neutral.json" '{"code":"no_business_interruption","text":"no business interruption (the plan does not offer it)"}' \
    "chamber-scheme's missing BI is a gap"
contains "$dir/expected/group.json" '"companies":3' "group summed"
contains "$dir/expected/group_scenarios.json" '"id":"leak_100k"' \
    "broker's scenario"
if grep -q '"error":{' "$dir/expected/neutral.json"; then
    bad "an offer failed in the neutral comparison"; else ok; fi

# --- the table: what a broker acts on ---
expect 0 "table" -- "$RATEL" compare "$neutral"
for text in "Comparison for:  株式会社さくら精機" \
    "45 employees (1 company)" "== Offer 3: sme-cyber" \
    "Subjectivities (conditions to bind):" "MEMBERSHIP" \
    "Services:" "Exclusions:" "terms priced" \
    "  - no business interruption (the plan does not offer it)" \
    "Against the probable maximum loss:" "kept because" \
    "1. Is cash for incident response secured" "Advice:"; do
    contains "$tmp/out" "$text" "table: $text"
done
expect 0 "plans by id" -- "$RATEL" compare "$neutral" --plans \
    sme-cyber,chamber-scheme --format csv
if [ "$(grep -c '^sme-cyber,' "$tmp/out")" -eq 5 ] &&
   [ "$(grep -c '^chamber-scheme,' "$tmp/out")" -eq 5 ] &&
   [ "$(wc -l < "$tmp/out")" -eq 11 ]; then ok; else
    bad "--plans sme-cyber,chamber-scheme: not 2 offers x 5 scenarios"; fi
printf '[{"name":"high","liability_limit":300000000},{"name":"low","liability_limit":50000000}]\n' \
    > "$tmp/options.json"
expect 0 "options file" -- "$RATEL" compare "$neutral" --options \
    "$tmp/options.json" --format csv
if [ "$(grep -c ',high,' "$tmp/out")" -eq 15 ]; then ok; else
    bad "--options FILE: the option under every plan"; fi

# --- menus per plan: each insurer's own options, the others one offer ---
cat > "$tmp/menus.json" <<'JSON'
{"format_version": 1,
 "plans": {"sme-cyber": [{"name": "high", "liability_limit": 300000000},
                         {"name": "low", "liability_limit": 50000000}],
           "chamber-scheme": [{"name": "low", "liability_limit": 50000000}]}}
JSON
expect 0 "menus per plan" -- "$RATEL" compare "$neutral" --options \
    "$tmp/menus.json" --format csv
if [ "$(cut -d, -f1,3 "$tmp/out" | sort -u | tr '\n' ' ')" = \
    "chamber-scheme,low plan,option questionnaire-cyber, sme-cyber,high sme-cyber,low " ]
then ok; else bad "--options per plan: not each plan's own menu"; fi
cp "$tmp/out" "$tmp/per_plan.csv"
# the same offers, plan by plan, as the single-menu form gives them
for plan in sme-cyber chamber-scheme; do
    /usr/bin/python3 -c 'import json, sys
print(json.dumps(json.load(open(sys.argv[1]))["plans"][sys.argv[2]]))' \
        "$tmp/menus.json" "$plan" > "$tmp/one.json"
    expect 0 "$plan menu alone" -- "$RATEL" compare "$neutral" --plans \
        "$plan" --options "$tmp/one.json" --format csv
    grep "^$plan," "$tmp/per_plan.csv" > "$tmp/mine"
    if [ -s "$tmp/mine" ] && tail -n +2 "$tmp/out" | cmp -s - "$tmp/mine"
    then ok; else bad "--options per plan: $plan differs from its menu alone"
    fi
done
printf '{"format_version":1,"plans":{"sme-cyber":[{"name":"x","deductable":1}]}}\n' \
    > "$tmp/bad_menus.json"
expect 1 "menus per plan with an error" -- "$RATEL" compare "$neutral" \
    --options "$tmp/bad_menus.json"
contains "$tmp/err" "bad_menus.json: \$.plans[\"sme-cyber\"][0].deductable: unknown key" \
    "per-plan menu error at its JSON path"
printf '{"format_version":1,"plans":{"sme-cyber2":[{"name":"x"}]}}\n' \
    > "$tmp/bad_menus.json"
expect 1 "menus for an unknown plan" -- "$RATEL" compare "$neutral" \
    --options "$tmp/bad_menus.json"
contains "$tmp/err" "no plan 'sme-cyber2'" "per-plan menu of an unknown plan"

# --- --authority: every offer rated at the level given, as quote's ---
/usr/bin/python3 - "$tmp/credit.json" <<'PY'
import json, sys
d = json.load(open("examples/neutral.json"))
case = json.load(open("rating-scripts/tests/sme-cyber/"
                      "31_large_credit_needs_authority.json"))
d.update(case["override"])  # every control and ISMS: a 60% credit
open(sys.argv[1], "w").write(json.dumps(d))
PY
expect 0 "authority default" -- "$RATEL" compare "$tmp/credit.json" \
    --plans sme-cyber --format csv
contains "$tmp/out" "sme-cyber,Ratel Reference Insurance" "authority default offer"
contains "$tmp/out" ",referred," "authority default: referred"
expect 0 "authority 2" -- "$RATEL" compare "$tmp/credit.json" \
    --plans sme-cyber --format csv --authority 2
if grep -q ',referred,' "$tmp/out"; then
    bad "--authority 2: still referred"; else ok; fi
contains "$tmp/out" ",quoted," "--authority 2: quoted"
expect 0 "quote authority 2" -- "$RATEL" quote "$tmp/credit.json" \
    --authority 2
contains "$tmp/out" '"decision":"quoted"' "quote --authority 2 agrees"
for level in 10 x -1 ""; do
    expect 2 "authority '$level'" -- "$RATEL" compare "$neutral" \
        --authority "$level"
    contains "$tmp/err" "--authority takes a level 0 to 9" \
        "compare bad authority '$level'"
done

# --- errors in the files, named with their paths ---
expect 1 "scenarios with an error" -- "$RATEL" compare "$neutral" \
    --scenarios "$dir/bad_scenarios.json"
contains "$tmp/err" "$dir/bad_scenarios.json: \$.scenarios[1].losses.ransome: not a loss category; did you mean ransom?" \
    "scenario error at its JSON path"
printf '[{"name":"x","deductable":1}]\n' > "$tmp/bad_options.json"
expect 1 "options with an error" -- "$RATEL" compare "$neutral" --options \
    "$tmp/bad_options.json"
contains "$tmp/err" "\$[0].deductable: unknown key" "options error"
expect 1 "declaration with an error" -- "$RATEL" compare \
    tests/golden/cases/error_invalid_declaration.json
contains "$tmp/err" "error_invalid_declaration.json: \$." "declaration error"

# --- -o ---
expect 0 "output file" -- "$RATEL" compare "$neutral" --format json \
    -o "$tmp/c.json"
if cmp -s "$tmp/c.json" "$dir/expected/neutral.json"; then ok; else
    bad "-o wrote other bytes than stdout"; fi
expect 0 "table to a file" -- "$RATEL" compare "$neutral" -o "$tmp/c.txt"
contains "$tmp/c.txt" "Should the client buy at all?" "table in the file"
if [ -s "$tmp/out" ]; then bad "-o: the table also went to stdout"; else
    ok; fi
finish
