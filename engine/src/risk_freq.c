/* risk_freq.c - claim-count distributions: Poisson, and the negative
 * binomial for counts more dispersed than Poisson (ransomware comes in
 * waves). Both are of Panjer's (a, b, 0) class, which the aggregate
 * recursion and the inversion sampler use. */
#include "risk.h"

#include <math.h>
#include <stdio.h>

int risk_freq_init(const risk_freq *f, char *err, size_t errsize)
{
    if (!(f->mean >= 0.0 && f->mean <= RISK_MAX_MEAN)) {
        snprintf(err, errsize, "the frequency must be from 0 to %g a year",
                 RISK_MAX_MEAN);
        return -1;
    }
    if (f->kind == RISK_FREQ_POISSON)
        return 0;
    if (f->kind != RISK_FREQ_NEGBIN) {
        snprintf(err, errsize, "unknown frequency kind");
        return -1;
    }
    if (!(f->beta > 0.0 && f->beta <= 1000.0)) {
        snprintf(err, errsize,
                 "the dispersion (variance / mean - 1) must be above 0 "
                 "and at most 1000");
        return -1;
    }
    return 0;
}

/* Negative binomial with mean m = r beta: p_k / p_(k-1) = a + b / k with
 * a = beta / (1 + beta), b = (r - 1) a, p_0 = (1 + beta)^-r. */
void risk_freq_abp0(const risk_freq *f, double *a, double *b, double *p0)
{
    if (f->kind == RISK_FREQ_NEGBIN && f->mean > 0) {
        double r = f->mean / f->beta;
        *a = f->beta / (1.0 + f->beta);
        *b = (r - 1.0) * *a;
        *p0 = exp(-r * log1p(f->beta));
    } else {
        *a = 0.0;
        *b = f->mean;
        *p0 = exp(-f->mean);
    }
}

double risk_freq_pgf(const risk_freq *f, double z)
{
    if (f->kind == RISK_FREQ_NEGBIN && f->mean > 0)
        return exp(-f->mean / f->beta * log1p(f->beta * (1.0 - z)));
    return exp(f->mean * (z - 1.0));
}

double risk_freq_var(const risk_freq *f)
{
    return f->kind == RISK_FREQ_NEGBIN ? f->mean * (1.0 + f->beta) : f->mean;
}

unsigned risk_freq_draw(const risk_freq *f, double u)
{
    double a, b, p, cum;
    unsigned k = 0;
    risk_freq_abp0(f, &a, &b, &p);
    cum = p;
    /* the probabilities stop adding once they are below the rounding of
     * cum: u that close to 1 takes the count reached there */
    while (u > cum && k < 100000u) {
        double next;
        k++;
        p *= a + b / k;
        next = cum + p;
        if (next == cum && k > f->mean)
            break;
        cum = next;
    }
    return k;
}
