/* structure.h - structures a buyer weighs against each other (prefix
 * structure_): insurance from a shipped plan, a captive through a fronting
 * insurer with market excess layers, self-insurance, a commitment line, a
 * CAT bond; read from a structures file (structure_json.c), priced through
 * the public rating API (structure_price.c), simulated on the company's
 * loss model (structure_run.c, risk.h) and compared (ratel_structure_*).
 * See docs/structures.md. */
#ifndef RATEL_STRUCTURE_H
#define RATEL_STRUCTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "ratel.h"
#include "risk.h"

typedef enum structure_kind {
    STRUCTURE_INSURANCE = 0,
    STRUCTURE_CAPTIVE = 1,
    STRUCTURE_SELF_INSURANCE = 2,
    STRUCTURE_COMMITMENT_LINE = 3,
    STRUCTURE_CAT_BOND = 4
} structure_kind;

#define STRUCTURE_NKINDS 5
extern const char *const structure_kind_names[STRUCTURE_NKINDS];

/* Limits of the structures file (docs/structures.md). */
#define STRUCTURE_MAX_DEFS 32      /* structures in a file */
#define STRUCTURE_MAX_RESULTS 64   /* after "plan": "*" is expanded */
#define STRUCTURE_MAX_EXCESS 6     /* market layers above a structure */
#define STRUCTURE_MAX_LAYERS (STRUCTURE_MAX_EXCESS + 1)
#define STRUCTURE_MAX_SCENARIOS 16
#define STRUCTURE_MAX_LOSSES 16    /* in a scenario */
#define STRUCTURE_MAX_ITEMS 32     /* of a loss */
#define STRUCTURE_MAX_PCT 100.0
#define STRUCTURE_MAX_TERM_YEARS 30

/* A market layer above a structure: `limit` excess of `attachment`
 * (ground-up amounts per loss), priced by `plan`. */
typedef struct structure_excess {
    char *plan;
    int64_t attachment, limit;
} structure_excess;

/* One structure as the file states it. -1 in an amount: not given. */
typedef struct structure_def {
    char *name;
    structure_kind kind;
    char *plan;          /* insurance: the plan, "*" every plan; captive:
                            the fronting insurer's plan */
    int64_t deductible;  /* per loss, kept by the company; -1: the
                            declaration's */
    int64_t limit;       /* insurance; -1: the declaration's expense limit */
    /* captive: its layer runs from the deductible to `retention` per loss,
     * at most `aggregate` a year */
    int64_t retention, aggregate, capital, admin_cost;
    double fronting_fee_pct;
    double cost_of_capital_pct; /* captive capital; self-insurance reserve */
    int64_t reserve;            /* self-insurance */
    int64_t line_amount;        /* commitment line */
    double commitment_fee_pct, interest_pct, drawing_months;
    int64_t principal, issuance_cost, trigger, term_years; /* CAT bond */
    double spread_pct;
    structure_excess excess[STRUCTURE_MAX_EXCESS];
    size_t nexcess;
    char path[32];       /* "$.structures[i]", for messages */
} structure_def;

typedef struct structure_item {
    char *label;
    int64_t amount;
} structure_item;

typedef struct structure_loss {
    char *peril;
    int64_t amount;
    structure_item *items;
    size_t nitems;
} structure_loss;

typedef struct structure_scenario {
    char *name;
    structure_loss *losses;
    size_t nlosses;
} structure_scenario;

struct ratel_structures {
    structure_def *defs;
    size_t ndefs;
    structure_scenario *scenarios;
    size_t nscenarios;
    double cash_months; /* cash on hand, in months of sales */
};

/* ---- what the comparison reads of a declaration (structure_inputs.c) */

typedef struct structure_inputs {
    const char *applicant;
    char effective_date[11];
    int64_t revenue;
    int64_t expense_limit, deductible;
    int64_t coinsurance_pct;
    risk_exposure exposure;   /* borrows from the declaration and below */
    const char *controls[32]; /* names of the controls in place */
    int32_t *incident_dates;  /* owned */
} structure_inputs;

/* Reads `decl` into in. The declaration must outlive `in`; free with
 * structure_inputs_dispose. Errors on e: RATEL_EDECL (a required field
 * missing, with its JSON path), RATEL_ENOMEM. */
int structure_inputs_read(structure_inputs *in, const ratel_decl *decl,
                          ratel_err *e);
void structure_inputs_dispose(structure_inputs *in);

/* ---- a structure as numbers: its tower (structure_tower.c) ----------- */

enum { STRUCTURE_BY_INSURER = 0, STRUCTURE_BY_CAPTIVE = 1 };

/* A line of the fixed yearly cost (premium, fee, cost of capital). */
typedef struct structure_cost {
    char label[160];
    double amount;
} structure_cost;

#define STRUCTURE_MAX_COSTS 8

typedef struct structure_tower {
    risk_layer layers[STRUCTURE_MAX_LAYERS]; /* per loss, bottom up */
    int bearer[STRUCTURE_MAX_LAYERS];        /* STRUCTURE_BY_* */
    double premium[STRUCTURE_MAX_LAYERS];    /* insurers' layers */
    size_t nlayers;
    double reserve;                 /* self-insurance fund */
    double line, interest_share;    /* commitment line; interest = drawn x
                                       rate x months / 12 */
    double bond_principal, bond_trigger;
    structure_cost costs[STRUCTURE_MAX_COSTS];
    size_t ncosts;
    double fixed;                   /* the sum of the costs */
} structure_tower;

/* One year of a structure: who pays what of the year's losses. */
typedef struct structure_year {
    double loss;     /* all losses of the year */
    double layer[STRUCTURE_MAX_LAYERS]; /* paid by each layer */
    double insurers; /* market layers: arrives months later */
    double captive;  /* the captive's layer: the group's money, later */
    double bond;     /* forgiven CAT bond principal, months later */
    double reserve;  /* paid from the self-insurance fund */
    double loan;     /* drawn on the commitment line (repaid later) */
    double interest; /* on the drawing */
    double cash;     /* what nothing funds: the company's own cash */
    double upfront;  /* paid out before any reimbursement: loss - reserve
                        - loan */
    double company;  /* left to the company (its captive included): loss -
                        insurers - bond + interest */
    double cost;     /* the year's total cost of risk: fixed costs +
                        company */
} structure_year;

void structure_tower_year(const structure_tower *t, const double *losses,
                          size_t n, structure_year *y);
/* The highest loss the per-loss layers reach (0: no layer). */
double structure_tower_top(const structure_tower *t);
/* Adds a line to the fixed yearly cost (ignored beyond
 * STRUCTURE_MAX_COSTS lines, which no kind reaches). */
void structure_tower_add_cost(structure_tower *t, const char *label,
                              double amount);

/* ---- results ---------------------------------------------------------- */

#define STRUCTURE_NQUANTILES 9 /* the exceedance curve: 1 year in 2 .. 1000 */
extern const double structure_quantiles[STRUCTURE_NQUANTILES];

#define STRUCTURE_ACC_PER (8 + STRUCTURE_MAX_LAYERS) /* sums per block */

typedef struct structure_layer_result {
    const char *plan;     /* borrowed from the definitions; NULL: captive */
    double expected_loss; /* a year, before the aggregate terms */
    risk_stats stats;     /* the annual loss, by Panjer */
    double simulated;     /* the Monte Carlo's mean */
} structure_layer_result;

typedef struct structure_result {
    char *name;
    structure_kind kind;
    const structure_def *def;  /* borrowed */
    char *plan;                /* insurance: the plan used */
    int declined;
    char **reasons;            /* why it is declined */
    size_t nreasons;
    char **referrals;          /* what the plans refer to an underwriter */
    size_t nreferrals;
    structure_tower tower;
    structure_layer_result layers[STRUCTURE_MAX_LAYERS];
    double capital;            /* money put up or held for it */
    risk_stats cost, cash;     /* of the year's cost, and unfunded cash */
    double exceedance[STRUCTURE_NQUANTILES];
    structure_year mean;       /* who pays, on average a year (insurers,
                                  captive, bond, reserve, loan, interest) */
    double bridge_share;       /* of years paying out more than cash */
    double unfunded_share;     /* of years leaving the company's cash to pay */
    char **notes;
    size_t nnotes;
} structure_result;

typedef struct structure_outcome {
    structure_year year;
    double bridge; /* upfront beyond cash on hand */
} structure_outcome;

struct ratel_structure_result {
    structure_inputs in;
    const ratel_structures *defs; /* borrowed during the call only */
    risk_model model;
    uint64_t seed, years;
    double cash_on_hand;
    structure_result *s;
    size_t n;
    structure_outcome *outcomes; /* nscenarios x n, scenario-major */
    char **scenario_names;       /* copied from the file */
    double *scenario_loss;       /* each scenario's losses, summed */
    size_t nscenarios;
    char *json;
    size_t json_len;
};

/* ---- the steps of a comparison -------------------------------------- */

/* Expands the definitions into r->s (one result per structure, "plan":
 * "*" giving one per plan) and prices the insured layers and fronting
 * through ratel_rate_menu (structure_price.c). Errors on ctx:
 * RATEL_ENOTFOUND (no such plan), a rating error of a plan. */
int structure_price_all(ratel_structure_result *r, ratel_ctx *ctx,
                        const ratel_engine *engine, const ratel_decl *decl);

/* Panjer for each layer, the fixed costs of each kind (and a captive's
 * collateral rule), the Monte Carlo and its statistics, the scenarios
 * (structure_run.c). RATEL_OK or RATEL_ENOMEM. */
int structure_run(ratel_structure_result *r, unsigned threads);

/* The plain-language notes of each structure (structure_notes.c).
 * RATEL_OK or RATEL_ENOMEM. */
int structure_write_notes(ratel_structure_result *r);

/* The result as JSON (structure_write.c). RATEL_OK or RATEL_ENOMEM. */
int structure_write_json(ratel_structure_result *r);

/* Appends a copy of printf-style text to a string list; 0 or -1. */
int structure_list_add(char ***list, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int structure_list_vadd(char ***list, size_t *n, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void structure_list_free(char **list, size_t n);

/* Yen with thousands separators ("JPY 1,234,000") and percentages with
 * up to two decimals ("0.5%"), independent of the C locale. */
void structure_put_yen(buf *b, double yen);
void structure_put_pct(buf *b, double pct);
/* Rounds yen half away from zero into the money range. */
int64_t structure_yen(double yen);

#endif
