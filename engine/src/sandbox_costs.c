/* sandbox_costs.c - library functions pay for the work they do.
 *
 * A C function runs out of reach of the ticks and of the count hook, so
 * a loop of calls that each scan or copy a long string, or move many
 * values, would run far past the limits between two checks. Each such
 * function is wrapped: before the call it charges the run
 * (sbx_charge, sandbox_limits.c) for what its arguments say it will do
 * (bytes to scan, elements to move or return), after it for what it
 * returned. A unit is about one VM instruction's worth: an element, or
 * 16 bytes. Charges count towards the instruction limit and make the
 * clock be read often enough, so the time limit holds too.
 *
 * Functions whose work is at most linear in the longest string or in the
 * run's memory (math.max over many arguments, select, rawequal) need no
 * wrapper: a heavy run's hook already allows one VM instruction, a call
 * included, that much (sandbox_limits.c). The wrapped ones do work that
 * tables made at load (unpack, concat), a result count (byte,
 * codepoint) or a slow scan (utf8) decide.
 *
 * The same wrapper notes a string result holding a NUL byte (made by
 * string.char, string.pack or utf8.char; string.format notes its own):
 * comparing such strings costs a C call per NUL, so the run becomes
 * heavy. */
#include "sandbox_int.h"

#include <string.h>

#define BYTES_PER_UNIT 16

/* How a wrapped function's work is read from its arguments. */
enum {
    COST_ARGS,   /* its arguments: their number and string bytes */
    COST_INSERT, /* table.insert(t, [pos,] v): the elements after pos */
    COST_REMOVE, /* table.remove(t [, pos]): the elements after pos */
    COST_RANGE   /* table.unpack / concat(t, [sep,] i, j): j - i + 1 */
};

/* The integer at idx, or `dflt` when it is nil, absent or no integer. */
static lua_Integer int_arg(lua_State *L, int idx, lua_Integer dflt)
{
    int ok = 0;
    lua_Integer v = lua_tointegerx(L, idx, &ok);
    return ok ? v : dflt;
}

/* #t for a table argument (through __len, as the function sees it). */
static lua_Integer length_of(lua_State *L, int idx)
{
    lua_Integer n;
    if (!lua_istable(L, idx))
        return 0;
    lua_len(L, idx);
    n = int_arg(L, -1, 0);
    lua_pop(L, 1);
    return n;
}

/* The elements from a to b, as a charge (0 when none). */
static size_t span(lua_Integer a, lua_Integer b)
{
    lua_Unsigned n;
    if (b < a)
        return 0;
    n = (lua_Unsigned)b - (lua_Unsigned)a + 1u;
    return n > ((lua_Unsigned)1 << 40) ? (size_t)1 << 40 : (size_t)n;
}

/* What the call about to be made will cost, from its arguments. */
static size_t cost_before(lua_State *L, int how)
{
    int top = lua_gettop(L), i, first = how == COST_RANGE ? 2 : 3;
    size_t work = (size_t)top + 1, len;
    lua_Integer n;
    switch (how) {
    case COST_ARGS:
        for (i = 1; i <= top; i++)
            if (lua_type(L, i) == LUA_TSTRING) {
                lua_tolstring(L, i, &len);
                work += len / BYTES_PER_UNIT;
            }
        return work;
    case COST_INSERT:
    case COST_REMOVE:
        if (top < (how == COST_INSERT ? 3 : 2))
            return work; /* at the end: nothing moves */
        n = length_of(L, 1);
        return work + span(int_arg(L, 2, n), n);
    default: /* concat(t, sep, i, j) or unpack(t, i, j) */
        if (lua_type(L, 2) == LUA_TSTRING)
            first = 3; /* concat's separator */
        n = int_arg(L, first + 1, LUA_MININTEGER);
        return work + span(int_arg(L, first, 1),
                           n == LUA_MININTEGER ? length_of(L, 1) : n);
    }
}

/* A wrapped library function. Upvalue 1: the original; upvalue 2: how
 * its cost is read (COST_*); upvalue 3: true when a string it returns
 * may hold a NUL byte that was in no argument. */
static int charged(lua_State *L)
{
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    int how = (int)lua_tointeger(L, lua_upvalueindex(2));
    int makes_nul = lua_toboolean(L, lua_upvalueindex(3));
    int n, i, top;
    size_t work = 0, len;
    sbx_charge(L, cost_before(L, how));
    n = original(L);
    if (n > 255)
        sbx_note_values(L, (size_t)n);
    top = lua_gettop(L);
    for (i = top - n + 1; i <= top; i++) {
        work++;
        if (lua_type(L, i) == LUA_TSTRING) {
            const char *s = lua_tolstring(L, i, &len);
            work += len / BYTES_PER_UNIT;
            if (makes_nul && len > 0 && memchr(s, 0, len))
                sbx_note_nul(L);
        }
    }
    sbx_charge(L, work);
    return n;
}

/* Wraps the functions `names` of the table on top of the stack. */
static void wrap(lua_State *L, const char *const *names, int how,
                 int makes_nul)
{
    for (; *names; names++) {
        if (lua_getfield(L, -1, *names) != LUA_TFUNCTION ||
            !lua_tocfunction(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushinteger(L, how);
        lua_pushboolean(L, makes_nul);
        lua_pushcclosure(L, charged, 3);
        lua_setfield(L, -2, *names);
    }
}

void sbx_charge_library(lua_State *L, const char *lib)
{
    static const char *const string_args[] = {
        "byte", "lower", "upper", "reverse", "sub", "unpack", "packsize",
        NULL};
    static const char *const string_nul[] = {"char", "pack", NULL};
    static const char *const utf8_args[] = {"codepoint", "len", "offset",
                                            NULL};
    static const char *const utf8_nul[] = {"char", NULL};
    static const char *const table_insert[] = {"insert", NULL};
    static const char *const table_remove[] = {"remove", NULL};
    static const char *const table_range[] = {"unpack", "concat", NULL};
    static const char *const table_args[] = {"pack", NULL};
    static const char *const base_args[] = {"tonumber", NULL};
    if (strcmp(lib, "string") == 0) {
        wrap(L, string_args, COST_ARGS, 0);
        wrap(L, string_nul, COST_ARGS, 1);
    } else if (strcmp(lib, "utf8") == 0) {
        wrap(L, utf8_args, COST_ARGS, 0);
        wrap(L, utf8_nul, COST_ARGS, 1);
    } else if (strcmp(lib, "table") == 0) {
        wrap(L, table_insert, COST_INSERT, 0);
        wrap(L, table_remove, COST_REMOVE, 0);
        wrap(L, table_range, COST_RANGE, 0);
        wrap(L, table_args, COST_ARGS, 0);
    } else {
        wrap(L, base_args, COST_ARGS, 0);
    }
}
