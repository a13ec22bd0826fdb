/* menu.c - one declaration rated under a menu of options (limits,
 * deductibles, coinsurance, waiting periods), sharing what does not
 * depend on the option. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "rate.h"
#include "sandbox.h"

#define MENU_MAX_OPTIONS 1000

struct ratel_menu {
    size_t n;
    ratel_option *options;   /* copies; names owned */
    ratel_quote **quotes;    /* NULL where the option failed */
    int *codes;
    char **messages;
    char *json;
    size_t json_len;
};

void ratel_menu_free(ratel_menu *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->n; i++) {
        if (m->options)
            free((char *)m->options[i].name);
        if (m->quotes)
            ratel_quote_free(m->quotes[i]);
        if (m->messages)
            free(m->messages[i]);
    }
    free(m->options);
    free(m->quotes);
    free(m->codes);
    free(m->messages);
    free(m->json);
    free(m);
}

static ratel_menu *menu_new(const ratel_option *options, size_t n)
{
    ratel_menu *m = calloc(1, sizeof *m);
    size_t i;
    if (!m)
        return NULL;
    m->n = n;
    m->options = calloc(n, sizeof *m->options);
    m->quotes = calloc(n, sizeof *m->quotes);
    m->codes = calloc(n, sizeof *m->codes);
    m->messages = calloc(n, sizeof *m->messages);
    if (!m->options || !m->quotes || !m->codes || !m->messages) {
        ratel_menu_free(m);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        char name[32];
        m->options[i] = options[i];
        if (!options[i].name)
            snprintf(name, sizeof name, "option %zu", i + 1);
        m->options[i].name = strdup(options[i].name ? options[i].name : name);
        if (!m->options[i].name) {
            ratel_menu_free(m);
            return NULL;
        }
    }
    return m;
}

/* The declaration with the option's request fields. */
static void apply_option(struct ratel_decl *d, const ratel_option *o)
{
    if (o->liability_limit >= 0)
        d->liability_limit = o->liability_limit;
    if (o->expense_limit >= 0)
        d->expense_limit = o->expense_limit;
    if (o->bi_limit >= 0)
        d->bi_limit = o->bi_limit;
    if (o->bi_waiting_hours >= 0) {
        d->bi_waiting_hours = o->bi_waiting_hours;
        d->present |= DECL_HAS_WAITING;
    }
    if (o->deductible >= 0)
        d->deductible = o->deductible;
    if (o->coinsurance_pct >= 0)
        d->coinsurance_pct = o->coinsurance_pct;
}

/* Range checks of the option's values, as the declaration reader's. */
static int check_option(const ratel_option *o, ratel_err *e)
{
    const int64_t money[] = {o->liability_limit, o->expense_limit,
                             o->bi_limit, o->deductible};
    size_t i;
    for (i = 0; i < sizeof money / sizeof *money; i++)
        if (money[i] > RATEL_MONEY_MAX)
            return err_set(e, RATEL_EDECL, "%s: an amount above 10^15 yen",
                           o->name);
    if (o->bi_waiting_hours > DECL_MAX_WAITING_HOURS ||
        o->coinsurance_pct == 0 || o->coinsurance_pct > 100)
        return err_set(e, RATEL_EDECL, "%s: waiting hours 0..%d and "
                       "coinsurance 1..100 %%", o->name,
                       DECL_MAX_WAITING_HOURS);
    return RATEL_OK;
}

static void rate_option(ratel_menu *m, size_t i, ratel_ctx *c,
                        const plan_def *p, const struct ratel_decl *d,
                        const ratel_rate_options *opts)
{
    struct ratel_decl od = *d; /* shallow: shares name and incidents */
    ratel_err e;
    int rc;
    err_init(&e);
    apply_option(&od, &m->options[i]);
    rc = check_option(&m->options[i], &e);
    if (rc == RATEL_OK)
        rc = decl_check_complete(&od, &e);
    if (rc == RATEL_OK) {
        rate_start_result(c, opts);
        rc = sbx_menu_rate(c->sb, &od, &c->res, &e);
    }
    if (rc == RATEL_OK)
        rc = rate_finish(&m->quotes[i], c, p, &od, opts, &e);
    m->codes[i] = rc;
    if (rc != RATEL_OK)
        m->messages[i] = strdup(*e.message ? e.message : ratel_strerror(rc));
    err_dispose(&e);
}

static int menu_locked(ratel_menu **out, ratel_ctx *c, const ratel_decl *d,
                       const ratel_rate_options *opts,
                       const ratel_option *options, size_t n)
{
    const plan_def *p = NULL;
    ratel_menu *m;
    size_t i;
    int rc;
    if ((rc = rate_check_overrides(c, opts)) ||
        (rc = rate_prepare(c, d, opts->plan_id, &p)))
        return rc;
    if (!options && n == 0) {
        options = p->options;
        n = p->noptions;
    }
    if (n == 0 || n > MENU_MAX_OPTIONS || !options)
        return err_set(&c->err, RATEL_EARG, "a menu needs 1 to %d options "
                       "(plan '%s' defines %zu)", MENU_MAX_OPTIONS, p->id,
                       p->noptions);
    if (!(m = menu_new(options, n)))
        return err_set(&c->err, RATEL_ENOMEM, "out of memory");
    if ((rc = sbx_menu_start(c->sb, p, c->resolved, d, n, &c->err))) {
        ratel_menu_free(m);
        return rc;
    }
    for (i = 0; i < n; i++)
        rate_option(m, i, c, p, d, opts);
    sbx_menu_end(c->sb);
    *out = m;
    return RATEL_OK;
}

int ratel_rate_menu(ratel_menu **out, ratel_ctx *c, const ratel_decl *d,
                    const ratel_rate_options *opts,
                    const ratel_option *options, size_t noptions)
{
    locale_t old;
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if ((rc = rate_check_args(c, d, &opts, "ratel_rate_menu")))
        return rc;
    old = uselocale(c->c_locale);
    rc = menu_locked(out, c, d, opts, options, noptions);
    uselocale(old);
    return rc;
}

size_t ratel_menu_count(const ratel_menu *m) { return m ? m->n : 0; }

const char *ratel_menu_option_name(const ratel_menu *m, size_t i)
{
    return m && i < m->n ? m->options[i].name : NULL;
}

const ratel_quote *ratel_menu_quote(const ratel_menu *m, size_t i)
{
    return m && i < m->n ? m->quotes[i] : NULL;
}

int ratel_menu_error(const ratel_menu *m, size_t i, const char **message)
{
    if (!m || i >= m->n)
        return RATEL_EARG;
    if (message)
        *message = m->messages[i];
    return m->codes[i];
}

static void put_request(buf *b, const ratel_option *o)
{
    static const char *const names[] = {
        "liability_limit", "expense_limit", "bi_limit", "bi_waiting_hours",
        "deductible", "coinsurance_pct"};
    const int64_t v[] = {o->liability_limit, o->expense_limit, o->bi_limit,
                         o->bi_waiting_hours, o->deductible,
                         o->coinsurance_pct};
    size_t k;
    int first = 1;
    buf_putc(b, '{');
    for (k = 0; k < 6; k++) {
        if (v[k] < 0)
            continue;
        if (!first)
            buf_putc(b, ',');
        first = 0;
        buf_put_json_string(b, names[k]);
        buf_putc(b, ':');
        buf_put_i64(b, v[k]);
    }
    buf_putc(b, '}');
}

const char *ratel_menu_json(const ratel_menu *cm, size_t *len)
{
    ratel_menu *m = (ratel_menu *)cm; /* the text is cached on first use */
    buf b;
    size_t i;
    if (!m)
        return NULL;
    if (!m->json) {
        buf_init(&b);
        buf_puts(&b, "{\"options\":[");
        for (i = 0; i < m->n; i++) {
            buf_puts(&b, i ? ",\n{\"name\":" : "\n{\"name\":");
            buf_put_json_string(&b, m->options[i].name);
            buf_puts(&b, ",\"request\":");
            put_request(&b, &m->options[i]);
            if (m->quotes[i]) {
                size_t n;
                const char *q = ratel_quote_json(m->quotes[i], &n);
                if (!q) {
                    buf_free(&b);
                    return NULL;
                }
                buf_puts(&b, ",\"quote\":");
                buf_put(&b, q, n);
            } else {
                buf_puts(&b, ",\"error\":{\"code\":");
                buf_put_i64(&b, m->codes[i]);
                buf_puts(&b, ",\"message\":");
                buf_put_json_string(&b, m->messages[i] ? m->messages[i] : "");
                buf_putc(&b, '}');
            }
            buf_putc(&b, '}');
        }
        buf_puts(&b, "\n]}");
        m->json_len = b.len;
        m->json = buf_take(&b);
        if (!m->json)
            return NULL;
    }
    if (len)
        *len = m->json_len;
    return m->json;
}
