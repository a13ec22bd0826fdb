/* sandbox_run.c - running a plan: its load, then per quote a run in
 * fresh globals that calls its rate(d) (for a menu, its shared(d) once
 * and rate(d, shared) per option; for a group, its rate_group(d,
 * members)).
 *
 * Each is a run with limits of its own (begin/finish): a quote's count,
 * memory and time start after its plan is loaded and its declaration
 * shown, so they never depend on whether this interpreter had loaded the
 * plan before. What can still depend on the interpreter's past is how
 * close to a limit a run comes: garbage of earlier quotes (collected
 * during this one), strings they left interned, the engine's caches, and
 * in a heavy run the hook's period (sandbox_limits.c). So a run that
 * comes near the memory or the instruction limit in an interpreter that
 * ran anything else is run again, within the same deadline, on an
 * interpreter made anew: its outcome, limit or not, is the one a fresh
 * context gives. After a memory or string limit the interpreter is made
 * anew as well, to give its memory back. */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define SBX_MAX_MESSAGE 1024 /* bytes of an error message kept */

int sbx_on_error(lua_State *L)
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
    sbx_decl_hide_coverages(s, 1); /* shown again by finish() on error */
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1);
    sbx_decl_hide_coverages(s, 0);
    s->in_shared = 0;
}

/* The plan of the run in a fresh state, on an empty stack. */
static sbx_plan *ready_plan(lua_State *L, sbx *s)
{
    sbx_plan *sp = &s->plans[s->plan->index];
    lua_settop(L, 0);
    sbx_fresh_state(L, sp);
    return sp;
}

/* Pushes the proxy of the declaration shown before the run (show_main). */
static void push_decl(lua_State *L, const sbx *s)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->view->proxy_ref);
}

/* A menu's start: the plan's optional shared(d), once. */
static int start_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = ready_plan(L, s);
    push_decl(L, s);
    call_shared(L, s, sp);
    if (lua_type(L, -1) == LUA_TTABLE && s->menu_options > 1)
        /* one option must not change the next's */
        s->shared_holds_document = sbx_freeze_data(L);
    s->shared_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* One option of a menu: rate(d, shared); an option that changes more
 * than the coverages gets a shared(d) of its own, as a single quote. */
static int option_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = ready_plan(L, s);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->rate_ref);
    push_decl(L, s);
    if (s->own_shared)
        call_shared(L, s, sp);
    else
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->shared_ref);
    lua_call(L, 2, 0);
    return 0;
}

/* A single quote: shared(d) and rate(d, shared) in one fresh state. */
static int quote_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    sbx_plan *sp = ready_plan(L, s);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->rate_ref);
    push_decl(L, s);
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
    push_decl(L, s);
    sbx_push_members(L, s->group);
    lua_call(L, 2, 0);
    return 0;
}

/* The plan's metadata, read from its loaded globals (sandbox_meta.c)
 * into the plan sbx_inspect was given (s->plan, not const there). */
static int meta_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    plan_def *p = (plan_def *)s->plan;
    lua_settop(L, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->plans[p->index].env_ref);
    s->meta_rc = sbx_read_meta(L, p, s->run_err);
    return 0;
}

/* Shows the declaration (for an option, it writes only what the option
 * changed): the engine's work, outside any run's limits. */
static int show_main(lua_State *L)
{
    sbx *s = sbx_of(L);
    if (s->changed && s->decl != s->menu_decl)
        sbx_decl_push_slots(s, s->decl, s->changed, s->nchanged);
    else
        sbx_decl_push(s, s->decl);
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

/* Starts a run of plan p writing into r (NULL: rating functions are not
 * available): counts from zero, the memory budget from here, a deadline
 * from now unless the run takes over the last one. */
static void begin(sbx *s, const plan_def *p, rate_result *r,
                  int keep_deadline)
{
    char here;
    s->stack_base = &here; /* the frames below the pcall are the plan's */
    s->plan = p;
    s->res = r;
    s->chunkname = p->chunkname;
    s->err_line = 0;
    s->instructions = s->unclocked = 0;
    s->counting = s->heavy = s->refills = 0;
    s->tripped = SBX_TRIP_NONE;
    s->mem_refused = 0;
    s->in_shared = 0;
    s->in_block = 0;
    s->quote_base = s->used;
    s->peak = 0;
    s->next_look = s->used + 1024;
    s->longest_string = 0;
    s->nul_strings = 0;
    s->most_values = 0;
    s->forward_values = 0;
    s->chunk = 0;
    if (s->lim.max_milliseconds && !keep_deadline)
        sbx_start_clock(s);
    s->in_quote = 1;
}

/* Whether the run just ended came so near the memory or instruction
 * limit that what ran in this interpreter before could have changed its
 * outcome (see the head of this file). Time is never the same twice. */
static int near_a_limit(const sbx *s)
{
    if (s->tripped == SBX_TRIP_TIME)
        return 0;
    if (s->lim.max_memory && (s->tripped == SBX_TRIP_MEMORY ||
                              s->peak >= s->lim.max_memory / 4))
        return 1;
    /* a heavy hook's period follows the run's memory only when recursion
       can pile varargs up (sandbox_limits.c): then where the count
       passes the limit moves with the garbage */
    return s->heavy && s->forward_values && s->lim.max_instructions &&
           s->instructions + 2 * SBX_HOOK_STEP > s->lim.max_instructions;
}

/* The length of the longest prefix of msg[0..n) that ends on a UTF-8
 * character boundary (msg[n] starts a character or is the end). */
static size_t char_start(const char *msg, size_t n)
{
    while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Sets e from a failed run: the limit passed, or the plan's error (its
 * path put first), of which at most SBX_MAX_MESSAGE bytes are kept: the
 * start and the end, where a nested error says what it is. */
static int run_error(sbx *s, const char *msg, ratel_err *e)
{
    const char *path = s->plan->path, *sep = "";
    size_t n, head, tail;
    switch (s->tripped) {
    case SBX_TRIP_INSTRUCTIONS:
        return err_set(e, RATEL_ELIMIT, "%s: instruction limit of %llu "
                       "exceeded", path,
                       (unsigned long long)s->lim.max_instructions);
    case SBX_TRIP_TIME:
        return err_set(e, RATEL_ELIMIT, "%s: time limit of %u ms exceeded",
                       path, (unsigned)s->lim.max_milliseconds);
    case SBX_TRIP_MEMORY:
        return err_set(e, RATEL_ELIMIT, "%s: memory limit of %zu bytes "
                       "exceeded", path, s->lim.max_memory);
    case SBX_TRIP_STRING:
        return err_set(e, RATEL_ELIMIT, "%s: a string longer than %zu "
                       "bytes (the limit for one string)", path,
                       SBX_MAX_STRING);
    default:
        break;
    }
    if (!msg)
        msg = "error";
    n = strlen(msg);
    head = tail = n;
    if (n > SBX_MAX_MESSAGE) {
        head = char_start(msg, SBX_MAX_MESSAGE / 2);
        tail = n - char_start(msg, n - SBX_MAX_MESSAGE / 2);
        sep = " ... ";
    } else {
        tail = 0;
    }
    return err_set(e, RATEL_ESCRIPT, "%s%s%.*s%s%.*s",
                   strncmp(msg, path, strlen(path)) ? path : "",
                   strncmp(msg, path, strlen(path)) ? ": " : "", (int)head,
                   msg, sep, (int)tail, msg + n - tail);
}

/* Ends a run: a quote that outran its deadline fails whatever it was
 * doing; a failed pcall becomes an error on e; the interpreter is put
 * back in shape for the next run. */
static int finish(sbx *s, int status, ratel_err *e)
{
    lua_State *L = s->L;
    int rc = RATEL_OK;
    if (status == LUA_ERRMEM && s->tripped == SBX_TRIP_NONE)
        s->tripped = SBX_TRIP_MEMORY; /* refused with no second asking */
    if (s->tripped == SBX_TRIP_NONE && sbx_past_deadline(s))
        s->tripped = SBX_TRIP_TIME;
    s->in_quote = 0;
    sbx_decl_hide_coverages(s, 0);
    s->again = !s->fresh && near_a_limit(s);
    if (status != LUA_OK || s->tripped != SBX_TRIP_NONE) {
        const char *msg = status != LUA_OK ? lua_tostring(L, -1) : NULL;
        rc = run_error(s, msg, e);
        sbx_clean_message(e->message);
        if (!s->err_line && msg)
            s->err_line = line_in_message(msg, s->plan->path);
        err_set_where(e, s->plan->path, s->err_line);
    }
    if (s->hook_period) {
        lua_sethook(L, NULL, 0, 0);
        s->hook_period = 0;
    }
    lua_settop(L, 0);
    if (rc != RATEL_OK || s->heavy) /* no heavy garbage or stack lingers */
        lua_gc(L, LUA_GCCOLLECT);
    s->res = NULL;
    return rc;
}

/* One run of `main` for plan p into r, in protection. */
static int run(sbx *s, const plan_def *p, rate_result *r, lua_CFunction main,
               int keep_deadline, ratel_err *e)
{
    lua_State *L = s->L;
    begin(s, p, r, keep_deadline);
    s->run_err = e;
    lua_settop(L, 0);
    lua_pushcfunction(L, sbx_on_error);
    lua_pushcfunction(L, main);
    return finish(s, lua_pcall(L, 0, 0, 1), e);
}

/* Runs `main` outside the limits (the engine's own work on the
 * interpreter): RATEL_OK, or RATEL_ENOMEM. */
static int run_engine(sbx *s, lua_CFunction main, ratel_err *e)
{
    lua_State *L = s->L;
    int status;
    lua_settop(L, 0);
    lua_pushcfunction(L, main);
    status = lua_pcall(L, 0, 0, 0);
    lua_settop(L, 0);
    return status == LUA_OK ? RATEL_OK
                            : err_set(e, RATEL_ENOMEM, "out of memory");
}

/* Shows the declaration before a run. The first showing of a schema in
 * an interpreter builds its tables; the garbage that leaves is collected
 * at once, or the run would find that much more room in its budget than
 * the same run after another showing. */
static int show(sbx *s, ratel_err *e)
{
    size_t views = s->nviews;
    int rc = run_engine(s, show_main, e);
    if (rc == RATEL_OK && s->nviews != views)
        lua_gc(s->L, LUA_GCCOLLECT);
    return rc;
}

/* Loads plan p in this interpreter, in a run of its own, unless it is. */
static int load(sbx *s, const plan_def *p, int keep_deadline, ratel_err *e)
{
    size_t i;
    int rc;
    if (p->index < s->nplans && s->plans[p->index].env_ref != LUA_NOREF)
        return RATEL_OK;
    for (i = 0; i < s->nplans; i++)
        if (s->plans[i].env_ref != LUA_NOREF)
            s->fresh = 0; /* another plan's state is here */
    rc = run(s, p, NULL, sbx_load_main, keep_deadline, e);
    lua_gc(s->L, LUA_GCCOLLECT); /* no garbage of it in a quote's room */
    return rc;
}

/* Makes the interpreter anew, keeping the call in progress (its plan,
 * tables, declarations, group, menu size, the option's sharing and
 * deadline; the menu's blocks go with the interpreter). */
static int remake(sbx *s, ratel_err *e)
{
    const plan_def *plan = s->plan;
    const tbl_table *const *tables = s->tables;
    const struct ratel_decl *decl = s->decl, *menu_decl = s->menu_decl;
    group_members *group = s->group;
    size_t menu_options = s->menu_options;
    int own_shared = s->own_shared, blocks_on = s->blocks_on;
    struct timespec deadline = s->deadline;
    if (sbx_reset(s))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    s->group = group;
    s->plan = plan;
    s->tables = tables;
    s->decl = decl;
    s->menu_decl = menu_decl;
    s->menu_options = menu_options;
    s->own_shared = own_shared;
    s->blocks_on = blocks_on;
    s->deadline = deadline;
    return RATEL_OK;
}

/* Gives back what a run that passed the memory or string limit made:
 * the interpreter made anew, and the C library's free memory returned
 * to the system (glibc keeps it otherwise). */
static void give_back(sbx *s)
{
    ratel_err ignored;
    err_init(&ignored);
    remake(s, &ignored);
    err_dispose(&ignored);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

enum { RUN_QUOTE, RUN_GROUP, RUN_START, RUN_OPTION, RUN_META };

/* What a run of `kind` needs first: its plan loaded, its declaration
 * shown, and for an option the menu's start. */
static int prepare(sbx *s, const plan_def *p, int kind, int keep_deadline,
                   ratel_err *e)
{
    int rc = load(s, p, keep_deadline, e);
    if (rc || kind == RUN_META)
        return rc;
    if (kind == RUN_OPTION && s->shared_ref == LUA_NOREF) {
        /* the menu's start again, on the menu's declaration */
        const struct ratel_decl *option = s->decl;
        s->decl = s->menu_decl;
        rc = show(s, e);
        res_reset(&s->shared_res, 0);
        if (rc == RATEL_OK)
            rc = run(s, p, &s->shared_res, start_main, keep_deadline, e);
        s->decl = option;
        if (rc)
            return rc;
        s->fresh = 0;
    }
    return show(s, e);
}

/* Runs one quote, group, menu start or option (`kind`, with `main`) of
 * plan p
 * into r; or, RUN_META, reads what plan p says about itself. Once again
 * on an interpreter made anew when its outcome could depend on the
 * interpreter's past; gives memory back after a memory limit. */
static int run_plan(sbx *s, const plan_def *p, rate_result *r, int kind,
                    lua_CFunction main, ratel_err *e)
{
    int rc, pass;
    if (!s->L)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (pass = 0;; pass++) {
        rc = prepare(s, p, kind, pass > 0, e);
        if (rc == RATEL_OK) {
            if (kind == RUN_OPTION && !s->own_shared)
                r->tables_used |= s->shared_res.tables_used;
            rc = run(s, p, r, main, pass > 0, e);
            if (kind != RUN_META)
                s->fresh = 0;
        }
        if (pass > 0 || !s->again || rc == RATEL_ENOMEM)
            break;
        if (remake(s, e))
            return RATEL_ENOMEM;
        if (r && r != &s->shared_res) { /* its first run's writing goes */
            res_reset(r, r->record_steps);
            memset(r->override_used, 0, sizeof r->override_used);
        }
    }
    if (s->L && (s->tripped == SBX_TRIP_MEMORY ||
                 s->tripped == SBX_TRIP_STRING))
        give_back(s);
    return rc;
}

int sbx_menu_start(sbx *s, const plan_def *p, const tbl_table *const *tables,
                   const struct ratel_decl *d, size_t noptions,
                   ratel_err *e)
{
    int rc;
    res_reset(&s->shared_res, 0);
    s->tables = tables;
    s->decl = s->menu_decl = d;
    s->menu_options = noptions;
    s->shared_ref = LUA_NOREF;
    s->blocks_replayed = 0;
    s->shared_holds_document = 0;
    rc = run_plan(s, p, &s->shared_res, RUN_START, start_main, e);
    if (rc)
        sbx_menu_end(s);
    return rc;
}

int sbx_menu_rate(sbx *s, const struct ratel_decl *d, const int *changed,
                  size_t nchanged, int coverages_only, rate_result *r,
                  ratel_err *e)
{
    int rc;
    s->decl = d;
    s->changed = changed;
    s->nchanged = nchanged;
    s->own_shared = !coverages_only;
    s->blocks_on = coverages_only && !s->shared_holds_document;
    rc = run_plan(s, s->plan, r, RUN_OPTION, option_main, e);
    s->changed = NULL;
    s->own_shared = s->blocks_on = 0;
    return rc;
}

void sbx_menu_end(sbx *s)
{
    sbx_blocks_free(s);
    if (s->L)
        luaL_unref(s->L, LUA_REGISTRYINDEX, s->shared_ref);
    s->shared_ref = LUA_NOREF;
    s->plan = NULL;
    s->decl = s->menu_decl = NULL;
    s->tables = NULL;
}

int sbx_rate_group(sbx *s, const plan_def *p, const tbl_table *const *tables,
                   const struct ratel_decl *d, group_members *g,
                   rate_result *r, ratel_err *e)
{
    int rc;
    s->tables = tables;
    s->decl = d;
    s->group = g;
    s->menu_options = 1;
    s->shared_ref = LUA_NOREF;
    rc = run_plan(s, p, r, RUN_GROUP, group_main, e);
    s->group = NULL;
    sbx_menu_end(s);
    return rc;
}

int sbx_rate(sbx *s, const plan_def *p, const tbl_table *const *tables,
             const struct ratel_decl *d, rate_result *r, ratel_err *e)
{
    int rc;
    s->tables = tables;
    s->decl = d;
    s->menu_options = 1;
    s->shared_ref = LUA_NOREF;
    rc = run_plan(s, p, r, RUN_QUOTE, quote_main, e);
    sbx_menu_end(s);
    return rc;
}

/* Makes p->ticked, the source with ticks, once per engine and outside
 * the interpreter: its size is no quote's memory. */
static int add_ticks(plan_def *p, ratel_err *e)
{
    buf b;
    int rc, line;
    buf_init(&b);
    line = sbx_add_ticks(&b, p->source, p->source_len);
    if (line) {
        buf_free(&b);
        if (line < 0)
            return err_set(e, RATEL_ENOMEM, "out of memory");
        rc = err_set(e, RATEL_EPLAN, "%s:%d: names that begin with "
                     "'_ratel_' are reserved for the engine", p->path, line);
        err_set_where(e, p->path, line);
        return rc;
    }
    p->ticked_len = b.len;
    p->ticked = buf_take(&b);
    return RATEL_OK;
}

int sbx_inspect(sbx *s, plan_def *p, ratel_err *e)
{
    int rc;
    if (!p->ticked && (rc = add_ticks(p, e)))
        return rc;
    s->meta_rc = RATEL_OK;
    rc = run_plan(s, p, NULL, RUN_META, meta_main, e);
    if (rc == RATEL_OK)
        rc = s->meta_rc;
    else if (rc != RATEL_ENOMEM) /* any failure at load: the plan is bad */
        rc = e->code = RATEL_EPLAN;
    return rc;
}
