/* sandbox_group.c - what a plan's rate_group(d, members) sees of the
 * companies of a group, and the two things only it may do: leave a
 * company out of the group, and name how the group premium is shared. */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

static void set_string(lua_State *L, const char *key, const char *v)
{
    lua_pushstring(L, v ? v : "");
    lua_setfield(L, -2, key);
}

static void set_integer(lua_State *L, const char *key, int64_t v)
{
    lua_pushinteger(L, (lua_Integer)v);
    lua_setfield(L, -2, key);
}

/* members[i]: index, path, name, role, revenue, employees, industry, and
 * its standalone quote: decision, premium, reasons (codes), coverages
 * (name -> premium). */
void sbx_push_members(lua_State *L, const group_members *g)
{
    size_t i, k;
    lua_createtable(L, (int)g->n, 0);
    for (i = 0; i < g->n; i++) {
        const group_member *m = &g->m[i];
        const ratel_quote *q = m->standalone;
        lua_createtable(L, 0, 12);
        set_integer(L, "index", (int64_t)i + 1);
        set_string(L, "path", m->path);
        set_string(L, "name", m->name);
        set_string(L, "role", m->role);
        set_string(L, "industry", m->industry);
        set_integer(L, "revenue", m->revenue);
        set_integer(L, "employees", m->employees);
        set_string(L, "decision",
                   ratel_decision_name(ratel_quote_decision(q)));
        set_integer(L, "premium", ratel_quote_total_premium(q));
        lua_createtable(L, (int)ratel_quote_reason_count(q), 0);
        for (k = 0; k < ratel_quote_reason_count(q); k++) {
            ratel_reason r;
            ratel_quote_reason(q, k, &r);
            lua_pushstring(L, r.code);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        sbx_make_readonly(L);
        lua_setfield(L, -2, "reasons");
        lua_createtable(L, 0, (int)ratel_quote_coverage_count(q));
        for (k = 0; k < ratel_quote_coverage_count(q); k++) {
            ratel_coverage c;
            ratel_quote_coverage(q, k, &c);
            lua_pushinteger(L, (lua_Integer)c.premium);
            lua_setfield(L, -2, c.name);
        }
        sbx_make_readonly(L);
        lua_setfield(L, -2, "coverages");
        sbx_make_readonly(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sbx_make_readonly(L);
}

static group_members *group_of(lua_State *L, const char *fname)
{
    sbx *s = sbx_of(L);
    sbx_require_quote(L, fname);
    if (!s->group)
        luaL_error(L, "%s() can only be called in rate_group(d, members)",
                   fname);
    return s->group;
}

/* exclude(index, why): the company members[index] is left out of the
 * group: it shares none of the group premium, and the quote says why. */
static int api_exclude(lua_State *L)
{
    group_members *g = group_of(L, "exclude");
    lua_Integer i = luaL_checkinteger(L, 1);
    size_t len;
    const char *why = sbx_check_text(L, 2, &len, 2048, "a reason text");
    char *copy;
    if (i < 1 || (size_t)i > g->n)
        return luaL_argerror(L, 1, "no such member");
    if (i == 1)
        return luaL_argerror(L, 1, "the parent (members[1]) cannot be left "
                                   "out of its own group; refer instead");
    if (!(copy = malloc(len + 1)))
        return luaL_error(L, "not enough memory");
    memcpy(copy, why, len + 1);
    free(g->m[i - 1].exclusion);
    g->m[i - 1].exclusion = copy;
    g->m[i - 1].excluded = 1;
    return 0;
}

/* allocate_by(rule): "standalone" (the default), "revenue" or
 * "employees". */
static int api_allocate_by(lua_State *L)
{
    group_members *g = group_of(L, "allocate_by");
    const char *rule = luaL_checkstring(L, 1);
    int k;
    for (k = 0; k < GROUP_NRULES; k++)
        if (strcmp(rule, group_rule_names[k]) == 0) {
            g->rule = (group_rule)k;
            return 0;
        }
    return luaL_argerror(L, 1, "a rule: standalone, revenue or employees");
}

void sbx_group_register(lua_State *L)
{
    static const luaL_Reg api[] = {
        {"exclude", api_exclude}, {"allocate_by", api_allocate_by},
        {NULL, NULL}};
    luaL_setfuncs(L, api, 0);
}
