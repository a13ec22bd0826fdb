/* risk.h - loss models and layer mathematics (prefix risk_): severity and
 * frequency distributions, limited expected values and layer expected
 * losses in closed form, the annual aggregate loss of a layer by Panjer
 * recursion on a discretised severity, a seeded Monte Carlo whose output
 * does not depend on the number of threads, and statistics (mean, sd,
 * VaR, TVaR). The default loss model for Japanese SMEs is read from rate
 * tables (risk_model.c). No Lua here, no declaration: the structure room
 * (structure_*.c) feeds it. Formulas and sources: docs/structures.md. */
#ifndef RATEL_RISK_H
#define RATEL_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "tables.h"

/* ---- the standard normal distribution (risk_normal.c) ---------------- */

double risk_norm_cdf(double z);
/* The inverse of risk_norm_cdf for p in (0, 1) (Wichura's AS 241,
 * relative error about 1e-16); -INFINITY / INFINITY at 0 / 1. */
double risk_norm_quantile(double p);

/* ---- severities (risk_sev.c) ---------------------------------------- */

typedef enum risk_sev_kind {
    RISK_SEV_LOGNORMAL = 1, /* ln X ~ N(mu, sigma^2) */
    RISK_SEV_LOMAX = 2,     /* Pareto II: S(x) = (theta / (x + theta))^alpha */
    RISK_SEV_SPLICED = 3    /* lognormal body below theta, Pareto tail above:
                               S(x) = (1 - w) (theta / x)^alpha for x > theta,
                               w set so the density is continuous at theta */
} risk_sev_kind;

typedef struct risk_sev {
    risk_sev_kind kind;
    double mu, sigma;  /* lognormal; the body of a spliced severity */
    double alpha;      /* Lomax shape; the tail shape of a spliced one */
    double theta;      /* Lomax scale; the splice point of a spliced one */
    /* set by risk_sev_init */
    double w;          /* spliced: the body's weight, P(X <= theta) */
    double body_cdf;   /* spliced: the lognormal's F(theta) */
    double lev_theta;  /* spliced: E[min(X, theta)] */
} risk_sev;

/* Checks the parameters (finite; sigma, alpha, theta > 0) and computes
 * the derived fields. Returns 0, or -1 with a reason in err (errsize
 * bytes). */
int risk_sev_init(risk_sev *s, char *err, size_t errsize);
/* The same distribution scaled by k > 0 (the amounts of X times k). */
void risk_sev_scale(risk_sev *s, double k);
double risk_sev_cdf(const risk_sev *s, double x);
double risk_sev_sf(const risk_sev *s, double x); /* 1 - cdf, accurately */
double risk_sev_pdf(const risk_sev *s, double x);
/* Limited expected value E[min(X, u)], u >= 0 (INFINITY: the mean). */
double risk_sev_lev(const risk_sev *s, double u);
/* The mean; INFINITY when it is not finite (a tail shape alpha <= 1). */
double risk_sev_mean(const risk_sev *s);
/* The p-quantile for p in (0, 1), by inversion (for sampling). */
double risk_sev_quantile(const risk_sev *s, double p);
/* Expected loss per occurrence in the layer `limit` excess of
 * `retention`: E[min(X, r + l)] - E[min(X, r)]. */
double risk_layer_el(const risk_sev *s, double retention, double limit);

/* ---- frequencies (risk_freq.c) -------------------------------------- */

typedef enum risk_freq_kind {
    RISK_FREQ_POISSON = 1,
    RISK_FREQ_NEGBIN = 2  /* mean m, variance m (1 + beta) */
} risk_freq_kind;

#define RISK_MAX_MEAN 100.0 /* occurrences a year, per peril */

typedef struct risk_freq {
    risk_freq_kind kind;
    double mean; /* occurrences a year, 0..RISK_MAX_MEAN */
    double beta; /* negative binomial: variance / mean - 1, > 0 */
} risk_freq;

/* Checks the parameters; 0 or -1 with a reason in err. */
int risk_freq_init(const risk_freq *f, char *err, size_t errsize);
/* The (a, b, 0) class: p_k = (a + b / k) p_(k-1), and p_0. */
void risk_freq_abp0(const risk_freq *f, double *a, double *b, double *p0);
/* The probability generating function at z in [0, 1]. */
double risk_freq_pgf(const risk_freq *f, double z);
double risk_freq_var(const risk_freq *f);
/* The count whose cumulative probability first reaches u in (0, 1). */
unsigned risk_freq_draw(const risk_freq *f, double u);

/* ---- a peril and the layer of a tower ------------------------------ */

typedef struct risk_peril {
    const char *name; /* static or owned by the caller */
    risk_freq freq;
    risk_sev sev;
} risk_peril;

/* A layer: per occurrence it takes share x min(max(X - retention, 0),
 * limit); over a year it pays min(max(sum - agg_retention, 0),
 * agg_limit). agg_limit INFINITY: no annual aggregate limit. */
typedef struct risk_layer {
    double retention, limit;         /* limit finite */
    double agg_retention, agg_limit;
    double share;                    /* 0 < share <= 1 */
} risk_layer;

/* The expected annual loss of a layer before its annual aggregate terms:
 * sum over perils of frequency x share x layer expected loss. */
double risk_layer_annual_el(const risk_peril *perils, size_t n,
                            const risk_layer *layer);

/* ---- statistics (risk_stats.c) -------------------------------------- */

#define RISK_NLEVELS 4 /* VaR and TVaR at 90, 95, 99 and 99.5% */
extern const double risk_levels[RISK_NLEVELS];

typedef struct risk_stats {
    double mean, sd;
    double var[RISK_NLEVELS];  /* value at risk: the p-quantile */
    double tvar[RISK_NLEVELS]; /* tail value at risk: the mean of the
                                  worst 1 - p, (1/(1-p)) int_p^1 VaR_u du */
} risk_stats;

/* A discrete distribution: values ascending, probabilities summing to 1. */
typedef struct risk_dist {
    double *x, *p;
    size_t n;
    double truncated; /* mass that had to be put on the last point */
} risk_dist;

void risk_dist_free(risk_dist *d);
void risk_dist_stats(const risk_dist *d, risk_stats *s);
/* The p-quantile of d: the smallest value whose cumulative probability
 * reaches p. */
double risk_dist_quantile(const risk_dist *d, double p);

/* Statistics of n equally likely samples, and the quantiles at the
 * ascending probabilities qp[0..nq) into q (nq may be 0). Reorders x;
 * the result depends only on the values, not on their order. */
void risk_sample_stats(double *x, size_t n, risk_stats *s, const double *qp,
                       size_t nq, double *q);

/* ---- the aggregate loss of a layer (risk_panjer.c) ----------------- */

#define RISK_GRID 1024          /* grid steps per layer limit */
#define RISK_MAX_POINTS 65536   /* of an aggregate distribution */

/* The distribution of a layer's annual loss over all perils: each
 * severity discretised on a grid of limit / grid steps preserving the
 * layer's mean, each peril's annual sum by Panjer recursion, the
 * perils with Poisson counts as one compound Poisson, the others
 * convolved in. Returns RATEL_OK or RATEL_ENOMEM. */
int risk_layer_aggregate(risk_dist *out, const risk_peril *perils, size_t n,
                         const risk_layer *layer, size_t grid);

/* ---- random numbers (risk_rng.c) ------------------------------------ */

/* xoshiro256** seeded through splitmix64. Stream b of a seed is the
 * seeded generator jumped b times (2^128 numbers each): streams never
 * overlap, and the years of a block draw the same numbers whichever
 * thread runs the block. */
typedef struct risk_rng {
    uint64_t s[4];
} risk_rng;

void risk_rng_seed(risk_rng *r, uint64_t seed);
/* Advances r by 2^128 numbers (the generator's jump polynomial). */
void risk_rng_jump(risk_rng *r);
uint64_t risk_rng_next(risk_rng *r);
/* Uniform in the open interval (0, 1). */
double risk_rng_uniform(risk_rng *r);

/* ---- the Monte Carlo (risk_sim.c) ----------------------------------- */

#define RISK_BLOCK_YEARS 4096 /* years per stream; fixed, part of the output */
#define RISK_MAX_YEARS 10000000ULL
#define RISK_MAX_THREADS 64

/* What a simulation does with one year's occurrences (amounts, in the
 * order drawn): writes `nrow` figures of the year into row[] and adds
 * to the block's `nacc` accumulators in acc[]. Runs on any thread. */
typedef void (*risk_year_fn)(void *arg, const double *losses, size_t n,
                             double *row, double *acc);

typedef struct risk_sim {
    const risk_peril *perils;
    size_t nperils;
    uint64_t seed;
    uint64_t years;     /* 1..RISK_MAX_YEARS */
    unsigned threads;   /* 1..RISK_MAX_THREADS */
    risk_year_fn fn;
    void *arg;
    size_t nrow;        /* figures per year: rows[i][year], i < nrow */
    double **rows;
    size_t nacc;        /* accumulators: summed per block, then over the
                           blocks in block order into acc[] */
    double *acc;
} risk_sim;

/* Simulates the years: block b (RISK_BLOCK_YEARS years) draws from
 * stream b of the seed (the seeded generator jumped b times); in each year, for each peril in order, a count
 * and then that many severities. Identical output for any number of
 * threads. Returns RATEL_OK or RATEL_ENOMEM. */
int risk_simulate(const risk_sim *sim);

/* ---- the loss model of a company (risk_model.c) --------------------- */

#define RISK_NPERILS 6
extern const char *const risk_peril_names[RISK_NPERILS];

/* What the loss model reads of a company. */
typedef struct risk_exposure {
    int32_t date;                     /* tables in force on this date */
    const char *industry;
    int64_t revenue;
    int64_t personal_records;
    const char *const *controls;      /* names of the controls in place */
    size_t ncontrols;
    const int32_t *incident_dates;    /* days since 1970-01-01 */
    size_t nincidents;
} risk_exposure;

/* How each peril's figures were made, for the worksheet of the model. */
typedef struct risk_peril_basis {
    double base_mean, industry, revenue, controls, history;
    double severity_scale;
} risk_peril_basis;

typedef struct risk_model {
    risk_peril perils[RISK_NPERILS];
    risk_peril_basis basis[RISK_NPERILS];
    size_t incidents_counted;         /* in the lookback */
} risk_model;

#define RISK_LOOKBACK_DAYS 1826 /* five years of incidents */

/* Builds the model of `x` from the risk_* tables of `tables` in force on
 * x->date. Errors on e: RATEL_ENOTFOUND (a table or a row is missing:
 * the message names it), RATEL_ETABLE (a parameter out of range, named
 * with its table and peril). */
int risk_model_build(risk_model *m, const tbl_set *tables,
                     const risk_exposure *x, ratel_err *e);

#endif
