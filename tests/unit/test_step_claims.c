/* test_step_claims.c - a set/mul/add/at_least/at_most/note step that
 * names a table and a key carries the value the table holds for that key
 * (issue 18): the worksheet cannot show a lookup that did not happen. A
 * different value, a key with no row, or the wrong number of keys fails
 * the quote with the plan's file and line, what the plan passed and what
 * the table holds. */
#include "testutil.h"

/* The plan's metadata: tables with text, integer, interpolated and two
 * keys. Line 1 of the plan; rate() starts on line 2. */
#define META                                                               \
    "plan = { id = 't', insurer = 'T', product = 'T', version = '1',"     \
    " effective_date = '2020-01-01', tables = { 'sme_industry',"          \
    " 'sme_terms', 'sme_control_credit', 'sme_deductible', 'cc_premium' } }\n"
#define PRICE "combine('c') round('policy', 'r', 10)\n"

typedef struct run {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
    ratel_quote *q;
    int rc;
} run;

/* Rates examples/neutral.json with a plan whose rate(d) covers 'x' at
 * 1,000 yen, runs `steps` (line 3 onwards), then combines and rounds. */
static run *rate_with(const char *steps)
{
    run *r = calloc(1, sizeof *r);
    ratel_engine_options o = test_engine_options();
    char src[4096];
    size_t len = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &len);
    assert_non_null(r);
    assert_non_null(neutral);
    snprintf(src, sizeof src, META "function rate(d) cover('x', 1) "
             "set('x', 'p', 1000)\n%s\n" PRICE "end\n", steps);
    test_tmpdir(r->dir);
    test_write(r->dir, "t.lua", src);
    assert_int_equal(ratel_engine_open(&r->engine, "tables/ratel.db", r->dir,
                                       &o), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&r->ctx, r->engine), RATEL_OK);
    r->rc = test_rate_json(&r->q, r->ctx, neutral, len, "t", 0);
    free(neutral);
    return r;
}

static void done(run *r)
{
    ratel_quote_free(r->q);
    ratel_ctx_free(r->ctx);
    ratel_engine_free(r->engine);
    test_rmdir(r->dir);
    free(r);
}

/* The steps rate; the step at `index` names table[key]. */
static void expect_ok(const char *steps, size_t index, const char *table,
                      const char *key)
{
    run *r = rate_with(steps);
    ratel_step s;
    if (r->rc != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(r->ctx));
    assert_int_equal(ratel_quote_step(r->q, index, &s), RATEL_OK);
    assert_string_equal(s.table, table);
    assert_string_equal(s.key, key);
    done(r);
}

/* The steps fail on line 3 of t.lua with a message holding `needle`. */
static void expect_error(const char *steps, const char *needle)
{
    run *r = rate_with(steps);
    assert_int_equal(r->rc, RATEL_ESCRIPT);
    assert_null(r->q);
    if (!strstr(ratel_ctx_errmsg(r->ctx), needle))
        fail_msg("'%s' lacks '%s'", ratel_ctx_errmsg(r->ctx), needle);
    assert_non_null(strstr(ratel_ctx_errscript(r->ctx), "t.lua"));
    assert_int_equal(ratel_ctx_errline(r->ctx), 3);
    done(r);
}

static void test_step_claims__the_tables_value_passes(void **state)
{
    (void)state;
    expect_ok("mul('x', 'Industry', 1.375, 'sme_industry', 'retail')", 1,
              "sme_industry", "retail");
    expect_ok("at_least('x', 'Minimum', lookup('sme_terms', "
              "'minimum_premium'), 'sme_terms', 'minimum_premium')", 1,
              "sme_terms", "minimum_premium");
    /* an interpolated table, a number as key (and as text) */
    expect_ok("note('x', 'Credit', lookup('sme_control_credit', 75), "
              "'sme_control_credit', 75)", 1, "sme_control_credit", "75");
    expect_ok("note('x', 'Credit', 0.2, 'sme_control_credit', '75')", 1,
              "sme_control_credit", "75");
    /* an integer key as a float, and as text */
    expect_ok("mul('x', 'Deductible', 0.92, 'sme_deductible', 500000.0)", 1,
              "sme_deductible", "500000");
    expect_ok("mul('x', 'Deductible', 0.92, 'sme_deductible', '500000')", 1,
              "sme_deductible", "500000");
    /* two keys joined by '/', as the worksheet shows them */
    expect_ok("note('x', 'Option', 76900, 'cc_premium', '3/100000000')", 1,
              "cc_premium", "3/100000000");
}

static void test_step_claims__another_value_fails(void **state)
{
    (void)state;
    expect_error("mul('x', 'Industry relativity', 1.2, 'sme_industry', "
                 "'retail')", "step 'Industry relativity' passes 1.2 beside "
                 "sme_industry[retail], which holds 1.375 (version 2025.1)");
    expect_error("note('x', 'Option', 70000, 'cc_premium', '3/100000000')",
                 "passes 70000 beside cc_premium[3/100000000], which holds "
                 "76900");
    expect_error("at_least('x', 'Minimum', 30000, 'sme_terms', "
                 "'minimum_premium')", "which holds");
}

static void test_step_claims__no_such_row_fails(void **state)
{
    (void)state;
    expect_error("note('x', 'Points', 43, 'sme_terms', 'sum')",
                 "step 'Points' names sme_terms[sum], which has no row for "
                 "that key");
    expect_error("mul('x', 'Deductible', 0.9, 'sme_deductible', 200000)",
                 "no row for that key");
    expect_error("note('x', 'Option', 1, 'cc_premium', '3/123')",
                 "no row for that key");
    expect_error("note('x', 'Option', 76900, 'cc_premium', 3)",
                 "names cc_premium[3], but table 'cc_premium' takes 2 keys "
                 "(join them with '/')");
}

/* A table without a key claims no row; a step with neither is the plan's
 * own figure. Either way the value is the plan's. */
static void test_step_claims__a_table_alone_claims_no_row(void **state)
{
    run *r;
    ratel_step s;
    (void)state;
    r = rate_with("note('x', 'Certifications (capped)', 0.3, "
                  "'sme_terms') mul('x', 'Own', 1.2)");
    if (r->rc != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(r->ctx));
    assert_int_equal(ratel_quote_step(r->q, 1, &s), RATEL_OK);
    assert_string_equal(s.table, "sme_terms");
    assert_null(s.key);
    done(r);
}

/* An underwriter's override of such a step is the override's value: the
 * plan's value is what is checked. */
static void test_step_claims__overrides_are_kept(void **state)
{
    run *r = rate_with("mul('x', 'Industry', 1.375, 'sme_industry', "
                       "'retail')");
    ratel_override ov = {"x", "Industry", 1.1, "broker's loyalty"};
    ratel_rate_options o;
    ratel_quote *q = NULL;
    ratel_decl *d = NULL;
    size_t len = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &len);
    ratel_step s;
    (void)state;
    assert_int_equal(r->rc, RATEL_OK);
    assert_int_equal(ratel_decl_parse(&d, r->ctx, "cyber-sme", neutral, len),
                     RATEL_OK);
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = "t";
    o.overrides = &ov;
    o.noverrides = 1;
    assert_int_equal(ratel_rate(&q, r->ctx, d, &o), RATEL_OK);
    assert_int_equal(ratel_quote_step(q, 1, &s), RATEL_OK);
    assert_true(s.value == 1.1);
    assert_true(s.calculated == 1.375);
    assert_int_equal(ratel_quote_total_premium(q), 1100);
    ratel_quote_free(q);
    ratel_decl_free(d);
    free(neutral);
    done(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_claims__the_tables_value_passes),
        cmocka_unit_test(test_step_claims__another_value_fails),
        cmocka_unit_test(test_step_claims__no_such_row_fails),
        cmocka_unit_test(test_step_claims__a_table_alone_claims_no_row),
        cmocka_unit_test(test_step_claims__overrides_are_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
