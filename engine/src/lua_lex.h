/* lua_lex.h - Lua 5.4's tokens, read as Lua's own lexer (llex.c) reads
 * them, for the two scanners of plan source: the sandbox's tick placement
 * (sandbox_ticks.c) and `ratel lint`'s source checks (cli/lint_source.c).
 * One reader, so that a keyword, a string or a comment is one to both
 * exactly where it is one to Lua. */
#ifndef RATEL_LUA_LEX_H
#define RATEL_LUA_LEX_H

#include <stddef.h>

typedef enum lualex_kind {
    LUALEX_END,       /* the end of the text */
    LUALEX_NAME,      /* a name or a keyword ("do", "function") */
    LUALEX_NUMBER,    /* a numeral: 3, 0x1F, 1e-3, 0x1p4, .5 */
    LUALEX_STRING,    /* a quoted or long-bracket string */
    LUALEX_SYMBOL,    /* an operator or punctuation ("..", "//", "(") */
    LUALEX_UNFINISHED /* a string or long comment never closed: the text
                         from it on is not Lua, and the scan ends */
} lualex_kind;

typedef struct lualex_token {
    lualex_kind kind;
    int line;         /* the line the token starts on (from 1) */
    size_t start, end; /* the token is src[start, end) */
    /* A string's contents, escapes not decoded: src[body, body_end)
       (a long string's first line break left out, as Lua leaves it). */
    size_t body, body_end;
} lualex_token;

/* A scan of src[0, len): comments and white space are skipped, line
 * breaks counted as Lua counts them ("\n", "\r", "\r\n", "\n\r"). */
typedef struct lualex {
    const char *src;
    size_t len, pos;
    int line;
} lualex;

void lualex_init(lualex *lx, const char *src, size_t len);

/* The next token into *t; returns its kind. After LUALEX_END or
 * LUALEX_UNFINISHED every call returns LUALEX_END. A byte Lua has no
 * token for ('$', '\\', a non-ASCII byte) is a one-byte LUALEX_SYMBOL:
 * Lua refuses the chunk, the scanners read on. */
lualex_kind lualex_next(lualex *lx, lualex_token *t);

/* Whether token t of lx's text is exactly `text`. */
int lualex_is(const lualex *lx, const lualex_token *t, const char *text);

#endif
