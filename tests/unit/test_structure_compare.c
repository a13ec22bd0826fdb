/* test_structure_compare.c - the comparison through the public API: the
 * shipped example on the neutral declaration (every kind, the seed 003
 * scenario by hand), the same bytes on 1, 2 and 8 threads, the Monte
 * Carlo against Panjer inside each structure, the decline paths (the
 * fronting insurer's collateral rule, a plan that declines the company),
 * and the errors. */
#include "testutil.h"

#include <math.h>

#include "ratel.h"

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

static ratel_decl *decl_file(const char *path)
{
    ratel_decl *d = NULL;
    size_t len = 0;
    char *json = test_slurp(path, &len);
    assert_non_null(json);
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len), RATEL_OK);
    free(json);
    return d;
}

static ratel_structures *structures_text(const char *json)
{
    ratel_structures *s = NULL;
    if (ratel_structures_parse(&s, ctx, json, strlen(json)) != RATEL_OK) {
        print_error("%s\n", ratel_ctx_errmsg(ctx));
        fail();
    }
    return s;
}

static ratel_structures *structures_file(const char *path)
{
    ratel_structures *s;
    char *json = test_slurp(path, NULL);
    assert_non_null(json);
    s = structures_text(json);
    free(json);
    return s;
}

static ratel_structure_result *compare(const ratel_decl *d,
                                       const ratel_structures *s,
                                       uint64_t years, unsigned threads)
{
    ratel_structure_result *r = NULL;
    ratel_structure_options o;
    assert_int_equal(ratel_structure_options_init(&o, 1), RATEL_OK);
    o.years = years;
    o.threads = threads;
    if (ratel_structure_compare(&r, ctx, d, s, &o) != RATEL_OK) {
        print_error("%s\n", ratel_ctx_errmsg(ctx));
        fail();
    }
    return r;
}

static size_t find(const ratel_structure_result *r, const char *name)
{
    ratel_structure_info info;
    size_t i;
    for (i = 0; i < ratel_structure_count(r); i++)
        if (ratel_structure_get(r, i, &info) == RATEL_OK &&
            strcmp(info.name, name) == 0)
            return i;
    print_error("no structure %s\n", name);
    fail();
    return 0;
}

static void outcome(const ratel_structure_result *r, const char *name,
                    ratel_structure_outcome *o)
{
    assert_int_equal(ratel_structure_outcome_get(r, 0, find(r, name), o),
                     RATEL_OK);
}

static void test_structure_compare__example(void **state)
{
    ratel_decl *d = decl_file(TEST_NEUTRAL);
    ratel_structures *s = structures_file("examples/structures.json");
    ratel_structure_result *r = compare(d, s, 20000, 2);
    ratel_structure_info info;
    ratel_structure_outcome o;
    int64_t loss = 0;
    size_t i;
    (void)state;
    /* three plans expanded from "plan": "*", and five more */
    assert_int_equal(ratel_structure_count(r), 8);
    for (i = 0; i < 8; i++) {
        assert_int_equal(ratel_structure_get(r, i, &info), RATEL_OK);
        assert_int_equal(info.declined, 0);
        assert_true(info.cost_p99 >= info.cost_p95);
        assert_true(info.expected_cost >= info.fixed_cost);
        assert_true(info.nnotes >= 2);
    }
    assert_int_equal(ratel_structure_get(r, 8, &info), RATEL_EARG);
    assert_null(ratel_structure_note(r, 0, 99));
    assert_non_null(strstr(ratel_structure_result_json(r, NULL),
                           "{\"format_version\":1,"));
    assert_int_equal(ratel_structure_cash_on_hand(r), 83333333);

    /* seed 003: the manufacturer's JPY 124m ransomware loss */
    assert_string_equal(ratel_structure_scenario_name(r, 0, &loss),
                        "Ransomware at a manufacturer, JPY 124m (seed 003, "
                        "JNSA 2024)");
    assert_int_equal(loss, 124000000);
    outcome(r, "Package insurance: sme-cyber", &o);
    assert_int_equal(o.insurers, 30000000); /* the expense limit */
    assert_int_equal(o.company, 94000000);
    assert_int_equal(o.bridge, 124000000 - 83333333);
    outcome(r, "Package insurance: chamber-scheme", &o);
    assert_int_equal(o.insurers, 20000000); /* its fixed sub-limit */
    outcome(r, "Captive with market excess", &o);
    assert_int_equal(o.captive, 10000000);
    assert_int_equal(o.insurers, 90000000);
    assert_int_equal(o.cash, 24000000);
    outcome(r, "Self-insurance", &o);
    assert_int_equal(o.reserve, 30000000);
    assert_int_equal(o.cash, 94000000);
    outcome(r, "Commitment line", &o);
    assert_int_equal(o.loan, 100000000);
    assert_int_equal(o.interest, 1500000);
    assert_int_equal(o.company, 125500000);
    assert_int_equal(o.bridge, 0);
    outcome(r, "CAT bond", &o);
    assert_int_equal(o.bond, 74000000);
    assert_int_equal(o.company, 50000000);

    /* the CAT bond's note explains its fixed costs against its size */
    i = find(r, "CAT bond");
    assert_non_null(strstr(ratel_structure_note(r, i, 0),
                           "fall below 1% a year only from a principal of "
                           "JPY 3,333,333,333"));
    i = find(r, "Commitment line");
    assert_non_null(strstr(ratel_structure_note(r, i, 0),
                           "is a loan, not indemnity"));
    ratel_structure_result_free(r);
    ratel_structures_free(s);
    ratel_decl_free(d);
}

static void test_structure_compare__same_bytes_on_1_2_8_threads(void **state)
{
    ratel_decl *d = decl_file(TEST_NEUTRAL);
    ratel_structures *s = structures_file("examples/structures.json");
    ratel_structure_result *r1 = compare(d, s, 30000, 1);
    ratel_structure_result *r2 = compare(d, s, 30000, 2);
    ratel_structure_result *r8 = compare(d, s, 30000, 8);
    size_t n1, n2, n8;
    const char *j1 = ratel_structure_result_json(r1, &n1);
    const char *j2 = ratel_structure_result_json(r2, &n2);
    const char *j8 = ratel_structure_result_json(r8, &n8);
    (void)state;
    assert_int_equal(n1, n2);
    assert_int_equal(n1, n8);
    assert_memory_equal(j1, j2, n1);
    assert_memory_equal(j1, j8, n1);
    ratel_structure_result_free(r1);
    ratel_structure_result_free(r2);
    ratel_structure_result_free(r8);
    ratel_structures_free(s);
    ratel_decl_free(d);
}

/* Each layer's simulated mean against its Panjer mean, from the JSON. */
static void test_structure_compare__simulation_meets_panjer(void **state)
{
    ratel_decl *d = decl_file(TEST_NEUTRAL);
    ratel_structures *s = structures_text(
        "{\"format_version\": 1, \"structures\": [{\"name\": \"c\", "
        "\"kind\": \"captive\", \"plan\": \"sme-cyber\", \"deductible\": 0,"
        " \"retention\": 1000000, \"aggregate\": 3000000, \"capital\": "
        "3000000, \"fronting_fee_pct\": 10, \"cost_of_capital_pct\": 8}]}");
    ratel_structure_result *r = compare(d, s, 400000, 2);
    const char *json = ratel_structure_result_json(r, NULL);
    const char *p = strstr(json, "\"annual_loss\":{\"mean\":");
    const char *q = strstr(json, "\"simulated_mean\":");
    double panjer, simulated;
    (void)state;
    assert_non_null(p);
    assert_non_null(q);
    panjer = atof(p + strlen("\"annual_loss\":{\"mean\":"));
    simulated = atof(q + strlen("\"simulated_mean\":"));
    assert_true(panjer > 0);
    if (fabs(panjer - simulated) > 0.02 * panjer) {
        print_error("Panjer %g, simulated %g\n", panjer, simulated);
        fail();
    }
    ratel_structure_result_free(r);
    ratel_structures_free(s);
    ratel_decl_free(d);
}

static void test_structure_compare__declines(void **state)
{
    ratel_decl *d = decl_file(TEST_NEUTRAL);
    ratel_decl *bad = decl_file("tests/golden/cases/incidents_four_declined.json");
    ratel_structures *s = structures_text(
        "{\"format_version\": 1, \"structures\": [{\"name\": \"thin\", "
        "\"kind\": \"captive\", \"plan\": \"sme-cyber\", \"retention\": "
        "10000000, \"aggregate\": 50000000, \"capital\": 1000000, "
        "\"fronting_fee_pct\": 10, \"cost_of_capital_pct\": 8}, {\"name\": "
        "\"policy\", \"kind\": \"insurance\", \"plan\": \"sme-cyber\"}, "
        "{\"name\": \"reserve\", \"kind\": \"self_insurance\", \"reserve\":"
        " 1000000}], \"scenarios\": [{\"name\": \"x\", \"losses\": "
        "[{\"peril\": \"malware\", \"amount\": 5000000}]}]}");
    ratel_structure_result *r = compare(d, s, 1000, 1);
    ratel_structure_info info;
    ratel_structure_outcome o;
    (void)state;
    /* the captive cannot pay its aggregate: no fronting */
    assert_int_equal(ratel_structure_get(r, 0, &info), RATEL_OK);
    assert_int_equal(info.declined, 1);
    assert_non_null(strstr(ratel_structure_note(r, 0, 0),
                           "will not front this captive"));
    assert_int_equal(ratel_structure_outcome_get(r, 0, 0, &o), RATEL_OK);
    assert_int_equal(o.cash, 5000000); /* a declined structure leaves all */
    assert_int_equal(ratel_structure_get(r, 1, &info), RATEL_OK);
    assert_int_equal(info.declined, 0);
    assert_non_null(strstr(ratel_structure_result_json(r, NULL),
                           "\"status\":\"declined\""));
    ratel_structure_result_free(r);

    /* four incidents: the plan declines the company, so it will neither
     * insure it nor front its captive; self-insurance stays */
    r = compare(bad, s, 1000, 1);
    assert_int_equal(ratel_structure_get(r, 0, &info), RATEL_OK);
    assert_int_equal(info.declined, 1);
    assert_non_null(strstr(ratel_structure_note(r, 0, 0),
                           "will not front a captive"));
    assert_non_null(strstr(ratel_structure_note(r, 0, 1), "LOSS_FREQUENCY"));
    assert_int_equal(ratel_structure_get(r, 1, &info), RATEL_OK);
    assert_int_equal(info.declined, 1);
    assert_non_null(strstr(ratel_structure_note(r, 1, 0), "declines the "
                                                          "company"));
    assert_int_equal(ratel_structure_get(r, 2, &info), RATEL_OK);
    assert_int_equal(info.declined, 0);
    ratel_structure_result_free(r);
    ratel_structures_free(s);
    ratel_decl_free(bad);
    ratel_decl_free(d);
}

static void expect_error(const ratel_decl *d, const char *json, int code,
                         const char *text)
{
    ratel_structures *s = structures_text(json);
    ratel_structure_result *r = (ratel_structure_result *)1;
    assert_int_equal(ratel_structure_compare(&r, ctx, d, s, NULL), code);
    assert_null(r);
    if (!strstr(ratel_ctx_errmsg(ctx), text)) {
        print_error("\"%s\" not in: %s\n", text, ratel_ctx_errmsg(ctx));
        fail();
    }
    ratel_structures_free(s);
}

static void test_structure_compare__errors(void **state)
{
    ratel_decl *d = decl_file(TEST_NEUTRAL), *empty = NULL;
    ratel_structures *s = structures_file("examples/structures.json");
    ratel_structure_result *r = NULL;
    ratel_structure_options o;
    (void)state;
    expect_error(d, "{\"format_version\": 1, \"structures\": [{\"name\": "
                 "\"p\", \"kind\": \"insurance\", \"plan\": \"nope\"}]}",
                 RATEL_ENOTFOUND, "$.structures[0]: plan nope");
    expect_error(d, "{\"format_version\": 1, \"structures\": [{\"name\": "
                 "\"p\", \"kind\": \"insurance\", \"plan\": \"sme-cyber\", "
                 "\"excess\": [{\"plan\": \"sme-cyber\", \"attachment\": "
                 "10000000, \"limit\": 50000000}]}]}", RATEL_EDECL,
                 "$.structures[0].excess[0].attachment: the layer attaches "
                 "at 10000000 yen, below the top");
    expect_error(d, "{\"format_version\": 1, \"structures\": [{\"name\": "
                 "\"c\", \"kind\": \"captive\", \"plan\": \"sme-cyber\", "
                 "\"retention\": 100000, \"aggregate\": 1, \"capital\": 1, "
                 "\"fronting_fee_pct\": 1, \"cost_of_capital_pct\": 1}]}",
                 RATEL_EDECL, "$.structures[0].retention");
    /* options: not made by init, newer than the library, out of range */
    memset(&o, 0, sizeof o);
    assert_int_equal(ratel_structure_compare(&r, ctx, d, s, &o), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "options_init"));
    ratel_structure_options_init(&o, 1);
    o.version = RATEL_STRUCTURE_OPTIONS_VERSION + 1;
    assert_int_equal(ratel_structure_compare(&r, ctx, d, s, &o), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "newer"));
    ratel_structure_options_init(&o, 1);
    o.years = 0;
    assert_int_equal(ratel_structure_compare(&r, ctx, d, s, &o), RATEL_EARG);
    o.years = 10;
    o.threads = 65;
    assert_int_equal(ratel_structure_compare(&r, ctx, d, s, &o), RATEL_EARG);
    assert_int_equal(ratel_structure_compare(&r, ctx, NULL, s, NULL),
                     RATEL_EARG);
    /* 10 million years of 8 structures fit in 2 GiB; of 32 they do not */
    {
        char json[4096];
        size_t i, len = (size_t)snprintf(json, sizeof json,
                                         "{\"format_version\": 1, "
                                         "\"structures\": [");
        ratel_structures *many;
        for (i = 0; i < 32; i++)
            len += (size_t)snprintf(json + len, sizeof json - len,
                                    "%s{\"name\": \"r%zu\", \"kind\": "
                                    "\"self_insurance\", \"reserve\": 1}",
                                    i ? "," : "", i);
        snprintf(json + len, sizeof json - len, "]}");
        many = structures_text(json);
        o.years = 10000000;
        o.threads = 1;
        assert_int_equal(ratel_structure_compare(&r, ctx, d, many, &o),
                         RATEL_EARG);
        assert_non_null(strstr(ratel_ctx_errmsg(ctx), "2 GiB"));
        ratel_structures_free(many);
    }
    assert_int_equal(ratel_structure_compare(&r, NULL, d, s, NULL),
                     RATEL_EARG);
    /* an incomplete declaration */
    assert_int_equal(ratel_decl_new(&empty, ctx, NULL), RATEL_OK);
    assert_int_equal(ratel_structure_compare(&r, ctx, empty, s, NULL),
                     RATEL_EDECL);
    assert_null(r);
    ratel_decl_free(empty);
    ratel_structures_free(s);
    ratel_decl_free(d);
    ratel_structure_result_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure_compare__example),
        cmocka_unit_test(test_structure_compare__same_bytes_on_1_2_8_threads),
        cmocka_unit_test(test_structure_compare__simulation_meets_panjer),
        cmocka_unit_test(test_structure_compare__declines),
        cmocka_unit_test(test_structure_compare__errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
