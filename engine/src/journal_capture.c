/* journal_capture.c - a context's journal settings (keep records, the
 * attached journal, the caller's stamp for the next quote) and what a
 * quote keeps to be recorded, made on the rating thread right after
 * ratel_rate made the quote: the values of its row, ready to bind (the
 * declaration's bytes, the options, the quote's JSON without the members
 * the journal stores once per plan and table set). */
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "decl.h"
#include "journal_int.h"

int journal_keeps_bytes(const struct journal_ctx *jc)
{
    return jc && jc->keep;
}

void journal_ctx_free(struct journal_ctx *jc)
{
    if (!jc)
        return;
    free(jc->reference);
    buf_free(&jc->core);
    free(jc);
}

void ratel_journal_record_free(ratel_journal_record *rec)
{
    if (!rec)
        return;
    qmeta_release(rec->meta);
    free(rec->overrides);
    free(rec);
}

int ratel_journal_record_take(ratel_journal_record **out, ratel_quote *q)
{
    if (out)
        *out = NULL;
    if (!out || !q || !q->journal)
        return RATEL_EARG;
    *out = q->journal;
    q->journal = NULL;
    return RATEL_OK;
}

/* ctx's settings, made when first needed; NULL when out of memory. */
static struct journal_ctx *settings(ratel_ctx *ctx)
{
    if (!ctx->journal && (ctx->journal = calloc(1, sizeof *ctx->journal)))
        buf_init(&ctx->journal->core);
    return ctx->journal;
}

static void clear_stamp(struct journal_ctx *jc)
{
    free(jc->reference);
    jc->reference = NULL;
    jc->stamped = 0;
}

int ratel_journal_keep(ratel_ctx *ctx, int on)
{
    struct journal_ctx *jc;
    if (!ctx)
        return RATEL_EARG;
    if (!(jc = settings(ctx)))
        return RATEL_ENOMEM;
    jc->keep = on != 0;
    if (!jc->keep) {
        jc->journal = NULL;
        clear_stamp(jc);
    }
    return RATEL_OK;
}

int ratel_journal_attach(ratel_ctx *ctx, ratel_journal *j)
{
    struct journal_ctx *jc;
    if (!ctx || (j && !j->ready))
        return RATEL_EARG;
    if (!(jc = settings(ctx)))
        return RATEL_ENOMEM;
    jc->journal = j;
    if (j)
        jc->keep = 1;
    clear_stamp(jc);
    return RATEL_OK;
}

int ratel_journal_stamp(ratel_ctx *ctx, const char *reference,
                        int64_t timestamp_ms)
{
    char when[JOURNAL_TIME_LEN + 1];
    struct journal_ctx *jc;
    char *copy = NULL;
    if (!ctx || !journal_text_ok(reference) ||
        journal_time_format(timestamp_ms, when) != 0)
        return RATEL_EARG;
    if (!(jc = settings(ctx)) || (reference && !(copy = strdup(reference))))
        return RATEL_ENOMEM;
    clear_stamp(jc);
    jc->reference = copy;
    jc->timestamp = timestamp_ms;
    jc->stamped = 1;
    return RATEL_OK;
}

int64_t ratel_journal_last_id(const ratel_ctx *ctx)
{
    return ctx && ctx->journal ? ctx->journal->last_id : 0;
}

/* The underwriter's overrides as JSON (docs/journal.md), or NULL when
 * there are none. Sets *oom when out of memory. */
static char *overrides_json(const ratel_rate_options *o, int *oom)
{
    buf b;
    size_t i;
    if (o->noverrides == 0 && o->total_override < 0)
        return NULL;
    buf_init(&b);
    buf_putc(&b, '{');
    if (o->noverrides) {
        buf_put_json_key(&b, 0, "overrides");
        buf_putc(&b, '[');
        for (i = 0; i < o->noverrides; i++) {
            const ratel_override *v = &o->overrides[i];
            if (i)
                buf_putc(&b, ',');
            buf_putc(&b, '{');
            buf_put_json_key(&b, 0, "coverage");
            buf_put_json_string(&b, v->coverage);
            buf_put_json_key(&b, ',', "label");
            buf_put_json_string(&b, v->label);
            buf_put_json_key(&b, ',', "value");
            buf_put_double(&b, v->value);
            buf_put_json_key(&b, ',', "reason");
            buf_put_json_string(&b, v->reason);
            buf_putc(&b, '}');
        }
        buf_putc(&b, ']');
    }
    if (o->total_override >= 0) {
        buf_put_json_key(&b, o->noverrides ? ',' : 0, "total_override");
        buf_put_i64(&b, o->total_override);
        buf_put_json_key(&b, ',', "total_override_reason");
        buf_put_json_string(&b, o->total_override_reason);
    }
    buf_putc(&b, '}');
    if (b.oom) {
        buf_free(&b);
        *oom = 1;
        return NULL;
    }
    return buf_take(&b);
}

/* Copies len bytes and a NUL to *at, advances *at; returns the copy. */
static const char *put(char **at, const char *text, size_t len)
{
    char *copy = *at;
    memcpy(copy, text, len);
    copy[len] = '\0';
    *at += len + 1;
    return copy;
}

/* q's record, in one allocation sized to fit (a batch keeps thousands):
 * its core is written into the context's buffer, then copied. */
static ratel_journal_record *make_rec(struct journal_ctx *jc,
                                      const ratel_ctx *c,
                                      const ratel_quote *q,
                                      const ratel_decl *d,
                                      const ratel_rate_options *o)
{
    ratel_journal_record *rec = NULL;
    const char *decl = d->source, *currency = quote_str(q, q->currency);
    char *canonical = NULL, *overrides, *at;
    size_t decl_len = d->source_len;
    size_t currency_len = currency ? strlen(currency) : 0;
    quote_cut cut;
    int oom = 0;
    buf_reset(&jc->core);
    quote_write_core(q, &jc->core, &cut);
    overrides = overrides_json(o, &oom);
    if (!decl && ratel_decl_json(d, &canonical, &decl_len) == RATEL_OK)
        decl = canonical;
    if (!oom && decl && !jc->core.oom)
        rec = malloc(sizeof *rec + decl_len + jc->core.len + currency_len + 3);
    if (!rec) {
        free(canonical);
        free(overrides);
        return NULL;
    }
    at = (char *)(rec + 1);
    rec->engine = c->engine;
    rec->schema = d->schema;
    rec->meta = qmeta_retain(q->meta);
    rec->tables_used = q->tables_used;
    rec->decl = put(&at, decl, decl_len);
    rec->decl_len = decl_len;
    rec->decl_parsed = d->source != NULL;
    rec->flags = o->flags;
    rec->authority = q->authority_held;
    rec->overrides = overrides;
    rec->decision = q->decision;
    rec->total_premium = q->total_premium;
    rec->currency = currency ? put(&at, currency, currency_len) : NULL;
    rec->core = put(&at, jc->core.data, jc->core.len);
    rec->core_len = jc->core.len;
    rec->cut = cut;
    free(canonical);
    return rec;
}

int journal_capture(ratel_quote **out, ratel_ctx *c, const ratel_decl *d,
                    const ratel_rate_options *o)
{
    struct journal_ctx *jc = c->journal;
    int64_t id = 0;
    int rc = RATEL_OK;
    if (!jc->keep)
        return RATEL_OK;
    if (jc->journal && !jc->stamped)
        rc = err_set(&c->err, RATEL_EARG, "ratel_rate: the context records "
                     "its quotes in a journal: give each quote's reference "
                     "and timestamp first (ratel_journal_stamp)");
    else if (!((*out)->journal = make_rec(jc, c, *out, d, o)))
        rc = err_set(&c->err, RATEL_ENOMEM, "out of memory");
    else if (jc->journal &&
             (rc = ratel_journal_add(jc->journal, c->engine, *out,
                                     jc->reference, jc->timestamp, &id)))
        err_set(&c->err, rc, "%s", ratel_journal_errmsg(jc->journal));
    if (jc->journal)
        clear_stamp(jc);
    if (rc != RATEL_OK) {
        ratel_quote_free(*out);
        *out = NULL;
        return rc;
    }
    if (id)
        jc->last_id = id;
    return RATEL_OK;
}
