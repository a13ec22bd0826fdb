#!/bin/sh
# run-tables-codes-tests.sh - `ratel tables build` and `tables check`
# check the keys the manifest declares as codes of a product schema
# (docs/tables.md, "Code keys"): the shipped tables build clean; a
# misspelt industry is refused with its file, line and the nearest code,
# and the database it would have replaced is left as it was; a code with
# no row is a warning; the schema folder comes from --schemas, else
# $RATEL_SCHEMAS, else the shipped one.
# Usage: tests/cli/run-tables-codes-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
suite=tables-codes
. tests/cli/lib.sh
# empty FILE NAME
empty() {
    if [ ! -s "$1" ]; then ok; else bad "$2: $(basename "$1") not empty"; sed 's/^/  | /' "$1"; fi
}

expect 0 "tables build --help" -- "$RATEL" tables build --help
contains "$tmp/out" "--schemas DIR" "help names --schemas"

# --- the shipped tables against the shipped schemas: not a word ---
expect 0 "shipped build" -- "$RATEL" tables build tables -o "$tmp/ok.db"
empty "$tmp/err" "shipped build"
expect 0 "shipped check" -- "$RATEL" tables check tables
empty "$tmp/err" "shipped check"
expect 0 "shipped check, --schemas" -- "$RATEL" tables check tables \
    --schemas rating-scripts/schemas

# --- a misspelt industry: refused, with file, line and suggestion ---
cp -r tables "$tmp/src"
rm -f "$tmp/src/ratel.db"
line=$(grep -n '^retail,' "$tmp/src/sme_industry.csv" | cut -d: -f1)
sed -i 's/^retail,/retial,/' "$tmp/src/sme_industry.csv"
want="sme_industry.csv:$line: column industry: \"retial\" is not a code of cyber-sme.industries; did you mean \"retail\"?"
cp "$tmp/ok.db" "$tmp/prev.db"
expect 1 "retial build" -- "$RATEL" tables build "$tmp/src" -o "$tmp/prev.db"
contains "$tmp/err" "$want" "retial build message"
contains "$tmp/err" "manifest.csv:6: warning: table sme_industry 2025.1: column industry: no row for \"retail\" of cyber-sme.industries" "retail row missing"
if cmp -s "$tmp/ok.db" "$tmp/prev.db"; then ok; else
    bad "a failed build changed the database it would have replaced"; fi
if ls "$tmp"/prev.db.tmp-* >/dev/null 2>&1; then
    bad "a failed build left a temporary file"; else ok; fi
expect 1 "retial check" -- "$RATEL" tables check "$tmp/src"
contains "$tmp/err" "$want" "retial check message"

# --- a code with no row: a warning, and the build goes on ---
cp tables/sme_industry.csv "$tmp/src/"
sed -i '/^education,/d' "$tmp/src/sme_industry.csv"
expect 0 "missing code build" -- "$RATEL" tables build "$tmp/src" -o "$tmp/w.db"
contains "$tmp/err" "manifest.csv:6: warning: table sme_industry 2025.1: column industry: no row for \"education\" of cyber-sme.industries" "missing code warning"
expect 0 "missing code check" -- "$RATEL" tables check "$tmp/src"
contains "$tmp/err" "column industry: no row for \"education\"" "missing code check warning"
contains "$tmp/out" "ok: $tmp/src" "missing code check ok"

# --- where the schemas come from ---
mkdir "$tmp/schemas"
sed 's/"retail",/"retail", "mining",/' rating-scripts/schemas/cyber-sme.json \
    >"$tmp/schemas/cyber-sme.json"
cp rating-scripts/schemas/us-management-liability.json "$tmp/schemas/"
expect 0 "--schemas" -- "$RATEL" tables check tables --schemas "$tmp/schemas"
contains "$tmp/err" "column industry: no row for \"mining\"" "--schemas read"
expect 0 "RATEL_SCHEMAS" -- env RATEL_SCHEMAS="$tmp/schemas" "$RATEL" tables check tables
contains "$tmp/err" "column industry: no row for \"mining\"" "RATEL_SCHEMAS read"
expect 1 "no such schema folder" -- "$RATEL" tables build tables -o "$tmp/x.db" \
    --schemas "$tmp/nope"
contains "$tmp/err" "manifest.csv:6: key industry: cannot check its codes (cyber-sme.industries): schema cyber-sme: cannot read $tmp/nope/cyber-sme.json: No such file or directory" "no schema folder message"
if [ -e "$tmp/x.db" ]; then bad "a failed build wrote its database"; else ok; fi
expect 2 "--schemas without DIR" -- "$RATEL" tables check tables --schemas

finish
