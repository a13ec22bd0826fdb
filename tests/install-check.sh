#!/bin/sh
# install-check.sh - `make install` into a temporary prefix, then build a
# program against it with pkg-config, link the shared library, run it; and
# check that the shared library exports only ratel_* symbols.
set -eu
tmp=$(mktemp -d /tmp/ratel-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $*"; fi; }

make -s install PREFIX="$tmp" >/dev/null
export PKG_CONFIG_PATH="$tmp/lib/pkgconfig"
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
check cc -o "$tmp/use" "$tmp/use.c" $(pkg-config --cflags --libs ratel) \
    -Wl,-rpath,"$tmp/lib"
check sh -c "\"$tmp/use\" \"$tmp/share/ratel/ratel.db\" \"$tmp/share/ratel/rating-scripts\" | grep -q '^0.1.0 [1-9]'"
check sh -c "ldd \"$tmp/use\" | grep -q 'libratel.so.0 => $tmp'"
check "$tmp/bin/ratel" --version
others=$(nm -D --defined-only "$tmp/lib/libratel.so.0" | awk '{print $3}' | grep -v '^ratel_' || true)
check test -z "$others"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
