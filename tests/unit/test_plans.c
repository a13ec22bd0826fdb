/* test_plans.c - the plan-test API (ratel_plan_test_*) and the options
 * reader (ratel_options_parse) on a few inline cases: a passing case, a
 * failing one whose report is checked, overrides and authority, the
 * "attributes" expectation, malformed cases with their JSON paths. The plan cases themselves
 * (rating-scripts/tests/) are run by `ratel test rating-scripts` in
 * `make test`. */
#include "testutil.h"

#include "options.h" /* to see what a parsed option sets */

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

/* The chamber scheme's neutral member (mid tier, a top-up to 100m):
 * rating-scripts/tests/chamber-scheme/01_neutral_menu.json works out its
 * attributes by hand. */
#define CHAMBER_CASE(attributes)                                          \
    "{\"base\": \"" TEST_NEUTRAL "\", \"plan\": \"chamber-scheme\", "     \
    "\"expect\": {\"decision\": \"quoted\", \"total_premium\": 56000, "    \
    "\"attributes\": " attributes "}}"

static void test_attributes_expected(void **state)
{
    ratel_plan_test_result *r = run(CHAMBER_CASE(
        "{\"scheme.tier\": \"mid\", \"scheme.tier_order\": 2, "
        "\"scheme.top_up\": 12000, \"scheme.admin_fee\": 5600}"));
    (void)state;
    if (!ratel_plan_test_passed(r))
        fail_msg("%s", ratel_plan_test_report(r));
    ratel_plan_test_free(r);
    /* none expected: nothing checked */
    r = run(CHAMBER_CASE("{}"));
    assert_int_equal(ratel_plan_test_passed(r), 1);
    ratel_plan_test_free(r);
}

static void test_attributes_differ(void **state)
{
    ratel_plan_test_result *r = run(CHAMBER_CASE(
        "{\"scheme.tier\": \"small\", \"scheme.top_up\": 13000, "
        "\"scheme.tier_order\": \"2\", \"scheme.admin_fee\": 5600, "
        "\"scheme.tierr\": \"mid\"}"));
    (void)state;
    assert_int_equal(ratel_plan_test_passed(r), 0);
    assert_string_equal(ratel_plan_test_report(r),
        "attribute \"scheme.tier\": expected \"small\", got \"mid\"\n"
        "attribute \"scheme.top_up\": expected 13000, got 12000\n"
        "attribute \"scheme.tier_order\": expected \"2\", got 2\n"
        "attribute \"scheme.tierr\": expected \"mid\", not on the quote "
        "(it has: scheme.tier, scheme.tier_order, scheme.top_up, "
        "scheme.admin_fee, scheme.minimum_premium)\n");
    ratel_plan_test_free(r);
    /* an integer expected, text set */
    r = run(CHAMBER_CASE("{\"scheme.tier\": 2}"));
    assert_string_equal(ratel_plan_test_report(r),
        "attribute \"scheme.tier\": expected 2, got \"mid\"\n");
    ratel_plan_test_free(r);
    /* a plan that sets none */
    r = run(NEUTRAL_CASE("{\"total_premium\": 67380, "
                         "\"attributes\": {\"scheme.tier\": \"mid\"}}"));
    assert_string_equal(ratel_plan_test_report(r),
        "attribute \"scheme.tier\": expected \"mid\", not on the quote (it "
        "has no attributes)\n");
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
    refused(NEUTRAL_CASE("{\"attributes\": [\"scheme.tier\"]}"),
            RATEL_EDECL, "$.expect.attributes: expected an object");
    refused(NEUTRAL_CASE("{\"attributes\": {\"scheme.top_up\": 12000.0}}"),
            RATEL_EDECL, "$.expect.attributes[\"scheme.top_up\"]: expected a "
            "text or an integer");
    refused(NEUTRAL_CASE("{\"attributes\": {\"a\": true}}"), RATEL_EDECL,
            "$.expect.attributes.a: expected a text or an integer");
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

/* The value option `i` of menu `o` gives `path` (asserts it is there
 * once, as an integer). */
static int64_t option_int(const ratel_options *o, size_t i, const char *path)
{
    const opt_item *it = &o->items[i];
    size_t k, found = 0;
    int64_t v = 0;
    for (k = 0; k < it->nsets; k++)
        if (strcmp(it->sets[k].path, path) == 0) {
            assert_int_equal(it->sets[k].kind, OPT_INT);
            v = it->sets[k].i;
            found++;
        }
    if (found != 1)
        fail_msg("option %zu sets %s %zu times", i, path, found);
    return v;
}

static void test_options_parse(void **state)
{
    const char *ok = "[{\"name\": \"small\", \"liability_limit\": 50000000,"
                     " \"deductible\": 100000}, {\"coinsurance_pct\": 90}]";
    const char *bad = "[{\"name\": \"a\"}, {\"deductable\": 1}]";
    ratel_options *o = NULL;
    (void)state;
    assert_int_equal(ratel_options_parse(&o, g_ctx, ok, strlen(ok)),
                     RATEL_OK);
    assert_int_equal(ratel_options_count(o), 2);
    assert_string_equal(ratel_options_name(o, 0), "small");
    /* the old keys are short for request.<key>; the others are not set */
    assert_int_equal(o->items[0].nsets, 2);
    assert_true(option_int(o, 0, "request.liability_limit") == 50000000);
    assert_true(option_int(o, 0, "request.deductible") == 100000);
    /* an option without a name is "option N" */
    assert_string_equal(ratel_options_name(o, 1), "option 2");
    assert_int_equal(o->items[1].nsets, 1);
    assert_true(option_int(o, 1, "request.coinsurance_pct") == 90);
    assert_null(ratel_options_name(o, 2));
    ratel_options_free(o);
    assert_int_equal(ratel_options_parse(&o, g_ctx, bad, strlen(bad)),
                     RATEL_EDECL);
    assert_null(o);
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx), "$[1].deductable: "
                                                    "unknown key"));
    assert_int_equal(ratel_options_parse(&o, g_ctx, "[]", 2),
                     RATEL_EDECL);
    assert_null(o);
}

/* The path form: "set" names fields by path, with values of any scalar
 * kind; what cannot be a value or a path is an error at its JSON path. */
static void test_options_parse_paths(void **state)
{
    const char *ok =
        "[{\"name\": \"ransom 5m\", \"set\": {"
        "\"coverages.expense.sublimits.ransom\": 5000000, "
        "\"applicant.overseas_revenue_share\": 0.5, "
        "\"controls.mfa\": true, \"policy.territory\": \"worldwide\"}}]";
    const char *bad =
        "[{\"name\": \"\", \"set\": {}}, {\"set\": [1]}, "
        "{\"set\": {\"a b\": 1, \"x\": null, \"y\": {}}}, 5]";
    ratel_options *o = NULL;
    const opt_item *it;
    (void)state;
    assert_int_equal(ratel_options_parse(&o, g_ctx, ok, strlen(ok)),
                     RATEL_OK);
    assert_int_equal(ratel_options_count(o), 1);
    it = &o->items[0];
    assert_int_equal(it->nsets, 4);
    assert_string_equal(it->sets[0].path,
                        "coverages.expense.sublimits.ransom");
    assert_true(it->sets[0].kind == OPT_INT && it->sets[0].i == 5000000);
    assert_true(it->sets[1].kind == OPT_NUMBER && it->sets[1].f == 0.5);
    assert_true(it->sets[2].kind == OPT_BOOL && it->sets[2].i == 1);
    assert_true(it->sets[3].kind == OPT_STRING &&
                strcmp(it->sets[3].s, "worldwide") == 0);
    ratel_options_free(o);
    assert_int_equal(ratel_options_parse(&o, g_ctx, bad, strlen(bad)),
                     RATEL_EDECL);
    assert_null(o);
    /* the first option's empty name stops that option only */
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx),
                           "$[0].name: expected a non-empty string"));
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx),
                           "$[1].set: expected an object of field path -> "
                           "value"));
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx),
                           "$[2].set[\"a b\"]: expected a field path such "
                           "as coverages.liability.limit"));
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx),
                           "$[2].set.x: expected a number, a boolean or a "
                           "string (a date or a code), got null"));
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx), "$[2].set.y: expected"));
    assert_non_null(strstr(ratel_ctx_errmsg(g_ctx),
                           "$[3]: expected an option (an object with "
                           "\"name\" and \"set\")"));
}

/* The API form: options and their fields; what the menu refuses. */
static void test_options_api(void **state)
{
    ratel_options *o = NULL;
    (void)state;
    assert_int_equal(ratel_options_new(&o), RATEL_OK);
    assert_int_equal(ratel_options_count(o), 0);
    /* a field before any option */
    assert_int_equal(ratel_options_set_int(o, "request.deductible", 1),
                     RATEL_EARG);
    assert_int_equal(ratel_options_add(o, "a"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(o, "request.deductible", 1),
                     RATEL_OK);
    assert_int_equal(ratel_options_set_number(o, "applicant."
                                              "overseas_revenue_share", 0.1),
                     RATEL_OK);
    assert_int_equal(ratel_options_set_bool(o, "controls.edr", 1), RATEL_OK);
    assert_int_equal(ratel_options_set_string(o, "policy.expiry",
                                              "2027-01-01"), RATEL_OK);
    /* not a path; a NULL value */
    assert_int_equal(ratel_options_set_int(o, "a b", 1), RATEL_EARG);
    assert_int_equal(ratel_options_set_int(o, "", 1), RATEL_EARG);
    assert_int_equal(ratel_options_set_string(o, "policy.expiry", NULL),
                     RATEL_EARG);
    assert_int_equal(ratel_options_add(o, NULL), RATEL_OK);
    assert_int_equal(ratel_options_count(o), 2);
    assert_string_equal(ratel_options_name(o, 0), "a");
    assert_string_equal(ratel_options_name(o, 1), "option 2");
    assert_int_equal(o->items[0].nsets, 4);
    assert_int_equal(o->items[1].nsets, 0);
    ratel_options_free(o);
    ratel_options_free(NULL);
    assert_int_equal(ratel_options_new(NULL), RATEL_EARG);
    assert_int_equal(ratel_options_add(NULL, "x"), RATEL_EARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passing_case),
        cmocka_unit_test(test_failing_case_report),
        cmocka_unit_test(test_inline_declaration_and_overrides),
        cmocka_unit_test(test_authority),
        cmocka_unit_test(test_rating_error_is_a_failure),
        cmocka_unit_test(test_attributes_expected),
        cmocka_unit_test(test_attributes_differ),
        cmocka_unit_test(test_malformed_cases),
        cmocka_unit_test(test_options_parse),
        cmocka_unit_test(test_options_parse_paths),
        cmocka_unit_test(test_options_api),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
