/* bench_risk.c - the loss-model mathematics and the comparison of
 * structures, timed: one layer's aggregate distribution by Panjer, one
 * million simulated years of a three-layer tower on 1 and 2 threads, the
 * full comparison of examples/structures.json through the public API;
 * and the accuracy check behind the unit tests: a layer's Panjer VaR99
 * against a 10-million-year Monte Carlo. Each timing is the best of
 * ROUNDS runs, the measures taking turns. Figures are printed, never
 * asserted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ratel.h"
#include "lib/bench_io.h"
#include "risk.h"
#include "structure.h"

#define ROUNDS 5

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_risk: %s: %s\n", what, msg);
    exit(1);
}

/* The neutral declaration's loss model, through the engine's tables. */
static void load_model(risk_model *m, ratel_ctx *ctx, tbl_set **tables)
{
    static const char *const controls[] = {"security_policy", "risk_assessment",
                                           "mfa", "offline_backup",
                                           "patch_management", "staff_training"};
    risk_exposure x;
    ratel_err e;
    (void)ctx;
    err_init(&e);
    if (tbl_load(tables, "tables/ratel.db", &e) != RATEL_OK)
        die("tables", e.message);
    memset(&x, 0, sizeof x);
    x.date = 20635; /* 2026-07-01, examples/neutral.json */
    x.industry = "manufacturing";
    x.revenue = 500000000;
    x.personal_records = 20000;
    x.controls = controls;
    x.ncontrols = 6;
    if (risk_model_build(m, *tables, &x, &e) != RATEL_OK)
        die("model", e.message);
    err_dispose(&e);
}

static double time_panjer(const risk_model *m, const risk_layer *L,
                          risk_stats *st)
{
    risk_dist d;
    double t0 = now();
    if (risk_layer_aggregate(&d, m->perils, RISK_NPERILS, L, RISK_GRID))
        die("panjer", "out of memory");
    t0 = now() - t0;
    risk_dist_stats(&d, st);
    risk_dist_free(&d);
    return t0;
}

typedef struct tower_arg {
    const structure_tower *t;
} tower_arg;

static void tower_year(void *arg, const double *losses, size_t n, double *row,
                       double *acc)
{
    const tower_arg *a = arg;
    structure_year y;
    structure_tower_year(a->t, losses, n, &y);
    row[0] = y.cost;
    acc[0] += y.insurers + y.captive;
}

static void layer_year(void *arg, const double *losses, size_t n,
                       double *row, double *acc)
{
    const risk_layer *L = arg;
    double sum = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        double v = losses[i] - L->retention;
        sum += v < 0 ? 0 : v > L->limit ? L->limit : v;
    }
    sum = sum > L->agg_limit ? L->agg_limit : sum;
    row[0] = sum;
    acc[0] += sum;
}

/* Simulates `years` years on `threads` threads and takes the statistics
 * of the first row; returns the seconds taken, and in *stats_part those of
 * the statistics alone (one thread). */
static double time_sim(const risk_model *m, risk_year_fn fn, void *arg,
                       uint64_t years, unsigned threads, double *rows,
                       risk_stats *st, double *stats_part)
{
    double acc[1], t0 = now(), t1;
    risk_sim sim;
    memset(&sim, 0, sizeof sim);
    sim.perils = m->perils;
    sim.nperils = RISK_NPERILS;
    sim.seed = 20250401;
    sim.years = years;
    sim.threads = threads;
    sim.fn = fn;
    sim.arg = arg;
    sim.nrow = 1;
    sim.rows = &rows;
    sim.nacc = 1;
    sim.acc = acc;
    if (risk_simulate(&sim) != RATEL_OK)
        die("simulate", "out of memory");
    t1 = now();
    risk_sample_stats(rows, years, st, NULL, 0, NULL);
    if (stats_part)
        *stats_part = now() - t1;
    return now() - t0;
}

static double time_compare(ratel_ctx *ctx, const ratel_decl *d,
                           const ratel_structures *s, uint64_t years,
                           unsigned threads)
{
    ratel_structure_result *r = NULL;
    ratel_structure_options o;
    double t0;
    ratel_structure_options_init(&o, RATEL_STRUCTURE_OPTIONS_VERSION);
    o.years = years;
    o.threads = threads;
    t0 = now();
    if (ratel_structure_compare(&r, ctx, d, s, &o) != RATEL_OK)
        die("compare", ratel_ctx_errmsg(ctx));
    t0 = now() - t0;
    ratel_structure_result_free(r);
    return t0;
}

static double min2(double a, double b) { return a < b ? a : b; }

/* Panjer's mean, VaR99 and TVaR99 of a layer against `years` simulated
 * years, with the Monte Carlo VaR99's 95% interval: the order statistics
 * at 0.99 -/+ 1.96 sqrt(0.99 x 0.01 / years). */
static void accuracy(const risk_model *m, const risk_layer *L,
                     const char *name, double *rows, uint64_t years)
{
    risk_stats st, mc;
    double half = 1.96 * sqrt(0.99 * 0.01 / (double)years);
    double qp[2] = {0.99 - half, 0.99 + half}, q[2], t;
    time_panjer(m, L, &st);
    t = time_sim(m, layer_year, (void *)L, years, 2, rows, &mc, NULL);
    risk_sample_stats(rows, years, &mc, qp, 2, q);
    printf("  layer %s, Panjer against %llu simulated years (%.1f s):\n",
           name, (unsigned long long)years, t);
    printf("    mean   Panjer %11.0f  simulated %11.0f  (%+.2f%%)\n",
           st.mean, mc.mean, 100 * (st.mean / mc.mean - 1));
    printf("    VaR99  Panjer %11.0f  simulated %11.0f  (%+.2f%%; the "
           "simulation's 95%% interval %.0f to %.0f)\n", st.var[2],
           mc.var[2], 100 * (st.var[2] / mc.var[2] - 1), q[0], q[1]);
    printf("    TVaR99 Panjer %11.0f  simulated %11.0f  (%+.2f%%)\n",
           st.tvar[2], mc.tvar[2], 100 * (st.tvar[2] / mc.tvar[2] - 1));
}

int main(int argc, char **argv)
{
    ratel_engine *eng = NULL;
    ratel_ctx *ctx = NULL;
    ratel_decl *decl = NULL;
    ratel_structures *structs = NULL;
    tbl_set *tables = NULL;
    risk_model m;
    structure_tower tower;
    tower_arg ta;
    risk_stats st, mc;
    const uint64_t million = 1000000, long_run = argc > 1 ? strtoull(argv[1],
                                                           NULL, 10) : 10000000;
    const risk_layer excess = {10e6, 90e6, 0, INFINITY, 1.0};
    const risk_layer policy = {1e5, 30e6, 0, 30e6, 1.0};
    const risk_layer captive = {0, 10e6, 0, 20e6, 1.0};
    double best[7], stats, *rows;
    size_t len;
    char *text;
    int i;

    if (ratel_engine_open(&eng, "tables/ratel.db", "rating-scripts", NULL) ||
        ratel_ctx_new(&ctx, eng))
        die("engine", eng ? ratel_engine_errmsg(eng) : "cannot open");
    if (!(text = slurp("examples/neutral.json", &len)) ||
        ratel_decl_parse(&decl, ctx, text, len))
        die("examples/neutral.json", ratel_ctx_errmsg(ctx));
    free(text);
    if (!(text = slurp("examples/structures.json", &len)) ||
        ratel_structures_parse(&structs, ctx, text, len))
        die("examples/structures.json", ratel_ctx_errmsg(ctx));
    free(text);
    load_model(&m, ctx, &tables);

    /* a three-layer tower: the captive to 10m (20m a year), 40m excess
     * of 10m, 50m excess of 50m */
    memset(&tower, 0, sizeof tower);
    tower.nlayers = 3;
    tower.layers[0] = (risk_layer){0, 10e6, 0, 20e6, 1.0};
    tower.layers[1] = (risk_layer){10e6, 40e6, 0, 40e6, 1.0};
    tower.layers[2] = (risk_layer){50e6, 50e6, 0, 50e6, 1.0};
    tower.bearer[0] = STRUCTURE_BY_CAPTIVE;
    tower.fixed = 4.6e6;
    ta.t = &tower;
    if (!(rows = malloc((long_run > million ? long_run : million) *
                        sizeof *rows)))
        die("memory", "out of memory");

    for (i = 0; i < 7; i++)
        best[i] = INFINITY;
    for (i = 0; i < ROUNDS; i++) {
        best[0] = min2(best[0], time_panjer(&m, &excess, &st));
        best[1] = min2(best[1], time_panjer(&m, &policy, &st));
        best[2] = min2(best[2], time_sim(&m, tower_year, &ta, million, 1,
                                         rows, &mc, &stats));
        best[3] = min2(best[3], time_sim(&m, tower_year, &ta, million, 2,
                                         rows, &mc, &stats));
        best[6] = min2(best[6], stats);
        best[4] = min2(best[4], time_compare(ctx, decl, structs, 100000, 2));
        best[5] = min2(best[5], time_compare(ctx, decl, structs, million, 2));
    }
    printf("bench_risk: default loss model of examples/neutral.json, best of "
           "%d rounds\n", ROUNDS);
    printf("  Panjer, one layer's annual loss: 90m xs 10m, no aggregate  "
           "%8.2f ms\n", best[0] * 1e3);
    printf("  Panjer, one layer's annual loss: 30m xs 0.1m, 30m a year   "
           "%8.2f ms\n", best[1] * 1e3);
    printf("  1,000,000 years of a three-layer tower, 1 thread           "
           "%8.3f s\n", best[2]);
    printf("  1,000,000 years of a three-layer tower, 2 threads          "
           "%8.3f s\n", best[3]);
    printf("    of which the statistics (mean, sd, VaR, TVaR; one thread) "
           "%8.3f s\n", best[6]);
    printf("  ratel_structure_compare, examples/structures.json (8 "
           "structures):\n");
    printf("    100,000 years, 2 threads                                 "
           "%8.3f s\n", best[4]);
    printf("    1,000,000 years, 2 threads                               "
           "%8.3f s\n", best[5]);

    /* the accuracy of Panjer against a long Monte Carlo, on the example's
     * layers: the package policy, the captive's layer, the market excess */
    accuracy(&m, &policy, "30m xs 0.1m, 30m a year (the package policy)",
             rows, long_run);
    accuracy(&m, &captive, "10m xs 0, 20m a year (the captive)", rows,
             long_run);
    accuracy(&m, &excess, "90m xs 10m, no aggregate (market excess)", rows,
             long_run);
    free(rows);
    tbl_set_free(tables);
    ratel_structures_free(structs);
    ratel_decl_free(decl);
    ratel_ctx_free(ctx);
    ratel_engine_free(eng);
    return 0;
}
