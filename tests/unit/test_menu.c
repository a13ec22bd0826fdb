/* test_menu.c - a menu shares work between its options but not results:
 * each option's quote is byte for byte the quote of a separate
 * ratel_rate of the declaration with the option's fields set, for every
 * shipped plan and the golden declarations; an option that moves a
 * field a rule depends on (a sibling that makes another required, a date
 * that bounds others or gives them a default) is still checked; options
 * over more paths than a menu keeps located give the same. */
#include "testutil.h"

#define NCASES 5
static const char *const cases[NCASES] = {
    "examples/neutral.json", "examples/full.json",
    "tests/golden/cases/incident_recent_malware.json",
    "tests/golden/cases/bi_cover.json",
    "tests/golden/cases/liability_limit_off_menu_referred.json"};

/* The 24 options of sme-cyber's menu, and BI and coinsurance options a
 * menu file may hold. */
static ratel_options *test_options(void)
{
    static const int64_t liability[] = {50, 100, 300, 500};
    static const int64_t expense[] = {10, 30};
    static const int64_t deductible[] = {100000, 300000, 1000000};
    ratel_options *o = NULL;
    size_t a, b, k;
    assert_int_equal(ratel_options_new(&o), RATEL_OK);
    for (a = 0; a < 4; a++)
        for (b = 0; b < 2; b++)
            for (k = 0; k < 3; k++) {
                ratel_options_add(o, NULL);
                ratel_options_set_int(o, "request.liability_limit",
                                      liability[a] * 1000000);
                ratel_options_set_int(o, "request.expense_limit",
                                      expense[b] * 1000000);
                ratel_options_set_int(o, "request.deductible", deductible[k]);
            }
    ratel_options_add(o, "bi");
    ratel_options_set_int(o, "coverages.bi.limit", 20000000);
    ratel_options_set_int(o, "coverages.bi.waiting_hours", 12);
    ratel_options_add(o, "coinsurance");
    ratel_options_set_int(o, "request.coinsurance_pct", 90);
    ratel_options_add(o, "period");
    ratel_options_set_string(o, "policy.inception", "2026-08-01");
    return o;
}

/* Sets option i's fields on d as the setters would. */
static void set_fields(ratel_ctx *c, ratel_decl *d, size_t i)
{
    static const int64_t liability[] = {50, 100, 300, 500};
    static const int64_t expense[] = {10, 30};
    static const int64_t deductible[] = {100000, 300000, 1000000};
    if (i < 24) {
        assert_int_equal(ratel_decl_set_int(d, c, "request.liability_limit",
                                            liability[i / 6] * 1000000), 0);
        assert_int_equal(ratel_decl_set_int(d, c, "request.expense_limit",
                                            expense[i / 3 % 2] * 1000000), 0);
        assert_int_equal(ratel_decl_set_int(d, c, "request.deductible",
                                            deductible[i % 3]), 0);
    } else if (i == 24) {
        assert_int_equal(ratel_decl_set_int(d, c, "coverages.bi.limit",
                                            20000000), 0);
        assert_int_equal(ratel_decl_set_int(d, c, "coverages.bi.waiting_hours",
                                            12), 0);
    } else if (i == 25) {
        assert_int_equal(ratel_decl_set_int(d, c, "request.coinsurance_pct",
                                            90), 0);
    } else {
        assert_int_equal(ratel_decl_set_string(d, c, "policy.inception",
                                               "2026-08-01"), 0);
    }
}

static char *json_of(const ratel_quote *q)
{
    char *text = NULL;
    assert_int_equal(ratel_quote_json(q, &text, NULL), RATEL_OK);
    return text;
}

static void test_menu__same_as_separate_quotes(void **state)
{
    static const char *const plans[] = {"sme-cyber", "questionnaire-cyber",
                                        "chamber-scheme"};
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_options *o = test_options();
    size_t k, p, i;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db",
                                       "rating-scripts", NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    for (k = 0; k < NCASES; k++)
        for (p = 0; p < 3; p++) {
            ratel_rate_options ro;
            ratel_menu *m = NULL;
            ratel_decl *base = NULL;
            size_t len = 0;
            char *json = test_slurp(cases[k], &len);
            ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
            ro.plan_id = plans[p];
            assert_int_equal(ratel_decl_parse(&base, c, NULL, json, len), 0);
            assert_int_equal(ratel_rate_menu(&m, c, base, &ro, o), RATEL_OK);
            for (i = 0; i < ratel_options_count(o); i++) {
                ratel_decl *d = NULL;
                ratel_quote *q = NULL;
                char *want, *got;
                int rc;
                assert_int_equal(ratel_decl_parse(&d, c, NULL, json, len), 0);
                set_fields(c, d, i);
                rc = ratel_rate(&q, c, d, &ro);
                assert_int_equal(ratel_menu_error(m, i, NULL), rc);
                if (rc == RATEL_OK) {
                    want = json_of(q);
                    got = json_of(ratel_menu_quote(m, i));
                    if (strcmp(want, got))
                        fail_msg("%s, %s, option %zu: the menu's quote "
                                 "differs", cases[k], plans[p], i + 1);
                    ratel_free(want);
                    ratel_free(got);
                }
                ratel_quote_free(q);
                ratel_decl_free(d);
            }
            ratel_menu_free(m);
            ratel_decl_free(base);
            free(json);
        }
    ratel_options_free(o);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

/* Rates `file` under `o` and returns the menu (fails when the call
 * does). */
static ratel_menu *menu_of(ratel_ctx *c, const char *file, ratel_options *o)
{
    ratel_decl *d = NULL;
    ratel_menu *m = NULL;
    size_t len = 0;
    char *json = test_slurp(file, &len);
    assert_int_equal(ratel_decl_parse(&d, c, NULL, json, len), RATEL_OK);
    if (ratel_rate_menu(&m, c, d, NULL, o) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(c));
    ratel_decl_free(d);
    free(json);
    return m;
}

/* Options that move a field a rule depends on are checked: BI asked
 * without a waiting period; an effective date before an incident. */
static void test_menu__rules_still_checked(void **state)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_options *o = NULL;
    ratel_menu *m;
    const char *msg = NULL;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db",
                                       "rating-scripts", NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    ratel_options_new(&o);
    ratel_options_add(o, "bi without waiting");
    ratel_options_set_int(o, "request.bi_limit", 20000000);
    ratel_options_add(o, "before an incident");
    ratel_options_set_string(o, "effective_date", "2024-01-01");
    ratel_options_add(o, "fine");
    ratel_options_set_int(o, "request.deductible", 300000);
    m = menu_of(c, TEST_NEUTRAL, o);
    assert_int_equal(ratel_menu_error(m, 0, &msg), RATEL_EDECL);
    assert_non_null(strstr(msg, "bi_waiting_hours"));
    assert_int_equal(ratel_menu_error(m, 2, &msg), RATEL_OK);
    assert_non_null(ratel_menu_quote(m, 2));
    ratel_menu_free(m);
    m = menu_of(c, "examples/full.json", o); /* incidents of 2022, 2024 */
    assert_int_equal(ratel_menu_error(m, 1, &msg), RATEL_EDECL);
    assert_non_null(strstr(msg, "$.incidents[1].date"));
    assert_int_equal(ratel_menu_error(m, 2, &msg), RATEL_OK);
    ratel_menu_free(m);
    ratel_options_free(o);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

/* A field an option sets, as the options and as a setter. */
typedef struct field {
    const char *path;
    char kind; /* 'i', 'b', 'n' */
    int64_t i;
    double f;
} field;

/* 35 distinct paths (more than a menu keeps located: options.h,
 * OPT_MAX_PLACES), codes of flags and sets, shorthands among them. */
static const field fields[] = {
    {"controls.security_policy", 'b', 0, 0}, {"controls.risk_assessment", 'b', 0, 0},
    {"controls.csirt", 'b', 1, 0}, {"controls.incident_response_plan", 'b', 0, 0},
    {"controls.ir_drills", 'b', 1, 0}, {"controls.mfa", 'b', 0, 0},
    {"controls.edr", 'b', 0, 0}, {"controls.offline_backup", 'b', 0, 0},
    {"controls.patch_management", 'b', 0, 0}, {"controls.vpn_maintenance", 'b', 0, 0},
    {"controls.access_control", 'b', 0, 0}, {"controls.encryption", 'b', 1, 0},
    {"controls.log_collection", 'b', 0, 0}, {"controls.log_retention", 'b', 0, 0},
    {"controls.log_analysis", 'b', 1, 0}, {"controls.staff_training", 'b', 0, 0},
    {"controls.supplier_management", 'b', 1, 0},
    {"controls.physical_security", 'b', 0, 0},
    {"certifications.isms", 'b', 1, 0},
    {"request.liability_limit", 'i', 50000000, 0},
    {"request.expense_limit", 'i', 10000000, 0},
    {"request.deductible", 'i', 300000, 0},
    {"request.coinsurance_pct", 'i', 90, 0},
    {"coverages.liability.limit", 'i', 300000000, 0},
    {"coverages.expense.limit", 'i', 30000000, 0},
    {"coverages.liability.deductible", 'i', 1000000, 0},
    {"coverages.expense.deductible", 'i', 1000000, 0},
    {"coverages.liability.coinsurance_pct", 'i', 80, 0},
    {"coverages.expense.coinsurance_pct", 'i', 80, 0},
    {"applicant.revenue", 'i', 900000000, 0},
    {"applicant.employees", 'i', 50, 0},
    {"applicant.personal_records", 'i', 1000, 0},
    {"applicant.overseas_revenue_share", 'n', 0, 0.3},
    {"request.bi_waiting_hours", 'i', 24, 0},
    {"coverages.bi.waiting_hours", 'i', 24, 0},
};
#define NFIELDS (sizeof fields / sizeof *fields)

/* Option j of test__many_paths sets fields j and j + 1 (mod NFIELDS). */
static void set_field(ratel_ctx *c, ratel_decl *d, const field *f)
{
    int rc = f->kind == 'i'   ? ratel_decl_set_int(d, c, f->path, f->i)
             : f->kind == 'b' ? ratel_decl_set_bool(d, c, f->path, (int)f->i)
                              : ratel_decl_set_number(d, c, f->path, f->f);
    if (rc != RATEL_OK)
        fail_msg("%s: %s", f->path, ratel_ctx_errmsg(c));
}

static void put_field(ratel_options *o, const field *f)
{
    if (f->kind == 'i')
        ratel_options_set_int(o, f->path, f->i);
    else if (f->kind == 'b')
        ratel_options_set_bool(o, f->path, (int)f->i);
    else
        ratel_options_set_number(o, f->path, f->f);
}

/* A menu locates the paths its options set once: options over more
 * paths than it keeps, each path set by two options, give the separate
 * quotes' bytes; a path it cannot locate fails every option setting it,
 * with the same message. */
static void test_menu__many_paths(void **state)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_options *o = NULL;
    ratel_menu *m;
    ratel_rate_options ro;
    const char *msg = NULL;
    char *first;
    size_t j, len = 0;
    char *json = test_slurp("examples/full.json", &len);
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db",
                                       "rating-scripts", NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    ratel_options_new(&o);
    for (j = 0; j < NFIELDS; j++) {
        ratel_options_add(o, NULL);
        put_field(o, &fields[j]);
        put_field(o, &fields[(j + 1) % NFIELDS]);
    }
    for (j = 0; j < 2; j++) {
        ratel_options_add(o, NULL);
        ratel_options_set_int(o, "request.deductible", 300000);
        ratel_options_set_int(o, "request.no_such", 1);
    }
    m = menu_of(c, "examples/full.json", o);
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    for (j = 0; j < NFIELDS; j++) {
        ratel_decl *d = NULL;
        ratel_quote *q = NULL;
        char *want, *got;
        assert_int_equal(ratel_decl_parse(&d, c, NULL, json, len), 0);
        set_field(c, d, &fields[j]);
        set_field(c, d, &fields[(j + 1) % NFIELDS]);
        assert_int_equal(ratel_rate(&q, c, d, &ro), RATEL_OK);
        if (ratel_menu_error(m, j, &msg) != RATEL_OK)
            fail_msg("option %zu (%s): %s", j, fields[j].path, msg);
        want = json_of(q);
        got = json_of(ratel_menu_quote(m, j));
        if (strcmp(want, got))
            fail_msg("option %zu (%s): the menu's quote differs", j,
                     fields[j].path);
        ratel_free(want);
        ratel_free(got);
        ratel_quote_free(q);
        ratel_decl_free(d);
    }
    assert_int_equal(ratel_menu_error(m, NFIELDS, &msg), RATEL_EARG);
    assert_non_null(strstr(msg, "request.no_such: no such field"));
    first = strdup(msg);
    assert_int_equal(ratel_menu_error(m, NFIELDS + 1, &msg), RATEL_EARG);
    assert_string_equal(msg, first);
    free(first);
    ratel_menu_free(m);
    ratel_options_free(o);
    free(json);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_menu__same_as_separate_quotes),
        cmocka_unit_test(test_menu__rules_still_checked),
        cmocka_unit_test(test_menu__many_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
