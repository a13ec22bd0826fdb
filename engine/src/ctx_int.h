/* ctx_int.h - the context's fields, for the modules that rate. */
#ifndef RATEL_CTX_INT_H
#define RATEL_CTX_INT_H

#include <locale.h>

#include "ctx.h"
#include "engine.h"
#include "result.h"
#include "sandbox.h"

struct ratel_ctx {
    ratel_engine *engine;
    ratel_err err;
    sbx *sb;
    rate_result res;              /* scratch of the quote being rated */
    const tbl_table **resolved;   /* tables of the plan, by effective date */
    size_t capresolved;
    const plan_def *resolved_plan; /* what `resolved` was made for, */
    int32_t resolved_from, resolved_to; /* and the dates it holds for */
    locale_t c_locale;            /* numbers are read and written in "C" */
    int authority;                /* the underwriter's level, 0..9 */
};

#endif
