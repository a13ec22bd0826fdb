/* result.h - what one rating run produces, kept in the context's scratch
 * memory while the plan runs (worksheet steps, coverages, reasons,
 * warnings) and copied into a quote at the end. Strings live in one arena;
 * records hold offsets into it, so the arena can grow and be copied. */
#ifndef RATEL_RESULT_H
#define RATEL_RESULT_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "quote_meta.h"
#include "ratel.h"

#define RES_NONE UINT32_MAX   /* an absent string offset */
#define RES_MAX_COVERAGES 16
#define RES_POLICY (-1)       /* the coverage index of policy-level steps */
#define RES_MAX_OVERRIDES 64
#define RES_KEEP_BYTES ((size_t)1 << 20) /* arena kept between quotes */

typedef enum res_op {
    RES_SET, RES_MUL, RES_ADD, RES_AT_LEAST, RES_AT_MOST, RES_ROUND,
    RES_NOTE, RES_COMBINE, RES_ALLOCATE, RES_OVERRIDE, RES_NOPS
} res_op;

extern const char *const res_op_names[RES_NOPS];

typedef struct res_step {
    int coverage;        /* index in coverages, or RES_POLICY */
    res_op op;
    uint32_t label, table, key; /* arena offsets (table, key may be NONE) */
    unsigned char mode;  /* RES_ROUND: res_round_modes index */
    double value;
    double premium;      /* running premium of the coverage after the step */
    double calculated;   /* the value the plan computed (differs when overridden) */
    uint32_t override_reason; /* arena offset, RES_NONE unless overridden */
} res_step;

typedef struct res_coverage {
    uint32_t name;       /* arena offset */
    int64_t limit;
    double premium;      /* running premium while rating */
    int64_t allocated;   /* share of the policy premium, after allocation */
} res_coverage;

/* A term of a coverage the premium was computed for ("limit",
 * "deductible", "sublimits.ransom"), beside what the declaration asked. */
typedef struct res_term {
    int coverage;          /* index in coverages */
    uint32_t name;         /* arena offset */
    int64_t priced;
    int64_t asked;
    unsigned char has_asked; /* the declaration asked for a value */
    unsigned char stated;  /* the plan stated it (else: priced as asked) */
    uint32_t reason;       /* arena offset of the plan's reason code for a
                              difference, or RES_NONE */
    int node;              /* stated: its field in the declaration's
                              schema, or -1 (a coverage the schema's
                              coverages do not have) */
} res_term;

#define RES_MAX_TERMS 32   /* per coverage */

/* A named figure the plan hands to the programs around the quote
 * (attribute(name, value)): "scheme.tier" = "mid", "scheme.top_up" =
 * 12000. Either text or an integer. */
typedef struct res_attr {
    uint32_t name;         /* arena offset */
    uint32_t text;         /* arena offset, RES_NONE for an integer */
    int64_t integer;
} res_attr;

#define RES_MAX_ATTRS 64

typedef enum res_kind {
    RES_REFER, RES_DECLINE, RES_SUBJECTIVITY, RES_AUTHORITY
} res_kind;

/* An underwriting note: a referral or decline reason, a subjectivity (a
 * condition to bind), or an authority the quote needs (with its level). */
typedef struct res_reason {
    res_kind kind;
    int level;           /* RES_AUTHORITY: the level required */
    uint32_t code, text;
} res_reason;

/* The term fields of a schema's coverage parts (terms.c). */
typedef struct terms_index terms_index;

typedef struct rate_result {
    buf arena;
    res_step *steps; size_t nsteps, capsteps;
    res_coverage coverages[RES_MAX_COVERAGES]; size_t ncoverages;
    res_reason *reasons; size_t nreasons, capreasons;
    uint32_t *warnings; size_t nwarnings, capwarnings;
    res_term *terms; size_t nterms, capterms;
    res_attr attrs[RES_MAX_ATTRS]; size_t nattrs;
    res_term *spare; size_t capspare; /* terms_settle's other array */
    terms_index *terms_index; /* terms_settle's, of the last schema */
    uint64_t tables_used; /* bit i: the plan's i-th declared table */
    int combined;        /* combine() was called */
    double policy_premium;
    int record_steps;    /* 0: worksheet off (steps not stored) */
    int authority;       /* the underwriter's level (from the context) */
    const ratel_override *overrides; /* the caller's, for this quote */
    size_t noverrides;
    unsigned char override_used[RES_MAX_OVERRIDES];
    int authority_required; /* the highest level the plan asked for */
    qmeta_cache metas;   /* plan and table descriptions for its quotes */
    /* the effective date its last quote stated, formatted (the same for
       every option of a menu, most quotes of a book) */
    int date_known;
    int32_t date_days;
    char date_text[11];
} rate_result;

void res_init(rate_result *r);
void res_dispose(rate_result *r);
void res_reset(rate_result *r, int record_steps);

/* Copies a string into the arena; RES_NONE when s is NULL; returns
 * RES_NONE and sets arena.oom on failure (checked once at the end). */
uint32_t res_str(rate_result *r, const char *s, size_t len);
static inline const char *res_at(const rate_result *r, uint32_t off)
{
    return off == RES_NONE ? NULL : r->arena.data + off;
}

/* Appends records; return 0 or -1 when out of memory. */
int res_add_step(rate_result *r, const res_step *s);
int res_add_reason(rate_result *r, res_kind kind, int level,
                   const char *code,
                   size_t code_len, const char *text, size_t text_len);
int res_add_warning(rate_result *r, const char *text, size_t len);
int res_add_term(rate_result *r, const res_term *t);
/* Sets attribute `name` (replacing its value when set before) to text
 * (text != NULL) or to `integer`. Returns 0, -1 when out of memory, or
 * -2 when RES_MAX_ATTRS are set already. */
int res_set_attr(rate_result *r, const char *name, size_t name_len,
                 const char *text, size_t text_len, int64_t integer);

#define RES_ROUND_EPSILON 1e-9 /* of a unit: see res_round */

/* The rounding modes res_round knows, by res_step.mode. */
extern const char *const res_round_modes[3];

/* Rounds `x` to a multiple of `unit` (1, 10, 100 or 1000) by `mode`
 * ("half_up", "half_even", "down"); returns -1 for an unknown unit or
 * mode, else 0 with the result in *out. */
int res_round(double x, int64_t unit, const char *mode, double *out);

#endif
