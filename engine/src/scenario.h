/* scenario.h - private: loss scenarios for the broker's comparison
 * (prefix scenario_): the shipped ones (scenario_shipped.c), a broker's
 * own from a JSON file (scenario_json.c), and each made into a loss by
 * category for one declaration (scenario_build.c): the JNSA model of
 * personal-information leak damages, business interruption valued from
 * the declared revenue, amounts per personal record, and the probable
 * maximum loss (PML) of the JCIC model. Sources and formulas:
 * docs/compare.md. */
#ifndef RATEL_SCENARIO_H
#define RATEL_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "ratel.h"
#include "settle.h"

#define SCENARIO_FORMAT_VERSION 1
#define SCENARIO_MAX 16          /* scenarios in a file */
#define SCENARIO_MAX_TEXT 400    /* bytes of a name or a source */
#define SCENARIO_MAX_ID 40
#define SCENARIO_MAX_DAYS 3650

typedef enum scenario_kind {
    SCENARIO_LOSSES = 0,   /* amounts by category */
    SCENARIO_LEAK,         /* JNSA damages and response costs */
    SCENARIO_BI,           /* days of interruption, from revenue */
    SCENARIO_NKINDS
} scenario_kind;

extern const char *const scenario_kind_names[SCENARIO_NKINDS];

/* One scenario as stated. -1 in a count or amount: not given (the
 * declaration's, or the default). */
typedef struct scenario_def {
    char id[SCENARIO_MAX_ID + 1];
    char *name, *source;
    scenario_kind kind;
    /* losses: a fixed amount and an amount per record, by category */
    int64_t amount[SETTLE_NCATEGORIES];
    int64_t per_record[SETTLE_NCATEGORIES];
    int64_t records;           /* -1: the declaration's personal records */
    int64_t outage_days;       /* losses: over which time-element losses
                                  accrued; bi: the days down */
    /* leak: the JNSA model's terms (-1: the default) */
    int distress, economic, identifiability, social, response;
    /* bi: percentages of revenue */
    int revenue_lost_pct, margin_pct, extra_expense_pct;
    char path[32];             /* "$.scenarios[2]", for messages */
} scenario_def;

struct ratel_scenarios {
    scenario_def *defs;
    size_t n;
};

/* The shipped scenarios, in their order (docs/compare.md). Errors:
 * RATEL_ENOMEM. */
int scenario_shipped(ratel_scenarios **out);
/* The shipped scenario `id`, copied into *def: 0, or -1 when there is
 * none of that id. */
int scenario_shipped_def(const char *id, scenario_def *def);
/* Copies the strings of def into new memory: 0, or -1. */
int scenario_def_copy(scenario_def *to, const scenario_def *from);
void scenario_def_dispose(scenario_def *def);
/* An empty definition of `kind` (every optional term not given). */
void scenario_def_init(scenario_def *def, scenario_kind kind);

/* What the scenarios read of a declaration: a group's companies summed. */
typedef struct scenario_exposure {
    int64_t revenue;
    int64_t records;
    int64_t employees;
    int finance;    /* the applicant is in finance */
    size_t companies;
} scenario_exposure;

/* Reads the exposure of `decl`. Errors on e: RATEL_EDECL (a field the
 * scenarios need is missing from the declaration's schema). */
int scenario_exposure_read(scenario_exposure *x, const ratel_decl *decl,
                           ratel_err *e);

/* A scenario made into a loss for exposure x, and what it used. */
typedef struct scenario_loss {
    settle_loss loss;
    int64_t records;       /* records it counted (0: none) */
    int64_t per_person;    /* leak: the JNSA damages per person */
    int64_t total;
} scenario_loss;

/* Makes `def` into a loss for x. Errors on e: RATEL_ERESULT (an amount
 * beyond 10^15 yen, naming the scenario's path). */
int scenario_build(const scenario_def *def, const scenario_exposure *x,
                   scenario_loss *out, ratel_err *e);

/* The probable maximum loss of the JCIC model: category by category the
 * worse of the shipped ransomware case and a leak of every record held,
 * plus business interruption over SCENARIO_PML_DAYS. */
#define SCENARIO_PML_DAYS 60
int scenario_pml(const scenario_exposure *x, scenario_loss *out,
                 ratel_err *e);

/* The JNSA damages per person: 500 x (10^(distress-1) + 5^(economic-1))
 * x identifiability x social responsibility x response rating. */
int64_t scenario_jnsa_per_person(int distress, int economic,
                                 int identifiability, int social,
                                 int response);

#endif
