/* engine_texts.c - an engine made from texts instead of files: the rate
 * tables already in memory, the schemas and plans given as their bytes.
 * The quote journal replays a quote on one, made of the plan source,
 * schema and table contents it stored. */
#include <stdlib.h>

#include "engine.h"

typedef struct plan_texts {
    const engine_text *plans;
    size_t n;
} plan_texts;

static int load_plans(ratel_engine *e, const void *arg)
{
    const plan_texts *p = arg;
    return plan_load_texts(e, p->plans, p->n);
}

int engine_open_texts(ratel_engine **out, tbl_set *tables,
                      const engine_text *schemas, size_t nschemas,
                      const engine_text *plans, size_t nplans,
                      const plan_limits *limits)
{
    plan_texts pt = {plans, nplans};
    ratel_engine *e = calloc(1, sizeof *e);
    int rc;
    *out = e;
    if (!e) {
        tbl_set_free(tables);
        return RATEL_ENOMEM;
    }
    err_init(&e->err);
    e->tables = tables;
    e->limits = *limits;
    rc = schema_load_texts(e, schemas, nschemas);
    if (rc == RATEL_OK)
        rc = engine_in_c_locale(e, load_plans, &pt);
    if (rc == RATEL_OK)
        rc = schema_bind_plans(e, "the stored schemas");
    return rc;
}
