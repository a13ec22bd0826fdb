/* compare_api.c - ratel_compare and the comparison's accessors (see
 * ratel.h and compare.h). */
#include "abi.h"
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "decl.h"

int ratel_compare_options_init(ratel_compare_options *o, unsigned version)
{
    /* the layout each version has: version 1 ends at cash_months (a
     * caller built with that header has no room for plan_menus) */
    size_t size = version >= 2 ? sizeof *o
                               : ABI_END(ratel_compare_options, cash_months);
    if (!o || version < 1 || version > RATEL_COMPARE_OPTIONS_VERSION)
        return RATEL_EARG;
    memset(o, 0, size);
    o->version = version;
    o->cash_months = 2;
    return RATEL_OK;
}

size_t ratel_loss_category_count(void) { return SETTLE_NCATEGORIES; }

const char *ratel_loss_category_id(size_t i)
{
    return i < SETTLE_NCATEGORIES ? settle_categories[i].id : NULL;
}

const char *ratel_loss_category_label(size_t i)
{
    return i < SETTLE_NCATEGORIES ? settle_categories[i].label : NULL;
}

void ratel_comparison_free(ratel_comparison *c)
{
    size_t i, k;
    if (!c)
        return;
    for (i = 0; i < c->noffers; i++) {
        compare_offer *o = &c->offers[i];
        free(o->plan);
        free(o->insurer);
        free(o->product);
        free(o->option);
        free(o->message);
        for (k = 0; k < o->ngaps; k++)
            free(o->gaps[k].text);
        free(o->gaps);
        for (k = 0; k < o->nshortfalls; k++)
            free(o->shortfalls[k].text);
        free(o->shortfalls);
        free(o->results);
    }
    free(c->offers);
    for (i = 0; i < c->nscenarios; i++) {
        free(c->scenarios[i].id);
        free(c->scenarios[i].name);
        free(c->scenarios[i].source);
    }
    free(c->scenarios);
    for (i = 0; i < c->nquotes; i++)
        ratel_quote_free(c->quotes[i]);
    free(c->quotes);
    for (i = 0; i < c->nmenus; i++)
        ratel_menu_free(c->menus[i]);
    free(c->menus);
    for (i = 0; i < COMPARE_NQUESTIONS; i++)
        free(c->questions[i].why);
    free(c->applicant);
    free(c);
}

/* c->scenarios: each of `defs` made into a loss for the declaration,
 * then the PML. */
static int build_scenarios(ratel_comparison *c, const ratel_scenarios *defs,
                           ratel_err *e)
{
    size_t i;
    int rc;
    c->scenarios = calloc(defs->n + 1, sizeof *c->scenarios);
    if (!c->scenarios)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (i = 0; i <= defs->n; i++) {
        compare_scenario *s = &c->scenarios[i];
        const scenario_def *d = i < defs->n ? &defs->defs[i] : NULL;
        c->nscenarios++;
        if (d) {
            s->kind = d->kind;
            s->id = strdup(d->id);
            s->name = strdup(d->name ? d->name : d->id);
            s->source = d->source ? strdup(d->source) : NULL;
            rc = scenario_build(d, &c->exposure, &s->loss, e);
        } else {
            s->is_pml = 1;
            s->id = strdup("pml");
            s->name = compare_printf("Probable maximum loss (JCIC model): "
                                     "a leak of every record held, the "
                                     "ransomware case's response and %d "
                                     "days of interruption",
                                     SCENARIO_PML_DAYS);
            s->source = strdup("JCIC, 'A model to quantify cyber risk for "
                               "boards' (2018), as seed 001 column 2 "
                               "describes it: JNSA leak damages over every "
                               "record held, business interruption and "
                               "response costs");
            rc = scenario_pml(&c->exposure, &s->loss, e);
        }
        if (rc)
            return rc;
        if (!s->id || !s->name || (d && d->source && !s->source) ||
            (!d && !s->source))
            return err_set(e, RATEL_ENOMEM, "out of memory");
    }
    return RATEL_OK;
}

/* Who the comparison is for: applicant, date, currency (from the first
 * quote; JPY when none was rated). */
static int describe(ratel_comparison *c, const ratel_decl *decl)
{
    const char *name = NULL;
    size_t i;
    if (ratel_decl_get_string(decl, "applicant.name", &name) != RATEL_OK)
        name = "";
    decl_date_format(decl_effective_date(decl), c->effective_date);
    strcpy(c->currency, "JPY");
    for (i = 0; i < c->noffers; i++)
        if (c->offers[i].quote) {
            snprintf(c->currency, sizeof c->currency, "%s",
                     ratel_quote_currency(c->offers[i].quote));
            c->digits = ratel_quote_currency_digits(c->offers[i].quote);
            break;
        }
    return (c->applicant = strdup(name ? name : "")) ? 0 : -1;
}

/* Every scenario settled under each offer, and its gaps. */
static int settle_offers(ratel_comparison *c)
{
    static const settle_terms none = {NULL, 0};
    settle_priced priced[SETTLE_MAX_PARTS];
    size_t i, s;
    for (i = 0; i < c->noffers; i++) {
        compare_offer *o = &c->offers[i];
        const settle_terms *t = o->def && o->quote ? &o->def->coverage_terms
                                                   : &none;
        if (!(o->results = calloc(c->nscenarios, sizeof *o->results)))
            return -1;
        settle_priced_read(t, o->quote, priced);
        for (s = 0; s < c->nscenarios; s++)
            settle_apply(t, priced, &c->scenarios[s].loss.loss,
                         &o->results[s]);
        if (compare_find_gaps(c, o, priced))
            return -1;
        o->def = NULL; /* the engine is not the comparison's */
    }
    return 0;
}

static int compare_locked(ratel_comparison **out, ratel_ctx *ctx,
                          const ratel_decl *decl,
                          const ratel_compare_options *o)
{
    ratel_err *e = &ctx->err;
    ratel_scenarios *shipped = NULL;
    ratel_comparison *c;
    int rc;
    if ((rc = decl_check_complete(decl, e)))
        return rc;
    if (!(c = calloc(1, sizeof *c)))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    c->cash_months = o->cash_months;
    if ((rc = scenario_exposure_read(&c->exposure, decl, e)))
        goto fail;
    c->cash = settle_muldiv(c->exposure.revenue, c->cash_months, 12);
    if (!o->scenarios && (rc = scenario_shipped(&shipped))) {
        err_set(e, rc, "out of memory");
        goto fail;
    }
    rc = build_scenarios(c, o->scenarios ? o->scenarios : shipped, e);
    ratel_scenarios_free(shipped);
    if (rc || (rc = compare_rate_all(c, ctx, decl, o, e)))
        goto fail;
    err_clear(e); /* what the offers' rating left */
    if (describe(c, decl) || settle_offers(c) ||
        compare_answer_questions(c, decl)) {
        rc = err_set(e, RATEL_ENOMEM, "out of memory");
        goto fail;
    }
    *out = c;
    return RATEL_OK;
fail:
    ratel_comparison_free(c);
    return rc;
}

int ratel_compare(ratel_comparison **out, ratel_ctx *ctx,
                  const ratel_decl *decl, const ratel_compare_options *opts)
{
    ratel_compare_options dflt;
    locale_t old;
    int rc;
    if (out)
        *out = NULL;
    if (!ctx)
        return RATEL_EARG;
    err_clear(&ctx->err);
    if (!out || !decl)
        return err_set(&ctx->err, RATEL_EARG, "ratel_compare: out and "
                       "decl are needed");
    if (!opts) {
        ratel_compare_options_init(&dflt, RATEL_COMPARE_OPTIONS_VERSION);
        opts = &dflt;
    }
    if (opts->version < 1 || opts->version > RATEL_COMPARE_OPTIONS_VERSION)
        return err_set(&ctx->err, RATEL_EARG, "ratel_compare: options of "
                       "version %u (this library knows 1 to %d; initialise "
                       "them with ratel_compare_options_init())",
                       opts->version, RATEL_COMPARE_OPTIONS_VERSION);
    if (opts->cash_months < 1 || opts->cash_months > 120)
        return err_set(&ctx->err, RATEL_EARG, "ratel_compare: cash_months "
                       "must be 1 to 120");
    old = uselocale(ctx->c_locale);
    rc = compare_locked(out, ctx, decl, opts);
    uselocale(old);
    return rc;
}

/* ---- output and accessors --------------------------------------------- */

static int hand_over(buf *b, char **out, size_t *len)
{
    if (b->oom) {
        buf_free(b);
        return RATEL_ENOMEM;
    }
    if (len)
        *len = b->len;
    *out = buf_take(b);
    return RATEL_OK;
}

int ratel_comparison_json(const ratel_comparison *c, char **out, size_t *len)
{
    buf b;
    if (out)
        *out = NULL;
    if (!c || !out)
        return RATEL_EARG;
    buf_init(&b);
    compare_write_json(c, &b);
    return hand_over(&b, out, len);
}

int ratel_comparison_csv(const ratel_comparison *c, char **out, size_t *len)
{
    buf b;
    if (out)
        *out = NULL;
    if (!c || !out)
        return RATEL_EARG;
    buf_init(&b);
    compare_write_csv(c, &b);
    return hand_over(&b, out, len);
}

static int comparison_get_fill(const ratel_comparison *c,
                               ratel_comparison_info *info)
{
    if (!c || !info)
        return RATEL_EARG;
    info->applicant = c->applicant;
    info->effective_date = c->effective_date;
    info->currency = c->currency;
    info->currency_digits = c->digits;
    info->revenue = c->exposure.revenue;
    info->personal_records = c->exposure.records;
    info->employees = c->exposure.employees;
    info->companies = c->exposure.companies;
    info->cash_months = c->cash_months;
    info->cash = c->cash;
    return RATEL_OK;
}

int (ratel_comparison_get)(const ratel_comparison *c,
                           ratel_comparison_info *info, size_t size)
{
    ratel_comparison_info full;
    int rc;
    if (!abi_size_ok(info, size, ABI_END(ratel_comparison_info, cash)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_get_fill(c, &full);
    if (rc == RATEL_OK)
        abi_copy_out(info, size, &full, sizeof full);
    return rc;
}

size_t ratel_comparison_offer_count(const ratel_comparison *c)
{
    return c ? c->noffers : 0;
}

static int comparison_offer_fill(const ratel_comparison *c, size_t i,
                                 ratel_offer *offer)
{
    const compare_offer *o;
    if (!c || !offer || i >= c->noffers)
        return RATEL_EARG;
    o = &c->offers[i];
    offer->plan = o->plan;
    offer->insurer = o->insurer;
    offer->product = o->product;
    offer->option = o->option;
    offer->quote = o->quote;
    offer->error = o->error;
    offer->message = o->message;
    offer->ngaps = o->ngaps;
    offer->nshortfalls = o->nshortfalls;
    return RATEL_OK;
}

int (ratel_comparison_offer)(const ratel_comparison *c, size_t i,
                             ratel_offer *offer, size_t size)
{
    ratel_offer full;
    int rc;
    if (!abi_size_ok(offer, size, ABI_END(ratel_offer, nshortfalls)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_offer_fill(c, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(offer, size, &full, sizeof full);
    return rc;
}

static int comparison_gap_fill(const ratel_comparison *c, size_t offer, size_t i,
                               ratel_gap *gap)
{
    if (!c || !gap || offer >= c->noffers || i >= c->offers[offer].ngaps)
        return RATEL_EARG;
    gap->code = c->offers[offer].gaps[i].code;
    gap->text = c->offers[offer].gaps[i].text;
    return RATEL_OK;
}

int (ratel_comparison_gap)(const ratel_comparison *c, size_t offer, size_t i,
                           ratel_gap *gap, size_t size)
{
    ratel_gap full;
    int rc;
    if (!abi_size_ok(gap, size, ABI_END(ratel_gap, text)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_gap_fill(c, offer, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(gap, size, &full, sizeof full);
    return rc;
}

static int comparison_shortfall_fill(const ratel_comparison *c, size_t offer,
                                     size_t i, ratel_shortfall *f)
{
    const compare_shortfall *s;
    if (!c || !f || offer >= c->noffers ||
        i >= c->offers[offer].nshortfalls)
        return RATEL_EARG;
    s = &c->offers[offer].shortfalls[i];
    f->part = s->part[0] ? s->part : NULL;
    f->pml = s->pml;
    f->pays = s->pays;
    f->shortfall = s->shortfall;
    f->text = s->text;
    return RATEL_OK;
}

int (ratel_comparison_shortfall)(const ratel_comparison *c, size_t offer,
                                 size_t i, ratel_shortfall *f, size_t size)
{
    ratel_shortfall full;
    int rc;
    if (!abi_size_ok(f, size, ABI_END(ratel_shortfall, text)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_shortfall_fill(c, offer, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(f, size, &full, sizeof full);
    return rc;
}

size_t ratel_comparison_scenario_count(const ratel_comparison *c)
{
    return c ? c->nscenarios : 0;
}

static int comparison_scenario_fill(const ratel_comparison *c, size_t i,
                                    ratel_scenario_info *info)
{
    const compare_scenario *s;
    if (!c || !info || i >= c->nscenarios)
        return RATEL_EARG;
    s = &c->scenarios[i];
    info->id = s->id;
    info->name = s->name;
    info->source = s->source;
    info->loss = s->loss.total;
    info->records = s->loss.records;
    info->outage_hours = s->loss.loss.outage_hours;
    info->is_pml = s->is_pml;
    return RATEL_OK;
}

int (ratel_comparison_scenario)(const ratel_comparison *c, size_t i,
                                ratel_scenario_info *info, size_t size)
{
    ratel_scenario_info full;
    int rc;
    if (!abi_size_ok(info, size, ABI_END(ratel_scenario_info, is_pml)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_scenario_fill(c, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(info, size, &full, sizeof full);
    return rc;
}

static int comparison_settlement_fill(const ratel_comparison *c, size_t offer,
                                      size_t scenario, size_t category,
                                      ratel_settlement *out)
{
    const settle_result *r;
    int64_t kept[SETTLE_NSTAGES];
    size_t k;
    int stage;
    if (!c || !out || offer >= c->noffers || scenario >= c->nscenarios ||
        (category != (size_t)-1 && category >= SETTLE_NCATEGORIES))
        return RATEL_EARG;
    r = &c->offers[offer].results[scenario];
    memset(kept, 0, sizeof kept);
    for (k = 0; k < SETTLE_NCATEGORIES; k++)
        if (category == (size_t)-1 || category == k)
            for (stage = 0; stage < SETTLE_NSTAGES; stage++)
                kept[stage] += r->kept_by[k][stage];
    if (category == (size_t)-1) {
        out->loss = r->total_loss;
        out->insurer_pays = r->total_pays;
        out->client_keeps = r->total_keeps;
    } else {
        out->loss = r->loss[category];
        out->insurer_pays = r->pays[category];
        out->client_keeps = r->keeps[category];
    }
    out->share_of_cash_pct = compare_share_pct(out->client_keeps, c->cash);
    out->kept_not_covered = kept[SETTLE_NOT_COVERED];
    out->kept_waiting_period = kept[SETTLE_TIME];
    out->kept_deductible = kept[SETTLE_DEDUCTIBLE];
    out->kept_coinsurance = kept[SETTLE_COINSURANCE];
    out->kept_sublimit = kept[SETTLE_SUBLIMIT];
    out->kept_limit = kept[SETTLE_LIMIT];
    return RATEL_OK;
}

int (ratel_comparison_settlement)(const ratel_comparison *c, size_t offer,
                                  size_t scenario, size_t category,
                                  ratel_settlement *out, size_t size)
{
    ratel_settlement full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_settlement, kept_limit)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_settlement_fill(c, offer, scenario, category, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

size_t ratel_comparison_question_count(const ratel_comparison *c)
{
    return c ? COMPARE_NQUESTIONS : 0;
}

static int comparison_question_fill(const ratel_comparison *c, size_t i,
                                    ratel_question *q)
{
    if (!c || !q || i >= COMPARE_NQUESTIONS)
        return RATEL_EARG;
    q->number = c->questions[i].number;
    q->question = c->questions[i].question;
    q->answer = c->questions[i].answer;
    q->why = c->questions[i].why;
    return RATEL_OK;
}

int (ratel_comparison_question)(const ratel_comparison *c, size_t i,
                                ratel_question *q, size_t size)
{
    ratel_question full;
    int rc;
    if (!abi_size_ok(q, size, ABI_END(ratel_question, why)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = comparison_question_fill(c, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(q, size, &full, sizeof full);
    return rc;
}

const char *ratel_comparison_advice(const ratel_comparison *c)
{
    return c ? c->advice : NULL;
}
