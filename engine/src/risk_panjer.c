/* risk_panjer.c - the distribution of a layer's annual loss: each peril's
 * severity in the layer discretised on a grid (preserving the layer's
 * mean), the annual sums by Panjer's recursion, and the annual aggregate
 * retention and limit applied to their total. */
#include "risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TAIL_TOLERANCE 1e-12 /* mass left beyond an unlimited aggregate */

double risk_layer_annual_el(const risk_peril *perils, size_t n,
                            const risk_layer *layer)
{
    double el = 0.0;
    size_t i;
    for (i = 0; i < n; i++)
        el += perils[i].freq.mean * layer->share *
              risk_layer_el(&perils[i].sev, layer->retention, layer->limit);
    return el;
}

/* The layer's loss per occurrence, min(max(X - r, 0), lim), on the grid
 * 0, h, ..., m h: local moment matching of order 1 (Gerber 1982), which
 * keeps E[min(Y, t)] at every grid point and so the mean exactly.
 * g(t) = E[min(Y, t)] = LEV(r + t) - LEV(r). Adds weight x f_j to f[]. */
static void discretise(const risk_sev *s, double r, double lim, size_t m,
                       double weight, double *f)
{
    double h = lim / (double)m, base = risk_sev_lev(s, r);
    double prev = 0.0, cur = risk_sev_lev(s, r + h) - base, next;
    size_t j;
    f[0] += weight * (1.0 - cur / h);
    for (j = 1; j <= m; j++) {
        double fj;
        next = j < m ? risk_sev_lev(s, r + (double)(j + 1) * h) - base : cur;
        fj = (2.0 * cur - prev - next) / h;
        f[j] += weight * (fj > 0 ? fj : 0.0); /* rounding, never below 0 */
        prev = cur;
        cur = next;
    }
}

/* Panjer's recursion for a compound (a, b, 0) count with severity f on
 * 0..m: g[0..kmax). With tol > 0 it stops once the mass left is below
 * tol. Returns the number of points computed. */
static size_t panjer(const risk_freq *fr, const double *f, size_t m,
                     double *g, size_t kmax, double tol)
{
    double a, b, p0, c, cum;
    size_t k, j;
    risk_freq_abp0(fr, &a, &b, &p0);
    g[0] = risk_freq_pgf(fr, f[0]);
    cum = g[0];
    c = 1.0 / (1.0 - a * f[0]);
    for (k = 1; k < kmax; k++) {
        double s1 = 0.0, s2 = 0.0;
        size_t top = k < m ? k : m;
        for (j = 1; j <= top; j++) {
            s1 += f[j] * g[k - j];
            s2 += (double)j * f[j] * g[k - j];
        }
        g[k] = c * (a * s1 + b / (double)k * s2);
        cum += g[k];
        if (tol > 0 && 1.0 - cum < tol) {
            k++;
            break;
        }
    }
    return k;
}

/* c = a * b on 0..len-1 (inputs of la and lb points); returns c's length. */
static size_t convolve(const double *a, size_t la, const double *b,
                       size_t lb, double *c, size_t len)
{
    size_t k, i, n = la + lb - 1 < len ? la + lb - 1 : len;
    for (k = 0; k < n; k++) {
        double s = 0.0;
        size_t lo = k + 1 > lb ? k + 1 - lb : 0, hi = k < la - 1 ? k : la - 1;
        for (i = lo; i <= hi; i++)
            s += a[i] * b[k - i];
        c[k] = s;
    }
    return n;
}

/* Puts the mass missing from g[0..n) on its last point; returns it. */
static double lump(double *g, size_t n)
{
    double cum = 0.0, rest;
    size_t k;
    for (k = 0; k < n; k++)
        cum += g[k];
    rest = 1.0 - cum;
    if (rest > 0)
        g[n - 1] += rest;
    return rest > 0 ? rest : 0.0;
}

/* The annual values of grid points 0..n-1 (aggregate terms applied), with
 * equal neighbours merged, into out. */
static int finish(risk_dist *out, const double *g, size_t n, double step,
                  const risk_layer *L)
{
    size_t k, m = 0;
    out->x = malloc(n * sizeof *out->x);
    out->p = malloc(n * sizeof *out->p);
    if (!out->x || !out->p) {
        risk_dist_free(out);
        return RATEL_ENOMEM;
    }
    for (k = 0; k < n; k++) {
        double v = (double)k * step - L->agg_retention;
        v = v < 0 ? 0.0 : v > L->agg_limit ? L->agg_limit : v;
        if (m && out->x[m - 1] == v) {
            out->p[m - 1] += g[k];
            continue;
        }
        out->x[m] = v;
        out->p[m++] = g[k];
    }
    out->n = m;
    return RATEL_OK;
}

int risk_layer_aggregate(risk_dist *out, const risk_peril *perils, size_t n,
                         const risk_layer *L, size_t grid)
{
    double lim = L->limit, lambda = 0.0, step, cap_amount, truncated;
    double *f = NULL, *g = NULL, *part = NULL, *tmp = NULL;
    size_t i, kmax, len = 0;
    int capped, rc = RATEL_ENOMEM;
    memset(out, 0, sizeof *out);
    /* no occurrence pays more than the aggregate can: cap the grid there */
    cap_amount = (L->agg_retention + L->agg_limit) / L->share;
    if (cap_amount < lim)
        lim = cap_amount;
    for (i = 0; i < n; i++)
        lambda += perils[i].freq.mean;
    if (!(lim > 0) || !(lambda > 0)) {
        const double zero = 1.0;
        return finish(out, &zero, 1, 0.0, L);
    }
    step = lim / (double)grid * L->share;
    /* capped: the grid reaches the point where the aggregate limit is
     * paid in full, and everything beyond goes there */
    kmax = RISK_MAX_POINTS;
    capped = 0;
    if (isfinite(L->agg_limit)) {
        double k = ceil((L->agg_retention + L->agg_limit) / step);
        if (k + 1 <= (double)kmax) {
            kmax = (size_t)k + 1;
            capped = 1;
        }
    }
    f = calloc(grid + 1, sizeof *f);
    g = calloc(kmax, sizeof *g);
    part = calloc(kmax, sizeof *part);
    tmp = calloc(kmax, sizeof *tmp);
    if (!f || !g || !part || !tmp)
        goto done;
    /* the Poisson perils are one compound Poisson with the mixed
     * severity; each negative binomial peril is a compound of its own */
    lambda = 0.0;
    for (i = 0; i < n; i++)
        if (perils[i].freq.kind == RISK_FREQ_POISSON && perils[i].freq.mean > 0) {
            discretise(&perils[i].sev, L->retention, lim, grid,
                       perils[i].freq.mean, f);
            lambda += perils[i].freq.mean;
        }
    if (lambda > 0) {
        risk_freq pois = {RISK_FREQ_POISSON, lambda, 0.0};
        for (i = 0; i <= grid; i++)
            f[i] /= lambda;
        len = panjer(&pois, f, grid, g, kmax, capped ? 0 : TAIL_TOLERANCE);
    } else {
        g[0] = 1.0;
        len = 1;
    }
    for (i = 0; i < n; i++) {
        size_t plen;
        if (perils[i].freq.kind == RISK_FREQ_POISSON || !(perils[i].freq.mean > 0))
            continue;
        memset(f, 0, (grid + 1) * sizeof *f);
        discretise(&perils[i].sev, L->retention, lim, grid, 1.0, f);
        plen = panjer(&perils[i].freq, f, grid, part, kmax,
                      capped ? 0 : TAIL_TOLERANCE / (double)n);
        len = convolve(g, len, part, plen, tmp, kmax);
        memcpy(g, tmp, len * sizeof *g);
    }
    /* the mass beyond the last point: all of it pays the aggregate limit
     * (capped); or the tail cut at the tolerance or at RISK_MAX_POINTS */
    truncated = lump(g, len);
    rc = finish(out, g, len, step, L);
    out->truncated = capped ? 0.0 : truncated;
done:
    free(f);
    free(g);
    free(part);
    free(tmp);
    return rc;
}
