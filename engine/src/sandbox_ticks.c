/* sandbox_ticks.c - plans count their own steps.
 *
 * Lua stops a runaway loop only through a count hook, and a count hook
 * makes the interpreter call into the debug machinery before every
 * instruction: about a fifth of a quote. Instead, a plan is compiled with
 * a tick at every place where it can run again without end: the start
 * of every loop body (after each `do` and `repeat`), the start of every
 * function body (after its parameter list) and before every `goto`. A
 * tick is inline Lua,
 *     _ratel_budget = _ratel_budget - 1
 *     if _ratel_budget < 0 then _ratel_budget = _ratel_tick() end
 * on the same line as the keyword, so line numbers hold. Between two
 * ticks a plan runs straight-line code only, so counting ticks bounds the
 * work; _ratel_tick (sandbox.c) checks the deadline and, once a quote has
 * taken many steps, turns the exact instruction count on.
 *
 * The scanner reads the source with Lua 5.4's tokens (lua_lex.c, shared
 * with `ratel lint`), so a keyword is recognised where Lua sees one. It
 * is not trusted for the limits: the compiled code is checked for a tick
 * on every loop and function entry (sandbox_verify.c), and a plan whose
 * ticks fall short runs under the count hook. Any name starting with
 * `_ratel_` is reserved: a plan naming one is refused, since it could
 * otherwise reset its own budget. */
#include "sandbox_int.h"

#include <string.h>

#include "buf.h"
#include "lua_lex.h"

#define TICK " _ratel_budget=_ratel_budget-1;if _ratel_budget<0 then " \
             "_ratel_budget=_ratel_tick()end;"
#define RESERVED "_ratel_"

int sbx_add_ticks(buf *b, const char *src, size_t len)
{
    lualex lx;
    lualex_token t;
    size_t copied = 0;
    int in_params = 0;

    lualex_init(&lx, src, len);
    while (lualex_next(&lx, &t) != LUALEX_END &&
           t.kind != LUALEX_UNFINISHED) {
        if (t.kind == LUALEX_NAME) {
            if (t.end - t.start >= sizeof RESERVED - 1 &&
                memcmp(src + t.start, RESERVED, sizeof RESERVED - 1) == 0)
                return t.line;
            if (lualex_is(&lx, &t, "do") || lualex_is(&lx, &t, "repeat")) {
                buf_put(b, src + copied, t.end - copied);
                buf_puts(b, TICK);
                copied = t.end;
            } else if (lualex_is(&lx, &t, "goto")) {
                buf_put(b, src + copied, t.start - copied);
                buf_puts(b, TICK);
                copied = t.start;
            } else if (lualex_is(&lx, &t, "function")) {
                in_params = 1; /* the tick goes after the next ')' */
            }
        } else if (in_params && lualex_is(&lx, &t, ")")) {
            in_params = 0;
            buf_put(b, src + copied, t.end - copied);
            buf_puts(b, TICK);
            copied = t.end;
        }
    }
    buf_put(b, src + copied, len - copied);
    return b->oom ? -1 : 0;
}
