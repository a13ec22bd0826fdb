/* sandbox.c - the plan interpreter: its making, freeing and making anew,
 * and an environment built from an allow-list (never luaL_openlibs).
 * Shared tables are read-only proxies. The limits on instructions and
 * time are in sandbox_limits.c, the allocator and its memory budget in
 * sandbox_alloc.c. */
#include "sandbox_int.h"

#include <lualib.h>
#include <stdlib.h>
#include <string.h>

static int ro_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify a read-only table (field '%s')",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2)
                                                    : "?");
}

/* # on a proxy: the length of the real table behind it. */
static int ro_len_real(lua_State *L)
{
    if (!lua_getmetatable(L, 1))
        return 0;
    lua_getfield(L, -1, "__index");
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

int sbx_ref_fallthrough(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    return luaL_ref(L, LUA_REGISTRYINDEX);
}

void sbx_make_readonly(lua_State *L)
{
    int real = lua_gettop(L);
    lua_createtable(L, 0, 0);            /* proxy */
    lua_createtable(L, 0, 5);            /* its metatable */
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, ro_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, ro_len_real);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, RO_MARK);
    lua_setmetatable(L, -2);
    lua_replace(L, real);
}

/* Raises an error when the C stack used since the quote began passes
 * SBX_MAX_C_STACK: plans can recurse through C (a gsub or sort callback
 * calling gsub again), and Lua's own count of C calls does not bound the
 * bytes those frames take (sanitizer builds triple them). */
void sbx_check_c_stack(lua_State *L)
{
    sbx *s = sbx_of(L);
    char here;
    if (s->stack_base &&
        (size_t)(s->stack_base > &here ? s->stack_base - &here
                                       : &here - s->stack_base) >
            SBX_MAX_C_STACK)
        luaL_error(L, "C stack overflow (recursion through library "
                   "functions)");
}

/* Builds the read-only base environment every quote's globals read from,
 * and the metatable of those per-quote globals. */
static int build_env(lua_State *L, sbx *s)
{
    int base;
    sbx_open_libs(L);
    base = lua_gettop(L);
    sbx_api_register(L);                      /* into the table on top */
    sbx_helpers_register(L);

    /* a plan's globals: reads fall through to base, writes stay local */
    s->env_mt_ref = sbx_ref_fallthrough(L, base);
    lua_settop(L, 0);
    return 0;
}

static int setup(lua_State *L)
{
    sbx *s = lua_touserdata(L, 1);
    lua_settop(L, 0);
    build_env(L, s);
    lua_newtable(L);
    s->maps_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_createtable(L, SBX_TEXT_CACHE, 0);
    s->text_cache_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (sbx_decl_setup(s))
        return luaL_error(L, "cannot set up the declaration tables");
    return 0;
}

/* Makes the interpreter of s (zeroed but for its limits); 0 or -1. */
static int init(sbx *s)
{
    s->shared_ref = LUA_NOREF;
    s->fresh = 1;
    buf_init(&s->names);
    res_init(&s->shared_res);
    s->L = lua_newstate(sbx_alloc, s);
    if (!s->L)
        return -1;
    *(sbx **)lua_getextraspace(s->L) = s;
    lua_pushcfunction(s->L, setup);
    lua_pushlightuserdata(s->L, s);
    return lua_pcall(s->L, 1, 0, 0) == LUA_OK ? 0 : -1;
}

/* Frees what init made. */
static void dispose(sbx *s)
{
    sbx_blocks_free(s);
    if (s->L)
        lua_close(s->L);
    s->L = NULL;
    sbx_pool_free(s);
    sbx_decl_views_free(s);
    buf_free(&s->names);
    free(s->plans);
    res_dispose(&s->shared_res);
}

sbx *sbx_new(const plan_limits *limits)
{
    sbx *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->lim = *limits;
    if (init(s)) {
        sbx_free(s);
        return NULL;
    }
    return s;
}

int sbx_reset(sbx *s)
{
    plan_limits lim = s->lim;
    dispose(s);
    memset(s, 0, sizeof *s);
    s->lim = lim;
    if (init(s) == 0)
        return 0;
    dispose(s); /* s->L NULL: every later call fails with ENOMEM */
    return -1;
}

void sbx_free(sbx *s)
{
    if (!s)
        return;
    dispose(s);
    free(s);
}

void sbx_require_quote(lua_State *L, const char *fname)
{
    if (!sbx_of(L)->res)
        luaL_error(L, "%s() can only be called while rating, inside rate()",
                   fname);
}
