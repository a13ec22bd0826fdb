#!/bin/sh
# run-resume-tests.sh - `ratel batch -o OUT --resume` and --journal through
# crashes: killed with SIGKILL at seeded random moments again and again,
# then resumed to the end, the output is byte for byte the uninterrupted
# run's, and the journal passes PRAGMA integrity_check and holds every
# quote once (none that was written missing, none twice); killed between
# writing a chunk and syncing it, with a power cut simulated on top (the
# unsynced tail of the output cut and garbled, a checkpoint line torn),
# the same; an existing partial output is never appended to without
# --resume, nor resumed by another run.
# Usage: tests/cli/run-resume-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
PY=/usr/bin/python3
SEED=${RESUME_SEED:-20260701}
suite=resume
. tests/cli/lib.sh
same() {
    if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; fi
}
equals() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', expected '$3'"; fi
}
# check_journal NAME DB OUT: integrity, and every complete row of OUT
# (its line number) in the journal once, no quote twice (a kill can cut
# the last row in half: the rows are written after their chunk's commit)
check_journal() {
    "$PY" - "$2" "$3" <<'PYEOF' >"$tmp/check" 2>&1 && ok || {
import json, os, sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity"
refs = [r[0] for r in db.execute("SELECT reference FROM journal_quotes")]
assert len(refs) == len(set(refs)), "a quote recorded twice"
lines = set(int(r.rsplit(":", 1)[1]) for r in refs)
out = sys.argv[2]
rows = 0
if os.path.exists(out):
    for row in open(out):
        if not row.endswith("\n"):
            break  # killed in the middle of writing it (resume cuts it off)
        rows += 1
        assert json.loads(row)["line"] in lines, "a written row not recorded"
print(rows, len(refs))
PYEOF
        bad "$1: journal check"; sed 's/^/  | /' "$tmp/check"; }
}

B=$tmp/book.jsonl
"$RATEL" book generate --n 60000 --seed 21 -o "$B"
t0=$(date +%s.%N)
expect 0 "uninterrupted run" -- "$RATEL" batch "$B" -o "$tmp/ref.jsonl"
t1=$(date +%s.%N)
[ ! -e "$tmp/ref.jsonl.partial" ] && [ ! -e "$tmp/ref.jsonl.resume" ] && ok ||
    bad "a finished run left its partial output or log"

# --- killed at seeded random moments, resumed each time ---
O=$tmp/out.jsonl
J=$tmp/quotes.db
# each kill lands 5% to 35% of an uninterrupted run's time into a run, so
# that the kills hit running batches on a fast machine and a slow one
delays=$(awk -v s="$SEED" -v t0="$t0" -v t1="$t1" 'BEGIN { srand(s)
    for (i = 0; i < 6; i++) printf "%.3f ", (t1 - t0) * (0.05 + rand() * 0.3) }')
echo "kill delays (seed $SEED): $delays"
kills=0
for d in $delays; do
    "$RATEL" batch "$B" -o "$O" --journal "$J" --resume \
        >/dev/null 2>"$tmp/run.err" &
    pid=$!
    sleep "$d"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ -e "$O" ] && break # finished before the kill: nothing to resume
    kills=$((kills + 1))
    check_journal "killed after $d s" "$J" "$O.partial"
done
[ "$kills" -ge 2 ] && ok || bad "only $kills of the kills hit a running batch"
if [ ! -e "$O" ]; then
    expect 0 "resumed to the end" -- "$RATEL" batch "$B" -o "$O" \
        --journal "$J" --resume
fi
same "$O" "$tmp/ref.jsonl" "resumed output"
[ ! -e "$O.partial" ] && [ ! -e "$O.resume" ] && ok ||
    bad "the resumed run left its partial output or log"
check_journal "after the resumed run" "$J" "$O"
equals "every quote recorded" "$(tail -1 "$tmp/check")" "60000 60000"

# --- killed between a chunk's write and its sync, then a power cut ---
O=$tmp/cut.csv
J=$tmp/cut.db
"$RATEL" batch "$B" -o "$tmp/ref.csv" --out-format csv 2>/dev/null
expect 137 "killed before a sync" -- env RATEL_TEST_KILL_BEFORE_SYNC=3 \
    "$RATEL" batch "$B" -o "$O" --out-format csv --journal "$J"
equals "checkpoints before the kill" "$(grep -c '^chunk=' "$O.resume")" 3
"$PY" - "$O.partial" "$O.resume" <<'PYEOF'
import os, re, sys
part, log = sys.argv[1], sys.argv[2]
good = int(re.findall(r"out=(\d+)", open(log).read())[-1])
size = os.path.getsize(part)
assert size > good, "the unsynced chunk should be there"
with open(part, "r+b") as f:  # the power cut: the unsynced tail half lost
    f.truncate(good + (size - good) // 2)
    f.seek(0, 2)
    f.write(b"\x00\x00garbage")
with open(log, "a") as f:      # a checkpoint torn half-way
    f.write("chunk=3 in=1234 line=16")
PYEOF
expect 1 "no --resume: the partial output is refused" -- "$RATEL" batch \
    "$B" -o "$O" --out-format csv --journal "$J"
contains "$tmp/err" "--resume" "the refusal says --resume"
cp "$O.partial" "$tmp/partial.copy"
expect 1 "another run cannot resume it" -- "$RATEL" batch "$B" -o "$O" \
    --journal "$J" --resume
contains "$tmp/err" "cannot resume" "another format refused"
same "$O.partial" "$tmp/partial.copy" "a refused run left the partial as it was"
expect 0 "resumed after the power cut" -- "$RATEL" batch "$B" -o "$O" \
    --out-format csv --journal "$J" --resume
contains "$tmp/err" "resuming after line 12288" "resumed from chunk 3"
same "$O" "$tmp/ref.csv" "output after the power cut"
equals "journal after the power cut" \
    "$("$PY" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("PRAGMA integrity_check").fetchone()[0],
      db.execute("SELECT count(*), count(DISTINCT reference) FROM journal_quotes").fetchone())' "$J")" \
    "ok (60000, 60000)"

# --- the book changed: no resume ---
O=$tmp/changed.jsonl
expect 137 "killed before a sync again" -- env RATEL_TEST_KILL_BEFORE_SYNC=1 \
    "$RATEL" batch "$B" -o "$O"
head -c 100000 "$B" >"$tmp/short.jsonl"
cat "$tmp/short.jsonl" >>"$B"
expect 1 "a changed book is not resumed" -- "$RATEL" batch "$B" -o "$O" \
    --resume
contains "$tmp/err" "cannot resume" "changed book refused"
expect 2 "--resume without -o" -- "$RATEL" batch "$B" --resume
expect 2 "--resume to stdout" -- "$RATEL" batch "$B" -o - --resume
# nothing to resume: a plain run
expect 0 "--resume with nothing to resume" -- "$RATEL" batch \
    "$tmp/short.jsonl" -o "$tmp/fresh.jsonl" --resume

finish
