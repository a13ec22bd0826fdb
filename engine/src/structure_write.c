/* structure_write.c - a comparison as JSON (ratel_structure_result_json):
 * fixed key order, amounts as integer yen rounded half away from zero,
 * other numbers in the shortest form that reads back exactly, so the same
 * input gives the same bytes. The format: docs/structures.md. */
#include "structure.h"

#include <stdlib.h>

#define FORMAT_VERSION 1

static const char *const level_names[RISK_NLEVELS] = {"90", "95", "99",
                                                      "99.5"};

static void yen(buf *b, char sep, const char *key, double v)
{
    buf_put_json_key(b, sep, key);
    buf_put_i64(b, structure_yen(v));
}

static void num(buf *b, char sep, const char *key, double v)
{
    buf_put_json_key(b, sep, key);
    buf_put_double(b, v);
}

static void count(buf *b, char sep, const char *key, uint64_t v)
{
    buf_put_json_key(b, sep, key);
    buf_printf(b, "%llu", (unsigned long long)v);
}

static void str(buf *b, char sep, const char *key, const char *v)
{
    buf_put_json_key(b, sep, key);
    if (v)
        buf_put_json_string(b, v);
    else
        buf_puts(b, "null");
}

/* Before element i of an array (the array's '[' is written before i 0). */
static void next(buf *b, size_t i)
{
    buf_putc(b, i ? ',' : '[');
}

static void levels(buf *b, const char *key, const double *v)
{
    size_t j;
    buf_put_json_key(b, ',', key);
    for (j = 0; j < RISK_NLEVELS; j++)
        yen(b, j ? ',' : '{', level_names[j], v[j]);
    buf_putc(b, '}');
}

static void stats(buf *b, char sep, const char *key, const risk_stats *s)
{
    buf_put_json_key(b, sep, key);
    yen(b, '{', "mean", s->mean);
    yen(b, ',', "sd", s->sd);
    levels(b, "var", s->var);
    levels(b, "tvar", s->tvar);
    buf_putc(b, '}');
}

static void strings(buf *b, const char *key, char **list, size_t n)
{
    size_t i;
    buf_put_json_key(b, ',', key);
    buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        buf_put_json_string(b, list[i]);
    }
    buf_putc(b, ']');
}

static void model(buf *b, const risk_model *m)
{
    static const char *const sev_kinds[] = {"", "lognormal", "lomax",
                                            "spliced"};
    double total = 0.0;
    size_t p;
    buf_put_json_key(b, ',', "loss_model");
    buf_put_json_key(b, '{', "perils");
    for (p = 0; p < RISK_NPERILS; p++) {
        const risk_peril *pe = &m->perils[p];
        const risk_peril_basis *q = &m->basis[p];
        double mean = risk_sev_mean(&pe->sev);
        total += pe->freq.mean * mean;
        next(b, p);
        str(b, '{', "peril", pe->name);
        num(b, ',', "frequency", pe->freq.mean);
        num(b, ',', "dispersion", pe->freq.beta);
        buf_put_json_key(b, ',', "basis");
        num(b, '{', "base", q->base_mean);
        num(b, ',', "industry", q->industry);
        num(b, ',', "revenue", q->revenue);
        num(b, ',', "controls", q->controls);
        num(b, ',', "history", q->history);
        num(b, ',', "severity_scale", q->severity_scale);
        buf_putc(b, '}');
        buf_put_json_key(b, ',', "severity");
        str(b, '{', "kind", sev_kinds[pe->sev.kind]);
        num(b, ',', "mu", pe->sev.mu);
        num(b, ',', "sigma", pe->sev.sigma);
        num(b, ',', "alpha", pe->sev.alpha);
        num(b, ',', "theta", pe->sev.theta);
        yen(b, ',', "mean", mean);
        yen(b, ',', "median", risk_sev_quantile(&pe->sev, 0.5));
        buf_putc(b, '}');
        yen(b, ',', "expected_loss", pe->freq.mean * mean);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
    yen(b, ',', "expected_loss", total);
    count(b, ',', "incidents_counted", m->incidents_counted);
    buf_putc(b, '}');
}

/* Who pays of a year: "insurers" to "interest". */
static void paid_by(buf *b, const structure_year *y)
{
    yen(b, 0, "insurers", y->insurers);
    yen(b, ',', "captive", y->captive);
    yen(b, ',', "bond", y->bond);
    yen(b, ',', "reserve", y->reserve);
    yen(b, ',', "loan", y->loan);
    yen(b, ',', "interest", y->interest);
}

static void layers(buf *b, const structure_result *s)
{
    size_t l;
    buf_put_json_key(b, ',', "layers");
    for (l = 0; l < s->tower.nlayers; l++) {
        const risk_layer *L = &s->tower.layers[l];
        const structure_layer_result *x = &s->layers[l];
        next(b, l);
        str(b, '{', "bearer", x->plan ? "insurer" : "captive");
        str(b, ',', "plan", x->plan);
        yen(b, ',', "attachment", L->retention);
        yen(b, ',', "limit", L->limit);
        yen(b, ',', "aggregate", L->agg_limit);
        num(b, ',', "share", L->share);
        yen(b, ',', "premium", s->tower.premium[l]);
        yen(b, ',', "expected_loss", x->expected_loss);
        stats(b, ',', "annual_loss", &x->stats);
        yen(b, ',', "simulated_mean", x->simulated);
        buf_putc(b, '}');
    }
    buf_puts(b, s->tower.nlayers ? "]" : "[]");
}

static void structure(buf *b, const structure_result *s, size_t i)
{
    size_t k;
    next(b, i);
    str(b, '{', "name", s->name);
    str(b, ',', "kind", structure_kind_names[s->kind]);
    str(b, ',', "plan", s->plan);
    str(b, ',', "status", s->declined ? "declined" : "ok");
    strings(b, "reasons", s->reasons, s->nreasons);
    strings(b, "referrals", s->referrals, s->nreferrals);
    if (s->declined) {
        strings(b, "notes", s->notes, s->nnotes);
        buf_putc(b, '}');
        return;
    }
    yen(b, ',', "expected_cost", s->cost.mean);
    yen(b, ',', "cost_p95", s->cost.var[1]);
    yen(b, ',', "cost_p99", s->cost.var[2]);
    yen(b, ',', "capital", s->capital);
    yen(b, ',', "largest_uncovered", s->cash.var[3]);
    yen(b, ',', "fixed_cost", s->tower.fixed);
    buf_put_json_key(b, ',', "fixed_costs");
    for (k = 0; k < s->tower.ncosts; k++) {
        next(b, k);
        str(b, '{', "label", s->tower.costs[k].label);
        yen(b, ',', "amount", s->tower.costs[k].amount);
        buf_putc(b, '}');
    }
    buf_puts(b, s->tower.ncosts ? "]" : "[]");
    stats(b, ',', "cost", &s->cost);
    stats(b, ',', "unfunded", &s->cash);
    buf_put_json_key(b, ',', "exceedance");
    for (k = 0; k < STRUCTURE_NQUANTILES; k++) {
        next(b, k);
        num(b, '{', "probability", 1.0 - structure_quantiles[k]);
        yen(b, ',', "cost", s->exceedance[k]);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
    buf_put_json_key(b, ',', "expected_paid_by");
    buf_putc(b, '{');
    paid_by(b, &s->mean);
    buf_putc(b, '}');
    num(b, ',', "bridge_probability", s->bridge_share);
    num(b, ',', "unfunded_probability", s->unfunded_share);
    layers(b, s);
    strings(b, "notes", s->notes, s->nnotes);
    buf_putc(b, '}');
}

static void outcome(buf *b, const structure_result *s,
                    const structure_outcome *o)
{
    const structure_year *y = &o->year;
    str(b, '{', "structure", s->name);
    buf_putc(b, ',');
    paid_by(b, y);
    yen(b, ',', "cash", y->cash);
    yen(b, ',', "company", y->company);
    yen(b, ',', "bridge", o->bridge);
    buf_putc(b, '}');
}

static void scenarios(buf *b, const ratel_structure_result *r)
{
    size_t i, l, k;
    buf_put_json_key(b, ',', "scenarios");
    for (i = 0; i < r->nscenarios; i++) {
        const structure_scenario *sc = &r->defs->scenarios[i];
        next(b, i);
        str(b, '{', "name", sc->name);
        yen(b, ',', "loss", r->scenario_loss[i]);
        buf_put_json_key(b, ',', "losses");
        for (l = 0; l < sc->nlosses; l++) {
            const structure_loss *x = &sc->losses[l];
            next(b, l);
            str(b, '{', "peril", x->peril);
            yen(b, ',', "amount", (double)x->amount);
            buf_put_json_key(b, ',', "items");
            for (k = 0; k < x->nitems; k++) {
                next(b, k);
                str(b, '{', "label", x->items[k].label);
                yen(b, ',', "amount", (double)x->items[k].amount);
                buf_putc(b, '}');
            }
            buf_puts(b, x->nitems ? "]}" : "[]}");
        }
        buf_putc(b, ']'); /* a scenario has at least one loss */
        buf_put_json_key(b, ',', "outcomes");
        for (k = 0; k < r->n; k++) {
            next(b, k);
            outcome(b, &r->s[k], &r->outcomes[i * r->n + k]);
        }
        buf_puts(b, r->n ? "]}" : "[]}");
    }
    buf_puts(b, r->nscenarios ? "]" : "[]");
}

int structure_write_json(ratel_structure_result *r)
{
    buf b;
    size_t i;
    buf_init(&b);
    count(&b, '{', "format_version", FORMAT_VERSION);
    str(&b, ',', "applicant", r->in.applicant);
    str(&b, ',', "effective_date", r->in.effective_date);
    yen(&b, ',', "revenue", (double)r->in.revenue);
    str(&b, ',', "industry", r->in.exposure.industry);
    yen(&b, ',', "cash_on_hand", r->cash_on_hand);
    count(&b, ',', "seed", r->seed);
    count(&b, ',', "years", r->years);
    model(&b, &r->model);
    buf_put_json_key(&b, ',', "structures");
    for (i = 0; i < r->n; i++)
        structure(&b, &r->s[i], i);
    buf_puts(&b, r->n ? "]" : "[]");
    scenarios(&b, r);
    buf_puts(&b, "}\n");
    if (b.oom) {
        buf_free(&b);
        return RATEL_ENOMEM;
    }
    r->json_len = b.len;
    r->json = buf_take(&b);
    return RATEL_OK;
}
