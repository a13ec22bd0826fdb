#!/bin/sh
# install-check.sh - `make install` into two different prefixes (one
# directly, one staged with DESTDIR and run from the staging tree, as a
# moved install), and from each: the tool rates with the installed data
# from a directory without a source tree, the Python module rates, a
# program builds against the library with pkg-config and runs, the man
# page renders and the completion completes. Then `make uninstall` and
# nothing of ratel is left. Run from the repository root after `make`.
suite=install
. tests/cli/lib.sh

PYTHON=${PYTHON:-/usr/bin/python3}
src=$(pwd)
premium=$(build/ratel quote examples/neutral.json --format json |
    sed -n 's/.*"total_premium":\([0-9]*\).*/\1/p' | head -1)

cat > "$tmp/use.c" <<'C'
#include <ratel.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    static const char decl[] = "{\"effective_date\":\"2026-07-01\","
        "\"applicant\":{\"name\":\"A\",\"revenue\":500000000,"
        "\"industry\":\"retail\",\"employees\":10},\"request\":{"
        "\"liability_limit\":100000000,\"expense_limit\":30000000,"
        "\"deductible\":100000}}";
    (void)argc;
    if (ratel_engine_open(&e, argv[1], argv[2], NULL) || ratel_ctx_new(&c, e)
        || ratel_decl_parse(&d, c, NULL, decl, strlen(decl))
        || ratel_rate(&q, c, d, NULL)) {
        fprintf(stderr, "%s\n", c ? ratel_ctx_errmsg(c) : ratel_engine_errmsg(e));
        return 1;
    }
    printf("%s %lld\n", ratel_version(), (long long)ratel_quote_total_premium(q));
    ratel_quote_free(q);
    ratel_decl_free(d);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    return 0;
}
C

# check_prefix NAME ROOT: the installed tree at ROOT works.
check_prefix() {
    at=$1 root=$2
    # From / (no tables/ or rating-scripts/ there): the installed data.
    expect 0 "$at: quote" -- sh -c "cd / && \"$root/bin/ratel\" quote \
        \"$src/examples/neutral.json\" --format json"
    contains "$tmp/out" "\"total_premium\":$premium" "$at: quote premium"
    expect 0 "$at: tables check" -- sh -c "cd / && \"$root/bin/ratel\" tables check"
    contains "$tmp/out" "ok: $root/share/ratel/ratel.db" "$at: installed tables"
    expect 0 "$at: python" -- sh -c "cd / && PYTHONPATH=\"$root/lib/python3/dist-packages\" \
        \"$PYTHON\" -c 'import ratel, sys; \
q = ratel.Engine().quote(open(sys.argv[1]).read()); print(q.total_premium)' \
        \"$src/examples/neutral.json\""
    contains "$tmp/out" "$premium" "$at: python premium"

    expect 0 "$at: cc with pkg-config" -- sh -c "cc -o \"$tmp/use\" \"$tmp/use.c\" \
        \$(PKG_CONFIG_PATH=\"$root/lib/pkgconfig\" PKG_CONFIG_SYSROOT_DIR= \
          pkg-config --define-prefix --cflags --libs ratel) -Wl,-rpath,\"$root/lib\""
    expect 0 "$at: program on libratel.so" -- "$tmp/use" \
        "$root/share/ratel/ratel.db" "$root/share/ratel/rating-scripts"
    if grep -q '^0\.[0-9.]* [1-9]' "$tmp/out"; then ok; else bad "$at: program output"; fi
    if ldd "$tmp/use" | grep -q "libratel.so.0 => $root/lib/"; then ok; else
        bad "$at: the program does not load $root/lib/libratel.so.0"; fi

    if command -v man >/dev/null 2>&1; then
        expect 0 "$at: man -l" -- env MANWIDTH=80 man -l "$root/share/man/man1/ratel.1"
        contains "$tmp/out" "ratel quote FILE" "$at: man page"
    fi
    expect 0 "$at: completion" -- env PATH="$root/bin:$PATH" bash -c \
        ". \"$root/share/bash-completion/completions/ratel\"; \
         COMP_WORDS=(ratel qu); COMP_CWORD=1; _ratel; echo \"\${COMPREPLY[*]}\""
    contains "$tmp/out" "quote" "$at: completes a command"
}

a=$tmp/prefix-a
expect 0 "make install PREFIX" -- make -s install PREFIX="$a"
check_prefix "prefix" "$a"

# Staged for a prefix it never runs from, like a package, then run where
# it was staged: data found beside the binary, not at the built-in prefix.
stage=$tmp/stage
expect 0 "make install DESTDIR" -- make -s install PREFIX=/opt/rt-b \
    DESTDIR="$stage"
check_prefix "destdir" "$stage/opt/rt-b"

expect 0 "make uninstall PREFIX" -- make -s uninstall PREFIX="$a"
expect 0 "make uninstall DESTDIR" -- make -s uninstall PREFIX=/opt/rt-b \
    DESTDIR="$stage"
left=$(find "$a" "$stage" ! -type d; find "$a" "$stage" -name '*ratel*')
if [ -z "$left" ]; then ok; else bad "left after uninstall: $left"; fi
finish
