/* compare.h - private: the broker's comparison (prefix compare_): one
 * declaration rated under every chosen plan and option (compare_run.c),
 * each offer's coverage gaps and shortfalls against the PML
 * (compare_gaps.c), seed 003's four questions (compare_questions.c), and
 * the result as JSON and CSV (compare_json.c, compare_csv.c); the public
 * accessors in compare_api.c. docs/compare.md. */
#ifndef RATEL_COMPARE_H
#define RATEL_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "engine.h"
#include "ratel.h"
#include "scenario.h"
#include "settle.h"

#define COMPARE_MAX_PLANS 256
#define COMPARE_MAX_OFFERS 4000 /* plans x options (a result is about 25 KB) */
#define COMPARE_NQUESTIONS 4

typedef struct compare_gap {
    const char *code;  /* static */
    char *text;
} compare_gap;

typedef struct compare_shortfall {
    char part[SETTLE_MAX_NAME + 1]; /* "" when no part pays */
    int64_t pml, pays, shortfall;
    char *text;
} compare_shortfall;

typedef struct compare_offer {
    char *plan, *insurer, *product, *option;
    const ratel_quote *quote;    /* owned by the comparison (quotes or
                                    menus), NULL when rating failed */
    int error;
    char *message;
    const plan_def *def;         /* during ratel_compare only */
    compare_gap *gaps;
    size_t ngaps;
    compare_shortfall *shortfalls;
    size_t nshortfalls;
    settle_result *results;      /* one per scenario, the PML last */
} compare_offer;

typedef struct compare_scenario {
    char *id, *name, *source;
    scenario_kind kind;
    int is_pml;
    scenario_loss loss;
} compare_scenario;

typedef struct compare_question {
    int number;
    const char *question; /* static */
    const char *answer;   /* static: "yes", "doubt", "unknown" */
    char *why;
} compare_question;

struct ratel_comparison {
    char *applicant;
    char effective_date[11];
    char currency[8];
    int digits;                 /* of the currency's minor unit */
    scenario_exposure exposure;
    unsigned cash_months;
    int64_t cash;
    compare_offer *offers;
    size_t noffers, capoffers;
    compare_scenario *scenarios;
    size_t nscenarios;          /* the PML included, last */
    ratel_quote **quotes;       /* single quotes it owns */
    size_t nquotes, capquotes;
    ratel_menu **menus;         /* menus whose quotes its offers borrow */
    size_t nmenus, capmenus;
    compare_question questions[COMPARE_NQUESTIONS];
    const char *advice;         /* static */
};

/* Rates the declaration under the plans and options of opts into c's
 * offers (compare_run.c). Errors on e: RATEL_ENOTFOUND (a plan named
 * that the engine lacks), RATEL_EARG (no plan), RATEL_ENOMEM. */
/* Menus per plan (compare_menus.c). */
struct ratel_compare_menus {
    char **plans;            /* COMPARE_MAX_PLANS slots, n used */
    ratel_options **menus;   /* owned */
    size_t n;
};

/* The menu m holds for plan `plan_id`, or NULL (also for m NULL). */
const ratel_options *compare_menus_find(const ratel_compare_menus *m,
                                        const char *plan_id);

int compare_rate_all(ratel_comparison *c, ratel_ctx *ctx,
                     const ratel_decl *decl,
                     const ratel_compare_options *opts, ratel_err *e);

/* The gaps and the PML shortfalls of offer o, from its plan's coverage
 * terms and the terms priced (compare_gaps.c). 0, or -1 when out of
 * memory. */
int compare_find_gaps(const ratel_comparison *c, compare_offer *o,
                      const settle_priced *priced);

/* The four questions and the advice (compare_questions.c). 0, or -1
 * when out of memory. */
int compare_answer_questions(ratel_comparison *c, const ratel_decl *decl);

/* The result as JSON and as CSV (compare_json.c, compare_csv.c). */
void compare_write_json(const ratel_comparison *c, buf *b);
void compare_write_csv(const ratel_comparison *c, buf *b);

/* Money as people read it, "JPY 1,234,000" ("USD 1,234.56" for a
 * currency with cents), independent of the C locale. */
void compare_put_money(buf *b, const ratel_comparison *c, int64_t amount);
/* A part of `cash` in percent with one decimal, rounded half up
 * ("12.3"); "0" when there is no cash yardstick. */
double compare_share_pct(int64_t part, int64_t cash);
/* A copy of printf-style text; NULL when out of memory. */
char *compare_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
