/* sandbox.c - the plan interpreter: the limits on instructions and time
 * (the count hook and the ticks' call), and an environment built from an
 * allow-list (never luaL_openlibs). Shared tables are read-only proxies.
 * The allocator and its memory budget are in sandbox_alloc.c. */
#include "sandbox_int.h"

#include <lualib.h>
#include <stdlib.h>
#include <string.h>

static int past_deadline(const sbx *s)
{
    struct timespec now;
    if (!s->lim.max_milliseconds)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > s->deadline.tv_sec ||
           (now.tv_sec == s->deadline.tv_sec &&
            now.tv_nsec >= s->deadline.tv_nsec);
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* Marks limit `kind` as passed and raises its error. From then on the
 * hook fires at every instruction and fails again, so neither pcall nor
 * an error handler can swallow it. */
static int trip(lua_State *L, sbx *s, int kind)
{
    if (s->tripped == SBX_TRIP_NONE) {
        s->tripped = kind;
        lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    }
    return luaL_error(L, "%s limit exceeded",
                      s->tripped == SBX_TRIP_TIME ? "time" : "instruction");
}

/* Every SBX_HOOK_STEP instructions: the instruction budget and the
 * deadline. */
static void count_hook(lua_State *L, lua_Debug *ar)
{
    sbx *s = sbx_of(L);
    (void)ar;
    if (!s->in_quote)
        return;
    s->instructions += SBX_HOOK_STEP;
    if (s->tripped != SBX_TRIP_NONE)
        trip(L, s, s->tripped);
    else if (s->lim.max_instructions &&
             s->instructions > s->lim.max_instructions)
        trip(L, s, SBX_TRIP_INSTRUCTIONS);
    else if (past_deadline(s))
        trip(L, s, SBX_TRIP_TIME);
}

void sbx_count_instructions(lua_State *L)
{
    lua_sethook(L, count_hook, LUA_MASKCOUNT, SBX_HOOK_STEP);
}

int sbx_tick(lua_State *L)
{
    sbx *s = sbx_of(L);
    if (!s->in_quote) {
        lua_pushinteger(L, SBX_TICK_CHUNK - 1);
        return 1;
    }
    s->steps += SBX_TICK_CHUNK;
    if (s->tripped != SBX_TRIP_NONE)
        return trip(L, s, s->tripped);
    if (past_deadline(s))
        return trip(L, s, SBX_TRIP_TIME);
    if (s->lim.max_instructions && !s->counting &&
        s->steps >= SBX_UNCOUNTED_STEPS) {
        s->counting = 1; /* the hook checks the deadline from now on */
        sbx_count_instructions(L);
    }
    lua_pushinteger(L, s->counting ? LUA_MAXINTEGER / 2 : SBX_TICK_CHUNK - 1);
    return 1;
}

void sbx_start_clock(sbx *s)
{
    uint32_t ms = s->lim.max_milliseconds;
    clock_gettime(CLOCK_MONOTONIC, &s->deadline);
    s->deadline.tv_sec += ms / 1000;
    s->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (s->deadline.tv_nsec >= 1000000000L) {
        s->deadline.tv_sec++;
        s->deadline.tv_nsec -= 1000000000L;
    }
}

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

sbx *sbx_new(const plan_limits *limits)
{
    sbx *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->lim = *limits;
    s->shared_ref = LUA_NOREF;
    res_init(&s->shared_res);
    s->L = lua_newstate(sbx_alloc, s);
    if (!s->L) { /* what it allocated before failing went to the pool */
        sbx_free(s);
        return NULL;
    }
    *(sbx **)lua_getextraspace(s->L) = s;
    lua_pushcfunction(s->L, setup);
    lua_pushlightuserdata(s->L, s);
    if (lua_pcall(s->L, 1, 0, 0) != LUA_OK) {
        sbx_free(s);
        return NULL;
    }
    return s;
}

void sbx_free(sbx *s)
{
    if (!s)
        return;
    if (s->L)
        lua_close(s->L);
    sbx_pool_free(s);
    sbx_decl_views_free(s);
    free(s->plans);
    res_dispose(&s->shared_res);
    free(s);
}

void sbx_require_quote(lua_State *L, const char *fname)
{
    if (!sbx_of(L)->res)
        luaL_error(L, "%s() can only be called while rating, inside rate()",
                   fname);
}
