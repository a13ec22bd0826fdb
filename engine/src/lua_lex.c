/* lua_lex.c - Lua 5.4's tokens (lua_lex.h), following llex.c: long
 * brackets of any level, quoted strings with their escapes (an escaped
 * line break, `\z` skipping the white space after it), numerals as
 * read_numeral reads them, every operator. Escapes are not decoded nor
 * checked: a malformed one is Lua's error to report, and no escape can
 * end a string early. */
#include "lua_lex.h"

#include <string.h>

static int is_newline(char c)
{
    return c == '\n' || c == '\r';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || is_newline(c);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_xdigit(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_name_char(char c)
{
    return is_name_start(c) || is_digit(c);
}

static int at(const lualex *lx, size_t i, char c)
{
    return i < lx->len && lx->src[i] == c;
}

/* At a line break: past it, one line counted ("\r\n" and "\n\r" are one
 * break, as Lua's inclinenumber reads them). */
static void skip_newline(lualex *lx)
{
    char c = lx->src[lx->pos++];
    if (lx->pos < lx->len && is_newline(lx->src[lx->pos]) &&
        lx->src[lx->pos] != c)
        lx->pos++;
    lx->line++;
}

/* At '[': the level of a long bracket "[==[" (its number of '='), or -1
 * when this is not one. */
static int long_level(const lualex *lx, size_t i)
{
    size_t j = i + 1;
    while (at(lx, j, '='))
        j++;
    return at(lx, j, '[') ? (int)(j - i - 1) : -1;
}

/* At the opening of a long bracket of `level`: past its close, its
 * contents in t->body..body_end. Returns 0, or -1 when it is not closed
 * (then at the end of the text). */
static int skip_long(lualex *lx, int level, lualex_token *t)
{
    lx->pos += (size_t)level + 2;
    if (lx->pos < lx->len && is_newline(lx->src[lx->pos]))
        skip_newline(lx); /* the first line break is not part of it */
    t->body = lx->pos;
    while (lx->pos < lx->len) {
        if (is_newline(lx->src[lx->pos])) {
            skip_newline(lx);
            continue;
        }
        if (lx->src[lx->pos] == ']') {
            size_t j = lx->pos + 1;
            while (at(lx, j, '='))
                j++;
            if (at(lx, j, ']') && (int)(j - lx->pos - 1) == level) {
                t->body_end = lx->pos;
                lx->pos = j + 1;
                return 0;
            }
        }
        lx->pos++;
    }
    t->body_end = lx->pos;
    return -1;
}

/* At a quote: past the string's closing quote. An escaped character
 * never closes it; an escaped line break continues it, and `\z` skips the
 * white space (line breaks included) after it. Returns 0, or -1 when an
 * unescaped line break or the end of the text comes first (then there). */
static int skip_quoted(lualex *lx, lualex_token *t)
{
    char q = lx->src[lx->pos++];
    t->body = lx->pos;
    while (lx->pos < lx->len && lx->src[lx->pos] != q) {
        if (is_newline(lx->src[lx->pos]))
            break;
        if (lx->src[lx->pos] == '\\' && lx->pos + 1 < lx->len) {
            lx->pos++;
            if (is_newline(lx->src[lx->pos])) {
                skip_newline(lx);
                continue;
            }
            if (lx->src[lx->pos] == 'z') {
                for (lx->pos++; lx->pos < lx->len &&
                                is_space(lx->src[lx->pos]);)
                    if (is_newline(lx->src[lx->pos]))
                        skip_newline(lx);
                    else
                        lx->pos++;
                continue;
            }
        }
        lx->pos++;
    }
    t->body_end = lx->pos;
    if (lx->pos >= lx->len || lx->src[lx->pos] != q)
        return -1;
    lx->pos++;
    return 0;
}

/* At a digit, or '.' before one: past the numeral as read_numeral reads
 * it (hex digits, '.', an exponent mark of its base with an optional
 * sign), and past any name characters touching it, which make the
 * numeral malformed to Lua and one token here. */
static void skip_numeral(lualex *lx)
{
    const char *expo = "Ee";
    if (lx->src[lx->pos] == '0' &&
        (at(lx, lx->pos + 1, 'x') || at(lx, lx->pos + 1, 'X'))) {
        expo = "Pp";
        lx->pos += 2;
    }
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c == expo[0] || c == expo[1]) {
            lx->pos++;
            if (at(lx, lx->pos, '-') || at(lx, lx->pos, '+'))
                lx->pos++;
        } else if (is_xdigit(c) || c == '.') {
            lx->pos++;
        } else {
            break;
        }
    }
    while (lx->pos < lx->len && is_name_char(lx->src[lx->pos]))
        lx->pos++;
}

/* The length of the operator at lx->pos: the longest of Lua's ("...",
 * "..", "==", "~=", "<=", ">=", "<<", ">>", "//", "::", else one byte). */
static size_t symbol_length(const lualex *lx)
{
    const char *p = lx->src + lx->pos;
    size_t left = lx->len - lx->pos;
    char c = p[0], d = left > 1 ? p[1] : '\0';

    if (c == '.' && d == '.')
        return left > 2 && p[2] == '.' ? 3 : 2;
    if (d == '=' && (c == '=' || c == '~' || c == '<' || c == '>'))
        return 2;
    if (d == c && (c == '<' || c == '>' || c == '/' || c == ':'))
        return 2;
    return 1;
}

/* Past white space and comments; -1 at a long comment never closed,
 * whose start is then in t. */
static int skip_blank(lualex *lx, lualex_token *t)
{
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (is_newline(c)) {
            skip_newline(lx);
        } else if (is_space(c)) {
            lx->pos++;
        } else if (c == '-' && at(lx, lx->pos + 1, '-')) {
            int level = at(lx, lx->pos + 2, '[') ? long_level(lx, lx->pos + 2)
                                                 : -1;
            t->start = lx->pos;
            t->line = lx->line;
            lx->pos += 2;
            if (level >= 0) {
                if (skip_long(lx, level, t) != 0)
                    return -1;
            } else {
                while (lx->pos < lx->len && !is_newline(lx->src[lx->pos]))
                    lx->pos++;
            }
        } else {
            return 0;
        }
    }
    return 0;
}

void lualex_init(lualex *lx, const char *src, size_t len)
{
    lx->src = src;
    lx->len = len;
    lx->pos = 0;
    lx->line = 1;
}

lualex_kind lualex_next(lualex *lx, lualex_token *t)
{
    char c;
    int level;

    memset(t, 0, sizeof *t);
    if (skip_blank(lx, t) != 0)
        goto unfinished;
    t->start = lx->pos;
    t->line = lx->line;
    t->body = t->body_end = 0;
    if (lx->pos >= lx->len) {
        t->kind = LUALEX_END;
        t->end = lx->pos;
        return t->kind;
    }
    c = lx->src[lx->pos];
    if (c == '[' && (level = long_level(lx, lx->pos)) >= 0) {
        t->kind = LUALEX_STRING;
        if (skip_long(lx, level, t) != 0)
            goto unfinished;
    } else if (c == '"' || c == '\'') {
        t->kind = LUALEX_STRING;
        if (skip_quoted(lx, t) != 0)
            goto unfinished;
    } else if (is_digit(c) || (c == '.' && lx->pos + 1 < lx->len &&
                               is_digit(lx->src[lx->pos + 1]))) {
        t->kind = LUALEX_NUMBER;
        skip_numeral(lx);
    } else if (is_name_start(c)) {
        t->kind = LUALEX_NAME;
        while (lx->pos < lx->len && is_name_char(lx->src[lx->pos]))
            lx->pos++;
    } else {
        t->kind = LUALEX_SYMBOL;
        lx->pos += symbol_length(lx);
    }
    t->end = lx->pos;
    return t->kind;

unfinished:
    t->kind = LUALEX_UNFINISHED;
    t->end = lx->len;
    lx->pos = lx->len; /* nothing after it is read */
    return t->kind;
}

int lualex_is(const lualex *lx, const lualex_token *t, const char *text)
{
    size_t n = strlen(text);
    return t->end - t->start == n && memcmp(lx->src + t->start, text, n) == 0;
}
