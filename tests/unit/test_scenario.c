/* test_scenario.c - loss scenarios: the JNSA model against its published
 * checks, the shipped scenarios made into losses for a company and for a
 * group (records per person, business interruption from revenue), the
 * PML, and the scenarios file reader with every error at its JSON
 * path. */
#include "testutil.h"

#include "ctx_int.h"
#include "scenario.h"

#define M 1000000

/* The published checks: name, address and birth date 6,000 a person;
 * credit information 375,000; the largest value 1,500,000. */
static void test_scenario__jnsa(void **state)
{
    (void)state;
    assert_int_equal(scenario_jnsa_per_person(1, 1, 6, 1, 1), 6000);
    assert_int_equal(scenario_jnsa_per_person(3, 3, 6, 1, 1), 375000);
    assert_int_equal(scenario_jnsa_per_person(3, 3, 6, 2, 2), 1500000);
    assert_int_equal(scenario_jnsa_per_person(2, 1, 3, 1, 2), 33000);
}

static scenario_exposure company(int64_t revenue, int64_t records,
                                 int64_t employees)
{
    scenario_exposure x;
    memset(&x, 0, sizeof x);
    x.revenue = revenue;
    x.records = records;
    x.employees = employees;
    x.companies = 1;
    return x;
}

static void build(const char *id, const scenario_exposure *x,
                  scenario_loss *out)
{
    scenario_def d;
    ratel_err e;
    err_init(&e);
    assert_int_equal(scenario_shipped_def(id, &d), 0);
    assert_int_equal(scenario_build(&d, x, out, &e), RATEL_OK);
    err_dispose(&e);
}

/* Seed 003's case: 124m for a company with the case's 57,692 people to
 * write to (45m at 780 yen a person, less 240 yen of rounding). */
static void test_scenario__ransomware(void **state)
{
    scenario_exposure x = company(500 * M, 57692, 100);
    scenario_loss l;
    (void)state;
    build("ransomware", &x, &l);
    assert_int_equal(l.total, 123999760);
    assert_int_equal(l.loss.amount[SETTLE_FORENSIC_INVESTIGATION], 8 * M);
    assert_int_equal(l.loss.amount[SETTLE_LEGAL_CONSULTING], 16 * M);
    assert_int_equal(l.loss.amount[SETTLE_NOTIFICATION_APOLOGY], 44999760);
    assert_int_equal(l.loss.amount[SETTLE_CALL_CENTRE], 6 * M);
    assert_int_equal(l.loss.amount[SETTLE_DATA_RESTORATION], 40 * M);
    assert_int_equal(l.loss.amount[SETTLE_RECURRENCE_PREVENTION], 9 * M);
    assert_int_equal(l.loss.outage_hours, 0);
    x.records = 0;
    build("ransomware", &x, &l);
    assert_int_equal(l.total, 79 * M);
}

/* 20,000 records of an SME: 6,000 a person (120m), letters and gifts at
 * 780 (15.6m), the reference response costs; a large company (more than
 * 300 staff) doubles the damages. */
static void test_scenario__leak(void **state)
{
    scenario_exposure x = company(500 * M, 20000, 45);
    scenario_loss l;
    (void)state;
    build("leak", &x, &l);
    assert_int_equal(l.per_person, 6000);
    assert_int_equal(l.loss.amount[SETTLE_THIRD_PARTY_DAMAGES], 120 * M);
    assert_int_equal(l.loss.amount[SETTLE_NOTIFICATION_APOLOGY], 15600000);
    assert_int_equal(l.loss.amount[SETTLE_FORENSIC_INVESTIGATION], 4 * M);
    assert_int_equal(l.loss.amount[SETTLE_CALL_CENTRE], 10 * M);
    assert_int_equal(l.loss.amount[SETTLE_CREDIT_MONITORING], 0);
    assert_int_equal(l.total, 160600000);
    x.employees = 301;
    build("leak", &x, &l);
    assert_int_equal(l.per_person, 12000);
    x.employees = 45;
    x.finance = 1;
    build("leak", &x, &l);
    assert_int_equal(l.per_person, 12000);
    x.records = 0;
    build("leak", &x, &l);
    assert_int_equal(l.total, 0);
}

/* Revenue of 365m: a day is 1m of revenue; 30 days at a 30% margin is
 * 9m of lost profit and 1.5m of extra expense over 720 hours. */
static void test_scenario__business_interruption(void **state)
{
    scenario_exposure x = company(365 * M, 0, 10);
    scenario_loss l;
    scenario_def d;
    ratel_err e;
    (void)state;
    build("bi_30_days", &x, &l);
    assert_int_equal(l.loss.amount[SETTLE_LOST_PROFIT], 9 * M);
    assert_int_equal(l.loss.amount[SETTLE_EXTRA_EXPENSE], 1500000);
    assert_int_equal(l.loss.outage_hours, 720);
    assert_int_equal(l.records, 0);
    err_init(&e);
    scenario_def_init(&d, SCENARIO_BI);
    strcpy(d.id, "half");
    d.outage_days = 10;
    d.revenue_lost_pct = 50;
    d.margin_pct = 40;
    d.extra_expense_pct = 0;
    assert_int_equal(scenario_build(&d, &x, &l, &e), RATEL_OK);
    assert_int_equal(l.loss.amount[SETTLE_LOST_PROFIT], 2 * M);
    assert_int_equal(l.loss.amount[SETTLE_EXTRA_EXPENSE], 0);
    err_dispose(&e);
}

/* The PML: category by category the worse of the ransomware case and
 * the leak of every record, and 60 days of interruption. */
static void test_scenario__pml(void **state)
{
    scenario_exposure x = company(365 * M, 20000, 45);
    scenario_loss l;
    ratel_err e;
    (void)state;
    err_init(&e);
    assert_int_equal(scenario_pml(&x, &l, &e), RATEL_OK);
    assert_int_equal(l.loss.amount[SETTLE_THIRD_PARTY_DAMAGES], 120 * M);
    assert_int_equal(l.loss.amount[SETTLE_FORENSIC_INVESTIGATION], 8 * M);
    assert_int_equal(l.loss.amount[SETTLE_CALL_CENTRE], 10 * M);
    assert_int_equal(l.loss.amount[SETTLE_DATA_RESTORATION], 40 * M);
    assert_int_equal(l.loss.amount[SETTLE_LOST_PROFIT], 18 * M);
    assert_int_equal(l.loss.outage_hours, 60 * 24);
    assert_int_equal(l.total, 120 * M + 8 * M + 16 * M + 15600000 +
                                  10 * M + 9 * M + 40 * M + 9 * M + 18 * M +
                                  3 * M);
    err_dispose(&e);
}

typedef struct fixture {
    ratel_engine *engine;
    ratel_ctx *ctx;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (ratel_engine_open(&f->engine, "tables/ratel.db", "rating-scripts",
                          NULL) ||
        ratel_ctx_new(&f->ctx, f->engine))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    free(f);
    return 0;
}

/* A group: the parent's and the companies' revenue, records and staff
 * summed. */
static void test_scenario__group_exposure(void **state)
{
    fixture *f = *state;
    ratel_decl *d = NULL;
    scenario_exposure x;
    ratel_err e;
    size_t len = 0;
    char *json = test_slurp("examples/logistics_group.json", &len);
    assert_non_null(json);
    assert_int_equal(ratel_decl_parse(&d, f->ctx, NULL, json, len),
                     RATEL_OK);
    err_init(&e);
    assert_int_equal(scenario_exposure_read(&x, d, &e), RATEL_OK);
    assert_int_equal(x.companies, 3);
    assert_int_equal(x.revenue, 3000 * (int64_t)M);
    assert_int_equal(x.records, 120000);
    assert_int_equal(x.employees, 260);
    assert_false(x.finance);
    err_dispose(&e);
    ratel_decl_free(d);
    free(json);
}

/* Parses `json`; when `path` is not NULL it must fail with a field error
 * at `path` whose message holds `text`. */
static ratel_scenarios *parse(fixture *f, const char *json, const char *path,
                              const char *text)
{
    ratel_scenarios *s = NULL;
    int rc = ratel_scenarios_parse(&s, f->ctx, json, strlen(json));
    size_t i, n = ratel_ctx_field_error_count(f->ctx);
    if (!path) {
        if (rc != RATEL_OK)
            fail_msg("%s", ratel_ctx_errmsg(f->ctx));
        return s;
    }
    assert_int_equal(rc, RATEL_EDECL);
    assert_null(s);
    for (i = 0; i < n; i++) {
        ratel_field_error fe;
        ratel_ctx_field_error(f->ctx, i, &fe);
        if (strcmp(fe.path, path) == 0 && strstr(fe.message, text))
            return NULL;
    }
    fail_msg("no error at %s holding '%s' in: %s", path, text,
             ratel_ctx_errmsg(f->ctx));
    return NULL;
}

static void test_scenario__file(void **state)
{
    fixture *f = *state;
    ratel_scenarios *s = parse(f,
        "{\"format_version\": 1, \"scenarios\": ["
        "{\"shipped\": \"ransomware\"},"
        "{\"id\": \"case\", \"name\": \"Our case\", \"kind\": \"losses\","
        " \"losses\": {\"ransom\": 30000000, \"lost_profit\": 5000000,"
        " \"notification_apology\": {\"per_record\": 500}},"
        " \"outage_days\": 3, \"records\": 1000, \"source\": \"ours\"},"
        "{\"id\": \"leak_credit\", \"name\": \"Cards\", \"kind\": \"leak\","
        " \"records\": 5000, \"distress_level\": 1, \"economic_level\": 3,"
        " \"identifiability\": 6, \"social_responsibility\": 2,"
        " \"response_rating\": 1},"
        "{\"id\": \"bi_5\", \"name\": \"Five days\", \"kind\":"
        " \"business_interruption\", \"days\": 5, \"margin_pct\": 20}]}",
        NULL, NULL);
    scenario_exposure x = company(365 * M, 100, 10);
    scenario_loss l;
    ratel_err e;
    assert_non_null(s);
    assert_int_equal(s->n, 4);
    assert_string_equal(s->defs[0].id, "ransomware");
    assert_string_equal(s->defs[1].name, "Our case");
    assert_string_equal(s->defs[1].source, "ours");
    assert_string_equal(s->defs[1].path, "$.scenarios[1]");
    err_init(&e);
    assert_int_equal(scenario_build(&s->defs[1], &x, &l, &e), RATEL_OK);
    assert_int_equal(l.loss.amount[SETTLE_RANSOM], 30 * M);
    assert_int_equal(l.loss.amount[SETTLE_NOTIFICATION_APOLOGY], 500000);
    assert_int_equal(l.loss.outage_hours, 72);
    assert_int_equal(scenario_build(&s->defs[2], &x, &l, &e), RATEL_OK);
    assert_int_equal(l.per_person, 156000);
    assert_int_equal(l.loss.amount[SETTLE_CREDIT_MONITORING], 15 * M);
    assert_int_equal(scenario_build(&s->defs[3], &x, &l, &e), RATEL_OK);
    assert_int_equal(l.loss.amount[SETTLE_LOST_PROFIT], 1 * M);
    err_dispose(&e);
    ratel_scenarios_free(s);
    assert_int_equal(ratel_scenarios_shipped(&s), RATEL_OK);
    assert_int_equal(s->n, 4);
    assert_string_equal(s->defs[3].id, "bi_30_days");
    ratel_scenarios_free(s);
}

#define ONE(body) "{\"format_version\": 1, \"scenarios\": [" body "]}"

static void test_scenario__file_errors(void **state)
{
    fixture *f = *state;
    parse(f, "{\"format_version\": 1, \"scenarios\": [", "$", "line 1");
    parse(f, "[]", "$", "expected an object");
    parse(f, "{\"scenarios\": []}", "$.format_version", "required");
    parse(f, ONE("{\"shipped\": \"leak\"}") "x", "$", "line 1");
    parse(f, "{\"format_version\": 2, \"scenarios\": [{\"shipped\": "
             "\"leak\"}]}", "$.format_version", "newer than this library");
    parse(f, "{\"format_version\": 1, \"scenarios\": [], \"extra\": 1}",
          "$.extra", "unknown key");
    parse(f, "{\"format_version\": 1, \"scenarios\": []}", "$.scenarios",
          "an array of 1 to 16");
    parse(f, ONE("5"), "$.scenarios[0]", "expected a scenario");
    parse(f, ONE("{\"shipped\": \"lake\"}"), "$.scenarios[0].shipped",
          "ransomware, leak, bec or bi_30_days");
    parse(f, ONE("{\"shipped\": \"leak\", \"id\": \"x\"}"),
          "$.scenarios[0].id", "unknown key for a shipped scenario");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\"}"), "$.scenarios[0].kind",
          "required");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"flood\"}"),
          "$.scenarios[0].kind", "losses, leak or business_interruption");
    parse(f, ONE("{\"id\": \"A b\", \"name\": \"A\", \"kind\": \"leak\"}"),
          "$.scenarios[0].id", "lower-case letters");
    parse(f, ONE("{\"id\": \"pml\", \"name\": \"A\", \"kind\": \"leak\"}"),
          "$.scenarios[0].id", "probable maximum loss");
    parse(f, ONE("{\"id\": \"a\", \"kind\": \"leak\"}"),
          "$.scenarios[0].name", "required");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"\", \"kind\": \"leak\"}"),
          "$.scenarios[0].name", "1 to 400 bytes");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"x\\ty\", \"kind\": \"leak\"}"),
          "$.scenarios[0].name", "control characters");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"leak\", "
                 "\"recrods\": 5}"),
          "$.scenarios[0].recrods", "did you mean \"records\"");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"leak\", "
                 "\"identifiability\": 4}"),
          "$.scenarios[0].identifiability", "expected 1, 3 or 6");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"leak\", "
                 "\"records\": -1}"),
          "$.scenarios[0].records", "from 0 to 10000000000");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": "
                 "\"business_interruption\", \"days\": 0}"),
          "$.scenarios[0].days", "from 1 to 3650");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"losses\"}"),
          "$.scenarios[0].losses", "expected an object of loss category");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"losses\", "
                 "\"losses\": {\"ransome\": 5}}"),
          "$.scenarios[0].losses.ransome", "did you mean ransom?");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"losses\", "
                 "\"losses\": {\"ransom\": 1.5}}"),
          "$.scenarios[0].losses.ransom", "an amount of yen");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"losses\", "
                 "\"losses\": {\"ransom\": {\"per_recrod\": 5}}}"),
          "$.scenarios[0].losses.ransom", "per_record");
    parse(f, ONE("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"losses\", "
                 "\"losses\": {\"lost_profit\": 5}}"),
          "$.scenarios[0].outage_days", "required with lost profit");
    parse(f, ONE("{\"shipped\": \"leak\"}, {\"shipped\": \"leak\"}"),
          "$.scenarios[1]", "ids are unique");
}

/* A loss beyond 10^15 yen is refused, naming the scenario. */
static void test_scenario__too_large(void **state)
{
    fixture *f = *state;
    ratel_scenarios *s = parse(f, ONE("{\"id\": \"huge\", \"name\": \"H\", "
        "\"kind\": \"losses\", \"records\": 10000000000, \"losses\": "
        "{\"ransom\": {\"per_record\": 1000000000}}}"), NULL, NULL);
    scenario_exposure x = company(M, 0, 1);
    scenario_loss l;
    ratel_err e;
    err_init(&e);
    assert_int_equal(scenario_build(&s->defs[0], &x, &l, &e), RATEL_ERESULT);
    assert_non_null(strstr(e.message, "$.scenarios[0] (huge): the loss is "
                                      "above 10^15 yen"));
    err_dispose(&e);
    ratel_scenarios_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario__jnsa),
        cmocka_unit_test(test_scenario__ransomware),
        cmocka_unit_test(test_scenario__leak),
        cmocka_unit_test(test_scenario__business_interruption),
        cmocka_unit_test(test_scenario__pml),
        cmocka_unit_test_setup_teardown(test_scenario__group_exposure, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scenario__file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scenario__file_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scenario__too_large, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
