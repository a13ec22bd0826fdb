/* test_calibration.c - the reference plan against published market
 * premiums (tests/calibration/market_premiums_jp.csv): each row's
 * industry, revenue and limits put into examples/neutral.json through the
 * declaration API must price within 3% of the published premium. The
 * it_services rows include the IT E&O option: they ask for it at the
 * row's liability limit (docs/underwriting.md, tables/sme_eo_limit.csv). */
#include <math.h>

#include "testutil.h"

static void test_calibration__market_rows_within_3pct(void **state)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    FILE *f = fopen("tests/calibration/market_premiums_jp.csv", "r");
    char line[512];
    size_t len = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &len);
    int rows = 0, eo_rows = 0;
    (void)state;
    assert_non_null(f);
    assert_non_null(neutral);
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", TEST_PLANS_DIR,
                                       NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char industry[64];
        long long revenue, liability, expense, deductible, premium;
        ratel_decl *d = NULL;
        ratel_quote *q = NULL;
        double ratio;
        if (sscanf(line, "%63[^,],%lld,%lld,%lld,%lld,%lld", industry,
                   &revenue, &liability, &expense, &deductible,
                   &premium) != 6)
            fail_msg("bad calibration line: %s", line);
        /* neutral declaration, then the row's figures through setters */
        assert_int_equal(ratel_decl_parse(&d, c, "cyber-sme", neutral, len), RATEL_OK);
        assert_int_equal(ratel_decl_set_string(d, c, "applicant.industry",
                                               industry), RATEL_OK);
        assert_int_equal(ratel_decl_set_int(d, c, "applicant.revenue",
                                            revenue), RATEL_OK);
        assert_int_equal(ratel_decl_set_int(d, c, "request.liability_limit",
                                            liability), RATEL_OK);
        assert_int_equal(ratel_decl_set_int(d, c, "request.expense_limit",
                                            expense), RATEL_OK);
        assert_int_equal(ratel_decl_set_int(d, c, "request.deductible",
                                            deductible), RATEL_OK);
        if (strcmp(industry, "it_services") == 0) {
            /* the published IT rows include the E&O option */
            assert_int_equal(ratel_decl_set_int(d, c, "request.eo_limit",
                                                liability), RATEL_OK);
            eo_rows++;
        }
        assert_int_equal(test_rate(&q, c, d, "sme-cyber", 0), RATEL_OK);
        assert_int_equal(ratel_quote_decision(q), RATEL_QUOTED);
        ratio = (double)ratel_quote_total_premium(q) / (double)premium;
        printf("calibration: %-14s revenue %13lld limits %11lld/%11lld "
               "market %9lld plan %9lld (%+.2f%%)\n", industry, revenue,
               liability, expense, premium,
               (long long)ratel_quote_total_premium(q), (ratio - 1) * 100);
        if (fabs(ratio - 1) > 0.03)
            fail_msg("%s %lld: %.2f%% off the market", industry, revenue,
                     (ratio - 1) * 100);
        rows++;
        ratel_quote_free(q);
        ratel_decl_free(d);
    }
    printf("calibration: %d rows within 3%% (%d it_services rows with the "
           "E&O option)\n", rows, eo_rows);
    assert_int_equal(rows, 18);
    assert_int_equal(eo_rows, 4);
    fclose(f);
    free(neutral);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

/* Smoothness: premium grows with revenue, with no step larger than the
 * power curve allows, across the whole table range. */
static void test_calibration__smooth_in_revenue(void **state)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    size_t len = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &len);
    double prev = 0;
    long long r;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", TEST_PLANS_DIR,
                                       NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    for (r = 200000000; r <= 50000000000LL; r = r * 11 / 10) {
        ratel_decl *d = NULL;
        ratel_quote *q = NULL;
        double p;
        assert_int_equal(ratel_decl_parse(&d, c, "cyber-sme", neutral, len), RATEL_OK);
        assert_int_equal(ratel_decl_set_int(d, c, "applicant.revenue", r),
                         RATEL_OK);
        assert_int_equal(test_rate(&q, c, d, "sme-cyber",
                                   RATEL_RATE_NO_WORKSHEET),
                         RATEL_OK);
        p = (double)ratel_quote_total_premium(q);
        if (prev > 0) {
            /* 10% more revenue: between 0 and 10% more premium */
            assert_true(p >= prev);
            assert_true(p <= prev * 1.10);
        }
        prev = p;
        ratel_quote_free(q);
        ratel_decl_free(d);
    }
    free(neutral);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calibration__market_rows_within_3pct),
        cmocka_unit_test(test_calibration__smooth_in_revenue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
