/* structure_price.c - the structures of a file made concrete for one
 * declaration: "plan": "*" expanded to every plan of the declaration's
 * schema, amounts resolved
 * against the declaration, and the insured layers priced by the shipped
 * plans through the public rating API (ratel_rate_menu, one call per plan
 * and structure): a policy at the plan's price with the request's expense
 * limit and deductible; an excess layer at the plan's price at its top
 * limit minus its price at its attachment. A plan that declines the
 * company, a layer or the fronting of a captive declines the structure,
 * with the plan's reasons. */
#include "structure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"

/* An error about an amount of the file, at its JSON path. */
static int bad_field(ratel_ctx *ctx, const char *path, const char *key,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad_field(ratel_ctx *ctx, const char *path, const char *key,
                     const char *fmt, ...)
{
    ratel_err *e = ctx_err(ctx);
    char msg[256], p[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p, sizeof p, "%s.%s", path, key);
    err_clear(e);
    if (err_add_field(e, p, 0, 0, "%s", msg) != RATEL_OK)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    return err_finish_fields(e);
}

static int oom(ratel_ctx *ctx)
{
    return err_set(ctx_err(ctx), RATEL_ENOMEM, "out of memory");
}

/* The cover a structure asks a plan to price: an expense limit and a
 * deductible (of every part), in place of the declaration's. */
typedef struct structure_option {
    int64_t expense_limit, deductible;
} structure_option;

/* Rates the declaration with `plan` under the options; an option that
 * cannot be rated fails the comparison, naming where it came from. */
static int rate(ratel_menu **out, ratel_ctx *ctx, const ratel_decl *decl,
                const char *plan, const structure_option *o, size_t n,
                const char *path)
{
    ratel_rate_options ro = RATEL_RATE_OPTIONS_INIT;
    ratel_options *menu = NULL;
    const char *msg = NULL;
    size_t i;
    int rc;
    ro.plan_id = plan;
    ro.flags = RATEL_RATE_NO_WORKSHEET;
    rc = ratel_options_new(&menu);
    for (i = 0; rc == RATEL_OK && i < n; i++)
        if ((rc = ratel_options_add(menu, NULL)) == RATEL_OK &&
            (rc = ratel_options_set_int(menu, "request.expense_limit",
                                        o[i].expense_limit)) == RATEL_OK)
            rc = ratel_options_set_int(menu, "request.deductible",
                                       o[i].deductible);
    if (rc == RATEL_OK)
        rc = ratel_rate_menu(out, ctx, decl, &ro, menu);
    ratel_options_free(menu);
    if (rc != RATEL_OK)
        return err_set(ctx_err(ctx), rc, "%s: plan %s: %s", path, plan,
                       ratel_ctx_errmsg(ctx));
    for (i = 0; i < n; i++)
        if ((rc = ratel_menu_error(*out, i, &msg)) != RATEL_OK) {
            rc = err_set(ctx_err(ctx), rc, "%s: plan %s cannot rate an "
                         "expense limit of %lld yen: %s", path, plan,
                         (long long)o[i].expense_limit, msg ? msg : "");
            ratel_menu_free(*out);
            *out = NULL;
            return rc;
        }
    return RATEL_OK;
}

static int64_t expense_cover(const ratel_quote *q)
{
    ratel_coverage c;
    size_t i;
    for (i = 0; i < ratel_quote_coverage_count(q); i++)
        if (ratel_quote_coverage(q, i, &c) == RATEL_OK &&
            strcmp(c.name, "expense") == 0)
            return c.limit;
    return 0;
}

/* Adds the quote's reasons of `kind` ("decline" or "refer") to the
 * structure's reasons or referrals, after `what`. */
static int note_reasons(structure_result *s, const ratel_quote *q,
                        const char *kind, const char *what)
{
    int refer = strcmp(kind, "refer") == 0;
    ratel_reason reason;
    size_t i;
    for (i = 0; i < ratel_quote_reason_count(q); i++)
        if (ratel_quote_reason(q, i, &reason) == RATEL_OK &&
            strcmp(reason.kind, kind) == 0 &&
            structure_list_add(refer ? &s->referrals : &s->reasons,
                               refer ? &s->nreferrals : &s->nreasons,
                               "%s: %s (%s)", what, reason.text, reason.code))
            return -1;
    return 0;
}

static int decline(structure_result *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int decline(structure_result *s, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = structure_list_vadd(&s->reasons, &s->nreasons, fmt, ap);
    va_end(ap);
    s->declined = 1;
    return rc;
}

static void add_layer(structure_result *s, const char *plan, double retention,
                      double limit, double aggregate, double share,
                      double premium)
{
    structure_tower *t = &s->tower;
    risk_layer *L = &t->layers[t->nlayers];
    s->layers[t->nlayers].plan = plan;
    L->retention = retention;
    L->limit = limit;
    L->agg_retention = 0.0;
    L->agg_limit = aggregate;
    L->share = share;
    t->bearer[t->nlayers] = plan ? STRUCTURE_BY_INSURER : STRUCTURE_BY_CAPTIVE;
    t->premium[t->nlayers++] = premium;
}

static structure_option option(int64_t expense_limit, int64_t deductible)
{
    structure_option o;
    o.expense_limit = expense_limit;
    o.deductible = deductible;
    return o;
}

/* The policy of an insurance structure, from its plan. */
static int price_policy(structure_result *s, ratel_ctx *ctx,
                        const ratel_decl *decl, const structure_inputs *in,
                        int64_t deductible)
{
    const structure_def *d = s->def;
    int64_t limit = d->limit >= 0 ? d->limit : in->expense_limit;
    structure_option o = option(limit, deductible);
    ratel_menu *m = NULL;
    const ratel_quote *q;
    char label[96];
    int rc;
    if ((rc = rate(&m, ctx, decl, s->plan, &o, 1, d->path)))
        return rc;
    q = ratel_menu_quote(m, 0);
    if (ratel_quote_decision(q) == RATEL_DECLINED) {
        rc = decline(s, "plan %s declines the company", s->plan) ||
             note_reasons(s, q, "decline", s->plan);
    } else if (expense_cover(q) <= 0) {
        rc = decline(s, "plan %s's quote has no expense cover", s->plan);
    } else {
        add_layer(s, s->plan, (double)deductible,
                  (double)expense_cover(q), (double)expense_cover(q),
                  (double)in->coinsurance_pct / 100.0,
                  (double)ratel_quote_total_premium(q));
        snprintf(label, sizeof label, "Premium: %s", s->plan);
        structure_tower_add_cost(&s->tower, label,
                                 (double)ratel_quote_total_premium(q));
        rc = note_reasons(s, q, "refer", s->plan);
    }
    ratel_menu_free(m);
    return rc ? oom(ctx) : RATEL_OK;
}

/* The captive's layer, and whether the fronting insurer's plan takes the
 * company (the collateral rule waits for the layer's Panjer mean). */
static int price_fronting(structure_result *s, ratel_ctx *ctx,
                          const ratel_decl *decl, int64_t deductible)
{
    const structure_def *d = s->def;
    structure_option o;
    ratel_menu *m = NULL;
    const ratel_quote *q;
    int rc;
    if (d->retention <= deductible)
        return bad_field(ctx, d->path, "retention", "the captive's retention "
                         "of %lld yen is not above the deductible of %lld yen",
                         (long long)d->retention, (long long)deductible);
    o = option(d->retention - deductible, deductible);
    if ((rc = rate(&m, ctx, decl, s->plan, &o, 1, d->path)))
        return rc;
    q = ratel_menu_quote(m, 0);
    if (ratel_quote_decision(q) == RATEL_DECLINED)
        rc = decline(s, "the fronting insurer's plan %s will not front a "
                     "captive for this company", s->plan) ||
             note_reasons(s, q, "decline", s->plan);
    else
        rc = note_reasons(s, q, "refer", s->plan);
    add_layer(s, NULL, (double)deductible,
              (double)(d->retention - deductible), (double)d->aggregate, 1.0,
              0.0);
    ratel_menu_free(m);
    return rc ? oom(ctx) : RATEL_OK;
}

/* An excess layer: the plan's price at its top minus at its attachment. */
static int price_excess(structure_result *s, ratel_ctx *ctx,
                        const ratel_decl *decl, size_t k, int64_t deductible)
{
    const structure_excess *x = &s->def->excess[k];
    structure_option o[2];
    ratel_menu *m = NULL;
    const ratel_quote *top, *bottom;
    char path[80], label[96];
    double price;
    buf b;
    int rc = 0;
    snprintf(path, sizeof path, "%s.excess[%zu]", s->def->path, k);
    o[0] = option(x->attachment + x->limit, deductible);
    o[1] = option(x->attachment, deductible);
    if ((rc = rate(&m, ctx, decl, x->plan, o, 2, path)))
        return rc;
    top = ratel_menu_quote(m, 0);
    bottom = ratel_menu_quote(m, 1);
    price = (double)ratel_quote_total_premium(top) -
            (double)ratel_quote_total_premium(bottom);
    snprintf(label, sizeof label, "excess layer %s", path);
    if (ratel_quote_decision(top) == RATEL_DECLINED ||
        ratel_quote_decision(bottom) == RATEL_DECLINED)
        rc = decline(s, "plan %s declines the %s", x->plan, label) ||
             note_reasons(s, top, "decline", x->plan);
    else if (expense_cover(top) != o[0].expense_limit ||
             expense_cover(bottom) != o[1].expense_limit)
        rc = decline(s, "plan %s does not write the expense limits of the "
                     "%s (its quotes cover other limits)", x->plan, label);
    else if (!(price > 0))
        rc = decline(s, "plan %s's price does not rise over the %s", x->plan,
                     label);
    else {
        add_layer(s, x->plan, (double)x->attachment,
                  (double)x->limit, (double)x->limit, 1.0, price);
        buf_init(&b);
        buf_printf(&b, "Premium: %s, ", x->plan);
        structure_put_yen(&b, (double)x->limit);
        buf_puts(&b, " excess of ");
        structure_put_yen(&b, (double)x->attachment);
        if (!(rc = b.oom)) /* a shorter label would read as another cost */
            structure_tower_add_cost(&s->tower, buf_cstr(&b), price);
        buf_free(&b);
        rc = rc || note_reasons(s, top, "refer", x->plan) ||
             note_reasons(s, bottom, "refer", x->plan);
    }
    ratel_menu_free(m);
    return rc ? oom(ctx) : RATEL_OK;
}

static int price_one(structure_result *s, ratel_ctx *ctx,
                     const ratel_decl *decl, const structure_inputs *in)
{
    const structure_def *d = s->def;
    int64_t deductible = d->deductible >= 0 ? d->deductible : in->deductible;
    int64_t top = 0;
    size_t k;
    int rc = RATEL_OK;
    if (d->kind == STRUCTURE_INSURANCE) {
        rc = price_policy(s, ctx, decl, in, deductible);
        top = deductible + (d->limit >= 0 ? d->limit : in->expense_limit);
    } else if (d->kind == STRUCTURE_CAPTIVE) {
        rc = price_fronting(s, ctx, decl, deductible);
        top = d->retention;
    }
    for (k = 0; rc == RATEL_OK && k < d->nexcess; k++) {
        char path[80];
        snprintf(path, sizeof path, "%s.excess[%zu]", d->path, k);
        if (d->excess[k].attachment < top || d->excess[k].attachment == 0)
            return bad_field(ctx, path, "attachment", "the layer attaches at "
                             "%lld yen, below the top of the cover under it "
                             "(%lld yen) or at 0",
                             (long long)d->excess[k].attachment,
                             (long long)top);
        if (!s->declined)
            rc = price_excess(s, ctx, decl, k, deductible);
    }
    return rc;
}

/* One result per structure, or per plan for "plan": "*". */
static int expand(ratel_structure_result *r, ratel_ctx *ctx,
                  const ratel_engine *engine, const ratel_decl *decl)
{
    size_t i, p, nplans = ratel_engine_plan_count(engine);
    for (i = 0; i < r->defs->ndefs; i++) {
        const structure_def *d = &r->defs->defs[i];
        int every = d->kind == STRUCTURE_INSURANCE && strcmp(d->plan, "*") == 0;
        for (p = 0; p < (every ? nplans : 1); p++) {
            ratel_plan_info info;
            structure_result *s;
            const char *plan = d->plan;
            if (every) {
                if (ratel_engine_plan(engine, p, &info) != RATEL_OK ||
                    strcmp(info.schema, ratel_decl_schema(decl)) != 0)
                    continue; /* a plan of another product */
                if (p && r->n && strcmp(r->s[r->n - 1].plan, info.id) == 0)
                    continue; /* another version of the same plan */
                plan = info.id;
            }
            if (r->n == STRUCTURE_MAX_RESULTS)
                return bad_field(ctx, d->path, "plan", "more than %d "
                                 "structures with every plan",
                                 STRUCTURE_MAX_RESULTS);
            s = &r->s[r->n++];
            s->def = d;
            s->kind = d->kind;
            s->plan = plan ? strdup(plan) : NULL;
            s->name = every ? NULL : strdup(d->name);
            if (every && s->plan) {
                size_t len = strlen(d->name) + strlen(plan) + 3;
                if ((s->name = malloc(len)) != NULL)
                    snprintf(s->name, len, "%s: %s", d->name, plan);
            }
            if (!s->name || (plan && !s->plan))
                return oom(ctx);
        }
    }
    return RATEL_OK;
}

int structure_price_all(ratel_structure_result *r, ratel_ctx *ctx,
                        const ratel_engine *engine, const ratel_decl *decl)
{
    size_t i;
    int rc;
    if (!(r->s = calloc(STRUCTURE_MAX_RESULTS, sizeof *r->s)))
        return oom(ctx);
    if ((rc = expand(r, ctx, engine, decl)))
        return rc;
    for (i = 0; i < r->n; i++)
        if ((rc = price_one(&r->s[i], ctx, decl, &r->in)))
            return rc;
    return RATEL_OK;
}
