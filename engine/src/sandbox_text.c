/* sandbox_text.c - text that leaves the sandbox: well-formed UTF-8 only,
 * and error messages cleaned of control bytes. */
#include "sandbox_int.h"

#include <stdint.h>
#include <string.h>

int sbx_clean_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p++;
        int extra;
        unsigned cp;
        if (c == 0)
            return 0;
        if (c < 0x80)
            continue;
        if (c >= 0xC2 && c <= 0xDF) { extra = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { extra = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { extra = 3; cp = c & 0x07; }
        else return 0;
        if (end - p < extra)
            return 0;
        while (extra--) {
            if ((*p & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (*p++ & 0x3F);
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
            (cp < 0x800 && c >= 0xE0) || (cp < 0x10000 && c >= 0xF0))
            return 0;
    }
    return 1;
}

void sbx_clean_message(char *msg)
{
    unsigned char *p = (unsigned char *)msg;
    while (p && *p) {
        size_t n = 1;
        if (*p >= 0x80) { /* length of a well-formed sequence, else 1 */
            size_t k = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2, i;
            for (i = 1; i < k && p[i]; i++)
                ;
            n = i == k && sbx_clean_utf8((const char *)p, k) ? k : 0;
        } else if (*p < 0x20 && *p != '\n' && *p != '\t') {
            n = 0;
        }
        if (n == 0) {
            *p = '?';
            n = 1;
        }
        p += n;
    }
}

#define SBX_TEXT_WAYS 4 /* text_cache entries a string may take */

/* The first entry of the set of the text cache for the string at p. */
static size_t text_set(const char *p)
{
    uintptr_t u = (uintptr_t)p;
    return (size_t)((u >> 4) ^ (u >> 10)) %
           (SBX_TEXT_CACHE / SBX_TEXT_WAYS) * SBX_TEXT_WAYS;
}

/* 1 when the 8 bytes at s are all printable ASCII (0x20..0x7F): a byte
 * below 0x20 borrows into its top bit, one above 0x7F has it set. */
static int printable8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return (((w - 0x2020202020202020u) | w) & 0x8080808080808080u) == 0;
}

/* Printable or tab/newline, valid UTF-8, no NUL. */
static const char *text_fault(const char *s, size_t len)
{
    size_t i = 0;
    while (i + 8 <= len && printable8(s + i))
        i += 8;
    for (; i < len; i++) { /* printable ASCII: the common case */
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n')
            return "holds a control character";
        if (c >= 0x80)
            break;
    }
    if (i < len && !sbx_clean_utf8(s + i, len - i))
        return "is not valid UTF-8 text (or holds a NUL byte)";
    for (; i < len; i++)
        if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n')
            return "holds a control character";
    return NULL;
}

int sbx_text_valid(const char *s, size_t len, size_t max)
{
    return len >= 1 && len <= max && text_fault(s, len) == NULL;
}

/* 1 when the string at s is in the text cache (and marks it used). */
static int text_cached(sbx *sb, const char *s)
{
    size_t set = text_set(s), i;
    for (i = set; i < set + SBX_TEXT_WAYS; i++)
        if (sb->text_cache[i] == s) {
            sb->text_used[i] = ++sb->text_clock;
            return 1;
        }
    return 0;
}

/* Puts the string at `arg` (at s) in the text cache, in place of the
 * least recently used entry of its set. The cache's table anchors the
 * string, so while it is in the cache no other string can take its
 * address. */
static void text_remember(lua_State *L, sbx *sb, int arg, const char *s)
{
    size_t set = text_set(s), i, old = set;
    for (i = set + 1; i < set + SBX_TEXT_WAYS; i++)
        if (sb->text_clock - sb->text_used[i] >
            sb->text_clock - sb->text_used[old]) /* older (wraps too) */
            old = i;
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->text_cache_ref);
    lua_pushvalue(L, arg);
    lua_rawseti(L, -2, (lua_Integer)old + 1);
    lua_pop(L, 1);
    sb->text_cache[old] = s;
    sb->text_used[old] = ++sb->text_clock;
}

/* sbx_check_text for a string not in the cache (or not a string, or
 * empty, or too long): raises, or checks and remembers it. Kept out of
 * line so that the common case, a label checked before, stays short. */
static __attribute__((noinline)) const char *
check_new_text(lua_State *L, int arg, size_t *len, size_t max,
               const char *what)
{
    const char *s = luaL_checklstring(L, arg, len), *fault;
    if (*len == 0)
        luaL_error(L, "%s is empty", what);
    if (*len > max)
        luaL_error(L, "%s is longer than %d bytes", what, (int)max);
    if ((fault = text_fault(s, *len)) != NULL)
        luaL_error(L, "%s %s", what, fault);
    text_remember(L, sbx_of(L), arg, s);
    return s;
}

const char *sbx_check_text(lua_State *L, int arg, size_t *len, size_t max,
                           const char *what)
{
    const char *s = lua_tolstring(L, arg, len);
    if (s && *len - 1 < max && text_cached(sbx_of(L), s)) /* 1..max bytes */
        return s; /* the same string, checked before */
    return check_new_text(L, arg, len, max, what);
}
