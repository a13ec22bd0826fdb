/* sandbox_lib.c - the standard library as plans see it: an allow-list of
 * base functions, and replacements that keep results deterministic and
 * every C function bounded (tostring and string.format without
 * addresses, a capped string.rep, guarded pattern matching, a linear
 * plain find, a stable sort; ordered pairs in sandbox_pairs.c, and the
 * charges for the work of the others in sandbox_costs.c). */
#define _GNU_SOURCE /* memmem */
#include "sandbox_int.h"

#include <lualib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* tostring without addresses: tables and functions print their type. */
static int safe_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    switch (lua_type(L, 1)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
    case LUA_TBOOLEAN:
    case LUA_TNIL:
        luaL_tolstring(L, 1, NULL);
        return 1;
    default:
        lua_pushstring(L, luaL_typename(L, 1));
        return 1;
    }
}

/* string.rep with its size checked and charged before any work: the
 * result is at most SBX_MAX_STRING bytes, and is built by doubling what
 * is built already (memcpy), so a million copies of an empty string with
 * a one-byte separator cost what a megabyte of copying costs. */
static int safe_rep(lua_State *L)
{
    size_t l, lsep = 0, unit, total, done;
    const char *str = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    luaL_Buffer b;
    char *out;
    if (n <= 0 || (l == 0 && lsep == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    if ((size_t)n > SBX_MAX_STRING ||
        (l + lsep) > (SBX_MAX_STRING + lsep) / (size_t)n)
        return luaL_error(L, "string.rep: result larger than %d bytes",
                          (int)SBX_MAX_STRING);
    unit = l + lsep;
    total = unit * (size_t)n - lsep;
    sbx_charge(L, 1 + total / 16);
    out = luaL_buffinitsize(L, &b, total);
    memcpy(out, str, l);
    memcpy(out + l, sep, lsep < total - l ? lsep : total - l);
    for (done = unit < total ? unit : total; done < total; done *= 2)
        memcpy(out + done, out, done < total - done ? done : total - done);
    luaL_pushresultsize(&b, total);
    return 1;
}

/* Hands the call to the library function the wrapper replaced (its first
 * upvalue), directly in C: the standard string functions use no upvalues
 * of their own. The C-stack guard bounds recursion through them. */
static int call_original(lua_State *L)
{
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    sbx_check_c_stack(L);
    return original(L);
}

/* Writes v in decimal at the end of out[0..24); returns where it starts. */
static char *integer_text(lua_Integer v, char *end)
{
    lua_Unsigned u = v < 0 ? 0u - (lua_Unsigned)v : (lua_Unsigned)v;
    do
        *--end = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--end = '-';
    return end;
}

/* "%g" of v when v is the double nearest to m / 10^k for an integer m of
 * at most 6 digits and 1e-4 <= |v| < 1e6: the decimal m / 10^k is then
 * what C's correctly rounded %g prints (v is within half an ulp of it,
 * and it lies on the 6-significant-digit grid, far from any rounding
 * boundary), with trailing zeros dropped. Returns 0 for any other v. */
static int shortest_g(double v, lua_Integer *m_out, int *k_out)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
                                   1e6, 1e7, 1e8, 1e9};
    double a = fabs(v);
    int k;
    if (!(a >= 1e-4 && a < 1e6)) /* also NaN, zero and -0 */
        return 0;
    for (k = 0; k < 10; k++) {
        double m = nearbyint(v * pow10[k]);
        if (fabs(m) > 999999)
            return 0;
        if (m / pow10[k] == v) {
            *m_out = (lua_Integer)m;
            *k_out = k;
            return 1;
        }
    }
    return 0;
}

/* Writes m / 10^k (see shortest_g) without trailing zeros at the end of
 * out[0..24); returns where it starts. */
static char *shortest_g_text(lua_Integer m, int k, char *end)
{
    lua_Integer a = m < 0 ? -m : m;
    char *p = end;
    int digits = 0;
    for (; k > 0 && a % 10 == 0; k--) /* trailing zeros of the fraction */
        a /= 10;
    for (; digits < k; digits++, a /= 10)
        *--p = (char)('0' + a % 10);
    if (k > 0)
        *--p = '.';
    p = integer_text(a, p);
    if (m < 0)
        *--p = '-';
    return p;
}

/* The text "%s", "%d" or "%g" (spec) makes of argument `arg` when the
 * quick path can build it: a string for %s, a number with an integer
 * value for %d, a short decimal for %g (see shortest_g). Sets *text and
 * *len (digits are written into num[0..24)); 0 for anything else. */
static int quick_arg(lua_State *L, int arg, char spec, char num[24],
                     const char **text, size_t *len)
{
    lua_Integer m;
    int ok = 0;
    if (spec == 's') {
        *text = lua_type(L, arg) == LUA_TSTRING ? lua_tolstring(L, arg, len)
                                                : NULL;
        return *text != NULL;
    }
    if (lua_type(L, arg) != LUA_TNUMBER)
        return 0;
    if (spec == 'd') {
        m = lua_tointegerx(L, arg, &ok); /* as Lua's %d: 3.0 is 3 */
        *text = ok ? integer_text(m, num + 24) : NULL;
    } else if (spec == 'g') {
        int k;
        ok = shortest_g(lua_tonumber(L, arg), &m, &k);
        *text = ok ? shortest_g_text(m, k, num + 24) : NULL;
    }
    *len = ok ? (size_t)(num + 24 - *text) : 0;
    return ok;
}

#define SBX_QUICK_FORMAT 512 /* longest text quick_format builds */

/* The common formats, "%s" of a string, "%d" of an integer, "%g" of a
 * short decimal (see shortest_g) and "%%", built directly in one pass:
 * Lua's own goes through snprintf for each, the costliest part of a
 * plan's labels. Returns 0, having pushed nothing, when the format holds
 * anything else or the text would be longer than SBX_QUICK_FORMAT bytes;
 * the result is then Lua's. */
static int quick_format(lua_State *L, const char *fmt, size_t len)
{
    char out[SBX_QUICK_FORMAT], num[24];
    const char *p = fmt, *end = fmt + len;
    int arg = 1, top = lua_gettop(L);
    size_t n = 0;
    while (p < end) {
        const char *pct = memchr(p, '%', (size_t)(end - p)), *text = p;
        size_t tlen = (size_t)((pct ? pct : end) - p);
        if (tlen == 0) { /* a spec at p */
            if (++p == end)
                return 0;
            text = p;
            tlen = 1;
            if (*p != '%' && (++arg > top || !quick_arg(L, arg, *p, num,
                                                        &text, &tlen)))
                return 0;
            p++;
        } else {
            p += tlen;
        }
        if (tlen > sizeof out - n)
            return 0;
        memcpy(out + n, text, tlen);
        n += tlen;
    }
    lua_pushlstring(L, out, n);
    return 1;
}

/* string.format without %p: an address would make results differ from
 * one process to the next. Past the quick path (at most SBX_QUICK_FORMAT
 * bytes), its work is charged, and a result with a NUL byte (%c of 0)
 * noted. */
static int safe_format(lua_State *L)
{
    size_t len, i, work, rlen;
    const char *fmt = luaL_checklstring(L, 1, &len), *result;
    if (quick_format(L, fmt, len))
        return 1;
    work = 1 + len / 16;
    for (i = 0; i + 1 < len; i++) {
        if (fmt[i] != '%')
            continue;
        i++;
        while (i < len && strchr("-+ #0123456789.", fmt[i]))
            i++;
        if (i < len && fmt[i] == 'p')
            return luaL_error(L, "string.format: %%p is not allowed (an "
                              "address is not deterministic)");
    }
    /* %s of a table or function would print its address: use its type */
    for (i = 2; i <= (size_t)lua_gettop(L); i++) {
        int t = lua_type(L, (int)i);
        if (t == LUA_TSTRING) {
            lua_tolstring(L, (int)i, &rlen);
            work += 1 + rlen / 16;
        } else if (t != LUA_TNUMBER && t != LUA_TBOOLEAN && t != LUA_TNIL) {
            lua_pushstring(L, lua_typename(L, t));
            lua_replace(L, (int)i);
        }
    }
    sbx_charge(L, work);
    call_original(L);
    result = lua_tolstring(L, -1, &rlen);
    if (result && memchr(result, 0, rlen))
        sbx_note_nul(L);
    return 1;
}

#define SBX_MAX_PATTERN_COST 7.0 /* log10 of the steps a match may take */
enum { WRAP_OTHER, WRAP_FIND, WRAP_GSUB }; /* what a wrapped function is */

/* string.find(s, p, init, true): a linear search (memmem), where Lua's
 * own plain find compares the whole needle at every position. */
static int plain_find(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    lua_Integer init = luaL_optinteger(L, 3, 1);
    const char *hit;
    if (init < 0)
        init = (lua_Integer)ls + init + 1 < 1 ? 1 : (lua_Integer)ls + init + 1;
    else if (init == 0)
        init = 1;
    if (init > (lua_Integer)ls + 1) {
        lua_pushnil(L);
        return 1;
    }
    hit = lp == 0 ? s + init - 1
                  : memmem(s + init - 1, ls - (size_t)(init - 1), p, lp);
    if (!hit) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
    lua_pushinteger(L, (lua_Integer)(hit - s) + (lua_Integer)lp);
    return 2;
}

/* Counts the repetitions of a Lua pattern: quantifiers (* + - ?) that
 * follow a single-character class, and %b balances, which also scan ahead.
 * A '-' that follows no class (as in "(%w+)-(%w+)") is a literal. */
static void count_repetitions(const char *p, size_t lp, int *repeats,
                              int *optionals)
{
    size_t i = 0;
    if (i < lp && p[i] == '^')
        i++;
    while (i < lp) {
        char c = p[i];
        if (c == '(' || c == ')') {
            i++;
            continue;
        }
        if (c == '%' && i + 1 < lp && p[i + 1] == 'b') {
            (*repeats)++;
            i += 4;
            continue;
        }
        if (c == '%' && i + 1 < lp && p[i + 1] == 'f') {
            i += 2; /* a frontier: its set follows */
            c = i < lp ? p[i] : 0;
        }
        if (c == '[') { /* a set: up to its closing ']' */
            i++;
            if (i < lp && p[i] == '^')
                i++;
            do {
                if (i < lp && p[i] == '%')
                    i++;
                i++;
            } while (i < lp && p[i] != ']');
            i++;
        } else if (c == '%') {
            i += 2;
        } else {
            i++;
        }
        if (i < lp && (p[i] == '*' || p[i] == '+' || p[i] == '-')) {
            (*repeats)++;
            i++;
        } else if (i < lp && p[i] == '?') {
            (*optionals)++;
            i++;
        }
    }
}

/* Pattern functions run in C, out of reach of the instruction hook and
 * the deadline, and backtracking makes them polynomial (or exponential)
 * in the subject. Before matching, the steps a match may take are
 * bounded: subject ^ repetitions (x subject again for the start
 * positions of an unanchored search) x pattern length x 2 ^ optionals
 * (a character class costs its length at each step, which the pattern
 * length covers). */
static int guarded_match(lua_State *L)
{
    size_t ls, lp;
    const char *p;
    int repeats = 0, optionals = 0, anchored, n;
    double cost, steps;
    luaL_checklstring(L, 1, &ls);
    p = luaL_checklstring(L, 2, &lp);
    sbx_charge(L, 1 + (ls + lp) / 16);
    if (lua_tointeger(L, lua_upvalueindex(2)) == WRAP_FIND &&
        lua_toboolean(L, 4))
        return plain_find(L);
    count_repetitions(p, lp, &repeats, &optionals);
    anchored = lp > 0 && p[0] == '^';
    cost = (repeats + (anchored ? 0 : 1)) * log10((double)ls + 1) +
           log10((double)lp + 1) + optionals * log10(2.0);
    if (cost > SBX_MAX_PATTERN_COST)
        return luaL_error(L, "pattern too costly for a subject of %d bytes "
                          "(%d repetitions): simplify the pattern or use a "
                          "plain find", (int)ls, repeats + optionals);
    /* the bound, at about 2 ns a step, as time: a costly match (up to
       20 ms) reads the clock as soon as it returns */
    steps = pow(10.0, cost);
    n = call_original(L);
    sbx_press_clock(L, steps > 16.0 * SBX_CLOCK_WORK ? SBX_CLOCK_WORK
                                                     : (size_t)(steps / 16));
    if (lua_tointeger(L, lua_upvalueindex(2)) == WRAP_GSUB) /* its result
                                                      and replacements */
        sbx_charge(L, (size_t)lua_tointeger(L, -1) +
                          lua_rawlen(L, -2) / 16);
    return n;
}

/* Replaces string[name] by `wrapper` holding the original (and `flag`,
 * WRAP_*). */
static void wrap_string_fn(lua_State *L, const char *name,
                           lua_CFunction wrapper, int flag)
{
    lua_getfield(L, -1, name);
    lua_pushinteger(L, flag);
    lua_pushcclosure(L, wrapper, 2);
    lua_setfield(L, -2, name);
}

/* a < b for the stable sort: the comparator, or Lua's <, whose cost for
 * two strings grows with the shorter (charged). */
static int sort_less(lua_State *L, int a, int b, int has_comp)
{
    int r;
    size_t la, lb;
    if (!has_comp) {
        if (lua_type(L, a) == LUA_TSTRING && lua_type(L, b) == LUA_TSTRING) {
            lua_tolstring(L, a, &la);
            lua_tolstring(L, b, &lb);
            sbx_charge(L, 1 + (la < lb ? la : lb) / 16);
        }
        return lua_compare(L, a, b, LUA_OPLT);
    }
    sbx_check_c_stack(L);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* table.sort(t [, comp]) as a stable merge sort: Lua's own sort picks
 * pivots from the clock for large lists, so equal elements could land in
 * a different order from one run to the next. */
static int stable_sort(lua_State *L)
{
    lua_Integer n, width, i, lo, mid, hi, a, b, k;
    int has_comp, src, dst;
    luaL_checktype(L, 1, LUA_TTABLE);
    n = luaL_len(L, 1);
    has_comp = !lua_isnoneornil(L, 2);
    if (has_comp)
        luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    if (n < 2)
        return 0;
    luaL_argcheck(L, n < (lua_Integer)1 << 26, 1, "array too big");
    lua_createtable(L, (int)n, 0);
    src = lua_gettop(L);
    lua_createtable(L, (int)n, 0);
    dst = lua_gettop(L);
    for (i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        lua_rawseti(L, src, i);
    }
    sbx_charge(L, (size_t)n);
    for (width = 1; width < n; width *= 2) {
        sbx_charge(L, (size_t)n);
        for (lo = 1; lo <= n; lo += 2 * width) {
            mid = lo + width < n + 1 ? lo + width : n + 1;
            hi = lo + 2 * width < n + 1 ? lo + 2 * width : n + 1;
            for (a = lo, b = mid, k = lo; k < hi; k++) {
                int take_b = 0;
                if (a < mid && b < hi) {
                    lua_rawgeti(L, src, b);
                    lua_rawgeti(L, src, a);
                    take_b = sort_less(L, -2, -1, has_comp);
                    lua_pop(L, 2);
                } else {
                    take_b = a >= mid;
                }
                lua_rawgeti(L, src, take_b ? b++ : a++);
                lua_rawseti(L, dst, k);
            }
        }
        lua_pushvalue(L, src);
        lua_copy(L, dst, src);
        lua_replace(L, dst);
    }
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, src, i);
        lua_seti(L, 1, i);
    }
    return 0;
}

/* Opens library `name` and leaves it on the stack with the `drop` fields
 * removed. */
static void open_lib(lua_State *L, const char *name, lua_CFunction open,
                     const char *const *drop)
{
    luaL_requiref(L, name, open, 0);
    for (; drop && *drop; drop++) {
        lua_pushnil(L);
        lua_setfield(L, -2, *drop);
    }
}

static const char *const base_allowed[] = {
    "assert", "error", "ipairs", "select", "tonumber", "type", "pcall",
    "rawequal", "rawlen", NULL};

/* Pushes the base environment: the allowed base functions and the
 * libraries, each library a read-only proxy. */
void sbx_open_libs(lua_State *L)
{
    static const char *const string_drop[] = {"dump", NULL};
    static const char *const math_drop[] = {"random", "randomseed", NULL};
    static const char *const table_drop[] = {"move", NULL};
    const char *const *f;
    int base;

    luaL_requiref(L, "_G", luaopen_base, 0); /* into the registry's _G */
    lua_newtable(L);                          /* our base environment */
    base = lua_gettop(L);
    for (f = base_allowed; *f; f++) {
        lua_getfield(L, base - 1, *f);
        lua_setfield(L, base, *f);
    }
    lua_pushcfunction(L, sbx_pairs);
    lua_setfield(L, base, "pairs");
    lua_pushcfunction(L, safe_tostring);
    lua_setfield(L, base, "tostring");
    sbx_charge_library(L, "");

    open_lib(L, "string", luaopen_string, string_drop);
    lua_pushcfunction(L, safe_rep);
    lua_setfield(L, -2, "rep");
    wrap_string_fn(L, "format", safe_format, WRAP_OTHER);
    wrap_string_fn(L, "find", guarded_match, WRAP_FIND);
    wrap_string_fn(L, "match", guarded_match, WRAP_OTHER);
    wrap_string_fn(L, "gmatch", guarded_match, WRAP_OTHER);
    wrap_string_fn(L, "gsub", guarded_match, WRAP_GSUB);
    sbx_charge_library(L, "string");
    sbx_make_readonly(L);
    lua_setfield(L, base, "string");
    open_lib(L, "table", luaopen_table, table_drop);
    lua_pushcfunction(L, stable_sort);
    lua_setfield(L, -2, "sort");
    sbx_charge_library(L, "table");
    sbx_make_readonly(L);
    lua_setfield(L, base, "table");
    open_lib(L, "math", luaopen_math, math_drop);
    sbx_make_readonly(L);
    lua_setfield(L, base, "math");
    open_lib(L, "utf8", luaopen_utf8, NULL);
    sbx_charge_library(L, "utf8");
    sbx_make_readonly(L);
    lua_setfield(L, base, "utf8");
}

/* Collects the names in the table at `t` (a proxy or plain table) into
 * the list at `list`, prefixed by `prefix.` when prefix is not NULL. */
static void collect_names(lua_State *L, int t, const char *prefix, int list)
{
    int real;
    sbx_push_iterable(L, t);
    real = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, real)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            if (prefix)
                lua_pushfstring(L, "%s.%s", prefix, lua_tostring(L, -2));
            else
                lua_pushvalue(L, -2);
            lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
            if (!prefix && lua_type(L, -1) == LUA_TTABLE)
                collect_names(L, lua_gettop(L), lua_tostring(L, -2), list);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, real - 1);
}

static int list_globals(lua_State *L)
{
    sbx *s = sbx_of(L);
    luaL_Buffer b;
    lua_Integer i, n;
    int sorted;
    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->env_mt_ref);
    lua_getfield(L, -1, "__index");
    collect_names(L, lua_gettop(L), NULL, 1);
    lua_settop(L, 1);
    lua_newtable(L); /* as a set, to sort through ordered keys */
    n = (lua_Integer)lua_rawlen(L, 1);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, i);
        lua_pushboolean(L, 1);
        lua_rawset(L, 2);
    }
    sbx_push_ordered(L, 2);
    sorted = lua_gettop(L) - 1;
    luaL_buffinit(L, &b);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, sorted, i);
        luaL_addvalue(&b);
        luaL_addchar(&b, '\n');
    }
    luaL_pushresult(&b);
    return 1;
}

int sbx_list_globals(sbx *s, char **out)
{
    size_t len;
    const char *text;
    lua_settop(s->L, 0);
    lua_pushcfunction(s->L, list_globals);
    if (lua_pcall(s->L, 0, 1, 0) != LUA_OK)
        return RATEL_ENOMEM;
    text = lua_tolstring(s->L, -1, &len);
    *out = malloc(len + 1);
    if (*out)
        memcpy(*out, text, len + 1);
    lua_settop(s->L, 0);
    return *out ? RATEL_OK : RATEL_ENOMEM;
}
