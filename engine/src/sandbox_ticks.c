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
 * The scanner follows Lua 5.4's lexer for comments, strings and long
 * brackets, so a keyword is recognised exactly where Lua sees one. Any
 * name starting with `_ratel_` is reserved: a plan naming one is refused,
 * since it could otherwise reset its own budget.
 *
 * The same pass lists the names a plan may assign to (a superset: every
 * name followed by '=' or ',', or named by a `function` statement). A
 * top-level local that is never assigned keeps its loaded value without
 * being put back before each quote (sandbox_freeze.c). */
#include "sandbox_int.h"

#include <string.h>

#include "buf.h"

#define TICK " _ratel_budget=_ratel_budget-1;if _ratel_budget<0 then " \
             "_ratel_budget=_ratel_tick()end;"
#define RESERVED "_ratel_"

static int is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

/* At src[i] == '[': the level of a long bracket "[==[" (number of '='),
 * or -1 when this is not one. */
static int long_bracket(const char *src, size_t len, size_t i)
{
    size_t j = i + 1;
    while (j < len && src[j] == '=')
        j++;
    return j < len && src[j] == '[' ? (int)(j - i - 1) : -1;
}

/* Skips a long bracket of `level` opening at src[i]; returns the index
 * after its close (len when unclosed), counting newlines into *line. */
static size_t skip_long(const char *src, size_t len, size_t i, int level,
                        int *line)
{
    i += (size_t)level + 2;
    for (; i < len; i++) {
        if (src[i] == '\n')
            (*line)++;
        else if (src[i] == ']') {
            size_t j = i + 1;
            while (j < len && src[j] == '=')
                j++;
            if (j < len && src[j] == ']' && (int)(j - i - 1) == level)
                return j + 1;
        }
    }
    return len;
}

/* Skips a quoted string opening at src[i]; an escaped character never
 * closes it. Unfinished strings end at the line's end, as Lua's error. */
static size_t skip_quoted(const char *src, size_t len, size_t i, int *line)
{
    char q = src[i++];
    while (i < len && src[i] != q) {
        if (src[i] == '\n' || src[i] == '\r')
            return i;
        if (src[i] == '\\' && i + 1 < len) {
            if (src[i + 1] == '\n')
                (*line)++;
            i++;
        }
        i++;
    }
    return i < len ? i + 1 : len;
}

static int word_is(const char *w, size_t n, const char *kw)
{
    return strlen(kw) == n && memcmp(w, kw, n) == 0;
}

/* What the token before a name was, as far as assignments go. */
enum { T_OTHER, T_LOCAL, T_FUNCTION, T_LOCAL_FUNCTION };

/* Whether the name that ends at src[i] may be assigned: followed by '='
 * (not '=='), by ',' (a list of targets, or anything else: assume so), by
 * a comment (assume so), or by '(' after a `function` that is not `local
 * function` (the statement `function f() ... end` assigns f). */
static int may_assign(const char *src, size_t len, size_t i, int prev)
{
    while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' ||
                       src[i] == '\n' || src[i] == '\f' || src[i] == '\v'))
        i++;
    if (i >= len)
        return 0;
    if (src[i] == '=')
        return i + 1 >= len || src[i + 1] != '=';
    if (src[i] == '-')
        return i + 1 < len && src[i + 1] == '-';
    return src[i] == ',' || (src[i] == '(' && prev == T_FUNCTION);
}

int sbx_add_ticks(buf *b, buf *assigned, const char *src, size_t len)
{
    size_t i = 0, copied = 0;
    int line = 1, in_params = 0, prev = T_OTHER;
    while (i < len) {
        char c = src[i];
        size_t start = i;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue; /* keeps `prev` */
        }
        if (c == '\n') {
            line++;
            i++;
            continue;
        }
        if (c == '-' && i + 1 < len && src[i + 1] == '-') {
            int level = i + 2 < len && src[i + 2] == '['
                            ? long_bracket(src, len, i + 2) : -1;
            if (level >= 0)
                i = skip_long(src, len, i + 2, level, &line);
            else
                while (i < len && src[i] != '\n')
                    i++;
        } else if (c == '[' && long_bracket(src, len, i) >= 0) {
            i = skip_long(src, len, i, long_bracket(src, len, i), &line);
        } else if (c == '"' || c == '\'') {
            i = skip_quoted(src, len, i, &line);
        } else if ((c >= '0' && c <= '9') ||
                   (c == '.' && i + 1 < len && src[i + 1] >= '0' &&
                    src[i + 1] <= '9')) {
            /* a numeral, letters and exponent signs included: where this
               reads differently from Lua, Lua refuses the numeral */
            for (i++; i < len; i++) {
                char p = src[i - 1];
                if (!is_name_char(src[i]) && src[i] != '.' &&
                    !((src[i] == '+' || src[i] == '-') &&
                      (p == 'e' || p == 'E' || p == 'p' || p == 'P')))
                    break;
            }
        } else if (is_name_start(c)) {
            const char *w = src + i;
            size_t n;
            while (i < len && is_name_char(src[i]))
                i++;
            n = (size_t)(src + i - w);
            if (n >= sizeof RESERVED - 1 &&
                memcmp(w, RESERVED, sizeof RESERVED - 1) == 0) {
                return line;
            }
            if (may_assign(src, len, i, prev)) {
                buf_putc(assigned, ' ');
                buf_put(assigned, w, n);
                buf_putc(assigned, ' ');
            }
            if (word_is(w, n, "do") || word_is(w, n, "repeat")) {
                buf_put(b, src + copied, i - copied);
                buf_puts(b, TICK);
                copied = i;
            } else if (word_is(w, n, "goto")) {
                buf_put(b, src + copied, start - copied);
                buf_puts(b, TICK);
                copied = start;
            } else if (word_is(w, n, "function")) {
                in_params = 1; /* the tick goes after the next ')' */
            }
            prev = word_is(w, n, "local") ? T_LOCAL
                   : !word_is(w, n, "function") ? T_OTHER
                   : prev == T_LOCAL ? T_LOCAL_FUNCTION : T_FUNCTION;
            continue;
        } else if (c == ')' && in_params) {
            i++;
            in_params = 0;
            buf_put(b, src + copied, i - copied);
            buf_puts(b, TICK);
            copied = i;
        } else {
            i++;
        }
        prev = T_OTHER;
    }
    buf_put(b, src + copied, len - copied);
    return b->oom || assigned->oom ? -1 : 0;
}
