/* quote.h - the quote handed to the caller: a self-contained copy of a
 * rating result (one allocation: the quote, its arrays of records and its
 * string arena) and a reference to the shared description of its plan and
 * tables (quote_meta.h). */
#ifndef RATEL_QUOTE_H
#define RATEL_QUOTE_H

#include "engine.h"
#include "group.h"
#include "quote_meta.h"
#include "result.h"

#define QUOTE_MAX_TABLES 64 /* bits of tables_used */

struct ratel_quote {
    ratel_decision decision;
    int64_t total_premium;
    int64_t calculated_premium;  /* before an underwriter's override */
    quote_meta *meta;            /* the plan and its tables (shared) */
    uint64_t tables_used;        /* bit i: meta->tables[i] was looked up */
    size_t ntables;              /* bits set in tables_used */
    ratel_journal_record *journal; /* kept for the quote journal, or NULL */
    /* The arrays and the arena follow the struct in its allocation. */
    char *arena;                 /* every other string of the quote */
    res_step *steps; size_t nsteps;
    res_coverage *coverages; size_t ncoverages;
    res_reason *notes;           /* reasons, then subjectivities, then
                                    authority requirements */
    size_t nreasons, nsubjectivities, nauthority;
    int authority_required, authority_held;
    uint32_t *warnings; size_t nwarnings;
    res_term *terms;             /* by coverage, in the schema's order */
    size_t nterms;
    res_attr *attrs; size_t nattrs; /* the plan's attribute()s */
    uint32_t applicant, effective_date, currency;
    group_members group;         /* a group quote's companies (owned) */
};

/* Makes a quote from a finished result; the plan and table descriptions
 * come from r's cache of shared blocks. Returns NULL when out of memory. */
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

/* The quote journal's cut of that JSON (journal_quote.c): the "plan" and
 * "tables" members, each a line of its own ("\"plan\":{...},\n"), are
 * the same for every quote of a plan and table set; a core is the rest,
 * with the offsets in b where the two lines go back. */
typedef struct quote_cut {
    size_t plan_at, tables_at;
} quote_cut;
/* Writes q's JSON into b, without its "plan" and "tables" lines when cut
 * is not NULL (their offsets in *cut); NULL: the whole document. */
void quote_write_core(const ratel_quote *q, buf *b, quote_cut *cut);
/* The "plan" line of m's quotes, and the "tables" line of those that used
 * the tables of bits `used` (ratel_quote.tables_used). */
void quote_write_plan_member(const quote_meta *m, buf *b);
void quote_write_tables_member(const quote_meta *m, uint64_t used, buf *b);

#endif
