/* ref_sme.h - the reference plan rating-scripts/sme_cyber.lua written
 * directly in C: a hand-coded reference implementation, used by
 * bench/bench_ref.c to measure how far the Lua plan running in the engine
 * is from what the hardware can do with the same tables.
 *
 * ref_quote() computes what a quote rated without a worksheet holds -
 * decision (with the engine's automatic AUTHORITY referral for a context
 * at authority level 1), reasons in order with their texts,
 * subjectivities, the authority required and its reasons, total premium,
 * each coverage's allocated premium and the terms it was priced for -
 * from the same in-memory tables
 * (tbl_set, tbl_find, tbl_lookup), with the floating-point operations in
 * the order the Lua plan and the engine do them, so the figures are
 * bit-identical and the texts byte-identical. It computes no worksheet.
 * With `texts` 0 it leaves the texts out (codes only), to measure what
 * they cost.
 *
 * The implementation is bench/lib/ref_sme.c. The Makefile builds every
 * bench/<name>.c as a program of its own, so that file is not under bench/
 * directly: a program using the reference includes it once:
 *     #include "ref_sme.h"
 *     #include "lib/ref_sme.c"
 *
 * Its input is a ref_decl, the reference's own struct of what the plan
 * reads, filled once per declaration from the public getters
 * (ref_decl_fill: ratel_decl_get_int etc. by path), as a quoting system's
 * C would hold its own struct; the code lists (industries, controls...)
 * come from the engine's schema (ref_codes_load).
 *
 * Thread-safe: the only state is a per-thread cache (_Thread_local) of
 * the table versions and terms resolved for the range of effective dates
 * in which none of the plan's tables changes version. */
#ifndef RATEL_BENCH_REF_SME_H
#define RATEL_BENCH_REF_SME_H

#include <stdint.h>

#include "ratel.h"
#include "tables.h"

/* Codes of the reasons the plan (and the engine) can give. */
typedef enum ref_code {
    REF_REVENUE_ABOVE_SME, REF_OVERSEAS, REF_RECORDS_UNPROTECTED,
    REF_DEDUCTIBLE_OFF_MENU, REF_COINSURANCE_OFF_MENU, REF_LIMIT_OFF_MENU,
    REF_BI_LIMIT, REF_BI_WAITING, REF_RANSOMWARE_UNREMEDIATED,
    REF_LOSS_FREQUENCY, REF_POLICY_PERIOD, REF_AUTHORITY, /* refer/decline */
    REF_MFA_REMOTE, REF_OFFLINE_BACKUP, /* subjectivities */
    REF_NCODES
} ref_code;

extern const char *const ref_code_names[REF_NCODES];

/* The most items of the schema's lists the reference holds (the
 * cyber-sme schema's max_items of incidents). */
#define REF_MAX_INCIDENTS 100
#define REF_MAX_CODES 64

/* The code lists of the cyber-sme schema, in the schema's order, read
 * once from the engine (ratel_engine_schema_field); a code is its index.
 * Strings are borrowed from the engine. */
typedef struct ref_codes {
    const char *const *industries;
    int nindustries;
    const char *const *incident_types;
    int nincident_types;
    const char *const *controls;
    int ncontrols;
    const char *const *certifications;
    int ncertifications;
    const char *const *hazard_classes;
    int nhazard_classes;
    /* the codes the plan names */
    int ransomware, mfa, edr, offline_backup, access_control, encryption;
    int standard; /* hazard class */
} ref_codes;

/* Fills *c from the engine's schema "cyber-sme". 0, or -1 when the
 * schema lacks a list or a code the plan names. */
int ref_codes_load(ref_codes *c, const ratel_engine *engine);

/* A coverage part's terms as asked. */
typedef struct ref_part {
    int64_t limit, deductible, coinsurance_pct;
} ref_part;

typedef struct ref_incident {
    int32_t date;
    int type;
    int64_t paid;
} ref_incident;

/* What plan sme-cyber reads of a declaration: the reference's own
 * struct. Dates are days since 1970-01-01; codes are indices in the
 * lists of ref_codes. */
typedef struct ref_decl {
    int32_t effective_date;
    int64_t revenue, personal_records;
    int industry, hazard_class;
    double overseas_revenue_share;
    int nincidents;
    ref_incident *incidents; /* nincidents, allocated by ref_decl_fill */
    uint64_t controls;       /* bit i: control i in place */
    uint64_t certifications; /* bit i: certification i held */
    ref_part liability, expense, bi;
    int64_t bi_waiting_hours;
    int has_ransom;          /* coverages.expense.sublimits.ransom given */
    int64_t ransom;
    int32_t inception, expiry;
} ref_decl;

/* Fills *out from declaration d through the public getters. 0, or -1
 * when a field the plan reads has no value or an unknown code, or out of
 * memory. Free with ref_decl_dispose (also after a failure). */
int ref_decl_fill(ref_decl *out, const ref_codes *c, const ratel_decl *d);
void ref_decl_dispose(ref_decl *d);

/* Referral and decline reasons: at most a few per coverage part, plus
 * one per incident for unremediated ransomware. */
#define REF_MAX_REASONS (REF_MAX_INCIDENTS + 24)
/* Bytes of the formatted texts of one quote (each under 160). */
#define REF_TEXT_BYTES (REF_MAX_REASONS * 160 + 320)

enum { REF_LIABILITY = 0, REF_EXPENSE = 1, REF_BI = 2, REF_MAX_COVERAGES = 3 };

/* The terms a coverage was priced for (the quote's "terms"), and the
 * reason code of each that differs from what was asked (NULL: none). */
typedef struct ref_terms {
    int64_t limit, deductible, coinsurance_pct;
    const char *why_limit, *why_deductible, *why_coinsurance;
    int64_t waiting_hours;   /* bi */
    int has_ransom;          /* expense: a ransom sub-limit priced */
    int64_t ransom;
    const char *why_ransom;
} ref_terms;

typedef struct ref_result {
    ratel_decision decision;
    int64_t total;                /* 0 when declined */
    int ncoverages;               /* 2, or 3 with business interruption */
    int64_t allocated[REF_MAX_COVERAGES]; /* liability, expense, bi */
    ref_terms terms[REF_MAX_COVERAGES];
    int authority_required;       /* highest level asked for, 0: none */
    int nreasons;                 /* refer and decline, in order */
    unsigned char reasons[REF_MAX_REASONS];   /* ref_code values */
    unsigned char reason_decline[REF_MAX_REASONS]; /* 1: a decline */
    const char *reason_text[REF_MAX_REASONS]; /* NULL when texts are off */
    int nsubjectivities;
    unsigned char subjectivities[2];
    const char *subjectivity_text[2];
    int nauthority;               /* require_authority() calls, in order */
    int authority_level[2];
    const char *authority_text[2];
    char text[REF_TEXT_BYTES];    /* the formatted texts */
    size_t text_used;
    /* intermediate figures, to check bit-identity against the engine's
     * worksheet (they are not rounded, so a difference in the last bit
     * shows here even when the rounded premium hides it) */
    double premium[REF_MAX_COVERAGES]; /* each coverage before combine() */
    double incident_factor;       /* 1 + incident surcharge */
    double security_factor;       /* 1 - security credit */
    double before_rounding;       /* policy premium after the minimum */
} ref_result;

/* The authority level a new engine context holds. */
#define REF_CONTEXT_AUTHORITY 1

/* Rates `d` as plan sme-cyber would, with the texts when `texts` is not
 * 0. Returns 0, or -1 when a table the plan needs has no version
 * effective on the declaration's date, a lookup fails, or a text would
 * need yen() of a fraction (the engine would fail the quote too). */
int ref_quote(const tbl_set *tables, const ref_codes *codes,
              const ref_decl *d, int texts, ref_result *out);

#endif
