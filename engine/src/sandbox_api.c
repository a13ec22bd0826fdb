/* sandbox_api.c - the functions a plan calls: table lookups, worksheet
 * steps on coverage premiums, underwriting outcomes, rounding and dates.
 * Documented for plan authors in docs/plans.md. */
#include "sandbox_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decl.h"

/* ---- tables ---------------------------------------------------------- */

/* The number argument `arg`, which must be finite and within the money
 * bound (±10^15): NaN or 1e300 is a plan's mistake, never an amount. */
static double check_amount(lua_State *L, int arg, const char *fname)
{
    double v = luaL_checknumber(L, arg);
    if (!isfinite(v) || fabs(v) > (double)RATEL_MONEY_MAX)
        luaL_error(L, "%s: the value must be a finite number within "
                   "+/-10^15 (got %s)", fname,
                   lua_tostring(L, arg));
    return v;
}

/* The slot of a name's address in sbx.table_hint. */
static size_t hint_slot(const char *name)
{
    uintptr_t u = (uintptr_t)name;
    return (size_t)((u >> 4) ^ (u >> 10)) % sizeof ((sbx *)0)->table_hint;
}

/* The index in plan.tables of the table named `name`, or -1. Names are
 * interned, so comparing addresses finds it in the common case, at once
 * when the hint of the address is right. */
static long table_index(sbx *s, const sbx_plan *sp, const char *name)
{
    unsigned char *hint = &s->table_hint[hint_slot(name)];
    size_t i;
    if (*hint < sp->ntables && sp->tnames[*hint] == name)
        return *hint;
    for (i = 0; i < sp->ntables; i++)
        if (sp->tnames[i] == name) { /* same interned string */
            *hint = (unsigned char)i;
            return (long)i;
        }
    for (i = 0; i < sp->ntables; i++)
        if (strcmp(sp->tnames[i], name) == 0)
            return (long)i;
    return -1;
}

/* The resolved table named by argument `arg`, or a Lua error. */
static const tbl_table *check_table(lua_State *L, int arg, const char *fname)
{
    sbx *s = sbx_of(L);
    const char *name;
    long i;
    if (!s->res)
        sbx_require_quote(L, fname);
    if (!(name = lua_tostring(L, arg)))
        name = luaL_checkstring(L, arg); /* raises */
    i = table_index(s, &s->plans[s->plan->index], name);
    if (i < 0)
        luaL_error(L, "table '%s' is not declared in this plan's "
                   "plan.tables", name);
    if (i < 64) {
        s->res->tables_used |= (uint64_t)1 << i;
        s->block_tables |= (uint64_t)1 << i; /* shared_steps' record */
    }
    return s->tables[i];
}

/* Reads the key at stack position idx; 0 when it is neither a string nor
 * a number. An integer value (of either subtype) also sets is_int and i. */
static int read_key(lua_State *L, int idx, tbl_key *key)
{
    int type = lua_type(L, idx);
    lua_Integer iv;
    memset(key, 0, sizeof *key);
    if (type == LUA_TSTRING) {
        key->is_text = 1;
        key->s = lua_tolstring(L, idx, &key->len);
    } else if (type != LUA_TNUMBER) {
        return 0;
    } else if (lua_isinteger(L, idx)) {
        key->is_int = 1;
        key->i = lua_tointeger(L, idx);
        key->num = (lua_Number)key->i;
    } else {
        key->num = lua_tonumber(L, idx);
        if (lua_numbertointeger(key->num, &iv) && (lua_Number)iv == key->num) {
            key->is_int = 1;
            key->i = iv;
        }
    }
    return 1;
}

/* Reads the keys at stack positions first.. into keys[]. */
static int read_keys(lua_State *L, const tbl_table *t, int first,
                     tbl_key *keys)
{
    int n = lua_gettop(L) - first + 1, k;
    if (n != t->nkeys)
        return luaL_error(L, "table '%s' takes %d key(s), got %d", t->name,
                          t->nkeys, n < 0 ? 0 : n);
    for (k = 0; k < n; k++)
        if (!read_key(L, first + k, &keys[k]))
            return luaL_error(L, "key %d of table '%s' must be a string or "
                              "a number, got %s", k + 1, t->name,
                              luaL_typename(L, first + k));
    return n;
}

/* Key text for messages and the worksheet: "k1/k2". */
static void key_text(lua_State *L, int first, int n, buf *b)
{
    int k;
    for (k = 0; k < n; k++) {
        int idx = first + k;
        if (k)
            buf_putc(b, '/');
        if (lua_type(L, idx) == LUA_TSTRING)
            buf_puts(b, lua_tostring(L, idx));
        else if (lua_isinteger(L, idx))
            buf_put_i64(b, (int64_t)lua_tointeger(L, idx));
        else
            buf_put_double(b, lua_tonumber(L, idx));
    }
}

static int key_error(lua_State *L, const tbl_table *t, int first, int n,
                     int rc)
{
    buf b;
    buf_init(&b);
    key_text(L, first, n, &b);
    lua_pushstring(L, buf_cstr(&b) ? buf_cstr(&b) : "?");
    buf_free(&b);
    if (rc == -2)
        return luaL_error(L, "table '%s' (version %s): key '%s' has the "
                          "wrong type for its column", t->name, t->version,
                          lua_tostring(L, -1));
    return luaL_error(L, "table '%s' (version %s) has no row for key '%s'",
                      t->name, t->version, lua_tostring(L, -1));
}

/* Looks up and pushes every value column; `soft`: nil when no row. */
static int do_lookup(lua_State *L, int soft)
{
    const tbl_table *t = check_table(L, 1, soft ? "find" : "lookup");
    tbl_key keys[TBL_MAX_KEYS];
    double vals[16], *v = vals;
    int n = read_keys(L, t, 2, keys), rc, i;
    if (t->nvalues > 16)
        v = lua_newuserdatauv(L, sizeof(double) * (size_t)t->nvalues, 0);
    rc = tbl_lookup(t, keys, n, v);
    if (rc == -1 && soft) {
        lua_pushnil(L);
        return 1;
    }
    if (rc != 0)
        return key_error(L, t, 2, n, rc);
    if (t->nvalues >= LUA_MINSTACK) /* a C function has that many free */
        luaL_checkstack(L, t->nvalues, "too many values");
    for (i = 0; i < t->nvalues; i++)
        lua_pushnumber(L, v[i]);
    return t->nvalues;
}

/* lookup(table, key...): the row's values; an error when no row matches. */
static int api_lookup(lua_State *L) { return do_lookup(L, 0); }

/* find(table, key...): like lookup, but nil when no row matches. */
static int api_find(lua_State *L) { return do_lookup(L, 1); }

/* nearest(table, value, "up"|"down"): the key of an exact table with one
 * integer key (a menu) nearest to `value` in that direction, itself
 * included; when none lies that way, the nearest the other way. For
 * pricing an off-menu request at a menu entry. */
static int api_nearest(lua_State *L)
{
    const tbl_table *t = check_table(L, 1, "nearest");
    lua_Number v = check_amount(L, 2, "nearest");
    const char *dir = luaL_checkstring(L, 3);
    int up = strcmp(dir, "up") == 0, found = 0, any = 0;
    int64_t best = 0, other = 0;
    size_t r;
    if (!up && strcmp(dir, "down") != 0)
        return luaL_argerror(L, 3, "\"up\" or \"down\"");
    if (t->kind != TBL_EXACT || t->nkeys != 1 || t->key_types[0] != TBL_INT)
        return luaL_error(L, "nearest: table '%s' is not a menu (an exact "
                          "table with one integer key)", t->name);
    for (r = 0; r < t->nrows; r++) {
        int64_t k = t->keys[r].i;
        int on_side = up ? (lua_Number)k >= v : (lua_Number)k <= v;
        if (on_side && (!found || (up ? k < best : k > best))) {
            best = k;
            found = 1;
        }
        if (!any || (up ? k > other : k < other)) /* the far end */
            other = k;
        any = 1;
    }
    if (!any)
        return luaL_error(L, "nearest: table '%s' is empty", t->name);
    lua_pushinteger(L, (lua_Integer)(found ? best : other));
    return 1;
}

/* __index of a map's table: a key with no row is an error, as in
 * lookup(), not a silent nil. Upvalue 1: the tbl_table. */
static int map_missing(lua_State *L)
{
    const tbl_table *t = lua_touserdata(L, lua_upvalueindex(1));
    const char *key = lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) ==
                      LUA_TNUMBER ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "table '%s' (version %s) has no row for key '%s'",
                      t->name, t->version, key);
}

/* Pushes the map made for `key` (table values + column), if any: from
 * the registry references of the first few, else from the maps table. */
static int push_known_map(lua_State *L, sbx *s, const void *key)
{
    size_t i;
    for (i = 0; i < s->nmap_refs; i++)
        if (s->map_refs[i].key == key) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, s->map_refs[i].ref);
            return 1;
        }
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->maps_ref);
    if (lua_rawgetp(L, -1, key) == LUA_TNIL) {
        lua_pop(L, 2);
        return 0;
    }
    lua_remove(L, -2);
    return 1;
}

/* Pushes a new map of column `col` of t: a read-only table. */
static void push_new_map(lua_State *L, const tbl_table *t, int col)
{
    size_t r;
    lua_createtable(L, 0, (int)t->nrows);
    for (r = 0; r < t->nrows; r++) {
        const tbl_cell *c = &t->keys[r];
        if (t->key_types[0] == TBL_TEXT)
            lua_pushstring(L, c->s);
        else
            lua_pushinteger(L, (lua_Integer)c->i);
        lua_pushnumber(L, t->values[r * (size_t)t->nvalues + (size_t)col]);
        lua_rawset(L, -3);
    }
    lua_createtable(L, 0, 1);
    lua_pushlightuserdata(L, (void *)t);
    lua_pushcclosure(L, map_missing, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    sbx_make_readonly(L);
}

/* Keeps the map on top for `key`, in the maps table, and by a registry
 * reference while there are free entries in sbx.map_refs. */
static void keep_map(lua_State *L, sbx *s, const void *key)
{
    size_t max = sizeof s->map_refs / sizeof s->map_refs[0];
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->maps_ref);
    lua_pushvalue(L, -2);
    lua_rawsetp(L, -2, key);
    lua_pop(L, 1);
    if (s->nmap_refs < max) {
        lua_pushvalue(L, -1);
        s->map_refs[s->nmap_refs].ref = luaL_ref(L, LUA_REGISTRYINDEX);
        s->map_refs[s->nmap_refs++].key = key;
    }
}

/* Pushes the map of column `col` of the exact one-key table t, made on
 * first use. */
static void push_map(lua_State *L, sbx *s, const tbl_table *t, int col)
{
    const void *key = t->values + col; /* the table version and column */
    if (!push_known_map(L, s, key)) {
        push_new_map(L, t, col);
        keep_map(L, s, key);
    }
}

/* map(table [, column]): an exact table with one key as a read-only Lua
 * table {key = value of `column` (default: the first value column)}.
 * Made once per table version and column in an interpreter, then shared
 * by every quote (it cannot change), so reading it costs a table access
 * instead of a call. */
static int api_map(lua_State *L)
{
    sbx *s = sbx_of(L);
    const tbl_table *t = check_table(L, 1, "map");
    const char *column = lua_isnoneornil(L, 2) ? NULL
                                               : luaL_checkstring(L, 2);
    int col = 0;
    if (t->kind != TBL_EXACT || t->nkeys != 1)
        return luaL_error(L, "map: table '%s' is not an exact table with "
                          "one key", t->name);
    if (column) {
        for (col = 0; col < t->nvalues; col++)
            if (strcmp(t->value_names[col], column) == 0)
                break;
        if (col == t->nvalues)
            return luaL_error(L, "map: table '%s' has no column '%s'",
                              t->name, column);
    }
    push_map(L, s, t, col);
    return 1;
}

/* Pushes total()'s result: the sum, or the integer 0 when nothing was
 * added (what a loop starting at 0 gives). */
static int push_total(lua_State *L, double sum, int any)
{
    if (any)
        lua_pushnumber(L, sum);
    else
        lua_pushinteger(L, 0);
    return 1;
}

/* total() of d.controls or d.certifications, from the C declaration: the
 * table's value of each name is read once per table version. Returns 0
 * with nothing pushed when a name in the set has no row (the general
 * path then raises map()'s error). */
static int total_decl_set(lua_State *L, sbx *s, const tbl_table *t,
                          sbx_decl_set *set)
{
    uint64_t bits = sbx_decl_set_bits(s, set);
    double sum = 0, v[16];
    int i, any = 0;
    if (t->nvalues > 16)
        return 0;
    if (set->table != t) {
        set->has_row = 0;
        for (i = 0; i < set->n; i++) {
            tbl_key key;
            memset(&key, 0, sizeof key);
            key.is_text = 1;
            key.s = set->names[i];
            key.len = strlen(key.s);
            if (tbl_lookup(t, &key, 1, v) == 0) {
                set->values[i] = v[0];
                set->has_row |= UINT64_C(1) << i;
            }
        }
        set->table = t;
    }
    if (bits & ~set->has_row)
        return 0;
    for (i = 0; i < set->n; i++)
        if (bits >> set->order[i] & 1u) {
            sum += set->values[set->order[i]];
            any = 1;
        }
    return push_total(L, sum, any);
}

/* total(table, set): the sum of the first value column of the exact
 * one-key `table` over the keys of `set` whose value is true, taken in
 * the order pairs() visits them, so a sum of fractions is the same in
 * every run; the integer 0 when there are none, as a loop starting at 0
 * would give. Values come from the table's map(), so a key with no row
 * is the same error as reading it there. */
static int api_total(lua_State *L)
{
    sbx *s = sbx_of(L);
    const tbl_table *t = check_table(L, 1, "total");
    lua_Integer i, n;
    double sum = 0;
    int any = 0, k;
    if (t->kind != TBL_EXACT || t->nkeys != 1)
        return luaL_error(L, "total: table '%s' is not an exact table with "
                          "one key", t->name);
    luaL_checktype(L, 2, LUA_TTABLE);
    for (k = 0; k < s->ndecl_sets; k++)
        if (lua_topointer(L, 2) == s->decl_sets[k].proxy && s->decl &&
            total_decl_set(L, s, t, &s->decl_sets[k]))
            return 1;
    lua_settop(L, 2);
    push_map(L, s, t, 0);
    lua_getmetatable(L, 3);
    lua_getfield(L, 4, "__index"); /* the map's real table, at 5 */
    sbx_push_ordered(L, 2);        /* the set's keys at 6, values at 7 */
    n = (lua_Integer)lua_rawlen(L, 6);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, 6, i);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 7) != LUA_TNIL && lua_toboolean(L, -1)) {
            lua_pushvalue(L, -2);
            if (lua_rawget(L, 5) != LUA_TNUMBER) { /* no row: map's error */
                lua_pop(L, 1);
                lua_pushvalue(L, -2);
                lua_gettable(L, 3);
            }
            sum += lua_tonumber(L, -1);
            any = 1;
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    }
    return push_total(L, sum, any);
}

/* rows(table): the whole table as a list of rows {column = value}. */
static int api_rows(lua_State *L)
{
    const tbl_table *t = check_table(L, 1, "rows");
    size_t r;
    int k;
    lua_createtable(L, (int)t->nrows, 0);
    for (r = 0; r < t->nrows; r++) {
        lua_createtable(L, 0, t->nkeys + t->nvalues + 1);
        if (t->kind == TBL_EXACT) {
            for (k = 0; k < t->nkeys; k++) {
                const tbl_cell *c = &t->keys[r * (size_t)t->nkeys + k];
                if (t->key_types[k] == TBL_TEXT)
                    lua_pushstring(L, c->s);
                else
                    lua_pushinteger(L, (lua_Integer)c->i);
                lua_setfield(L, -2, t->key_names[k]);
            }
        } else if (t->kind == TBL_BAND) {
            lua_pushnumber(L, t->lo[r]);
            lua_setfield(L, -2, "from");
            if (isfinite(t->hi[r]))
                lua_pushnumber(L, t->hi[r]);
            else
                lua_pushnil(L);
            lua_setfield(L, -2, "to");
        } else {
            lua_pushnumber(L, t->lo[r]);
            lua_setfield(L, -2, t->key_names[0]);
        }
        for (k = 0; k < t->nvalues; k++) {
            lua_pushnumber(L, t->values[r * (size_t)t->nvalues + k]);
            lua_setfield(L, -2, t->value_names[k]);
        }
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
}

/* ---- coverages and worksheet steps ----------------------------------- */

static rate_result *res_of(lua_State *L, const char *fname)
{
    sbx *s = sbx_of(L);
    if (!s->res)
        sbx_require_quote(L, fname);
    if (s->in_shared)
        luaL_error(L, "%s() cannot be called in shared(d): it may only look "
                   "tables up and compute", fname);
    return s->res;
}

static void oom(lua_State *L)
{
    lua_pushliteral(L, "not enough memory");
    lua_error(L);
}

/* Index of the coverage named `name`, or RES_POLICY for "policy"; raises
 * when that part takes no steps now (before or after combine()). */
static int coverage_at(lua_State *L, const rate_result *r, const char *name,
                       int cov)
{
    if (cov == RES_POLICY && !r->combined)
        luaL_error(L, "'policy' steps come after combine()");
    if (cov != RES_POLICY && r->combined)
        luaL_error(L, "coverage '%s': steps on a coverage come before "
                   "combine(); use 'policy' after it", name);
    return cov;
}

/* Index of the coverage named at `arg`, or RES_POLICY for "policy". The
 * names cover() got are found by address, others by their bytes. */
static int check_coverage(lua_State *L, rate_result *r, int arg)
{
    sbx *s = sbx_of(L);
    const char *name = lua_tostring(L, arg);
    size_t i;
    if (name == s->policy_name)
        return coverage_at(L, r, name, RES_POLICY);
    if (s->cov_res == r)
        for (i = 0; i < r->ncoverages; i++)
            if (s->cov_names[i] == name)
                return coverage_at(L, r, name, (int)i);
    if (!name)
        name = luaL_checkstring(L, arg); /* raises */
    if (strcmp(name, "policy") == 0)
        return coverage_at(L, r, name, RES_POLICY);
    for (i = 0; i < r->ncoverages; i++)
        if (strcmp(res_at(r, r->coverages[i].name), name) == 0)
            return coverage_at(L, r, name, (int)i);
    luaL_error(L, "unknown coverage '%s' (declare it with cover())", name);
    return 0;
}

/* Remembers the name at `arg` (at name) of coverage `cov` for
 * check_coverage; anchored so that no other string can take its
 * address. */
static void remember_coverage(lua_State *L, const rate_result *r, int cov,
                              int arg, const char *name)
{
    sbx *s = sbx_of(L);
    if (cov == 0)
        s->cov_res = r;
    if (s->cov_res != r)
        return;
    s->cov_names[cov] = NULL;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->api_names_ref);
    lua_pushvalue(L, arg);
    lua_rawseti(L, -2, (lua_Integer)cov + 1);
    lua_pop(L, 1);
    s->cov_names[cov] = name;
}

static double *premium_of(rate_result *r, int cov)
{
    return cov == RES_POLICY ? &r->policy_premium : &r->coverages[cov].premium;
}

#define SBX_MAX_LABEL 512    /* bytes of a step label, reason or warning */
#define SBX_MAX_TEXT 2048
#define SBX_MAX_CODE 64

/* The worksheet, reasons and warnings a plan writes count against the
 * quote's memory budget like its Lua values do. */
static void charge_result(lua_State *L, const rate_result *r)
{
    sbx *s = sbx_of(L);
    size_t bytes = r->arena.len + r->nsteps * sizeof *r->steps +
                   r->nreasons * sizeof *r->reasons +
                   r->nwarnings * sizeof *r->warnings;
    size_t lua_bytes = s->used > s->quote_base ? s->used - s->quote_base : 0;
    if (s->lim.max_memory && bytes + lua_bytes > s->lim.max_memory)
        sbx_trip(L, SBX_TRIP_MEMORY);
}

static const char *check_label(lua_State *L, int arg, size_t *len)
{
    return sbx_check_text(L, arg, len, SBX_MAX_LABEL, "a step label");
}

static double check_finite(lua_State *L, int arg, const char *label)
{
    int isnum;
    double v = lua_tonumberx(L, arg, &isnum);
    if (!isnum)
        v = luaL_checknumber(L, arg); /* raises */
    if (!isfinite(v))
        luaL_error(L, "step '%s': value is not a finite number", label);
    return v;
}

/* Applies op to the coverage's premium, checks the result, records the
 * step with its table and key (table_arg 0: none; keys from key_first,
 * nkeys of them, or the single value at key_first when nkeys < 0). */
/* The underwriter's override for this step, if any (and marks it used). */
static const ratel_override *find_override(rate_result *r, int cov,
                                           const char *label)
{
    const char *name = cov == RES_POLICY ? "policy"
                                         : res_at(r, r->coverages[cov].name);
    size_t i;
    for (i = 0; i < r->noverrides; i++)
        if (strcmp(r->overrides[i].label, label) == 0 &&
            strcmp(r->overrides[i].coverage, name) == 0) {
            r->override_used[i] = 1;
            return &r->overrides[i];
        }
    return NULL;
}

/* The premium of coverage cov after op with `value` (the underwriter's
 * override of the step labelled `label` in its place, *ov); raises when
 * it leaves the money bound. */
static inline double step_premium(lua_State *L, rate_result *r, int cov, res_op op,
                           const char *label, double *value,
                           const ratel_override **ov)
{
    double *p = premium_of(r, cov), np = *p;
    *ov = NULL;
    if (r->noverrides && op != RES_ROUND && op != RES_COMBINE &&
        (*ov = find_override(r, cov, label)))
        *value = (*ov)->value;
    switch (op) {
    case RES_SET:
    case RES_COMBINE: np = *value; break;
    case RES_MUL: np = *p * *value; break;
    case RES_ADD: np = *p + *value; break;
    case RES_AT_LEAST: np = *p < *value ? *value : *p; break;
    case RES_AT_MOST: np = *p > *value ? *value : *p; break;
    default: break; /* note, round (computed by the caller) */
    }
    if (!isfinite(np) || fabs(np) > (double)RATEL_MONEY_MAX)
        luaL_error(L, "step '%s' made the premium %s", label,
                   isfinite(np) ? "larger than the money bound"
                                : "not a finite number");
    *p = np;
    return np;
}

static double apply_step(lua_State *L, rate_result *r, int cov, res_op op,
                         const char *label, size_t label_len, double value,
                         const char *table, int key_first, int nkeys)
{
    double calculated = value, np;
    const ratel_override *ov;
    res_step st;
    np = step_premium(L, r, cov, op, label, &value, &ov);
    if (!r->record_steps)
        return np;
    if (r->nsteps >= SBX_MAX_STEPS)
        luaL_error(L, "more than %d worksheet steps", SBX_MAX_STEPS);
    st.coverage = cov;
    st.op = op;
    st.mode = 0;
    st.label = res_str(r, label, label_len);
    st.table = table ? res_str(r, table, strlen(table)) : RES_NONE;
    st.key = RES_NONE;
    if (key_first > 0 && nkeys != 0) { /* as res_str, written in place */
        size_t off = r->arena.len;
        key_text(L, key_first, nkeys < 0 ? 1 : nkeys, &r->arena);
        buf_putc(&r->arena, '\0');
        if (r->arena.len >= RES_NONE) /* not a step without its key */
            r->arena.oom = 1;
        st.key = (uint32_t)off;
    }
    st.value = value;
    st.premium = np;
    st.calculated = calculated;
    st.override_reason =
        ov ? res_str(r, ov->reason, strlen(ov->reason)) : RES_NONE;
    if (r->arena.oom || res_add_step(r, &st))
        oom(L);
    charge_result(L, r);
    return np;
}

/* A step that names a table and a key says the table holds its value
 * for that key, and the worksheet shows it as that lookup: the value the
 * plan passes must be the one the table holds (exactly), else the quote
 * fails, naming both. The key is a number or text; the keys of a table of
 * several are given joined by '/' ("3/100000000"), as the worksheet shows
 * them. Documented in docs/plans.md ("Steps that name a table"). */
static void check_step_claim(lua_State *L, const tbl_table *t, int arg,
                             const char *label, double value)
{
    tbl_key keys[TBL_MAX_KEYS];
    double vals[16], *v = vals;
    size_t len;
    const char *text = lua_type(L, arg) == LUA_TSTRING
                           ? lua_tolstring(L, arg, &len) : NULL;
    int n = 0, rc;
    buf b;
    if (!text) {
        read_key(L, arg, &keys[n++]);
    } else {
        const char *p = text, *end = text + len;
        while (n < TBL_MAX_KEYS) {
            const char *slash = t->nkeys > 1 ? memchr(p, '/', (size_t)(end - p))
                                             : NULL;
            tbl_key *k = &keys[n];
            char num[64], *stop;
            size_t plen = (size_t)((slash ? slash : end) - p);
            memset(k, 0, sizeof *k);
            k->is_text = 1;
            k->s = p;
            k->len = plen;
            if (t->key_types[n] != TBL_TEXT && plen > 0 && plen < sizeof num) {
                memcpy(num, p, plen);
                num[plen] = '\0';
                k->num = strtod(num, &stop);
                if (*stop == '\0') { /* a number given as text */
                    k->is_text = 0;
                    k->is_int = k->num == floor(k->num) &&
                                fabs(k->num) < 9e15;
                    k->i = (int64_t)k->num;
                }
            }
            n++;
            if (!slash)
                break;
            p = slash + 1;
        }
    }
    if (t->nvalues > 16)
        v = lua_newuserdatauv(L, sizeof(double) * (size_t)t->nvalues, 0);
    rc = n == t->nkeys ? tbl_lookup(t, keys, n, v) : -1;
    if (rc == 0 && v[0] == value)
        return;
    buf_init(&b); /* the key, the value passed, the table's: for messages */
    key_text(L, arg, 1, &b);
    lua_pushstring(L, buf_cstr(&b) ? buf_cstr(&b) : "?");
    buf_reset(&b);
    buf_put_double(&b, value);
    lua_pushstring(L, buf_cstr(&b) ? buf_cstr(&b) : "?");
    buf_reset(&b);
    buf_put_double(&b, rc == 0 ? v[0] : 0);
    lua_pushstring(L, buf_cstr(&b) ? buf_cstr(&b) : "?");
    buf_free(&b);
    if (n != t->nkeys)
        luaL_error(L, "step '%s' names %s[%s], but table '%s' takes %d "
                   "keys (join them with '/')", label, t->name,
                   lua_tostring(L, -3), t->name, t->nkeys);
    if (rc != 0)
        luaL_error(L, "step '%s' names %s[%s], which has no row for that "
                   "key (version %s): name the row the value comes from, "
                   "or leave out the table and key", label, t->name,
                   lua_tostring(L, -3), t->version);
    luaL_error(L, "step '%s' passes %s beside %s[%s], which holds %s "
               "(version %s): pass the table's value (base() and factor() "
               "look it up), or leave out the table and key", label,
               lua_tostring(L, -2), t->name, lua_tostring(L, -3),
               lua_tostring(L, -1), t->version);
}

/* Pushes what a step returns: the running premium p, or nil inside
 * shared_steps(fn), whose steps must not depend on the option's premium
 * (the same in a single quote as in a menu's replay). */
static void push_premium(lua_State *L, double p)
{
    if (sbx_of(L)->in_block)
        lua_pushnil(L);
    else
        lua_pushnumber(L, p);
}

/* set/mul/add/at_least/at_most/note(coverage, label, value [, table, key]) */
static int step_op(lua_State *L, res_op op, const char *fname)
{
    rate_result *r = res_of(L, fname);
    int cov = check_coverage(L, r, 1);
    size_t len;
    const char *label = check_label(L, 2, &len);
    double v = check_finite(L, 3, label);
    const tbl_table *t = NULL;
    const char *table = NULL;
    int top = lua_gettop(L);
    int key_type = top >= 5 ? lua_type(L, 5) : LUA_TNONE;
    int has_key = key_type != LUA_TNONE && key_type != LUA_TNIL;
    if (top >= 4 && !lua_isnil(L, 4))
        table = (t = check_table(L, 4, fname))->name;
    if (key_type == LUA_TSTRING) {
        size_t klen;
        sbx_check_text(L, 5, &klen, SBX_MAX_CODE * 4, "a step key");
    } else if (has_key && key_type != LUA_TNUMBER) {
        return luaL_argerror(L, 5, "a key is a string or a number");
    }
    if (t && has_key)
        check_step_claim(L, t, 5, label, v);
    push_premium(L, apply_step(L, r, cov, op, label, len, v, table,
                               has_key ? 5 : 0, has_key ? -1 : 0));
    return 1;
}

static int api_set(lua_State *L) { return step_op(L, RES_SET, "set"); }
static int api_mul(lua_State *L) { return step_op(L, RES_MUL, "mul"); }
static int api_add(lua_State *L) { return step_op(L, RES_ADD, "add"); }
static int api_at_least(lua_State *L)
{
    return step_op(L, RES_AT_LEAST, "at_least");
}
static int api_at_most(lua_State *L)
{
    return step_op(L, RES_AT_MOST, "at_most");
}
static int api_note(lua_State *L) { return step_op(L, RES_NOTE, "note"); }

/* base/factor(coverage, label, table, key...): look up the first value
 * column and set / multiply the premium by it, recording table and key. */
static int lookup_step(lua_State *L, res_op op, const char *fname)
{
    rate_result *r = res_of(L, fname);
    int cov = check_coverage(L, r, 1);
    size_t len;
    const char *label = check_label(L, 2, &len);
    const tbl_table *t = check_table(L, 3, fname);
    tbl_key keys[TBL_MAX_KEYS];
    double vals[16], *v = vals;
    int n = read_keys(L, t, 4, keys), rc;
    if (t->nvalues > 16)
        v = lua_newuserdatauv(L, sizeof(double) * (size_t)t->nvalues, 0);
    rc = tbl_lookup(t, keys, n, v);
    if (rc != 0)
        return key_error(L, t, 4, n, rc);
    push_premium(L, apply_step(L, r, cov, op, label, len, v[0], t->name,
                               4, n));
    lua_pushnumber(L, v[0]);
    return 2;
}

static int api_base(lua_State *L) { return lookup_step(L, RES_SET, "base"); }
static int api_factor(lua_State *L)
{
    return lookup_step(L, RES_MUL, "factor");
}

static const char *check_mode(lua_State *L, int arg)
{
    const char *mode = luaL_optstring(L, arg, "half_up");
    double dummy;
    if (res_round(0, 1, mode, &dummy))
        luaL_argerror(L, arg, "mode must be half_up, half_even or down");
    return mode;
}

static int64_t check_unit(lua_State *L, int arg)
{
    lua_Integer unit = luaL_checkinteger(L, arg);
    if (unit != 1 && unit != 10 && unit != 100 && unit != 1000)
        luaL_argerror(L, arg, "unit must be 1, 10, 100 or 1000");
    return (int64_t)unit;
}

/* round(coverage, label, unit [, mode]) */
static int api_round(lua_State *L)
{
    rate_result *r = res_of(L, "round");
    int cov = check_coverage(L, r, 1);
    size_t len;
    const char *label = check_label(L, 2, &len);
    int64_t unit = check_unit(L, 3);
    const char *mode = check_mode(L, 4);
    double *p = premium_of(r, cov), out;
    res_round(*p, unit, mode, &out);
    *p = out;
    push_premium(L, apply_step(L, r, cov, RES_ROUND, label, len,
                               (double)unit, NULL, 0, 0));
    if (r->record_steps) /* check_mode passed one of res_round_modes */
        r->steps[r->nsteps - 1].mode = mode[0] == 'd' ? 2 : mode[5] == 'e';
    return 1;
}

int sbx_coverage_named(lua_State *L, const rate_result *r,
                       const char *name)
{
    size_t i;
    if (strcmp(name, "policy") == 0)
        return RES_POLICY;
    for (i = 0; i < r->ncoverages; i++)
        if (strcmp(res_at(r, r->coverages[i].name), name) == 0)
            return (int)i;
    return luaL_error(L, "unknown coverage '%s' (declare it with cover())",
                      name);
}

void sbx_replay_step(lua_State *L, rate_result *r, const res_step *st,
                     const char *text, int cov)
{
    double value = st->calculated, out;
    const char *label = text + st->label;
    const ratel_override *ov;
    res_step n = *st;
    coverage_at(L, r, text + st->coverage, cov);
    if (st->op == RES_ROUND) {
        res_round(*premium_of(r, cov), (int64_t)value,
                  res_round_modes[st->mode], &out);
        *premium_of(r, cov) = out;
    }
    n.premium = step_premium(L, r, cov, st->op, label, &value, &ov);
    if (r->nsteps >= SBX_MAX_STEPS)
        luaL_error(L, "more than %d worksheet steps", SBX_MAX_STEPS);
    n.coverage = cov;
    n.label = res_str(r, label, sbx_kept_len(text, st->label));
    n.table = st->table == RES_NONE
                  ? RES_NONE
                  : res_str(r, text + st->table, sbx_kept_len(text, st->table));
    n.key = st->key == RES_NONE
                ? RES_NONE
                : res_str(r, text + st->key, sbx_kept_len(text, st->key));
    n.value = value;
    n.calculated = st->calculated;
    n.override_reason =
        ov ? res_str(r, ov->reason, strlen(ov->reason)) : RES_NONE;
    if (r->arena.oom || res_add_step(r, &n))
        oom(L);
}

void sbx_charge_result(lua_State *L, const rate_result *r)
{
    charge_result(L, r);
}

/* Whether `name` (len bytes) can be a term of coverage `cov`: a money
 * or integer field of the declaration's part of that name, or of its
 * object of sub-limits ("sublimits.ransom"); without such a part, one
 * of the usual terms. */
static int term_known(const sbx *s, const char *cov, const char *name,
                      size_t len, int *node)
{
    static const char *const usual[] = {
        "limit", "deductible", "coinsurance_pct", "aggregate_limit",
        "waiting_hours", "indemnity_days", NULL};
    const sch_schema *sc = s->decl ? s->decl->schema : NULL;
    int role = sc ? sc->roles[SCH_ROLE_COVERAGES] : -1, part = -1, n;
    const char *dot = memchr(name, '.', len);
    size_t i;
    *node = -1;
    if (role >= 0)
        part = sch_child(sc, role, cov, strlen(cov), NULL);
    if (part < 0) {
        if (dot)
            return dot - name == 9 && memcmp(name, "sublimits", 9) == 0 &&
                   len > 10;
        for (i = 0; usual[i]; i++)
            if (strlen(usual[i]) == len && memcmp(usual[i], name, len) == 0)
                return 1;
        return 0;
    }
    n = sch_child(sc, part, name, dot ? (size_t)(dot - name) : len, NULL);
    if (n >= 0 && dot && sc->nodes[n].type == SCH_OBJECT)
        n = sch_child(sc, n, dot + 1, len - (size_t)(dot - name) - 1, NULL);
    else if (dot)
        n = -1;
    if (n < 0 || sc->nodes[n].input_only ||
        (sc->nodes[n].type != SCH_MONEY && sc->nodes[n].type != SCH_INTEGER))
        return 0;
    *node = n;
    return 1;
}

/* Records term `name` = value of coverage `cov` as the plan priced it
 * (replacing an earlier statement of it), with an optional reason code
 * for a difference from what was asked. */
static void state_term(lua_State *L, rate_result *r, int cov,
                       const char *name, size_t len, lua_Integer value,
                       const char *reason, size_t rlen)
{
    const char *covname = res_at(r, r->coverages[cov].name);
    res_term t;
    size_t i, n = 0;
    int node;
    if (!term_known(sbx_of(L), covname, name, len, &node))
        luaL_error(L, "coverage '%s': no term '%s' (its terms are the "
                   "money and integer fields of coverages.%s in the "
                   "schema)", covname, name, covname);
    if (value < 0 || value > RATEL_MONEY_MAX)
        luaL_error(L, "coverage '%s': term '%s' out of range", covname,
                   name);
    for (i = 0; i < r->nterms; i++) {
        res_term *x = &r->terms[i];
        if (x->coverage != cov)
            continue;
        n++;
        if (strlen(res_at(r, x->name)) == len &&
            memcmp(res_at(r, x->name), name, len) == 0) {
            x->priced = (int64_t)value;
            if (reason)
                x->reason = res_str(r, reason, rlen);
            return;
        }
    }
    if (n >= RES_MAX_TERMS)
        luaL_error(L, "coverage '%s': more than %d terms", covname,
                   RES_MAX_TERMS);
    memset(&t, 0, sizeof t);
    t.coverage = cov;
    t.name = res_str(r, name, len);
    t.priced = (int64_t)value;
    t.stated = 1;
    t.reason = reason ? res_str(r, reason, rlen) : RES_NONE;
    t.node = node;
    if (t.name == RES_NONE || res_add_term(r, &t))
        oom(L);
}

/* The reason code for term `name` in the `because` value at index
 * `because` (a code for every term, or a table term -> code), or NULL. */
static const char *reason_for(lua_State *L, int because, const char *name,
                              size_t *len)
{
    const char *code = NULL;
    if (because == 0)
        return NULL;
    if (lua_type(L, because) == LUA_TSTRING)
        return sbx_check_text(L, because, len, SBX_MAX_CODE, "a reason code");
    lua_getfield(L, because, name);
    if (!lua_isnil(L, -1))
        code = sbx_check_text(L, lua_gettop(L), len, SBX_MAX_CODE,
                              "a reason code");
    lua_pop(L, 1); /* the string stays referenced by `because` */
    return code;
}

/* ---- cover()'s terms read by key ------------------------------------- */

/* The field of object node `obj` named `key` (len bytes), or -1: by the
 * address of the key when it is the Lua string the view of the schema
 * holds for a field (short strings are interned: the plan's literal
 * "deductible" is that string), else by its bytes. */
static int field_named(const sbx *s, const sch_schema *sc, int obj,
                       const char *key, size_t len)
{
    const sch_node *o = &sc->nodes[obj];
    int i;
    if (s->view && s->view->schema == sc)
        for (i = 0; i < o->nchildren; i++)
            if (s->view->keys[o->children[i]] == key)
                return o->children[i];
    return sch_child(sc, obj, key, len, NULL);
}

/* A term found by cover_terms_known, to be stated. */
typedef struct known_term {
    char name[96];
    size_t len;
    int node;
    lua_Integer value;
    const char *reason;
    size_t rlen;
} known_term;

/* cover()'s terms table at index 2, when every key is a term the
 * coverage's part of the schema has (or "because", a table, or
 * "sublimits", a table of the part's sub-limits), with a valid value
 * and reason, and "limit" is there: states each term and returns 1 with
 * the limit in *limit, without the sorted copy of the keys cover_terms
 * makes. The coverage is new, so it has no terms yet, and no two keys
 * name the same term; they are stated in the table's order, not the
 * keys' (terms_settle puts them in the schema's order). Otherwise
 * returns 0 having changed nothing, and cover_terms reads the table,
 * raising the error it finds first. */
static int cover_terms_known(lua_State *L, rate_result *r, int cov,
                             const char *covname, lua_Integer *limit)
{
    const sbx *s = sbx_of(L);
    const sch_schema *sc = s->decl ? s->decl->schema : NULL;
    int role = sc ? sc->roles[SCH_ROLE_COVERAGES] : -1, part, subs = -1;
    int top = lua_gettop(L), because = 0, has_limit = 0, i, nterms = 0;
    known_term t[RES_MAX_TERMS];
    if (role < 0 ||
        (part = sch_child(sc, role, covname, strlen(covname), NULL)) < 0 ||
        sc->nodes[part].type != SCH_OBJECT || lua_getmetatable(L, 2))
        return 0;
    lua_getfield(L, 2, "because"); /* no metatable: a raw read */
    if (lua_istable(L, -1)) {
        if (lua_getmetatable(L, -1))
            goto slow;
        because = lua_gettop(L);
    } else if (!lua_isnil(L, -1)) {
        goto slow;
    }
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        const char *key;
        size_t len;
        if (lua_type(L, -2) != LUA_TSTRING)
            goto slow;
        key = lua_tolstring(L, -2, &len);
        if (len == 7 && memcmp(key, "because", 7) == 0) {
            lua_pop(L, 1);
            continue;
        }
        if (len == 9 && memcmp(key, "sublimits", 9) == 0) {
            int sub = lua_gettop(L);
            if (!lua_istable(L, sub) || lua_getmetatable(L, sub) ||
                (subs = field_named(s, sc, part, key, len)) < 0 ||
                sc->nodes[subs].type != SCH_OBJECT)
                goto slow;
            lua_pushnil(L);
            while (lua_next(L, sub)) {
                known_term *x = &t[nterms];
                const char *name;
                size_t sl;
                int n;
                if (lua_type(L, -2) != LUA_TSTRING ||
                    nterms == RES_MAX_TERMS)
                    goto slow;
                name = lua_tolstring(L, -2, &sl);
                if (sl > sizeof x->name - 11)
                    goto slow;
                n = field_named(s, sc, subs, name, sl);
                if (n < 0 || sc->nodes[n].input_only ||
                    (sc->nodes[n].type != SCH_MONEY &&
                     sc->nodes[n].type != SCH_INTEGER) ||
                    !lua_isinteger(L, -1))
                    goto slow;
                memcpy(x->name, "sublimits.", 10);
                memcpy(x->name + 10, name, sl + 1);
                x->node = n;
                x->len = sl + 10;
                x->value = lua_tointeger(L, -1);
                x->reason = NULL;
                x->rlen = 0;
                if (x->value < 0 || x->value > RATEL_MONEY_MAX)
                    goto slow;
                nterms++;
                lua_pop(L, 1);
            }
        } else {
            known_term *x = &t[nterms];
            int n = field_named(s, sc, part, key, len);
            if (n < 0 || sc->nodes[n].input_only ||
                (sc->nodes[n].type != SCH_MONEY &&
                 sc->nodes[n].type != SCH_INTEGER) ||
                !lua_isinteger(L, -1) || nterms == RES_MAX_TERMS ||
                len >= sizeof x->name)
                goto slow;
            memcpy(x->name, key, len + 1);
            x->len = len;
            x->node = n;
            x->value = lua_tointeger(L, -1);
            x->reason = NULL;
            x->rlen = 0;
            if (x->value < 0 || x->value > RATEL_MONEY_MAX)
                goto slow;
            if (len == 5 && memcmp(key, "limit", 5) == 0) {
                has_limit = 1;
                *limit = x->value;
            }
            nterms++;
        }
        lua_pop(L, 1);
    }
    if (!has_limit)
        goto slow;
    /* the reasons: because[name] of each term (a key of `because` that
     * names no term is not read, as in cover_terms); each stays
     * referenced by `because` */
    if (because) {
        lua_pushnil(L);
        while (lua_next(L, because)) {
            const char *key, *code;
            size_t len, clen;
            if (lua_type(L, -2) == LUA_TSTRING) {
                key = lua_tolstring(L, -2, &len);
                for (i = 0; i < nterms; i++)
                    if (t[i].len == len && memcmp(t[i].name, key, len) == 0)
                        break;
                if (i < nterms) {
                    if (lua_type(L, -1) != LUA_TSTRING)
                        goto slow;
                    code = lua_tolstring(L, -1, &clen);
                    if (!sbx_text_valid(code, clen, SBX_MAX_CODE))
                        goto slow;
                    t[i].reason = code;
                    t[i].rlen = clen;
                }
            }
            lua_pop(L, 1);
        }
    }
    for (i = 0; i < nterms; i++) { /* as state_term states a new term */
        res_term x;
        memset(&x, 0, sizeof x);
        x.coverage = cov;
        x.name = res_str(r, t[i].name, t[i].len);
        x.priced = (int64_t)t[i].value;
        x.stated = 1;
        x.reason = t[i].reason ? res_str(r, t[i].reason, t[i].rlen)
                               : RES_NONE;
        x.node = t[i].node;
        if (x.name == RES_NONE || res_add_term(r, &x))
            oom(L);
    }
    lua_settop(L, top);
    return 1;
slow:
    lua_settop(L, top);
    return 0;
}

/* The terms table at index 2 of cover(): every key a term, "sublimits" a
 * table of sub-limits, "because" the reason codes of differences. */
static lua_Integer cover_terms(lua_State *L, rate_result *r, int cov)
{
    lua_Integer limit = -1;
    int because = 0, i, n;
    lua_getfield(L, 2, "because");
    if (!lua_isnil(L, -1)) {
        if (lua_type(L, -1) != LUA_TSTRING && !lua_istable(L, -1))
            luaL_error(L, "cover: 'because' must be a reason code or a table "
                       "of codes by term");
        because = lua_gettop(L);
    }
    sbx_push_ordered(L, 2); /* keys in order, then the values */
    n = (int)lua_rawlen(L, -2);
    for (i = 1; i <= n; i++) {
        size_t len, rlen = 0;
        const char *key, *reason;
        lua_rawgeti(L, -2, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "cover: terms are named by strings");
        key = lua_tolstring(L, -1, &len);
        lua_pushvalue(L, -1);
        lua_rawget(L, -3);
        if (strcmp(key, "because") == 0) {
            lua_pop(L, 2);
            continue;
        }
        if (strcmp(key, "sublimits") == 0) {
            int j, m, sub = lua_gettop(L);
            luaL_checktype(L, sub, LUA_TTABLE);
            sbx_push_ordered(L, sub);
            m = (int)lua_rawlen(L, -2);
            for (j = 1; j <= m; j++) {
                char full[96];
                size_t flen;
                lua_rawgeti(L, -2, j);
                if (lua_type(L, -1) != LUA_TSTRING)
                    luaL_error(L, "cover: sub-limits are named by strings");
                flen = (size_t)snprintf(full, sizeof full, "sublimits.%s",
                                        lua_tostring(L, -1));
                if (flen >= sizeof full)
                    luaL_error(L, "cover: a sub-limit name is too long");
                lua_pushvalue(L, -1);
                lua_rawget(L, -3);
                if (!lua_isinteger(L, -1))
                    luaL_error(L, "cover: sub-limit '%s' must be an integer",
                               full + 10);
                reason = reason_for(L, because, full, &rlen);
                state_term(L, r, cov, full, flen, lua_tointeger(L, -1),
                           reason, rlen);
                lua_pop(L, 2);
            }
            lua_pop(L, 4);
            continue;
        }
        if (!lua_isinteger(L, -1))
            luaL_error(L, "cover: term '%s' must be an integer", key);
        reason = reason_for(L, because, key, &rlen);
        state_term(L, r, cov, key, len, lua_tointeger(L, -1), reason, rlen);
        if (strcmp(key, "limit") == 0)
            limit = lua_tointeger(L, -1);
        lua_pop(L, 2);
    }
    if (limit < 0)
        luaL_error(L, "cover: the terms need a limit");
    return limit;
}

/* cover(name, limit), cover(name, limit, deductible, coinsurance_pct
 * [, because]) or cover(name, {limit = ..., deductible = ...,
 * sublimits = {...}, because = ...}): declares a coverage part and the
 * terms it is priced for; its premium starts at 0. */
static int api_cover(lua_State *L)
{
    rate_result *r = res_of(L, "cover");
    size_t len, i;
    const char *name = sbx_check_text(L, 1, &len, SBX_MAX_CODE,
                                  "a coverage name");
    lua_Integer limit = 0, deductible = 0, share = 0;
    res_coverage *c;
    int cov, because = 0, terms = 0;
    sbx_no_block(L, "cover");
    if (r->combined)
        return luaL_error(L, "cover('%s') after combine()", name);
    if (strcmp(name, "policy") == 0)
        return luaL_argerror(L, 1, "a coverage needs a name other than "
                                   "'policy'");
    for (i = 0; i < r->ncoverages; i++)
        if (strcmp(res_at(r, r->coverages[i].name), name) == 0)
            return luaL_error(L, "coverage '%s' declared twice", name);
    if (r->ncoverages == RES_MAX_COVERAGES)
        return luaL_error(L, "more than %d coverages", RES_MAX_COVERAGES);
    if (!lua_istable(L, 2)) {
        limit = luaL_checkinteger(L, 2);
        if (limit < 0 || limit > RATEL_MONEY_MAX)
            return luaL_error(L, "coverage '%s': limit out of range", name);
        if (lua_gettop(L) >= 3 && !lua_isnil(L, 3)) {
            terms = 1;
            deductible = luaL_checkinteger(L, 3);
            share = luaL_checkinteger(L, 4);
            if (lua_gettop(L) >= 5 && !lua_isnil(L, 5)) {
                if (lua_type(L, 5) != LUA_TSTRING && !lua_istable(L, 5))
                    luaL_error(L, "cover: 'because' must be a reason code "
                               "or a table of codes by term");
                because = 5;
            }
        }
    }
    c = &r->coverages[r->ncoverages];
    c->name = res_str(r, name, len);
    if (c->name == RES_NONE)
        oom(L);
    c->limit = 0;
    cov = (int)r->ncoverages++;
    c->premium = 0;
    c->allocated = 0;
    if (lua_istable(L, 2)) {
        if (!cover_terms_known(L, r, cov, name, &limit))
            limit = cover_terms(L, r, cov);
    } else {
        size_t rlen = 0;
        const char *why = reason_for(L, because, "limit", &rlen);
        state_term(L, r, cov, "limit", 5, limit, why, rlen);
        if (terms) { /* cover(name, limit, deductible, share) */
            why = reason_for(L, because, "deductible", &rlen);
            state_term(L, r, cov, "deductible", 10, deductible, why, rlen);
            why = reason_for(L, because, "coinsurance_pct", &rlen);
            state_term(L, r, cov, "coinsurance_pct", 15, share, why, rlen);
        }
    }
    if (limit < 0 || limit > RATEL_MONEY_MAX)
        return luaL_error(L, "coverage '%s': limit out of range", name);
    c->limit = (int64_t)limit;
    remember_coverage(L, r, cov, 1, name);
    return 0;
}

/* term(coverage, name, value [, reason]): the coverage is priced for
 * `value` of term `name` (the limit stays the one cover() was given; a
 * different limit is stated with cover()). */
static int api_term(lua_State *L)
{
    rate_result *r = res_of(L, "term");
    int cov;
    sbx_no_block(L, "term");
    cov = check_coverage(L, r, 1);
    size_t len, rlen = 0;
    const char *name = luaL_checklstring(L, 2, &len);
    lua_Integer value = luaL_checkinteger(L, 3);
    const char *reason = lua_isnoneornil(L, 4)
        ? NULL : sbx_check_text(L, 4, &rlen, SBX_MAX_CODE, "a reason code");
    if (cov == RES_POLICY)
        return luaL_argerror(L, 1, "terms belong to a coverage");
    if (strcmp(name, "limit") == 0 && value != r->coverages[cov].limit)
        return luaL_error(L, "term('%s', 'limit'): state the limit with "
                          "cover()", res_at(r, r->coverages[cov].name));
    state_term(L, r, cov, name, len, value, reason, rlen);
    return 0;
}

/* combine(label): the policy premium is the sum of the coverages'. */
static int api_combine(lua_State *L)
{
    rate_result *r = res_of(L, "combine");
    sbx_no_block(L, "combine");
    size_t len, i;
    const char *label = check_label(L, 1, &len);
    double sum = 0;
    if (r->combined)
        return luaL_error(L, "combine() called twice");
    if (r->ncoverages == 0)
        return luaL_error(L, "combine() before any cover()");
    for (i = 0; i < r->ncoverages; i++)
        sum += r->coverages[i].premium;
    r->combined = 1;
    lua_pushnumber(L, apply_step(L, r, RES_POLICY, RES_COMBINE, label, len,
                                 sum, NULL, 0, 0));
    return 1;
}

/* premium(coverage): the running premium. */
static int api_premium(lua_State *L)
{
    rate_result *r = res_of(L, "premium");
    sbx_no_block(L, "premium");
    lua_pushnumber(L, *premium_of(r, check_coverage(L, r, 1)));
    return 1;
}

/* limit(coverage): the limit given to cover(). */
static int api_limit(lua_State *L)
{
    rate_result *r = res_of(L, "limit");
    sbx_no_block(L, "limit");
    int cov = check_coverage(L, r, 1);
    if (cov == RES_POLICY)
        return luaL_argerror(L, 1, "the policy has no single limit");
    lua_pushinteger(L, (lua_Integer)r->coverages[cov].limit);
    return 1;
}

/* ---- underwriting ---------------------------------------------------- */

static int outcome(lua_State *L, res_kind kind, const char *fname)
{
    rate_result *r = res_of(L, fname);
    size_t lc, lt;
    const char *code = sbx_check_text(L, 1, &lc, SBX_MAX_CODE, "a reason code");
    const char *text = sbx_check_text(L, 2, &lt, SBX_MAX_TEXT, "a reason text");
    if (r->nreasons >= SBX_MAX_STEPS)
        return luaL_error(L, "more than %d reasons", SBX_MAX_STEPS);
    if (res_add_reason(r, kind, 0, code, lc, text, lt))
        oom(L);
    charge_result(L, r);
    return 0;
}

/* refer(code, reason) and decline(code, reason). */
static int api_refer(lua_State *L) { return outcome(L, RES_REFER, "refer"); }
static int api_decline(lua_State *L)
{
    return outcome(L, RES_DECLINE, "decline");
}

/* subject_to(code, condition): a condition to bind, carried on the quote. */
static int api_subject_to(lua_State *L)
{
    return outcome(L, RES_SUBJECTIVITY, "subject_to");
}

#define SBX_MAX_AUTHORITY 9

/* require_authority(level, reason): the quote needs an underwriter of at
 * least `level` (1..9); below it, the engine refers the quote. */
static int api_require_authority(lua_State *L)
{
    rate_result *r = res_of(L, "require_authority");
    lua_Integer level = luaL_checkinteger(L, 1);
    size_t lt;
    const char *text = sbx_check_text(L, 2, &lt, SBX_MAX_TEXT, "an authority reason");
    char code[16];
    if (level < 1 || level > SBX_MAX_AUTHORITY)
        return luaL_argerror(L, 1, "authority levels run from 1 to 9");
    snprintf(code, sizeof code, "LEVEL_%d", (int)level);
    if (r->nreasons >= SBX_MAX_STEPS)
        return luaL_error(L, "more than %d reasons", SBX_MAX_STEPS);
    if (res_add_reason(r, RES_AUTHORITY, (int)level, code, strlen(code),
                       text, lt))
        oom(L);
    charge_result(L, r);
    return 0;
}

/* authority(): the level of the underwriter rating this quote. */
static int api_authority(lua_State *L)
{
    rate_result *r = res_of(L, "authority");
    lua_pushinteger(L, r->authority);
    return 1;
}

/* warn(text): a note for the broker that does not change the decision. */
static int api_warn(lua_State *L)
{
    rate_result *r = res_of(L, "warn");
    size_t len;
    const char *text = sbx_check_text(L, 1, &len, SBX_MAX_TEXT, "a warning");
    if (r->nwarnings >= SBX_MAX_STEPS)
        return luaL_error(L, "more than %d warnings", SBX_MAX_STEPS);
    if (res_add_warning(r, text, len))
        oom(L);
    charge_result(L, r);
    return 0;
}

/* ---- pure helpers ---------------------------------------------------- */

/* round_amount(x, unit [, mode]): x rounded to a multiple of unit. */
static int api_round_amount(lua_State *L)
{
    double x = check_amount(L, 1, "round_amount"), out;
    int64_t unit = check_unit(L, 2);
    res_round(x, unit, check_mode(L, 3), &out);
    lua_pushnumber(L, out);
    return 1;
}

/* Anchors "policy" and the coverage names check_coverage knows. */
static void api_names_setup(lua_State *L, sbx *s)
{
    lua_createtable(L, RES_MAX_COVERAGES + 1, 0);
    s->policy_name = lua_pushliteral(L, "policy");
    lua_rawseti(L, -2, RES_MAX_COVERAGES + 1);
    s->api_names_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

void sbx_api_register(lua_State *L)
{
    static const luaL_Reg api[] = {
        {"lookup", api_lookup},     {"find", api_find},
        {"rows", api_rows},         {"cover", api_cover},
        {"nearest", api_nearest},   {"map", api_map},
        {"total", api_total},
        {"set", api_set},           {"mul", api_mul},
        {"add", api_add},           {"at_least", api_at_least},
        {"at_most", api_at_most},   {"note", api_note},
        {"base", api_base},         {"factor", api_factor},
        {"round", api_round},       {"combine", api_combine},
        {"premium", api_premium},   {"limit", api_limit},
        {"term", api_term},
        {"refer", api_refer},       {"decline", api_decline},
        {"warn", api_warn},         {"subject_to", api_subject_to},
        {"require_authority", api_require_authority},
        {"authority", api_authority},         {"round_amount", api_round_amount},
        {NULL, NULL}};
    luaL_setfuncs(L, api, 0);
    sbx_blocks_register(L);
    sbx_group_register(L);
    sbx_attr_register(L);
    api_names_setup(L, sbx_of(L));
}
