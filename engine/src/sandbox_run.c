/* sandbox_run.c - running a plan: compile once per interpreter, then for
 * each quote run the chunk in fresh globals and call its rate(d). */
#include "sandbox_int.h"

#include "options.h"

#include <stdlib.h>
#include <string.h>

/* Message handler: keeps the error text and finds the plan line. */
static int on_error(lua_State *L)
{
    sbx *s = sbx_of(L);
    lua_Debug ar;
    int level;
    for (level = 0; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar))
            continue;
        if (ar.currentline > 0 && s->chunkname &&
            strcmp(ar.source, s->chunkname) == 0) {
            s->err_line = ar.currentline;
            break;
        }
    }
    if (lua_type(L, 1) != LUA_TSTRING) {
        const char *t = luaL_typename(L, 1);
        lua_pushfstring(L, "error object is a %s value", t);
    }
    return 1;
}

/* The plan's slot in this interpreter, made on first use. */
static sbx_plan *plan_slot(lua_State *L, sbx *s, const plan_def *p)
{
    size_t i;
    if (p->index >= s->nplans) {
        size_t n = p->index + 1;
        sbx_plan *np = realloc(s->plans, n * sizeof *np);
        if (!np)
            luaL_error(L, "not enough memory");
        for (i = s->nplans; i < n; i++) {
            np[i].chunk_ref = np[i].env_ref = np[i].record_ref = LUA_NOREF;
            np[i].quote_mt_ref = np[i].rate_ref = np[i].shared_ref = LUA_NOREF;
            np[i].group_ref = LUA_NOREF;
            np[i].quote_env_ref = LUA_NOREF;
            np[i].env_up = 1;
            np[i].budget_up = 0;
            np[i].tnames = NULL;
            np[i].ntables = 0;
            np[i].names_ref = LUA_NOREF;
        }
        s->plans = np;
        s->nplans = n;
    }
    return &s->plans[p->index];
}

/* Compiles the plan, anchoring the interned names of its tables. */
static void compile(lua_State *L, sbx_plan *sp, const plan_def *p)
{
    const char **names;
    size_t i;
    sp->env_up = sbx_compile_plan(L, sbx_of(L), p, &sp->budget_up);
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
 * full step budget, or the count hook for a plan compiled without ticks.
 * finish() turns the hook off again. */
static void arm_limits(lua_State *L, const sbx_plan *sp, int f)
{
    sbx *s = sbx_of(L);
    f = lua_absindex(L, f);
    if (sp->budget_up) {
        lua_pushinteger(L, SBX_TICK_CHUNK - 1);
        lua_setupvalue(L, f, sp->budget_up);
    } else if (s->lim.max_instructions || s->lim.max_milliseconds) {
        sbx_count_instructions(L);
    }
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

/* Runs the plan's top level once in its own globals, checks it defines
 * rate(), and freezes what it made. */
static void load_plan(lua_State *L, sbx *s, sbx_plan *sp, const plan_def *p)
{
    int env;
    if (sp->chunk_ref != LUA_NOREF) { /* an earlier load failed half-way */
        luaL_unref(L, LUA_REGISTRYINDEX, sp->chunk_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->names_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->record_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->rate_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->shared_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->group_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->quote_mt_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, sp->quote_env_ref);
        sp->chunk_ref = sp->names_ref = sp->record_ref = LUA_NOREF;
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
    arm_limits(L, sp, -1);
    lua_call(L, 0, 0);
    if (lua_getfield(L, env, "rate") != LUA_TFUNCTION)
        luaL_error(L, "%s: the plan defines no function rate(d)", p->path);
    lua_pop(L, 1);
    sbx_freeze_plan(L, env, env + 1, p->assigned);
    lua_remove(L, env + 1); /* the prelude's ids */
    sp->record_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, env, "rate");
    sp->rate_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, env, "shared");
    sp->shared_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, env, "rate_group");
    sp->group_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    flat_globals(L, s, env);
    sp->quote_mt_ref = sbx_ref_fallthrough(L, -1);
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    sp->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, env - 2);
}

/* The plan, loaded in this interpreter if it was not yet. */
static sbx_plan *plan_loaded(lua_State *L, sbx *s, const plan_def *p)
{
    sbx_plan *sp = plan_slot(L, s, p);
    if (sp->env_ref == LUA_NOREF)
        load_plan(L, s, sp, p);
    return sp;
}

/* Fresh globals for a quote (reads fall through to the plan's frozen
 * globals, writes stay in the quote's), and the plan's upvalues as they
 * were after its top level ran. The last quote's globals are reused when
 * it wrote none: nothing of it can reach the next quote. */
static void fresh_state(lua_State *L, sbx_plan *sp)
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
    arm_limits(L, sp, -1);
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->record_ref);
    sbx_restore_plan(L, -1);
    lua_pop(L, 1);
}

/* Calls the plan's optional shared(d) with the declaration proxy on top
 * and pushes what it returned (nil when the plan has no shared). */
static void call_shared(lua_State *L, sbx *s, const sbx_plan *sp)
{
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, sp->shared_ref) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return;
    }
    s->in_shared = 1;
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1);
    s->in_shared = 0;
}

/* The plan of the run, loaded, in a fresh state on an empty stack. */
static sbx_plan *ready_plan(lua_State *L, sbx *s)
{
    sbx_plan *sp;
    lua_settop(L, 0);
    sp = plan_loaded(L, s, s->plan);
    fresh_state(L, sp);
    return sp;
}

/* Shows the declaration and calls the plan's optional shared(d) once. */
static int start_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = ready_plan(L, s);
    sbx_decl_push(s, s->decl);
    call_shared(L, s, sp);
    if (lua_type(L, -1) == LUA_TTABLE && s->menu_options > 1)
        sbx_make_readonly(L); /* one option must not change the next's */
    s->shared_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* One option: fresh state, this option's request, rate(d, shared). */
static int option_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = &s->plans[s->plan->index];
    lua_settop(L, 0);
    fresh_state(L, sp);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->rate_ref);
    sbx_decl_push(s, s->decl); /* writes what the option changed */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->shared_ref);
    lua_call(L, 2, 0);
    return 0;
}

/* A single quote: the declaration, shared(d) and rate(d, shared) in one
 * fresh state. */
static int quote_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = ready_plan(L, s);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->rate_ref);
    sbx_decl_push(s, s->decl);
    call_shared(L, s, sp);
    lua_call(L, 2, 0);
    return 0;
}

/* A group: the plan's rate_group(d, members) in a fresh state, the
 * companies already rated on their own (sbx_push_members). */
static int group_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = ready_plan(L, s);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->group_ref);
    sbx_decl_push(s, s->decl);
    sbx_push_members(L, s->group);
    lua_call(L, 2, 0);
    return 0;
}

/* A syntax error has no stack frame: its line is in "path:LINE: ...". */
static int line_in_message(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (strncmp(msg, path, n) == 0 && msg[n] == ':')
        return atoi(msg + n + 1);
    return 0;
}

static void begin(sbx *s, const plan_def *p, rate_result *r)
{
    char here;
    s->stack_base = &here; /* the frames below the pcall are the plan's */
    s->plan = p;
    s->res = r;
    s->chunkname = p->chunkname;
    s->err_line = 0;
    s->instructions = 0;
    s->steps = 0;
    s->counting = 0;
    s->mem_tripped = 0;
    s->tripped = SBX_TRIP_NONE;
    s->in_shared = 0;
    s->quote_base = s->used;
    if (s->lim.max_milliseconds)
        sbx_start_clock(s);
    s->in_quote = 1;
}

/* Ends a run: turns a failed pcall into an error on e and puts the
 * interpreter back in shape for the next quote. */
static int finish(sbx *s, int status, ratel_err *e)
{
    lua_State *L = s->L;
    int rc = RATEL_OK;
    s->in_quote = 0;
    if (status != LUA_OK || s->mem_tripped) {
        /* a memory error caught by the plan's pcall still fails the quote */
        const char *msg = status != LUA_OK ? lua_tostring(L, -1) : NULL;
        if (s->tripped == SBX_TRIP_INSTRUCTIONS)
            rc = err_set(e, RATEL_ELIMIT, "%s: instruction limit of %llu "
                         "exceeded", s->plan->path,
                         (unsigned long long)s->lim.max_instructions);
        else if (s->tripped == SBX_TRIP_TIME)
            rc = err_set(e, RATEL_ELIMIT, "%s: time limit of %u ms "
                         "exceeded", s->plan->path,
                         (unsigned)s->lim.max_milliseconds);
        else if (s->mem_tripped || status == LUA_ERRMEM)
            rc = err_set(e, RATEL_ELIMIT, "%s: memory limit of %zu bytes "
                         "exceeded", s->plan->path, s->lim.max_memory);
        else if (msg && strncmp(msg, s->plan->path, strlen(s->plan->path)))
            rc = err_set(e, RATEL_ESCRIPT, "%s: %s", s->plan->path, msg);
        else
            rc = err_set(e, RATEL_ESCRIPT, "%s", msg ? msg : "error");
        sbx_clean_message(e->message);
        if (!s->err_line && msg)
            s->err_line = line_in_message(msg, s->plan->path);
        err_set_where(e, s->plan->path, s->err_line);
    }
    if (lua_gethookmask(L))
        lua_sethook(L, NULL, 0, 0);
    lua_settop(L, 0);
    if (rc != RATEL_OK)
        lua_gc(L, LUA_GCCOLLECT);
    s->res = NULL;
    return rc;
}

/* Runs `main` in protection, its errors turned into e by finish(). */
static int run_main(sbx *s, lua_CFunction main, ratel_err *e)
{
    lua_State *L = s->L;
    lua_settop(L, 0);
    lua_pushcfunction(L, on_error);
    lua_pushcfunction(L, main);
    return finish(s, lua_pcall(L, 0, 0, 1), e);
}

int sbx_menu_start(sbx *s, const plan_def *p, const tbl_table *const *tables,
                   const struct ratel_decl *d, size_t noptions,
                   ratel_err *e)
{
    int rc;
    res_reset(&s->shared_res, 0);
    begin(s, p, &s->shared_res);
    s->tables = tables;
    s->decl = d;
    s->menu_options = noptions;
    s->shared_ref = LUA_NOREF;
    rc = run_main(s, start_main, e);
    if (rc)
        sbx_menu_end(s);
    return rc;
}

int sbx_menu_rate(sbx *s, const struct ratel_decl *d, rate_result *r,
                  ratel_err *e)
{
    begin(s, s->plan, r);
    s->decl = d;
    r->tables_used |= s->shared_res.tables_used;
    return run_main(s, option_main, e);
}

void sbx_menu_end(sbx *s)
{
    luaL_unref(s->L, LUA_REGISTRYINDEX, s->shared_ref);
    s->shared_ref = LUA_NOREF;
    s->plan = NULL;
    s->decl = NULL;
    s->tables = NULL;
}

int sbx_rate_group(sbx *s, const plan_def *p, const tbl_table *const *tables,
                   const struct ratel_decl *d, group_members *g,
                   rate_result *r, ratel_err *e)
{
    int rc;
    begin(s, p, r);
    s->tables = tables;
    s->decl = d;
    s->group = g;
    s->menu_options = 1;
    s->shared_ref = LUA_NOREF;
    rc = run_main(s, group_main, e);
    s->group = NULL;
    sbx_menu_end(s);
    return rc;
}

int sbx_rate(sbx *s, const plan_def *p, const tbl_table *const *tables,
             const struct ratel_decl *d, rate_result *r, ratel_err *e)
{
    int rc;
    begin(s, p, r);
    s->tables = tables;
    s->decl = d;
    s->menu_options = 1;
    s->shared_ref = LUA_NOREF;
    rc = run_main(s, quote_main, e);
    sbx_menu_end(s);
    return rc;
}

/* Copies the string field `key` of the table at `t` into *out. */
static int meta_string(lua_State *L, int t, const char *key, char **out,
                       const plan_def *p, ratel_err *e)
{
    size_t len;
    const char *v;
    if (lua_getfield(L, t, key) != LUA_TSTRING ||
        (v = lua_tolstring(L, -1, &len), len == 0) ||
        !sbx_clean_utf8(v, len)) {
        lua_pop(L, 1);
        return err_set(e, RATEL_EPLAN, "%s: plan.%s must be a non-empty "
                       "UTF-8 string", p->path, key);
    }
    *out = strdup(v);
    lua_pop(L, 1);
    return *out ? RATEL_OK : err_set(e, RATEL_ENOMEM, "out of memory");
}

/* Copies the list of strings plan[key] into *out (required or optional). */
static int meta_list(lua_State *L, int t, const char *key, int required,
                     char ***out, size_t *n, const plan_def *p, ratel_err *e)
{
    size_t i, len;
    int type = lua_getfield(L, t, key);
    if (type == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return RATEL_OK;
    }
    if (type != LUA_TTABLE)
        return err_set(e, RATEL_EPLAN, "%s: plan.%s must be a list of "
                       "strings", p->path, key);
    len = (size_t)luaL_len(L, -1); /* a read-only proxy: not raw */
    *out = calloc(len ? len : 1, sizeof **out);
    if (!*out)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (i = 0; i < len; i++) {
        size_t slen;
        const char *sv;
        if (lua_geti(L, -1, (lua_Integer)i + 1) != LUA_TSTRING ||
            (sv = lua_tolstring(L, -1, &slen), !sbx_clean_utf8(sv, slen)))
            return err_set(e, RATEL_EPLAN, "%s: plan.%s[%zu] must be a "
                           "UTF-8 string", p->path, key, i + 1);
        (*out)[i] = strdup(lua_tostring(L, -1));
        lua_pop(L, 1);
        if (!(*out)[i])
            return err_set(e, RATEL_ENOMEM, "out of memory");
        *n = i + 1;
    }
    lua_pop(L, 1);
    return RATEL_OK;
}

static const char *const option_fields[] = {
    "liability_limit", "expense_limit", "bi_limit", "bi_waiting_hours",
    "deductible", "coinsurance_pct"};

/* The message of a failed call at load, or the limit it hit. */
static const char *s_tripped_text(lua_State *L, const char *msg)
{
    sbx *s = sbx_of(L);
    if (s->tripped == SBX_TRIP_INSTRUCTIONS)
        return "instruction limit exceeded";
    if (s->tripped == SBX_TRIP_TIME)
        return "time limit exceeded";
    if (s->mem_tripped)
        return "memory limit exceeded";
    return msg ? msg : "error";
}

/* Adds the value on top of the stack at `path` to the plan's last
 * option: an integer, a number, a boolean or a string. */
static int option_value(lua_State *L, plan_def *p, const char *path,
                        size_t i, ratel_err *e)
{
    int rc;
    switch (lua_type(L, -1)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1))
            rc = opt_put(p->options, path, OPT_INT,
                         (int64_t)lua_tointeger(L, -1), 0, NULL, e);
        else
            rc = opt_put(p->options, path, OPT_NUMBER, 0,
                         lua_tonumber(L, -1), NULL, e);
        break;
    case LUA_TBOOLEAN:
        rc = opt_put(p->options, path, OPT_BOOL, lua_toboolean(L, -1), 0,
                     NULL, e);
        break;
    case LUA_TSTRING:
        rc = opt_put(p->options, path, OPT_STRING, 0, 0,
                     lua_tostring(L, -1), e);
        break;
    default:
        return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu]: %s must be a "
                       "number, a boolean or a string", p->path, i, path);
    }
    if (rc == RATEL_EARG)
        return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu]: %s", p->path,
                       i, e->message);
    return rc;
}

/* One option, on top of the stack: {name = ..., set = {[path] = value},
 * or the request shorthands liability_limit = ..., ...}. */
static int meta_option(lua_State *L, plan_def *p, size_t i, ratel_err *e)
{
    const char *name = NULL;
    size_t len;
    int k, rc;
    if (lua_getfield(L, -1, "name") == LUA_TSTRING &&
        (name = lua_tolstring(L, -1, &len), !sbx_clean_utf8(name, len)))
        name = NULL;
    rc = opt_add(p->options, name, e);
    lua_pop(L, 1);
    if (rc)
        return rc;
    for (k = 0; k < 6; k++) {
        char path[64];
        if (lua_getfield(L, -1, option_fields[k]) != LUA_TNIL) {
            snprintf(path, sizeof path, "request.%s", option_fields[k]);
            if ((rc = option_value(L, p, path, i, e)))
                return rc;
        }
        lua_pop(L, 1);
    }
    if (lua_getfield(L, -1, "set") == LUA_TNIL) {
        lua_pop(L, 1);
        return RATEL_OK;
    }
    if (!lua_istable(L, -1))
        return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu].set must be a "
                       "table {[path] = value}", p->path, i);
    sbx_push_ordered(L, -1); /* its keys in order, then its values */
    for (k = 1; k <= (int)lua_rawlen(L, -2); k++) {
        const char *path;
        lua_rawgeti(L, -2, k);
        if (!(path = lua_tostring(L, -1)) || lua_type(L, -1) != LUA_TSTRING)
            return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu].set: keys "
                           "are field paths", p->path, i);
        lua_pushvalue(L, -1);
        lua_rawget(L, -3);
        if ((rc = option_value(L, p, path, i, e)))
            return rc;
        lua_pop(L, 2);
    }
    lua_pop(L, 3);
    return RATEL_OK;
}

/* plan.options: the plan's menu, a list of options (or a function
 * returning one, called once here); fields left out keep the
 * declaration's value. */
static int meta_options(lua_State *L, int t, plan_def *p, ratel_err *e)
{
    size_t i, n;
    int rc;
    if (lua_getfield(L, t, "options") == LUA_TNIL) {
        lua_pop(L, 1);
        return RATEL_OK;
    }
    if (lua_type(L, -1) == LUA_TFUNCTION) { /* built once, here at load */
        lua_pushcfunction(L, on_error);
        lua_insert(L, -2);
        if (lua_pcall(L, 0, 1, -2) != LUA_OK) {
            const char *msg = lua_tostring(L, -1);
            return err_set(e, RATEL_EPLAN, "%s: plan.options(): %s", p->path,
                           s_tripped_text(L, msg));
        }
        lua_remove(L, -2);
    }
    if (!lua_istable(L, -1))
        return err_set(e, RATEL_EPLAN, "%s: plan.options must be a list of "
                       "options", p->path);
    n = (size_t)luaL_len(L, -1);
    if (n > OPT_MAX_OPTIONS)
        return err_set(e, RATEL_EPLAN, "%s: plan.options has more than "
                       "1,000 options", p->path);
    if (ratel_options_new(&p->options) != RATEL_OK)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (i = 0; i < n; i++) {
        if (lua_geti(L, -1, (lua_Integer)i + 1) != LUA_TTABLE)
            return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu] must be "
                           "a table", p->path, i + 1);
        if ((rc = meta_option(L, p, i + 1, e)))
            return rc;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return RATEL_OK;
}

/* plan.schema: "id" or "id@version" (the least version it needs);
 * absent: the default schema, cyber-sme. */
static int meta_schema(lua_State *L, int t, plan_def *p, ratel_err *e)
{
    const char *v, *at;
    size_t len;
    int type = lua_getfield(L, t, "schema");
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        p->schema_id = strdup(PLAN_DEFAULT_SCHEMA);
        p->schema_version = 1;
        return p->schema_id ? RATEL_OK
                            : err_set(e, RATEL_ENOMEM, "out of memory");
    }
    if (type != LUA_TSTRING || (v = lua_tolstring(L, -1, &len), len == 0) ||
        len > 80)
        return err_set(e, RATEL_EPLAN, "%s: plan.schema must be a schema id, "
                       "\"id\" or \"id@version\"", p->path);
    at = strchr(v, '@');
    p->schema_version = 1;
    if (at) {
        char *end;
        long ver = strtol(at + 1, &end, 10);
        if (*end || ver < 1 || ver > 1000000 || at == v)
            return err_set(e, RATEL_EPLAN, "%s: plan.schema: the version "
                           "after @ must be a positive integer", p->path);
        p->schema_version = (int)ver;
    }
    p->schema_id = strndup(v, at ? (size_t)(at - v) : len);
    lua_pop(L, 1);
    return p->schema_id ? RATEL_OK : err_set(e, RATEL_ENOMEM, "out of memory");
}

static int read_meta(lua_State *L, plan_def *p, ratel_err *e)
{
    int t, rc, type;
    char *date = NULL;
    if (lua_getfield(L, 1, "plan") != LUA_TTABLE)
        return err_set(e, RATEL_EPLAN, "%s: the plan must set a global "
                       "table `plan` (id, insurer, product, version, "
                       "effective_date, tables)", p->path);
    t = lua_gettop(L);
    if ((rc = meta_string(L, t, "id", &p->id, p, e)) ||
        (rc = meta_string(L, t, "insurer", &p->insurer, p, e)) ||
        (rc = meta_string(L, t, "product", &p->product, p, e)) ||
        (rc = meta_string(L, t, "version", &p->version, p, e)) ||
        (rc = meta_string(L, t, "effective_date", &date, p, e)))
        return rc;
    rc = decl_date_parse(date, strlen(date), &p->effective);
    if (rc == 0)
        memcpy(p->effective_str, date, 11);
    free(date);
    if (rc)
        return err_set(e, RATEL_EPLAN, "%s: plan.effective_date must be a "
                       "date YYYY-MM-DD", p->path);
    if ((rc = meta_list(L, t, "tables", 1, &p->tables, &p->ntables, p, e)) ||
        (rc = meta_list(L, t, "services", 0, &p->services, &p->nservices, p,
                        e)) ||
        (rc = meta_list(L, t, "exclusions", 0, &p->exclusions,
                        &p->nexclusions, p, e)))
        return rc;
    if ((rc = meta_schema(L, t, p, e)) || (rc = meta_options(L, t, p, e)))
        return rc;
    type = lua_getfield(L, t, "default");
    if (type != LUA_TNIL && type != LUA_TBOOLEAN)
        return err_set(e, RATEL_EPLAN, "%s: plan.default must be true or "
                       "false", p->path);
    p->is_default = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (p->ntables > 64)
        return err_set(e, RATEL_EPLAN, "%s: a plan may declare at most 64 "
                       "tables", p->path);
    if (lua_getfield(L, 1, "rate") != LUA_TFUNCTION)
        return err_set(e, RATEL_EPLAN, "%s: the plan defines no function "
                       "rate(d)", p->path);
    type = lua_getfield(L, 1, "rate_group");
    if (type != LUA_TNIL && type != LUA_TFUNCTION)
        return err_set(e, RATEL_EPLAN, "%s: rate_group must be a function "
                       "rate_group(d, members)", p->path);
    p->rates_groups = type == LUA_TFUNCTION;
    return RATEL_OK;
}

/* Loads the plan and reads its metadata, all inside the protected call:
 * the plan table is a read-only proxy, read through metamethods. */
static int inspect_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    plan_def *p = lua_touserdata(L, 1);
    ratel_err *e = lua_touserdata(L, 2);
    lua_settop(L, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, plan_loaded(L, s, p)->env_ref);
    lua_pushinteger(L, read_meta(L, p, e));
    return 1;
}

/* Makes p->ticked, the source with ticks, and p->assigned once per
 * engine and outside the interpreter: their size is no quote's memory. */
static int add_ticks(plan_def *p, ratel_err *e)
{
    buf b, names;
    int rc, line;
    buf_init(&b);
    buf_init(&names);
    buf_putc(&names, ' ');
    line = sbx_add_ticks(&b, &names, p->source, p->source_len);
    if (line) {
        buf_free(&b);
        buf_free(&names);
        if (line < 0)
            return err_set(e, RATEL_ENOMEM, "out of memory");
        rc = err_set(e, RATEL_EPLAN, "%s:%d: names that begin with "
                     "'_ratel_' are reserved for the engine", p->path, line);
        err_set_where(e, p->path, line);
        return rc;
    }
    p->ticked_len = b.len;
    p->ticked = buf_take(&b);
    p->assigned = buf_take(&names);
    return RATEL_OK;
}

int sbx_inspect(sbx *s, plan_def *p, ratel_err *e)
{
    lua_State *L = s->L;
    rate_result none;
    int rc;
    if (!p->ticked && (rc = add_ticks(p, e)))
        return rc;
    res_init(&none);
    begin(s, p, &none);
    s->res = NULL; /* rating functions are not available at load */
    lua_settop(L, 0);
    lua_pushcfunction(L, on_error);
    lua_pushcfunction(L, inspect_main);
    lua_pushlightuserdata(L, p);
    lua_pushlightuserdata(L, e);
    rc = lua_pcall(L, 2, 1, 1);
    if (rc != LUA_OK) {
        rc = finish(s, rc, e);
        if (rc != RATEL_ENOMEM) /* any failure at load: the plan is bad */
            rc = e->code = RATEL_EPLAN;
        return rc;
    }
    rc = (int)lua_tointeger(L, -1);
    finish(s, LUA_OK, e);
    return rc;
}
