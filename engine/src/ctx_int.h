/* ctx_int.h - the context's fields, for the modules that rate. */
#ifndef RATEL_CTX_INT_H
#define RATEL_CTX_INT_H

#include <locale.h>

#include "ctx.h"
#include "engine.h"
#include "result.h"
#include "sandbox.h"

/* A plan's declared tables resolved for a range of effective dates in
 * which none of them changes version. */
typedef struct {
    const plan_def *plan;         /* what it was made for (NULL: unused) */
    int32_t from, to;             /* the dates it holds for, [from, to) */
    const tbl_table **tables;     /* one per name in plan->tables */
    size_t cap;
} ctx_resolved;

#define CTX_RESOLVED_SETS 4 /* a book straddling a table change needs 2 */

struct ratel_ctx {
    ratel_engine *engine;
    ratel_err err;
    sbx *sb;
    rate_result res;              /* scratch of the quote being rated */
    const tbl_table **resolved;   /* the current quote's tables (in a set) */
    ctx_resolved sets[CTX_RESOLVED_SETS]; /* the last ones resolved */
    unsigned next_set;            /* the set to reuse next */
    locale_t c_locale;            /* numbers are read and written in "C" */
    int authority;                /* the underwriter's level, 0..9 */
    struct journal_ctx *journal;  /* quote journal settings (journal.h) */
};

#endif
