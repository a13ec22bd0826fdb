/* fuzz_lua_lex.c - libFuzzer target: any text through the Lua lexer
 * (lua_lex.c) and the sandbox's tick scanner built on it. Tokens must
 * come in order inside the text, on non-decreasing lines, a string's
 * contents inside its token, and the scan must end; the ticked source
 * must hold the whole text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lua_lex.h"
#include "sandbox_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_lua_lex: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    lualex lx;
    lualex_token t;
    size_t prev_end = 0, count = 0;
    int prev_line = 1;
    buf b;

    lualex_init(&lx, src, size);
    while (lualex_next(&lx, &t) != LUALEX_END) {
        check(t.start >= prev_end && t.start <= t.end && t.end <= size,
              "a token out of order or outside the text");
        check(t.line >= prev_line, "a token on an earlier line");
        check(t.kind != LUALEX_STRING ||
              (t.body >= t.start && t.body <= t.body_end &&
               t.body_end <= t.end),
              "a string's contents outside its token");
        check(t.end > t.start || t.kind == LUALEX_UNFINISHED,
              "an empty token");
        check(++count <= size + 1, "more tokens than bytes");
        prev_end = t.end;
        prev_line = t.line;
    }
    buf_init(&b);
    if (sbx_add_ticks(&b, src, size) == 0)
        check(b.oom || b.len >= size, "ticked source shorter than the text");
    buf_free(&b);
    return 0;
}
