/* sandbox_blocks.c - shared_steps(fn, ...): steps every option of a menu
 * takes alike, taken once and replayed.
 *
 * In a single quote shared_steps(fn, ...) calls fn(...). In a menu, an
 * option that changes only the coverages records what fn(...) did the
 * first time fn is called with its key: its arguments and the values of
 * the upvalues the plan may assign (compared by raw equality: a table
 * or function by identity). Recorded: its worksheet steps (coverage
 * name, operation, label, the value the plan computed, table, key,
 * rounding mode), its reasons (refer, decline, subject_to,
 * require_authority), its warnings and the tables it used. A later
 * option calling fn with the same key gets them replayed by C, each
 * step applied to its coverage's running premium as the step taken
 * would be: the underwriter's overrides, the money bound, the order
 * against combine(), the caps on steps and reasons, the memory budget
 * and the instruction count. The step claims (a value beside a table
 * and key) were checked when the block was recorded, against the same
 * tables.
 *
 * The guard: a key holds only what says all fn can read through it
 * (keyable()); what it cannot see is refused while fn runs, in a single
 * quote as in a menu: d.coverages raises in a block given d, a table of
 * the coverages as an argument raises, steps return nil instead of the
 * running premium, and
 * what would make the steps depend on the option (premium(), limit(),
 * cover(), combine(), term(), attribute(), shared_steps()) raises. A
 * global set by the run, or a table or closure it made in the key, makes
 * fn run again, unkept.
 *
 * Blocks live from the menu's start to its end, in C and in one registry
 * table of keys; Lua never holds one, so none can outlive its menu or be
 * replayed in another declaration, plan or quote. What fn returns (nil,
 * booleans, numbers, strings: the same for every option) is kept with
 * its key and returned again at each replay. */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

#define SBX_MAX_BLOCKS 256      /* blocks one menu records */
#define SBX_MAX_BLOCK_ARGS 8    /* arguments of shared_steps after fn */
#define SBX_MAX_BLOCK_UPVALUES 24 /* upvalues a plan may assign, for blocks */
#define SBX_MAX_BLOCK_VALS (SBX_MAX_BLOCK_ARGS + SBX_MAX_BLOCK_UPVALUES)
#define SBX_BLOCK_BYTES ((size_t)1 << 20) /* what one menu's blocks hold */
#define SBX_REPLAY_WORK 8       /* instructions charged per step replayed */

/* An argument of a block's key, as rawequal compares it: by value for
 * nil, booleans, numbers (an integer and a float never match: the
 * function then runs again, which is always right) and strings, by
 * address for the rest. The key table in the registry anchors it, so
 * no other object can take its address. */
typedef struct blk_arg {
    int type, is_int;
    lua_Integer i;
    lua_Number n;
    const void *p;          /* a string's bytes, or the object */
    size_t len;
} blk_arg;

typedef struct sbx_block {
    const void *fn;
    int nvals;                  /* fn's arguments, then the upvalues */
    int nres;                   /* what fn returned, kept in the key */
    blk_arg vals[SBX_MAX_BLOCK_VALS];
    size_t step0, nsteps;       /* in sbx_blocks.steps */
    size_t reason0, nreasons;   /* in sbx_blocks.reasons */
    size_t warning0, nwarnings; /* in sbx_blocks.warnings */
    uint64_t tables_used;
} sbx_block;

/* Steps, reasons and warnings hold offsets into `text` (a step's
 * coverage too: the offset of its name, "policy" for the policy), each
 * text with its length in the 4 bytes before it (sbx_kept_len). */
struct sbx_blocks {
    sbx_block *v;
    size_t n, cap;
    res_step *steps;
    size_t nsteps, capsteps;
    res_reason *reasons;
    size_t nreasons, capreasons;
    uint32_t *warnings;
    size_t nwarnings, capwarnings;
    buf text;
    int keys_ref;               /* block i's key table at i + 1: fn, its
                                   arguments and the plan's upvalues, the
                                   results */
};

void sbx_blocks_free(sbx *s)
{
    sbx_blocks *b = s->blocks;
    if (!b)
        return;
    if (s->L)
        luaL_unref(s->L, LUA_REGISTRYINDEX, b->keys_ref);
    free(b->v);
    free(b->steps);
    free(b->reasons);
    free(b->warnings);
    buf_free(&b->text);
    free(b);
    s->blocks = NULL;
}

void sbx_in_block(lua_State *L, const char *fname)
{
    luaL_error(L, "%s() cannot be called in shared_steps(): a block takes "
               "steps and gives reasons that do not depend on the option",
               fname);
}

int sbx_pcall(lua_State *L)
{
    sbx *s = sbx_of(L);
    int in_block = s->in_block, hidden = s->coverages_hidden;
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    if (lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0) == LUA_OK)
        return lua_gettop(L);
    s->in_block = in_block; /* the error unwound the blocks begun inside */
    sbx_decl_hide_coverages(s, hidden);
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
}

static void read_arg(lua_State *L, int idx, blk_arg *a)
{
    a->type = lua_type(L, idx);
    a->is_int = 0;
    a->p = NULL;
    a->len = 0;
    switch (a->type) {
    case LUA_TBOOLEAN: a->i = lua_toboolean(L, idx); break;
    case LUA_TNUMBER:
        a->is_int = lua_isinteger(L, idx);
        a->i = a->is_int ? lua_tointeger(L, idx) : 0;
        a->n = a->is_int ? 0 : lua_tonumber(L, idx);
        break;
    case LUA_TSTRING: a->p = lua_tolstring(L, idx, &a->len); break;
    case LUA_TNIL: break;
    default: a->p = lua_topointer(L, idx); break;
    }
}

static int same_arg(const blk_arg *a, const blk_arg *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case LUA_TBOOLEAN: return a->i == b->i;
    case LUA_TNUMBER:
        return a->is_int == b->is_int &&
               (a->is_int ? a->i == b->i : a->n == b->n);
    case LUA_TSTRING:
        return a->len == b->len &&
               (a->p == b->p || memcmp(a->p, b->p, a->len) == 0);
    case LUA_TNIL: return 1;
    default: return a->p == b->p;
    }
}

/* The index of the block fn (at 1) with the nvals values after it (its
 * arguments, then the plan's upvalues) recorded, or -1; the values read
 * into vals. */
static int find_block(lua_State *L, const sbx_blocks *b, int nvals,
                      blk_arg *vals)
{
    const void *fn = lua_topointer(L, 1);
    size_t i;
    int k;
    for (k = 0; k < nvals; k++)
        read_arg(L, k + 2, &vals[k]);
    for (i = 0; i < b->n; i++) {
        const sbx_block *x = &b->v[i];
        if (x->fn != fn || x->nvals != nvals)
            continue;
        for (k = 0; k < nvals && same_arg(&x->vals[k], &vals[k]); k++)
            ;
        if (k == nvals)
            return (int)i;
    }
    return -1;
}

/* Pushes the results kept with block `index`; returns how many. */
static int push_results(lua_State *L, const sbx_blocks *b, int index)
{
    int n = b->v[index].nres, k, key;
    if (n == 0)
        return 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->keys_ref);
    lua_rawgeti(L, -1, index + 1);
    key = lua_gettop(L);
    luaL_checkstack(L, n, NULL);
    for (k = 1; k <= n; k++)
        lua_rawgeti(L, key, b->v[index].nvals + 1 + k);
    return n;
}

/* Anchors the key of block `index` (fn at 1, the nvals values after it,
 * the nres results from `res` on) in the registry, and keeps it in C. */
static void add_key(lua_State *L, sbx_blocks *b, int index, int nvals,
                    const blk_arg *vals, int res, int nres)
{
    sbx_block *x = &b->v[index];
    int k;
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->keys_ref);
    lua_createtable(L, nvals + nres + 1, 0);
    for (k = 0; k <= nvals; k++) {
        lua_pushvalue(L, k + 1);
        lua_rawseti(L, -2, k + 1);
    }
    for (k = 0; k < nres; k++) {
        lua_pushvalue(L, res + k);
        lua_rawseti(L, -2, nvals + 2 + k);
    }
    lua_rawseti(L, -2, index + 1);
    lua_pop(L, 1);
    x->fn = lua_topointer(L, 1);
    x->nvals = nvals;
    x->nres = nres;
    memcpy(x->vals, vals, (size_t)nvals * sizeof *vals);
}

/* Raises when argument k (1-based after fn) at idx is a table of the
 * coverages asked for: an option changes what it holds, not what it is,
 * so a block given it would be replayed with the first option's. Returns
 * whether it is the declaration d (whose coverages are hidden while the
 * block runs). */
static int check_arg(lua_State *L, int idx, int k)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        return 0;
    if (sbx_decl_is_coverage(L, idx))
        luaL_error(L, "shared_steps(): argument %d is part of d.coverages, "
                   "which a menu's options change; pass the block the "
                   "values it needs (a limit, a deductible)", k + 1);
    return sbx_decl_is_document(L, idx);
}

/* Whether the value at idx may be part of a block's key: it says all a
 * block can read through it, in any option and at any call. Plain
 * values; a table with a metatable (read-only: the frozen plan's, a
 * map, the declaration outside the coverages, a menu's shared(d); the
 * globals, whose writes push_plan_state sees); a C function or a closure
 * of the loaded plan (`frozen`: its upvalues frozen, or in the key). Not
 * a table the run made (it may change between two calls), a closure the
 * run made (its upvalues are the run's), a table of the coverages. */
static int keyable(lua_State *L, int idx, int frozen, int arg)
{
    int ok;
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
    case LUA_TBOOLEAN:
    case LUA_TNUMBER:
    case LUA_TSTRING: return 1;
    case LUA_TTABLE:
        if (!lua_getmetatable(L, idx))
            return 0;
        lua_pop(L, 1);
        if (sbx_decl_is_document(L, idx))
            return arg; /* d.coverages is hidden from a block given d */
        return !sbx_decl_is_coverage(L, idx);
    case LUA_TFUNCTION:
        if (lua_iscfunction(L, idx))
            return 1;
        lua_pushvalue(L, idx);
        ok = lua_rawget(L, frozen) != LUA_TNIL;
        lua_pop(L, 1);
        return ok;
    default: return 0;
    }
}

/* Whether fn (at 1), its nargs arguments and the upvalues after them (n
 * values in all) are all keyable. */
static int all_keyable(lua_State *L, const sbx *s, int nargs, int n)
{
    int k, frozen, ok = 1;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->plans[s->plan->index].frozen_ref);
    frozen = lua_gettop(L);
    for (k = 1; ok && k <= n + 1; k++)
        ok = keyable(L, k, frozen, k > 1 && k <= nargs + 1);
    lua_pop(L, 1);
    return ok;
}

/* Pushes, after fn and its arguments, the value of every upvalue the
 * plan may assign (the freeze's record list): the state a block reads
 * besides its arguments, the declaration and the frozen plan. Returns
 * how many, or -1 (nothing pushed) when no block may be kept or replayed
 * in this state: the run has set a global (its globals are not part of
 * the key), or there are more upvalues than a key holds. */
static int push_plan_state(lua_State *L, const sbx *s)
{
    const sbx_plan *sp = &s->plans[s->plan->index];
    int list, n;
    lua_Integer i;
    if (s->globals_set || sp->nrecorded > SBX_MAX_BLOCK_UPVALUES)
        return -1;
    if (sp->nrecorded == 0)
        return 0;
    luaL_checkstack(L, SBX_MAX_BLOCK_UPVALUES + 3, NULL);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sp->record_ref);
    list = lua_gettop(L);
    for (i = 1, n = 0; n < sp->nrecorded; i += 3, n++) {
        int up;
        lua_rawgeti(L, list, i + 1); /* which upvalue */
        up = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, list, i);     /* of this closure */
        lua_getupvalue(L, -1, up);
        lua_remove(L, -2);
    }
    lua_remove(L, list);
    return n;
}

/* Raises unless the nres values from `res` on are nil, booleans, numbers
 * or strings: what a block returns is the same for every option, so no
 * option may change it. */
static void check_results(lua_State *L, int res, int nres)
{
    int k;
    for (k = 0; k < nres; k++) {
        int t = lua_type(L, res + k);
        if (t != LUA_TNIL && t != LUA_TBOOLEAN && t != LUA_TNUMBER &&
            t != LUA_TSTRING)
            luaL_error(L, "shared_steps(): the function returned a %s; a "
                       "block returns nil, booleans, numbers or strings "
                       "(every option sees the same)", lua_typename(L, t));
    }
}

/* The blocks of this menu, made on first use; NULL when out of memory. */
static sbx_blocks *blocks_of(lua_State *L, sbx *s)
{
    if (!s->blocks) {
        sbx_blocks *b = malloc(sizeof *b);
        if (!b)
            return NULL;
        memset(b, 0, sizeof *b);
        buf_init(&b->text);
        lua_newtable(L);
        b->keys_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        s->blocks = b;
    }
    return s->blocks;
}

/* Keeps text (its length in the 4 bytes before it, a NUL after it);
 * returns its offset. */
static uint32_t keep_text(sbx_blocks *b, const char *text)
{
    uint32_t n;
    if (!text)
        return RES_NONE;
    n = (uint32_t)strlen(text);
    buf_put(&b->text, (const char *)&n, sizeof n);
    buf_put(&b->text, text, (size_t)n + 1);
    return (uint32_t)(b->text.len - n - 1);
}


static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 16;
    void *p;
    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    if (!(p = realloc(*v, n * size)))
        return -1;
    *v = p;
    *cap = n;
    return 0;
}

/* Where a block starts in a result: its steps, reasons and warnings. */
typedef struct mark {
    size_t steps, reasons, warnings;
} mark;

/* Keeps what r holds after `at` as a new block; 0, or -1 when the blocks
 * are full or out of memory (the block is then not kept: its function
 * runs again next time). */
static int record(sbx_blocks *b, const rate_result *r, const mark *at,
                  uint64_t tables_used)
{
    size_t s0 = at->steps, r0 = at->reasons, w0 = at->warnings;
    sbx_block *k;
    size_t i, text_len = b->text.len;
    if (b->n == SBX_MAX_BLOCKS ||
        grow((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v) ||
        grow((void **)&b->steps, &b->capsteps, b->nsteps + r->nsteps - s0,
             sizeof *b->steps) ||
        grow((void **)&b->reasons, &b->capreasons,
             b->nreasons + r->nreasons - r0, sizeof *b->reasons) ||
        grow((void **)&b->warnings, &b->capwarnings,
             b->nwarnings + r->nwarnings - w0, sizeof *b->warnings))
        return -1;
    k = &b->v[b->n];
    k->step0 = b->nsteps;
    k->nsteps = r->nsteps - s0;
    k->reason0 = b->nreasons;
    k->nreasons = r->nreasons - r0;
    k->warning0 = b->nwarnings;
    k->nwarnings = r->nwarnings - w0;
    k->tables_used = tables_used;
    for (i = s0; i < r->nsteps; i++) {
        res_step st = r->steps[i];
        st.coverage = (int)keep_text(
            b, st.coverage == RES_POLICY
                   ? "policy" : res_at(r, r->coverages[st.coverage].name));
        st.label = keep_text(b, res_at(r, st.label));
        st.table = keep_text(b, res_at(r, st.table));
        st.key = keep_text(b, res_at(r, st.key));
        b->steps[b->nsteps + i - s0] = st;
    }
    for (i = r0; i < r->nreasons; i++) {
        res_reason x = r->reasons[i];
        x.code = keep_text(b, res_at(r, x.code));
        x.text = keep_text(b, res_at(r, x.text));
        b->reasons[b->nreasons + i - r0] = x;
    }
    for (i = w0; i < r->nwarnings; i++)
        b->warnings[b->nwarnings + i - w0] =
            keep_text(b, res_at(r, r->warnings[i]));
    if (b->text.oom || b->text.len > SBX_BLOCK_BYTES) {
        b->text.len = text_len;
        b->text.oom = 0;
        return -1;
    }
    b->nsteps += k->nsteps;
    b->nreasons += k->nreasons;
    b->nwarnings += k->nwarnings;
    b->n++;
    return 0;
}

static void replay(lua_State *L, const sbx_blocks *b, int index,
                   rate_result *r)
{
    const sbx_block *k = &b->v[index];
    const char *text = b->text.data;
    size_t i;
    int cov = RES_POLICY;
    sbx_charge(L, 1 + SBX_REPLAY_WORK *
                          (k->nsteps + k->nreasons + k->nwarnings));
    for (i = 0; i < k->nsteps; i++) {
        const res_step *st = &b->steps[k->step0 + i];
        if (i == 0 || st->coverage != st[-1].coverage) /* mostly one */
            cov = sbx_coverage_named(L, r, text + st->coverage);
        sbx_replay_step(L, r, st, text, cov);
    }
    for (i = 0; i < k->nreasons; i++) {
        const res_reason *x = &b->reasons[k->reason0 + i];
        if (r->nreasons >= SBX_MAX_STEPS)
            luaL_error(L, "more than %d reasons", SBX_MAX_STEPS);
        if (res_add_reason(r, x->kind, x->level, text + x->code,
                           sbx_kept_len(text, x->code), text + x->text,
                           sbx_kept_len(text, x->text)))
            luaL_error(L, "not enough memory");
    }
    for (i = 0; i < k->nwarnings; i++) {
        uint32_t w = b->warnings[k->warning0 + i];
        if (r->nwarnings >= SBX_MAX_STEPS)
            luaL_error(L, "more than %d warnings", SBX_MAX_STEPS);
        if (res_add_warning(r, text + w, sbx_kept_len(text, w)))
            luaL_error(L, "not enough memory");
    }
    r->tables_used |= k->tables_used;
    sbx_charge_result(L, r);
}

/* shared_steps(fn, ...): fn(...), or in a menu its steps recorded once
 * and replayed (see the head of this file). Returns what fn returned. */
static int api_shared_steps(lua_State *L)
{
    sbx *s = sbx_of(L);
    rate_result *r = s->res;
    int nargs = lua_gettop(L) - 1, nvals = 0, index, base, nres, k;
    int given_d = 0;
    blk_arg vals[SBX_MAX_BLOCK_VALS];
    mark at;
    sbx_blocks *b = NULL;
    if (!r || s->in_shared)
        luaL_error(L, "shared_steps() can only be called in rate(d, s)");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    if (nargs > SBX_MAX_BLOCK_ARGS)
        luaL_error(L, "shared_steps(): at most %d arguments after the "
                   "function", SBX_MAX_BLOCK_ARGS);
    sbx_no_block(L, "shared_steps");
    if (s->blocks_on && r->record_steps && (b = blocks_of(L, s))) {
        /* a key equal to one recorded holds what was keyable then */
        if ((k = push_plan_state(L, s)) >= 0) {
            nvals = nargs + k;
            if ((index = find_block(L, b, nvals, vals)) >= 0) {
                replay(L, b, index, r);
                s->blocks_replayed++;
                return push_results(L, b, index);
            }
        }
        if (k < 0 || b->n == SBX_MAX_BLOCKS ||
            !all_keyable(L, s, nargs, nvals)) {
            b = NULL; /* fn runs, as in a single quote */
            lua_settop(L, nargs + 1);
        }
    }
    for (k = 1; k <= nargs; k++)
        given_d |= check_arg(L, k + 1, k);
    at.steps = r->nsteps;
    at.reasons = r->nreasons;
    at.warnings = r->nwarnings;
    s->block_tables = 0;
    base = lua_gettop(L) + 1;
    if (b) { /* the key stays below the call's copy of fn and arguments */
        luaL_checkstack(L, nargs + 1, NULL);
        for (k = 1; k <= nargs + 1; k++)
            lua_pushvalue(L, k);
    } else
        base = 1;
    s->in_block = 1;
    if (given_d)
        sbx_decl_hide_coverages(s, 1);
    lua_call(L, nargs, LUA_MULTRET);
    if (given_d)
        sbx_decl_hide_coverages(s, 0);
    s->in_block = 0;
    nres = lua_gettop(L) - base + 1;
    check_results(L, base, nres);
    if (b && record(b, r, &at, s->block_tables) == 0)
        add_key(L, b, (int)b->n - 1, nvals, vals, base, nres);
    return nres;
}

void sbx_blocks_register(lua_State *L)
{
    lua_pushcfunction(L, api_shared_steps);
    lua_setfield(L, -2, "shared_steps");
    lua_pushcfunction(L, sbx_pcall);
    lua_setfield(L, -2, "pcall");
}
