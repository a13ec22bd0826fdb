/* structure_run.c - the numbers of a comparison: each layer's annual loss
 * by Panjer, the fixed costs of each kind of structure (a captive's
 * fronting fee on its expected loss, and the fronting insurer's
 * collateral rule), one Monte Carlo of the company's years shared by all
 * the structures (the same years for each, so their differences are the
 * structures'), its statistics, and the scenarios. */
#include "structure.h"

#include <stdlib.h>
#include <string.h>

const double structure_quantiles[STRUCTURE_NQUANTILES] = {
    0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999};

/* A cost line "label (pct% of JPY yen)"; nothing when the amount is 0.
 * -1 when the label has no memory (a shorter one would read as another
 * cost). */
static int add_cost(structure_tower *t, double amount, const char *label,
                    double yen, double pct)
{
    buf b;
    int oom;
    if (!(amount > 0))
        return 0;
    buf_init(&b);
    buf_puts(&b, label);
    if (pct >= 0) {
        buf_puts(&b, " (");
        structure_put_pct(&b, pct);
        buf_puts(&b, yen >= 0 ? " of " : ")");
    }
    if (yen >= 0) {
        structure_put_yen(&b, yen);
        if (pct >= 0)
            buf_putc(&b, ')');
    }
    if (!(oom = b.oom))
        structure_tower_add_cost(t, buf_cstr(&b), amount);
    buf_free(&b);
    return oom ? -1 : 0;
}

static int layer_stats(const risk_model *m, structure_result *s)
{
    size_t l;
    for (l = 0; l < s->tower.nlayers; l++) {
        const risk_layer *L = &s->tower.layers[l];
        risk_dist d;
        if (risk_layer_aggregate(&d, m->perils, RISK_NPERILS, L, RISK_GRID))
            return RATEL_ENOMEM;
        risk_dist_stats(&d, &s->layers[l].stats);
        risk_dist_free(&d);
        s->layers[l].expected_loss =
            risk_layer_annual_el(m->perils, RISK_NPERILS, L);
    }
    return RATEL_OK;
}

/* What each kind costs a year besides its premiums, and what it ties up. */
static int kind_costs(structure_result *s)
{
    const structure_def *d = s->def;
    structure_tower *t = &s->tower;
    double premium, years;
    switch (d->kind) {
    case STRUCTURE_INSURANCE:
        break;
    case STRUCTURE_CAPTIVE:
        /* the captive charges its layer's expected loss; the fronting
         * insurer takes its fee on that premium */
        premium = s->layers[0].stats.mean;
        s->capital = (double)d->capital;
        if ((double)d->capital + premium < (double)d->aggregate) {
            buf b;
            int rc;
            buf_init(&b);
            buf_puts(&b, "the fronting insurer will not front this captive: "
                         "its capital (");
            structure_put_yen(&b, (double)d->capital);
            buf_puts(&b, ") and premium (");
            structure_put_yen(&b, premium);
            buf_puts(&b, ") do not cover its annual aggregate (");
            structure_put_yen(&b, (double)d->aggregate);
            buf_puts(&b, "), which it must be able to pay");
            s->declined = 1;
            rc = b.oom ? -1 : structure_list_add(&s->reasons, &s->nreasons,
                                                 "%s", buf_cstr(&b));
            buf_free(&b);
            return rc ? RATEL_ENOMEM : RATEL_OK;
        }
        if (add_cost(t, d->fronting_fee_pct / 100.0 * premium,
                     "Fronting fee", premium, d->fronting_fee_pct) ||
            add_cost(t, d->cost_of_capital_pct / 100.0 * (double)d->capital,
                     "Cost of the captive's capital", (double)d->capital,
                     d->cost_of_capital_pct) ||
            add_cost(t, (double)d->admin_cost, "Captive administration", -1,
                     -1))
            return RATEL_ENOMEM;
        break;
    case STRUCTURE_SELF_INSURANCE:
        t->reserve = (double)d->reserve;
        s->capital = (double)d->reserve;
        if (add_cost(t, d->cost_of_capital_pct / 100.0 * (double)d->reserve,
                     "Cost of holding the reserve", (double)d->reserve,
                     d->cost_of_capital_pct))
            return RATEL_ENOMEM;
        break;
    case STRUCTURE_COMMITMENT_LINE:
        t->line = (double)d->line_amount;
        t->interest_share = d->interest_pct / 100.0 * d->drawing_months / 12.0;
        if (add_cost(t, d->commitment_fee_pct / 100.0 *
                            (double)d->line_amount,
                     "Commitment fee", (double)d->line_amount,
                     d->commitment_fee_pct))
            return RATEL_ENOMEM;
        break;
    case STRUCTURE_CAT_BOND:
        years = (double)d->term_years;
        t->bond_principal = (double)d->principal;
        t->bond_trigger = (double)d->trigger;
        s->capital = (double)d->issuance_cost;
        if (add_cost(t, d->spread_pct / 100.0 * (double)d->principal,
                     "Spread to investors", (double)d->principal,
                     d->spread_pct) ||
            add_cost(t, (double)d->issuance_cost / years,
                     "Issuance costs spread over the term", -1, -1))
            return RATEL_ENOMEM;
        break;
    }
    return RATEL_OK;
}

typedef struct run_arg {
    const ratel_structure_result *r;
    const size_t *active;
    size_t nactive;
} run_arg;

static void one_year(void *arg, const double *losses, size_t n, double *row,
                     double *acc)
{
    const run_arg *a = arg;
    size_t k, l;
    for (k = 0; k < a->nactive; k++) {
        const structure_result *s = &a->r->s[a->active[k]];
        double *c = acc + k * STRUCTURE_ACC_PER;
        structure_year y;
        structure_tower_year(&s->tower, losses, n, &y);
        row[2 * k] = y.cost;
        row[2 * k + 1] = y.cash;
        c[0] += y.insurers;
        c[1] += y.captive;
        c[2] += y.bond;
        c[3] += y.reserve;
        c[4] += y.loan;
        c[5] += y.interest;
        c[6] += y.upfront > a->r->cash_on_hand ? 1.0 : 0.0;
        c[7] += y.cash > 0 ? 1.0 : 0.0;
        for (l = 0; l < s->tower.nlayers; l++)
            c[8 + l] += y.layer[l];
    }
}

static void take_means(structure_result *s, const double *c, double years)
{
    size_t l;
    s->mean.insurers = c[0] / years;
    s->mean.captive = c[1] / years;
    s->mean.bond = c[2] / years;
    s->mean.reserve = c[3] / years;
    s->mean.loan = c[4] / years;
    s->mean.interest = c[5] / years;
    s->bridge_share = c[6] / years;
    s->unfunded_share = c[7] / years;
    for (l = 0; l < s->tower.nlayers; l++)
        s->layers[l].simulated = c[8 + l] / years;
}

static int simulate(ratel_structure_result *r, unsigned threads)
{
    size_t active[STRUCTURE_MAX_RESULTS], n = 0, k, i;
    double **rows = NULL, *acc = NULL;
    run_arg arg;
    risk_sim sim;
    int rc = RATEL_ENOMEM;
    for (i = 0; i < r->n; i++)
        if (!r->s[i].declined)
            active[n++] = i;
    if (!n)
        return RATEL_OK;
    rows = calloc(2 * n, sizeof *rows);
    acc = calloc(n * STRUCTURE_ACC_PER, sizeof *acc);
    if (!rows || !acc)
        goto done;
    for (k = 0; k < 2 * n; k++)
        if (!(rows[k] = malloc(r->years * sizeof **rows)))
            goto done;
    arg.r = r;
    arg.active = active;
    arg.nactive = n;
    memset(&sim, 0, sizeof sim);
    sim.perils = r->model.perils;
    sim.nperils = RISK_NPERILS;
    sim.seed = r->seed;
    sim.years = r->years;
    sim.threads = threads;
    sim.fn = one_year;
    sim.arg = &arg;
    sim.nrow = 2 * n;
    sim.rows = rows;
    sim.nacc = n * STRUCTURE_ACC_PER;
    sim.acc = acc;
    if ((rc = risk_simulate(&sim)) != RATEL_OK)
        goto done;
    for (k = 0; k < n; k++) {
        structure_result *s = &r->s[active[k]];
        risk_sample_stats(rows[2 * k], r->years, &s->cost, structure_quantiles,
                          STRUCTURE_NQUANTILES, s->exceedance);
        risk_sample_stats(rows[2 * k + 1], r->years, &s->cash, NULL, 0, NULL);
        take_means(s, acc + k * STRUCTURE_ACC_PER, (double)r->years);
    }
done:
    for (k = 0; rows && k < 2 * n; k++)
        free(rows[k]);
    free(rows);
    free(acc);
    return rc;
}

/* Each scenario's losses as one year of each structure. */
static int scenarios(ratel_structure_result *r)
{
    const ratel_structures *f = r->defs;
    double losses[STRUCTURE_MAX_LOSSES];
    size_t i, k, l;
    if (!f->nscenarios)
        return RATEL_OK;
    r->outcomes = calloc(f->nscenarios * r->n, sizeof *r->outcomes);
    r->scenario_names = calloc(f->nscenarios, sizeof *r->scenario_names);
    r->scenario_loss = calloc(f->nscenarios, sizeof *r->scenario_loss);
    if (!r->outcomes || !r->scenario_names || !r->scenario_loss)
        return RATEL_ENOMEM;
    for (i = 0; i < f->nscenarios; i++, r->nscenarios++) {
        const structure_scenario *sc = &f->scenarios[i];
        if (!(r->scenario_names[i] = strdup(sc->name)))
            return RATEL_ENOMEM;
        for (l = 0; l < sc->nlosses; l++) {
            losses[l] = (double)sc->losses[l].amount;
            r->scenario_loss[i] += losses[l];
        }
        for (k = 0; k < r->n; k++) {
            structure_outcome *o = &r->outcomes[i * r->n + k];
            structure_tower none;
            memset(&none, 0, sizeof none);
            /* a declined structure buys nothing: the loss stays */
            structure_tower_year(r->s[k].declined ? &none : &r->s[k].tower,
                                 losses, sc->nlosses, &o->year);
            o->bridge = o->year.upfront > r->cash_on_hand
                            ? o->year.upfront - r->cash_on_hand
                            : 0.0;
        }
    }
    return RATEL_OK;
}

int structure_run(ratel_structure_result *r, unsigned threads)
{
    size_t i;
    int rc;
    for (i = 0; i < r->n; i++) {
        structure_result *s = &r->s[i];
        if (s->declined)
            continue;
        if ((rc = layer_stats(&r->model, s)) || (rc = kind_costs(s)))
            return rc;
    }
    if ((rc = simulate(r, threads)))
        return rc;
    return scenarios(r);
}
