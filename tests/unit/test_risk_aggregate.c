/* test_risk_aggregate.c - the annual loss of a layer: Panjer's mean
 * against frequency x layer expected loss, its VaR99 against a long Monte
 * Carlo with a fixed seed, the aggregate terms; the Monte Carlo's output
 * on 1, 2 and 8 threads; the statistics of samples and distributions. */
#include "testutil.h"

#include <math.h>

#include "risk.h"

static risk_peril peril(risk_freq_kind fk, double mean, double beta,
                        risk_sev_kind sk, double a, double b)
{
    risk_peril p;
    char err[128];
    memset(&p, 0, sizeof p);
    p.name = "test";
    p.freq.kind = fk;
    p.freq.mean = mean;
    p.freq.beta = beta;
    p.sev.kind = sk;
    if (sk == RISK_SEV_LOMAX) {
        p.sev.alpha = a;
        p.sev.theta = b;
    } else {
        p.sev.mu = a;
        p.sev.sigma = b;
    }
    assert_int_equal(risk_freq_init(&p.freq, err, sizeof err), 0);
    assert_int_equal(risk_sev_init(&p.sev, err, sizeof err), 0);
    return p;
}

static risk_layer layer(double r, double l, double ar, double al, double sh)
{
    risk_layer L = {r, l, ar, al, sh};
    return L;
}

/* One year's loss to the layer, as the Monte Carlo sees it. */
static void layer_year(void *arg, const double *x, size_t n, double *row,
                       double *acc)
{
    const risk_layer *L = arg;
    double sum = 0.0, z;
    size_t i;
    for (i = 0; i < n; i++) {
        double y = x[i] - L->retention;
        sum += (y < 0 ? 0 : y > L->limit ? L->limit : y) * L->share;
    }
    z = sum - L->agg_retention;
    z = z < 0 ? 0 : z > L->agg_limit ? L->agg_limit : z;
    row[0] = z;
    acc[0] += z;
    acc[1] += z >= L->agg_limit ? 1.0 : 0.0;
}

static double *simulate(const risk_peril *p, size_t np, risk_layer *L,
                        uint64_t years, unsigned threads, double acc[2])
{
    double *rows[1];
    risk_sim sim;
    rows[0] = malloc(years * sizeof(double));
    assert_non_null(rows[0]);
    memset(&sim, 0, sizeof sim);
    sim.perils = p;
    sim.nperils = np;
    sim.seed = 20250401;
    sim.years = years;
    sim.threads = threads;
    sim.fn = layer_year;
    sim.arg = L;
    sim.nrow = 1;
    sim.rows = rows;
    sim.nacc = 2;
    sim.acc = acc;
    assert_int_equal(risk_simulate(&sim), RATEL_OK);
    return rows[0];
}

static void test_risk_aggregate__mean_is_frequency_times_layer_el(void **s)
{
    risk_peril p[3];
    risk_layer Ls[3];
    size_t i;
    (void)s;
    p[0] = peril(RISK_FREQ_POISSON, 0.265, 0, RISK_SEV_LOGNORMAL, 10.697, 2.368);
    p[1] = peril(RISK_FREQ_POISSON, 0.003, 0, RISK_SEV_LOGNORMAL, log(38e6), 0.959);
    p[2] = peril(RISK_FREQ_NEGBIN, 0.02, 1.5, RISK_SEV_LOMAX, 1.4, 4e6);
    Ls[0] = layer(1e5, 3e7, 0, INFINITY, 1.0);
    Ls[1] = layer(1e7, 9e7, 0, INFINITY, 1.0);
    Ls[2] = layer(0, 5e8, 0, INFINITY, 0.7);
    for (i = 0; i < 3; i++) {
        risk_dist d;
        risk_stats st;
        double expect = risk_layer_annual_el(p, 3, &Ls[i]);
        assert_int_equal(risk_layer_aggregate(&d, p, 3, &Ls[i], RISK_GRID),
                         RATEL_OK);
        risk_dist_stats(&d, &st);
        if (fabs(st.mean - expect) > 0.005 * expect) {
            print_error("layer %zu: Panjer mean %.6g, lambda x EL %.6g\n", i,
                        st.mean, expect);
            fail();
        }
        assert_true(d.truncated < 1e-9);
        risk_dist_free(&d);
    }
}

/* VaR99 of Panjer within 2% of 2 million simulated years (the 10-million
 * year comparison runs in `make bench`, bench/bench_risk.c). */
static void test_risk_aggregate__var99_matches_monte_carlo(void **s)
{
    risk_peril p[2];
    risk_layer L = layer(1e6, 2e7, 0, INFINITY, 1.0);
    risk_dist d;
    risk_stats exact, mc;
    double acc[2], *x;
    const uint64_t years = 2000000;
    (void)s;
    p[0] = peril(RISK_FREQ_POISSON, 2.0, 0, RISK_SEV_LOGNORMAL, log(3e6), 1.2);
    p[1] = peril(RISK_FREQ_NEGBIN, 0.5, 2.0, RISK_SEV_LOMAX, 1.8, 5e6);
    assert_int_equal(risk_layer_aggregate(&d, p, 2, &L, RISK_GRID), RATEL_OK);
    risk_dist_stats(&d, &exact);
    x = simulate(p, 2, &L, years, 2, acc);
    risk_sample_stats(x, years, &mc, NULL, 0, NULL);
    if (fabs(exact.var[2] - mc.var[2]) > 0.02 * mc.var[2] ||
        fabs(exact.mean - mc.mean) > 0.01 * mc.mean) {
        print_error("VaR99 Panjer %.6g MC %.6g; mean %.6g / %.6g\n",
                    exact.var[2], mc.var[2], exact.mean, mc.mean);
        fail();
    }
    assert_true(fabs(exact.tvar[2] - mc.tvar[2]) < 0.03 * mc.tvar[2]);
    free(x);
    risk_dist_free(&d);
}

static void test_risk_aggregate__aggregate_terms(void **s)
{
    risk_peril p[1];
    risk_layer L = layer(5e6, 1e7, 2e6, 2.5e7, 1.0);
    risk_dist d;
    risk_stats exact, mc;
    double acc[2], *x, at_limit = 0.0;
    const uint64_t years = 1000000;
    size_t i;
    (void)s;
    p[0] = peril(RISK_FREQ_POISSON, 1.5, 0, RISK_SEV_LOGNORMAL, log(4e6), 1.0);
    assert_int_equal(risk_layer_aggregate(&d, p, 1, &L, RISK_GRID), RATEL_OK);
    risk_dist_stats(&d, &exact);
    assert_true(d.x[0] == 0.0 && d.x[d.n - 1] == 2.5e7);
    for (i = 0; i < d.n; i++)
        if (d.x[i] == 2.5e7)
            at_limit += d.p[i];
    x = simulate(p, 1, &L, years, 2, acc);
    risk_sample_stats(x, years, &mc, NULL, 0, NULL);
    assert_true(fabs(exact.mean - mc.mean) < 0.01 * mc.mean);
    /* within four standard errors of the simulated share */
    assert_true(fabs(at_limit - acc[1] / years) <
                4 * sqrt(at_limit * (1 - at_limit) / years));
    assert_true(at_limit > 0.001);
    /* the aggregate retention takes its part out of the mean */
    assert_true(exact.mean < risk_layer_annual_el(p, 1, &L));
    free(x);
    risk_dist_free(&d);
}

static void test_risk_aggregate__same_output_on_1_2_8_threads(void **s)
{
    risk_peril p[2];
    risk_layer L = layer(0, 1e9, 0, INFINITY, 1.0);
    const uint64_t years = 3 * RISK_BLOCK_YEARS + 123;
    double acc1[2], acc2[2], acc8[2];
    double *x1, *x2, *x8;
    (void)s;
    p[0] = peril(RISK_FREQ_POISSON, 0.8, 0, RISK_SEV_LOGNORMAL, 14, 2);
    p[1] = peril(RISK_FREQ_NEGBIN, 0.1, 3, RISK_SEV_LOMAX, 1.2, 1e6);
    x1 = simulate(p, 2, &L, years, 1, acc1);
    x2 = simulate(p, 2, &L, years, 2, acc2);
    x8 = simulate(p, 2, &L, years, 8, acc8);
    assert_memory_equal(x1, x2, years * sizeof *x1);
    assert_memory_equal(x1, x8, years * sizeof *x1);
    assert_memory_equal(acc1, acc2, sizeof acc1);
    assert_memory_equal(acc1, acc8, sizeof acc1);
    assert_true(acc1[0] > 0);
    free(x1);
    free(x2);
    free(x8);
}

static void test_risk_aggregate__counts(void **s)
{
    risk_freq pois = {RISK_FREQ_POISSON, 2.5, 0}, nb = {RISK_FREQ_NEGBIN, 2.5, 3};
    risk_rng rng;
    double sum = 0, sum2 = 0, nsum = 0, nsum2 = 0;
    const int n = 400000;
    int i;
    (void)s;
    risk_rng_seed(&rng, 7);
    for (i = 0; i < n; i++) {
        double k = risk_freq_draw(&pois, risk_rng_uniform(&rng));
        double m = risk_freq_draw(&nb, risk_rng_uniform(&rng));
        sum += k;
        sum2 += k * k;
        nsum += m;
        nsum2 += m * m;
    }
    assert_true(fabs(sum / n - 2.5) < 0.02);
    assert_true(fabs(sum2 / n - 6.25 - 2.5) < 0.05);
    assert_true(fabs(nsum / n - 2.5) < 0.03);
    assert_true(fabs((nsum2 / n - 6.25) / risk_freq_var(&nb) - 1) < 0.03);
    assert_int_equal(risk_freq_draw(&pois, 1e-300), 0);
    assert_true(risk_freq_draw(&pois, 1 - 1e-16) < 100);
}

static void test_risk_aggregate__sample_stats(void **s)
{
    double x[100], qp[2] = {0.5, 0.99}, q[2];
    risk_stats st;
    int i;
    (void)s;
    for (i = 0; i < 100; i++)
        x[i] = (double)((i * 37) % 100 + 1); /* 1..100, shuffled */
    risk_sample_stats(x, 100, &st, qp, 2, q);
    assert_true(st.mean == 50.5);
    assert_true(st.var[0] == 90 && fabs(st.tvar[0] - 95.5) < 1e-9);
    assert_true(st.var[1] == 95 && fabs(st.tvar[1] - 98) < 1e-9);
    assert_true(st.var[2] == 99 && fabs(st.tvar[2] - 100) < 1e-9);
    assert_true(st.var[3] == 100 && fabs(st.tvar[3] - 100) < 1e-9);
    assert_true(q[0] == 50 && q[1] == 99);
    assert_true(fabs(st.sd - sqrt(833.25)) < 1e-12);
}

static void test_risk_aggregate__dist_stats(void **s)
{
    double xs[3] = {0, 10, 100}, ps[3] = {0.9, 0.095, 0.005};
    risk_dist d = {xs, ps, 3, 0};
    risk_stats st;
    (void)s;
    risk_dist_stats(&d, &st);
    assert_true(fabs(st.mean - 1.45) < 1e-12);
    assert_true(st.var[0] == 0 && st.var[1] == 10 && st.var[2] == 10);
    assert_true(st.var[3] == 10 && fabs(st.tvar[3] - 100) < 1e-9);
    /* worst 1%: half at 10, half at 100 */
    assert_true(fabs(st.tvar[2] - 55) < 1e-9);
    assert_true(fabs(risk_dist_quantile(&d, 0.95) - 10) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_risk_aggregate__mean_is_frequency_times_layer_el),
        cmocka_unit_test(test_risk_aggregate__var99_matches_monte_carlo),
        cmocka_unit_test(test_risk_aggregate__aggregate_terms),
        cmocka_unit_test(test_risk_aggregate__same_output_on_1_2_8_threads),
        cmocka_unit_test(test_risk_aggregate__counts),
        cmocka_unit_test(test_risk_aggregate__sample_stats),
        cmocka_unit_test(test_risk_aggregate__dist_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
