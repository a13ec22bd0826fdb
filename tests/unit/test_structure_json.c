/* test_structure_json.c - the structures file: the shipped example reads;
 * every kind of mistake is refused with its JSON path and nothing is
 * returned; the options' version rules. */
#include "testutil.h"

#include "structure.h"

static ratel_engine *engine;
static ratel_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(ratel_engine_open(&engine, "tables/ratel.db",
                                       TEST_PLANS_DIR, NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

/* Parses `json`, expecting it refused with a field error at `path` whose
 * message holds `text`. */
static void refused(const char *json, const char *path, const char *text)
{
    ratel_structures *s = (ratel_structures *)1;
    ratel_field_error fe;
    size_t i, n;
    int found = 0;
    assert_int_equal(ratel_structures_parse(&s, ctx, json, strlen(json)),
                     RATEL_EDECL);
    assert_null(s);
    n = ratel_ctx_field_error_count(ctx);
    for (i = 0; i < n; i++) {
        assert_int_equal(ratel_ctx_field_error(ctx, i, &fe), RATEL_OK);
        if (strcmp(fe.path, path) == 0 && strstr(fe.message, text))
            found = 1;
    }
    if (!found) {
        print_error("no error at %s with \"%s\"; got:\n%s\n", path, text,
                    ratel_ctx_errmsg(ctx));
        fail();
    }
}

#define HEAD "{\"format_version\": 1, \"structures\": ["
#define TAIL "]}"

static void test_structure_json__example(void **state)
{
    ratel_structures *s = NULL;
    size_t len = 0;
    char *json = test_slurp("examples/structures.json", &len);
    (void)state;
    assert_non_null(json);
    assert_int_equal(ratel_structures_parse(&s, ctx, json, len), RATEL_OK);
    assert_int_equal(s->ndefs, 6);
    assert_int_equal(s->defs[2].kind, STRUCTURE_CAPTIVE);
    assert_int_equal(s->defs[2].nexcess, 1);
    assert_int_equal(s->defs[2].excess[0].attachment, 10000000);
    assert_int_equal(s->defs[5].term_years, 3);
    assert_int_equal(s->nscenarios, 2);
    assert_int_equal(s->scenarios[0].losses[0].amount, 124000000);
    assert_int_equal(s->scenarios[0].losses[0].nitems, 6);
    assert_true(s->cash_months == 2);
    ratel_structures_free(s);
    free(json);
}

static void test_structure_json__refused_with_paths(void **state)
{
    (void)state;
    refused("{\"format_version\": 1, \"structures\": [", "$", "");
    refused("[]", "$", "expected an object");
    refused("{\"structures\": []}", "$.format_version", "required");
    refused("{\"format_version\": 2, \"structures\": []}", "$.format_version",
            "newer");
    refused(HEAD TAIL, "$.structures", "1 to 32");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"bank\"}" TAIL,
            "$.structures[0].kind", "unknown kind \"bank\"");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"insurance\", \"plan\": \"p\","
            " \"reserve\": 5}" TAIL, "$.structures[0].reserve",
            "unknown key for this kind");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"captive\", \"plan\": \"p\","
            " \"retention\": 10, \"aggregate\": 0, \"capital\": 5,"
            " \"fronting_fee_pct\": 10, \"cost_of_capital_pct\": 8}" TAIL,
            "$.structures[0].aggregate", "above 0");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"captive\", \"plan\": \"p\","
            " \"deductible\": 100, \"retention\": 100, \"aggregate\": 5,"
            " \"capital\": 5, \"fronting_fee_pct\": 10,"
            " \"cost_of_capital_pct\": 8}" TAIL,
            "$.structures[0].retention", "above the deductible");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"self_insurance\"}" TAIL,
            "$.structures[0].reserve", "required");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"commitment_line\","
            " \"amount\": 1, \"commitment_fee_pct\": 101,"
            " \"interest_pct\": 1, \"drawing_months\": 6}" TAIL,
            "$.structures[0].commitment_fee_pct", "0 to 100");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"cat_bond\", \"principal\":"
            " 1, \"spread_pct\": 5, \"issuance_cost\": 1, \"trigger\": 1,"
            " \"term_years\": 2.5}" TAIL, "$.structures[0].term_years",
            "whole number");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"insurance\", \"plan\": \"p\","
            " \"deductible\": -1}" TAIL, "$.structures[0].deductible",
            "integer number of yen");
    refused(HEAD "{\"name\": \"\", \"kind\": \"insurance\", \"plan\": \"p\"}"
            TAIL, "$.structures[0].name", "1 to 400 bytes");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"self_insurance\", \"reserve\":"
            " 1, \"excess\": [{\"plan\": \"p\", \"attachment\": 10, \"limit\":"
            " 20}, {\"plan\": \"p\", \"attachment\": 25, \"limit\": 5}]}" TAIL,
            "$.structures[0].excess[1].attachment", "overlapping");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"self_insurance\", \"reserve\":"
            " 1}], \"scenarios\": [{\"name\": \"s\", \"losses\": [{\"peril\":"
            " \"fire\", \"amount\": 5}]}]}", "$.scenarios[0].losses[0].peril",
            "unknown peril");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"self_insurance\", \"reserve\":"
            " 1}], \"scenarios\": [{\"name\": \"s\", \"losses\": [{\"peril\":"
            " \"ddos\", \"amount\": 5, \"items\": [{\"label\": \"x\","
            " \"amount\": 4}]}]}]}", "$.scenarios[0].losses[0].amount",
            "not the sum");
    refused(HEAD "{\"name\": \"a\", \"kind\": \"self_insurance\", \"reserve\":"
            " 1}], \"scenarios\": [{\"name\": \"s\", \"losses\": [{\"peril\":"
            " \"ddos\"}]}]}", "$.scenarios[0].losses[0]", "amount or items");
    refused("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "$",
            "deeper");
}

static void test_structure_json__arguments(void **state)
{
    ratel_structures *s = NULL;
    (void)state;
    assert_int_equal(ratel_structures_parse(&s, NULL, "{}", 2), RATEL_EARG);
    assert_int_equal(ratel_structures_parse(NULL, ctx, "{}", 2), RATEL_EARG);
    assert_int_equal(ratel_structures_parse(&s, ctx, NULL, 2), RATEL_EARG);
    assert_null(s);
    ratel_structures_free(NULL);
}

static void test_structure_json__options_versions(void **state)
{
    ratel_structure_options o;
    (void)state;
    assert_int_equal(ratel_structure_options_init(&o, 0), RATEL_EARG);
    assert_int_equal(ratel_structure_options_init(
                         &o, RATEL_STRUCTURE_OPTIONS_VERSION + 1), RATEL_EARG);
    assert_int_equal(ratel_structure_options_init(NULL, 1), RATEL_EARG);
    assert_int_equal(ratel_structure_options_init(
                         &o, RATEL_STRUCTURE_OPTIONS_VERSION), RATEL_OK);
    assert_int_equal(o.version, RATEL_STRUCTURE_OPTIONS_VERSION);
    assert_int_equal(o.years, 1000000);
    assert_int_equal(o.threads, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure_json__example),
        cmocka_unit_test(test_structure_json__refused_with_paths),
        cmocka_unit_test(test_structure_json__arguments),
        cmocka_unit_test(test_structure_json__options_versions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
