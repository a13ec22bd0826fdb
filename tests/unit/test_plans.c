/* test_plans.c - the plan-test API (ratel_plan_test_*) and the options
 * reader (ratel_options_parse) on a few inline cases: a passing case, a
 * failing one whose report is checked, overrides and authority, malformed
 * cases with their JSON paths. The plan cases themselves
 * (rating-scripts/tests/) are run by `ratel test rating-scripts` in
 * `make test`. */
#include "testutil.h"

static ratel_engine *g_engine;
static ratel_ctx *g_ctx;

static int setup(void **state)
{
    (void)state;
    if (ratel_engine_open(&g_engine, "tables/ratel.db", TEST_PLANS_DIR,
                          NULL) != RATEL_OK)
        return -1;
    return ratel_ctx_new(&g_ctx, g_engine) == RATEL_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(g_ctx);
    ratel_engine_free(g_engine);
    return 0;
}

/* Runs an inline case; returns the result (asserts the call succeeded). */
static ratel_plan_test_result *run(const char *json)
{
    ratel_plan_test_result *r = NULL;
    int rc = ratel_plan_test_run(&r, g_ctx, json, strlen(json), NULL);
    if (rc != RATEL_OK)
        fail_msg("ratel_plan_test_run: %s: %s", ratel_strerror(rc),
                 ratel_ctx_errmsg(g_ctx));
    assert_non_null(r);
    return r;
}

/* Expects the case to be refused with `code` and `text` in the message. */
static void refused(const char *json, int code, const char *text)
{
    ratel_plan_test_result *r = NULL;
    assert_int_equal(ratel_plan_test_run(&r, g_ctx, json, strlen(json), NULL),
                     code);
    assert_null(r);
    if (!strstr(ratel_ctx_errmsg(g_ctx), text))
        fail_msg("'%s' not in '%s'", text, ratel_ctx_errmsg(g_ctx));
}

#define NEUTRAL_CASE(expect)                                              \
    "{\"base\": \"" TEST_NEUTRAL "\", \"plan\": \"sme-cyber\", "          \
    "\"override\": {}, \"expect\": " expect "}"

static void test_passing_case(void **state)
{
    ratel_plan_test_result *r = run(NEUTRAL_CASE(
        "{\"decision\": \"quoted\", \"total_premium\": 67380, "
        "\"reasons\": [], \"subjectivities\": [], \"warnings\": 0, "
        "\"steps\": {\"Package premium\": 67375, "
        "\"policy|Round to 10 yen\": 10}}"));
    (void)state;
    assert_int_equal(ratel_plan_test_passed(r), 1);
    assert_string_equal(ratel_plan_test_report(r), "");
    assert_string_equal(ratel_plan_test_plan(r), "sme-cyber");
    ratel_plan_test_free(r);
}

static void test_failing_case_report(void **state)
{
    ratel_plan_test_result *r = run(NEUTRAL_CASE(
        "{\"decision\": \"referred\", \"total_premium\": 67370, "
        "\"reasons\": [\"MFA_MISSING\"], "
        "\"steps\": {\"Package premium\": 67300, \"No such step\": 1}}"));
    (void)state;
    assert_int_equal(ratel_plan_test_passed(r), 0);
    assert_string_equal(ratel_plan_test_report(r),
        "decision: expected referred, got quoted\n"
        "total_premium: expected 67370, got 67380\n"
        "reasons: expected [MFA_MISSING], got []\n"
        "step \"Package premium\": expected 67300, got 67375\n"
        "step \"No such step\": expected 1, not on the worksheet\n");
    ratel_plan_test_free(r);
}

static void test_inline_declaration_and_overrides(void **state)
{
    char *decl = test_slurp(TEST_NEUTRAL, NULL);
    char json[8192];
    ratel_plan_test_result *r;
    (void)state;
    assert_non_null(decl);
    snprintf(json, sizeof json,
             "{\"declaration\": %s, \"plan\": \"sme-cyber\", "
             "\"total_override\": 60000, "
             "\"total_override_reason\": \"broker deal\", "
             "\"expect\": {\"total_premium\": 60000}}", decl);
    free(decl);
    r = run(json);
    if (!ratel_plan_test_passed(r))
        fail_msg("%s", ratel_plan_test_report(r));
    ratel_plan_test_free(r);
}

/* "authority" holds for its case only: the case file expects an
 * AUTHORITY referral at the context's level 1. */
static void test_authority(void **state)
{
    const char *path =
        "rating-scripts/tests/questionnaire-cyber/02_all_controls_authority"
        ".json";
    char *text = test_slurp(path, NULL);
    char json[8192];
    ratel_plan_test_result *r;
    (void)state;
    assert_non_null(text);
    assert_true(text[0] == '{');
    snprintf(json, sizeof json, "{\"authority\": 2, %s", text + 1);
    r = run(json);
    assert_int_equal(ratel_plan_test_passed(r), 0);
    assert_non_null(strstr(ratel_plan_test_report(r),
                           "reasons: expected [AUTHORITY], got []"));
    ratel_plan_test_free(r);
    r = run(text);
    free(text);
    if (!ratel_plan_test_passed(r))
        fail_msg("%s", ratel_plan_test_report(r));
    ratel_plan_test_free(r);
}

static void test_rating_error_is_a_failure(void **state)
{
    ratel_plan_test_result *r = run(
        "{\"base\": \"" TEST_NEUTRAL "\", \"plan\": \"no-such-plan\", "
        "\"expect\": {}}");
    (void)state;
    assert_int_equal(ratel_plan_test_passed(r), 0);
    assert_non_null(strstr(ratel_plan_test_report(r), "rating failed"));
    ratel_plan_test_free(r);
}

static void test_malformed_cases(void **state)
{
    (void)state;
    refused(NEUTRAL_CASE("{\"total_premum\": 1}"), RATEL_EDECL,
            "$.expect.total_premum: unknown expectation");
    refused(NEUTRAL_CASE("{\"steps\": {\"Package premium\": \"x\"}}"),
            RATEL_EDECL, "$.expect.steps[\"Package premium\"]: expected a "
            "number");
    refused("{\"expect\": {}}", RATEL_EDECL, "needs exactly one of");
    refused("{\"base\": \"" TEST_NEUTRAL "\", \"expect\": {}, \"x\": 1}",
            RATEL_EDECL, "$.x: unknown key");
    refused("{\"base\": \"" TEST_NEUTRAL "\", \"expect\": {}, "
            "\"overrides\": [{\"coverage\": \"policy\"}]}", RATEL_EDECL,
            "$.overrides[0].label: required");
    refused("{\"base\": ", RATEL_EDECL, "$: ");
    refused("{\"base\": \"/nonexistent.json\", \"expect\": {}}", RATEL_EIO,
            "/nonexistent.json");
}

static void test_options_parse(void **state)
{
    const char *ok = "[{\"name\": \"small\", \"liability_limit\": 50000000,"
                     " \"deductible\": 100000}, {\"coinsurance_pct\": 90}]";
    const char *bad = "[{\"name\": \"a\"}, {\"deductable\": 1}]";
    ratel_option *o = NULL;
    size_t n = 0;
    (void)state;
    assert_int_equal(ratel_options_parse(&o, &n, g_ctx, ok, strlen(ok)),
                     RATEL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(o[0].name, "small");
    assert_true(o[0].liability_limit == 50000000 && o[0].expense_limit < 0);
    assert_null(o[1].name);
    assert_true(o[1].coinsurance_pct == 90);
    ratel_options_free(o, n);
    assert_int_equal(ratel_options_parse(&o, &n, g_ctx, bad, strlen(bad)),
                     RATEL_EDECL);
    assert_null(o);
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx), "$[1].deductable: "
                                                    "unknown key"));
    assert_int_equal(ratel_options_parse(&o, &n, g_ctx, "[]", 2),
                     RATEL_EDECL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passing_case),
        cmocka_unit_test(test_failing_case_report),
        cmocka_unit_test(test_inline_declaration_and_overrides),
        cmocka_unit_test(test_authority),
        cmocka_unit_test(test_rating_error_is_a_failure),
        cmocka_unit_test(test_malformed_cases),
        cmocka_unit_test(test_options_parse),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
