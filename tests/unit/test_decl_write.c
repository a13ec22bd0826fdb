/* test_decl_write.c - a declaration written as JSON (ratel_decl_json):
 * for every golden case and example, and for declarations built through
 * the setters (shorthands, lists, sets, numbers, texts with quotes and
 * control characters), parsing what it writes gives the same declaration:
 * every field given or not alike, the same value through every getter,
 * the same text written again, and the same quote. */
#include "testutil.h"

#include <dirent.h>

static ratel_engine *engine;
static ratel_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    if (ratel_engine_open(&engine, "tables/ratel.db", TEST_PLANS_DIR, NULL))
        return -1;
    return ratel_ctx_new(&ctx, engine);
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

/* Field `path` (list items by index) reads the same in a and b. */
static void same_field(const ratel_decl *a, const ratel_decl *b,
                       const char *path)
{
    int64_t ia = 0, ib = 0;
    double fa = 0, fb = 0;
    int ba = 0, bb = 0;
    const char *sa = NULL, *sb = NULL;
    assert_int_equal(ratel_decl_given(a, path), ratel_decl_given(b, path));
    assert_int_equal(ratel_decl_get_int(a, path, &ia),
                     ratel_decl_get_int(b, path, &ib));
    assert_int_equal(ia, ib);
    assert_int_equal(ratel_decl_get_number(a, path, &fa),
                     ratel_decl_get_number(b, path, &fb));
    assert_memory_equal(&fa, &fb, sizeof fa);
    assert_int_equal(ratel_decl_get_bool(a, path, &ba),
                     ratel_decl_get_bool(b, path, &bb));
    assert_int_equal(ba, bb);
    assert_int_equal(ratel_decl_get_string(a, path, &sa),
                     ratel_decl_get_string(b, path, &sb));
    if (sa || sb)
        assert_string_equal(sa, sb);
}

/* Every field of `path` (a schema path, "[]" for any item) in a and b. */
static void same_fields(const ratel_decl *a, const ratel_decl *b,
                        const char *path, const ratel_schema_field *f)
{
    const char *list = strstr(path, "[]");
    char sub[256];
    size_t n = 0, nb = 0, i;
    if (list) { /* each item of the first list on the path */
        snprintf(sub, sizeof sub, "%.*s", (int)(list - path), path);
        ratel_decl_get_count(a, sub, &n);
        ratel_decl_get_count(b, sub, &nb);
        assert_int_equal(n, nb);
        for (i = 0; i < n; i++) {
            snprintf(sub, sizeof sub, "%.*s[%zu]%s", (int)(list - path),
                     path, i, list + 2);
            same_fields(a, b, sub, f);
        }
        return;
    }
    same_field(a, b, path);
    for (i = 0; i < f->ncodes && strcmp(f->type, "code") != 0; i++) {
        snprintf(sub, sizeof sub, "%s.%s", path, f->codes[i]);
        same_field(a, b, sub);
    }
}

/* Writes d, reads the text back and checks all of the above. */
static void round_trip(const ratel_decl *d)
{
    ratel_decl *back = NULL;
    char *text = NULL, *again = NULL, *qa = NULL, *qb = NULL;
    ratel_quote *a = NULL, *b = NULL;
    ratel_schema_info info;
    size_t len, len2, s, k;
    int rc;
    assert_int_equal(ratel_decl_json(d, &text, &len), RATEL_OK);
    assert_int_equal(strlen(text), len);
    rc = ratel_decl_parse(&back, ctx, ratel_decl_schema(d), text, len);
    if (rc != RATEL_OK)
        fail_msg("%s\n%s", ratel_ctx_errmsg(ctx), text);
    assert_int_equal(ratel_decl_json(back, &again, &len2), RATEL_OK);
    assert_string_equal(text, again);
    for (s = 0; s < ratel_engine_schema_count(engine); s++) {
        assert_int_equal(ratel_engine_schema(engine, s, &info), RATEL_OK);
        if (strcmp(info.id, ratel_decl_schema(d)) != 0)
            continue;
        for (k = 0; k < info.nfields; k++) {
            ratel_schema_field f;
            assert_int_equal(ratel_engine_schema_field(engine, s, k, &f),
                             RATEL_OK);
            same_fields(d, back, f.path, &f);
        }
    }
    /* rated alike, to the byte */
    rc = ratel_rate(&a, ctx, d, NULL);
    assert_int_equal(ratel_rate(&b, ctx, back, NULL), rc);
    if (rc == RATEL_OK) {
        assert_int_equal(ratel_quote_json(a, &qa, NULL), RATEL_OK);
        assert_int_equal(ratel_quote_json(b, &qb, NULL), RATEL_OK);
        assert_string_equal(qa, qb);
    }
    ratel_free(qa);
    ratel_free(qb);
    ratel_quote_free(a);
    ratel_quote_free(b);
    ratel_free(text);
    ratel_free(again);
    ratel_decl_free(back);
}

static void test_decl_write__golden_cases_and_examples(void **state)
{
    static const char *const examples[] = {
        "examples/neutral.json", "examples/full.json",
        "examples/us_management_liability.json"};
    DIR *d = opendir("tests/golden/cases");
    struct dirent *de;
    size_t k, n = 0;
    (void)state;
    assert_non_null(d);
    while ((de = readdir(d))) {
        char path[512];
        ratel_decl *decl = NULL;
        char *json;
        size_t len = 0;
        if (!strstr(de->d_name, ".json"))
            continue;
        snprintf(path, sizeof path, "tests/golden/cases/%s", de->d_name);
        json = test_slurp(path, &len);
        assert_non_null(json);
        if (ratel_decl_parse(&decl, ctx, NULL, json, len) == RATEL_OK) {
            round_trip(decl);
            n++;
        }
        ratel_decl_free(decl);
        free(json);
    }
    closedir(d);
    assert_true(n > 30);
    for (k = 0; k < sizeof examples / sizeof *examples; k++) {
        ratel_decl *decl = NULL;
        size_t len = 0;
        char *json = test_slurp(examples[k], &len);
        assert_non_null(json);
        assert_int_equal(ratel_decl_parse(&decl, ctx,
                                          strstr(examples[k], "_management")
                                              ? "us-management-liability"
                                              : NULL,
                                          json, len),
                         RATEL_OK);
        round_trip(decl);
        ratel_decl_free(decl);
        free(json);
    }
}

static void test_decl_write__built_by_setters(void **state)
{
    ratel_decl *d = NULL;
    char *text = NULL;
    size_t i;
    (void)state;
    assert_int_equal(ratel_decl_json(NULL, &text, NULL), RATEL_EARG);
    assert_int_equal(ratel_decl_new(&d, ctx, "cyber-sme"), RATEL_OK);
    assert_int_equal(ratel_decl_json(d, &text, NULL), RATEL_OK);
    assert_string_equal(text, "{\"schema\":\"cyber-sme\"}");
    ratel_free(text);
    assert_int_equal(ratel_decl_set_string(d, ctx, "effective_date",
                                           "2026-02-28"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.name",
                                           "株式会社 \"引用\"\t\\ \x01 改行\n"),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.revenue",
                                        987654321), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.industry",
                                           "it_services"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.employees", 77),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_number(d, ctx,
                                           "applicant.overseas_revenue_share",
                                           0.1 + 0.2), RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.edr", 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfa", 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfa", 0),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "certifications.isms", 1),
                     RATEL_OK);
    for (i = 0; i < 2; i++) {
        char path[64];
        size_t at = 0;
        assert_int_equal(ratel_decl_append(d, ctx, "incidents", &at),
                         RATEL_OK);
        snprintf(path, sizeof path, "incidents[%zu].date", at);
        assert_int_equal(ratel_decl_set_string(d, ctx, path, i ? "2025-01-31"
                                                             : "2024-06-03"),
                         RATEL_OK);
        snprintf(path, sizeof path, "incidents[%zu].type", at);
        assert_int_equal(ratel_decl_set_string(d, ctx, path, "malware"),
                         RATEL_OK);
        snprintf(path, sizeof path, "incidents[%zu].paid", at);
        assert_int_equal(ratel_decl_set_int(d, ctx, path, 850000 * (i + 1)),
                         RATEL_OK);
    }
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.liability_limit",
                                        300000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.expense_limit",
                                        50000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.deductible", 300000),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "coverages.bi.limit",
                                        20000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "coverages.bi.waiting_hours",
                                        12), RATEL_OK);
    round_trip(d);
    assert_int_equal(ratel_decl_json(d, &text, NULL), RATEL_OK);
    assert_non_null(strstr(text, "\"overseas_revenue_share\":"
                                 "0.30000000000000004"));
    assert_non_null(strstr(text, "\\\"引用\\\"\\t\\\\ \\u0001 改行\\n"));
    assert_non_null(strstr(text, "\"controls\":{\"edr\":true}") ||
                    strstr(text, "\"edr\":true"));
    assert_null(strstr(text, "\"mfa\""));
    assert_non_null(strstr(text, "\"deductible\":300000}")); /* request */
    ratel_free(text);
    /* a field a shorthand set, changed since: written field by field */
    assert_int_equal(ratel_decl_set_int(d, ctx,
                                        "coverages.expense.deductible",
                                        500000), RATEL_OK);
    assert_int_equal(ratel_decl_json(d, &text, NULL), RATEL_OK);
    assert_non_null(strstr(text, "\"request\":{\"liability_limit\":"
                                 "300000000,\"expense_limit\":50000000}"));
    assert_non_null(strstr(text, "\"expense\":{\"deductible\":500000}"));
    assert_non_null(strstr(text, "\"liability\":{\"deductible\":300000}"));
    {
        ratel_decl *back = NULL;
        char *q1 = NULL, *q2 = NULL;
        ratel_quote *a = NULL, *b = NULL;
        assert_int_equal(ratel_decl_parse(&back, ctx, NULL, text,
                                          strlen(text)), RATEL_OK);
        assert_int_equal(ratel_rate(&a, ctx, d, NULL), RATEL_OK);
        assert_int_equal(ratel_rate(&b, ctx, back, NULL), RATEL_OK);
        assert_int_equal(ratel_quote_json(a, &q1, NULL), RATEL_OK);
        assert_int_equal(ratel_quote_json(b, &q2, NULL), RATEL_OK);
        assert_string_equal(q1, q2);
        ratel_free(q1);
        ratel_free(q2);
        ratel_quote_free(a);
        ratel_quote_free(b);
        ratel_decl_free(back);
    }
    ratel_free(text);
    ratel_decl_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decl_write__golden_cases_and_examples),
        cmocka_unit_test(test_decl_write__built_by_setters),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
