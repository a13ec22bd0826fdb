/* test_decl_csv.c - CSV rows as declarations (ratel_csv_header_parse,
 * ratel_decl_parse_csv): the header's columns, good rows, quoting, empty
 * cells, and every error worded as `ratel batch` words it (the CLI and
 * the Python binding print these messages as they are). */
#include "testutil.h"

static ratel_engine *engine;
static ratel_ctx *ctx;

#define HEAD_REST "applicant.name,applicant.revenue,"          \
                  "applicant.industry,applicant.employees,"     \
                  "applicant.overseas_revenue_share,controls,"  \
                  "certifications.isms,incidents,line,#note"
#define HEAD "effective_date," HEAD_REST

static int setup(void **state)
{
    (void)state;
    if (ratel_engine_open(&engine, TEST_TABLES_DIR "/ratel.db",
                          TEST_PLANS_DIR, NULL) != RATEL_OK ||
        ratel_ctx_new(&ctx, engine) != RATEL_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

static ratel_csv_header *header(const char *text)
{
    ratel_csv_header *h = NULL;
    assert_int_equal(ratel_csv_header_parse(&h, ctx, NULL, text,
                                            strlen(text)),
                     RATEL_OK);
    assert_non_null(h);
    return h;
}

/* The row's error: its code, and the context's message must be `msg`. */
static void row_fails(const ratel_csv_header *h, const char *row, int rc,
                      const char *msg)
{
    ratel_decl *d = (ratel_decl *)1;
    assert_int_equal(ratel_decl_parse_csv(&d, ctx, h, row, strlen(row)), rc);
    assert_null(d);
    assert_string_equal(ratel_ctx_errmsg(ctx), msg);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 0);
}

static void header_fails(const char *text, int rc, const char *msg)
{
    ratel_csv_header *h = (ratel_csv_header *)1;
    assert_int_equal(ratel_csv_header_parse(&h, ctx, NULL, text,
                                            strlen(text)),
                     rc);
    assert_null(h);
    assert_string_equal(ratel_ctx_errmsg(ctx), msg);
}

static void test_decl_csv__good_row(void **state)
{
    static const char row[] =
        "2026-04-01,ACME,500000000,retail,30,0.25,mfa;edr,yes,"
        "2023-08-10:malware:900000;2025-02-14:data_breach:2500000,7,x";
    ratel_csv_header *h = header(HEAD);
    ratel_decl *d = NULL;
    const char *s;
    int64_t v;
    double x;
    int b;
    size_t n;
    (void)state;
    assert_int_equal(ratel_csv_header_columns(h), 11);
    /* no NUL needed: the length is what counts */
    assert_int_equal(ratel_decl_parse_csv(&d, ctx, h, row, sizeof row - 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_get_string(d, "applicant.name", &s),
                     RATEL_OK);
    assert_string_equal(s, "ACME");
    assert_int_equal(ratel_decl_get_int(d, "applicant.revenue", &v),
                     RATEL_OK);
    assert_int_equal(v, 500000000);
    assert_int_equal(ratel_decl_get_number(d, "applicant.overseas_revenue_"
                                           "share", &x), RATEL_OK);
    assert_true(x == 0.25);
    assert_int_equal(ratel_decl_get_bool(d, "controls.mfa", &b), RATEL_OK);
    assert_int_equal(b, 1);
    assert_int_equal(ratel_decl_get_bool(d, "controls.offline_backup", &b),
                     RATEL_OK);
    assert_int_equal(b, 0);
    assert_int_equal(ratel_decl_get_bool(d, "certifications.isms", &b),
                     RATEL_OK);
    assert_int_equal(b, 1);
    assert_int_equal(ratel_decl_get_count(d, "incidents", &n), RATEL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ratel_decl_get_int(d, "incidents[1].paid", &v),
                     RATEL_OK);
    assert_int_equal(v, 2500000);
    assert_int_equal(ratel_decl_get_string(d, "incidents[1].type", &s),
                     RATEL_OK);
    assert_string_equal(s, "data_breach");
    ratel_decl_free(d);
    ratel_csv_header_free(h);
}

static void test_decl_csv__quoted_cells(void **state)
{
    static const char row[] =
        "2026-04-01,\"ACME, \"\"Tokyo\"\"\",\"500000000\",retail,30,,,,,,";
    ratel_csv_header *h = header("\"effective_date\"," HEAD_REST);
    ratel_decl *d = NULL;
    const char *s;
    (void)state;
    assert_int_equal(ratel_decl_parse_csv(&d, ctx, h, row, strlen(row)),
                     RATEL_OK);
    assert_int_equal(ratel_decl_get_string(d, "applicant.name", &s),
                     RATEL_OK);
    assert_string_equal(s, "ACME, \"Tokyo\"");
    ratel_decl_free(d);
    row_fails(h, "2026-04-01,\"ACME,1,retail,30,,,,,,", RATEL_EDECL,
              "column 2: quote not closed");
    ratel_csv_header_free(h);
}

static void test_decl_csv__empty_cells_are_absent(void **state)
{
    ratel_csv_header *h = header(HEAD);
    ratel_decl *d = NULL;
    (void)state;
    assert_int_equal(ratel_decl_parse_csv(&d, ctx, h, ",,,,,,,,,,", 10),
                     RATEL_OK);
    assert_int_equal(ratel_decl_given(d, "applicant.revenue"), 0);
    assert_int_equal(ratel_decl_given(d, "effective_date"), 0);
    ratel_decl_free(d);
    ratel_csv_header_free(h);
}

static void test_decl_csv__bad_cells(void **state)
{
    ratel_csv_header *h = header(HEAD);
    (void)state;
    row_fails(h, "2026-04-01,A,lots,retail,30,,,,,,", RATEL_EDECL,
              "column 3 (applicant.revenue): expected an integer, got "
              "'lots'");
    row_fails(h, "2026-04-01,A,1,retail,30,1.5x,,,,,", RATEL_EDECL,
              "column 6 (applicant.overseas_revenue_share): expected a "
              "number, got '1.5x'");
    row_fails(h, "2026-04-01,A,1,retail,30,,,maybe,,,", RATEL_EDECL,
              "column 8 (certifications.isms): expected true or false, "
              "got 'maybe'");
    row_fails(h, "2026-04-01,A,-5,retail,30,,,,,,", RATEL_EDECL,
              "column 3 (applicant.revenue): $.applicant.revenue: expected "
              "a non-negative integer number of yen, got -5");
    row_fails(h, "2026-04-01,A,1,retail,30,,,,2023-08-10:malware,,",
              RATEL_EDECL, "column 9 (incidents): expected 3 fields ':' "
              "apart, got 2");
    row_fails(h, "99999999999999999999,A,1,retail,30,,,,,,", RATEL_EDECL,
              "column 1 (effective_date): $.effective_date: expected a "
              "date \"YYYY-MM-DD\" (a real calendar date, years 1900 to "
              "2999), got \"99999999999999999999\"");
    ratel_csv_header_free(h);
}

static void test_decl_csv__cell_count(void **state)
{
    ratel_csv_header *h = header(HEAD);
    (void)state;
    row_fails(h, "2026-04-01,A,1,retail,30,,,,,", RATEL_EDECL,
              "10 columns, the header has 11");
    row_fails(h, "2026-04-01,A,1,retail,30,,,,,,,", RATEL_EDECL,
              "12 columns, the header has 11");
    row_fails(h, "", RATEL_EDECL, "1 columns, the header has 11");
    ratel_csv_header_free(h);
}

static void test_decl_csv__header_errors(void **state)
{
    ratel_csv_header *h = NULL;
    (void)state;
    header_fails("applicant.revenue,nope", RATEL_EDECL,
                 "column 2: unknown field 'nope' (see 'CSV input' in "
                 "docs/cli.md)");
    header_fails("controls.not_a_control", RATEL_EDECL,
                 "column 1: unknown field 'controls.not_a_control' (see "
                 "'CSV input' in docs/cli.md)");
    header_fails("applicant", RATEL_EDECL, /* an object: not one cell */
                 "column 1: unknown field 'applicant' (see 'CSV input' in "
                 "docs/cli.md)");
    header_fails("applicant.revenue,\"x", RATEL_EDECL,
                 "column 2: quote not closed");
    assert_int_equal(ratel_csv_header_parse(&h, ctx, "no-such-schema",
                                            "a", 1),
                     RATEL_ENOTFOUND);
    assert_null(h);
    assert_int_equal(ratel_csv_header_parse(NULL, ctx, NULL, "a", 1),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_parse_csv(NULL, ctx, NULL, "a", 1),
                     RATEL_EARG);
    ratel_csv_header_free(NULL);
    assert_int_equal(ratel_csv_header_columns(NULL), 0);
}

/* A row rates as the JSON document with the same fields. */
static void test_decl_csv__rates_as_json(void **state)
{
    static const char head[] =
        "effective_date,applicant.name,applicant.revenue,applicant.industry,"
        "applicant.employees,controls,request.liability_limit,"
        "request.expense_limit,request.deductible";
    static const char row[] =
        "2025-04-01,ACME,500000000,retail,30,mfa,100000000,10000000,100000";
    static const char json[] =
        "{\"effective_date\": \"2025-04-01\", \"applicant\": {\"name\": "
        "\"ACME\", \"revenue\": 500000000, \"industry\": \"retail\", "
        "\"employees\": 30}, \"controls\": {\"mfa\": true}, \"request\": "
        "{\"liability_limit\": 100000000, \"expense_limit\": 10000000, "
        "\"deductible\": 100000}}";
    ratel_csv_header *h = header(head);
    ratel_decl *d = NULL;
    ratel_quote *a = NULL, *b = NULL;
    (void)state;
    assert_int_equal(ratel_decl_parse_csv(&d, ctx, h, row, strlen(row)),
                     RATEL_OK);
    assert_int_equal(test_rate(&a, ctx, d, NULL, 0), RATEL_OK);
    assert_int_equal(test_rate_json(&b, ctx, json, strlen(json), NULL, 0), RATEL_OK);
    test_assert_same_quote(a, b);
    ratel_quote_free(a);
    ratel_quote_free(b);
    ratel_decl_free(d);
    ratel_csv_header_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decl_csv__good_row),
        cmocka_unit_test(test_decl_csv__quoted_cells),
        cmocka_unit_test(test_decl_csv__empty_cells_are_absent),
        cmocka_unit_test(test_decl_csv__bad_cells),
        cmocka_unit_test(test_decl_csv__cell_count),
        cmocka_unit_test(test_decl_csv__header_errors),
        cmocka_unit_test(test_decl_csv__rates_as_json),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
