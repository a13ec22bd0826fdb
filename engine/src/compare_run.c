/* compare_run.c - the offers of a comparison: the declaration rated
 * under each chosen plan, through the caller's menu for that plan, else
 * its own menu or the caller's common options when asked, without
 * worksheets (compare.h). */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "decl.h"

/* Keeps menu m, whose quotes offers borrow; 0, or -1 (m not kept). */
static int keep_menu(ratel_comparison *c, ratel_menu *m)
{
    ratel_menu **grown = mem_grow(c->menus, &c->capmenus, c->nmenus,
                                  sizeof *grown, 4);
    if (!grown)
        return -1;
    c->menus = grown;
    grown[c->nmenus++] = m;
    return 0;
}

/* Keeps quote q of an offer; 0, or -1 (q not kept). */
static int keep_quote(ratel_comparison *c, ratel_quote *q)
{
    ratel_quote **grown = mem_grow(c->quotes, &c->capquotes, c->nquotes,
                                   sizeof *grown, 8);
    if (!grown)
        return -1;
    c->quotes = grown;
    grown[c->nquotes++] = q;
    return 0;
}

/* A new offer of plan p, its strings copied; NULL when out of memory. */
static compare_offer *new_offer(ratel_comparison *c, const plan_def *p,
                                const ratel_decl *decl, const char *option)
{
    compare_offer *grown, *o;
    grown = mem_grow(c->offers, &c->capoffers, c->noffers, sizeof *grown, 8);
    if (!grown)
        return NULL;
    c->offers = grown;
    o = &grown[c->noffers];
    memset(o, 0, sizeof *o);
    o->plan = strdup(p->id);
    o->insurer = strdup(p->insurer);
    o->product = strdup(p->product);
    o->option = option ? strdup(option) : NULL;
    o->def = p->effective <= decl_effective_date(decl) ? p : NULL;
    c->noffers++;
    if (!o->plan || !o->insurer || !o->product || (option && !o->option))
        return NULL;
    return o;
}

static int fail_offer(compare_offer *o, int code, const char *message)
{
    o->error = code;
    o->message = strdup(message && *message ? message : ratel_strerror(code));
    return o->message ? RATEL_OK : RATEL_ENOMEM;
}

/* The offers of plan p: one per option of `options` (NULL: a single
 * quote). */
static int rate_plan(ratel_comparison *c, ratel_ctx *ctx,
                     const ratel_decl *decl, const plan_def *p,
                     const ratel_options *options, int menu)
{
    ratel_rate_options ro;
    ratel_quote *q = NULL;
    compare_offer *o;
    size_t i;
    int rc;
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    ro.plan_id = p->id;
    ro.flags = RATEL_RATE_NO_WORKSHEET;
    if (menu) {
        ratel_menu *m = NULL;
        rc = ratel_rate_menu(&m, ctx, decl, &ro, options);
        if (rc == RATEL_ENOMEM)
            return rc;
        if (rc != RATEL_OK) { /* the plan's top level or shared() failed */
            if (!(o = new_offer(c, p, decl, NULL)))
                return RATEL_ENOMEM;
            return fail_offer(o, rc, ratel_ctx_errmsg(ctx));
        }
        if (c->noffers + ratel_menu_count(m) > COMPARE_MAX_OFFERS) {
            ratel_menu_free(m);
            return RATEL_EARG;
        }
        if (keep_menu(c, m)) {
            ratel_menu_free(m);
            return RATEL_ENOMEM;
        }
        for (i = 0; i < ratel_menu_count(m); i++) {
            const char *msg = NULL;
            if (!(o = new_offer(c, p, decl, ratel_menu_option_name(m, i))))
                return RATEL_ENOMEM;
            o->quote = ratel_menu_quote(m, i);
            if (!o->quote &&
                fail_offer(o, ratel_menu_error(m, i, &msg), msg))
                return RATEL_ENOMEM;
        }
        return RATEL_OK;
    }
    if (!(o = new_offer(c, p, decl, NULL)))
        return RATEL_ENOMEM;
    rc = ratel_rate(&q, ctx, decl, &ro);
    if (rc == RATEL_ENOMEM)
        return rc;
    if (rc != RATEL_OK)
        return fail_offer(o, rc, ratel_ctx_errmsg(ctx));
    if (keep_quote(c, q)) {
        ratel_quote_free(q);
        return RATEL_ENOMEM;
    }
    o->quote = q;
    return RATEL_OK;
}

/* The version of plan `id` in force on `date`, else its first version
 * (rating then says none is in force); NULL with an error on e naming
 * the plans there are when the engine has none of that id. */
static const plan_def *find_plan(const ratel_engine *eng, const char *id,
                                 int32_t date, ratel_err *e)
{
    const plan_def *p;
    int exists = 0;
    buf names;
    size_t i;
    if ((p = engine_find_plan(eng, id, date, &exists)))
        return p;
    for (i = 0; i < eng->nplans; i++)
        if (strcmp(eng->plans[i].id, id) == 0)
            return &eng->plans[i];
    buf_init(&names);
    for (i = 0; i < eng->nplans; i++)
        if (i == 0 || strcmp(eng->plans[i].id, eng->plans[i - 1].id)) {
            buf_puts(&names, i ? ", " : "");
            buf_puts(&names, eng->plans[i].id);
        }
    err_set(e, RATEL_ENOTFOUND, "no plan '%s' (the plans are %s)", id,
            names.len ? buf_cstr(&names) : "none");
    buf_free(&names);
    return NULL;
}

int compare_rate_all(ratel_comparison *c, ratel_ctx *ctx,
                     const ratel_decl *decl,
                     const ratel_compare_options *opts, ratel_err *e)
{
    const ratel_engine *eng = ratel_ctx_engine(ctx);
    int32_t date = decl_effective_date(decl);
    const ratel_compare_menus *own = opts->version >= 2 ? opts->plan_menus
                                                        : NULL;
    const plan_def *chosen[COMPARE_MAX_PLANS];
    size_t i, n = 0;
    int rc;
    if (opts->plans) {
        if (opts->nplans > COMPARE_MAX_PLANS)
            return err_set(e, RATEL_EARG, "ratel_compare: at most %d plans",
                           COMPARE_MAX_PLANS);
        for (i = 0; i < opts->nplans; i++) {
            if (!opts->plans[i])
                return err_set(e, RATEL_EARG, "ratel_compare: plan %zu is "
                               "NULL", i + 1);
            if (!(chosen[n++] = find_plan(eng, opts->plans[i], date, e)))
                return e->code;
        }
    } else { /* every plan id of the declaration's schema, once */
        for (i = 0; i < eng->nplans && n < COMPARE_MAX_PLANS; i++)
            if (eng->plans[i].schema == decl->schema &&
                (n == 0 || strcmp(chosen[n - 1]->id, eng->plans[i].id)))
                chosen[n++] = find_plan(eng, eng->plans[i].id, date, e);
    }
    if (n == 0)
        return err_set(e, RATEL_EARG, "ratel_compare: no plan rates "
                       "declarations of schema '%s'", decl->schema->id);
    for (i = 0; own && i < own->n; i++) /* a misspelt id is an error */
        if (!find_plan(eng, own->plans[i], date, e))
            return e->code;
    for (i = 0; i < n; i++) {
        const plan_def *p = chosen[i];
        const ratel_options *options = compare_menus_find(own, p->id);
        int menu = options || opts->options || (opts->menus && p->options);
        if (c->noffers == COMPARE_MAX_OFFERS ||
            (rc = rate_plan(c, ctx, decl, p,
                            options ? options : opts->options, menu)) ==
                RATEL_EARG)
            return err_set(e, RATEL_EARG, "ratel_compare: at most %d offers "
                           "(plans x options) in a comparison",
                           COMPARE_MAX_OFFERS);
        if (rc)
            return err_set(e, rc, "out of memory");
    }
    return RATEL_OK;
}
