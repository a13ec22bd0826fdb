/* menu.c - one declaration rated under a menu of options (limits,
 * deductibles, coinsurance, waiting periods), sharing what does not
 * depend on the option. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "options.h"
#include "quote.h"
#include "rate.h"
#include "sandbox.h"

struct ratel_menu {
    size_t n;
    const ratel_options *options; /* a copy, or the plan's (borrowed) */
    ratel_options *owned;    /* the copy, when the caller's were used */
    ratel_quote **quotes;    /* NULL where the option failed */
    int *codes;
    char **messages;
};

void ratel_menu_free(ratel_menu *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->n; i++) {
        if (m->quotes)
            ratel_quote_free(m->quotes[i]);
        if (m->messages)
            free(m->messages[i]);
    }
    ratel_options_free(m->owned);
    free(m->quotes);
    free(m->codes);
    free(m->messages);
    free(m);
}

static ratel_menu *menu_new(const ratel_options *options, int borrowed)
{
    ratel_menu *m = calloc(1, sizeof *m);
    size_t n = options->n;
    if (!m)
        return NULL;
    m->n = n;
    m->options = options;
    if (!borrowed && !(m->owned = opt_copy(options))) {
        free(m);
        return NULL;
    }
    if (!borrowed)
        m->options = m->owned;
    m->quotes = calloc(n, sizeof *m->quotes);
    m->codes = calloc(n, sizeof *m->codes);
    m->messages = calloc(n, sizeof *m->messages);
    if (!m->quotes || !m->codes || !m->messages) {
        ratel_menu_free(m);
        return NULL;
    }
    return m;
}

/* Rates option i. `shown`: the slots the plan's view of the declaration
 * may show otherwise than d (those the option rated last set). */
static void rate_option(ratel_menu *m, size_t i, ratel_ctx *c,
                        const plan_def *p, opt_applier *a,
                        const ratel_rate_options *opts, opt_touched *shown)
{
    const struct ratel_decl *d = a->base;
    struct ratel_decl od;
    opt_touched touched, merged;
    ratel_err e;
    int rc, check = 0;
    err_init(&e);
    rc = opt_apply(a, &m->options->items[i], &od, &check, &touched, &e);
    if (rc == RATEL_OK && check) /* d passed: only rules an option moved */
        rc = decl_check_complete(&od, &e);
    if (rc == RATEL_OK) {
        const opt_touched *differ = opt_touched_union(&touched, shown,
                                                      &merged);
        rate_start_result(c, opts);
        rc = sbx_menu_rate(c->sb, &od, differ->all ? NULL : differ->slots,
                           differ->n, opt_coverages_only(d->schema, &touched),
                           &c->res, &e);
        shown->n = touched.n;
        shown->all = touched.all | (rc != RATEL_OK); /* part-way view */
        memcpy(shown->slots, touched.slots, touched.n * sizeof *shown->slots);
    }
    if (rc == RATEL_OK)
        rc = rate_finish(&m->quotes[i], c, p, &od, opts, &e, NULL);
    m->codes[i] = rc;
    if (rc != RATEL_OK &&
        !(m->messages[i] = strdup(*e.message ? e.message : ratel_strerror(rc))))
        m->codes[i] = RATEL_ENOMEM; /* its message is ratel_strerror's */
    err_dispose(&e);
}

/* Rates option i of a group declaration as ratel_rate rates a group:
 * every company on its own, then the plan's group step (the work the
 * options of a company's menu share does not apply to a group's). */
static void rate_group_option(ratel_menu *m, size_t i, ratel_ctx *c,
                              const plan_def *p, opt_applier *a,
                              const ratel_rate_options *opts)
{
    struct ratel_decl od;
    opt_touched touched;
    ratel_err e;
    const char *msg;
    int rc, check = 0;
    err_init(&e);
    rc = opt_apply(a, &m->options->items[i], &od, &check, &touched, &e);
    if (rc == RATEL_OK && check)
        rc = decl_check_complete(&od, &e);
    msg = e.message;
    if (rc == RATEL_OK) {
        rc = group_rate(&m->quotes[i], c, p, &od, opts);
        msg = c->err.message;
    }
    m->codes[i] = rc;
    if (rc != RATEL_OK &&
        !(m->messages[i] = strdup(*msg ? msg : ratel_strerror(rc))))
        m->codes[i] = RATEL_ENOMEM;
    err_dispose(&e);
}

/* An option's message: its own, or the code's when it had no memory. */
static const char *option_message(const ratel_menu *m, size_t i)
{
    return m->messages[i] ? m->messages[i] : ratel_strerror(m->codes[i]);
}

static int menu_locked(ratel_menu **out, ratel_ctx *c, const ratel_decl *d,
                       const ratel_rate_options *opts,
                       const ratel_options *options)
{
    const plan_def *p = NULL;
    ratel_menu *m = NULL;
    opt_applier a;
    opt_touched shown;
    size_t i, n;
    int rc, borrowed = !options;
    if ((rc = rate_check_overrides(c, opts)) ||
        (rc = rate_prepare(c, d, opts->plan_id, &p)))
        return rc;
    if (!options)
        options = p->options;
    n = options ? options->n : 0;
    if (n == 0)
        return err_set(&c->err, RATEL_EARG, "a menu needs 1 to %d options "
                       "(plan '%s' defines %zu)", OPT_MAX_OPTIONS, p->id,
                       p->options ? p->options->n : (size_t)0);
    if (opt_applier_init(&a, d) || !(m = menu_new(options, borrowed))) {
        opt_applier_free(&a);
        return err_set(&c->err, RATEL_ENOMEM, "out of memory");
    }
    if (group_is_group(d)) {
        for (i = 0; i < n; i++)
            rate_group_option(m, i, c, p, &a, opts);
        opt_applier_free(&a);
        *out = m;
        return RATEL_OK;
    }
    if ((rc = sbx_menu_start(c->sb, p, c->resolved, d, n, &c->err))) {
        opt_applier_free(&a);
        ratel_menu_free(m);
        return rc;
    }
    shown.n = 0;
    shown.all = shown.outside = 0; /* sbx_menu_start showed d */
    for (i = 0; i < n; i++)
        rate_option(m, i, c, p, &a, opts, &shown);
    sbx_menu_end(c->sb);
    opt_applier_free(&a);
    *out = m;
    return RATEL_OK;
}

int ratel_rate_menu(ratel_menu **out, ratel_ctx *c, const ratel_decl *d,
                    const ratel_rate_options *opts,
                    const ratel_options *options)
{
    locale_t old;
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if ((rc = rate_check_args(c, d, &opts, "ratel_rate_menu")))
        return rc;
    old = uselocale(c->c_locale);
    rc = menu_locked(out, c, d, opts, options);
    uselocale(old);
    return rc;
}

size_t ratel_menu_count(const ratel_menu *m) { return m ? m->n : 0; }

const char *ratel_menu_option_name(const ratel_menu *m, size_t i)
{
    return m && i < m->n ? m->options->items[i].name : NULL;
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
        *message = m->codes[i] != RATEL_OK ? option_message(m, i) : NULL;
    return m->codes[i];
}

int ratel_menu_json(const ratel_menu *m, char **out, size_t *len)
{
    buf b;
    size_t i;
    if (out)
        *out = NULL;
    if (!m || !out)
        return RATEL_EARG;
    buf_init(&b);
    buf_puts(&b, "{\"format_version\":1,\"options\":[");
    for (i = 0; i < m->n; i++) {
        buf_puts(&b, i ? ",\n{\"name\":" : "\n{\"name\":");
        buf_put_json_string(&b, m->options->items[i].name);
        buf_puts(&b, ",\"set\":");
        opt_write_json(&m->options->items[i], &b);
        if (m->quotes[i]) {
            buf_puts(&b, ",\"quote\":");
            quote_write_json(m->quotes[i], &b);
        } else {
            buf_puts(&b, ",\"error\":{\"code\":");
            buf_put_i64(&b, m->codes[i]);
            buf_puts(&b, ",\"message\":");
            buf_put_json_string(&b, option_message(m, i));
            buf_putc(&b, '}');
        }
        buf_putc(&b, '}');
    }
    buf_puts(&b, "\n]}");
    if (b.oom) {
        buf_free(&b);
        return RATEL_ENOMEM;
    }
    if (len)
        *len = b.len;
    *out = buf_take(&b);
    return RATEL_OK;
}
