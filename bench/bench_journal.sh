#!/bin/sh
# bench_journal.sh [N] - the cost of the quote journal: a book of N
# declarations (default 1,000,000) through `ratel batch -o OUT` with and
# without --journal, alternated three times on 2 threads (this VM's speed
# drifts between minutes: compare the pairs), then `ratel replay` of the
# journal of the last round (compare with that round's batch). Wall, user
# and system seconds, peak memory, the journal's size; the outputs with
# and without the journal are checked to be the same bytes. Run from the
# source tree (plans in rating-scripts/, tables in tables/ratel.db).
set -e
n=${1:-1000000}
r=${RATEL:-build/ratel}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$r" book generate --n "$n" --seed 7 -o "$dir/book.jsonl"
run() { # run LABEL CMD... : one run, its times on one line
    label=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$@" >"$dir/said" 2>&1 ||
        { cat "$dir/said"; exit 1; }
    awk -v l="$label" '{ printf "%-9s %7.2f s wall %7.2f s user %6.2f s sys %8d KB\n", l, $1, $2, $3, $4 }' "$dir/time"
}
echo "book of $n declarations, --threads 2:"
for round in 1 2 3; do
    echo "round $round:"
    rm -f "$dir/out.jsonl" "$dir/journal.db" "$dir/journal.db-wal" "$dir/journal.db-shm"
    run batch "$r" batch --threads 2 "$dir/book.jsonl" -o "$dir/out.jsonl"
    run journal "$r" batch --threads 2 --journal "$dir/journal.db" "$dir/book.jsonl" -o "$dir/out-j.jsonl"
    cmp "$dir/out.jsonl" "$dir/out-j.jsonl"
    rm -f "$dir/out-j.jsonl"
done
echo "journal: $(du -k "$dir/journal.db" | cut -f1) KB for $n quotes"
run replay "$r" replay --threads 2 "$dir/journal.db"
tail -1 "$dir/said"
