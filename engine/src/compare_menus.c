/* compare_menus.c - menus per plan for a comparison (ratel.h:
 * ratel_compare_menus): a broker's own options for each insurer, built
 * through the API or read from a file {"format_version": 1, "plans":
 * {"<plan id>": <menu>}} (docs/compare.md). */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "decl_fields.h"
#include "jtree.h"
#include "options.h"

#define COMPARE_MENUS_FORMAT_VERSION 1

int ratel_compare_menus_new(ratel_compare_menus **out)
{
    ratel_compare_menus *m;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if (!(m = calloc(1, sizeof *m)))
        return RATEL_ENOMEM;
    if (!(m->plans = calloc(COMPARE_MAX_PLANS, sizeof *m->plans)) ||
        !(m->menus = calloc(COMPARE_MAX_PLANS, sizeof *m->menus))) {
        ratel_compare_menus_free(m);
        return RATEL_ENOMEM;
    }
    *out = m;
    return RATEL_OK;
}

void ratel_compare_menus_free(ratel_compare_menus *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->n; i++) {
        free(m->plans[i]);
        ratel_options_free(m->menus[i]);
    }
    free(m->plans);
    free(m->menus);
    free(m);
}

const ratel_options *compare_menus_find(const ratel_compare_menus *m,
                                        const char *plan_id)
{
    size_t i;
    for (i = 0; m && i < m->n; i++)
        if (strcmp(m->plans[i], plan_id) == 0)
            return m->menus[i];
    return NULL;
}

int ratel_compare_menus_add(ratel_compare_menus *m, const char *plan_id,
                            ratel_options *options)
{
    if (!m || !plan_id || !*plan_id || !options ||
        compare_menus_find(m, plan_id) || m->n == COMPARE_MAX_PLANS)
        return RATEL_EARG;
    if (!(m->plans[m->n] = strdup(plan_id)))
        return RATEL_ENOMEM;
    m->menus[m->n++] = options;
    return RATEL_OK;
}

/* The worse of two results: out of memory, then a field error. */
static int worse(int a, int b)
{
    if (a == RATEL_ENOMEM || b == RATEL_ENOMEM)
        return RATEL_ENOMEM;
    return a != RATEL_OK ? a : b;
}

static int field_error(ratel_err *e, const char *path, const char *text)
{
    return err_add_field(e, path, 0, 0, "%s", text) ? RATEL_ENOMEM
                                                    : RATEL_EDECL;
}

/* format_version: present, a whole number this library reads. */
static int check_version(const jt_node *root, ratel_err *e)
{
    const jt_node *v = jt_get(root, "format_version");
    char text[96];
    if (!v)
        return field_error(e, "$.format_version", "required: 1");
    if (v->kind != JT_INT || v->overflow || v->i < 1)
        return field_error(e, "$.format_version", "expected a whole "
                           "number from 1");
    if (v->i > COMPARE_MENUS_FORMAT_VERSION) {
        snprintf(text, sizeof text, "version %lld is newer than this "
                 "library reads (%d)", (long long)v->i,
                 COMPARE_MENUS_FORMAT_VERSION);
        return field_error(e, "$.format_version", text);
    }
    return RATEL_OK;
}

/* Every plan's menu of `plans` into m; the worst error, field errors
 * added to e. */
static int read_plans(ratel_compare_menus *m, const jt_node *plans,
                      ratel_err *e)
{
    const jt_node *x;
    int rc = RATEL_OK;
    if (!plans || plans->kind != JT_OBJECT || plans->n == 0 ||
        plans->n > COMPARE_MAX_PLANS)
        return field_error(e, "$.plans", plans ? "expected an object of "
                           "1 to 256 plan ids -> menus" : "required: an "
                           "object of plan ids -> menus");
    for (x = plans->first; x && rc != RATEL_ENOMEM; x = x->next) {
        ratel_options *o = NULL;
        char at[260] = "$.plans";
        int r;
        decl_path_append_key(at, sizeof at, x->key, x->keylen);
        if (x->keylen == 0 || memchr(x->key, '\0', x->keylen))
            r = field_error(e, at, "expected a plan id");
        else if ((r = opt_parse_node(&o, x, at, e)) == RATEL_OK &&
                 (r = ratel_compare_menus_add(m, x->key, o)) != RATEL_OK)
            ratel_options_free(o);
        rc = worse(rc, r);
    }
    return rc;
}

/* No key but format_version and plans. */
static int check_keys(const jt_node *root, ratel_err *e)
{
    const jt_node *x;
    int rc = RATEL_OK;
    for (x = root->first; x && rc != RATEL_ENOMEM; x = x->next)
        if (!(x->keylen == 5 && memcmp(x->key, "plans", 5) == 0) &&
            !(x->keylen == 14 && memcmp(x->key, "format_version", 14) == 0)) {
            char at[260] = "$";
            decl_path_append_key(at, sizeof at, x->key, x->keylen);
            rc = field_error(e, at, "unknown key; expected format_version "
                             "or plans");
        }
    return rc;
}

int ratel_compare_menus_parse(ratel_compare_menus **out, ratel_ctx *ctx,
                              const char *json, size_t len)
{
    ratel_compare_menus *m = NULL;
    ratel_err *e;
    jt_doc *doc = NULL;
    const jt_node *root;
    char msg[256];
    int rc;
    if (out)
        *out = NULL;
    if (!out || !ctx || (!json && len))
        return ctx ? err_set(ctx_err(ctx), RATEL_EARG, "ratel_compare_"
                             "menus_parse: out, ctx and json are needed")
                   : RATEL_EARG;
    e = ctx_err(ctx);
    err_clear(e);
    rc = jt_parse(&doc, json, len, msg, sizeof msg);
    if (rc == -2)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if (rc == -1)
        rc = field_error(e, "$", msg);
    else if ((root = jt_root(doc))->kind != JT_OBJECT)
        rc = field_error(e, "$", "expected an object with "
                         "\"format_version\" and \"plans\"");
    else if ((rc = ratel_compare_menus_new(&m)) == RATEL_OK) {
        rc = worse(check_keys(root, e), check_version(root, e));
        if (rc != RATEL_ENOMEM)
            rc = worse(rc, read_plans(m, jt_get(root, "plans"), e));
    }
    jt_free(doc);
    if (rc != RATEL_OK) {
        ratel_compare_menus_free(m);
        return rc == RATEL_EDECL ? err_finish_fields(e)
                                 : err_set(e, rc, "out of memory");
    }
    *out = m;
    return RATEL_OK;
}
