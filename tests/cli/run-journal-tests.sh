#!/bin/sh
# run-journal-tests.sh - the quote journal end to end (docs/journal.md):
# quote --journal, journal list/show/export, the SQL view against show;
# the golden cases recorded and replayed to the byte after the plan on
# disk changed, and with --plans the difference at its step; two
# processes appending to one journal at once; damaged and foreign files
# refused with a clear error and left as they were.
# Usage: tests/cli/run-journal-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
PY=/usr/bin/python3
suite=journal
. tests/cli/lib.sh
same() {
    if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; fi
}
# sql DB QUERY: the first column of the query's rows
sql() {
    "$PY" -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for row in db.execute(sys.argv[2]):
    print(row[0])' "$1" "$2"
}
# equals NAME GOT WANT
equals() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', expected '$3'"; fi
}

# --- help and usage ---
for c in journal replay; do
    expect 0 "$c --help" -- "$RATEL" $c --help
    contains "$tmp/out" "Usage: ratel $c" "$c --help"
    expect 0 "help $c" -- "$RATEL" help $c
done
expect 2 "journal no subcommand" -- "$RATEL" journal
expect 2 "journal unknown subcommand" -- "$RATEL" journal frob x.db
expect 2 "journal show no id" -- "$RATEL" journal show x.db
expect 2 "journal show bad id" -- "$RATEL" journal show x.db 0
expect 2 "replay no db" -- "$RATEL" replay
expect 2 "replay id and since" -- "$RATEL" replay x.db --id 1 --since 2026-01-01
expect 2 "quote journal and options" -- "$RATEL" quote examples/neutral.json \
    --journal "$tmp/x.db" --options all
expect 1 "list a journal that is not there" -- "$RATEL" journal list \
    "$tmp/none.db"
contains "$tmp/err" "none.db" "missing journal named"
[ ! -e "$tmp/none.db" ] && ok || bad "reading a missing journal created it"

# --- quote --journal, list, show, export, the SQL view ---
J=$tmp/quotes.db
expect 0 "quote --journal" -- "$RATEL" quote examples/neutral.json \
    --journal "$J"
same "$tmp/out" tests/golden/expected/neutral.out "quote --journal output"
contains "$tmp/err" "recorded as quote 1 in" "quote --journal says the id"
expect 0 "quote --journal --reference" -- "$RATEL" quote examples/full.json \
    --journal "$J" --reference "broker 7" --no-worksheet
expect 0 "journal list" -- "$RATEL" journal list "$J"
contains "$tmp/out" "examples/neutral.json" "list: reference"
contains "$tmp/out" "broker 7" "list: given reference"
contains "$tmp/out" "JPY        67,380  sme-cyber@2025.3" "list: premium, plan"
expect 0 "journal show" -- "$RATEL" journal show "$J" 1
"$PY" - "$tmp/out" tests/golden/expected/neutral.out examples/neutral.json \
    <<'PYEOF' && ok || bad "show: the quote and declaration recorded"
import json, sys
doc = json.load(open(sys.argv[1]))
want = open(sys.argv[2]).read().rstrip("\n")
decl = json.load(open(sys.argv[3]))
assert doc["format_version"] == 1 and doc["id"] == 1
assert doc["plan"]["id"] == "sme-cyber" and doc["schema"]["id"] == "cyber-sme"
assert doc["declaration"] == decl and doc["declaration_form"] == "parsed"
assert json.dumps(doc["quote"]) == json.dumps(json.loads(want))
PYEOF
expect 1 "journal show missing id" -- "$RATEL" journal show "$J" 9
contains "$tmp/err" "no quote 9" "show: no such quote"
expect 0 "journal export" -- "$RATEL" journal export "$J" -o "$tmp/all.jsonl"
equals "export: one line a quote" "$(wc -l <"$tmp/all.jsonl")" 2
"$PY" -c 'import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$tmp/all.jsonl" && ok ||
    bad "export: every line is JSON"
expect 0 "export since tomorrow" -- "$RATEL" journal export "$J" \
    --since "$(date -u -d tomorrow +%Y-%m-%d)"
equals "export since tomorrow: nothing" "$(wc -c <"$tmp/out")" 0
expect 2 "export bad since" -- "$RATEL" journal list "$J" --since 2026-02-30 \
    --limit x
expect 1 "list bad since" -- "$RATEL" journal list "$J" --since 2026-02-30
contains "$tmp/err" "2026-02-30" "bad since named"
sql "$J" "SELECT quote_json FROM journal_quote_json WHERE id = 1" \
    >"$tmp/view.json"
same "$tmp/view.json" tests/golden/expected/neutral.out "the SQL view"

# --- the golden cases, recorded, replayed after the plan changed ---
mkdir -p "$tmp/plans"
cp rating-scripts/*.lua "$tmp/plans/"
cp -r rating-scripts/schemas "$tmp/plans/"
G=$tmp/golden.db
n=0
for f in tests/golden/cases/*.json; do
    if "$RATEL" quote "$f" --plans "$tmp/plans" --journal "$G" \
        >"$tmp/q.out" 2>"$tmp/q.err"; then
        n=$((n + 1))
        same "$tmp/q.out" "tests/golden/expected/$(basename "$f" .json).out" \
            "golden $(basename "$f") rated as expected"
    fi
done
[ "$n" -ge 30 ] && ok || bad "only $n golden cases recorded"
expect 0 "replay the golden cases" -- "$RATEL" replay "$G"
contains "$tmp/out" "replay: $n quotes: $n the same, 0 differ, 0 failed" \
    "replay counts"
sed 's/"Round to 10 yen", 10,/"Round to 10 yen", 1000,/' \
    rating-scripts/sme_cyber.lua >"$tmp/plans/sme_cyber.lua"
if cmp -s rating-scripts/sme_cyber.lua "$tmp/plans/sme_cyber.lua"; then
    bad "the plan was not changed"; else ok; fi
expect 0 "replay after the plan on disk changed" -- "$RATEL" replay "$G" \
    --threads 3
contains "$tmp/out" "$n the same, 0 differ" "stored source still replays"
expect 1 "replay with today's plans" -- "$RATEL" replay "$G" \
    --plans "$tmp/plans"
contains "$tmp/out" "differs: step" "today's plans: the step"
contains "$tmp/out" "policy \"Round to 10 yen\": value 10 -> 1000" \
    "today's plans: the rounding step named"
contains "$tmp/out" "total_premium: 67380 -> 67000" "today's plans: total"
id=$(sql "$G" "SELECT id FROM journal_quotes WHERE reference LIKE '%/neutral.json'")
expect 1 "replay one quote" -- "$RATEL" replay "$G" --id "$id" \
    --plans "$tmp/plans"
contains "$tmp/out" "replay: 1 quotes: 0 the same, 1 differ" "replay --id"
expect 0 "replay since" -- "$RATEL" replay "$G" --since 2000-01-01 --all
contains "$tmp/out" "): same" "replay --all prints the same"

# --- two processes appending to one journal at once ---
"$RATEL" book generate --n 6000 --seed 11 -o "$tmp/b1.jsonl"
"$RATEL" book generate --n 5000 --seed 12 -o "$tmp/b2.jsonl"
T=$tmp/two.db
"$RATEL" batch "$tmp/b1.jsonl" --journal "$T" -o "$tmp/o1.jsonl" \
    2>"$tmp/e1" &
p1=$!
"$RATEL" batch "$tmp/b2.jsonl" --journal "$T" -o "$tmp/o2.jsonl" \
    2>"$tmp/e2" &
p2=$!
wait $p1 && ok || { bad "first writer failed"; cat "$tmp/e1"; }
wait $p2 && ok || { bad "second writer failed"; cat "$tmp/e2"; }
equals "two writers: every quote" "$(sql "$T" "SELECT count(*) FROM journal_quotes")" 11000
equals "two writers: each book whole" \
    "$(sql "$T" "SELECT count(DISTINCT reference) FROM journal_quotes WHERE reference LIKE '%b1.jsonl:%'")" 6000
equals "two writers: the plan once" "$(sql "$T" "SELECT count(*) FROM journal_blobs WHERE kind = 'plan'")" 1
equals "two writers: each context once" \
    "$(sql "$T" "SELECT count(*) = count(DISTINCT sha256) FROM journal_contexts")" 1
equals "two writers: integrity" "$(sql "$T" "PRAGMA integrity_check")" ok
expect 0 "two writers: replay" -- "$RATEL" replay "$T"
contains "$tmp/out" "11000 quotes: 11000 the same" "two writers replay"

# --- damaged and foreign files: a clear error, left as they were ---
"$PY" - "$J" "$tmp" <<'PYEOF'
import sys
good = open(sys.argv[1], "rb").read()
d = sys.argv[2]
open(d + "/text.db", "wb").write(b"quotes, not a database\n" * 500)
b = bytearray(good); b[0:16] = b"garbage garbage!"
open(d + "/header.db", "wb").write(b)
open(d + "/short.db", "wb").write(good[:len(good) // 2])
b = bytearray(good)
b[65536 * 4:65536 * 4 + 4096] = b"\x5a" * 4096
open(d + "/page.db", "wb").write(b)
PYEOF
sql "$J" "PRAGMA integrity_check" >/dev/null
"$PY" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("CREATE TABLE t(x)")' "$tmp/other.db"
for f in text header short page other; do
    cp "$tmp/$f.db" "$tmp/$f.orig"
    expect 1 "quote --journal $f" -- "$RATEL" quote examples/neutral.json \
        --journal "$tmp/$f.db"
    contains "$tmp/err" "$tmp/$f.db" "$f: the file named"
    [ "$f" = page ] && contains "$tmp/err" "PRAGMA quick_check" \
        "a damaged page found before anything is written"
    same "$tmp/$f.db" "$tmp/$f.orig" "$f: left as it was"
    expect 1 "batch --journal $f" -- "$RATEL" batch "$tmp/b2.jsonl" \
        --journal "$tmp/$f.db" -o "$tmp/o3.jsonl"
    same "$tmp/$f.db" "$tmp/$f.orig" "$f: left as it was by batch"
    [ ! -e "$tmp/o3.jsonl" ] && [ ! -e "$tmp/o3.jsonl.partial" ] && ok ||
        bad "$f: batch wrote an output"
done
expect 1 "replay a damaged journal" -- "$RATEL" replay "$tmp/short.db"
contains "$tmp/err" "damaged" "replay: damaged named"

finish
