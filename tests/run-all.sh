#!/bin/sh
# run-all.sh - runs every test suite quietly and ends with the one line the
# README promises: "N passed, N failed" for the whole suite.
#
# Each suite's full output goes to $LOGS/<suite>.log; the terminal gets one
# line per failing test (cmocka's "[  FAILED  ] name", a CLI script's
# "FAIL: ..." line, or "CRASH: suite" when a binary died before reporting)
# and one count line per suite.
#
# Usage: tests/run-all.sh    (from the source tree, after `make all` and
# the unit-test binaries are built; `make test` does both)
# Environment: B, BS (build directories), RATEL (the tool), LOGS.
set -u
B=${B:-build}
BS=${BS:-build-san}
RATEL=${RATEL:-$B/ratel}
LOGS=${LOGS:-$B/test-logs}
rm -rf "$LOGS"
mkdir -p "$LOGS"

total_pass=0
total_fail=0

add() { # add SUITE PASSED FAILED
    total_pass=$((total_pass + $2))
    total_fail=$((total_fail + $3))
    printf '%-34s %6d passed, %d failed\n' "$1" "$2" "$3"
}

# A cmocka binary: counts from its summary lines; a binary that exits
# non-zero without a summary counts as one failure.
run_cmocka() { # run_cmocka SUITE LOG -- command...
    suite=$1 log=$2
    shift 3
    "$@" >"$log" 2>&1
    rc=$?
    run=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$log" | tail -1)
    failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' "$log" | tail -1)
    [ -n "$failed" ] || failed=0
    if [ -z "$run" ]; then
        echo "CRASH: $suite (exit $rc; see $log)"
        tail -5 "$log" | sed 's/^/  | /'
        add "$suite" 0 1
        return
    fi
    grep '^\[  FAILED  \] test' "$log" | sed "s|^|$suite: |"
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        echo "CRASH: $suite (exit $rc after its summary; see $log)"
        failed=1
    fi
    add "$suite" $((run - failed)) "$failed"
}

# A shell suite (tests/cli/lib.sh): its FAIL lines and its closing
# "NAME: N passed, N failed" line.
run_script() { # run_script SUITE LOG -- command...
    suite=$1 log=$2
    shift 3
    "$@" >"$log" 2>&1
    rc=$?
    line=$(grep -E '^[a-z_-]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
    if [ -z "$line" ]; then
        echo "CRASH: $suite (exit $rc; see $log)"
        tail -5 "$log" | sed 's/^/  | /'
        add "$suite" 0 1
        return
    fi
    grep -E '^(FAIL|CRASH)' "$log" | sed "s|^|$suite: |"
    p=$(echo "$line" | sed 's/.*: \([0-9]*\) passed.*/\1/')
    f=$(echo "$line" | sed 's/.*passed, \([0-9]*\) failed/\1/')
    add "$suite" "$p" "$f"
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    n=$(basename "$t")
    run_cmocka "unit/$n" "$LOGS/$n.log" -- "$t"
done
for t in "$BS"/tests/test_*; do
    [ -x "$t" ] || continue
    n=$(basename "$t")
    run_cmocka "asan/$n" "$LOGS/$n.san.log" -- \
        env ASAN_OPTIONS=detect_leaks=1 "$t"
done
run_script cli "$LOGS/cli.log" -- sh tests/run-cli-tests.sh "$RATEL"
run_script lint "$LOGS/lint.log" -- sh tests/cli/run-lint-tests.sh "$RATEL"
run_script tools "$LOGS/tools.log" -- sh tests/cli/run-tool-tests.sh "$RATEL"
run_script batch "$LOGS/batch.log" -- sh tests/cli/run-batch-tests.sh "$RATEL"
run_script testcmd "$LOGS/testcmd.log" -- \
    sh tests/cli/run-test-cmd-tests.sh "$RATEL"
run_script fault "$LOGS/fault.log" -- sh tests/cli/run-fault-tests.sh "$RATEL"
run_script tables-codes "$LOGS/tables-codes.log" -- sh tests/cli/run-tables-codes-tests.sh "$RATEL"
run_script install "$LOGS/install.log" -- sh tests/install-check.sh
run_script structure "$LOGS/structure.log" -- sh tests/cli/run-structure-tests.sh "$RATEL"
run_script compare "$LOGS/compare.log" -- sh tests/cli/run-compare-tests.sh "$RATEL"
run_script scheme "$LOGS/scheme.log" -- sh tests/cli/run-scheme-tests.sh "$RATEL"
run_script render "$LOGS/render.log" -- sh tests/render/run-render-tests.sh "$RATEL"
run_script python "$LOGS/python.log" -- sh tests/python/run.sh
run_script symbols "$LOGS/symbols.log" -- sh tests/symbols/run.sh
# The contracts and what ships: the ABI list, the JSON Schemas, the man
# page, the completion and debian/.
run_script abi "$LOGS/abi.log" -- sh tests/cli/run-abi-tests.sh "$B"
run_script json-schema "$LOGS/json-schema.log" -- \
    /usr/bin/python3 tests/cli/check_json_schemas.py "$RATEL"
run_script dist "$LOGS/dist.log" -- sh tests/cli/run-dist-tests.sh "$RATEL" \
    "$B/ratel.1"
# the quote journal and resumable batches (docs/journal.md)
run_script journal "$LOGS/journal.log" -- sh tests/cli/run-journal-tests.sh "$RATEL"
run_script resume "$LOGS/resume.log" -- sh tests/cli/run-resume-tests.sh "$RATEL"
run_script fuzz "$LOGS/fuzz.log" -- sh tests/fuzz/run.sh "${FUZZ_SECONDS:-20}"

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
