#!/bin/sh
# The library's symbols (issue 20): every external symbol of libratel.a
# (and of the sanitizer build's) is public API (ratel_) or carries the
# private prefix ratel__ (engine/src/private_names.h); libratel.so exports
# only public API; and a host defining buf_init, err_set, mem_grow and
# other common names links against the static library and rates.
# Usage: sh tests/symbols/run.sh [BUILD_DIR...]; run from the repository root.
suite=symbols
. tests/cli/lib.sh

# external_unprefixed ARCHIVE: defined external symbols outside ratel_
# (names beginning with __ are the compiler's: ASan's __odr_asan.X)
external_unprefixed() {
    nm -g --defined-only "$1" |
        awk 'NF == 3 && $3 !~ /^ratel_/ && $3 !~ /^__/ { print $3 }' |
        sort -u
}

for lib in build/libratel.a build-san/libratel.a; do
    [ -f "$lib" ] || continue
    external_unprefixed "$lib" > "$tmp/bad"
    if [ -s "$tmp/bad" ]; then
        bad "$lib: $(wc -l < "$tmp/bad") symbols without the ratel prefix" \
            "(run tools/private-names.sh after make build/libratel.a):"
        sed 's/^/  | /' "$tmp/bad" | head -40
    else ok; fi
done

# the private names are private: none exported by the shared library
# (type A: the version nodes of engine/ratel.map, RATEL_1.0)
so=$(ls build/libratel.so.* 2>/dev/null | head -1)
if [ -n "$so" ]; then
    nm -D --defined-only "$so" | awk 'NF == 3 && $2 != "A" { print $3 }' |
        grep -v '^ratel_[a-z0-9]' > "$tmp/bad"
    if [ -s "$tmp/bad" ]; then
        bad "$so exports symbols that are not public API:"
        sed 's/^/  | /' "$tmp/bad" | head -40
    else ok; fi
else
    bad "no build/libratel.so.*"
fi

# the header lists no name the library no longer defines (kept exact by
# tools/private-names.sh)
sed -n 's/^#define \([a-z0-9_]*\) ratel__.*/\1/p' engine/src/private_names.h |
    sort > "$tmp/listed"
nm -g --defined-only build/libratel.a |
    awk 'NF == 3 { print $3 }' | sed -n 's/^ratel__//p' | sort -u > "$tmp/defined"
comm -23 "$tmp/listed" "$tmp/defined" > "$tmp/stale"
if [ -s "$tmp/stale" ]; then
    bad "private_names.h lists names libratel.a does not define:"
    sed 's/^/  | /' "$tmp/stale" | head -20
else ok; fi

# a host with functions of the engine's common names, built as a host
# would be (public header only, no private_names.h)
cc=${CC:-cc}
if $cc -std=c11 -Iengine/include -o "$tmp/host" tests/symbols/host.c \
        build/libratel.a $(pkg-config --libs lua5.4 sqlite3 yajl) -lm \
        -lpthread 2> "$tmp/err"; then
    ok
    expect 0 "host rates" -- "$tmp/host" tables/ratel.db rating-scripts \
        examples/neutral.json
    if grep -qE '^(quoted|referred|declined) [0-9]+$' "$tmp/out"; then ok; else
        bad "host's quote: '$(cat "$tmp/out")'"
    fi
else
    bad "a host defining buf_init, err_set, mem_grow, tbl_find, decl_new" \
        "and sbx_new does not link against libratel.a:"
    sed 's/^/  | /' "$tmp/err" | head -20
fi

finish
