/* decl_api.c - the public declaration functions: thin wrappers over the
 * reader, the setters and the getters, reporting on the context's error
 * record. */
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "decl_fields.h"
#include "journal.h"

const sch_schema *decl_api_schema(ratel_ctx *ctx, const char *id, int *rc)
{
    const ratel_engine *eng = ctx->engine;
    const sch_schema *s = id ? engine_find_schema(eng, id, strlen(id))
                             : engine_default_schema(eng);
    *rc = RATEL_OK;
    if (!s)
        *rc = err_set(&ctx->err, RATEL_ENOTFOUND, "no schema '%s' among the "
                      "engine's (see ratel schemas list)",
                      id ? id : "(the default plan's)");
    return s;
}

static const sch_schema *find_other(void *ud, const char *id, size_t len)
{
    return engine_find_schema(ud, id, len);
}

int ratel_decl_parse(ratel_decl **out, ratel_ctx *ctx, const char *schema,
                     const char *json, size_t len)
{
    const sch_schema *s;
    int rc;
    if (out)
        *out = NULL;
    if (!out || !ctx || (!json && len))
        return ctx ? err_set(&ctx->err, RATEL_EARG,
                             "ratel_decl_parse: out, ctx and json are needed")
                   : RATEL_EARG;
    err_clear(&ctx->err);
    if (!(s = decl_api_schema(ctx, schema, &rc)))
        return rc;
    rc = decl_parse_json(out, s, schema ? NULL : find_other,
                         (void *)ctx->engine, json, len, &ctx->err);
    if (rc == RATEL_OK && journal_keeps_bytes(ctx->journal)) {
        /* the quote journal records the bytes the caller parsed */
        if (!((*out)->source = malloc(len + 1))) {
            ratel_decl_free(*out);
            *out = NULL;
            return err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
        }
        memcpy((*out)->source, json, len);
        (*out)->source[len] = '\0';
        (*out)->source_len = len;
    }
    return rc;
}

/* A declaration changed after it was parsed no longer is its bytes. */
static void forget_source(ratel_decl *decl)
{
    if (decl) {
        free(decl->source);
        decl->source = NULL;
    }
}

int ratel_decl_new(ratel_decl **out, ratel_ctx *ctx, const char *schema)
{
    const sch_schema *s;
    int rc;
    if (out)
        *out = NULL;
    if (!out || !ctx)
        return RATEL_EARG;
    err_clear(&ctx->err);
    if (!(s = decl_api_schema(ctx, schema, &rc)))
        return rc;
    if (!(*out = decl_new(s)))
        return err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
    return RATEL_OK;
}

void ratel_decl_free(ratel_decl *decl)
{
    decl_free(decl);
}

const char *ratel_decl_schema(const ratel_decl *decl)
{
    return decl ? decl->schema->id : NULL;
}

/* Sets `path` to `v` as decl_set_value does. */
static int set(ratel_decl *decl, ratel_ctx *ctx, const char *path,
               const decl_value *v)
{
    if (!ctx)
        return RATEL_EARG;
    err_clear(&ctx->err);
    forget_source(decl);
    return decl_set_value(decl, &ctx->err, path, v);
}

int ratel_decl_set_string(ratel_decl *decl, ratel_ctx *ctx, const char *path,
                          const char *value)
{
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    if (!value)
        return ctx ? err_set(&ctx->err, RATEL_EARG, "%s: the value is NULL",
                             path ? path : "(null)")
                   : RATEL_EARG;
    v.text = value;
    v.len = strlen(value);
    return set(decl, ctx, path, &v);
}

int ratel_decl_set_int(ratel_decl *decl, ratel_ctx *ctx, const char *path,
                       int64_t value)
{
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    v.i = value;
    return set(decl, ctx, path, &v);
}

int ratel_decl_set_number(ratel_decl *decl, ratel_ctx *ctx, const char *path,
                          double value)
{
    decl_value v = {DECL_V_FLOAT, NULL, 0, 0, 0, 0.0, 0};
    v.f = value;
    return set(decl, ctx, path, &v);
}

int ratel_decl_set_bool(ratel_decl *decl, ratel_ctx *ctx, const char *path,
                        int value)
{
    decl_value v = {DECL_V_BOOL, NULL, 0, 0, 0, 0.0, 0};
    v.b = value != 0;
    return set(decl, ctx, path, &v);
}

int ratel_decl_append(ratel_decl *decl, ratel_ctx *ctx, const char *path,
                      size_t *index)
{
    if (!ctx)
        return RATEL_EARG;
    err_clear(&ctx->err);
    forget_source(decl);
    return decl_append(decl, &ctx->err, path, index);
}

/* The value at `path` when it is of one of `types` (a bit per sch_type). */
static int get(const ratel_decl *d, const char *path, unsigned types,
               decl_got *g)
{
    int rc = decl_get(d, path, g);
    if (rc != RATEL_OK)
        return rc;
    if (g->code >= 0)
        return types & (1u << SCH_NTYPES) ? RATEL_OK : RATEL_EARG;
    if (!(types & (1u << g->node->type)))
        return RATEL_EARG;
    return g->slot->absent && g->node->type != SCH_LIST ? RATEL_ENOTFOUND
                                                        : RATEL_OK;
}

#define T(x) (1u << (x))

int ratel_decl_get_int(const ratel_decl *d, const char *path, int64_t *value)
{
    decl_got g;
    int rc = get(d, path, T(SCH_MONEY) | T(SCH_INTEGER) | T(SCH_BOOLEAN) |
                              T(SCH_DATE), &g);
    if (rc == RATEL_OK && value)
        *value = g.slot->v.i;
    return rc;
}

int ratel_decl_get_number(const ratel_decl *d, const char *path,
                          double *value)
{
    decl_got g;
    int rc = get(d, path, T(SCH_NUMBER) | T(SCH_MONEY) | T(SCH_INTEGER), &g);
    if (rc == RATEL_OK && value)
        *value = g.node->type == SCH_NUMBER ? g.slot->v.f
                                            : (double)g.slot->v.i;
    return rc;
}

int ratel_decl_get_bool(const ratel_decl *d, const char *path, int *value)
{
    decl_got g;
    int rc = get(d, path, T(SCH_BOOLEAN) | T(SCH_NTYPES), &g);
    if (rc == RATEL_OK && value)
        *value = g.code >= 0 ? (int)(g.slot->v.bits >> g.code & 1u)
                             : (int)g.slot->v.i;
    return rc;
}

int ratel_decl_get_string(const ratel_decl *d, const char *path,
                          const char **value)
{
    decl_got g;
    int rc = get(d, path, T(SCH_TEXT) | T(SCH_CODE), &g);
    if (rc == RATEL_OK && value)
        *value = g.node->type == SCH_TEXT
                     ? decl_text(d, g.slot)
                     : d->schema->codes[g.node->codes].values[g.slot->v.i];
    return rc;
}

int ratel_decl_get_count(const ratel_decl *d, const char *path, size_t *count)
{
    decl_got g;
    int rc = get(d, path, T(SCH_LIST), &g);
    if (rc == RATEL_OK && count)
        *count = g.slot->v.list ? g.slot->v.list->n : 0;
    return rc;
}

int ratel_decl_given(const ratel_decl *d, const char *path)
{
    decl_got g;
    int rc = decl_get(d, path, &g);
    if (rc != RATEL_OK)
        return rc == RATEL_EARG ? RATEL_ENOTFOUND : rc;
    if (g.code >= 0)
        return (int)(g.slot->v.bits >> g.code & 1u);
    return (g.slot->given & DECL_GIVEN) != 0;
}
