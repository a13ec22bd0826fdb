/* sandbox_meta.c - what a plan says about itself: its global `plan`
 * (id, insurer, product, version, effective date, tables, services,
 * exclusions, schema, options, default, coverage_terms) and whether it rates groups,
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

/* ---- plan.coverage_terms (settle.h, docs/compare.md) ------------------
 * { part = { pays = {category, ...}, sublimits = { term = {category, ...}
 * }, sublimit = true }, ... }: what each coverage part pays, as loss
 * categories; each category paid by one part at most. */

/* The list of categories on top of the stack, at `where`, into *out. */
static int terms_categories(lua_State *L, const plan_def *p,
                            const char *where, settle_set *out, ratel_err *e)
{
    size_t i, n, len = 0;
    *out = 0;
    if (!lua_istable(L, -1) || (n = (size_t)luaL_len(L, -1)) == 0)
        return err_set(e, RATEL_EPLAN, "%s: %s must be a list of loss "
                       "categories", p->path, where);
    for (i = 1; i <= n; i++) {
        const char *name = NULL, *close;
        int c = -1;
        if (lua_geti(L, -1, (lua_Integer)i) == LUA_TSTRING) {
            name = lua_tolstring(L, -1, &len);
            c = settle_category_find(name, len);
        }
        if (c < 0) {
            close = lua_type(L, -1) == LUA_TSTRING
                        ? settle_category_closest(name, len) : NULL;
            return err_set(e, RATEL_EPLAN, "%s: %s[%zu] is not a loss "
                           "category%s%s%s (docs/compare.md lists them)",
                           p->path, where, i, close ? "; did you mean " : "",
                           close ? close : "", close ? "?" : "");
        }
        if (*out & SETTLE_BIT(c))
            return err_set(e, RATEL_EPLAN, "%s: %s names %s twice", p->path,
                           where, settle_categories[c].id);
        *out |= SETTLE_BIT(c);
        lua_pop(L, 1);
    }
    return RATEL_OK;
}

/* A name of plan.coverage_terms: a coverage or a sub-limit term. */
static int terms_name(lua_State *L, int idx, char *out)
{
    size_t len;
    const char *v = lua_type(L, idx) == LUA_TSTRING
                        ? lua_tolstring(L, idx, &len) : NULL;
    if (!v || len == 0 || len > SETTLE_MAX_NAME ||
        strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_") != len)
        return -1;
    memcpy(out, v, len + 1);
    return 0;
}

/* The sub-limits of a part, the table on top of the stack. */
static int terms_sublimits(lua_State *L, const plan_def *p, settle_part *part,
                           const char *where, ratel_err *e)
{
    char at[160];
    int k, rc;
    if (!lua_istable(L, -1))
        return err_set(e, RATEL_EPLAN, "%s: %s.sublimits must be a table "
                       "{term = {category, ...}}", p->path, where);
    sbx_push_ordered(L, -1); /* its keys in order, then its values */
    for (k = 1; k <= (int)lua_rawlen(L, -2); k++) {
        settle_sublimit *sub = &part->sublimits[part->nsublimits];
        lua_rawgeti(L, -2, k);
        if (part->nsublimits == SETTLE_MAX_SUBLIMITS ||
            terms_name(L, -1, sub->term))
            return err_set(e, RATEL_EPLAN, "%s: %s.sublimits: at most %d, "
                           "each named by its term (sublimits.NAME of the "
                           "quote) in lower case", p->path, where,
                           SETTLE_MAX_SUBLIMITS);
        lua_rawget(L, -2);
        snprintf(at, sizeof at, "%s.sublimits.%s", where, sub->term);
        if ((rc = terms_categories(L, p, at, &sub->categories, e)))
            return rc;
        if (sub->categories & ~part->pays)
            return err_set(e, RATEL_EPLAN, "%s: %s caps a category the part "
                           "does not pay", p->path, at);
        part->nsublimits++;
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return RATEL_OK;
}

/* One part, its table on top of the stack. */
static int terms_part(lua_State *L, const plan_def *p, settle_part *part,
                      settle_set *paid, ratel_err *e)
{
    static const char *const keys[] = {"pays", "sublimits", "sublimit"};
    char where[96];
    int k, rc;
    snprintf(where, sizeof where, "plan.coverage_terms.%s", part->name);
    if (!lua_istable(L, -1))
        return err_set(e, RATEL_EPLAN, "%s: %s must be a table {pays = "
                       "{...}, sublimits = {...}}", p->path, where);
    sbx_push_ordered(L, -1);
    for (k = 1; k <= (int)lua_rawlen(L, -2); k++) {
        const char *key;
        lua_rawgeti(L, -2, k);
        key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        if (strcmp(key, keys[0]) && strcmp(key, keys[1]) &&
            strcmp(key, keys[2]))
            return err_set(e, RATEL_EPLAN, "%s: %s: unknown key '%s' "
                           "(pays, sublimits, sublimit)", p->path, where, key);
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    lua_getfield(L, -1, "pays");
    snprintf(where + strlen(where), sizeof where - strlen(where), ".pays");
    if ((rc = terms_categories(L, p, where, &part->pays, e)))
        return rc;
    where[strlen(where) - 5] = '\0';
    if (part->pays & *paid)
        return err_set(e, RATEL_EPLAN, "%s: %s pays a category another part "
                       "pays already: a category belongs to one part",
                       p->path, where);
    *paid |= part->pays;
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "sublimits") != LUA_TNIL &&
        (rc = terms_sublimits(L, p, part, where, e)))
        return rc;
    lua_pop(L, 1);
    k = lua_getfield(L, -1, "sublimit");
    if (k != LUA_TNIL && k != LUA_TBOOLEAN)
        return err_set(e, RATEL_EPLAN, "%s: %s.sublimit must be true or "
                       "false", p->path, where);
    part->is_sublimit = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return RATEL_OK;
}

static int meta_coverage_terms(lua_State *L, int t, plan_def *p,
                               ratel_err *e)
{
    settle_terms *ct = &p->coverage_terms;
    settle_set paid = 0;
    int k, rc;
    if (lua_getfield(L, t, "coverage_terms") == LUA_TNIL) {
        lua_pop(L, 1);
        return RATEL_OK;
    }
    if (!lua_istable(L, -1))
        return err_set(e, RATEL_EPLAN, "%s: plan.coverage_terms must be a "
                       "table of coverage parts", p->path);
    sbx_push_ordered(L, -1);
    ct->parts = calloc(SETTLE_MAX_PARTS, sizeof *ct->parts);
    if (!ct->parts)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (k = 1; k <= (int)lua_rawlen(L, -2); k++) {
        settle_part *part = &ct->parts[ct->nparts];
        lua_rawgeti(L, -2, k);
        if (ct->nparts == SETTLE_MAX_PARTS || terms_name(L, -1, part->name))
            return err_set(e, RATEL_EPLAN, "%s: plan.coverage_terms: at most "
                           "%d parts, each named as the plan's cover() "
                           "names it, in lower case", p->path,
                           SETTLE_MAX_PARTS);
        lua_rawget(L, -2);
        if ((rc = terms_part(L, p, part, &paid, e)))
            return rc;
        ct->nparts++;
        lua_pop(L, 1);
    }
    lua_pop(L, 3);
    return RATEL_OK;
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
    if ((rc = meta_schema(L, t, p, e)) || (rc = meta_options(L, t, p, e)) ||
        (rc = meta_coverage_terms(L, t, p, e)))
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
