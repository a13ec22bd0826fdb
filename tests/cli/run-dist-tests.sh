#!/bin/sh
# run-dist-tests.sh - what ratel ships besides the programs: the man page
# generated from the --help texts (it renders without warnings and holds
# every command and option), the bash completion (sourced in bash, its
# function called with COMP_WORDS as readline would), and the Debian
# packaging under debian/ checked statically (tests/cli/check_debian.sh).
# Usage: sh tests/cli/run-dist-tests.sh RATEL MANPAGE
suite=dist
. tests/cli/lib.sh
RATEL=${1:-build/ratel}
MAN=${2:-build/ratel.1}
LC_ALL=C
export LC_ALL

commands=$("$RATEL" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\).*/\1/p' |
    grep -v '^help$' | sort -u)
[ "$(echo "$commands" | wc -l)" -ge 10 ] && ok || bad "few commands in ratel --help: $commands"

# ---- the man page ---------------------------------------------------------
expect 0 "mkman" -- /usr/bin/python3 dist/mkman.py "$RATEL"
if cmp -s "$tmp/out" "$MAN"; then ok; else bad "$MAN is not what dist/mkman.py makes now"; fi
expect 0 "groff" -- groff -man -Tutf8 -ww -z "$MAN"
if [ -s "$tmp/err" ]; then bad "groff warns:"; sed 's/^/  | /' "$tmp/err"; else ok; fi
expect 0 "man -l" -- env MANWIDTH=100 man -l "$MAN"
cp "$tmp/out" "$tmp/page"
for c in $commands; do
    contains "$tmp/page" "   $c" "man: section of $c"
    # every option of the command's help is in the page
    for o in $("$RATEL" help "$c" | sed -n 's/^  \(-[^ ].*\)/\1/p' |
            sed 's/  .*//' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$o" "$tmp/page" && ok || bad "man: $c's $o missing"
    done
done
for s in NAME SYNOPSIS DESCRIPTION COMMANDS ENVIRONMENT FILES "EXIT STATUS" "SEE ALSO"; do
    contains "$tmp/page" "$s" "man: section $s"
done
# Every option line of every help text has two spaces before its text,
# which the page's option lists (and the completion's values) rely on.
for c in $commands; do
    "$RATEL" help "$c" | grep '^  -' |
        grep -vE '^  -[^ ]*( [^ ]+)*  +[^ ]|^  -[^ ]*( [^ ]+)?$' |
        sed "s/^/$c: /" >>"$tmp/misaligned"
done
if [ -s "$tmp/misaligned" ]; then bad "option lines without two spaces:"; sed 's/^/  | /' "$tmp/misaligned"; else ok; fi

# ---- the bash completion --------------------------------------------------
# complete WANT WORDS...: the completions of the last word, sorted.
complete_is() {
    want=$1
    shift
    got=$(bash -c '. dist/ratel.bash
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ratel
        for w in "${COMPREPLY[@]}"; do echo "$w"; done | sort | tr "\n" " "' _ "$@")
    if [ "$got" = "$want" ]; then ok; else bad "complete '$*': got '$got', expected '$want'"; fi
}
all=$(for c in $commands help --help --version; do echo "$c"; done | sort | tr '\n' ' ')
complete_is "$all" "$RATEL" ""
complete_is "quote " "$RATEL" qu
complete_is "schemas scheme " "$RATEL" sch
complete_is "list " "$RATEL" plans ""
complete_is "list show " "$RATEL" schemas ""
complete_is "build check " "$RATEL" tables ""
complete_is "generate " "$RATEL" book ""
complete_is "--format " "$RATEL" quote --form
complete_is "json table " "$RATEL" quote --format ""
complete_is "table " "$RATEL" quote --format = ta
complete_is "jsonl " "$RATEL" batch --out-format j
plans=$("$RATEL" plans list --format tsv | cut -f1 | sort | tr '\n' ' ')
[ "$(echo "$plans" | wc -w)" -ge 3 ] && ok || bad "few plans: $plans"
complete_is "$plans" "$RATEL" quote --plan ""
complete_is "sme-cyber " "$RATEL" quote examples/neutral.json --plan sme
complete_is "$plans" "$RATEL" impact --from ""
complete_is "schemas scheme " "$RATEL" help sch
complete_is "" "$RATEL" quote --no-worksheet ""
complete_is "" "$RATEL" quote --tables ""
complete_is "--help --n --output --seed -h -o " "$RATEL" book generate -
# with --plans given, the plan ids of that directory
mkdir -p "$tmp/plans"
cp rating-scripts/sme_cyber.lua "$tmp/plans/"
cp -r rating-scripts/schemas "$tmp/plans/"
complete_is "sme-cyber " "$RATEL" quote --plans "$tmp/plans" --plan ""

# ---- Debian packaging -----------------------------------------------------
sh tests/cli/check_debian.sh >"$tmp/deb" 2>&1
p=$(sed -n 's/^debian: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/deb")
f=$(sed -n 's/^debian: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$tmp/deb")
grep '^FAIL' "$tmp/deb"
if [ -z "$p" ]; then bad "check_debian.sh did not finish:"; sed 's/^/  | /' "$tmp/deb"; else
    pass=$((pass + p)); fail=$((fail + f)); fi
finish
