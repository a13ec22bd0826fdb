#!/bin/sh
# run-abi-tests.sh - the ABI check (docs/api.md): the checked-in symbol
# list engine/ratel.map, the functions the public headers (ratel.h,
# ratel_sys.h) declare and
# the dynamic symbols of the built libratel.so must be the same set, every
# export in the version node of the list, nothing else exported (no Lua,
# SQLite or yajl symbol, no internal one), and the soname the one the
# list is for. The check itself is shown to fail on a list missing a
# symbol, on a list with a symbol the library lacks, and on a header
# declaring a function the list lacks.
# Usage: sh tests/cli/run-abi-tests.sh [BUILD_DIR]
suite=abi
. tests/cli/lib.sh
B=${1:-build}
lib=$B/libratel.so
SONAME=libratel.so.0
NODE=RATEL_1.0

# The names of the list (the global: entries of every node).
map_names() {
    sed -n 's/^[[:space:]]*\(ratel_[a-z0-9_]*\);[[:space:]]*$/\1/p' "$1" | sort -u
}
# The functions a header declares: ratel_* names followed by '('.
header_names() {
    cc -E -P -Iengine/include "$1" |
        grep -o '\bratel_[a-z0-9_]*[[:space:]]*(' |
        sed 's/[[:space:]]*($//' | sort -u
}
# The library's defined dynamic symbols, as name@@node.
lib_symbols() {
    nm -D --defined-only "$1" | awk '$2 != "A" {print $3}' | sort -u
}

# The public headers: ratel.h and the tooling API ratel_sys.h.
printf '#include "ratel.h"\n#include "ratel_sys.h"\n' >"$tmp/public.h"

# abi_diff MAP HEADER LIB: prints each difference; silent when they agree.
abi_diff() {
    map_names "$1" >"$tmp/map"
    header_names "$2" >"$tmp/header"
    lib_symbols "$3" >"$tmp/lib"
    comm -23 "$tmp/header" "$tmp/map" | sed 's/^/declared in the header, not in the list: /'
    comm -13 "$tmp/header" "$tmp/map" | sed 's/^/in the list, not declared in the header: /'
    sed 's/@.*//' "$tmp/lib" | sort -u >"$tmp/libnames"
    comm -13 "$tmp/libnames" "$tmp/map" | sed 's/^/in the list, not exported: /'
    comm -23 "$tmp/libnames" "$tmp/map" | sed 's/^/exported, not in the list: /'
    grep -v "@@$NODE\$" "$tmp/lib" | sed "s/^/exported outside $NODE: /"
}

abi_diff engine/ratel.map "$tmp/public.h" "$lib" >"$tmp/diff"
if [ ! -s "$tmp/diff" ]; then ok; else bad "the ABI differs from engine/ratel.map:"; sed 's/^/  | /' "$tmp/diff"; fi
n=$(wc -l <"$tmp/map")
if [ "$n" -gt 100 ]; then ok; else bad "only $n symbols in engine/ratel.map"; fi

if readelf -d "$lib" | grep -q "Library soname: \[$SONAME\]"; then ok; else
    bad "soname is not $SONAME"; fi
others=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | grep -v '^ratel_' || true)
if [ -z "$others" ]; then ok; else bad "exports other than ratel_*: $others"; fi

# The check fails when the list loses a function the library exports...
grep -v '^    ratel_version;$' engine/ratel.map >"$tmp/less.map"
abi_diff "$tmp/less.map" "$tmp/public.h" "$lib" >"$tmp/d1"
contains "$tmp/d1" "declared in the header, not in the list: ratel_version" "a removed list entry"
contains "$tmp/d1" "exported, not in the list: ratel_version" "a removed list entry, library"
# ...when the list names a function the library and header lack...
sed 's/^    ratel_version;$/    ratel_version;\n    ratel_gone;/' engine/ratel.map >"$tmp/more.map"
abi_diff "$tmp/more.map" "$tmp/public.h" "$lib" >"$tmp/d2"
contains "$tmp/d2" "in the list, not exported: ratel_gone" "a removed function"
# ...and when the header declares a new function the list lacks.
{ cat "$tmp/public.h"; echo 'int ratel_new_thing(int x);'; } >"$tmp/with_new.h"
abi_diff engine/ratel.map "$tmp/with_new.h" "$lib" >"$tmp/d3"
contains "$tmp/d3" "declared in the header, not in the list: ratel_new_thing" "an added function"
finish
