#!/bin/sh
# bench_scheme.sh [N] - a scheme roster of N members (default 100,000)
# through `ratel scheme quote` against the same declarations through
# `ratel batch`, both with the chamber-scheme plan on 2 threads, alternated
# three times (this VM's speed drifts between minutes: compare the pairs).
set -e
n=${1:-100000}
r=${RATEL:-build/ratel}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$r" book generate --n "$n" --seed 7 -o "$dir/roster.jsonl"
secs() { # secs CMD... : wall seconds of one run
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", e - s }'
}
echo "roster of $n members, chamber-scheme, --threads 2:"
for round in 1 2 3; do
    b=$(secs "$r" batch --plan chamber-scheme --threads 2 "$dir/roster.jsonl" -o "$dir/batch.jsonl")
    s=$(secs "$r" scheme quote --plan chamber-scheme --threads 2 --roster "$dir/roster.jsonl" -o "$dir/fees.jsonl")
    echo "  round $round: batch $b s, scheme quote $s s"
done
"$r" scheme quote --plan chamber-scheme --threads 2 --roster "$dir/roster.jsonl" | sed -n 2p
