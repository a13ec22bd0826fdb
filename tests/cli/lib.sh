# lib.sh - the harness every CLI test script shares. Set `suite` (the name
# on the closing line) before sourcing it; end the script with `finish`.
# Run from the repository root.
pass=0
fail=0
tmp=$(mktemp -d "/tmp/ratel-${suite:-cli}-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect STATUS NAME -- command...: runs it, keeps stdout/stderr in $tmp
expect() {
    want=$1 name=$2
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else
        bad "$name: exit $got, expected $want"
        sed 's/^/  | /' "$tmp/out" "$tmp/err"
    fi
}

# contains FILE TEXT NAME
contains() {
    if grep -qF -- "$2" "$1"; then ok; else
        bad "$3: '$2' not in $(basename "$1")"; sed 's/^/  | /' "$1"
    fi
}

# The closing line CI reads, and the exit status.
finish() {
    echo "${suite:-cli}: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
