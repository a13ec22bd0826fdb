#!/bin/sh
# run.sh [TREE]: instructions an option of a 24-option menu costs against
# a separate quote of the same request, for each shipped cyber plan, in
# the checkout TREE (default: here; its build/libratel.a and tables built).
# Counts 10 menus and 240 separate quotes with callgrind, the engine's
# opening (a run with none) subtracted. Debian's valgrind. Then the same
# for trivial.lua (a cover, a set and a combine): the engine's floor, what
# every option of every plan pays.
set -eu
tree=$(cd "${1:-.}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bin=$(mktemp /tmp/menu_cost-XXXXXX)
plans=$(mktemp -d /tmp/menu_cost-plans-XXXXXX)
trap 'rm -f "$bin"; rm -rf "$plans"' EXIT
cp "$here/trivial.lua" "$plans/"
cp -r "$tree/rating-scripts/schemas" "$plans/"
cc -O2 -I"$tree/engine/include" -o "$bin" "$here/menu_cost.c" \
    "$tree/build/libratel.a" -llua5.4 -lsqlite3 -lyajl -lm -ldl -lpthread
cd "$tree"
ir() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for p in sme-cyber questionnaire-cyber chamber-scheme trivial; do
    dir=rating-scripts
    [ "$p" = trivial ] && dir=$plans
    z=$(ir "$p" menu 0 "$dir")
    m=$(ir "$p" menu 10 "$dir")
    s=$(ir "$p" sep 10 "$dir")
    printf '%-20s an option %7d, a separate quote %7d: %3d%%\n' "$p" \
        $(((m - z) / 240)) $(((s - z) / 240)) $((100 * (m - z) / (s - z)))
done
