/* risk_sev.c - severity distributions: lognormal, Lomax (Pareto II), and a
 * lognormal body spliced to a Pareto tail with a continuous density; their
 * distribution functions, limited expected values in closed form (the
 * formulas are in docs/structures.md) and quantiles for sampling. */
#include "risk.h"

#include <math.h>
#include <stdio.h>

#define SQRT_2PI 2.50662827463100050242

/* (1 - e^(-c L)) / c, and its limit L as c -> 0: the integral of
 * e^(-c t) over [0, L], which the Pareto limited expected values share. */
static double expm1_ratio(double c, double L)
{
    if (fabs(c) < 1e-12)
        return L;
    return -expm1(-c * L) / c;
}

static double ln_cdf(double mu, double sigma, double x)
{
    return x > 0 ? risk_norm_cdf((log(x) - mu) / sigma) : 0.0;
}

static double ln_sf(double mu, double sigma, double x)
{
    return x > 0 ? risk_norm_cdf(-(log(x) - mu) / sigma) : 1.0;
}

static double ln_pdf(double mu, double sigma, double x)
{
    double z;
    if (!(x > 0))
        return 0.0;
    z = (log(x) - mu) / sigma;
    return exp(-0.5 * z * z) / (x * sigma * SQRT_2PI);
}

static double ln_lev(double mu, double sigma, double u)
{
    double mean = exp(mu + 0.5 * sigma * sigma);
    if (!(u > 0))
        return 0.0;
    if (isinf(u))
        return mean;
    return mean * risk_norm_cdf((log(u) - mu - sigma * sigma) / sigma) +
           u * ln_sf(mu, sigma, u);
}

static int bad(char *err, size_t errsize, const char *what)
{
    snprintf(err, errsize, "%s", what);
    return -1;
}

int risk_sev_init(risk_sev *s, char *err, size_t errsize)
{
    double f;
    s->w = 1.0;
    s->body_cdf = 1.0;
    s->lev_theta = 0.0;
    switch (s->kind) {
    case RISK_SEV_LOGNORMAL:
    case RISK_SEV_SPLICED:
        if (!(fabs(s->mu) <= 50.0))
            return bad(err, errsize, "mu must be a number from -50 to 50");
        if (!(s->sigma > 0.0 && s->sigma <= 10.0))
            return bad(err, errsize, "sigma must be above 0 and at most 10");
        if (s->kind == RISK_SEV_LOGNORMAL)
            return 0;
        break;
    case RISK_SEV_LOMAX:
        break;
    default:
        return bad(err, errsize, "unknown severity kind");
    }
    if (!(s->alpha > 0.0 && s->alpha <= 100.0))
        return bad(err, errsize, "alpha must be above 0 and at most 100");
    if (!(s->theta > 0.0 && s->theta <= 1e15))
        return bad(err, errsize, "theta must be above 0 and at most 1e15");
    if (s->kind == RISK_SEV_LOMAX)
        return 0;
    /* continuity at the splice: w f(theta) / F(theta) = (1 - w) alpha /
     * theta, where f and F are the lognormal body's */
    s->body_cdf = ln_cdf(s->mu, s->sigma, s->theta);
    f = ln_pdf(s->mu, s->sigma, s->theta);
    if (!(s->body_cdf > 1e-12 && f > 0))
        return bad(err, errsize,
                   "the splice point theta is below the lognormal body");
    s->w = s->alpha * s->body_cdf / (s->theta * f + s->alpha * s->body_cdf);
    s->lev_theta = s->theta - s->w / s->body_cdf *
                                  (s->theta - ln_lev(s->mu, s->sigma, s->theta));
    return 0;
}

void risk_sev_scale(risk_sev *s, double k)
{
    char ignored[8];
    if (s->kind != RISK_SEV_LOMAX)
        s->mu += log(k);
    if (s->kind != RISK_SEV_LOGNORMAL)
        s->theta *= k;
    (void)risk_sev_init(s, ignored, sizeof ignored);
}

double risk_sev_sf(const risk_sev *s, double x)
{
    if (!(x > 0))
        return 1.0;
    switch (s->kind) {
    case RISK_SEV_LOGNORMAL:
        return ln_sf(s->mu, s->sigma, x);
    case RISK_SEV_LOMAX:
        return exp(-s->alpha * log1p(x / s->theta));
    default:
        if (x <= s->theta)
            return 1.0 - s->w * ln_cdf(s->mu, s->sigma, x) / s->body_cdf;
        return (1.0 - s->w) * pow(s->theta / x, s->alpha);
    }
}

double risk_sev_cdf(const risk_sev *s, double x)
{
    if (!(x > 0))
        return 0.0;
    switch (s->kind) {
    case RISK_SEV_LOGNORMAL:
        return ln_cdf(s->mu, s->sigma, x);
    case RISK_SEV_LOMAX:
        return -expm1(-s->alpha * log1p(x / s->theta));
    default:
        if (x <= s->theta)
            return s->w * ln_cdf(s->mu, s->sigma, x) / s->body_cdf;
        return 1.0 - risk_sev_sf(s, x);
    }
}

double risk_sev_pdf(const risk_sev *s, double x)
{
    if (!(x > 0))
        return 0.0;
    switch (s->kind) {
    case RISK_SEV_LOGNORMAL:
        return ln_pdf(s->mu, s->sigma, x);
    case RISK_SEV_LOMAX:
        return s->alpha / s->theta *
               exp(-(s->alpha + 1.0) * log1p(x / s->theta));
    default:
        if (x <= s->theta)
            return s->w * ln_pdf(s->mu, s->sigma, x) / s->body_cdf;
        return (1.0 - s->w) * s->alpha / x * pow(s->theta / x, s->alpha);
    }
}

double risk_sev_lev(const risk_sev *s, double u)
{
    if (!(u > 0))
        return 0.0;
    switch (s->kind) {
    case RISK_SEV_LOGNORMAL:
        return ln_lev(s->mu, s->sigma, u);
    case RISK_SEV_LOMAX:
        if (isinf(u))
            return s->alpha > 1 ? s->theta / (s->alpha - 1.0) : INFINITY;
        return s->theta * expm1_ratio(s->alpha - 1.0, log1p(u / s->theta));
    default:
        if (u <= s->theta)
            return u - s->w / s->body_cdf *
                           (u - ln_lev(s->mu, s->sigma, u));
        if (isinf(u))
            return s->alpha > 1 ? s->lev_theta + (1.0 - s->w) * s->theta /
                                                     (s->alpha - 1.0)
                                : INFINITY;
        return s->lev_theta +
               (1.0 - s->w) * s->theta *
                   expm1_ratio(s->alpha - 1.0, log(u / s->theta));
    }
}

double risk_sev_mean(const risk_sev *s)
{
    return risk_sev_lev(s, INFINITY);
}

double risk_sev_quantile(const risk_sev *s, double p)
{
    switch (s->kind) {
    case RISK_SEV_LOGNORMAL:
        return exp(s->mu + s->sigma * risk_norm_quantile(p));
    case RISK_SEV_LOMAX:
        return s->theta * expm1(-log1p(-p) / s->alpha);
    default:
        if (p <= s->w)
            return exp(s->mu + s->sigma *
                                   risk_norm_quantile(p * s->body_cdf / s->w));
        return s->theta * pow((1.0 - s->w) / (1.0 - p), 1.0 / s->alpha);
    }
}

double risk_layer_el(const risk_sev *s, double retention, double limit)
{
    double top = retention + limit;
    if (!(limit > 0))
        return 0.0;
    if (isinf(top) && isinf(risk_sev_mean(s)))
        return INFINITY;
    return risk_sev_lev(s, top) - risk_sev_lev(s, retention);
}
