/* bench_compare.c - the broker's comparison (docs/compare.md): a whole
 * ratel_compare of the neutral example under the three shipped cyber
 * plans, each with the 24 options of sme-cyber's menu, settled in the
 * four shipped scenarios and the PML (and written as JSON); and, for
 * each plan, an option of that 24-option menu in one ratel_rate_menu call
 * against a separate ratel_rate of the same request. The measures take
 * turns over ROUNDS rounds and each keeps its best. Figures are printed,
 * never asserted. Run from the repository root; argv[1] sets the number
 * of comparisons per round (default 50). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ratel.h"

#include "lib/bench_menu.h"

#define ROUNDS 5
#define NOPTIONS BENCH_MENU_OPTIONS
#define NPLANS 3

static const char *const plans[NPLANS] = {"sme-cyber", "questionnaire-cyber",
                                          "chamber-scheme"};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(ratel_ctx *c, const char *what)
{
    fprintf(stderr, "bench_compare: %s: %s\n", what,
            c ? ratel_ctx_errmsg(c) : "failed");
    exit(1);
}

/* Whole comparisons, `n` times: comparisons per second. */
static double run_compare(ratel_ctx *c, ratel_decl *d,
                          const ratel_compare_options *o, long n)
{
    double t0 = now();
    long i;
    for (i = 0; i < n; i++) {
        ratel_comparison *cmp = NULL;
        char *json = NULL;
        if (ratel_compare(&cmp, c, d, o) ||
            ratel_comparison_json(cmp, &json, NULL))
            die(c, "ratel_compare");
        ratel_free(json);
        ratel_comparison_free(cmp);
    }
    return (double)n / (now() - t0);
}

/* The menu of plan p as one call, `n` times: options per second. */
static double run_menu(ratel_ctx *c, ratel_decl *d, const char *p,
                       const ratel_options *o, long n)
{
    ratel_rate_options ro;
    double t0 = now();
    long i;
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    ro.plan_id = p;
    for (i = 0; i < n; i++) {
        ratel_menu *m = NULL;
        if (ratel_rate_menu(&m, c, d, &ro, o))
            die(c, "ratel_rate_menu");
        ratel_menu_free(m);
    }
    return (double)(n * NOPTIONS) / (now() - t0);
}

/* The same requests as separate quotes: options per second. */
static double run_separate(ratel_ctx *c, ratel_decl *d, const char *p,
                           long n)
{
    ratel_rate_options ro;
    double t0 = now();
    long i;
    size_t k;
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    ro.plan_id = p;
    for (i = 0; i < n; i++)
        for (k = 0; k < NOPTIONS; k++) {
            ratel_quote *q = NULL;
            if (bench_menu_request(d, c, k) || ratel_rate(&q, c, d, &ro))
                die(c, "ratel_rate");
            ratel_quote_free(q);
        }
    return (double)(n * NOPTIONS) / (now() - t0);
}

static void keep_best(double *best, double rate)
{
    if (rate > *best)
        *best = rate;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 50;
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d = NULL, *sep = NULL;
    ratel_options *o = bench_menu_options();
    ratel_compare_options co;
    double best_cmp = 0, best_menu[NPLANS] = {0}, best_sep[NPLANS] = {0};
    char text[4096];
    size_t len, p;
    int round;
    FILE *f = fopen("examples/neutral.json", "rb");
    if (n < 1 || !f || (len = fread(text, 1, sizeof text, f)) == 0)
        return 1;
    fclose(f);
    if (ratel_engine_open(&e, "tables/ratel.db", "rating-scripts", NULL) ||
        ratel_ctx_new(&c, e) || ratel_decl_parse(&d, c, NULL, text, len) ||
        ratel_decl_parse(&sep, c, NULL, text, len))
        die(c, "setup");
    ratel_compare_options_init(&co, RATEL_COMPARE_OPTIONS_VERSION);
    co.options = o;
    for (round = 0; round < ROUNDS; round++) {
        keep_best(&best_cmp, run_compare(c, d, &co, n));
        for (p = 0; p < NPLANS; p++) {
            keep_best(&best_menu[p], run_menu(c, d, plans[p], o, n));
            keep_best(&best_sep[p], run_separate(c, sep, plans[p], n));
        }
    }
    printf("bench_compare: examples/neutral.json, %ld per run, best of %d "
           "rounds, one thread\n", n, ROUNDS);
    printf("  whole comparison: 3 plans x %d options x 4 scenarios and the "
           "PML, with its JSON  %8.2f ms\n", NOPTIONS, 1e3 / best_cmp);
    for (p = 0; p < NPLANS; p++)
        printf("  %-20s an option of the %d-option menu %6.2f us, a "
               "separate quote %6.2f us: %3.0f%%\n", plans[p], NOPTIONS,
               1e6 / best_menu[p], 1e6 / best_sep[p],
               100.0 * best_sep[p] / best_menu[p]);
    ratel_options_free(o);
    ratel_decl_free(d);
    ratel_decl_free(sep);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    return 0;
}
