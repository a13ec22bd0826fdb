#!/bin/sh
# run.sh - runs every libFuzzer target in build-fuzz/ for SECONDS each on
# its seeds (tests/fuzz/corpus/NAME and the files tests/fuzz/NAME.seeds
# names, copied to a scratch directory so that the seeds stay as they are)
# and its dictionary (tests/fuzz/NAME.dict) when there is one. Prints one
# line per target with its executions, and "fuzz: N passed, N failed". A
# crash, leak, timeout or out-of-memory leaves its input under
# build-fuzz/findings/.
# Usage: tests/fuzz/run.sh SECONDS [TARGET...]   (from the source tree)
set -u
secs=${1:-20}
shift
suite=fuzz
. tests/cli/lib.sh
FB=${FB:-build-fuzz}
mkdir -p "$FB/findings"
targets=${*:-$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')}
for t in $targets; do
    name=${t#fuzz_}
    bin="$FB/$t"
    if [ ! -x "$bin" ]; then bad "$t: not built ($bin)"; continue; fi
    work="$tmp/$name"
    mkdir -p "$work"
    [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/"
    # seeds kept elsewhere in the tree, named in NAME.seeds (paths or
    # globs, one a line), copied as they are now: they never go stale
    if [ -f "tests/fuzz/$name.seeds" ]; then
        grep -v '^#' "tests/fuzz/$name.seeds" | while read -r pattern; do
            for f in $pattern; do
                [ -f "$f" ] && cp "$f" "$work/$(echo "$f" | tr / _)"
            done
        done
    fi
    dict=""
    [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
    # shellcheck disable=SC2086
    "$bin" $dict -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$FB/findings/$name-" -print_final_stats=1 \
        "$work" >"$tmp/$name.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log")
    if [ "$rc" -eq 0 ]; then
        ok
        echo "$t: ${runs:-?} executions in ${secs} s, nothing found"
    else
        bad "$t: exit $rc after ${runs:-?} executions (findings in $FB/findings/)"
        grep -E 'ERROR|SUMMARY|Test unit written' "$tmp/$name.log" | head -5 | sed 's/^/  | /'
    fi
done
finish
