/* sandbox_freeze.c - a plan's top level runs once per context; then its
 * state is frozen: every table reachable from its globals or from the
 * upvalues of its functions becomes a read-only proxy (deeply), and every
 * upvalue is recorded. Before each quote the upvalues are put back, and
 * the quote gets fresh globals, so nothing one quote does is seen by the
 * next. */
#include "sandbox_int.h"

#include <string.h>

/* A freeze in progress: `visited` maps what was frozen to its frozen
 * form; `record` is the upvalue list; `skip` the set of upvalue ids never
 * to record; `assigned` the names the plan may assign to (" a b "), NULL
 * for all: an upvalue of another name is never recorded. */
typedef struct freezer {
    int visited, record, skip;
    const char *assigned;
    int data_only;          /* what shared(d) returned: no functions */
    int *holds_document;    /* ... set when it holds the declaration d */
} freezer;

static void freeze_value(lua_State *L, const freezer *z);

/* Whether the plan may assign to an upvalue of this name. */
static int may_change(const freezer *z, const char *name)
{
    const char *p;
    size_t n = strlen(name);
    if (!z->assigned)
        return 1;
    for (p = strstr(z->assigned, name); p; p = strstr(p + 1, name))
        if (p > z->assigned && p[-1] == ' ' && p[n] == ' ')
            return 1;
    return 0;
}

/* Records upvalue i of the closure at f with the frozen value on top
 * (popped) as the triple f, i, value in the list at `record`. A nil value
 * is stored as the record itself, so the list has no holes. */
static void record_upvalue(lua_State *L, int f, int i, int record)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, record);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushvalue(L, record);
    }
    lua_pushvalue(L, f);
    lua_rawseti(L, record, n + 1);
    lua_pushinteger(L, i);
    lua_rawseti(L, record, n + 2);
    lua_rawseti(L, record, n + 3);
}

/* Freezes the upvalues of the Lua closure at f (once per closure). */
static void freeze_closure(lua_State *L, int f, const freezer *z)
{
    const char *name;
    int i;
    lua_pushvalue(L, f);
    if (lua_rawget(L, z->visited) != LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, f);
    lua_pushboolean(L, 1);
    lua_rawset(L, z->visited);
    for (i = 1; (name = lua_getupvalue(L, f, i)) != NULL; i++) {
        int seen;
        if (strcmp(name, "_ENV") == 0) { /* set per quote instead */
            lua_pop(L, 1);
            continue;
        }
        /* closures share the upvalues of common locals: record each once;
           the prelude's constants never (they cannot change) */
        lua_pushlightuserdata(L, lua_upvalueid(L, f, i));
        seen = lua_rawget(L, z->visited) != LUA_TNIL;
        lua_pop(L, 1);
        lua_pushlightuserdata(L, lua_upvalueid(L, f, i));
        if (lua_rawget(L, z->skip) != LUA_TNIL) {
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        freeze_value(L, z);
        lua_pushvalue(L, -1);
        lua_setupvalue(L, f, i);
        if (seen) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushlightuserdata(L, lua_upvalueid(L, f, i));
        lua_pushboolean(L, 1);
        lua_rawset(L, z->visited);
        if (may_change(z, name))
            record_upvalue(L, f, i, z->record);
        else /* never assigned: its frozen value holds for every quote */
            lua_pop(L, 1);
    }
}

/* Replaces the value on top by its frozen form: a table by a read-only
 * proxy (its fields frozen first, cycles and sharing kept), a Lua
 * function by itself after freezing its upvalues. */
static void freeze_value(lua_State *L, const freezer *z)
{
    int t = lua_gettop(L);
    luaL_checkstack(L, 8, "plan state nested too deeply");
    sbx_check_c_stack(L);
    if (lua_type(L, t) == LUA_TFUNCTION) {
        if (z->data_only)
            luaL_error(L, "shared(d) returned a function in a table: the "
                       "options of a menu share what it returns, so it "
                       "holds values and tables only");
        if (!lua_iscfunction(L, t))
            freeze_closure(L, t, z);
        return;
    }
    if (lua_type(L, t) != LUA_TTABLE)
        return;
    if (lua_getmetatable(L, t)) { /* one of the sandbox's proxies */
        lua_pop(L, 1);
        if (z->data_only && sbx_decl_is_document(L, t))
            *z->holds_document = 1;
        return;
    }
    lua_pushvalue(L, t);
    if (lua_rawget(L, z->visited) != LUA_TNIL) { /* seen: its proxy */
        lua_replace(L, t);
        return;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, t);
    sbx_make_readonly(L);          /* the proxy, at t + 1 */
    lua_pushvalue(L, t);
    lua_pushvalue(L, t + 1);
    lua_rawset(L, z->visited);     /* visited[table] = proxy */
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_type(L, -2) == LUA_TTABLE || lua_type(L, -2) == LUA_TFUNCTION)
            luaL_error(L, "a table %s has a %s as a key; use strings or "
                       "numbers", z->data_only ? "shared(d) returned"
                                               : "at the plan's top level",
                       luaL_typename(L, -2));
        freeze_value(L, z);
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, t);          /* replacing an existing field is allowed */
    }
    lua_replace(L, t);
}

void sbx_freeze_plan(lua_State *L, int env, int skip, const char *assigned)
{
    freezer z;
    env = lua_absindex(L, env);
    z.skip = lua_absindex(L, skip);
    z.assigned = assigned;
    z.data_only = 0;
    lua_newtable(L);
    z.visited = lua_gettop(L);
    lua_newtable(L);
    z.record = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, env)) {
        freeze_value(L, &z);
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, env);
    }
    /* the set visited, then the record list, stay on top */
}

int sbx_freeze_data(lua_State *L)
{
    freezer z;
    int top = lua_gettop(L), holds = 0;
    memset(&z, 0, sizeof z);
    z.data_only = 1;
    z.holds_document = &holds;
    lua_newtable(L);
    z.visited = top + 1;
    lua_pushvalue(L, top);
    freeze_value(L, &z);
    lua_replace(L, top);
    lua_settop(L, top);
    return holds;
}

void sbx_restore_plan(lua_State *L, int record)
{
    lua_Integer i, n = (lua_Integer)lua_rawlen(L, record);
    record = lua_absindex(L, record);
    for (i = 1; i + 2 <= n; i += 3) {
        int up;
        lua_rawgeti(L, record, i);     /* the closure */
        lua_rawgeti(L, record, i + 1); /* which upvalue */
        up = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, record, i + 2); /* its frozen value */
        if (lua_rawequal(L, -1, record)) { /* nil, see record_upvalue */
            lua_pop(L, 1);
            lua_pushnil(L);
        }
        lua_setupvalue(L, -2, up);
        lua_pop(L, 1);
    }
}
