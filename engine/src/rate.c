/* rate.c - one quote: pick the plan and table versions for the
 * declaration's date, run the plan, check and allocate its result. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "decl.h"
#include "quote.h"
#include "rate.h"
#include "terms.h"

/* Resolves the plan's declared tables for `date` into the set `r`. */
static int resolve_set(ratel_ctx *c, const plan_def *p, int32_t date,
                       ctx_resolved *r)
{
    const tbl_set *set = c->engine->tables;
    int32_t from = INT32_MIN, to = INT32_MAX;
    size_t i;
    r->plan = NULL;
    if (p->ntables > r->cap) {
        const tbl_table **nr = realloc(r->tables, p->ntables * sizeof *nr);
        if (!nr)
            return err_set(&c->err, RATEL_ENOMEM, "out of memory");
        r->tables = nr;
        r->cap = p->ntables;
    }
    for (i = 0; i < p->ntables; i++) {
        const tbl_table *t = tbl_find(set, p->tables[i], date);
        if (!t) {
            char text[11];
            decl_date_format(date, text);
            return err_set(&c->err, RATEL_ENOTFOUND, "table '%s' (used by "
                           "plan '%s' %s) has no version effective on %s",
                           p->tables[i], p->id, p->version, text);
        }
        r->tables[i] = t;
        /* the dates for which this version stays the one in force */
        if (t->effective_from > from)
            from = t->effective_from;
        if (t + 1 < set->tables + set->n &&
            strcmp(t[1].name, t->name) == 0 && t[1].effective_from < to)
            to = t[1].effective_from;
    }
    r->plan = p;
    r->from = from;
    r->to = to;
    return RATEL_OK;
}

/* Points ctx->resolved at the plan's tables for `date`: one of the last
 * sets resolved when its dates cover it, else a newly resolved one. */
static int resolve_tables(ratel_ctx *c, const plan_def *p, int32_t date)
{
    ctx_resolved *r;
    size_t i;
    int rc;
    for (i = 0; i < CTX_RESOLVED_SETS; i++) {
        r = &c->sets[i];
        if (r->plan == p && date >= r->from && date < r->to) {
            c->resolved = r->tables;
            return RATEL_OK;
        }
    }
    r = &c->sets[c->next_set];
    c->next_set = (c->next_set + 1) % CTX_RESOLVED_SETS;
    if ((rc = resolve_set(c, p, date, r)) != RATEL_OK)
        return rc;
    c->resolved = r->tables;
    return RATEL_OK;
}

/* Declined if any decline, else referred if any referral or if the quote
 * needs more authority than the context holds (the engine then adds the
 * AUTHORITY referral itself), else quoted. */
static int decide(rate_result *r, ratel_decision *out)
{
    ratel_decision d = RATEL_QUOTED;
    int required = 0;
    size_t i, n = r->nreasons;
    for (i = 0; i < n; i++) {
        const res_reason *x = &r->reasons[i];
        if (x->kind == RES_DECLINE)
            d = RATEL_DECLINED;
        else if (x->kind == RES_REFER && d == RATEL_QUOTED)
            d = RATEL_REFERRED;
        else if (x->kind == RES_AUTHORITY && x->level > required)
            required = x->level;
    }
    r->authority_required = required;
    if (required > r->authority) {
        char text[96];
        int len = snprintf(text, sizeof text, "needs underwriting authority "
                           "level %d; the underwriter holds level %d",
                           required, r->authority);
        if (res_add_reason(r, RES_REFER, 0, "AUTHORITY", 9, text,
                           (size_t)len))
            return -1;
        if (d == RATEL_QUOTED)
            d = RATEL_REFERRED;
    }
    *out = d;
    return 0;
}

/* Splits the policy premium over the coverages in proportion to their
 * premiums before combine(), in whole yen; the yen left by rounding down
 * go one each to the largest remainders (ties: the earlier coverage). */
static int allocate(rate_result *r, int64_t total)
{
    double sum = 0, frac[RES_MAX_COVERAGES];
    int64_t given = 0;
    size_t i, n = r->ncoverages;
    for (i = 0; i < n; i++)
        sum += r->coverages[i].premium > 0 ? r->coverages[i].premium : 0;
    for (i = 0; i < n; i++) {
        double p = r->coverages[i].premium > 0 ? r->coverages[i].premium : 0;
        double quota = sum > 0 ? (double)total * (p / sum)
                               : (i == 0 ? (double)total : 0);
        double whole = floor(quota);
        if (whole > (double)(total - given))
            whole = (double)(total - given);
        r->coverages[i].allocated = (int64_t)whole;
        frac[i] = quota - whole;
        given += (int64_t)whole;
    }
    while (given < total) {
        size_t best = 0;
        for (i = 1; i < n; i++)
            if (frac[i] > frac[best])
                best = i;
        r->coverages[best].allocated++;
        frac[best] = -1;
        given++;
        if (n == 1)
            break;
    }
    if (given < total) /* one coverage: it takes the rest */
        r->coverages[0].allocated += total - given;
    if (!r->record_steps)
        return 0;
    for (i = 0; i < n; i++) {
        res_step st;
        static const char label[] =
            "Share of the policy premium (pro rata, largest remainder)";
        st.coverage = (int)i;
        st.op = RES_ALLOCATE;
        st.label = res_str(r, label, sizeof label - 1);
        st.table = st.key = RES_NONE;
        st.value = st.calculated = r->coverages[i].premium;
        st.premium = (double)r->coverages[i].allocated;
        st.override_reason = RES_NONE;
        if (r->arena.oom || res_add_step(r, &st))
            return -1;
    }
    return 0;
}

/* Checks the plan's premium and fills *total. */
static int check_total(ratel_ctx *c, const plan_def *p, ratel_decision d,
                       int64_t *total, ratel_err *e)
{
    rate_result *r = &c->res;
    double v = r->policy_premium;
    *total = 0;
    if (d == RATEL_DECLINED)
        return RATEL_OK; /* no premium is offered; the worksheet stays */
    if (!r->combined) {
        return err_set(e, RATEL_ERESULT, "%s: the plan produced no "
                       "premium: call combine() and round the 'policy' "
                       "premium", p->path);
    }
    if (!isfinite(v) || v < 0 || v > (double)RATEL_MONEY_MAX)
        return err_set(e, RATEL_ERESULT, "%s: the total premium is "
                       "out of range (0 to 10^15 yen)", p->path);
    if (v != floor(v))
        return err_set(e, RATEL_ERESULT, "%s: the total premium is "
                       "not whole yen; round it, e.g. round(\"policy\", "
                       "\"Round to 10 yen\", 10)", p->path);
    *total = (int64_t)v;
    return RATEL_OK;
}

/* Checks the caller's overrides before the plan runs. */
int rate_check_overrides(ratel_ctx *c, const ratel_rate_options *o)
{
    size_t i;
    if (o->noverrides > RES_MAX_OVERRIDES)
        return err_set(&c->err, RATEL_EARG, "at most %d overrides",
                       RES_MAX_OVERRIDES);
    for (i = 0; i < o->noverrides; i++) {
        const ratel_override *v = &o->overrides[i];
        if (!v->coverage || !v->label || !v->reason || !*v->reason ||
            !isfinite(v->value))
            return err_set(&c->err, RATEL_EARG, "override %zu needs a "
                           "coverage, a label, a finite value and a reason",
                           i + 1);
    }
    if (o->total_override > RATEL_MONEY_MAX ||
        (o->total_override >= 0 &&
         (!o->total_override_reason || !*o->total_override_reason)))
        return err_set(&c->err, RATEL_EARG, "a total-premium override needs "
                       "an amount up to 10^15 yen and a reason");
    return RATEL_OK;
}

/* An override that matched no step would silently change nothing. */
static int check_overrides_used(ratel_ctx *c, const ratel_rate_options *o,
                                ratel_err *e)
{
    size_t i;
    for (i = 0; i < o->noverrides; i++)
        if (!c->res.override_used[i])
            return err_set(e, RATEL_EARG, "override of step '%s' on "
                           "'%s' matched no step of the plan that can be "
                           "overridden (set, mul, add, at_least, at_most, "
                           "note, base, factor)",
                           o->overrides[i].label, o->overrides[i].coverage);
    return RATEL_OK;
}

/* The underwriter's total replaces the calculated one, on the worksheet. */
static int override_total(rate_result *r, const ratel_rate_options *o,
                          int64_t *total)
{
    static const char label[] = "Underwriter override of the total premium";
    res_step st;
    if (o->total_override < 0)
        return 0;
    st.coverage = RES_POLICY;
    st.op = RES_OVERRIDE;
    st.label = res_str(r, label, sizeof label - 1);
    st.table = st.key = RES_NONE;
    st.calculated = (double)*total;
    st.value = st.premium = (double)o->total_override;
    st.override_reason = res_str(r, o->total_override_reason,
                                 strlen(o->total_override_reason));
    *total = o->total_override;
    r->policy_premium = st.premium;
    return r->arena.oom || (r->record_steps && res_add_step(r, &st)) ? -1 : 0;
}

/* Finds the plan version for the declaration's date and its tables. */
int rate_prepare(ratel_ctx *c, const struct ratel_decl *d,
                 const char *plan_id, const plan_def **out)
{
    const plan_def *p;
    int32_t date;
    int exists, rc;
    /* a declaration the reader made and nothing changed since was
     * checked by the reader */
    if (!d->complete && (rc = decl_check_complete(d, &c->err)))
        return rc;
    date = decl_effective_date(d);
    if (!plan_id)
        plan_id = engine_plan_for_schema(c->engine, d->schema);
    p = engine_find_plan(c->engine, plan_id, date, &exists);
    if (!p) {
        char text[11];
        decl_date_format(date, text);
        if (!exists)
            return err_set(&c->err, RATEL_ENOTFOUND, "no plan '%s'",
                           engine_plan_id(c->engine, plan_id));
        return err_set(&c->err, RATEL_ENOTFOUND, "plan '%s' has no version "
                       "effective on %s", engine_plan_id(c->engine, plan_id),
                       text);
    }
    if (p->schema != d->schema)
        return err_set(&c->err, RATEL_EDECL, "plan '%s' rates declarations "
                       "of schema '%s'; this one is of '%s'", p->id,
                       p->schema->id, d->schema->id);
    *out = p;
    return resolve_tables(c, p, date);
}

/* After the plan ran: decision, premium checks, overrides, allocation. */
int rate_finish(ratel_quote **out, ratel_ctx *c, const plan_def *p,
                const struct ratel_decl *d, const ratel_rate_options *o,
                ratel_err *e, group_members *g)
{
    ratel_decision decision;
    int64_t total, calculated;
    int rc;
    if ((rc = check_overrides_used(c, o, e)))
        return rc;
    if (decide(&c->res, &decision))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if ((rc = check_total(c, p, decision, &total, e)))
        return rc;
    calculated = total;
    if (decision == RATEL_DECLINED && o->total_override >= 0)
        return err_set(e, RATEL_EARG, "a declined quote has no premium to "
                       "override");
    if (decision != RATEL_DECLINED &&
        (override_total(&c->res, o, &total) || allocate(&c->res, total)))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if (g && group_finish(&c->res, g, decision == RATEL_DECLINED ? 0 : total))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if (terms_settle(&c->res, d))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    *out = quote_from_result(&c->res, decision, total, p, c->resolved, d);
    if (!*out)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    (*out)->calculated_premium = calculated;
    return RATEL_OK;
}

/* Makes the context's scratch result ready for one run of the plan. */
void rate_start_result(ratel_ctx *c, const ratel_rate_options *o)
{
    res_reset(&c->res, !(o->flags & RATEL_RATE_NO_WORKSHEET));
    c->res.authority = c->authority;
    c->res.overrides = o->overrides;
    c->res.noverrides = o->noverrides;
    memset(c->res.override_used, 0, sizeof c->res.override_used);
}

static int rate_locked(ratel_quote **out, ratel_ctx *c,
                       const struct ratel_decl *d,
                       const ratel_rate_options *o)
{
    const plan_def *p = NULL;
    int rc;
    if ((rc = rate_check_overrides(c, o)) ||
        (rc = rate_prepare(c, d, o->plan_id, &p)))
        return rc;
    if (group_is_group(d))
        return group_rate(out, c, p, d, o);
    rate_start_result(c, o);
    if ((rc = sbx_rate(c->sb, p, c->resolved, d, &c->res, &c->err)))
        return rc;
    return rate_finish(out, c, p, d, o, &c->err, NULL);
}

void ratel_rate_options_init(ratel_rate_options *o)
{
    static const ratel_rate_options defaults = RATEL_RATE_OPTIONS_INIT;
    if (o)
        *o = defaults;
}

int rate_check_args(ratel_ctx *c, const ratel_decl *d,
                    const ratel_rate_options **o, const char *fname)
{
    static const ratel_rate_options defaults = RATEL_RATE_OPTIONS_INIT;
    if (!c)
        return RATEL_EARG;
    err_clear(&c->err);
    if (!d)
        return err_set(&c->err, RATEL_EARG, "%s: no declaration", fname);
    if (!*o)
        *o = &defaults;
    if ((*o)->version < 1 || (*o)->version > RATEL_RATE_OPTIONS_VERSION)
        return err_set(&c->err, RATEL_EARG, "%s: options of version %u "
                       "(this library knows 1 to %d; initialise them with "
                       "ratel_rate_options_init())", fname, (*o)->version,
                       RATEL_RATE_OPTIONS_VERSION);
    if (c->engine->schemas == NULL ||
        d->schema != engine_find_schema(c->engine, d->schema->id,
                                        strlen(d->schema->id)))
        return err_set(&c->err, RATEL_EARG, "%s: the declaration was made "
                       "with another engine", fname);
    return RATEL_OK;
}

int ratel_rate(ratel_quote **out, ratel_ctx *c, const ratel_decl *d,
               const ratel_rate_options *o)
{
    locale_t old;
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if ((rc = rate_check_args(c, d, &o, "ratel_rate")))
        return rc;
    old = uselocale(c->c_locale);
    rc = rate_locked(out, c, d, o);
    uselocale(old);
    return rc;
}
