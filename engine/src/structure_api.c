/* structure_api.c - the public side of the comparison of structures
 * (ratel_structure_*): options, the comparison's steps in order, the
 * result's accessors and its freeing. */
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h" /* the engine's tables and plans */
#include "structure.h"

#define DEFAULT_YEARS 1000000
#define DEFAULT_SEED 1
/* The simulation keeps two figures a year per structure: at most 2 GiB. */
#define MAX_FIGURES ((uint64_t)1 << 28)

int ratel_structure_options_init(ratel_structure_options *opts,
                                 unsigned int version)
{
    if (!opts || version == 0 || version > RATEL_STRUCTURE_OPTIONS_VERSION)
        return RATEL_EARG;
    memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->seed = DEFAULT_SEED;
    opts->years = DEFAULT_YEARS;
    opts->threads = 1;
    return RATEL_OK;
}

static void result_free(ratel_structure_result *r)
{
    size_t i;
    for (i = 0; r->s && i < r->n; i++) {
        free(r->s[i].name);
        free(r->s[i].plan);
        structure_list_free(r->s[i].reasons, r->s[i].nreasons);
        structure_list_free(r->s[i].referrals, r->s[i].nreferrals);
        structure_list_free(r->s[i].notes, r->s[i].nnotes);
    }
    free(r->s);
    free(r->outcomes);
    structure_list_free(r->scenario_names, r->nscenarios);
    free(r->scenario_loss);
    free(r->json);
    structure_inputs_dispose(&r->in);
    free(r);
}

void ratel_structure_result_free(ratel_structure_result *r)
{
    if (r)
        result_free(r);
}

static int check_options(ratel_err *e, const ratel_structure_options *o)
{
    if (o->version == 0)
        return err_set(e, RATEL_EARG, "ratel_structure_compare: options "
                       "not made by ratel_structure_options_init()");
    if (o->version > RATEL_STRUCTURE_OPTIONS_VERSION)
        return err_set(e, RATEL_EARG, "ratel_structure_compare: options of "
                       "version %u are newer than this library (%d)",
                       o->version, RATEL_STRUCTURE_OPTIONS_VERSION);
    if (o->years < 1 || o->years > RISK_MAX_YEARS)
        return err_set(e, RATEL_EARG, "ratel_structure_compare: years must "
                       "be from 1 to %llu", (unsigned long long)RISK_MAX_YEARS);
    if (o->threads < 1 || o->threads > RISK_MAX_THREADS)
        return err_set(e, RATEL_EARG, "ratel_structure_compare: threads "
                       "must be from 1 to %d", RISK_MAX_THREADS);
    return RATEL_OK;
}

/* Once the call returns, the result must not point into the caller's
 * structures file. */
static void forget_file(ratel_structure_result *r)
{
    size_t i, l;
    r->defs = NULL;
    for (i = 0; i < r->n; i++) {
        r->s[i].def = NULL;
        for (l = 0; l < STRUCTURE_MAX_LAYERS; l++)
            r->s[i].layers[l].plan = NULL;
    }
}

int ratel_structure_compare(ratel_structure_result **out, ratel_ctx *ctx,
                            const ratel_decl *decl,
                            const ratel_structures *structures,
                            const ratel_structure_options *opts)
{
    ratel_structure_options defaults;
    ratel_structure_result *r;
    ratel_err *e;
    int rc;
    if (out)
        *out = NULL;
    if (!ctx)
        return RATEL_EARG;
    e = ctx_err(ctx);
    err_clear(e);
    if (!out || !decl || !structures)
        return err_set(e, RATEL_EARG, "ratel_structure_compare: out, decl "
                       "and structures are needed");
    ratel_structure_options_init(&defaults, RATEL_STRUCTURE_OPTIONS_VERSION);
    if (!opts)
        opts = &defaults;
    if ((rc = check_options(e, opts)))
        return rc;
    if (!(r = calloc(1, sizeof *r)))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    r->defs = structures;
    r->seed = opts->seed;
    r->years = opts->years;
    if ((rc = structure_inputs_read(&r->in, decl, e)) ||
        (rc = risk_model_build(&r->model, ctx->engine->tables,
                               &r->in.exposure, e)))
        goto fail;
    r->cash_on_hand = (double)r->in.revenue * structures->cash_months / 12.0;
    if ((rc = structure_price_all(r, ctx, ctx->engine, decl)))
        goto fail;
    if (r->n && r->years > MAX_FIGURES / (2 * r->n)) {
        rc = err_set(e, RATEL_EARG, "ratel_structure_compare: %llu years of "
                     "%zu structures need more than 2 GiB; at most %llu "
                     "years", (unsigned long long)r->years, r->n,
                     (unsigned long long)(MAX_FIGURES / (2 * r->n)));
        goto fail;
    }
    if ((rc = structure_run(r, opts->threads)) ||
        (rc = structure_write_notes(r)) || (rc = structure_write_json(r))) {
        err_set(e, rc, "out of memory");
        goto fail;
    }
    forget_file(r);
    err_clear(e);
    *out = r;
    return RATEL_OK;
fail:
    result_free(r);
    return rc;
}

const char *ratel_structure_result_json(const ratel_structure_result *r,
                                        size_t *len)
{
    if (len)
        *len = r ? r->json_len : 0;
    return r ? r->json : NULL;
}

int64_t ratel_structure_cash_on_hand(const ratel_structure_result *r)
{
    return r ? structure_yen(r->cash_on_hand) : 0;
}

size_t ratel_structure_count(const ratel_structure_result *r)
{
    return r ? r->n : 0;
}

int ratel_structure_get(const ratel_structure_result *r, size_t index,
                        ratel_structure_info *info)
{
    const structure_result *s;
    if (!r || index >= r->n || !info)
        return RATEL_EARG;
    s = &r->s[index];
    memset(info, 0, sizeof *info);
    info->name = s->name;
    info->kind = structure_kind_names[s->kind];
    info->declined = s->declined;
    info->nnotes = s->nnotes;
    if (s->declined)
        return RATEL_OK;
    info->fixed_cost = structure_yen(s->tower.fixed);
    info->expected_cost = structure_yen(s->cost.mean);
    info->cost_p95 = structure_yen(s->cost.var[1]);
    info->cost_p99 = structure_yen(s->cost.var[2]);
    info->capital = structure_yen(s->capital);
    info->largest_uncovered = structure_yen(s->cash.var[3]);
    return RATEL_OK;
}

const char *ratel_structure_note(const ratel_structure_result *r,
                                 size_t index, size_t note)
{
    if (!r || index >= r->n || note >= r->s[index].nnotes)
        return NULL;
    return r->s[index].notes[note];
}

size_t ratel_structure_exceedance_count(void)
{
    return STRUCTURE_NQUANTILES;
}

int ratel_structure_exceedance(const ratel_structure_result *r, size_t index,
                               size_t point, double *probability,
                               int64_t *cost)
{
    if (!r || index >= r->n || point >= STRUCTURE_NQUANTILES)
        return RATEL_EARG;
    if (probability)
        *probability = 1.0 - structure_quantiles[point];
    if (cost)
        *cost = structure_yen(r->s[index].exceedance[point]);
    return RATEL_OK;
}

size_t ratel_structure_peril_count(const ratel_structure_result *r)
{
    return r ? RISK_NPERILS : 0;
}

int ratel_structure_peril_get(const ratel_structure_result *r, size_t index,
                              ratel_structure_peril *peril)
{
    const risk_peril *p;
    if (!r || index >= RISK_NPERILS || !peril)
        return RATEL_EARG;
    p = &r->model.perils[index];
    peril->name = p->name;
    peril->frequency = p->freq.mean;
    peril->mean_severity = structure_yen(risk_sev_mean(&p->sev));
    peril->expected_loss = structure_yen(p->freq.mean *
                                         risk_sev_mean(&p->sev));
    return RATEL_OK;
}

size_t ratel_structure_scenario_count(const ratel_structure_result *r)
{
    return r ? r->nscenarios : 0;
}

const char *ratel_structure_scenario_name(const ratel_structure_result *r,
                                          size_t scenario, int64_t *loss)
{
    if (!r || scenario >= r->nscenarios)
        return NULL;
    if (loss)
        *loss = structure_yen(r->scenario_loss[scenario]);
    return r->scenario_names[scenario];
}

int ratel_structure_outcome_get(const ratel_structure_result *r,
                                size_t scenario, size_t index,
                                ratel_structure_outcome *o)
{
    const structure_outcome *x;
    const structure_year *y;
    if (!r || scenario >= r->nscenarios || index >= r->n || !o)
        return RATEL_EARG;
    x = &r->outcomes[scenario * r->n + index];
    y = &x->year;
    o->insurers = structure_yen(y->insurers);
    o->captive = structure_yen(y->captive);
    o->bond = structure_yen(y->bond);
    o->reserve = structure_yen(y->reserve);
    o->loan = structure_yen(y->loan);
    o->interest = structure_yen(y->interest);
    o->cash = structure_yen(y->cash);
    o->company = structure_yen(y->company);
    o->bridge = structure_yen(x->bridge);
    return RATEL_OK;
}
