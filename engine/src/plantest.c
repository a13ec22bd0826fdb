/* plantest.c - plan test cases (ratel_plan_test_*): a case is a
 * declaration (a base file or an inline object, with a partial
 * declaration merged in) plus expectations about its quote; see "Plan
 * tests" in docs/plans.md. Part of the declaration room, the only room
 * that includes the JSON library (see plantest.h): a test case is a
 * declaration plus expectations. */
#include "plantest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "fileio.h"
#include "ratel_sys.h"

#define PT_MAX_OVERRIDES 64

struct ratel_plan_test_result {
    int passed;
    char *plan;   /* the plan rated ("" when unknown) */
    char *report; /* the differences, one per line ("" when passed) */
};

static const char *const case_keys[] = {
    "base", "declaration", "override", "plan", "why", "expect", "authority",
    "overrides", "total_override", "total_override_reason"};
static const char *const override_keys[] = {"coverage", "label", "value",
                                            "reason"};

/* A checked case: its parts, borrowed from the parsed tree. */
typedef struct pt_case {
    yajl_val doc, base_path, decl, over, expect;
    const char *plan;
    int authority; /* -1: keep the context's */
    ratel_override overrides[PT_MAX_OVERRIDES];
    size_t noverrides;
    int64_t total_override;
    const char *total_override_reason;
} pt_case;

static const char *opt_string(pt_check *ck, yajl_val doc, const char *key)
{
    yajl_val v = pt_member(doc, key);
    char p[64];
    if (v && !YAJL_IS_STRING(v)) {
        pt_path_key(p, sizeof p, "$", key);
        pt_bad(ck, p, "expected a string");
    }
    return v && YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : NULL;
}

static void check_override(pt_check *ck, yajl_val o, size_t i,
                           ratel_override *out)
{
    char path[64], p[96];
    size_t k;
    pt_path_index(path, sizeof path, "$.overrides", i);
    if (!YAJL_IS_OBJECT(o)) {
        pt_bad(ck, path, "expected an object {coverage, label, value, "
               "reason}");
        return;
    }
    pt_known_keys(ck, o, path, override_keys, 4, "key");
    for (k = 0; k < 4; k++) {
        yajl_val v = pt_member(o, override_keys[k]);
        int number = k == 2;
        if (v && (number ? YAJL_IS_NUMBER(v) : YAJL_IS_STRING(v)))
            continue;
        pt_path_key(p, sizeof p, path, override_keys[k]);
        pt_bad(ck, p, "%s; expected a %s", v ? "wrong type" : "required",
               number ? "number" : "string");
    }
    out->coverage = YAJL_GET_STRING(pt_member(o, "coverage"));
    out->label = YAJL_GET_STRING(pt_member(o, "label"));
    out->reason = YAJL_GET_STRING(pt_member(o, "reason"));
    out->value = YAJL_IS_NUMBER(pt_member(o, "value"))
                     ? YAJL_GET_DOUBLE(pt_member(o, "value")) : 0;
}

static void check_rating_options(pt_check *ck, pt_case *c)
{
    yajl_val v = pt_member(c->doc, "authority");
    size_t i;
    if (v && (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 0 ||
              YAJL_GET_INTEGER(v) > 9))
        pt_bad(ck, "$.authority", "expected an authority level 0..9");
    else if (v)
        c->authority = (int)YAJL_GET_INTEGER(v);
    if ((v = pt_member(c->doc, "overrides")) &&
        (!YAJL_IS_ARRAY(v) || v->u.array.len > PT_MAX_OVERRIDES))
        pt_bad(ck, "$.overrides", "expected an array of at most %d "
               "overrides", PT_MAX_OVERRIDES);
    else
        for (i = 0; v && i < v->u.array.len; i++)
            check_override(ck, v->u.array.values[i], i,
                           &c->overrides[c->noverrides++]);
    c->total_override_reason = opt_string(ck, c->doc,
                                          "total_override_reason");
    if ((v = pt_member(c->doc, "total_override")) &&
        (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 0 ||
         YAJL_GET_INTEGER(v) > RATEL_MONEY_MAX))
        pt_bad(ck, "$.total_override", "expected a premium in yen");
    else if (v)
        c->total_override = YAJL_GET_INTEGER(v);
    if ((c->total_override >= 0) != (c->total_override_reason != NULL))
        pt_bad(ck, c->total_override >= 0 ? "$.total_override_reason"
                                          : "$.total_override",
               "total_override and total_override_reason go together");
}

/* Checks the whole case before anything is rated. */
static int check_case(ratel_err *e, pt_case *c)
{
    pt_check ck = {e, 0};
    if (!YAJL_IS_OBJECT(c->doc)) {
        pt_bad(&ck, "$", "expected an object (a plan test case)");
        return ck.oom ? RATEL_ENOMEM : err_finish_fields(e);
    }
    pt_known_keys(&ck, c->doc, "$", case_keys,
                  sizeof case_keys / sizeof *case_keys, "key");
    c->base_path = pt_member(c->doc, "base");
    c->decl = pt_member(c->doc, "declaration");
    c->over = pt_member(c->doc, "override");
    c->expect = pt_member(c->doc, "expect");
    if (c->base_path && !YAJL_IS_STRING(c->base_path))
        pt_bad(&ck, "$.base", "expected a path (a string)");
    if (c->decl && !YAJL_IS_OBJECT(c->decl))
        pt_bad(&ck, "$.declaration", "expected a declaration (an object)");
    if (!c->base_path == !c->decl)
        pt_bad(&ck, "$", "needs exactly one of \"base\" (a declaration "
               "file) and \"declaration\" (an object)");
    if (c->over && !YAJL_IS_OBJECT(c->over))
        pt_bad(&ck, "$.override", "expected a partial declaration (an "
               "object)");
    c->plan = opt_string(&ck, c->doc, "plan");
    (void)opt_string(&ck, c->doc, "why");
    check_rating_options(&ck, c);
    pt_expect_check(&ck, c->expect);
    if (ck.oom)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    return e->nfields ? err_finish_fields(e) : RATEL_OK;
}

/* The declaration of the case as JSON text in b. */
static int case_declaration(ratel_err *e, const pt_case *c,
                            const char *base_dir, buf *b)
{
    const char *name;
    char *text = NULL;
    yajl_val base = c->decl;
    size_t len;
    buf path;
    int rc = RATEL_OK;
    if (!base) {
        name = YAJL_GET_STRING(c->base_path);
        buf_init(&path);
        if (base_dir && *base_dir && name[0] != '/')
            buf_printf(&path, "%s/", base_dir);
        buf_puts(&path, name);
        rc = path.oom ? err_set(e, RATEL_ENOMEM, "out of memory")
                      : file_read_all(path.data, PT_MAX_FILE, &text, &len, e);
        if (rc == RATEL_OK)
            rc = pt_parse(e, text, len, "$.base", path.data, &base);
        free(text);
        buf_free(&path);
        if (rc != RATEL_OK)
            return rc;
    }
    if (pt_merge(b, base, c->over) != RATEL_OK)
        rc = err_set(e, RATEL_ENOMEM, "out of memory");
    if (base != c->decl)
        yajl_tree_free(base);
    return rc;
}

/* Rates the declaration text and compares; rating errors are failures of
 * the test, reported in r->report. */
static int rate_case(ratel_ctx *ctx, const pt_case *c, const buf *decl,
                     ratel_plan_test_result *r)
{
    ratel_rate_options o = RATEL_RATE_OPTIONS_INIT;
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    buf rep;
    int rc, saved = ctx->authority;
    o.plan_id = c->plan;
    o.overrides = c->noverrides ? c->overrides : NULL;
    o.noverrides = c->noverrides;
    o.total_override = c->total_override;
    o.total_override_reason = c->total_override_reason;
    buf_init(&rep);
    if (c->authority >= 0)
        ctx->authority = c->authority;
    rc = ratel_decl_parse(&d, ctx, engine_plan_schema_id(ctx->engine, c->plan),
                          decl->data, decl->len);
    if (rc == RATEL_OK)
        rc = ratel_rate(&q, ctx, d, &o);
    ctx->authority = saved;
    if (rc == RATEL_ENOMEM) {
        ratel_decl_free(d);
        return RATEL_ENOMEM;
    }
    if (rc != RATEL_OK)
        buf_printf(&rep, "%s (%s):\n%s\n", d ? "rating failed"
                   : "the declaration is invalid", ratel_strerror(rc),
                   ratel_ctx_errmsg(ctx));
    else
        pt_expect_compare(&rep, q, c->expect);
    err_clear(&ctx->err); /* a failed rating is the test's result */
    r->passed = rep.len == 0;
    r->plan = strdup(c->plan ? c->plan : q ? ratel_quote_plan_id(q) : "");
    r->report = buf_take(&rep);
    buf_free(&rep);
    ratel_quote_free(q);
    ratel_decl_free(d);
    return r->plan && r->report ? RATEL_OK : RATEL_ENOMEM;
}

int ratel_plan_test_run(ratel_plan_test_result **out, ratel_ctx *ctx,
                        const char *case_json, size_t len,
                        const char *base_dir)
{
    pt_case c;
    ratel_plan_test_result *r = NULL;
    buf decl;
    int rc;
    if (out)
        *out = NULL;
    if (!ctx || !out || (!case_json && len))
        return ctx ? err_set(&ctx->err, RATEL_EARG, "ratel_plan_test_run: "
                             "ctx, case_json and out are needed")
                   : RATEL_EARG;
    err_clear(&ctx->err);
    memset(&c, 0, sizeof c);
    c.authority = -1;
    c.total_override = -1;
    if ((rc = pt_parse(&ctx->err, case_json ? case_json : "", len, "$",
                       NULL, &c.doc)) != RATEL_OK)
        return rc;
    buf_init(&decl);
    rc = check_case(&ctx->err, &c);
    if (rc == RATEL_OK)
        rc = case_declaration(&ctx->err, &c, base_dir, &decl);
    if (rc == RATEL_OK && !(r = calloc(1, sizeof *r)))
        rc = err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
    if (rc == RATEL_OK && (rc = rate_case(ctx, &c, &decl, r)) != RATEL_OK) {
        ratel_plan_test_free(r);
        rc = err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
    }
    if (rc == RATEL_OK)
        *out = r;
    buf_free(&decl);
    yajl_tree_free(c.doc);
    return rc;
}

int ratel_plan_test_passed(const ratel_plan_test_result *r)
{
    return r ? r->passed : 0;
}

const char *ratel_plan_test_report(const ratel_plan_test_result *r)
{
    return r ? r->report : "";
}

const char *ratel_plan_test_plan(const ratel_plan_test_result *r)
{
    return r ? r->plan : "";
}

void ratel_plan_test_free(ratel_plan_test_result *r)
{
    if (!r)
        return;
    free(r->plan);
    free(r->report);
    free(r);
}
