/* bench_rate.c - quotes per second of the reference plan through the C
 * API, single thread: from parsed declarations with the worksheet on and
 * off, with limits on and off, and end to end (parse JSON, rate, write the
 * quote JSON), and the plan's menu as one call against separate quotes.
 * The measures take turns over ROUNDS rounds and each keeps its best.
 * Figures are printed, never asserted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ratel.h"
#include "lib/bench_io.h"

static const char *const cases[] = {
    "tests/golden/cases/neutral.json",
    "tests/golden/cases/bi_cover.json",
    "tests/golden/cases/ransomware_remediated.json",
    "tests/golden/cases/credits_capped_60.json",
    "tests/golden/cases/incident_older_half_weight.json",
    "tests/golden/cases/limits_500m_100m.json",
    "tests/golden/cases/revenue_large.json",
    "tests/golden/cases/full_example.json",
};
#define NCASES (sizeof cases / sizeof *cases)
#define ROUNDS 5 /* timing rounds; each measure keeps its best */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef enum { FROM_DECL, END_TO_END } mode;

/* One run of `n` quotes; returns quotes per second. */
static double run(ratel_ctx *c, ratel_decl **decls, char **json,
                  size_t *len, unsigned flags, mode m, long n)
{
    double t0 = now();
    long i;
    for (i = 0; i < n; i++) {
        ratel_quote *q = NULL;
        size_t k = (size_t)i % NCASES;
        int rc = m == FROM_DECL
                     ? ratel_rate(&q, c, decls[k], "sme-cyber", flags)
                     : ratel_rate_json(&q, c, json[k], len[k], "sme-cyber",
                                       flags);
        if (rc) {
            fprintf(stderr, "bench: %s\n", ratel_ctx_errmsg(c));
            exit(1);
        }
        if (m == END_TO_END && !ratel_quote_json(q, NULL))
            exit(1);
        ratel_quote_free(q);
    }
    return (double)n / (now() - t0);
}

/* The plan's menu options (NULL when it has none). */
static const ratel_plan_info *menu_of(ratel_engine *e, ratel_plan_info *info)
{
    size_t i;
    for (i = 0; i < ratel_engine_plan_count(e); i++)
        if (ratel_engine_plan(e, i, info) == 0 &&
            strcmp(info->id, "sme-cyber") == 0 && info->noptions > 0)
            return info;
    return NULL;
}

/* The plan's menu of one declaration `n` times as one menu call; options
 * per second. */
static double run_menu(ratel_ctx *c, const ratel_plan_info *info,
                       ratel_decl *d, long n)
{
    double t0 = now();
    long m;
    for (m = 0; m < n; m++) {
        ratel_menu *menu = NULL;
        ratel_rate_options o = RATEL_RATE_OPTIONS_INIT;
        o.plan_id = "sme-cyber";
        if (ratel_rate_menu(&menu, c, d, &o, NULL, 0))
            exit(1);
        ratel_menu_free(menu);
    }
    return (double)(n * (long)info->noptions) / (now() - t0);
}

/* The same options as separate quotes with the same requests. */
static double run_options(ratel_ctx *c, const ratel_plan_info *info,
                          ratel_decl *d, long n)
{
    double t0 = now();
    long m;
    size_t k;
    for (m = 0; m < n; m++)
        for (k = 0; k < info->noptions; k++) {
            ratel_quote *q = NULL;
            const ratel_option *op = &info->options[k];
            ratel_decl_set_int(d, c, "request.liability_limit",
                               op->liability_limit);
            ratel_decl_set_int(d, c, "request.expense_limit",
                               op->expense_limit);
            ratel_decl_set_int(d, c, "request.deductible", op->deductible);
            if (ratel_rate(&q, c, d, "sme-cyber", 0))
                exit(1);
            ratel_quote_free(q);
        }
    return (double)(n * (long)info->noptions) / (now() - t0);
}

static void keep_best(double *best, double rate)
{
    if (rate > *best)
        *best = rate;
}

static void report(const char *what, double qps)
{
    printf("  %-52s %9.0f quotes/s  %6.2f us/quote\n", what, qps, 1e6 / qps);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 200000;
    ratel_engine_options lim = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine_options nolim = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine *e = NULL, *e2 = NULL;
    ratel_ctx *c = NULL, *c2 = NULL;
    ratel_decl *decls[NCASES];
    char *json[NCASES];
    size_t len[NCASES], i;
    double best[6] = {0, 0, 0, 0, 0, 0};
    ratel_plan_info info;
    const ratel_plan_info *menu;
    ratel_decl *menu_decl = NULL; /* its request changes per option */
    long nmenu;
    int round;
    nolim.max_instructions = 0;
    nolim.max_memory = 0;
    nolim.max_milliseconds = 0;
    if (ratel_engine_open(&e, "tables/ratel.db", "rating-scripts", &lim) ||
        ratel_engine_open(&e2, "tables/ratel.db", "rating-scripts", &nolim) ||
        ratel_ctx_new(&c, e) || ratel_ctx_new(&c2, e2)) {
        fprintf(stderr, "bench: cannot open engine\n");
        return 1;
    }
    for (i = 0; i < NCASES; i++) {
        json[i] = slurp(cases[i], &len[i]);
        if (!json[i] || ratel_decl_parse(&decls[i], c, json[i], len[i])) {
            fprintf(stderr, "bench: %s: cannot read\n", cases[i]);
            return 1;
        }
    }
    if (ratel_decl_parse(&menu_decl, c, json[0], len[0])) {
        fprintf(stderr, "bench: %s: cannot read\n", cases[0]);
        return 1;
    }
    /* the measures take turns, ROUNDS times, each keeping its best, so
     * that a slower minute of a shared machine does not fall on one */
    menu = menu_of(e, &info);
    nmenu = n / 100 > 0 ? n / 100 : 1;
    for (round = 0; round < ROUNDS; round++) {
        keep_best(&best[0], run(c, decls, json, len, 0, FROM_DECL, n));
        keep_best(&best[1], run(c, decls, json, len, RATEL_RATE_NO_WORKSHEET,
                                FROM_DECL, n));
        keep_best(&best[2], run(c2, decls, json, len, 0, FROM_DECL, n));
        keep_best(&best[3], run(c, decls, json, len, 0, END_TO_END, n));
        if (menu) {
            keep_best(&best[4], run_menu(c, menu, menu_decl, nmenu));
            keep_best(&best[5], run_options(c, menu, menu_decl, nmenu));
        }
    }
    printf("bench_rate: reference plan sme-cyber, %zu declarations in "
           "rotation, %ld quotes per run, best of %d rounds, one thread\n",
           NCASES, n, ROUNDS);
    report("rate parsed declaration, worksheet on, limits on", best[0]);
    report("rate parsed declaration, worksheet off, limits on", best[1]);
    report("rate parsed declaration, worksheet on, limits off", best[2]);
    report("parse JSON + rate + write quote JSON (worksheet on)", best[3]);
    if (menu) {
        printf("  %zu-option menu of one declaration (worksheet on):\n",
               menu->noptions);
        printf("    %-50s %9.0f options/s  %6.2f us/option\n",
               "one ratel_rate_menu call", best[4], 1e6 / best[4]);
        printf("    %-50s %9.0f options/s  %6.2f us/option\n",
               "24 separate ratel_rate calls", best[5], 1e6 / best[5]);
        printf("    the menu costs %.0f%% of separate quotes\n",
               100 * best[5] / best[4]);
    }
    for (i = 0; i < NCASES; i++) {
        ratel_decl_free(decls[i]);
        free(json[i]);
    }
    ratel_decl_free(menu_decl);
    ratel_ctx_free(c);
    ratel_ctx_free(c2);
    ratel_engine_free(e);
    ratel_engine_free(e2);
    return 0;
}
