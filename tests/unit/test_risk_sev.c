/* test_risk_sev.c - severities: the closed-form limited expected values
 * and layer expected losses against numerical integration of the
 * survival function, the splice's continuity, quantiles, and refusals. */
#include "testutil.h"

#include <math.h>

#include "risk.h"

static risk_sev make(risk_sev_kind kind, double mu, double sigma,
                     double alpha, double theta)
{
    risk_sev s;
    char err[128];
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.mu = mu;
    s.sigma = sigma;
    s.alpha = alpha;
    s.theta = theta;
    assert_int_equal(risk_sev_init(&s, err, sizeof err), 0);
    return s;
}

/* int_a^b S(x) dx by composite Simpson in t = ln x (n even steps). */
static double simpson_log(const risk_sev *s, double a, double b, int n)
{
    double ta = log(a), tb = log(b), h = (tb - ta) / n, sum = 0.0;
    int i;
    for (i = 0; i <= n; i++) {
        double t = ta + i * h, x = exp(t);
        double w = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        sum += w * risk_sev_sf(s, x) * x;
    }
    return sum * h / 3.0;
}

/* int_a^b S(x) dx, split at the splice point; [0, 1 yen) counts as 1. */
static double integrate_sf(const risk_sev *s, double a, double b)
{
    double total = 0.0;
    if (a < 1.0) {
        total += 1.0 - a; /* S is 1 to 1e-15 below one yen */
        a = 1.0;
    }
    if (s->kind == RISK_SEV_SPLICED && a < s->theta && b > s->theta)
        return total + simpson_log(s, a, s->theta, 20000) +
               simpson_log(s, s->theta, b, 20000);
    return total + simpson_log(s, a, b, 20000);
}

static void check_grid(const risk_sev *s)
{
    static const double retentions[] = {0, 1e5, 1e6, 1e7, 5e7, 1e8, 3e8};
    static const double limits[] = {1e6, 1e7, 5e7, 1e8, 1e9};
    size_t i, j;
    for (i = 0; i < sizeof retentions / sizeof *retentions; i++)
        for (j = 0; j < sizeof limits / sizeof *limits; j++) {
            double r = retentions[i], l = limits[j];
            double closed = risk_layer_el(s, r, l);
            double numeric = integrate_sf(s, r, r + l);
            if (fabs(closed - numeric) > 0.001 * numeric) {
                print_error("kind %d layer %g xs %g: closed %.10g, "
                            "numeric %.10g\n", s->kind, l, r, closed,
                            numeric);
                fail();
            }
        }
}

static void test_risk_sev__lognormal_layers(void **state)
{
    risk_sev s = make(RISK_SEV_LOGNORMAL, log(38e6), 0.959, 0, 0);
    (void)state;
    check_grid(&s);
    s = make(RISK_SEV_LOGNORMAL, 10.697, 2.368, 0, 0); /* heavy, small */
    check_grid(&s);
}

static void test_risk_sev__lomax_layers(void **state)
{
    risk_sev s = make(RISK_SEV_LOMAX, 0, 0, 1.5, 5e6);
    (void)state;
    check_grid(&s);
    s = make(RISK_SEV_LOMAX, 0, 0, 1.0, 2e6); /* the logarithmic case */
    check_grid(&s);
    s = make(RISK_SEV_LOMAX, 0, 0, 0.8, 1e6); /* no mean, finite layers */
    check_grid(&s);
    assert_true(isinf(risk_sev_mean(&s)));
    s = make(RISK_SEV_LOMAX, 0, 0, 3.0, 1e7);
    assert_true(fabs(risk_sev_mean(&s) - 5e6) < 1e-6);
}

static void test_risk_sev__spliced_layers(void **state)
{
    risk_sev s = make(RISK_SEV_SPLICED, log(38e6), 0.959, 1.6, 1e8);
    (void)state;
    check_grid(&s);
    s = make(RISK_SEV_SPLICED, 15.6, 1.78, 1.3, 2e7);
    check_grid(&s);
}

static void test_risk_sev__splice_is_continuous(void **state)
{
    risk_sev s = make(RISK_SEV_SPLICED, 15.6, 1.78, 1.3, 2e7);
    double below = risk_sev_pdf(&s, s.theta * (1 - 1e-12));
    double above = risk_sev_pdf(&s, s.theta * (1 + 1e-12));
    (void)state;
    assert_true(fabs(below - above) < 1e-9 * above);
    assert_true(fabs(risk_sev_cdf(&s, s.theta) - s.w) < 1e-15);
    assert_true(s.w > 0 && s.w < 1);
    /* far out, the limited expected value from the closed form and from
     * integration agree, and the mean lies above it (a slow tail) */
    assert_true(fabs(risk_sev_lev(&s, 1e15) - integrate_sf(&s, 0, 1e15)) <
                0.001 * risk_sev_lev(&s, 1e15));
    assert_true(risk_sev_mean(&s) > risk_sev_lev(&s, 1e15));
}

static void test_risk_sev__quantile_inverts_cdf(void **state)
{
    const risk_sev all[] = {
        make(RISK_SEV_LOGNORMAL, log(38e6), 0.959, 0, 0),
        make(RISK_SEV_LOMAX, 0, 0, 1.5, 5e6),
        make(RISK_SEV_SPLICED, 15.6, 1.78, 1.3, 2e7)};
    static const double ps[] = {1e-9, 0.001, 0.1, 0.5, 0.77, 0.9, 0.999,
                                1 - 1e-9};
    size_t i, j;
    (void)state;
    for (i = 0; i < 3; i++)
        for (j = 0; j < sizeof ps / sizeof *ps; j++) {
            double x = risk_sev_quantile(&all[i], ps[j]);
            double p = risk_sev_cdf(&all[i], x);
            double tol = ps[j] < 0.5 ? 1e-9 * ps[j] : 1e-9 * (1 - ps[j]);
            if (fabs(p - ps[j]) > tol + 1e-15) {
                print_error("kind %d p %g: cdf(quantile) %.17g\n",
                            all[i].kind, ps[j], p);
                fail();
            }
        }
}

static void test_risk_sev__normal(void **state)
{
    (void)state;
    assert_true(fabs(risk_norm_quantile(0.975) - 1.959963984540054) < 1e-14);
    assert_true(fabs(risk_norm_quantile(1e-10) + 6.361340902404056) < 1e-12);
    assert_true(fabs(risk_norm_cdf(-1.959963984540054) - 0.025) < 1e-16);
    assert_true(isinf(risk_norm_quantile(0)) && risk_norm_quantile(0) < 0);
    assert_true(isinf(risk_norm_quantile(1)));
}

static void test_risk_sev__scale(void **state)
{
    risk_sev s = make(RISK_SEV_SPLICED, 15.6, 1.78, 1.3, 2e7);
    double mean = risk_sev_mean(&s), w = s.w;
    (void)state;
    risk_sev_scale(&s, 2.5);
    assert_true(fabs(risk_sev_mean(&s) - 2.5 * mean) < 1e-9 * mean);
    assert_true(fabs(s.w - w) < 1e-12);
}

static void test_risk_sev__refused(void **state)
{
    risk_sev s;
    char err[128];
    (void)state;
    memset(&s, 0, sizeof s);
    s.kind = RISK_SEV_LOGNORMAL;
    s.mu = 17;
    s.sigma = 0;
    assert_int_equal(risk_sev_init(&s, err, sizeof err), -1);
    assert_non_null(strstr(err, "sigma"));
    s.sigma = NAN;
    assert_int_equal(risk_sev_init(&s, err, sizeof err), -1);
    s.kind = RISK_SEV_LOMAX;
    s.alpha = -1;
    s.theta = 1e6;
    assert_int_equal(risk_sev_init(&s, err, sizeof err), -1);
    assert_non_null(strstr(err, "alpha"));
    s.kind = RISK_SEV_SPLICED;
    s.sigma = 1;
    s.alpha = 2;
    s.theta = 1; /* far below the body: no mass to splice */
    assert_int_equal(risk_sev_init(&s, err, sizeof err), -1);
    assert_non_null(strstr(err, "splice"));
    s.kind = (risk_sev_kind)9;
    assert_int_equal(risk_sev_init(&s, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_risk_sev__lognormal_layers),
        cmocka_unit_test(test_risk_sev__lomax_layers),
        cmocka_unit_test(test_risk_sev__spliced_layers),
        cmocka_unit_test(test_risk_sev__splice_is_continuous),
        cmocka_unit_test(test_risk_sev__quantile_inverts_cdf),
        cmocka_unit_test(test_risk_sev__normal),
        cmocka_unit_test(test_risk_sev__scale),
        cmocka_unit_test(test_risk_sev__refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
