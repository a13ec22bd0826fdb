/* quote.h - the quote handed to the caller: a self-contained copy of a
 * rating result (one string arena, arrays of records). */
#ifndef RATEL_QUOTE_H
#define RATEL_QUOTE_H

#include "engine.h"
#include "result.h"

typedef struct quote_table {
    uint32_t name, version, effective, hash;
} quote_table;

struct ratel_quote {
    ratel_decision decision;
    int64_t total_premium;
    int64_t calculated_premium;  /* before an underwriter's override */
    char *arena;                 /* every string of the quote */
    res_step *steps; size_t nsteps;
    res_coverage *coverages; size_t ncoverages;
    res_reason *notes;           /* reasons, then subjectivities, then
                                    authority requirements */
    size_t nreasons, nsubjectivities, nauthority;
    int authority_required, authority_held;
    uint32_t *warnings; size_t nwarnings;
    quote_table *tables; size_t ntables;
    uint32_t *plan_lists;        /* services, then exclusions */
    size_t nservices, nexclusions;
    uint32_t plan_id, plan_version, plan_hash, plan_insurer, plan_product;
    uint32_t applicant, effective_date;
    char *json;                  /* made on first request */
    size_t json_len;
};

/* Makes a quote from a finished result (arena strings are appended for the
 * plan, tables and applicant). Returns NULL when out of memory. */
ratel_quote *quote_from_result(rate_result *r, ratel_decision decision,
                               int64_t total, const plan_def *plan,
                               const tbl_table *const *tables,
                               const struct ratel_decl *d);

static inline const char *quote_str(const ratel_quote *q, uint32_t off)
{
    return off == RES_NONE ? NULL : q->arena + off;
}

/* Writes the quote as JSON into b (see docs/quote.md). */
void quote_write_json(const ratel_quote *q, buf *b);

#endif
