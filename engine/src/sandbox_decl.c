/* sandbox_decl.c - the declaration as plans see it: read-only tables,
 * created once per interpreter and refreshed in place for each quote, so
 * a quote costs field writes, not table allocations. */
#include "sandbox_int.h"

#include <stdio.h>
#include <string.h>

#include "decl.h"

/* Creates an empty real table, stores it in R[name], and stores its
 * read-only proxy in owner[name] (owner may be R's D table). */
static void make_part(lua_State *L, int R, int owner, const char *name)
{
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, R, name);
    sbx_make_readonly(L);
    lua_setfield(L, owner, name);
}

static int setup(lua_State *L)
{
    sbx *s = sbx_of(L);
    int R, D;
    lua_newtable(L);
    R = lua_gettop(L);
    lua_newtable(L);
    D = lua_gettop(L);
    lua_pushvalue(L, D);
    lua_setfield(L, R, "D");
    make_part(L, R, D, "applicant");
    make_part(L, R, D, "incidents");
    make_part(L, R, D, "controls");
    make_part(L, R, D, "certifications");
    make_part(L, R, D, "request");
    lua_pushvalue(L, D);
    sbx_make_readonly(L);
    s->decl_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, R);
    s->decl_real_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    s->incident_pool_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* Fills the tables once with a blank declaration, then freezes the key
 * order of every part whose keys are fixed. */
static int freeze(lua_State *L)
{
    static const char *const parts[] = {"applicant", "controls",
                                        "certifications", "request"};
    sbx *s = sbx_of(L);
    struct ratel_decl blank;
    size_t i;
    decl_init(&blank);
    sbx_decl_push(s, &blank); /* pushes the proxy of D */
    sbx_freeze_keys(L, -1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_real_ref);
    lua_getfield(L, -1, "D");
    for (i = 0; i < sizeof parts / sizeof *parts; i++) {
        lua_getfield(L, -1, parts[i]);
        sbx_freeze_keys(L, -1);
        lua_pop(L, 1);
    }
    return 0;
}

int sbx_decl_setup(sbx *s)
{
    lua_pushcfunction(s->L, setup);
    if (lua_pcall(s->L, 0, 0, 0) != LUA_OK)
        return -1;
    lua_pushcfunction(s->L, freeze);
    return lua_pcall(s->L, 0, 0, 0) == LUA_OK ? 0 : -1;
}

static void set_date(lua_State *L, int t, const char *key, int32_t days)
{
    char text[11];
    decl_date_format(days, text);
    lua_pushlstring(L, text, 10);
    lua_setfield(L, t, key);
}

static void set_int(lua_State *L, int t, const char *key, int64_t v)
{
    lua_pushinteger(L, (lua_Integer)v);
    lua_setfield(L, t, key);
}

static void fill_incidents(lua_State *L, sbx *s, int R,
                           const struct ratel_decl *d)
{
    int list, pool;
    size_t i;
    lua_getfield(L, R, "incidents");
    list = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->incident_pool_ref);
    pool = lua_gettop(L);
    for (i = 0; i < d->nincidents; i++) {
        const decl_incident *in = &d->incidents[i];
        int real;
        if (i >= s->incident_pool) {
            lua_newtable(L);
            lua_pushvalue(L, -1);
            lua_rawseti(L, pool, (lua_Integer)(2 * i + 1));
            sbx_make_readonly(L);
            lua_rawseti(L, pool, (lua_Integer)(2 * i + 2));
            s->incident_pool = i + 1;
        }
        lua_rawgeti(L, pool, (lua_Integer)(2 * i + 1));
        real = lua_gettop(L);
        set_date(L, real, "date", in->date);
        lua_pushstring(L, decl_incident_types[in->type]);
        lua_setfield(L, real, "type");
        set_int(L, real, "paid", in->paid);
        lua_pop(L, 1);
        lua_rawgeti(L, pool, (lua_Integer)(2 * i + 2));
        lua_rawseti(L, list, (lua_Integer)(i + 1));
    }
    for (i = d->nincidents; i < s->last_nincidents; i++) {
        lua_pushnil(L);
        lua_rawseti(L, list, (lua_Integer)(i + 1));
    }
    s->last_nincidents = d->nincidents;
    lua_settop(L, R);
}

/* Sets the flags whose bit differs between `bits` and `shown` (all of
 * them when `all`). */
static void fill_flags(lua_State *L, int R, const char *part,
                       const char *const *names, int n, uint32_t bits,
                       uint32_t shown, int all)
{
    int i;
    if (!all && bits == shown)
        return;
    lua_getfield(L, R, part);
    for (i = 0; i < n; i++) {
        if (!all && ((bits ^ shown) >> i & 1u) == 0)
            continue;
        lua_pushboolean(L, (bits >> i) & 1u);
        lua_setfield(L, -2, names[i]);
    }
    lua_pop(L, 1);
}

/* The tables keep the last declaration shown, so only the fields that
 * differ are written (consecutive quotes share most of them). The copy in
 * s->shown is valid only once a push has completed. */
void sbx_decl_push(sbx *s, const struct ratel_decl *d)
{
    lua_State *L = s->L;
    const struct ratel_decl *was = &s->shown;
    const char *name = d->name ? d->name : "";
    int R, t, all = !s->shown_valid;
#define CHANGED(f) (all || d->f != was->f)
    s->shown_valid = 0; /* until this push completes */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_real_ref);
    R = lua_gettop(L);

    if (CHANGED(effective_date)) {
        lua_getfield(L, R, "D");
        set_date(L, R + 1, "effective_date", d->effective_date);
        lua_pop(L, 1);
    }

    lua_getfield(L, R, "applicant");
    t = lua_gettop(L);
    if (all || strcmp(name, s->shown_name) != 0) {
        lua_pushstring(L, name);
        lua_setfield(L, t, "name");
    }
    if (CHANGED(revenue))
        set_int(L, t, "revenue", d->revenue);
    if (CHANGED(industry)) {
        lua_pushstring(L, decl_industries[d->industry]);
        lua_setfield(L, t, "industry");
    }
    if (CHANGED(employees))
        set_int(L, t, "employees", d->employees);
    if (CHANGED(personal_records))
        set_int(L, t, "personal_records", d->personal_records);
    if (CHANGED(overseas_revenue_share)) {
        lua_pushnumber(L, d->overseas_revenue_share);
        lua_setfield(L, t, "overseas_revenue_share");
    }
    lua_pop(L, 1);

    fill_incidents(L, s, R, d);
    fill_flags(L, R, "controls", decl_controls, DECL_NCONTROLS, d->controls,
               was->controls, all);
    fill_flags(L, R, "certifications", decl_certifications,
               DECL_NCERTIFICATIONS, d->certifications, was->certifications,
               all);
#undef CHANGED
    lua_settop(L, R - 1);
    sbx_decl_push_request(s, d);

    s->shown = *d; /* scalars only: name is copied, incidents not kept */
    s->shown.name = NULL;
    s->shown.incidents = NULL;
    snprintf(s->shown_name, sizeof s->shown_name, "%s", name);
    s->shown_valid = 1;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_ref);
}

void sbx_decl_push_request(sbx *s, const struct ratel_decl *d)
{
    lua_State *L = s->L;
    int t;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_real_ref);
    lua_getfield(L, -1, "request");
    t = lua_gettop(L);
    set_int(L, t, "liability_limit", d->liability_limit);
    set_int(L, t, "expense_limit", d->expense_limit);
    set_int(L, t, "bi_limit", d->bi_limit);
    set_int(L, t, "bi_waiting_hours", d->bi_waiting_hours);
    set_int(L, t, "deductible", d->deductible);
    set_int(L, t, "coinsurance_pct", d->coinsurance_pct);
    lua_pop(L, 2);
}
