/* risk_stats.c - the figures of a distribution of annual losses or costs:
 * mean, standard deviation, value at risk and tail value at risk, of a
 * discrete distribution (Panjer's) or of simulated years. Quantiles of
 * samples are found by selection, not by sorting: a million years take
 * one pass and a few passes over their worst tenth. */
#include "risk.h"

#include <math.h>
#include <stdlib.h>

const double risk_levels[RISK_NLEVELS] = {0.90, 0.95, 0.99, 0.995};

void risk_dist_free(risk_dist *d)
{
    if (!d)
        return;
    free(d->x);
    free(d->p);
    d->x = d->p = NULL;
    d->n = 0;
}

/* The index of the p-quantile: the first point whose cumulative
 * probability reaches p (a hair below p counts, so that rounding in the
 * sum does not skip a point that reaches it exactly). */
static size_t dist_index(const risk_dist *d, double p, double *cum_at)
{
    double cum = 0.0;
    size_t i;
    for (i = 0; i + 1 < d->n; i++) {
        cum += d->p[i];
        if (cum >= p - 1e-12)
            break;
    }
    if (i + 1 == d->n)
        cum = 1.0;
    *cum_at = cum;
    return i;
}

double risk_dist_quantile(const risk_dist *d, double p)
{
    double cum;
    return d->n ? d->x[dist_index(d, p, &cum)] : 0.0;
}

void risk_dist_stats(const risk_dist *d, risk_stats *s)
{
    double mean = 0.0, m2 = 0.0;
    size_t i, j;
    for (i = 0; i < d->n; i++)
        mean += d->x[i] * d->p[i];
    for (i = 0; i < d->n; i++)
        m2 += (d->x[i] - mean) * (d->x[i] - mean) * d->p[i];
    s->mean = mean;
    s->sd = sqrt(m2);
    for (j = 0; j < RISK_NLEVELS; j++) {
        double p = risk_levels[j], cum, tail;
        size_t k = d->n ? dist_index(d, p, &cum) : 0;
        if (!d->n) {
            s->var[j] = s->tvar[j] = 0.0;
            continue;
        }
        /* (1/(1-p)) int_p^1 VaR_u du: the part of point k above p, then
         * every point above k */
        tail = d->x[k] * (cum > p ? cum - p : 0.0);
        for (i = k + 1; i < d->n; i++)
            tail += d->x[i] * d->p[i];
        s->var[j] = d->x[k];
        s->tvar[j] = tail / (1.0 - p);
    }
}

static void swap(double *x, size_t i, size_t j)
{
    double t = x[i];
    x[i] = x[j];
    x[j] = t;
}

/* Places the k-th smallest of x[lo..hi) at x[k], smaller ones before it
 * and larger ones after. Three-way partitions around a median of three,
 * so runs of equal values (most years cost the same fixed amount) take
 * one pass; deterministic. */
static void select_k(double *x, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2, lt = lo, gt = hi, i = lo;
        double a = x[lo], b = x[mid], c = x[hi - 1], pivot;
        pivot = a < b ? (b < c ? b : (a < c ? c : a))
                      : (a < c ? a : (b < c ? c : b));
        while (i < gt) {
            if (x[i] < pivot)
                swap(x, lt++, i++);
            else if (x[i] > pivot)
                swap(x, i, --gt);
            else
                i++;
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return;
    }
}

/* The 0-based index of the p-quantile of n samples: ceil(p n) - 1, with
 * p n taken a hair low so that 0.99 x 100000 gives 99000, not 99001. */
static size_t sample_index(double p, size_t n)
{
    double k = ceil(p * (double)n - 1e-9);
    if (k < 1)
        k = 1;
    if (k > (double)n)
        k = (double)n;
    return (size_t)k - 1;
}

void risk_sample_stats(double *x, size_t n, risk_stats *s, const double *qp,
                       size_t nq, double *q)
{
    double mean = 0.0, m2 = 0.0;
    size_t i, li = 0, qi = 0, lo = 0;
    for (i = 0; i < n; i++)
        mean += x[i];
    mean = n ? mean / (double)n : 0.0;
    for (i = 0; i < n; i++)
        m2 += (x[i] - mean) * (x[i] - mean);
    s->mean = mean;
    s->sd = n ? sqrt(m2 / (double)n) : 0.0;
    /* the levels and the asked quantiles in one ascending sweep: each
     * selection works on what lies above the previous one */
    while (li < RISK_NLEVELS || qi < nq) {
        int level = qi >= nq || (li < RISK_NLEVELS && risk_levels[li] <= qp[qi]);
        double p = level ? risk_levels[li] : qp[qi], v, part, tail = 0.0;
        size_t k;
        if (!n) {
            if (level)
                s->var[li] = s->tvar[li] = 0.0, li++;
            else
                q[qi++] = 0.0;
            continue;
        }
        k = sample_index(p, n);
        if (k < lo)
            k = lo; /* asked quantiles not ascending: keep going up */
        select_k(x, lo, n, k);
        lo = k;
        v = x[k];
        if (!level) {
            q[qi++] = v;
            continue;
        }
        for (i = k + 1; i < n; i++)
            tail += x[i];
        /* (1/(1-p)) int_p^1 VaR_u du over the empirical distribution */
        part = (double)(k + 1) - p * (double)n;
        tail += v * (part > 0 ? part : 0.0);
        s->var[li] = v;
        s->tvar[li] = tail / ((double)n * (1.0 - p));
        li++;
    }
}
