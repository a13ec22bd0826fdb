/* test_risk_model.c - the default loss model for Japanese SMEs, read from
 * the shipped rate tables, reproduces the published figures it was
 * calibrated to (tables/risk_*.csv, docs/structures.md); its factors; and
 * the errors for a missing or broken table. */
#include "testutil.h"

#include <math.h>

#include "risk.h"
#include "ratel_sys.h"

enum { RANSOMWARE, DATA_BREACH, BEC, DDOS, MALWARE, OTHER };

static tbl_set *tables;

static int setup(void **state)
{
    ratel_err e;
    (void)state;
    err_init(&e);
    assert_int_equal(tbl_load(&tables, "tables/ratel.db", &e), RATEL_OK);
    err_dispose(&e);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tbl_set_free(tables);
    return 0;
}

static const char *const half[] = {"security_policy", "mfa",
                                   "offline_backup", "patch_management",
                                   "staff_training"};

/* The reference company: manufacturing, revenue JPY 500m, 20,000 records,
 * five controls, no incident. */
static risk_exposure reference(void)
{
    risk_exposure x;
    memset(&x, 0, sizeof x);
    x.date = 20635; /* 2026-07-01 */
    x.industry = "manufacturing";
    x.revenue = 500000000;
    x.personal_records = 20000;
    x.controls = half;
    x.ncontrols = 5;
    return x;
}

static void build(risk_model *m, const risk_exposure *x)
{
    ratel_err e;
    err_init(&e);
    if (risk_model_build(m, tables, x, &e) != RATEL_OK) {
        print_error("%s\n", e.message);
        fail();
    }
    err_dispose(&e);
}

static void near(double got, double want, double rel, const char *what)
{
    if (fabs(got - want) > rel * fabs(want)) {
        print_error("%s: %.10g, published %.10g\n", what, got, want);
        fail();
    }
}

static void test_risk_model__reproduces_published_figures(void **state)
{
    risk_model m;
    risk_exposure x = reference();
    double total = 0.0;
    size_t p;
    (void)state;
    build(&m, &x);
    /* JNSA 2025 ransomware survey: median 38.0m, mean 60.19m */
    near(risk_sev_quantile(&m.perils[RANSOMWARE].sev, 0.5), 38.0e6, 1e-9,
         "ransomware median");
    near(risk_sev_mean(&m.perils[RANSOMWARE].sev), 60.19e6, 1e-9,
         "ransomware mean");
    /* IPA FY2023: 23.3% of SMEs had an incident in the year; mean damage
     * 0.73m; 9.4% of incidents 1m or more */
    for (p = 0; p < RISK_NPERILS; p++)
        total += m.basis[p].base_mean;
    near(1 - exp(-total), 0.233, 1e-4, "share with an incident a year");
    near(risk_sev_mean(&m.perils[OTHER].sev), 0.73e6, 1e-9, "IPA mean");
    near(risk_sev_sf(&m.perils[OTHER].sev, 1e6), 0.094, 1e-9, "IPA 1m+");
    /* Coalition 2024: 1.48% of policies claim a year, ransomware 20% and
     * BEC / funds transfer 60% of claims */
    near(m.basis[RANSOMWARE].base_mean, 0.0148 * 0.20, 0.02, "ransomware");
    near(m.basis[BEC].base_mean, 0.0148 * 0.60, 0.01, "BEC frequency");
    near(risk_sev_mean(&m.perils[BEC].sev), 115000.0 * 150, 1e-9, "BEC mean");
    /* JNSA 2023: personal-information web leak mean 29.55m (at 20,000
     * records); Emotet mean 10.30m; NetDiligence mean / median 4.9 */
    near(risk_sev_mean(&m.perils[DATA_BREACH].sev), 29.55e6, 1e-6,
         "data breach mean");
    near(risk_sev_mean(&m.perils[MALWARE].sev), 10.30e6, 1e-9, "Emotet mean");
    near(exp(m.perils[MALWARE].sev.sigma * m.perils[MALWARE].sev.sigma / 2),
         4.9, 1e-9, "NetDiligence mean / median");
    near(risk_sev_mean(&m.perils[DDOS].sev), 3e6, 1e-9, "ddos mean");
}

static void test_risk_model__factors(void **state)
{
    static const char *const all[] = {
        "security_policy", "risk_assessment", "csirt",
        "incident_response_plan", "ir_drills", "mfa", "edr",
        "offline_backup", "patch_management", "vpn_maintenance",
        "access_control", "encryption", "log_collection", "log_retention",
        "log_analysis", "staff_training", "supplier_management",
        "physical_security"};
    static const int32_t dates[] = {20635 - 100, 20635 - 1000, 20635 - 3000};
    risk_model ref, m;
    risk_exposure x = reference();
    size_t p;
    (void)state;
    build(&ref, &x);
    for (p = 0; p < RISK_NPERILS; p++) {
        const risk_peril_basis *b = &ref.basis[p];
        near(ref.perils[p].freq.mean, b->base_mean * b->industry *
             b->revenue * b->controls * b->history, 1e-12, "product");
    }
    /* the published maximum control discount: at most 60% off */
    x.controls = all;
    x.ncontrols = sizeof all / sizeof *all;
    build(&m, &x);
    for (p = 0; p < RISK_NPERILS; p++)
        assert_true(m.basis[p].controls >= 0.399);
    near(m.basis[RANSOMWARE].controls, 0.40, 0.01, "all controls");
    x.ncontrols = 0;
    build(&m, &x);
    near(m.basis[RANSOMWARE].controls, 1 / 0.40, 0.01, "no control");
    /* the market's revenue^0.397: a band up is (sqrt(10/3))^... */
    x = reference();
    x.revenue = 2000000000;
    build(&m, &x);
    near(m.basis[OTHER].revenue, pow(1732.05 / 547.72, 0.397), 1e-3,
         "revenue band");
    /* logistics at the market's 2.441 */
    x.industry = "logistics";
    build(&m, &x);
    near(m.perils[OTHER].freq.mean / ref.perils[OTHER].freq.mean,
         2.441 * m.basis[OTHER].revenue, 1e-9, "industry");
    /* two incidents in five years (the third is older): factor 2 */
    x = reference();
    x.incident_dates = dates;
    x.nincidents = 3;
    build(&m, &x);
    assert_int_equal(m.incidents_counted, 2);
    near(m.perils[RANSOMWARE].freq.mean / ref.perils[RANSOMWARE].freq.mean,
         2.0, 1e-12, "history");
    /* JNSA per-record costs: 100,000 records, (12m + 78m) / 27.6m */
    x = reference();
    x.personal_records = 100000;
    build(&m, &x);
    near(risk_sev_mean(&m.perils[DATA_BREACH].sev), 29.55e6 * 90 / 27.6,
         1e-4, "records");
    near(risk_sev_mean(&m.perils[RANSOMWARE].sev), 60.19e6, 1e-9,
         "records leave ransomware");
}

/* A source directory with the shipped risk tables, risk_severity replaced
 * by `severity` (NULL: left out), built into dir/t.db. */
static void build_tables(const char *dir, const char *severity)
{
    static const char *const names[] = {"frequency", "industry", "revenue",
                                        "controls", "history", "records"};
    char cmd[512], db[128], *msg = NULL;
    ratel_tables_options o;
    size_t i;
    for (i = 0; i < 6; i++) {
        snprintf(cmd, sizeof cmd, "cp tables/risk_%s.csv %s/", names[i], dir);
        assert_int_equal(system(cmd), 0);
    }
    snprintf(cmd, sizeof cmd, "grep '^risk_' tables/manifest.csv %s> "
             "%s/m.csv && (echo file,name,version,effective_from,kind,keys,"
             "values; cat %s/m.csv) > %s/manifest.csv", severity ? "" :
             "| grep -v risk_severity ", dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    if (severity)
        test_write(dir, "risk_severity.csv", severity);
    snprintf(db, sizeof db, "%s/t.db", dir);
    /* the manifest's rows declare their keys as codes of the schemas */
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = TEST_SCHEMAS_DIR;
    assert_int_equal(ratel_tables_build_with(dir, db, &o, &msg), RATEL_OK);
    ratel_free(msg);
}

static int build_from(const char *dir, ratel_err *e)
{
    char db[128];
    tbl_set *set = NULL;
    risk_model m;
    risk_exposure x = reference();
    int rc;
    snprintf(db, sizeof db, "%s/t.db", dir);
    assert_int_equal(tbl_load(&set, db, e), RATEL_OK);
    rc = risk_model_build(&m, set, &x, e);
    tbl_set_free(set);
    return rc;
}

static void test_risk_model__errors(void **state)
{
    char dir[64];
    ratel_err e;
    risk_model m;
    risk_exposure x = reference();
    (void)state;
    err_init(&e);
    x.industry = "mining";
    assert_int_equal(risk_model_build(&m, tables, &x, &e), RATEL_ENOTFOUND);
    assert_non_null(strstr(e.message, "risk_industry has no row for mining"));
    x = reference();
    x.date = 18000; /* 2019: before the tables */
    assert_int_equal(risk_model_build(&m, tables, &x, &e), RATEL_ENOTFOUND);
    assert_non_null(strstr(e.message, "risk_frequency"));

    test_tmpdir(dir);
    build_tables(dir, "peril,kind,mu,sigma,alpha,theta,per_record\n"
                      "ransomware,1,17,1,0,0,0\ndata_breach,3,15,1.7,1.5,"
                      "1e8,1\nbusiness_email_compromise,2,0,0,2,1e7,0\n"
                      "ddos,1,14,0,0,0,0\nmalware,1,14,1,0,0,0\n"
                      "other,1,10,2,0,0,0\n");
    assert_int_equal(build_from(dir, &e), RATEL_ETABLE);
    assert_non_null(strstr(e.message, "risk_severity[ddos]: sigma"));
    test_rmdir(dir);

    test_tmpdir(dir);
    build_tables(dir, NULL);
    assert_int_equal(build_from(dir, &e), RATEL_ENOTFOUND);
    assert_non_null(strstr(e.message, "risk_severity"));
    test_rmdir(dir);
    err_dispose(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_risk_model__reproduces_published_figures),
        cmocka_unit_test(test_risk_model__factors),
        cmocka_unit_test(test_risk_model__errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
