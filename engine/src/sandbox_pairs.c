/* sandbox_pairs.c - pairs() in an order that is a property of the keys
 * alone, never of the hash layout (which Lua seeds per process), so a
 * plan that sums or prints in pairs() order gives the same bytes in every
 * process, thread and run.
 *
 * The order is total over every key a plan can make: numbers first, by
 * their exact value (an integer and a float are compared exactly, not as
 * doubles, so integers beyond 2^53 keep their order; Lua turns a float
 * key with an integer value, -0.0 included, into that integer, and
 * refuses NaN), then strings bytewise (a prefix first), then false, then
 * true. Any other key (a table, a function) is an error. Two keys of one
 * table never compare equal, so the sort's stability does not matter.
 *
 * Sorting is charged to the run (sandbox_limits.c): a pass over the keys
 * costs their number, so a loop of pairs() over a large table meets the
 * instruction and time limits while it sorts. */
#include "sandbox_int.h"

#include <math.h>
#include <string.h>

/* The table to iterate for t: the real table behind a read-only proxy. */
void sbx_push_iterable(lua_State *L, int idx)
{
    if (lua_getmetatable(L, idx)) {
        if (lua_getfield(L, -1, RO_MARK) == LUA_TBOOLEAN) {
            lua_pop(L, 1);
            lua_getfield(L, -1, "__index");
            lua_remove(L, -2);
            return;
        }
        lua_pop(L, 2);
    }
    lua_pushvalue(L, idx);
}

/* A key being ordered. */
typedef struct sort_key {
    int rank;           /* 0 number, 1 string, 2 boolean */
    int is_int;         /* a number: integer (i) or float (f) */
    lua_Integer i;
    lua_Number f;
    const char *s;      /* a string */
    size_t len;
    lua_Integer slot;   /* where the key sits in the unsorted list */
} sort_key;

/* -1, 0 or 1 as the integer i is below, equal to or above the float f
 * (not NaN), exactly. */
static int cmp_int_float(lua_Integer i, lua_Number f)
{
    lua_Number fl;
    lua_Integer fi;
    if (f >= 0x1p63)
        return -1;
    if (f < -0x1p63)
        return 1;
    fl = floor(f); /* in [-2^63, 2^63): an integer value */
    fi = (lua_Integer)fl;
    if (i != fi)
        return i < fi ? -1 : 1;
    return fl < f ? -1 : 0;
}

static int cmp_keys(const sort_key *a, const sort_key *b)
{
    size_t n;
    int c;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->rank == 1) {
        n = a->len < b->len ? a->len : b->len;
        c = memcmp(a->s, b->s, n);
        return c ? c : (a->len > b->len) - (a->len < b->len);
    }
    if (a->rank == 2 || (a->is_int && b->is_int))
        return (a->i > b->i) - (a->i < b->i);
    if (a->is_int)
        return cmp_int_float(a->i, b->f);
    if (b->is_int)
        return -cmp_int_float(b->i, a->f);
    return (a->f > b->f) - (a->f < b->f);
}

/* Reads the key at the top of the stack into k; raises for a key of a
 * type pairs() cannot order. */
static void read_key(lua_State *L, sort_key *k)
{
    memset(k, 0, sizeof *k);
    switch (lua_type(L, -1)) {
    case LUA_TNUMBER:
        k->is_int = lua_isinteger(L, -1);
        if (k->is_int)
            k->i = lua_tointeger(L, -1);
        else
            k->f = lua_tonumber(L, -1);
        break;
    case LUA_TSTRING:
        k->rank = 1;
        k->s = lua_tolstring(L, -1, &k->len);
        break;
    case LUA_TBOOLEAN:
        k->rank = 2;
        k->i = lua_toboolean(L, -1);
        break;
    default:
        luaL_error(L, "pairs: cannot order keys of type %s",
                   luaL_typename(L, -1));
    }
}

/* Sorts keys[0..n) (scratch: room for n more), a bottom-up merge sort,
 * each pass over the keys charged. */
static void merge_sort(lua_State *L, sort_key *keys, sort_key *scratch,
                       size_t n)
{
    sort_key *src = keys, *dst = scratch, *t;
    size_t width, lo, a, b, k, mid, hi;
    for (width = 1; width < n; width *= 2) {
        sbx_charge(L, n);
        for (lo = 0; lo < n; lo += 2 * width) {
            mid = lo + width < n ? lo + width : n;
            hi = lo + 2 * width < n ? lo + 2 * width : n;
            for (a = lo, b = mid, k = lo; k < hi; k++)
                dst[k] = a < mid && (b >= hi || cmp_keys(&src[b], &src[a]) >= 0)
                             ? src[a++] : src[b++];
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != keys)
        memcpy(keys, src, n * sizeof *keys);
}

/* Tables of at most this many keys are sorted on the C stack; larger
 * ones in a userdata, which a Lua error cannot leak. Most tables a plan
 * orders are small (a coverage's terms), and a userdata of twice their
 * keys would be one more allocation and more garbage per pairs(). */
#define SBX_SORT_ON_STACK 16

/* Pushes the keys of the table at `real`, sorted, as a list. */
static void push_sorted_keys(lua_State *L, int real)
{
    sort_key small[2 * SBX_SORT_ON_STACK];
    lua_Integer i;
    size_t n = 0;
    sort_key *keys;
    int list;
    real = lua_absindex(L, real);
    lua_pushnil(L);
    while (lua_next(L, real)) {
        lua_pop(L, 1);
        n++;
    }
    sbx_charge(L, n);
    if (n <= SBX_SORT_ON_STACK) {
        keys = small;
        lua_pushnil(L); /* in the userdata's place */
    } else {
        keys = lua_newuserdatauv(L, sizeof *keys * 2 * n, 0);
    }
    lua_createtable(L, n < INT32_MAX ? (int)n : 0, 0); /* in table order */
    list = lua_gettop(L);
    i = 0;
    lua_pushnil(L);
    while (lua_next(L, real)) {
        sort_key *k = &keys[i];
        lua_pop(L, 1);
        read_key(L, k);
        k->slot = ++i;
        lua_pushvalue(L, -1);
        lua_rawseti(L, list, i); /* anchors the strings k points into */
    }
    merge_sort(L, keys, keys + n, n);
    lua_createtable(L, n < INT32_MAX ? (int)n : 0, 0);
    for (i = 0; i < (lua_Integer)n; i++) {
        lua_rawgeti(L, list, keys[i].slot);
        lua_rawseti(L, -2, i + 1);
    }
    lua_replace(L, list - 1); /* over the userdata or nil */
    lua_settop(L, list - 1);
}

/* The control value that starts an iteration of a frozen proxy: a key
 * no table can hold (a light userdata of this file's own address). */
static const char start_key;

/* pairs() of a proxy with frozen keys. Upvalue 1: the successor of each
 * key in order, {[start] = first, [k1] = k2, ...}; upvalue 2: the real
 * table; upvalue 3: the keys in order, as a list. Nothing is allocated per iteration or per loop. */
static int frozen_next(lua_State *L)
{
    if (lua_gettop(L) != 2) /* a generic for passes exactly two */
        lua_settop(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNIL)
        return 1;
    lua_pushvalue(L, -1);
    lua_rawget(L, lua_upvalueindex(2));
    return 2;
}

void sbx_freeze_keys(lua_State *L, int proxy)
{
    lua_Integer i, n;
    int real, keys;
    proxy = lua_absindex(L, proxy);
    lua_getmetatable(L, proxy);
    lua_getfield(L, -1, "__index");
    real = lua_gettop(L);
    push_sorted_keys(L, real);
    keys = lua_gettop(L);
    n = (lua_Integer)lua_rawlen(L, keys);
    lua_createtable(L, 0, (int)n + 1); /* the successors */
    lua_pushlightuserdata(L, (void *)&start_key);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, keys, i);
        lua_pushvalue(L, -1);
        lua_insert(L, -3);
        lua_rawset(L, -4); /* succ[previous] = key i; key i stays on top */
    }
    lua_pop(L, 1);
    lua_pushvalue(L, real);
    lua_pushvalue(L, keys); /* for sbx_push_ordered */
    lua_pushcclosure(L, frozen_next, 3);
    lua_setfield(L, real - 1, KEYS_MARK);
    lua_settop(L, real - 2);
}

/* For a proxy with frozen keys at idx: pushes its metatable and its
 * frozen_next iterator and returns 1. Else returns 0, the stack as it
 * was. */
static int push_frozen_iterator(lua_State *L, int idx)
{
    int top = lua_gettop(L);
    if (lua_getmetatable(L, idx) &&
        lua_getfield(L, -1, KEYS_MARK) == LUA_TFUNCTION &&
        lua_tocfunction(L, -1) == frozen_next)
        return 1;
    lua_settop(L, top);
    return 0;
}

void sbx_push_ordered(lua_State *L, int idx)
{
    int top = lua_gettop(L);
    idx = lua_absindex(L, idx);
    if (push_frozen_iterator(L, idx)) {
        lua_getupvalue(L, -1, 3);
        lua_getupvalue(L, -2, 2);
        lua_copy(L, -2, top + 1);
        lua_copy(L, -1, top + 2);
        lua_settop(L, top + 2);
        return;
    }
    sbx_push_iterable(L, idx);
    push_sorted_keys(L, top + 1);
    lua_rotate(L, top + 1, 1); /* the keys below the table */
}

static int ordered_next(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(3)) + 1;
    lua_pushinteger(L, i);
    lua_replace(L, lua_upvalueindex(3));
    if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
        return 1;
    lua_pushvalue(L, -1);
    lua_rawget(L, lua_upvalueindex(2));
    return 2;
}

int sbx_pairs(lua_State *L)
{
    int real;
    luaL_checktype(L, 1, LUA_TTABLE);
    if (push_frozen_iterator(L, 1)) {
        lua_pushnil(L);
        lua_pushlightuserdata(L, (void *)&start_key);
        return 3;
    }
    lua_settop(L, 1);
    sbx_push_iterable(L, 1);
    real = lua_gettop(L);
    push_sorted_keys(L, real);
    lua_pushvalue(L, real);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, ordered_next, 3);
    return 1;
}
