/* scheme.h - private: the account of an association scheme (scheme.c
 * adds members, scheme_report.c merges accounts and reports them). */
#ifndef RATEL_SCHEME_H
#define RATEL_SCHEME_H

#include <stddef.h>
#include <stdint.h>
#include "ratel.h"

/* The kinds of members in the account's count; the last three are kept
 * case by case. */
typedef enum scheme_case_kind {
    SCHEME_ACCEPTED, SCHEME_REFERRED, SCHEME_REFUSED, SCHEME_FAILED,
    SCHEME_NKINDS
} scheme_case_kind;

extern const char *const scheme_kind_names[SCHEME_NKINDS];

/* A refer or decline reason of a member's quote (strings owned). */
typedef struct scheme_reason {
    int decline;             /* 0: refer */
    char *code, *text;
} scheme_reason;

/* A member the scheme did not accept: its quote's reasons, or the error
 * that stopped its rating. Strings owned. */
typedef struct scheme_case {
    scheme_case_kind kind;
    char *member, *applicant, *error; /* error: NULL but when failed */
    scheme_reason *reasons; size_t nreasons;
    int64_t fee;             /* the fee indicated (referred members) */
} scheme_case;

typedef struct scheme_tier {
    char *name;              /* owned */
    int64_t order;           /* scheme.tier_order, else the rank seen */
    int ordered;             /* order is a scheme.tier_order (not a rank) */
    int64_t members, top_ups;
    int64_t fees, top_up_fees, admin_fees;
} scheme_tier;

struct ratel_scheme {
    char *plan_id, *plan_version, *currency; /* of the first member */
    scheme_tier *tiers; size_t ntiers, captiers;
    size_t *by_order;        /* tier indices by order, then first seen */
    scheme_case *cases; size_t ncases, capcases;
    int64_t count[SCHEME_NKINDS];
    int64_t fees;            /* of the accepted members */
    int64_t referred_fees;   /* indicated, not in fees */
    int64_t minimum_premium;
    int has_minimum;
    char err[2048];          /* room for ratel_scheme_parse's field errors */
};

/* Sets the account's message; returns rc. */
__attribute__((format(printf, 3, 4)))
int scheme_fail(ratel_scheme *s, int rc, const char *fmt, ...);
/* *a += b; -1 (and *a unusable) when the sum passes int64. */
int scheme_add_to(int64_t *a, int64_t b);
/* The tier named `name`, or NULL when the account has none. */
scheme_tier *scheme_tier_find(const ratel_scheme *s, const char *name);
/* Room for `n` tiers (in tiers and by_order); -1 when out of memory. */
int scheme_reserve_tiers(ratel_scheme *s, size_t n);
/* Puts tier k in by_order[0..n) (n: the tiers placed there, k not
 * among them) where its order puts it, by a binary search: the tiers
 * stay in order as they come, instead of being counted out for each
 * tier read (which took hours for an account of 20,000 tiers). */
void scheme_place_tier(ratel_scheme *s, size_t k, size_t n);
/* Room for `more` cases; -1 when out of memory. */
int scheme_reserve_cases(ratel_scheme *s, size_t more);
void scheme_free_case(scheme_case *c);
/* Copies src into *dst (owned strings); -1 when out of memory (then dst
 * holds nothing to free). */
int scheme_copy_case(scheme_case *dst, const scheme_case *src);
/* Drops the plan, version and currency the first member fixed. */
void scheme_forget_plan(ratel_scheme *s);

#endif
