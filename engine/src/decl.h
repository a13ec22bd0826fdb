/* decl.h - the declaration as a C struct, its vocabulary, and the reader
 * that fills it from JSON (the only file that includes the JSON library is
 * decl_json.c). See docs/declaration.md for the format. */
#ifndef RATEL_DECL_H
#define RATEL_DECL_H

#include <stddef.h>
#include <stdint.h>
#include "ratel.h"
#include "err.h"

/* Vocabularies: the index of a name is its code. Order is fixed (it is the
 * order of output and iteration) and new names are appended. */
enum { DECL_NINDUSTRIES = 12, DECL_NINCIDENT_TYPES = 6, DECL_NCONTROLS = 18,
       DECL_NCERTIFICATIONS = 5 };
extern const char *const decl_industries[DECL_NINDUSTRIES];
extern const char *const decl_incident_types[DECL_NINCIDENT_TYPES];
extern const char *const decl_controls[DECL_NCONTROLS];
extern const char *const decl_certifications[DECL_NCERTIFICATIONS];

/* A vocabulary for lookups: its names, the length of each, how many. */
typedef struct decl_vocab {
    const char *const *names;
    const unsigned char *lens;
    int n;
} decl_vocab;
extern const decl_vocab decl_vocab_industries;
extern const decl_vocab decl_vocab_incident_types;
extern const decl_vocab decl_vocab_controls;
extern const decl_vocab decl_vocab_certifications;

/* Index of `name` (len bytes, any content) in `v`, or -1. */
int decl_vocab_find(const decl_vocab *v, const char *name, size_t len);
/* The same, trying index `guess` first (any guess is safe), for names
 * that mostly come in the vocabulary's order. */
int decl_vocab_find_near(const decl_vocab *v, const char *name, size_t len,
                         int guess);

/* Limits of the format (documented in docs/declaration.md). */
#define DECL_MAX_INCIDENTS 100
#define DECL_MAX_NAME_BYTES 400
#define DECL_MAX_EMPLOYEES 10000000
#define DECL_MAX_RECORDS ((int64_t)10000000000) /* 10^10 */
#define DECL_MAX_WAITING_HOURS 8760

typedef struct decl_incident {
    int32_t date;  /* days since 1970-01-01 */
    int type;      /* index in decl_incident_types */
    int64_t paid;  /* yen */
} decl_incident;

/* Bits of ratel_decl.present: which fields were given. */
enum {
    DECL_HAS_EFFECTIVE_DATE = 1u << 0,
    DECL_HAS_NAME = 1u << 1,
    DECL_HAS_REVENUE = 1u << 2,
    DECL_HAS_INDUSTRY = 1u << 3,
    DECL_HAS_EMPLOYEES = 1u << 4,
    DECL_HAS_RECORDS = 1u << 5,
    DECL_HAS_OVERSEAS = 1u << 6,
    DECL_HAS_LIABILITY = 1u << 7,
    DECL_HAS_EXPENSE = 1u << 8,
    DECL_HAS_BI = 1u << 9,
    DECL_HAS_WAITING = 1u << 10,
    DECL_HAS_DEDUCTIBLE = 1u << 11,
    DECL_HAS_COINSURANCE = 1u << 12,
    DECL_HAS_INCIDENTS = 1u << 13,
    DECL_HAS_CONTROLS = 1u << 14,
    DECL_HAS_CERTIFICATIONS = 1u << 15,
    DECL_HAS_APPLICANT = 1u << 16,
    DECL_HAS_REQUEST = 1u << 17
};

struct ratel_decl {
    uint32_t present;       /* DECL_HAS_* bits */
    int32_t effective_date; /* days since 1970-01-01 */
    char *name;             /* owned, UTF-8, NUL-terminated */
    int64_t revenue;        /* yen */
    int industry;           /* index in decl_industries */
    int64_t employees;
    int64_t personal_records;
    double overseas_revenue_share; /* 0..1 */
    decl_incident *incidents;      /* owned array */
    size_t nincidents;
    uint32_t controls;             /* bit i: decl_controls[i] is in place */
    uint32_t certifications;       /* bit i: decl_certifications[i] held */
    int64_t liability_limit, expense_limit, bi_limit, deductible;
    int64_t bi_waiting_hours;
    int64_t coinsurance_pct;       /* 1..100 */
};

/* Defaults for optional fields (records 0, share 0, no incidents, no
 * controls, no certifications, bi_limit 0, waiting 0, coinsurance 100). */
void decl_init(struct ratel_decl *d);
void decl_dispose(struct ratel_decl *d);

/* Parses and validates JSON into *d (initialised by the call). Collects
 * every error as a field error on `e` and returns RATEL_EDECL (then *d is
 * disposed), or RATEL_OK, or RATEL_ENOMEM. */
int decl_parse_json(struct ratel_decl *d, const char *json, size_t len,
                    ratel_err *e);

/* Checks that every required field is present and the cross-field rules
 * hold (see docs/declaration.md); adds a field error for each problem and
 * returns RATEL_EDECL, else RATEL_OK. Used after parsing and before rating
 * a declaration built through the API. */
int decl_check_complete(const struct ratel_decl *d, ratel_err *e);

/* Dates: "YYYY-MM-DD" (exactly 10 bytes, a real calendar date, years
 * 1900..2999) to days since 1970-01-01; returns 0 or -1 if invalid. */
int decl_date_parse(const char *s, size_t len, int32_t *days);
/* Days to "YYYY-MM-DD" in out[11]. */
void decl_date_format(int32_t days, char out[11]);

#endif
