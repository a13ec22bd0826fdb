/* decl_api.c - the public declaration functions: thin wrappers that
 * report on the context's error record. */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "decl_fields.h"

RATEL_API int ratel_decl_parse(ratel_decl **out, ratel_ctx *ctx,
                               const char *json, size_t len)
{
    ratel_err *e;
    struct ratel_decl *d;
    int rc;
    if (out)
        *out = NULL;
    if (!out || !ctx || (!json && len))
        return ctx ? err_set(ctx_err(ctx), RATEL_EARG,
                             "ratel_decl_parse: out, ctx and json are needed")
                   : RATEL_EARG;
    e = ctx_err(ctx);
    err_clear(e);
    d = malloc(sizeof *d);
    if (!d)
        return err_set(e, RATEL_ENOMEM, "out of memory reading a declaration");
    rc = decl_parse_json(d, json, len, e);
    if (rc != RATEL_OK) {
        free(d); /* already disposed by the reader */
        return rc;
    }
    *out = d;
    return RATEL_OK;
}

RATEL_API int ratel_decl_new(ratel_decl **out)
{
    if (!out)
        return RATEL_EARG;
    *out = malloc(sizeof **out);
    if (!*out)
        return RATEL_ENOMEM;
    decl_init(*out);
    return RATEL_OK;
}

RATEL_API void ratel_decl_free(ratel_decl *decl)
{
    if (!decl)
        return;
    decl_dispose(decl);
    free(decl);
}

/* The error record of ctx, cleared; NULL when there is no context. */
static ratel_err *fresh_err(ratel_ctx *ctx)
{
    ratel_err *e = ctx ? ctx_err(ctx) : NULL;
    if (e)
        err_clear(e);
    return e;
}

/* Sets `path` to `v` as decl_set_value does. */
static int set(ratel_decl *decl, ratel_ctx *ctx, const char *path,
               const decl_value *v)
{
    ratel_err *e = fresh_err(ctx);
    return e ? decl_set_value(decl, e, path, v) : RATEL_EARG;
}

RATEL_API int ratel_decl_set_string(ratel_decl *decl, ratel_ctx *ctx,
                                    const char *path, const char *value)
{
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    if (!value) {
        ratel_err *e = fresh_err(ctx);
        return e ? err_set(e, RATEL_EARG, "%s: the value is NULL",
                           path ? path : "(null)")
                 : RATEL_EARG;
    }
    v.text = value;
    v.len = strlen(value);
    return set(decl, ctx, path, &v);
}

RATEL_API int ratel_decl_set_int(ratel_decl *decl, ratel_ctx *ctx,
                                 const char *path, int64_t value)
{
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    v.i = value;
    return set(decl, ctx, path, &v);
}

RATEL_API int ratel_decl_set_number(ratel_decl *decl, ratel_ctx *ctx,
                                    const char *path, double value)
{
    decl_value v = {DECL_V_FLOAT, NULL, 0, 0, 0, 0.0, 0};
    v.f = value;
    return set(decl, ctx, path, &v);
}

RATEL_API int ratel_decl_set_bool(ratel_decl *decl, ratel_ctx *ctx,
                                  const char *path, int value)
{
    decl_value v = {DECL_V_BOOL, NULL, 0, 0, 0, 0.0, 0};
    v.b = value != 0;
    return set(decl, ctx, path, &v);
}

RATEL_API int ratel_decl_add_incident(ratel_decl *decl, ratel_ctx *ctx,
                                      const char *date, const char *type,
                                      int64_t paid)
{
    ratel_err *e = fresh_err(ctx);
    return e ? decl_add_incident(decl, e, date, type, paid) : RATEL_EARG;
}

RATEL_API int ratel_decl_add_certification(ratel_decl *decl, ratel_ctx *ctx,
                                           const char *certification)
{
    ratel_err *e = fresh_err(ctx);
    return e ? decl_add_certification(decl, e, certification) : RATEL_EARG;
}
