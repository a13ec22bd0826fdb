#!/bin/sh
# run-fault-tests.sh - the tool in a hostile environment: damaged table
# databases, table sources the build must refuse (negative rates, CR-only
# files), a FIFO among the plans, and output files that cannot be written
# (a full device, a file-size limit; from batch, book, scheme quote and
# structure): a clear error and exit 1, never a crash, a hang, a replaced
# device or a half-written file left in place.
# Usage: tests/cli/run-fault-tests.sh path/to/ratel   (from the source tree)
set -u
RATEL=${1:-build/ratel}
suite=fault
. tests/cli/lib.sh
# a guard, not a timing: a hang would stop the whole suite
T="timeout 120"

# --- damaged databases: an error naming the database, or the same rates ---
head -c 40000 tables/ratel.db >"$tmp/cut.db"
expect 1 "truncated db check" -- $T "$RATEL" tables check "$tmp/cut.db"
contains "$tmp/err" "cut.db: database error: database disk image is malformed" \
    "truncated db check"
expect 1 "truncated db quote" -- $T "$RATEL" quote examples/neutral.json \
    --tables "$tmp/cut.db"
contains "$tmp/err" "cut.db" "truncated db quote"
"$RATEL" quote examples/neutral.json >"$tmp/want.json"
for page in 1 2 3 4 5 6 7 8 9 10 11 12; do
    cp tables/ratel.db "$tmp/z.db"
    dd if=/dev/zero of="$tmp/z.db" bs=4096 seek=$page count=1 conv=notrunc \
        2>/dev/null
    $T "$RATEL" quote examples/neutral.json --tables "$tmp/z.db" \
        >"$tmp/got.json" 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 0 ] && cmp -s "$tmp/got.json" "$tmp/want.json"; then ok
    elif [ $rc -eq 1 ] && grep -q "z.db" "$tmp/err"; then ok
    else bad "page $page zeroed: exit $rc"; sed 's/^/  | /' "$tmp/err"; fi
done

# --- sources the build refuses, by file and line ---
mkdir "$tmp/src"
printf 'file,name,version,effective_from,kind,keys,values\n' >"$tmp/src/manifest.csv"
printf 'i.csv,industry,1,2025-04-01,exact,industry,factor\n' >>"$tmp/src/manifest.csv"
printf 'b.csv,base,1,2025-04-01,interpolate,revenue,premium\n' >>"$tmp/src/manifest.csv"
printf 'industry,factor\nretail,1\nit,-1\n' >"$tmp/src/i.csv"
printf 'revenue,premium\n0,-100\n100,200\n' >"$tmp/src/b.csv"
expect 1 "negative rates" -- "$RATEL" tables build "$tmp/src" -o "$tmp/neg.db"
contains "$tmp/err" "i.csv:3: column factor: -1 is not positive" "negative factor"
contains "$tmp/err" "b.csv:2: column premium: -100 is not positive" \
    "negative premium"
[ ! -e "$tmp/neg.db" ] && ok || bad "a refused build wrote a database"
printf 'industry,factor\rretail,1\rit,1.2\r' >"$tmp/src/i.csv"
printf 'revenue,premium\n0,100\n100,200\n' >"$tmp/src/b.csv"
expect 1 "CR-only file" -- "$RATEL" tables build "$tmp/src" -o "$tmp/cr.db"
contains "$tmp/err" "i.csv:1: carriage return without a line feed" "CR-only file"

# --- where a database goes: never over a device ---
cp tables/ratel.db "$tmp/mode.db"
chmod 640 "$tmp/mode.db"
expect 0 "build over a file" -- "$RATEL" tables build tables -o "$tmp/mode.db"
[ "$(stat -c %a "$tmp/mode.db")" = 640 ] && ok || bad "database permissions lost"
ln -s /dev/full "$tmp/full.db"
expect 1 "build to a full device" -- $T "$RATEL" tables build tables \
    -o "$tmp/full.db"
contains "$tmp/err" "full.db: cannot write the database: No space left on device, after 0 of" \
    "build to a full device"
contains "$tmp/err" "is incomplete" "build to a full device"
[ -c /dev/full ] && [ -L "$tmp/full.db" ] && ok || bad "/dev/full was replaced"
mkfifo "$tmp/db.fifo"
cat "$tmp/db.fifo" >"$tmp/from_fifo.db" &
expect 0 "build to a FIFO" -- $T "$RATEL" tables build tables -o "$tmp/db.fifo"
wait
[ -p "$tmp/db.fifo" ] && ok || bad "the FIFO was replaced"
expect 0 "database from a FIFO" -- "$RATEL" tables check "$tmp/from_fifo.db"

# --- a FIFO among the plans is not a plan (engine open used to wait) ---
mkdir "$tmp/plans"
cp rating-scripts/sme_cyber.lua "$tmp/plans/"
mkfifo "$tmp/plans/zz.lua"
expect 0 "FIFO in the plan directory" -- $T "$RATEL" plans list \
    --plans "$tmp/plans"
contains "$tmp/out" "sme-cyber" "FIFO in the plan directory"

# --- output files: whole or not at all ---
"$RATEL" book generate --n 3 --seed 1 -o "$tmp/book.jsonl"
chmod 600 "$tmp/book.jsonl"
cp "$tmp/book.jsonl" "$tmp/book.before"
expect 0 "book over a file" -- "$RATEL" book generate --n 5 --seed 2 \
    -o "$tmp/book.jsonl"
[ "$(wc -l <"$tmp/book.jsonl")" -eq 5 ] && ok || bad "book not replaced"
[ "$(stat -c %a "$tmp/book.jsonl")" = 600 ] && ok || bad "permissions lost"
cp "$tmp/book.before" "$tmp/book.jsonl"
# a file-size limit makes the write fail with EFBIG (SIGXFSZ ignored)
expect 1 "book beyond the size limit" -- sh -c "trap '' XFSZ; ulimit -f 8; \
    exec \"\$0\" book generate --n 20000 --seed 2 -o \"\$1\"" "$RATEL" \
    "$tmp/book.jsonl"
contains "$tmp/err" "book.jsonl: error writing: File too large; $tmp/book.jsonl was left as it was" \
    "book beyond the size limit"
cmp -s "$tmp/book.jsonl" "$tmp/book.before" && ok || bad "book half written"
ls "$tmp" | grep -q '\.tmp-' && bad "temporary file left" || ok
ln -s /dev/full "$tmp/full.out"
expect 1 "batch to a full device" -- "$RATEL" batch "$tmp/book.before" \
    -o "$tmp/full.out"
contains "$tmp/err" "full.out: error writing after 0 bytes: No space left on device; $tmp/full.out is incomplete" \
    "batch to a full device"
expect 1 "book to a directory" -- "$RATEL" book generate --n 1 --seed 1 -o "$tmp"
contains "$tmp/err" "is a directory" "book to a directory"
expect 1 "scheme fees to a full device" -- "$RATEL" scheme quote \
    --plan chamber-scheme --roster examples/scheme_roster.csv -o "$tmp/full.out"
contains "$tmp/err" "full.out: error writing after 0 bytes: No space left on device; $tmp/full.out is incomplete" \
    "scheme fees to a full device"
echo old >"$tmp/report.html"
expect 1 "structure report beyond the size limit" -- sh -c "trap '' XFSZ; \
    ulimit -f 8; exec \"\$0\" structure examples/neutral.json --structures \
    examples/structures.json --years 1000 --html \"\$1\" >/dev/null" \
    "$RATEL" "$tmp/report.html"
contains "$tmp/err" "report.html: error writing: File too large; $tmp/report.html was left as it was" \
    "structure report beyond the size limit"
[ "$(cat "$tmp/report.html")" = old ] && ok || bad "report half written"
ls "$tmp" | grep -q '\.tmp-' && bad "temporary file left" || ok

finish
