/* test_rate.c - rating through the public API: a declaration built with
 * setters, the quote's accessors, worksheet on and off, allocation to
 * coverages, and figures worked out by hand from the rate tables. */
#include "testutil.h"

static ratel_engine *engine;
static ratel_ctx *ctx;

static int setup(void **state)
{
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
    (void)state;
    o.default_plan = "sme-cyber"; /* what a NULL plan id means below */
    if (ratel_engine_open(&engine, "tables/ratel.db", TEST_PLANS_DIR, &o))
        return -1;
    return ratel_ctx_new(&ctx, engine);
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

/* The neutral declaration, built field by field on context c. */
static ratel_decl *build_neutral_on(ratel_ctx *c)
{
    static const char *const controls[] = {
        "security_policy", "risk_assessment", "mfa", "offline_backup",
        "patch_management", "staff_training"};
    ratel_decl *d = NULL;
    size_t i;
    assert_int_equal(ratel_decl_new(&d, c, NULL), RATEL_OK);
    assert_string_equal(ratel_decl_schema(d), "cyber-sme");
    assert_int_equal(ratel_decl_set_string(d, c, "effective_date",
                                           "2026-07-01"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, c, "applicant.name",
                                           "株式会社さくら精機"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, c, "applicant.revenue",
                                        500000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, c, "applicant.industry",
                                           "manufacturing"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, c, "applicant.employees", 45),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, c, "applicant.personal_records",
                                        20000), RATEL_OK);
    for (i = 0; i < sizeof controls / sizeof *controls; i++) {
        char path[64];
        snprintf(path, sizeof path, "controls.%s", controls[i]);
        assert_int_equal(ratel_decl_set_bool(d, c, path, 1), RATEL_OK);
    }
    assert_int_equal(ratel_decl_set_int(d, c, "request.liability_limit",
                                        100000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, c, "request.expense_limit",
                                        30000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, c, "request.deductible", 100000),
                     RATEL_OK);
    return d;
}

static ratel_decl *build_neutral(void)
{
    return build_neutral_on(ctx);
}

/* With every limit off the engine installs no instruction hook; the
 * quotes are the same bytes, worksheet included, on every golden case. */
static void test_rate__limits_off_same_quotes(void **state)
{
    static const char *const cases[] = {
        "neutral", "full_example", "bi_cover", "credits_capped_60",
        "incident_older_half_weight", "ransomware_remediated",
        "revenue_large", "limits_500m_100m"};
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine *e2 = NULL;
    ratel_ctx *c2 = NULL;
    size_t i;
    (void)state;
    o.max_instructions = 0;
    o.max_memory = 0;
    o.max_milliseconds = 0;
    assert_int_equal(ratel_engine_open(&e2, "tables/ratel.db",
                                       TEST_PLANS_DIR, &o), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c2, e2), RATEL_OK);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[128];
        size_t len = 0;
        char *json;
        ratel_quote *q1 = NULL, *q2 = NULL;
        snprintf(path, sizeof path, "tests/golden/cases/%s.json", cases[i]);
        json = test_slurp(path, &len);
        assert_non_null(json);
        assert_int_equal(test_rate_json(&q1, ctx, json, len, "sme-cyber", 0),
                         RATEL_OK);
        assert_int_equal(test_rate_json(&q2, c2, json, len, "sme-cyber", 0),
                         RATEL_OK);
        test_assert_same_quote(q1, q2);
        ratel_quote_free(q1);
        ratel_quote_free(q2);
        free(json);
    }
    ratel_ctx_free(c2);
    ratel_engine_free(e2);
}

/* A built declaration rates to the same bytes as the JSON example. */
static void test_rate__api_declaration_equals_json(void **state)
{
    ratel_decl *d = build_neutral();
    ratel_quote *a = NULL, *b = NULL;
    size_t len = 0;
    char *json = test_slurp(TEST_NEUTRAL, &len);
    (void)state;
    assert_int_equal(ratel_rate(&a, ctx, d, NULL), RATEL_OK);
    assert_int_equal(test_rate_json(&b, ctx, json, len, NULL, 0), RATEL_OK);
    test_assert_same_quote(a, b);
    ratel_quote_free(a);
    ratel_quote_free(b);
    ratel_decl_free(d);
    free(json);
}

static void test_rate__missing_required_field(void **state)
{
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    ratel_field_error fe;
    (void)state;
    assert_int_equal(ratel_decl_new(&d, ctx, NULL), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_EDECL);
    assert_null(q);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 3); /* date, applicant, request */
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.effective_date");
    assert_int_equal(ratel_ctx_field_error(ctx, 999, &fe), RATEL_EARG);
    ratel_decl_free(d);
}

/* All 18 controls: 100 points, a 40% credit; by hand:
 * 67,375 (base at 500m, table 2026.1) x 0.6 = 40,425 -> 40,430 (10 yen).
 * The coverages split it 60:40 by largest remainder: 24,258 + 16,172. */
static void test_rate__all_controls_by_hand(void **state)
{
    static const char *const all[] = {
        "csirt", "incident_response_plan", "ir_drills", "edr",
        "vpn_maintenance", "access_control", "encryption", "log_collection",
        "log_retention", "log_analysis", "supplier_management",
        "physical_security"};
    ratel_decl *d = build_neutral();
    ratel_quote *q = NULL;
    ratel_coverage cov;
    ratel_step st;
    size_t i;
    int64_t sum = 0;
    (void)state;
    for (i = 0; i < sizeof all / sizeof *all; i++) {
        char path[64];
        snprintf(path, sizeof path, "controls.%s", all[i]);
        assert_int_equal(ratel_decl_set_bool(d, ctx, path, 1), RATEL_OK);
    }
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_decision(q), RATEL_QUOTED);
    assert_int_equal(ratel_quote_total_premium(q), 40430);
    assert_int_equal(ratel_quote_coverage_count(q), 2);
    for (i = 0; i < 2; i++) {
        assert_int_equal(ratel_quote_coverage(q, i, &cov), RATEL_OK);
        sum += cov.premium;
    }
    assert_int_equal(sum, 40430);
    assert_int_equal(ratel_quote_coverage(q, 0, &cov), RATEL_OK);
    assert_string_equal(cov.name, "liability");
    assert_int_equal(cov.limit, 100000000);
    assert_int_equal(cov.premium, 24258);
    assert_int_equal(ratel_quote_step(q, 0, &st), RATEL_OK);
    assert_string_equal(st.table, "sme_base_premium");
    assert_string_equal(st.key, "500000000");
    assert_true(st.value == 67375.0);
    assert_string_equal(ratel_quote_applicant(q), "株式会社さくら精機");
    assert_string_equal(ratel_quote_effective_date(q), "2026-07-01");
    assert_string_equal(ratel_quote_plan_id(q), "sme-cyber");
    assert_int_equal(strlen(ratel_quote_plan_hash(q)), 64);
    ratel_quote_free(q);
    ratel_decl_free(d);
}

/* Worksheet off: same premium, no steps. */
static void test_rate__worksheet_off(void **state)
{
    ratel_decl *d = build_neutral();
    ratel_quote *a = NULL, *b = NULL;
    ratel_table_used t;
    (void)state;
    assert_int_equal(ratel_rate(&a, ctx, d, NULL), RATEL_OK);
    assert_int_equal(test_rate(&b, ctx, d, NULL, RATEL_RATE_NO_WORKSHEET),
                     RATEL_OK);
    assert_true(ratel_quote_step_count(a) > 10);
    assert_int_equal(ratel_quote_step_count(b), 0);
    assert_int_equal(ratel_quote_total_premium(a),
                     ratel_quote_total_premium(b));
    assert_true(ratel_quote_table_count(b) > 5);
    assert_int_equal(ratel_quote_table(b, 0, &t), RATEL_OK);
    assert_string_equal(t.name, "sme_base_premium");
    assert_string_equal(t.version, "2026.1");
    ratel_quote_free(a);
    ratel_quote_free(b);
    ratel_decl_free(d);
}

/* A quote is independent of its context and engine: its plan and table
 * descriptions are still readable after both are freed, under every
 * table version the declaration's date picks. */
static void test_rate__quote_outlives_engine(void **state)
{
    static const char *const dates[] = {"2025-07-01", "2026-07-01",
                                        "2025-08-01", "2026-08-01"};
    static const char *const versions[] = {"2025.1", "2026.1"};
    ratel_quote *q[4] = {NULL}, *twin = NULL;
    char *json[4];
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d, *other = build_neutral();
    ratel_table_used t;
    size_t i;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", TEST_PLANS_DIR,
                                       NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    /* a declaration borrows its schema from its engine: rated by its own */
    assert_int_equal(ratel_rate(&twin, c, other, NULL), RATEL_EARG);
    assert_null(twin);
    assert_string_equal(ratel_ctx_errmsg(c), "ratel_rate: the declaration "
                        "was made with another engine");
    ratel_decl_free(other);
    d = build_neutral_on(c);
    for (i = 0; i < 4; i++) {
        assert_int_equal(ratel_decl_set_string(d, c, "effective_date",
                                               dates[i]), RATEL_OK);
        assert_int_equal(test_rate(&q[i], c, d, "sme-cyber",
                                   i % 2 ? RATEL_RATE_NO_WORKSHEET : 0),
                         RATEL_OK);
        assert_int_equal(test_rate(&twin, c, d, "sme-cyber",
                                   i % 2 ? RATEL_RATE_NO_WORKSHEET : 0),
                         RATEL_OK);
        json[i] = test_quote_json(twin);
        assert_non_null(json[i]);
        ratel_quote_free(twin);
    }
    ratel_decl_free(d); /* before its engine */
    ratel_ctx_free(c);
    ratel_engine_free(e);
    for (i = 0; i < 4; i++) {
        char *again = test_quote_json(q[i]);
        assert_non_null(again);
        assert_string_equal(again, json[i]);
        ratel_free(again);
        assert_string_equal(ratel_quote_plan_id(q[i]), "sme-cyber");
        assert_string_equal(ratel_quote_effective_date(q[i]), dates[i]);
        assert_string_equal(ratel_quote_applicant(q[i]),
                            "株式会社さくら精機");
        assert_int_equal(ratel_quote_table(q[i], 0, &t), RATEL_OK);
        assert_string_equal(t.name, "sme_base_premium");
        assert_string_equal(t.version, versions[i % 2]);
        assert_int_equal(ratel_quote_table(q[i], ratel_quote_table_count(q[i]),
                                           &t), RATEL_EARG);
        ratel_quote_free(q[i]);
        ratel_free(json[i]);
    }
}

/* A referral keeps its premium and says why; a decline offers none. */
static void test_rate__referral_and_decline(void **state)
{
    ratel_decl *d = build_neutral();
    ratel_quote *q = NULL;
    ratel_reason r;
    (void)state;
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.liability_limit",
                                        150000000), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_decision(q), RATEL_REFERRED);
    assert_int_equal(ratel_quote_reason_count(q), 1);
    assert_int_equal(ratel_quote_reason(q, 0, &r), RATEL_OK);
    assert_string_equal(r.code, "LIMIT_OFF_MENU");
    assert_true(ratel_quote_total_premium(q) > 67380);
    ratel_quote_free(q);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.revenue",
                                        200000000000LL), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_decision(q), RATEL_DECLINED);
    assert_int_equal(ratel_quote_total_premium(q), 0);
    assert_int_equal(ratel_quote_reason_count(q), 2);
    assert_int_equal(ratel_quote_reason(q, 0, &r), RATEL_OK);
    assert_string_equal(r.code, "REVENUE_ABOVE_SME");
    ratel_quote_free(q);
    ratel_decl_free(d);
}

/* A plan asks for authority level 3 above JPY 500m of liability: a level-1
 * context gets a referral saying so, a level-3 context a quote. The
 * missing MFA becomes a subjectivity either way. */
static void test_rate__authority_and_subjectivities(void **state)
{
    ratel_decl *d = build_neutral();
    ratel_quote *q = NULL;
    ratel_reason r;
    (void)state;
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.liability_limit",
                                        1000000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfa", 0),
                     RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_decision(q), RATEL_REFERRED);
    assert_int_equal(ratel_quote_authority_required(q), 3);
    assert_int_equal(ratel_quote_reason(q, 0, &r), RATEL_OK);
    assert_string_equal(r.code, "AUTHORITY");
    assert_int_equal(ratel_quote_subjectivity_count(q), 1);
    assert_int_equal(ratel_quote_subjectivity(q, 0, &r), RATEL_OK);
    assert_string_equal(r.code, "MFA_REMOTE");
    assert_string_equal(r.kind, "subjectivity");
    ratel_quote_free(q);
    assert_int_equal(ratel_ctx_set_authority(ctx, 3), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_decision(q), RATEL_QUOTED);
    assert_int_equal(ratel_quote_reason_count(q), 0);
    ratel_quote_free(q);
    assert_int_equal(ratel_ctx_set_authority(ctx, 10), RATEL_EARG);
    assert_int_equal(ratel_ctx_set_authority(ctx, 1), RATEL_OK);
    ratel_decl_free(d);
}

/* Overrides: a step's factor and the total, each kept beside the
 * calculated figure; an override that matches nothing is an error. */
static void test_rate__overrides(void **state)
{
    ratel_decl *d = build_neutral();
    ratel_quote *q = NULL;
    ratel_rate_options o = RATEL_RATE_OPTIONS_INIT;
    ratel_override ov[1] = {{"liability", "Industry relativity", 1.5,
                             "loss experience of the sector"}};
    ratel_step st;
    size_t i;
    int seen = 0;
    (void)state;
    o.overrides = ov;
    o.noverrides = 1;
    assert_int_equal(ratel_rate(&q, ctx, d, &o), RATEL_OK);
    /* liability 40,425 x 1.5 = 60,637.5, + expense 26,950 = 87,587.5
     * -> 87,590 after rounding to 10 yen */
    assert_int_equal(ratel_quote_total_premium(q), 87590);
    for (i = 0; i < ratel_quote_step_count(q); i++) {
        assert_int_equal(ratel_quote_step(q, i, &st), RATEL_OK);
        if (st.override_reason) {
            assert_string_equal(st.label, "Industry relativity");
            assert_true(st.value == 1.5 && st.calculated == 1.0);
            seen++;
        }
    }
    assert_int_equal(seen, 1);
    ratel_quote_free(q);

    o.total_override = 80000;
    o.total_override_reason = "agreed with the broker";
    assert_int_equal(ratel_rate(&q, ctx, d, &o), RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(q), 80000);
    assert_int_equal(ratel_quote_calculated_premium(q), 87590);
    {
        char *json = test_quote_json(q);
        assert_non_null(strstr(json, "\"reason\":\"agreed with the broker\""));
        ratel_free(json);
    }
    ratel_quote_free(q);

    /* the combine step is the sum of the coverages: not overridable */
    {
        ratel_override sum = {"policy", "Package premium", 50000, "x"};
        ratel_rate_options o2 = RATEL_RATE_OPTIONS_INIT;
        o2.overrides = &sum;
        o2.noverrides = 1;
        assert_int_equal(ratel_rate(&q, ctx, d, &o2), RATEL_EARG);
        assert_non_null(strstr(ratel_ctx_errmsg(ctx), "can be overridden"));
    }
    ov[0].label = "Industry relativty";
    assert_int_equal(ratel_rate(&q, ctx, d, &o), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "matched no step"));
    ov[0].label = "Industry relativity";
    o.total_override_reason = NULL;
    assert_int_equal(ratel_rate(&q, ctx, d, &o), RATEL_EARG);
    assert_null(q);
    ratel_decl_free(d);
}

static void test_rate__bad_arguments(void **state)
{
    ratel_quote *q = (ratel_quote *)1;
    char *json = (char *)1;
    size_t len = 99;
    (void)state;
    assert_int_equal(ratel_rate(&q, ctx, NULL, NULL), RATEL_EARG);
    assert_null(q);
    assert_int_equal(ratel_rate(NULL, ctx, NULL, NULL), RATEL_EARG);
    assert_int_equal(test_rate_json(&q, ctx, "{", 1, NULL, 0), RATEL_EDECL);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_EDECL);
    assert_int_equal(ratel_quote_step_count(NULL), 0);
    assert_int_equal(ratel_quote_json(NULL, &json, &len), RATEL_EARG);
    assert_null(json);
}

/* Options that were not initialised (version 0) are refused by both
 * entry points that take them, with the same message; NULL options are
 * the defaults. */
static void test_rate__options_version(void **state)
{
    ratel_decl *d = build_neutral();
    ratel_rate_options o;
    ratel_quote *q = (ratel_quote *)1;
    ratel_menu *m = (ratel_menu *)1;
    (void)state;
    memset(&o, 0, sizeof o);
    assert_int_equal(ratel_rate(&q, ctx, d, &o), RATEL_EARG);
    assert_null(q);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "ratel_rate: options of "
                                                  "version 0"));
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "ratel_rate_options_init"));
    assert_int_equal(ratel_rate_menu(&m, ctx, d, &o, NULL), RATEL_EARG);
    assert_null(m);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "ratel_rate_menu: options "
                                                  "of version 0"));
    assert_int_equal(ratel_rate_menu(&m, NULL, d, NULL, NULL), RATEL_EARG);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_OK);
    ratel_quote_free(q);
    assert_int_equal(ratel_rate_menu(&m, ctx, d, NULL, NULL), RATEL_OK);
    assert_true(ratel_menu_count(m) > 1);
    ratel_menu_free(m);
    ratel_decl_free(d);
}

/* A menu of options by path: each option rates the declaration with its
 * fields set (a shorthand or a part's own field), as the same
 * declaration with those fields set would rate; an option the schema
 * refuses fails alone. */
static void test_rate__menu_by_path(void **state)
{
    ratel_decl *d = build_neutral(), *small = build_neutral();
    ratel_options *o = NULL;
    ratel_menu *m = NULL;
    ratel_quote *q = NULL;
    const char *msg = NULL;
    char *json = NULL;
    size_t len = 0;
    int64_t v = 0;
    (void)state;
    assert_int_equal(ratel_options_new(&o), RATEL_OK);
    assert_int_equal(ratel_options_add(o, "small"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(o, "coverages.liability.limit",
                                           50000000), RATEL_OK);
    assert_int_equal(ratel_options_add(o, "high deductible"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(o, "request.deductible", 1000000),
                     RATEL_OK);
    assert_int_equal(ratel_options_add(o, "misspelt"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(o, "coverages.liability.limt", 1),
                     RATEL_OK); /* checked when rated */
    assert_int_equal(ratel_options_add(o, "out of range"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(o, "coverages.liability."
                                           "coinsurance_pct", 0), RATEL_OK);
    assert_int_equal(ratel_options_add(o, "text"), RATEL_OK);
    assert_int_equal(ratel_options_set_string(o, "applicant.name", "B"),
                     RATEL_OK);
    assert_int_equal(ratel_options_add(o, "in a list"), RATEL_OK);
    assert_int_equal(ratel_options_set_int(o, "incidents[0].paid", 1),
                     RATEL_OK);
    assert_int_equal(ratel_rate_menu(&m, ctx, d, NULL, o), RATEL_OK);
    assert_int_equal(ratel_menu_count(m), 6);
    assert_string_equal(ratel_menu_option_name(m, 0), "small");
    /* as the declaration with the field set */
    assert_int_equal(ratel_decl_set_int(small, ctx, "coverages.liability."
                                        "limit", 50000000), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, small, NULL), RATEL_OK);
    assert_int_equal(ratel_menu_error(m, 0, &msg), RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(ratel_menu_quote(m, 0)),
                     ratel_quote_total_premium(q));
    assert_int_equal(ratel_quote_term_value(ratel_menu_quote(m, 0), 0,
                                            "limit", &v), RATEL_OK);
    assert_true(v == 50000000);
    ratel_quote_free(q);
    /* the shorthand set every part's deductible */
    assert_int_equal(ratel_quote_term_value(ratel_menu_quote(m, 1), 1,
                                            "deductible", &v), RATEL_OK);
    assert_true(v == 1000000);
    assert_int_equal(ratel_decl_set_int(small, ctx, "request.deductible",
                                        1000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(small, ctx, "coverages.liability."
                                        "limit", 100000000), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, small, NULL), RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(ratel_menu_quote(m, 1)),
                     ratel_quote_total_premium(q));
    ratel_quote_free(q);
    /* the failures, each its own */
    assert_null(ratel_menu_quote(m, 2));
    assert_int_equal(ratel_menu_error(m, 2, &msg), RATEL_EARG);
    assert_non_null(strstr(msg, "coverages.liability.limt: no such field"));
    assert_int_equal(ratel_menu_error(m, 3, &msg), RATEL_EDECL);
    assert_non_null(strstr(msg, "expected an integer from 1 to 100, got 0"));
    assert_int_equal(ratel_menu_error(m, 4, &msg), RATEL_EARG);
    assert_non_null(strstr(msg, "applicant.name: an option sets no text"));
    /* (an index past the end is an argument the option got wrong) */
    assert_int_equal(ratel_menu_error(m, 5, &msg), RATEL_EARG);
    assert_string_equal(msg, "incidents[0].paid: incidents has 0 items");
    /* the menu as JSON, allocated for the caller */
    assert_int_equal(ratel_menu_json(m, &json, &len), RATEL_OK);
    assert_int_equal(strlen(json), len);
    assert_non_null(strstr(json, "\"name\":\"small\",\"set\":"
                           "{\"coverages.liability.limit\":50000000}"));
    assert_non_null(strstr(json, "\"set\":{\"request.deductible\":1000000}"));
    ratel_free(json);
    assert_int_equal(ratel_menu_json(NULL, &json, &len), RATEL_EARG);
    ratel_menu_free(m);
    ratel_options_free(o);
    ratel_decl_free(small);
    ratel_decl_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate__api_declaration_equals_json),
        cmocka_unit_test(test_rate__missing_required_field),
        cmocka_unit_test(test_rate__all_controls_by_hand),
        cmocka_unit_test(test_rate__worksheet_off),
        cmocka_unit_test(test_rate__limits_off_same_quotes),
        cmocka_unit_test(test_rate__quote_outlives_engine),
        cmocka_unit_test(test_rate__referral_and_decline),
        cmocka_unit_test(test_rate__authority_and_subjectivities),
        cmocka_unit_test(test_rate__overrides),
        cmocka_unit_test(test_rate__options_version),
        cmocka_unit_test(test_rate__menu_by_path),
        cmocka_unit_test(test_rate__bad_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
