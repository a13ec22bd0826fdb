/* test_settle.c - a loss settled against a policy's terms, checked
 * against claims worked by hand for every term and the order a claim is
 * adjusted in (what no part pays, waiting and indemnity periods,
 * deductible, coinsurance, sub-limits, limit and aggregate); the split of
 * a cut over categories; the terms priced read from a real quote; and
 * plan.coverage_terms read at plan load, with every error it reports. */
#include "testutil.h"

#include "engine.h"
#include "settle.h"

#define M 1000000

/* One part, `pays` the categories given, no sub-limit. */
static settle_terms one_part(settle_part *part, const char *name,
                             settle_set pays)
{
    settle_terms t = {part, 1};
    memset(part, 0, sizeof *part);
    snprintf(part->name, sizeof part->name, "%s", name);
    part->pays = pays;
    return t;
}

static settle_priced priced(int64_t limit, int64_t deductible, int64_t pct)
{
    settle_priced p;
    size_t s;
    memset(&p, 0, sizeof p);
    p.present = 1;
    p.limit = limit;
    p.deductible = deductible;
    p.coinsurance_pct = pct;
    p.aggregate = p.waiting_hours = p.indemnity_days = -1;
    for (s = 0; s < SETTLE_MAX_SUBLIMITS; s++)
        p.sublimit[s] = -1;
    return p;
}

#define FORENSIC SETTLE_FORENSIC_INVESTIGATION
#define LEGAL SETTLE_LEGAL_CONSULTING
#define RANSOM SETTLE_RANSOM
#define PROFIT SETTLE_LOST_PROFIT

static void test_settle__categories(void **state)
{
    (void)state;
    assert_int_equal(settle_category_find("ransom", 6), RANSOM);
    assert_int_equal(settle_category_find("ransome", 7), -1);
    assert_string_equal(settle_category_closest("ransome", 7), "ransom");
    assert_null(settle_category_closest("xyz", 3));
    assert_true(settle_categories[PROFIT].time_element);
    assert_false(settle_categories[RANSOM].time_element);
}

/* 1,000,000 off 8m and 16m: 333,333.33 and 666,666.67; the last yen to
 * the larger fraction. */
static void test_settle__spread(void **state)
{
    int64_t a[SETTLE_NCATEGORIES] = {0}, taken[SETTLE_NCATEGORIES] = {0};
    (void)state;
    a[FORENSIC] = 8 * M;
    a[LEGAL] = 16 * M;
    settle_spread(a, SETTLE_BIT(FORENSIC) | SETTLE_BIT(LEGAL), M, taken);
    assert_int_equal(taken[FORENSIC], 333333);
    assert_int_equal(taken[LEGAL], 666667);
    assert_int_equal(a[FORENSIC] + a[LEGAL], 23 * M);
    /* equal fractions: the earlier category takes the odd yen */
    memset(taken, 0, sizeof taken);
    a[FORENSIC] = a[LEGAL] = 5;
    settle_spread(a, SETTLE_BIT(FORENSIC) | SETTLE_BIT(LEGAL), 3, taken);
    assert_int_equal(taken[FORENSIC], 2);
    assert_int_equal(taken[LEGAL], 1);
    /* a cut above the sum takes everything; a zero cut nothing */
    settle_spread(a, SETTLE_BIT(FORENSIC) | SETTLE_BIT(LEGAL), 99, taken);
    assert_int_equal(a[FORENSIC] + a[LEGAL], 0);
    assert_int_equal(settle_muldiv(RATEL_MONEY_MAX, 100, 7),
                     (int64_t)14285714285714285);
}

/* The deductible, then 90% coinsurance, then the limit: 8m + 16m, a
 * deductible of 1m leaves 23m; the insurer's 90% is 20.7m, under the
 * limit of 30m. */
static void test_settle__deductible_then_coinsurance(void **state)
{
    settle_part part;
    settle_terms t = one_part(&part, "expense",
                              SETTLE_BIT(FORENSIC) | SETTLE_BIT(LEGAL));
    settle_priced p = priced(30 * M, M, 90);
    settle_loss loss;
    settle_result r;
    (void)state;
    memset(&loss, 0, sizeof loss);
    loss.amount[FORENSIC] = 8 * M;
    loss.amount[LEGAL] = 16 * M;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.kept_by[FORENSIC][SETTLE_DEDUCTIBLE], 333333);
    assert_int_equal(r.kept_by[LEGAL][SETTLE_DEDUCTIBLE], 666667);
    assert_int_equal(r.total_pays, 20700000);
    /* 10% of 7,666,667 and of 15,333,333 */
    assert_int_equal(r.kept_by[FORENSIC][SETTLE_COINSURANCE], 766667);
    assert_int_equal(r.kept_by[LEGAL][SETTLE_COINSURANCE], 1533333);
    assert_int_equal(r.pays[FORENSIC], 6900000);
    assert_int_equal(r.pays[LEGAL], 13800000);
    assert_int_equal(r.total_keeps, 3300000);
    assert_int_equal(r.total_loss, 24 * M);
    assert_int_equal(r.part_loss[0], 24 * M);
    assert_int_equal(r.part_pays[0], 20700000);
    assert_int_equal(r.part_capped[0], 0);
}

/* Coinsurance before the sub-limit: a ransom of 20m at 90% is 18m, capped
 * by a ransom sub-limit of 10m; the forensics beside it are not capped. */
static void test_settle__sublimit_after_coinsurance(void **state)
{
    settle_part part;
    settle_terms t = one_part(&part, "expense",
                              SETTLE_BIT(FORENSIC) | SETTLE_BIT(RANSOM));
    settle_priced p = priced(100 * M, 0, 90);
    settle_loss loss;
    settle_result r;
    (void)state;
    strcpy(part.sublimits[0].term, "ransom");
    part.sublimits[0].categories = SETTLE_BIT(RANSOM);
    part.nsublimits = 1;
    p.sublimit[0] = 10 * M;
    memset(&loss, 0, sizeof loss);
    loss.amount[RANSOM] = 20 * M;
    loss.amount[FORENSIC] = 4 * M;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.kept_by[RANSOM][SETTLE_COINSURANCE], 2 * M);
    assert_int_equal(r.kept_by[RANSOM][SETTLE_SUBLIMIT], 8 * M);
    assert_int_equal(r.pays[RANSOM], 10 * M);
    assert_int_equal(r.pays[FORENSIC], 3600000);
    assert_int_equal(r.part_capped[0], 8 * M);
    /* no sub-limit priced: the limit alone */
    p.sublimit[0] = -1;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.pays[RANSOM], 18 * M);
}

/* The limit last, over what the sub-limits left: 40m + 30m asked of a
 * 50m limit; 20m cut pro rata (4/7 and 3/7). An aggregate below the
 * limit caps instead. */
static void test_settle__limit_and_aggregate(void **state)
{
    settle_part part;
    settle_terms t = one_part(&part, "expense",
                              SETTLE_BIT(FORENSIC) | SETTLE_BIT(LEGAL));
    settle_priced p = priced(50 * M, 0, 100);
    settle_loss loss;
    settle_result r;
    (void)state;
    memset(&loss, 0, sizeof loss);
    loss.amount[FORENSIC] = 40 * M;
    loss.amount[LEGAL] = 30 * M;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.kept_by[FORENSIC][SETTLE_LIMIT], 11428571);
    assert_int_equal(r.kept_by[LEGAL][SETTLE_LIMIT], 8571429);
    assert_int_equal(r.total_pays, 50 * M);
    assert_int_equal(r.part_capped[0], 20 * M);
    p.aggregate = 35 * M;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.total_pays, 35 * M);
    assert_int_equal(r.total_keeps, 35 * M);
}

/* Lost profit of 30m over a 30-day outage (720 hours): a 12-hour waiting
 * period leaves 708 hours paid, 29.5m; an indemnity period of 10 days
 * pays 240 - 12 = 228 hours, 9.5m. */
static void test_settle__waiting_and_indemnity(void **state)
{
    settle_part part;
    settle_terms t = one_part(&part, "bi", SETTLE_BIT(PROFIT) |
                                               SETTLE_BIT(SETTLE_EXTRA_EXPENSE));
    settle_priced p = priced(100 * M, 0, 100);
    settle_loss loss;
    settle_result r;
    (void)state;
    memset(&loss, 0, sizeof loss);
    loss.amount[PROFIT] = 30 * M;
    loss.outage_hours = 720;
    p.waiting_hours = 12;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.kept_by[PROFIT][SETTLE_TIME], 500000);
    assert_int_equal(r.pays[PROFIT], 29500000);
    p.indemnity_days = 10;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.pays[PROFIT], 9500000);
    /* an outage shorter than the waiting period pays nothing */
    loss.outage_hours = 10;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.pays[PROFIT], 0);
    assert_int_equal(r.kept_by[PROFIT][SETTLE_TIME], 30 * M);
    /* the deductible comes after the waiting period */
    loss.outage_hours = 720;
    p.indemnity_days = -1;
    p.deductible = M;
    settle_apply(&t, &p, &loss, &r);
    assert_int_equal(r.pays[PROFIT], 28500000);
}

/* What no part pays, or a part the quote does not have (no BI), stays
 * with the insured; so does everything under a declined quote. */
static void test_settle__not_covered(void **state)
{
    settle_part parts[2];
    settle_terms t = {parts, 2};
    settle_priced p[2];
    settle_loss loss;
    settle_result r;
    (void)state;
    one_part(&parts[0], "expense", SETTLE_BIT(FORENSIC));
    one_part(&parts[1], "bi", SETTLE_BIT(PROFIT));
    p[0] = priced(10 * M, 0, 100);
    p[1] = priced(10 * M, 0, 100);
    p[1].present = 0;
    memset(&loss, 0, sizeof loss);
    loss.amount[FORENSIC] = 3 * M;
    loss.amount[RANSOM] = 5 * M;
    loss.amount[PROFIT] = 7 * M;
    settle_apply(&t, p, &loss, &r);
    assert_int_equal(r.pays[FORENSIC], 3 * M);
    assert_int_equal(r.kept_by[RANSOM][SETTLE_NOT_COVERED], 5 * M);
    assert_int_equal(r.kept_by[PROFIT][SETTLE_NOT_COVERED], 7 * M);
    assert_int_equal(r.total_keeps, 12 * M);
    assert_int_equal(r.part_loss[1], 0);
}

/* The terms of the neutral quote by sme-cyber, and the shipped plans'
 * coverage terms. */
static void test_settle__priced_from_quote(void **state)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_quote *q = NULL;
    settle_priced p[SETTLE_MAX_PARTS];
    const plan_def *plan;
    char *json;
    size_t len = 0, k;
    int exists;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db",
                                       "rating-scripts", NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    json = test_slurp("examples/full.json", &len);
    assert_int_equal(test_rate_json(&q, c, json, len, "sme-cyber", 0),
                     RATEL_OK);
    plan = engine_find_plan(e, "sme-cyber", 21000, &exists);
    assert_non_null(plan);
    assert_int_equal(plan->coverage_terms.nparts, 3);
    /* parts in byte order of their names */
    assert_string_equal(plan->coverage_terms.parts[0].name, "bi");
    assert_string_equal(plan->coverage_terms.parts[1].name, "expense");
    assert_true(plan->coverage_terms.parts[1].pays & SETTLE_BIT(RANSOM));
    assert_string_equal(plan->coverage_terms.parts[1].sublimits[0].term,
                        "credit_monitoring");
    settle_priced_read(&plan->coverage_terms, q, p);
    for (k = 0; k < 3; k++) {
        assert_true(p[k].present);
        assert_int_equal(p[k].deductible, 500000);
        assert_int_equal(p[k].coinsurance_pct, 90);
    }
    assert_int_equal(p[0].limit, 20 * M);
    assert_int_equal(p[0].waiting_hours, 12);
    assert_int_equal(p[1].limit, 30 * M);
    assert_int_equal(p[1].sublimit[0], -1);
    assert_int_equal(p[2].limit, 100 * M);
    assert_int_equal(p[2].aggregate, -1);
    plan = engine_find_plan(e, "chamber-scheme", 21000, &exists);
    assert_int_equal(plan->coverage_terms.nparts, 2);
    assert_true(plan->coverage_terms.parts[0].is_sublimit);
    assert_false(plan->coverage_terms.parts[0].pays & SETTLE_BIT(RANSOM));
    /* a declined quote prices no part */
    settle_priced_read(&plan->coverage_terms, NULL, p);
    assert_false(p[0].present);
    free(json);
    ratel_quote_free(q);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

/* A plan whose coverage_terms are `terms` (Lua) fails to load with a
 * message holding `expect` (NULL: it loads). */
static void load_terms(const char *terms, const char *expect)
{
    char dir[64], src[2048];
    ratel_engine_options o = test_engine_options();
    ratel_engine *e = NULL;
    int rc;
    snprintf(src, sizeof src,
             "plan = { id = 't', insurer = 'T', product = 'T', version = "
             "'1', effective_date = '2020-01-01', tables = { 'sme_terms' },"
             "\n coverage_terms = %s }\nfunction rate(d) end\n", terms);
    test_tmpdir(dir);
    test_write(dir, "t.lua", src);
    rc = ratel_engine_open(&e, "tables/ratel.db", dir, &o);
    if (!expect) {
        if (rc != RATEL_OK)
            fail_msg("%s", ratel_engine_errmsg(e));
    } else {
        assert_int_equal(rc, RATEL_EPLAN);
        if (!strstr(ratel_engine_errmsg(e), expect))
            fail_msg("'%s' not in '%s'", expect, ratel_engine_errmsg(e));
    }
    ratel_engine_free(e);
    test_rmdir(dir);
}

static void test_settle__plan_terms_errors(void **state)
{
    (void)state;
    load_terms("{ cyber = { pays = { 'ransom', 'lost_profit' }, sublimits = "
               "{ ransom = { 'ransom' } }, sublimit = true } }", NULL);
    load_terms("5", "plan.coverage_terms must be a table");
    load_terms("{ cyber = 5 }", "plan.coverage_terms.cyber must be a table");
    load_terms("{ cyber = { pays = {} } }",
               "plan.coverage_terms.cyber.pays must be a list of loss "
               "categories");
    load_terms("{ cyber = { pays = { 'ransome' } } }",
               "plan.coverage_terms.cyber.pays[1] is not a loss category; "
               "did you mean ransom?");
    load_terms("{ cyber = { pays = { 'ransom', 'ransom' } } }",
               "names ransom twice");
    load_terms("{ a = { pays = { 'ransom' } }, b = { pays = { 'ransom' } } }",
               "plan.coverage_terms.b pays a category another part pays");
    load_terms("{ cyber = { pays = { 'ransom' }, payz = 1 } }",
               "unknown key 'payz'");
    load_terms("{ cyber = { pays = { 'ransom' }, sublimits = { x = "
               "{ 'call_centre' } } } }",
               "plan.coverage_terms.cyber.sublimits.x caps a category the "
               "part does not pay");
    load_terms("{ cyber = { pays = { 'ransom' }, sublimits = 3 } }",
               "sublimits must be a table");
    load_terms("{ Cyber = { pays = { 'ransom' } } }",
               "each named as the plan's cover() names it");
    load_terms("{ cyber = { pays = { 'ransom' }, sublimit = 1 } }",
               "plan.coverage_terms.cyber.sublimit must be true or false");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settle__categories),
        cmocka_unit_test(test_settle__spread),
        cmocka_unit_test(test_settle__deductible_then_coinsurance),
        cmocka_unit_test(test_settle__sublimit_after_coinsurance),
        cmocka_unit_test(test_settle__limit_and_aggregate),
        cmocka_unit_test(test_settle__waiting_and_indemnity),
        cmocka_unit_test(test_settle__not_covered),
        cmocka_unit_test(test_settle__priced_from_quote),
        cmocka_unit_test(test_settle__plan_terms_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
