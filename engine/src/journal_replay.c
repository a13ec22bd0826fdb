/* journal_replay.c - re-rating recorded quotes and comparing the bytes of
 * each new quote's JSON with the recorded one: by default on an engine
 * made of the plan source, schema and tables stored with the quote (so
 * it works after the files on disk moved on), or on the caller's engine
 * (today's plans and tables). Quotes are read in chunks on the caller's
 * thread while the chunk read before is rated on `threads` threads (one
 * context per thread and engine); items come back in the journal's
 * order. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "journal_replay.h"
#include "jtree.h"

#define REPLAY_CHUNK 1024  /* quotes read, then rated together */
#define REPLAY_ENVS 16     /* recorded contexts kept open */
#define REPLAY_MAX_THREADS 64

typedef struct replay_item {
    int64_t id, context;
    char *reference, *timestamp, *decl, *overrides;
    size_t decl_len;
    unsigned flags;
    int authority;
    journal_env *env;             /* its recorded context */
    buf recorded, replayed, difference;
    ratel_replay_status status;
    int64_t total_recorded, total_replayed;
    const char *decision_recorded, *decision_replayed;
    size_t step;
} replay_item;

/* Quotes read together, then rated together. */
typedef struct chunk {
    replay_item items[REPLAY_CHUNK];
    size_t n, pos;                /* read; returned to the caller */
} chunk;

typedef struct worker {
    ratel_replay *r;
    chunk *c;
    size_t t;
    pthread_t thread;
    int started;
} worker;

struct ratel_replay {
    ratel_journal *j;
    ratel_replay_options o;
    ratel_journal_cursor *cursor;
    journal_env envs[REPLAY_ENVS];
    size_t nenvs;
    ratel_ctx **user_ctxs;        /* on o.engine, one per thread */
    chunk *chunks[2];
    int ready;                    /* the chunk next() returns, or -1 */
    int rating;                   /* the chunk on the threads, or -1 */
    worker workers[REPLAY_MAX_THREADS];
    replay_item ahead;            /* a quote read, left for the next chunk */
    int pending;                  /* `ahead` holds one */
    int end;                      /* the cursor is exhausted */
    int error;                    /* a read failed: returned from then on */
    uint64_t same, differ, failed;
};

int ratel_replay_options_init(ratel_replay_options *o, unsigned int version)
{
    if (!o || version < 1 || version > RATEL_REPLAY_OPTIONS_VERSION)
        return RATEL_EARG;
    memset(o, 0, sizeof *o);
    o->version = version;
    o->threads = 1;
    return RATEL_OK;
}

static void item_clear(replay_item *it)
{
    free(it->reference);
    free(it->timestamp);
    free(it->decl);
    free(it->overrides);
    it->reference = it->timestamp = it->decl = it->overrides = NULL;
}

static void item_free(replay_item *it)
{
    item_clear(it);
    buf_free(&it->recorded);
    buf_free(&it->replayed);
    buf_free(&it->difference);
}

static void join(ratel_replay *r);

void ratel_replay_free(ratel_replay *r)
{
    size_t k, c;
    if (!r)
        return;
    join(r);
    ratel_journal_cursor_free(r->cursor);
    for (k = 0; k < r->nenvs; k++)
        journal_env_close(&r->envs[k], r->o.threads);
    for (k = 0; r->user_ctxs && k < r->o.threads; k++)
        ratel_ctx_free(r->user_ctxs[k]);
    free(r->user_ctxs);
    for (c = 0; c < 2; c++)
        for (k = 0; r->chunks[c] && k < REPLAY_CHUNK; k++)
            item_free(&r->chunks[c]->items[k]);
    for (c = 0; c < 2; c++)
        free(r->chunks[c]);
    item_free(&r->ahead);
    free(r);
}

int ratel_replay_open(ratel_replay **out, ratel_journal *j,
                      const ratel_replay_options *opts)
{
    ratel_replay_options defaults;
    ratel_replay *r;
    size_t k;
    int rc;
    if (out)
        *out = NULL;
    if (!out || !j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    ratel_replay_options_init(&defaults, RATEL_REPLAY_OPTIONS_VERSION);
    if (!opts)
        opts = &defaults;
    if (opts->version < 1 || opts->version > RATEL_REPLAY_OPTIONS_VERSION ||
        opts->threads < 1 || opts->threads > REPLAY_MAX_THREADS)
        return err_set(&j->err, RATEL_EARG, "ratel_replay_open: options of "
                       "version %u with %u threads (this library knows "
                       "versions 1 to %d, 1 to %d threads; initialise them "
                       "with ratel_replay_options_init())", opts->version,
                       opts->threads, RATEL_REPLAY_OPTIONS_VERSION,
                       REPLAY_MAX_THREADS);
    if (!(r = calloc(1, sizeof *r)))
        return err_set(&j->err, RATEL_ENOMEM, "out of memory");
    r->j = j;
    r->o = *opts;
    r->ready = r->rating = -1;
    r->chunks[0] = calloc(1, sizeof *r->chunks[0]); /* buffers all empty */
    r->chunks[1] = calloc(1, sizeof *r->chunks[1]);
    rc = !r->chunks[0] || !r->chunks[1]
             ? err_set(&j->err, RATEL_ENOMEM, "out of memory")
             : ratel_journal_read(&r->cursor, j, opts->id, opts->since);
    if (rc == RATEL_OK && opts->engine) {
        if (!(r->user_ctxs = calloc(opts->threads, sizeof *r->user_ctxs)))
            rc = err_set(&j->err, RATEL_ENOMEM, "out of memory");
        for (k = 0; rc == RATEL_OK && k < opts->threads; k++)
            if ((rc = ratel_ctx_new(&r->user_ctxs[k], opts->engine)))
                err_set(&j->err, rc, "ratel_replay_open: no context on the "
                        "engine given (%s)", ratel_strerror(rc));
    }
    if (rc != RATEL_OK) {
        ratel_replay_free(r);
        return rc;
    }
    *out = r;
    return RATEL_OK;
}

/* ---- reading a chunk ---------------------------------------------------- */

/* Whether an item of chunk c uses env. */
static int uses(const chunk *c, const journal_env *env)
{
    size_t i;
    for (i = 0; c && i < c->n; i++)
        if (c->items[i].env == env)
            return 1;
    return 0;
}

/* The open recorded context `context`: kept, or opened in a free slot or
 * in place of one that neither the chunk being read nor the one being
 * rated uses; NULL when every slot is in use (the chunk then ends before
 * the quote) or out of memory. */
static journal_env *env_for(ratel_replay *r, const chunk *reading,
                            int64_t context, int *oom)
{
    const chunk *rated = r->rating >= 0 ? r->chunks[r->rating] : NULL;
    journal_env *env = NULL;
    size_t k;
    for (k = 0; k < r->nenvs; k++)
        if (r->envs[k].context == context)
            return &r->envs[k];
    if (r->nenvs < REPLAY_ENVS) {
        env = &r->envs[r->nenvs++];
    } else {
        for (k = 0; k < REPLAY_ENVS && !env; k++)
            if (!uses(reading, &r->envs[k]) && !uses(rated, &r->envs[k]))
                env = &r->envs[k];
        if (!env)
            return NULL;
        journal_env_close(env, r->o.threads);
    }
    /* a context that cannot be opened still answers: its quotes fail
     * with the reason, unless memory ran out */
    if (journal_env_open(r->j, context, env) == RATEL_ENOMEM ||
        !(env->ctxs = calloc(r->o.threads, sizeof *env->ctxs))) {
        *oom = 1;
        return NULL;
    }
    return env;
}

static char *copy_text(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Copies the cursor's current quote into it. 0, or -1 out of memory. */
static int take_entry(ratel_replay *r, replay_item *it,
                      const ratel_journal_entry *e)
{
    const char *overrides;
    item_clear(it);
    it->id = e->id;
    journal_cursor_extra(r->cursor, &it->context, &it->flags, &it->authority,
                         &overrides);
    it->reference = copy_text(e->reference);
    it->timestamp = copy_text(e->timestamp);
    it->overrides = copy_text(overrides);
    it->decl = malloc(e->declaration_len + 1);
    if (it->decl) {
        memcpy(it->decl, e->declaration, e->declaration_len);
        it->decl[e->declaration_len] = '\0';
    }
    it->decl_len = e->declaration_len;
    buf_reset(&it->recorded);
    buf_put(&it->recorded, e->quote_json, e->quote_len);
    it->total_recorded = e->total_premium;
    it->decision_recorded = e->decision; /* a static string */
    it->env = NULL;
    return !it->timestamp || !it->decl || it->recorded.oom ||
                   (e->reference && !it->reference) ||
                   (overrides && !it->overrides)
               ? -1
               : 0;
}

/* Reads the next quotes into c (the one read ahead first). */
static int read_chunk(ratel_replay *r, chunk *c)
{
    ratel_journal_entry e = {0};
    replay_item swap;
    int rc, oom = 0;
    c->n = c->pos = 0;
    if (r->pending) {
        swap = c->items[0];
        c->items[0] = r->ahead;
        r->ahead = swap;
        if (!(c->items[0].env = env_for(r, c, c->items[0].context, &oom))) {
            if (oom)
                return err_set(&r->j->err, RATEL_ENOMEM, "out of memory");
            r->ahead = c->items[0]; /* the chunk being rated uses them all: */
            c->items[0] = swap;     /* read it once that one is done */
            return RATEL_OK;
        }
        r->pending = 0;
        c->n = 1;
    }
    while (c->n < REPLAY_CHUNK && !r->end) {
        replay_item *it = &c->items[c->n];
        if ((rc = ratel_journal_next(r->cursor, &e)) < 0)
            return rc;
        if (rc == 0) {
            r->end = 1;
            break;
        }
        if (take_entry(r, it, &e) != 0)
            return err_set(&r->j->err, RATEL_ENOMEM, "out of memory");
        if (!(it->env = env_for(r, c, it->context, &oom))) {
            if (oom)
                return err_set(&r->j->err, RATEL_ENOMEM, "out of memory");
            swap = r->ahead; /* every context slot is in use */
            r->ahead = *it;
            *it = swap;
            r->pending = 1;
            break;
        }
        c->n++;
    }
    return RATEL_OK;
}

/* ---- rating ------------------------------------------------------------- */

/* The overrides recorded as JSON into v (at most 64; strings borrowed
 * from doc). 0, or -1 when they cannot be read. */
static int read_overrides(const char *json, jt_doc **doc,
                          ratel_rate_options *o, ratel_override *v)
{
    const jt_node *root, *list, *x, *f;
    char msg[8];
    size_t n = 0;
    if (jt_parse(doc, json, strlen(json), msg, sizeof msg) != 0)
        return -1;
    root = jt_root(*doc);
    if (root->kind != JT_OBJECT)
        return -1;
    if ((list = jt_get(root, "overrides"))) {
        if (list->kind != JT_ARRAY || list->n > 64)
            return -1;
        for (x = list->first; x; x = x->next, n++) {
            const char *keys[] = {"coverage", "label", "reason"};
            const char **dst[] = {&v[n].coverage, &v[n].label, &v[n].reason};
            int k;
            if (x->kind != JT_OBJECT)
                return -1;
            for (k = 0; k < 3; k++) {
                if (!(f = jt_get(x, keys[k])) || f->kind != JT_STRING)
                    return -1;
                *dst[k] = f->text;
            }
            if (!(f = jt_get(x, "value")) ||
                (f->kind != JT_INT && f->kind != JT_FLOAT))
                return -1;
            v[n].value = f->f;
        }
    }
    o->overrides = v;
    o->noverrides = n;
    if ((x = jt_get(root, "total_override"))) {
        if (x->kind != JT_INT || !(f = jt_get(root, "total_override_reason"))
            || f->kind != JT_STRING)
            return -1;
        o->total_override = x->i;
        o->total_override_reason = f->text;
    }
    return 0;
}

/* Rates the item's declaration on ctx with `flags`, its JSON into json.
 * RATEL_OK, or an error with the reason in why. */
static int rate(const replay_item *it, ratel_ctx *ctx, const journal_env *env,
                unsigned flags, buf *json, int64_t *total,
                const char **decision, buf *why)
{
    ratel_override v[64];
    ratel_rate_options o;
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    jt_doc *doc = NULL;
    int rc;
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = env->plan_id;
    o.flags = flags;
    buf_reset(json);
    if (it->overrides && read_overrides(it->overrides, &doc, &o, v) != 0) {
        jt_free(doc);
        buf_printf(why, "its recorded overrides cannot be read");
        return RATEL_EIO;
    }
    if (ratel_ctx_set_authority(ctx, it->authority) != RATEL_OK) {
        jt_free(doc);
        buf_printf(why, "its recorded authority is out of range");
        return RATEL_EIO;
    }
    rc = ratel_decl_parse(&d, ctx, env->schema_id, it->decl, it->decl_len);
    if (rc == RATEL_OK)
        rc = ratel_rate(&q, ctx, d, &o);
    if (rc == RATEL_OK) {
        quote_write_json(q, json);
        *total = q->total_premium;
        *decision = ratel_decision_name(q->decision);
        if (json->oom)
            rc = RATEL_ENOMEM;
    }
    if (rc != RATEL_OK)
        buf_printf(why, "%s", ratel_ctx_errmsg(ctx));
    ratel_quote_free(q);
    ratel_decl_free(d);
    jt_free(doc);
    return rc;
}

/* The context of engine `env` for thread t (made when first used). */
static ratel_ctx *ctx_of(journal_env *env, size_t t)
{
    if (!env->ctxs[t] && ratel_ctx_new(&env->ctxs[t], env->engine) != 0)
        env->ctxs[t] = NULL;
    return env->ctxs[t];
}

/* With the caller's engine, a quote recorded without its worksheet says
 * only which member differs: rates it again with the worksheet on both
 * engines to name the first step that differs. */
static void explain_steps(replay_item *it, ratel_ctx *mine,
                          ratel_ctx *recorded)
{
    buf a, b, why, steps;
    int64_t total;
    const char *decision;
    size_t step = 0;
    unsigned flags = it->flags & ~RATEL_RATE_NO_WORKSHEET;
    buf_init(&a);
    buf_init(&b);
    buf_init(&why);
    buf_init(&steps);
    if (rate(it, recorded, it->env, flags, &a, &total, &decision, &why) ==
            RATEL_OK &&
        rate(it, mine, it->env, flags, &b, &total, &decision, &why) ==
            RATEL_OK) {
        journal_diff(a.data, a.len, b.data, b.len, &steps, &step);
        if (step) {
            it->step = step;
            buf_printf(&it->difference, "; first differing step: %s",
                       buf_cstr(&steps));
        }
    }
    buf_free(&a);
    buf_free(&b);
    buf_free(&why);
    buf_free(&steps);
}

static void replay_one(ratel_replay *r, replay_item *it, size_t t)
{
    journal_env *env = it->env;
    ratel_ctx *ctx;
    buf_reset(&it->difference);
    buf_reset(&it->replayed);
    it->step = 0;
    it->total_replayed = 0;
    it->decision_replayed = NULL;
    it->status = RATEL_REPLAY_FAILED;
    if (!env->plan_id || (!r->o.engine && !env->engine)) {
        buf_printf(&it->difference, "%s", env->err.message);
        return;
    }
    ctx = r->o.engine ? r->user_ctxs[t] : ctx_of(env, t);
    if (!ctx) {
        buf_puts(&it->difference, "out of memory");
        return;
    }
    if (rate(it, ctx, env, it->flags, &it->replayed, &it->total_replayed,
             &it->decision_replayed, &it->difference) != RATEL_OK)
        return;
    if (it->replayed.len == it->recorded.len &&
        memcmp(it->replayed.data, it->recorded.data, it->recorded.len) == 0) {
        it->status = RATEL_REPLAY_SAME;
        return;
    }
    it->status = RATEL_REPLAY_DIFFERS;
    journal_diff(it->recorded.data, it->recorded.len, it->replayed.data,
                 it->replayed.len, &it->difference, &it->step);
    if (r->o.engine && !it->step && env->engine && ctx_of(env, t))
        explain_steps(it, ctx, env->ctxs[t]);
}

static void *work(void *arg)
{
    worker *w = arg;
    size_t i;
    for (i = w->t; i < w->c->n; i += w->r->o.threads)
        replay_one(w->r, &w->c->items[i], w->t);
    return NULL;
}

/* Starts the threads on chunk k; a thread that cannot start leaves its
 * share to the caller's, now. */
static void start(ratel_replay *r, int k)
{
    size_t t;
    r->rating = k;
    for (t = 0; t < r->o.threads; t++) {
        worker *w = &r->workers[t];
        w->r = r;
        w->c = r->chunks[k];
        w->t = t;
        w->started = pthread_create(&w->thread, NULL, work, w) == 0;
        if (!w->started)
            work(w);
    }
}

/* Waits for the chunk being rated; it becomes the one returned. */
static void join(ratel_replay *r)
{
    size_t t;
    if (r->rating < 0)
        return;
    for (t = 0; t < r->o.threads; t++)
        if (r->workers[t].started)
            pthread_join(r->workers[t].thread, NULL);
    r->ready = r->rating;
    r->rating = -1;
}

/* Counts item `it` and, unless it is the same and only differences are
 * wanted, fills *item. 1 when filled. */
static int give(ratel_replay *r, replay_item *it, ratel_replay_item *item)
{
    if (it->status == RATEL_REPLAY_SAME)
        r->same++;
    else if (it->status == RATEL_REPLAY_DIFFERS)
        r->differ++;
    else
        r->failed++;
    if (it->status == RATEL_REPLAY_SAME && !r->o.all)
        return 0;
    memset(item, 0, sizeof *item);
    item->id = it->id;
    item->reference = it->reference;
    item->timestamp = it->timestamp;
    item->status = it->status;
    item->recorded = it->recorded.data;
    item->recorded_len = it->recorded.len;
    if (it->status != RATEL_REPLAY_FAILED) {
        item->replayed = it->replayed.data;
        item->replayed_len = it->replayed.len;
    }
    item->total_recorded = it->total_recorded;
    item->total_replayed = it->total_replayed;
    item->decision_recorded = it->decision_recorded;
    item->decision_replayed = it->decision_replayed;
    item->step = it->step;
    item->difference = buf_cstr(&it->difference);
    if (!item->difference)
        item->difference = "";
    return 1;
}

static int replay_next_fill(ratel_replay *r, ratel_replay_item *item)
{
    int k;
    if (!r || !item)
        return RATEL_EARG;
    if (r->error)
        return r->error;
    for (;;) {
        chunk *c = r->ready >= 0 ? r->chunks[r->ready] : NULL;
        while (c && c->pos < c->n)
            if (give(r, &c->items[c->pos++], item))
                return 1;
        /* that chunk is used up: the next quotes go into it while the
         * other one is rated */
        k = r->ready >= 0 ? r->ready : r->rating == 0;
        r->ready = -1;
        r->chunks[k]->n = r->chunks[k]->pos = 0;
        if ((!r->end || r->pending) &&
            (r->error = read_chunk(r, r->chunks[k])) != RATEL_OK) {
            join(r);
            return r->error;
        }
        join(r);
        if (r->chunks[k]->n == 0 && r->pending &&
            (r->error = read_chunk(r, r->chunks[k])) != RATEL_OK)
            return r->error;
        if (r->chunks[k]->n > 0)
            start(r, k);
        if (r->ready < 0 && r->rating < 0)
            return 0;
    }
}

int (ratel_replay_next)(ratel_replay *r, ratel_replay_item *item, size_t size)
{
    ratel_replay_item full;
    int rc;
    if (!abi_size_ok(item, size, ABI_END(ratel_replay_item, difference)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = replay_next_fill(r, &full);
    if (rc == 1) /* an entry (0: the end) */
        abi_copy_out(item, size, &full, sizeof full);
    return rc;
}

void ratel_replay_counts(const ratel_replay *r, uint64_t *same,
                         uint64_t *differ, uint64_t *failed)
{
    if (same)
        *same = r ? r->same : 0;
    if (differ)
        *differ = r ? r->differ : 0;
    if (failed)
        *failed = r ? r->failed : 0;
}
