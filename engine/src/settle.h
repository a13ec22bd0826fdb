/* settle.h - private: a loss settled against a policy's terms (prefix
 * settle_). A plan says what each of its coverage parts pays, as loss
 * categories (plan.coverage_terms, read at plan load into plan_def); a
 * quote says the terms each part was priced for (limit, deductible,
 * coinsurance, aggregate, waiting period, indemnity period, sub-limits).
 * settle_apply() adjusts a loss by category in the order a claim is
 * adjusted: what no part pays, the waiting and indemnity periods of
 * time-element losses, the deductible, the coinsurance, the sub-limits,
 * then the limit and the aggregate. Integer yen throughout; every split
 * of an amount over categories is pro rata with the remainder to the
 * largest fractions (ties: the earlier category), so the same loss and
 * terms give the same figures everywhere. docs/compare.md. */
#ifndef RATEL_SETTLE_H
#define RATEL_SETTLE_H

#include <stddef.h>
#include <stdint.h>

#include "ratel.h"

/* Loss categories, in the order documents list them. New categories are
 * appended (their ids are part of the plan and scenario formats). */
typedef enum settle_category {
    SETTLE_THIRD_PARTY_DAMAGES = 0,
    SETTLE_DEFENCE_COSTS,
    SETTLE_REGULATORY_DEFENCE,
    SETTLE_FORENSIC_INVESTIGATION,
    SETTLE_LEGAL_CONSULTING,
    SETTLE_NOTIFICATION_APOLOGY,
    SETTLE_CALL_CENTRE,
    SETTLE_CREDIT_MONITORING,
    SETTLE_REPUTATION_RESPONSE,
    SETTLE_DATA_RESTORATION,
    SETTLE_RECURRENCE_PREVENTION,
    SETTLE_RANSOM,
    SETTLE_FUNDS_TRANSFER_FRAUD,
    SETTLE_LOST_PROFIT,
    SETTLE_EXTRA_EXPENSE,
    SETTLE_NCATEGORIES
} settle_category;

typedef struct settle_category_info {
    const char *id;     /* "forensic_investigation" */
    const char *label;  /* "forensic investigation" */
    int time_element;   /* 1: accrues over the outage (BI) */
} settle_category_info;

extern const settle_category_info settle_categories[SETTLE_NCATEGORIES];

/* The category named `name` (len bytes), or -1; the id closest to a
 * misspelt name, or NULL, for messages. */
int settle_category_find(const char *name, size_t len);
const char *settle_category_closest(const char *name, size_t len);

typedef uint32_t settle_set; /* one bit per category */
#define SETTLE_BIT(c) ((settle_set)1 << (c))

/* Limits of plan.coverage_terms. */
#define SETTLE_MAX_PARTS 16
#define SETTLE_MAX_SUBLIMITS 8
#define SETTLE_MAX_NAME 32

/* A sub-limit a part may be priced with: the quote's term
 * "sublimits.<term>" caps what the part pays for `categories`. */
typedef struct settle_sublimit {
    char term[SETTLE_MAX_NAME + 1];
    settle_set categories;
} settle_sublimit;

/* One coverage part of plan.coverage_terms, matched by name against the
 * quote's coverages. */
typedef struct settle_part {
    char name[SETTLE_MAX_NAME + 1];
    settle_set pays;
    int is_sublimit;       /* the part's limit is itself a sub-limit */
    settle_sublimit sublimits[SETTLE_MAX_SUBLIMITS];
    size_t nsublimits;
} settle_part;

/* What a plan pays: its parts (none when the plan declares no terms). */
typedef struct settle_terms {
    settle_part *parts;
    size_t nparts;
} settle_terms;

void settle_terms_dispose(settle_terms *t);

/* The terms one part was priced for. -1: the term was not priced (no
 * aggregate, no waiting period, no sub-limit). */
typedef struct settle_priced {
    int present;              /* 0: the quote has no such coverage */
    int64_t limit, deductible, aggregate;
    int64_t coinsurance_pct;  /* 1..100 */
    int64_t waiting_hours, indemnity_days;
    int64_t sublimit[SETTLE_MAX_SUBLIMITS]; /* by the part's sub-limits */
} settle_priced;

/* Reads the terms of each part of `t` from quote q into priced[0 ..
 * t->nparts). A declined quote prices no part. */
void settle_priced_read(const settle_terms *t, const ratel_quote *q,
                        settle_priced *priced);

/* One loss: an amount per category, and for time-element categories the
 * length of the outage they accrued over (0: none given, no time
 * adjustment). */
typedef struct settle_loss {
    int64_t amount[SETTLE_NCATEGORIES];
    int64_t outage_hours;
} settle_loss;

/* Why the insured keeps a part of a loss, in adjustment order. */
typedef enum settle_stage {
    SETTLE_NOT_COVERED = 0, /* no part priced pays the category */
    SETTLE_TIME,            /* within the waiting period, or beyond the
                               indemnity period */
    SETTLE_DEDUCTIBLE,
    SETTLE_COINSURANCE,
    SETTLE_SUBLIMIT,
    SETTLE_LIMIT,           /* the part's limit or aggregate */
    SETTLE_NSTAGES
} settle_stage;

extern const char *const settle_stage_names[SETTLE_NSTAGES];

typedef struct settle_result {
    int64_t loss[SETTLE_NCATEGORIES];
    int64_t pays[SETTLE_NCATEGORIES];
    int64_t keeps[SETTLE_NCATEGORIES];
    int64_t kept_by[SETTLE_NCATEGORIES][SETTLE_NSTAGES];
    int64_t part_loss[SETTLE_MAX_PARTS];  /* what each part was asked */
    int64_t part_pays[SETTLE_MAX_PARTS];
    int64_t part_capped[SETTLE_MAX_PARTS]; /* kept at its sub-limits and
                                              limit */
    int64_t total_loss, total_pays, total_keeps;
} settle_result;

/* Settles `loss` under the parts of t priced as `priced` (t->nparts
 * entries). Amounts must be 0..RATEL_MONEY_MAX. */
void settle_apply(const settle_terms *t, const settle_priced *priced,
                  const settle_loss *loss, settle_result *out);

/* a * b / c rounded down, for 0 <= a, b and c > 0, without overflow
 * while the result fits (128-bit intermediate). */
int64_t settle_muldiv(int64_t a, int64_t b, int64_t c);

/* Takes `cut` (0 <= cut <= the sum) off the amounts of the categories
 * in `among`, pro rata, in whole yen, the remainder one yen at a time to
 * the largest fractions (ties: the earlier category); what each lost is
 * added to taken[]. */
void settle_spread(int64_t *amounts, settle_set among, int64_t cut,
                   int64_t *taken);

#endif
