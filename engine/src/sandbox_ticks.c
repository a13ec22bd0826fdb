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
 * The scanner follows Lua 5.4's lexer for comments, strings (escapes,
 * `\z`, line breaks as Lua counts them) and long brackets, so a keyword
 * is recognised where Lua sees one. It is not trusted for the limits: the
 * compiled code is checked for a tick on every loop and function entry
 * (sandbox_verify.c), and a plan whose ticks fall short runs under the
 * count hook. Any name starting with `_ratel_` is reserved: a plan naming
 * one is refused, since it could otherwise reset its own budget. */
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

static int is_newline(char c)
{
    return c == '\n' || c == '\r';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || is_newline(c);
}

/* At a line break src[i]: the index after it, counting one line as Lua
 * does ("\n", "\r", "\r\n" and "\n\r" are one break each). */
static size_t skip_newline(const char *src, size_t len, size_t i, int *line)
{
    char c = src[i++];
    if (i < len && is_newline(src[i]) && src[i] != c)
        i++;
    (*line)++;
    return i;
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
 * after its close (len when unclosed), counting lines into *line. */
static size_t skip_long(const char *src, size_t len, size_t i, int level,
                        int *line)
{
    i += (size_t)level + 2;
    while (i < len) {
        if (is_newline(src[i])) {
            i = skip_newline(src, len, i, line);
            continue;
        }
        if (src[i] == ']') {
            size_t j = i + 1;
            while (j < len && src[j] == '=')
                j++;
            if (j < len && src[j] == ']' && (int)(j - i - 1) == level)
                return j + 1;
        }
        i++;
    }
    return len;
}

/* Skips a quoted string opening at src[i]. An escaped character never
 * closes it; an escaped line break continues it, and `\z` skips the
 * white space (line breaks included) after it. Unfinished strings end
 * at the line's end, as Lua's error does. */
static size_t skip_quoted(const char *src, size_t len, size_t i, int *line)
{
    char q = src[i++];
    while (i < len && src[i] != q) {
        if (is_newline(src[i]))
            return i;
        if (src[i] == '\\' && i + 1 < len) {
            i++;
            if (is_newline(src[i])) {
                i = skip_newline(src, len, i, line);
                continue;
            }
            if (src[i] == 'z') {
                for (i++; i < len && is_space(src[i]);)
                    if (is_newline(src[i]))
                        i = skip_newline(src, len, i, line);
                    else
                        i++;
                continue;
            }
        }
        i++;
    }
    return i < len ? i + 1 : len;
}

static int word_is(const char *w, size_t n, const char *kw)
{
    return strlen(kw) == n && memcmp(w, kw, n) == 0;
}

int sbx_add_ticks(buf *b, const char *src, size_t len)
{
    size_t i = 0, copied = 0;
    int line = 1, in_params = 0;
    while (i < len) {
        char c = src[i];
        size_t start = i;
        if (is_newline(c)) {
            i = skip_newline(src, len, i, &line);
        } else if (c == '-' && i + 1 < len && src[i + 1] == '-') {
            int level = i + 2 < len && src[i + 2] == '['
                            ? long_bracket(src, len, i + 2) : -1;
            if (level >= 0)
                i = skip_long(src, len, i + 2, level, &line);
            else
                while (i < len && !is_newline(src[i]))
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
                memcmp(w, RESERVED, sizeof RESERVED - 1) == 0)
                return line;
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
        } else if (c == ')' && in_params) {
            i++;
            in_params = 0;
            buf_put(b, src + copied, i - copied);
            buf_puts(b, TICK);
            copied = i;
        } else {
            i++;
        }
    }
    buf_put(b, src + copied, len - copied);
    return b->oom ? -1 : 0;
}
