/* bench_rate.c - quotes per second of the reference plan through the C
 * API, single thread: from parsed declarations with the worksheet on and
 * off, with limits on and off, and end to end (parse JSON, rate, write the
 * quote JSON), and the plan's menu as one call against separate quotes.
 * The measures take turns over ROUNDS rounds and each keeps its best.
 * Figures are printed, never asserted. */
#include <stdint.h>
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
    ratel_rate_options o;
    double t0 = now();
    long i;
    ratel_rate_options_init(&o);
    o.plan_id = "sme-cyber";
    o.flags = flags;
    for (i = 0; i < n; i++) {
        ratel_quote *q = NULL;
        ratel_decl *parsed = NULL;
        size_t k = (size_t)i % NCASES;
        int rc = 0;
        if (m == END_TO_END)
            rc = ratel_decl_parse(&parsed, c, NULL, json[k], len[k]);
        if (rc == 0)
            rc = ratel_rate(&q, c, m == END_TO_END ? parsed : decls[k], &o);
        if (rc) {
            fprintf(stderr, "bench: %s\n", ratel_ctx_errmsg(c));
            exit(1);
        }
        if (m == END_TO_END) {
            char *text = NULL;
            if (ratel_quote_json(q, &text, NULL))
                exit(1);
            ratel_free(text);
            ratel_decl_free(parsed);
        }
        ratel_quote_free(q);
    }
    return (double)n / (now() - t0);
}

/* The plan's menu, as its menu() builds it: 4 liability limits x 2
 * expense limits x 3 deductibles (rating-scripts/sme_cyber.lua), for the
 * separate quotes of run_options. */
#define NOPTIONS 24
typedef struct option {
    int64_t liability_limit, expense_limit, deductible;
} option;

static void menu_options(option *out)
{
    static const int64_t liability[] = {50, 100, 300, 500};
    static const int64_t expense[] = {10, 30};
    static const int64_t deductible[] = {100000, 300000, 1000000};
    size_t a, b, k, n = 0;
    for (a = 0; a < 4; a++)
        for (b = 0; b < 2; b++)
            for (k = 0; k < 3; k++) {
                out[n].liability_limit = liability[a] * 1000000;
                out[n].expense_limit = expense[b] * 1000000;
                out[n++].deductible = deductible[k];
            }
}

/* The plan's menu (plan.options) of one declaration `n` times as one menu
 * call; options per second. */
static double run_menu(ratel_ctx *c, ratel_decl *d, long n)
{
    ratel_rate_options o;
    double t0 = now();
    long m;
    ratel_rate_options_init(&o);
    o.plan_id = "sme-cyber";
    for (m = 0; m < n; m++) {
        ratel_menu *menu = NULL;
        if (ratel_rate_menu(&menu, c, d, &o, NULL))
            exit(1);
        ratel_menu_free(menu);
    }
    return (double)(n * NOPTIONS) / (now() - t0);
}

/* Sets the request of option `op` on declaration d. */
static void set_option(ratel_ctx *c, ratel_decl *d, const option *op)
{
    if (ratel_decl_set_int(d, c, "request.liability_limit",
                           op->liability_limit) ||
        ratel_decl_set_int(d, c, "request.expense_limit",
                           op->expense_limit) ||
        ratel_decl_set_int(d, c, "request.deductible", op->deductible)) {
        fprintf(stderr, "bench: %s\n", ratel_ctx_errmsg(c));
        exit(1);
    }
}

/* The same options as separate quotes with the same requests. */
static double run_options(ratel_ctx *c, const option *options,
                          ratel_decl *d, long n)
{
    ratel_rate_options o;
    double t0 = now();
    long m;
    size_t k;
    ratel_rate_options_init(&o);
    o.plan_id = "sme-cyber";
    for (m = 0; m < n; m++)
        for (k = 0; k < NOPTIONS; k++) {
            ratel_quote *q = NULL;
            set_option(c, d, &options[k]);
            if (ratel_rate(&q, c, d, &o))
                exit(1);
            ratel_quote_free(q);
        }
    return (double)(n * NOPTIONS) / (now() - t0);
}

/* Whether the plan's menu has the options of menu_options(), in order:
 * each option's quote from one menu call equals a separate quote of its
 * request (total premium). */
static int menu_matches(ratel_ctx *c, const option *options, ratel_decl *d)
{
    ratel_rate_options o;
    ratel_menu *menu = NULL;
    size_t k;
    int ok;
    ratel_rate_options_init(&o);
    o.plan_id = "sme-cyber";
    if (ratel_rate_menu(&menu, c, d, &o, NULL))
        return 0;
    ok = ratel_menu_count(menu) == NOPTIONS;
    for (k = 0; ok && k < NOPTIONS; k++) {
        ratel_quote *q = NULL;
        const ratel_quote *mq = ratel_menu_quote(menu, k);
        set_option(c, d, &options[k]);
        ok = mq && ratel_rate(&q, c, d, &o) == 0 &&
             ratel_quote_total_premium(q) == ratel_quote_total_premium(mq);
        ratel_quote_free(q);
    }
    ratel_menu_free(menu);
    return ok;
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
    ratel_decl *decls[NCASES], *decls2[NCASES]; /* of engines e, e2 */
    char *json[NCASES];
    size_t len[NCASES], i;
    double best[6] = {0, 0, 0, 0, 0, 0};
    option options[NOPTIONS];
    ratel_decl *menu_decl = NULL; /* its request changes per option */
    long nmenu;
    int round, menu;
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
        if (!json[i] ||
            ratel_decl_parse(&decls[i], c, NULL, json[i], len[i]) ||
            ratel_decl_parse(&decls2[i], c2, NULL, json[i], len[i])) {
            fprintf(stderr, "bench: %s: cannot read\n", cases[i]);
            return 1;
        }
    }
    if (ratel_decl_parse(&menu_decl, c, NULL, json[0], len[0])) {
        fprintf(stderr, "bench: %s: cannot read\n", cases[0]);
        return 1;
    }
    menu_options(options);
    menu = menu_matches(c, options, menu_decl);
    if (!menu)
        fprintf(stderr, "bench: the plan's menu is not the 24 options of "
                "menu_options(); menu not timed\n");
    /* the measures take turns, ROUNDS times, each keeping its best, so
     * that a slower minute of a shared machine does not fall on one */
    nmenu = n / 100 > 0 ? n / 100 : 1;
    for (round = 0; round < ROUNDS; round++) {
        keep_best(&best[0], run(c, decls, json, len, 0, FROM_DECL, n));
        keep_best(&best[1], run(c, decls, json, len, RATEL_RATE_NO_WORKSHEET,
                                FROM_DECL, n));
        keep_best(&best[2], run(c2, decls2, json, len, 0, FROM_DECL, n));
        keep_best(&best[3], run(c, decls, json, len, 0, END_TO_END, n));
        if (menu) {
            keep_best(&best[4], run_menu(c, menu_decl, nmenu));
            keep_best(&best[5], run_options(c, options, menu_decl, nmenu));
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
        printf("  %d-option menu of one declaration (worksheet on):\n",
               NOPTIONS);
        printf("    %-50s %9.0f options/s  %6.2f us/option\n",
               "one ratel_rate_menu call", best[4], 1e6 / best[4]);
        printf("    %-50s %9.0f options/s  %6.2f us/option\n",
               "24 separate ratel_rate calls", best[5], 1e6 / best[5]);
        printf("    the menu costs %.0f%% of separate quotes\n",
               100 * best[5] / best[4]);
    }
    for (i = 0; i < NCASES; i++) {
        ratel_decl_free(decls[i]);
        ratel_decl_free(decls2[i]);
        free(json[i]);
    }
    ratel_decl_free(menu_decl);
    ratel_ctx_free(c);
    ratel_ctx_free(c2);
    ratel_engine_free(e);
    ratel_engine_free(e2);
    return 0;
}
