/* test_group.c - group quotes: every company rated on its own, the
 * plan's rate_group, the shares of the group premium (whole yen that add
 * up), companies left out or referring the group, limit bases, and what
 * the quote says of each company (accessors and JSON). */
#include "testutil.h"

static ratel_engine *engine;
static ratel_ctx *ctx;
static char *group_json;
static size_t group_len;

static int setup(void **state)
{
    (void)state;
    if (ratel_engine_open(&engine, TEST_TABLES_DIR "/ratel.db",
                          TEST_PLANS_DIR, NULL) ||
        ratel_ctx_new(&ctx, engine))
        return -1;
    group_json = test_slurp("examples/group.json", &group_len);
    return group_json ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(group_json);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

/* examples/group.json with the first `from` replaced by `to`. */
static char *with(const char *from, const char *to)
{
    const char *at = strstr(group_json, from);
    size_t n = group_len - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    assert_non_null(at);
    snprintf(out, n, "%.*s%s%s", (int)(at - group_json), group_json, to,
             at + strlen(from));
    return out;
}

static ratel_quote *rate_ok(const char *json, const char *plan)
{
    ratel_quote *q = NULL;
    if (test_rate_json(&q, ctx, json, strlen(json), plan, 0) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(ctx));
    return q;
}

/* The shares add up to the total; each saving is what the company would
 * pay alone less its share; the sum of the standalone premiums. */
static int64_t check_shares(const ratel_quote *q)
{
    size_t i, n = ratel_quote_entity_count(q);
    int64_t sum = 0, alone = 0;
    for (i = 0; i < n; i++) {
        ratel_entity e;
        assert_int_equal(ratel_quote_entity(q, i, &e), RATEL_OK);
        assert_int_equal(e.standalone_premium,
                         ratel_quote_total_premium(
                             ratel_quote_entity_quote(q, i)));
        if (!e.included) {
            assert_int_equal(e.share, 0);
            continue;
        }
        assert_int_equal(e.saving, e.standalone_premium - e.share);
        sum += e.share;
        alone += e.standalone_premium;
    }
    assert_int_equal(sum, ratel_quote_total_premium(q));
    return alone;
}

static void test_group__parent_and_three_subsidiaries(void **state)
{
    const char *plans[] = {"sme-cyber", "questionnaire-cyber"};
    size_t k;
    (void)state;
    for (k = 0; k < 2; k++) {
        ratel_quote *q = rate_ok(group_json, plans[k]);
        ratel_entity e;
        int64_t alone, total = ratel_quote_total_premium(q);
        double saving;
        assert_int_equal(ratel_quote_entity_count(q), 4);
        assert_int_equal(ratel_quote_entity(q, 0, &e), RATEL_OK);
        assert_string_equal(e.path, "applicant");
        assert_string_equal(e.role, "parent");
        assert_int_equal(ratel_quote_entity(q, 2, &e), RATEL_OK);
        assert_string_equal(e.path, "entities[1]");
        assert_string_equal(e.role, "subsidiary");
        assert_non_null(strstr(e.name, "物流"));
        alone = check_shares(q);
        /* the market's 10-25% less than four policies */
        saving = 1.0 - (double)total / (double)alone;
        if (saving < 0.10 - 1e-9 || saving > 0.25 + 1e-9)
            fail_msg("%s: the group saves %.1f%%", plans[k], saving * 100);
        assert_int_equal(ratel_quote_entity(q, 4, &e), RATEL_EARG);
        assert_null(ratel_quote_entity_quote(q, 4));
        /* the standalone quote is a whole quote of its own */
        assert_int_equal(
            ratel_quote_entity_count(ratel_quote_entity_quote(q, 1)), 0);
        ratel_quote_free(q);
    }
}

static void test_group__shares_in_whole_yen_by_largest_remainder(void **state)
{
    ratel_quote *q = rate_ok(group_json, "sme-cyber");
    ratel_step s;
    size_t i, n = ratel_quote_step_count(q), steps = 0;
    (void)state;
    check_shares(q);
    /* one allocation step per company on the group's worksheet */
    for (i = 0; i < n; i++)
        if (ratel_quote_step(q, i, &s) == RATEL_OK &&
            strcmp(s.op, "allocate") == 0 &&
            strcmp(s.coverage, "policy") == 0) {
            assert_non_null(strstr(s.label, "share of the group premium (by "
                                            "standalone premium, largest "
                                            "remainder)"));
            steps++;
        }
    assert_int_equal(steps, 4);
    ratel_quote_free(q);
}

static void test_group__shared_limit_costs_less(void **state)
{
    char *own = with("\"limit_basis\": \"shared\"", "\"limit_basis\": "
                     "\"per_entity\"");
    char *both = with("\"limit_basis\": \"shared\"", "\"limit_basis\": "
                      "\"both\"");
    ratel_quote *qs = rate_ok(group_json, "sme-cyber");
    ratel_quote *qo = rate_ok(own, "sme-cyber");
    ratel_quote *qb = rate_ok(both, "sme-cyber");
    (void)state;
    assert_true(ratel_quote_total_premium(qs) <
                ratel_quote_total_premium(qb));
    assert_true(ratel_quote_total_premium(qb) <
                ratel_quote_total_premium(qo));
    ratel_quote_free(qs);
    ratel_quote_free(qo);
    ratel_quote_free(qb);
    free(own);
    free(both);
}

/* A company's own limit: its standalone quote is priced at it. */
static void test_group__limit_per_entity(void **state)
{
    char *json = with("\"ownership_pct\": 80,", "\"ownership_pct\": 80, "
                      "\"limit\": 100000000,");
    char *own = NULL;
    ratel_quote *q;
    ratel_coverage c;
    (void)state;
    own = malloc(strlen(json) + 32);
    snprintf(own, strlen(json) + 32, "%s", json);
    q = rate_ok(own, "sme-cyber");
    assert_int_equal(ratel_quote_coverage(ratel_quote_entity_quote(q, 3), 0,
                                          &c), RATEL_OK);
    assert_string_equal(c.name, "liability");
    assert_int_equal(c.limit, 100000000);
    assert_int_equal(ratel_quote_coverage(ratel_quote_entity_quote(q, 1), 0,
                                          &c), RATEL_OK);
    assert_int_equal(c.limit, 300000000); /* the group's */
    check_shares(q);
    ratel_quote_free(q);
    free(json);
    free(own);
}

/* Four incidents decline the IT subsidiary on its own: sme-cyber leaves
 * it out of the group; questionnaire-cyber refers the whole group. */
static void test_group__declined_company(void **state)
{
    static const char four[] =
        "\"controls\": {\"mfa\": true, \"edr\": true, \"offline_backup\": "
        "true}, \"incidents\": ["
        "{\"date\": \"2025-01-10\", \"type\": \"malware\", \"paid\": 100000},"
        "{\"date\": \"2025-02-10\", \"type\": \"malware\", \"paid\": 100000},"
        "{\"date\": \"2025-03-10\", \"type\": \"ddos\", \"paid\": 100000},"
        "{\"date\": \"2025-04-10\", \"type\": \"other\", \"paid\": 100000}]}";
    char *json = with("\"controls\": {\"mfa\": true, \"edr\": true, "
                      "\"offline_backup\": true}}", four);
    ratel_quote *q;
    ratel_entity e;
    ratel_reason r;
    size_t i;
    int found = 0;
    (void)state;
    q = rate_ok(json, "sme-cyber");
    assert_int_equal(ratel_quote_entity(q, 3, &e), RATEL_OK);
    assert_int_equal(e.included, 0);
    assert_non_null(strstr(e.exclusion, "LOSS_FREQUENCY"));
    assert_int_equal(ratel_quote_decision(ratel_quote_entity_quote(q, 3)),
                     RATEL_DECLINED);
    assert_int_equal(ratel_quote_decision(q), RATEL_QUOTED);
    check_shares(q);
    ratel_quote_free(q);

    q = rate_ok(json, "questionnaire-cyber");
    assert_int_equal(ratel_quote_decision(q), RATEL_REFERRED);
    for (i = 0; i < ratel_quote_reason_count(q); i++) {
        assert_int_equal(ratel_quote_reason(q, i, &r), RATEL_OK);
        found |= strcmp(r.code, "GROUP_COMPANY_DECLINED") == 0 &&
                 strstr(r.text, "entities[2]") != NULL;
        found |= (strcmp(r.code, "entities[2]:LOSS_FREQUENCY") == 0) << 1;
    }
    assert_int_equal(found, 3); /* the plan's referral and the company's */
    assert_int_equal(ratel_quote_entity(q, 3, &e), RATEL_OK);
    assert_int_equal(e.included, 1);
    check_shares(q);
    ratel_quote_free(q);
    free(json);
}

/* The parent declined on its own: sme-cyber declines the group. */
static void test_group__declined_parent(void **state)
{
    char *json = with("\"revenue\": 3000000000", "\"revenue\": "
                      "200000000000");
    ratel_quote *q = rate_ok(json, "sme-cyber");
    size_t i;
    (void)state;
    assert_int_equal(ratel_quote_decision(q), RATEL_DECLINED);
    assert_int_equal(ratel_quote_total_premium(q), 0);
    for (i = 0; i < ratel_quote_entity_count(q); i++) {
        ratel_entity e;
        ratel_quote_entity(q, i, &e);
        assert_int_equal(e.share, 0);
    }
    ratel_quote_free(q);
    free(json);
}

/* Subjectivities are the group's and each company's, with its path. */
static void test_group__subjectivities_per_company(void **state)
{
    ratel_quote *q = rate_ok(group_json, "sme-cyber");
    ratel_reason r;
    size_t i;
    int found = 0;
    (void)state;
    for (i = 0; i < ratel_quote_subjectivity_count(q); i++) {
        assert_int_equal(ratel_quote_subjectivity(q, i, &r), RATEL_OK);
        if (strcmp(r.code, "entities[1]:OFFLINE_BACKUP") == 0 &&
            strstr(r.text, "物流"))
            found = 1;
    }
    assert_true(found);
    ratel_quote_free(q);
}

static void test_group__plan_without_rate_group(void **state)
{
    ratel_quote *q = NULL;
    (void)state;
    assert_int_equal(test_rate_json(&q, ctx, group_json, group_len,
                                    "chamber-scheme", 0), RATEL_EDECL);
    assert_null(q);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx),
                           "plan 'chamber-scheme' does not rate groups"));
}

static void test_group__json(void **state)
{
    ratel_quote *q = rate_ok(group_json, "sme-cyber"), *one;
    char *text = NULL;
    (void)state;
    assert_int_equal(ratel_quote_json(q, &text, NULL), RATEL_OK);
    assert_non_null(strstr(text, "\n\"group_allocation\":\"standalone\","));
    assert_string_equal(ratel_quote_group_allocation(q), "standalone");
    assert_null(ratel_quote_group_allocation(ratel_quote_entity_quote(q, 1)));
    assert_null(ratel_quote_group_allocation(NULL));
    assert_non_null(strstr(text, "\n\"entities\":[\n{\"path\":\"applicant\","
                                 "\"name\":"));
    assert_non_null(strstr(text, "\"included\":true,\"exclusion\":null,"
                                 "\"standalone_premium\":"));
    assert_non_null(strstr(text, ",\"standalone\":{\"format_version\":1,\n\"decision\":"));
    ratel_free(text);
    ratel_quote_free(q);
    /* a quote of one company has no entities */
    one = rate_ok("{\"effective_date\": \"2026-07-01\", \"applicant\": "
                  "{\"name\": \"A\", \"revenue\": 500000000, \"industry\": "
                  "\"retail\", \"employees\": 3}, \"request\": "
                  "{\"liability_limit\": 100000000, \"expense_limit\": "
                  "30000000, \"deductible\": 100000}}", "sme-cyber");
    assert_int_equal(ratel_quote_json(one, &text, NULL), RATEL_OK);
    assert_null(strstr(text, "\"entities\""));
    assert_int_equal(ratel_quote_entity_count(one), 0);
    ratel_free(text);
    ratel_quote_free(one);
}

/* The same group gives the same bytes every time. */
/* A menu of a group declaration prices each option as a group: the
 * option's quote is the group quote of the declaration with the option's
 * terms (it priced the parent alone before). */
static void test_group__menu_rates_the_group(void **state)
{
    ratel_options *options = NULL;
    ratel_menu *menu = NULL;
    ratel_decl *d = NULL;
    ratel_rate_options o;
    ratel_quote *alone;
    char *higher = with("\"deductible\": 100000", "\"deductible\": 500000");
    char *a = NULL, *b = NULL;
    (void)state;
    assert_int_equal(ratel_options_new(&options), RATEL_OK);
    assert_int_equal(ratel_options_add(options, "as asked"), RATEL_OK);
    assert_int_equal(ratel_options_add(options, "deductible 500k"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(options, "request.deductible",
                                           500000), RATEL_OK);
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, group_json, group_len),
                     RATEL_OK);
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = "sme-cyber";
    assert_int_equal(ratel_rate_menu(&menu, ctx, d, &o, options), RATEL_OK);
    assert_int_equal(ratel_menu_count(menu), 2);
    assert_int_equal(ratel_menu_error(menu, 1, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_entity_count(ratel_menu_quote(menu, 1)), 4);
    alone = rate_ok(higher, "sme-cyber");
    assert_int_equal(ratel_quote_json(ratel_menu_quote(menu, 1), &a, NULL),
                     RATEL_OK);
    assert_int_equal(ratel_quote_json(alone, &b, NULL), RATEL_OK);
    assert_string_equal(a, b);
    ratel_free(a);
    ratel_free(b);
    ratel_quote_free(alone);
    alone = rate_ok(group_json, "sme-cyber");
    assert_int_equal(ratel_quote_total_premium(ratel_menu_quote(menu, 0)),
                     ratel_quote_total_premium(alone));
    assert_true(ratel_quote_total_premium(ratel_menu_quote(menu, 1)) <
                ratel_quote_total_premium(alone));
    ratel_quote_free(alone);
    ratel_menu_free(menu);
    ratel_decl_free(d);
    ratel_options_free(options);
    free(higher);
}

static void test_group__deterministic(void **state)
{
    ratel_quote *a = rate_ok(group_json, "sme-cyber");
    ratel_quote *b = rate_ok(group_json, "sme-cyber");
    char *ta = NULL, *tb = NULL;
    (void)state;
    ratel_quote_json(a, &ta, NULL);
    ratel_quote_json(b, &tb, NULL);
    assert_string_equal(ta, tb);
    ratel_free(ta);
    ratel_free(tb);
    ratel_quote_free(a);
    ratel_quote_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group__parent_and_three_subsidiaries),
        cmocka_unit_test(test_group__shares_in_whole_yen_by_largest_remainder),
        cmocka_unit_test(test_group__shared_limit_costs_less),
        cmocka_unit_test(test_group__limit_per_entity),
        cmocka_unit_test(test_group__declined_company),
        cmocka_unit_test(test_group__declined_parent),
        cmocka_unit_test(test_group__subjectivities_per_company),
        cmocka_unit_test(test_group__plan_without_rate_group),
        cmocka_unit_test(test_group__json),
        cmocka_unit_test(test_group__menu_rates_the_group),
        cmocka_unit_test(test_group__deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
