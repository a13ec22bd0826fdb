/* sandbox_load.c - a plan in an interpreter: compiled and its top level
 * run once (the plan's load, a run with limits of its own), then for
 * each quote fresh globals and its upvalues put back. */
#include "sandbox_int.h"

#include <stdlib.h>

/* The plan's slot in this interpreter, made on first use. */
sbx_plan *sbx_plan_slot(lua_State *L, sbx *s, const plan_def *p)
{
    size_t i;
    if (p->index >= s->nplans) {
        size_t n = p->index + 1;
        sbx_plan *np = realloc(s->plans, n * sizeof *np);
        if (!np)
            luaL_error(L, "not enough memory");
        for (i = s->nplans; i < n; i++) {
            np[i].chunk_ref = np[i].env_ref = np[i].record_ref = LUA_NOREF;
            np[i].frozen_ref = LUA_NOREF;
            np[i].quote_mt_ref = np[i].rate_ref = np[i].shared_ref = LUA_NOREF;
            np[i].group_ref = LUA_NOREF;
            np[i].quote_env_ref = LUA_NOREF;
            np[i].env_up = 1;
            np[i].budget_up = 0;
            np[i].chunk = 0;
            np[i].longest_string = 0;
            np[i].nul_strings = 0;
            np[i].forward_values = 0;
            np[i].heavy = 0;
            np[i].tnames = NULL;
            np[i].ntables = 0;
            np[i].names_ref = LUA_NOREF;
        }
        s->plans = np;
        s->nplans = n;
    }
    return &s->plans[p->index];
}

/* Compiles the plan, anchoring the interned names of its tables; keeps
 * what its compiled code shows (the names it may assign in s->names). */
static void compile(lua_State *L, sbx_plan *sp, const plan_def *p)
{
    sbx *s = sbx_of(L);
    sbx_bytecode bc;
    const char **names;
    size_t i;
    bc.assigned = &s->names;
    sp->env_up = sbx_compile_plan(L, s, p, &bc);
    sp->budget_up = bc.ticks_hold ? bc.budget_up : 0;
    sp->chunk = SBX_UNCOUNTED / (2 * (bc.longest_run + 1));
    if (sp->chunk < 1)
        sp->budget_up = 0; /* a tick-free run too long: count every one */
    sp->all_assigned = bc.all_assigned;
    sp->longest_string = bc.longest_string;
    sp->nul_strings = bc.nul_strings;
    sp->forward_values = bc.forward_values;
    /* the userdata owns the array; its user value anchors the strings */
    names = lua_newuserdatauv(L, (p->ntables + 1) * sizeof *names, 1);
    lua_createtable(L, (int)p->ntables, 0);
    for (i = 0; i < p->ntables; i++) {
        names[i] = lua_pushstring(L, p->tables[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setiuservalue(L, -2, 1);
    sp->names_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    sp->tnames = names;
    sp->ntables = p->ntables;
    sp->chunk_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* Arms the limits for a run of the plan whose main function is at f: a
 * full step budget and, when the ticks are not proved, the counting hook
 * from the first instruction; a heavy run from the start when its loaded
 * state holds long strings or strings with NUL bytes. finish() turns the
 * hook off. */
static void arm_limits(lua_State *L, const sbx_plan *sp, int f)
{
    sbx *s = sbx_of(L);
    f = lua_absindex(L, f);
    if (!s->lim.max_instructions && !s->lim.max_milliseconds)
        return;
    s->chunk = sp->chunk;
    if (sp->longest_string > s->longest_string)
        s->longest_string = sp->longest_string;
    s->nul_strings |= sp->nul_strings;
    s->forward_values = sp->forward_values;
    if (sp->budget_up) {
        lua_pushinteger(L, sp->chunk - 1);
        lua_setupvalue(L, f, sp->budget_up);
    } else {
        s->counting = 1; /* for the clock alone too: it reads it */
    }
    if (sp->heavy)
        s->heavy = 1;
    sbx_arm_hook(s);
}

/* Pushes one table holding the sandbox's globals and, over them, the
 * plan's frozen globals at `env`: what a quote's globals fall through to,
 * one table away instead of two. Unreachable from the plan (the
 * metatable that refers to it is protected), so never written. */
static void flat_globals(lua_State *L, sbx *s, int env)
{
    int flat, from, pass;
    env = lua_absindex(L, env);
    lua_newtable(L);
    flat = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->env_mt_ref);
    lua_getfield(L, -1, "__index");
    for (pass = 0; pass < 2; pass++) { /* the sandbox's, then the plan's */
        from = pass ? env : flat + 2;
        lua_pushnil(L);
        while (lua_next(L, from)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, flat);
        }
    }
    lua_settop(L, flat);
}

/* A quote sets a global: noted (sbx.globals_set) and set in the quote's
 * globals. */
static int set_global(lua_State *L)
{
    sbx_of(L)->globals_set = 1;
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

/* Compiles s->plan, runs its top level once in its own globals, checks
 * it defines rate(), and freezes what it made: the main of a plan's load
 * run (sandbox_run.c). Records what the loaded state may hold. */
int sbx_load_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    const plan_def *p = s->plan;
    sbx_plan *sp = sbx_plan_slot(L, s, p);
    int env;
    lua_settop(L, 0);
    if (sp->chunk_ref != LUA_NOREF) { /* an earlier load failed half-way */
        luaL_unref(L, LUA_REGISTRYINDEX, sp->chunk_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->names_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->record_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->frozen_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->rate_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->shared_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->group_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->quote_mt_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->quote_env_ref);
        sp->chunk_ref = sp->names_ref = sp->record_ref = LUA_NOREF;
        sp->frozen_ref = LUA_NOREF;
        sp->rate_ref = sp->shared_ref = sp->group_ref = LUA_NOREF;
        sp->quote_mt_ref = sp->quote_env_ref = LUA_NOREF;
    }
    compile(L, sp, p);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->chunk_ref);
    lua_createtable(L, 0, 16);
    env = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->env_mt_ref);
    lua_setmetatable(L, env);
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, env - 1, sp->env_up))
        luaL_error(L, "plan chunk has no environment");
    sbx_push_prelude_ids(L, env - 1);
    lua_pushvalue(L, env - 1);
    s->longest_string = 0; /* what the top level makes (the constants */
    s->nul_strings = 0;    /* are sp's already), not the prelude's text */
    arm_limits(L, sp, -1);
    lua_call(L, 0, 0);
    if (s->longest_string > sp->longest_string)
        sp->longest_string = s->longest_string;
    sp->nul_strings |= s->nul_strings;
    sp->heavy = sbx_state_is_heavy(s, sp->longest_string, sp->nul_strings);
    if (lua_getfield(L, env, "rate") != LUA_TFUNCTION)
        luaL_error(L, "%s: the plan defines no function rate(d)", p->path);
    lua_pop(L, 1);
    sbx_freeze_plan(L, env, env + 1,
                    sp->all_assigned ? NULL : buf_cstr(&s->names));
    lua_remove(L, env + 1); /* the prelude's ids */
    sp->nrecorded = (int)(lua_rawlen(L, -1) / 3);
    sp->record_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    sp->frozen_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, env, "rate");
    sp->rate_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, env, "shared");
    sp->shared_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, env, "rate_group");
    sp->group_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    flat_globals(L, s, env);
    sp->quote_mt_ref = sbx_ref_fallthrough(L, -1);
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->quote_mt_ref);
    lua_pushcfunction(L, set_global);
    lua_setfield(L, -2, "__newindex");
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    sp->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* Fresh globals for a quote (reads fall through to the plan's frozen
 * globals, writes stay in the quote's), and the plan's upvalues as they
 * were after its top level ran. The last quote's globals are reused when
 * it wrote none: nothing of it can reach the next quote. */
void sbx_fresh_state(lua_State *L, sbx_plan *sp)
{
    int reuse = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->chunk_ref);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, sp->quote_env_ref) == LUA_TTABLE) {
        lua_pushnil(L);
        reuse = !lua_next(L, -2); /* empty; else key and value pushed */
        if (!reuse)
            lua_pop(L, 2);
    }
    if (!reuse) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 4);
        lua_rawgeti(L, LUA_REGISTRYINDEX, sp->quote_mt_ref);
        lua_setmetatable(L, -2);
        lua_pushvalue(L, -1);
        if (sp->quote_env_ref == LUA_NOREF)
            sp->quote_env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        else
            lua_rawseti(L, LUA_REGISTRYINDEX, sp->quote_env_ref);
    }
    lua_setupvalue(L, -2, sp->env_up); /* the _ENV the plan's functions share */
    sbx_of(L)->globals_set = 0;
    arm_limits(L, sp, -1);
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->record_ref);
    sbx_restore_plan(L, -1);
    lua_pop(L, 1);
}
