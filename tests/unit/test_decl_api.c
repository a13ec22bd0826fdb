/* test_decl_api.c - the public declaration functions through a context
 * (ratel_decl_parse and the setters); links the whole library. */
#include "testutil.h"

#include <math.h>

static ratel_engine *engine;
static ratel_ctx *ctx;

static const char BASE[] =
    "{\"effective_date\": \"2025-04-01\", \"applicant\": {\"name\": \"ACME\","
    " \"revenue\": 500000000, \"industry\": \"retail\", \"employees\": 30},"
    " \"request\": {\"liability_limit\": 100000000, \"expense_limit\": "
    "10000000, \"deductible\": 100000}}";

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

static void test_decl__api_parse_ok(void **state)
{
    ratel_decl *d = NULL;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, BASE, sizeof BASE - 1),
                     RATEL_OK);
    assert_non_null(d);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 0);
    ratel_decl_free(d);
}

static void test_decl__api_parse_errors(void **state)
{
    static const char bad[] = "{\"effective_date\": \"2025-02-29\", "
                              "\"applicant\": {\"revenue\": -5}}";
    ratel_decl *d = (ratel_decl *)1;
    ratel_field_error fe;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, bad, sizeof bad - 1),
                     RATEL_EDECL);
    assert_null(d);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_EDECL);
    assert_true(ratel_ctx_field_error_count(ctx) >= 2);
    assert_int_equal(ratel_ctx_field_error(ctx, 1, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.applicant.revenue");
    assert_string_equal(fe.message,
                        "expected a non-negative integer number of yen, got -5");
    assert_int_equal(fe.line, 0);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "$.effective_date: "));
    /* The next call starts clean. */
    assert_int_equal(ratel_decl_parse(&d, ctx, BASE, sizeof BASE - 1),
                     RATEL_OK);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 0);
    ratel_decl_free(d);
    assert_int_equal(ratel_decl_parse(&d, ctx, "{\n x", 4), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_int_equal(fe.line, 2);
    assert_int_equal(fe.column, 2);
    assert_int_equal(ratel_decl_parse(NULL, ctx, BASE, 3), RATEL_EARG);
}

static void test_decl__api_setters(void **state)
{
    ratel_decl *d;
    ratel_field_error fe;
    (void)state;
    assert_int_equal(ratel_decl_new(&d), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "effective_date",
                                           "2025-04-01"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.name",
                                           "\xE6\xA0\xAA"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.revenue",
                                        500000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.industry",
                                           "retail"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.employees", 30),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_number(d, ctx,
                                           "applicant.overseas_revenue_share",
                                           0.5), RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfa", 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_add_incident(d, ctx, "2024-01-01", "ddos",
                                             100), RATEL_OK);
    assert_int_equal(ratel_decl_add_certification(d, ctx, "isms"), RATEL_OK);
    /* A refused value: EDECL, with the field error on the context. */
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.coinsurance_pct",
                                        0), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 1);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.request.coinsurance_pct");
    assert_string_equal(fe.message, "expected an integer from 1 to 100, got 0");
    assert_int_equal(ratel_decl_set_number(d, ctx,
                                           "applicant.overseas_revenue_share",
                                           NAN), RATEL_EDECL);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.industry",
                                           NULL), RATEL_EARG);
    /* An unknown path: EARG. */
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.turnover", 1),
                     RATEL_EARG);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_EARG);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.nope", 1),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_set_int(NULL, ctx, "applicant.revenue", 1),
                     RATEL_EARG);
    /* A good call clears the last error. */
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.liability_limit",
                                        1000000), RATEL_OK);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_OK);
    ratel_decl_free(d);
    ratel_decl_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decl__api_parse_ok),
        cmocka_unit_test(test_decl__api_parse_errors),
        cmocka_unit_test(test_decl__api_setters),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
