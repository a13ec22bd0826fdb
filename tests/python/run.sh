#!/bin/sh
# run.sh - the Python binding's tests (pytest, Debian's python3-pytest) on
# the module `make` built in build/python, with Debian's /usr/bin/python3
# (another python3 first on PATH lacks Debian's python3-* packages).
# Ends with the line tests/run-all.sh reads: "python: N passed, N failed".
# Usage: sh tests/python/run.sh [pytest arguments]
PYTHON=${PYTHON:-/usr/bin/python3}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$PYTHON" -m pytest -q -p no:cacheprovider -o log_level=WARNING \
    tests/python "$@" >"$out" 2>&1
rc=$?
cat "$out"
summary=$(tail -1 "$out")
count() { echo "$summary" | grep -o "[0-9]* $1" | cut -d' ' -f1; }
passed=$(count passed)
failed=$(count failed)
errors=$(count error)
passed=${passed:-0}
failed=$(( ${failed:-0} + ${errors:-0} ))
# pytest failing without a count (no tests collected, a crash): one failure
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "FAIL: pytest exited $rc"
    failed=1
fi
grep '^FAILED' "$out" | sed 's/^/FAIL: /'
echo "python: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
