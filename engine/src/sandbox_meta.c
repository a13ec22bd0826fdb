/* sandbox_meta.c - what a plan says about itself: its global `plan`
 * (id, insurer, product, version, effective date, tables, services,
 * exclusions, options), read once when the engine loads it. */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

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

/* The integer fields of option `opt` (in ratel_option order). */
static int64_t *option_field(ratel_option *opt, int i)
{
    int64_t *f[6];
    f[0] = &opt->liability_limit;
    f[1] = &opt->expense_limit;
    f[2] = &opt->bi_limit;
    f[3] = &opt->bi_waiting_hours;
    f[4] = &opt->deductible;
    f[5] = &opt->coinsurance_pct;
    return f[i];
}

/* plan.options: the plan's menu, a list of {name = ..., <request field> =
 * integer, ...}; fields left out keep the declaration's value. */
static int meta_options(lua_State *L, int t, plan_def *p, ratel_err *e)
{
    size_t i, n;
    int k;
    if (lua_getfield(L, t, "options") == LUA_TNIL) {
        lua_pop(L, 1);
        return RATEL_OK;
    }
    if (lua_type(L, -1) == LUA_TFUNCTION) { /* built once, here at load */
        lua_pushcfunction(L, sbx_on_error);
        lua_insert(L, -2);
        if (lua_pcall(L, 0, 1, -2) != LUA_OK) {
            const char *msg = lua_tostring(L, -1);
            return err_set(e, RATEL_EPLAN, "%s: plan.options(): %s", p->path,
                           msg ? msg : "error");
        }
        lua_remove(L, -2);
    }
    if (!lua_istable(L, -1))
        return err_set(e, RATEL_EPLAN, "%s: plan.options must be a list of "
                       "options", p->path);
    n = (size_t)luaL_len(L, -1);
    if (n > 1000)
        return err_set(e, RATEL_EPLAN, "%s: plan.options has more than "
                       "1,000 options", p->path);
    p->options = calloc(n ? n : 1, sizeof *p->options);
    if (!p->options)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (i = 0; i < n; i++) {
        ratel_option *o = &p->options[i];
        ratel_option init = RATEL_OPTION_INIT;
        size_t len;
        const char *name;
        *o = init;
        p->noptions = i + 1;
        if (lua_geti(L, -1, (lua_Integer)i + 1) != LUA_TTABLE)
            return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu] must be "
                           "a table", p->path, i + 1);
        if (lua_getfield(L, -1, "name") == LUA_TSTRING &&
            (name = lua_tolstring(L, -1, &len), sbx_clean_utf8(name, len)) &&
            !(o->name = strdup(name)))
            return err_set(e, RATEL_ENOMEM, "out of memory");
        lua_pop(L, 1);
        for (k = 0; k < 6; k++) {
            int isint = 0;
            lua_Integer v;
            if (lua_getfield(L, -1, option_fields[k]) != LUA_TNIL) {
                v = lua_tointegerx(L, -1, &isint);
                if (!isint || v < 0 || v > RATEL_MONEY_MAX)
                    return err_set(e, RATEL_EPLAN, "%s: plan.options[%zu]."
                                   "%s must be a non-negative integer",
                                   p->path, i + 1, option_fields[k]);
                *option_field(o, k) = (int64_t)v;
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return RATEL_OK;
}

int sbx_read_meta(lua_State *L, plan_def *p, ratel_err *e)
{
    int t, rc;
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
    if ((rc = meta_options(L, t, p, e)))
        return rc;
    if (p->ntables > 64)
        return err_set(e, RATEL_EPLAN, "%s: a plan may declare at most 64 "
                       "tables", p->path);
    if (lua_getfield(L, 1, "rate") != LUA_TFUNCTION)
        return err_set(e, RATEL_EPLAN, "%s: the plan defines no function "
                       "rate(d)", p->path);
    return RATEL_OK;
}
