/* sandbox_meta.c - what a plan says about itself: its global `plan`
 * (id, insurer, product, version, effective date, tables, services,
 * exclusions, schema, options, default) and whether it rates groups,
 * read once when the engine loads it. */
#include "sandbox_int.h"

#include "options.h"

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

int sbx_read_meta(lua_State *L, plan_def *p, ratel_err *e)
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
