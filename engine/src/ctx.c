/* ctx.c - the per-thread working context. */
#include <stdlib.h>

#include "abi.h"
#include "ctx_int.h"
#include "journal.h"

int ratel_ctx_new(ratel_ctx **out, ratel_engine *engine)
{
    ratel_ctx *c;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if (!engine || engine->nplans == 0 || engine->err.code != RATEL_OK)
        return RATEL_EARG;
    c = calloc(1, sizeof *c);
    if (!c)
        return RATEL_ENOMEM;
    c->engine = engine;
    c->authority = 1;
    err_init(&c->err);
    res_init(&c->res);
    c->sb = sbx_new(&engine->limits);
    c->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!c->sb || c->c_locale == (locale_t)0) {
        ratel_ctx_free(c);
        return RATEL_ENOMEM;
    }
    *out = c;
    return RATEL_OK;
}

void ratel_ctx_free(ratel_ctx *c)
{
    size_t i;
    if (!c)
        return;
    sbx_free(c->sb);
    if (c->c_locale != (locale_t)0)
        freelocale(c->c_locale);
    res_dispose(&c->res);
    journal_ctx_free(c->journal);
    for (i = 0; i < CTX_RESOLVED_SETS; i++)
        free(c->sets[i].tables);
    err_dispose(&c->err);
    free(c);
}

ratel_err *ctx_err(ratel_ctx *ctx) { return &ctx->err; }

int ratel_ctx_errcode(const ratel_ctx *c) { return c ? c->err.code : RATEL_EARG; }

const char *ratel_ctx_errmsg(const ratel_ctx *c)
{
    return c ? c->err.message : "no context";
}

const char *ratel_ctx_errscript(const ratel_ctx *c)
{
    return c ? c->err.script : NULL;
}

int ratel_ctx_errline(const ratel_ctx *c) { return c ? c->err.line : 0; }

size_t ratel_ctx_field_error_count(const ratel_ctx *c)
{
    return c ? c->err.nfields : 0;
}

static int ctx_field_error_fill(const ratel_ctx *c, size_t index,
                                ratel_field_error *out)
{
    const err_field *f;
    if (!c || !out || index >= c->err.nfields)
        return RATEL_EARG;
    f = &c->err.fields[index];
    out->path = f->path;
    out->message = f->message;
    out->line = f->line;
    out->column = f->column;
    return RATEL_OK;
}

int (ratel_ctx_field_error)(const ratel_ctx *c, size_t index,
                            ratel_field_error *out, size_t size)
{
    ratel_field_error full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_field_error, column)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = ctx_field_error_fill(c, index, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

int ratel_ctx_set_authority(ratel_ctx *c, int level)
{
    if (!c || level < 0 || level > 9)
        return RATEL_EARG;
    c->authority = level;
    return RATEL_OK;
}

ratel_engine *ratel_ctx_engine(const ratel_ctx *c)
{
    return c ? c->engine : NULL;
}
