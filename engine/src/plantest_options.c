/* plantest_options.c - an options menu read from JSON
 * (ratel_options_parse): an array of request variants for
 * ratel_rate_menu. Part of the declaration room, the only room that
 * includes the JSON library (see plantest.h): an option is the request
 * part of a declaration. */
#include "plantest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"

#define PT_MAX_OPTIONS 1000

static const char *const option_keys[] = {
    "name", "liability_limit", "expense_limit", "bi_limit",
    "bi_waiting_hours", "deductible", "coinsurance_pct"};

/* Reads one option object into o (its name borrowed from the tree). */
static void read_option(pt_check *ck, yajl_val obj, size_t i,
                        ratel_option *o)
{
    int64_t *const fields[6] = {&o->liability_limit, &o->expense_limit,
                                &o->bi_limit, &o->bi_waiting_hours,
                                &o->deductible, &o->coinsurance_pct};
    const int64_t max[6] = {RATEL_MONEY_MAX, RATEL_MONEY_MAX,
                            RATEL_MONEY_MAX, 8760, RATEL_MONEY_MAX, 100};
    char path[64], p[96];
    yajl_val v;
    size_t k;
    pt_path_index(path, sizeof path, "$", i);
    if (!YAJL_IS_OBJECT(obj)) {
        pt_bad(ck, path, "expected an option (an object)");
        return;
    }
    pt_known_keys(ck, obj, path, option_keys,
                  sizeof option_keys / sizeof *option_keys, "key");
    if ((v = pt_member(obj, "name")) && !YAJL_IS_STRING(v)) {
        pt_path_key(p, sizeof p, path, "name");
        pt_bad(ck, p, "expected a string");
    }
    o->name = YAJL_GET_STRING(v);
    for (k = 0; k < 6; k++) {
        if (!(v = pt_member(obj, option_keys[k + 1])))
            continue;
        if (YAJL_IS_INTEGER(v) && YAJL_GET_INTEGER(v) >= 0 &&
            YAJL_GET_INTEGER(v) <= max[k]) {
            *fields[k] = YAJL_GET_INTEGER(v);
            continue;
        }
        pt_path_key(p, sizeof p, path, option_keys[k + 1]);
        pt_bad(ck, p, "expected an integer 0..%lld", (long long)max[k]);
    }
}

/* Copies the option names out of the tree. */
static int own_names(ratel_option *o, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (o[i].name && !(o[i].name = strdup(o[i].name))) {
            while (i--)
                free((char *)o[i].name);
            return RATEL_ENOMEM;
        }
    return RATEL_OK;
}

int ratel_options_parse(ratel_option **out, size_t *n, ratel_ctx *ctx,
                        const char *json, size_t len)
{
    const ratel_option init = RATEL_OPTION_INIT;
    ratel_err *e;
    pt_check ck;
    ratel_option *o = NULL;
    yajl_val doc;
    size_t i, count = 0;
    int rc;
    if (out)
        *out = NULL;
    if (n)
        *n = 0;
    if (!ctx || !out || !n || (!json && len))
        return ctx ? err_set(ctx_err(ctx), RATEL_EARG, "ratel_options_parse"
                             ": ctx, json, out and n are needed")
                   : RATEL_EARG;
    e = ctx_err(ctx);
    err_clear(e);
    if ((rc = pt_parse(e, json ? json : "", len, "$", NULL, &doc)))
        return rc;
    ck.e = e;
    ck.oom = 0;
    if (!YAJL_IS_ARRAY(doc) || doc->u.array.len == 0 ||
        doc->u.array.len > PT_MAX_OPTIONS)
        pt_bad(&ck, "$", "expected an array of 1 to %d options",
               PT_MAX_OPTIONS);
    else
        count = doc->u.array.len;
    if (count && !(o = malloc(count * sizeof *o)))
        ck.oom = 1;
    for (i = 0; o && i < count; i++) {
        o[i] = init;
        read_option(&ck, doc->u.array.values[i], i, &o[i]);
    }
    if (ck.oom || (!e->nfields && own_names(o, count) != RATEL_OK))
        rc = err_set(e, RATEL_ENOMEM, "out of memory");
    else if (e->nfields)
        rc = err_finish_fields(e);
    yajl_tree_free(doc);
    if (rc != RATEL_OK) {
        free(o);
        return rc;
    }
    *out = o;
    *n = count;
    return RATEL_OK;
}

void ratel_options_free(ratel_option *o, size_t n)
{
    size_t i;
    if (!o)
        return;
    for (i = 0; i < n; i++)
        free((char *)o[i].name);
    free(o);
}
