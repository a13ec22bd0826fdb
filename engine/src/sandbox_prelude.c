/* sandbox_prelude.c - plans read the sandbox's functions as constants,
 * and count their steps.
 *
 * A plan is compiled as
 *     local _ratel_tick <const>, _ratel_budget = ..., 0; local lookup
 *     <const>, ... = lookup, ...; return function(...) PLAN
 *     end
 * (the prelude on the plan's first line, so line numbers hold), where
 * PLAN is the plan with ticks (sandbox_ticks.c) when the engine has an
 * instruction or time limit. Every name the sandbox provides becomes a
 * constant local of an outer chunk that runs once, in the sandbox's
 * globals; the plan's main function is the function it returns. Reading
 * `lookup` is then an upvalue access instead of a miss in the quote's
 * globals and a fall-through, and since no code can assign a constant,
 * those upvalues need no restoring between quotes. A plan that assigns to
 * one of the names (`function round() ... end`), or has too many
 * top-level locals, is compiled without the constants; one that still
 * does not compile is compiled as written, to report Lua's own error. */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Pushes the prelude: "local _ratel_tick <const>, _ratel_budget = ...,
 * 0; " when `ticks` (sandbox_ticks.c), "local a <const>, b <const> = a,
 * b; " for the names in the base environment when `consts` (sorted, so
 * the text is the same in every process), then "return function(...) ". */
static void push_prelude(lua_State *L, int base, int consts, int ticks)
{
    const char *names[SBX_MAX_PRELUDE];
    size_t n = 0, i;
    luaL_Buffer b;
    if (consts) {
        lua_pushnil(L);
        while (lua_next(L, base)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING && n < SBX_MAX_PRELUDE)
                names[n++] = lua_tostring(L, -1); /* anchored by the table */
        }
    }
    qsort(names, n, sizeof *names, by_name);
    luaL_buffinit(L, &b);
    if (ticks)
        luaL_addstring(&b, "local _ratel_tick <const>, _ratel_budget = "
                           "..., 0; ");
    for (i = 0; i < n; i++) {
        luaL_addstring(&b, i ? ", " : "local ");
        luaL_addstring(&b, names[i]);
        luaL_addstring(&b, " <const>");
    }
    for (i = 0; i < n; i++) {
        luaL_addstring(&b, i ? ", " : " = ");
        luaL_addstring(&b, names[i]);
    }
    luaL_addstring(&b, n ? "; return function(...) " : "return function(...) ");
    luaL_pushresult(&b);
}
typedef struct {
    const char *part[3];
    size_t len[3];
    int next;
} parts_reader;

static const char *read_parts(lua_State *L, void *ud, size_t *size)
{
    parts_reader *r = ud;
    (void)L;
    if (r->next == 3)
        return NULL;
    *size = r->len[r->next];
    return r->part[r->next++];
}

/* The index of the upvalue `want` of the function at f, or 0. */
static int upvalue_named(lua_State *L, int f, const char *want)
{
    const char *name;
    int i;
    for (i = 1; (name = lua_getupvalue(L, f, i)) != NULL; i++) {
        lua_pop(L, 1);
        if (strcmp(name, want) == 0)
            return i;
    }
    return 0;
}

/* Compiles body[0..len) wrapped in the prelude (parts 0 and 2 of r). */
static int load_parts(lua_State *L, parts_reader *r, const char *body,
                      size_t len, const plan_def *p)
{
    r->part[1] = body;
    r->len[1] = len;
    r->next = 0;
    return lua_load(L, read_parts, r, p->chunkname, "t");
}

/* Compiles the plan wrapped in the prelude and, once its compiled code
 * shows that the plan's text stayed inside the prelude's function
 * (sandbox_verify.c), runs the outer chunk in the base environment;
 * pushes the plan's main function and returns its _ENV index, or returns
 * 0 with nothing pushed when it does not compile or escapes. */
static int compile_wrapped(lua_State *L, sbx *s, const plan_def *p,
                           int consts, int ticks, sbx_bytecode *bc)
{
    parts_reader r;
    int top = lua_gettop(L), base, outer, up;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->env_mt_ref);
    lua_getfield(L, -1, "__index");
    base = lua_gettop(L);
    push_prelude(L, base, consts, ticks);
    r.part[0] = lua_tolstring(L, -1, &r.len[0]);
    r.part[2] = "\nend";
    r.len[2] = 4;
    if (load_parts(L, &r, ticks ? p->ticked : p->source,
                   ticks ? p->ticked_len : p->source_len, p) != LUA_OK ||
        load_parts(L, &r, " ", 1, p) != LUA_OK || /* (a reader's empty
                                                      part ends the text) */
        sbx_check_bytecode(L, -2, -1, ticks, bc) != 0) {
        lua_settop(L, top);
        return 0;
    }
    lua_pop(L, 1); /* the prelude alone */
    outer = lua_gettop(L);
    lua_pushvalue(L, base);
    lua_setupvalue(L, outer, 1); /* the outer chunk reads the base globals */
    if (ticks)
        lua_pushcfunction(L, sbx_tick);
    lua_call(L, ticks, 1);
    up = upvalue_named(L, -1, "_ENV");
    if (up == 0) { /* a plan that names no global at all */
        lua_settop(L, top);
        return 0;
    }
    lua_replace(L, top + 1);
    lua_settop(L, top + 1);
    return up;
}

int sbx_compile_plan(lua_State *L, sbx *s, const plan_def *p,
                     sbx_bytecode *bc)
{
    int ticks = (s->lim.max_instructions || s->lim.max_milliseconds) &&
                p->ticked;
    int consts, up;
    for (consts = 1; consts >= 0; consts--) {
        up = compile_wrapped(L, s, p, consts, ticks, bc);
        if (up)
            return up;
    }
    /* as written (counted by the hook); a syntax error is then reported
       as Lua gives it for the plan alone */
    if (luaL_loadbufferx(L, p->source, p->source_len, p->chunkname, "t") !=
        LUA_OK)
        lua_error(L);
    sbx_check_bytecode(L, -1, 0, 0, bc);
    return 1; /* a main chunk's only upvalue is its _ENV */
}

void sbx_push_prelude_ids(lua_State *L, int f)
{
    const char *name;
    int i;
    f = lua_absindex(L, f);
    lua_newtable(L);
    for (i = 1; (name = lua_getupvalue(L, f, i)) != NULL; i++) {
        lua_pop(L, 1);
        if (strcmp(name, "_ENV") == 0)
            continue; /* _ratel_budget is skipped too: set per quote */
        lua_pushlightuserdata(L, lua_upvalueid(L, f, i));
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
    }
}
