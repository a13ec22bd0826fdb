/* test_compare.c - the broker's comparison through the public API: the
 * offers of every plan, of named plans, of menus and of a caller's
 * options; each shipped scenario settled against each shipped plan
 * (worked by hand for the neutral declaration, invariants for all); the
 * menus per plan (built and read, with a common menu, and unread in
 * version 1 options); the
 * gaps (a plan without business interruption, a cover without it, a plan
 * without coverage terms); the PML shortfalls; the four questions; the
 * JSON and CSV; a failing plan as an offer; the errors. */
#include "testutil.h"

#define M 1000000
#define ALL ((size_t)-1)

typedef struct fixture {
    ratel_engine *engine;
    ratel_ctx *ctx;
    ratel_decl *decl;    /* the neutral example */
    ratel_comparison *c;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    size_t len = 0;
    char *json = test_slurp(TEST_NEUTRAL, &len);
    if (!json ||
        ratel_engine_open(&f->engine, "tables/ratel.db", "rating-scripts",
                          NULL) ||
        ratel_ctx_new(&f->ctx, f->engine) ||
        ratel_decl_parse(&f->decl, f->ctx, NULL, json, len))
        return -1;
    free(json);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ratel_comparison_free(f->c);
    ratel_decl_free(f->decl);
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    free(f);
    return 0;
}

static ratel_comparison *compare(fixture *f, const ratel_compare_options *o)
{
    ratel_comparison_free(f->c);
    f->c = NULL;
    if (ratel_compare(&f->c, f->ctx, f->decl, o) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(f->ctx));
    return f->c;
}

/* The index of the offer of `plan` (the first), or fails. */
static size_t offer_of(const ratel_comparison *c, const char *plan)
{
    size_t i;
    for (i = 0; i < ratel_comparison_offer_count(c); i++) {
        ratel_offer o;
        ratel_comparison_offer(c, i, &o);
        if (strcmp(o.plan, plan) == 0)
            return i;
    }
    fail_msg("no offer of %s", plan);
    return 0;
}

/* Whether offer i has a gap of `code` whose text starts with `text`. */
static int has_gap(const ratel_comparison *c, size_t i, const char *code,
                   const char *text)
{
    ratel_offer o;
    size_t k;
    ratel_comparison_offer(c, i, &o);
    for (k = 0; k < o.ngaps; k++) {
        ratel_gap g;
        ratel_comparison_gap(c, i, k, &g);
        if (strcmp(g.code, code) == 0 &&
            strncmp(g.text, text, strlen(text)) == 0)
            return 1;
    }
    return 0;
}

static ratel_settlement settled(const ratel_comparison *c, const char *plan,
                                size_t scenario, size_t category)
{
    ratel_settlement s;
    assert_int_equal(ratel_comparison_settlement(c, offer_of(c, plan),
                                                 scenario, category, &s),
                     RATEL_OK);
    return s;
}

/* Every plan of the schema, one offer each, in plan order. */
static void test_compare__every_plan(void **state)
{
    fixture *f = *state;
    ratel_comparison *c = compare(f, NULL);
    ratel_comparison_info info;
    ratel_offer o;
    assert_int_equal(ratel_comparison_offer_count(c), 3);
    ratel_comparison_offer(c, 0, &o);
    assert_string_equal(o.plan, "chamber-scheme");
    assert_null(o.option);
    assert_non_null(o.quote);
    assert_int_equal(o.error, RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(o.quote), 56000);
    ratel_comparison_offer(c, 2, &o);
    assert_string_equal(o.plan, "sme-cyber");
    assert_string_equal(o.insurer, "Ratel Reference Insurance");
    assert_int_equal(ratel_quote_total_premium(o.quote), 67380);
    assert_int_equal(ratel_quote_step_count(o.quote), 0); /* no worksheet */
    assert_int_equal(ratel_comparison_get(c, &info), RATEL_OK);
    assert_string_equal(info.applicant, "株式会社さくら精機");
    assert_string_equal(info.effective_date, "2026-07-01");
    assert_string_equal(info.currency, "JPY");
    assert_int_equal(info.revenue, 500 * M);
    assert_int_equal(info.personal_records, 20000);
    assert_int_equal(info.companies, 1);
    assert_int_equal(info.cash_months, 2);
    assert_int_equal(info.cash, 83333333);
    assert_int_equal(ratel_comparison_scenario_count(c), 5);
}

/* Worked by hand for the neutral declaration (20,000 records, revenue
 * 500m; liability 100m, expense 30m, deductible 100,000 a part, 100%). */
static void test_compare__scenarios_by_hand(void **state)
{
    fixture *f = *state;
    ratel_comparison *c = compare(f, NULL);
    ratel_scenario_info si;
    ratel_settlement s;
    assert_int_equal(ratel_comparison_scenario(c, 0, &si), RATEL_OK);
    assert_string_equal(si.id, "ransomware");
    assert_int_equal(si.loss, 94600000);
    assert_int_equal(si.records, 20000);
    /* all in expense: 94.6m - 100,000, capped at the 30m limit */
    s = settled(c, "sme-cyber", 0, ALL);
    assert_int_equal(s.insurer_pays, 30 * M);
    assert_int_equal(s.client_keeps, 64600000);
    assert_int_equal(s.kept_deductible, 100000);
    assert_int_equal(s.kept_limit, 64500000);
    /* the scheme pays forensics, legal, letters and the call centre
     * (45.6m) within its 20m expense sub-limit; not the rebuild */
    s = settled(c, "chamber-scheme", 0, ALL);
    assert_int_equal(s.insurer_pays, 20 * M);
    assert_int_equal(s.kept_not_covered, 49 * M);
    s = settled(c, "chamber-scheme", 0, 9 /* data_restoration */);
    assert_int_equal(s.loss, 40 * M);
    assert_int_equal(s.kept_not_covered, 40 * M);
    /* the leak: 120m of damages on the 100m liability limit, 40.6m of
     * response costs on the 30m expense limit */
    s = settled(c, "sme-cyber", 1, ALL);
    assert_int_equal(s.loss, 160600000);
    assert_int_equal(s.insurer_pays, 130 * M);
    assert_true(s.share_of_cash_pct == 36.7);
    /* business email compromise: the transfer is no plan's */
    s = settled(c, "sme-cyber", 2, ALL);
    assert_int_equal(s.insurer_pays, 3900000);
    assert_int_equal(s.kept_not_covered, 15 * M);
    /* 30 days down, no BI asked: 12,328,767 + 2,054,794 kept */
    s = settled(c, "sme-cyber", 3, ALL);
    assert_int_equal(s.loss, 14383561);
    assert_int_equal(s.insurer_pays, 0);
    ratel_comparison_scenario(c, 4, &si);
    assert_string_equal(si.id, "pml");
    assert_true(si.is_pml);
}

/* Each shipped scenario against each shipped plan: what the policy pays
 * and what the client keeps add up to the loss in every category, and
 * no part pays above its limit. */
static void test_compare__invariants(void **state)
{
    fixture *f = *state;
    ratel_compare_options o;
    ratel_comparison *c;
    size_t i, s, k;
    ratel_compare_options_init(&o, RATEL_COMPARE_OPTIONS_VERSION);
    o.menus = 1;
    assert_int_equal(ratel_decl_set_int(f->decl, f->ctx, "request.bi_limit",
                                        20 * M), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(f->decl, f->ctx,
                                        "request.bi_waiting_hours", 24),
                     RATEL_OK);
    c = compare(f, &o);
    assert_int_equal(ratel_comparison_offer_count(c), 31);
    for (i = 0; i < ratel_comparison_offer_count(c); i++) {
        ratel_offer off;
        int64_t limits = 0;
        ratel_comparison_offer(c, i, &off);
        for (k = 0; k < ratel_quote_coverage_count(off.quote); k++) {
            ratel_coverage cov;
            ratel_quote_coverage(off.quote, k, &cov);
            limits += cov.limit;
        }
        for (s = 0; s < ratel_comparison_scenario_count(c); s++) {
            ratel_settlement t, x;
            int64_t pays = 0, keeps = 0;
            ratel_comparison_settlement(c, i, s, ALL, &t);
            for (k = 0; k < ratel_loss_category_count(); k++) {
                ratel_comparison_settlement(c, i, s, k, &x);
                assert_int_equal(x.insurer_pays + x.client_keeps, x.loss);
                assert_int_equal(x.client_keeps,
                                 x.kept_not_covered + x.kept_waiting_period +
                                     x.kept_deductible + x.kept_coinsurance +
                                     x.kept_sublimit + x.kept_limit);
                pays += x.insurer_pays;
                keeps += x.client_keeps;
            }
            assert_int_equal(pays, t.insurer_pays);
            assert_int_equal(keeps, t.client_keeps);
            assert_true(t.insurer_pays <= limits);
        }
    }
}

/* The scheme sells no business interruption: the gap shows whatever is
 * asked; a package does not show it once BI is asked. */
static void test_compare__no_bi_gap(void **state)
{
    fixture *f = *state;
    ratel_comparison *c = compare(f, NULL);
    size_t cc = offer_of(c, "chamber-scheme"), sme = offer_of(c, "sme-cyber");
    ratel_settlement s;
    assert_true(has_gap(c, cc, "no_business_interruption",
                        "no business interruption (the plan does not offer "
                        "it)"));
    assert_true(has_gap(c, cc, "not_covered", "ransom (where lawful) not "
                        "covered"));
    assert_true(has_gap(c, cc, "sublimit", "expense sub-limit JPY "
                        "20,000,000"));
    assert_true(has_gap(c, sme, "no_business_interruption",
                        "no business interruption (the plan's business "
                        "interruption cover was not asked for)"));
    assert_true(has_gap(c, offer_of(c, "questionnaire-cyber"), "not_covered",
                        "ransom (where lawful) not covered"));
    assert_int_equal(ratel_decl_set_int(f->decl, f->ctx, "request.bi_limit",
                                        20 * M), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(f->decl, f->ctx,
                                        "request.bi_waiting_hours", 24),
                     RATEL_OK);
    c = compare(f, NULL);
    cc = offer_of(c, "chamber-scheme");
    sme = offer_of(c, "sme-cyber");
    assert_true(has_gap(c, cc, "no_business_interruption", "no business"));
    assert_false(has_gap(c, sme, "no_business_interruption", "no business"));
    /* 30 days down: 720 hours, 24 of them waiting (each category rounded
     * down to the yen: 410,959 + 68,494), then the deductible */
    s = settled(c, "sme-cyber", 3, ALL);
    assert_int_equal(s.kept_waiting_period, 479453);
    assert_int_equal(s.kept_deductible, 100000);
    assert_int_equal(s.insurer_pays, 13804108);
    s = settled(c, "chamber-scheme", 3, ALL);
    assert_int_equal(s.insurer_pays, 0);
}

/* The PML against the limits: a shortfall where a limit is below it. */
static void test_compare__pml_shortfalls(void **state)
{
    fixture *f = *state;
    ratel_comparison *c = compare(f, NULL);
    size_t sme = offer_of(c, "sme-cyber"), k;
    ratel_offer o;
    int liability = 0;
    ratel_comparison_offer(c, sme, &o);
    assert_true(o.nshortfalls >= 2);
    for (k = 0; k < o.nshortfalls; k++) {
        ratel_shortfall s;
        ratel_comparison_shortfall(c, sme, k, &s);
        if (s.part && strcmp(s.part, "liability") == 0) {
            liability = 1;
            assert_int_equal(s.pml, 120 * M);
            assert_int_equal(s.pays, 100 * M);
            assert_int_equal(s.shortfall, 19900000);
            assert_string_equal(s.text, "the liability limit of JPY "
                                "100,000,000: JPY 19,900,000 of the PML's "
                                "JPY 120,000,000 left uninsured");
        }
    }
    assert_true(liability);
    assert_int_equal(ratel_comparison_shortfall(c, sme, o.nshortfalls, NULL),
                     RATEL_EARG);
}

static void test_compare__questions(void **state)
{
    fixture *f = *state;
    ratel_comparison *c = compare(f, NULL);
    ratel_question q;
    assert_int_equal(ratel_comparison_question_count(c), 4);
    ratel_comparison_question(c, 0, &q);
    assert_int_equal(q.number, 1);
    assert_string_equal(q.answer, "doubt"); /* the leak: 160.6m > 83.3m */
    assert_non_null(strstr(q.why, "leak"));
    ratel_comparison_question(c, 2, &q);
    assert_string_equal(q.answer, "doubt");
    assert_non_null(strstr(q.why, "csirt"));
    ratel_comparison_question(c, 3, &q);
    assert_string_equal(q.answer, "unknown");
    assert_int_equal(strncmp(ratel_comparison_advice(c), "Check first", 11),
                     0);
    assert_int_equal(ratel_comparison_question(c, 4, &q), RATEL_EARG);
}

/* Named plans, menus and a caller's options. */
static void test_compare__plans_and_options(void **state)
{
    fixture *f = *state;
    const char *plans[] = {"sme-cyber", "chamber-scheme"};
    const char *bad[] = {"nope"};
    ratel_compare_options o;
    ratel_options *menu = NULL;
    ratel_comparison *c = NULL;
    ratel_offer off;
    ratel_compare_options_init(&o, RATEL_COMPARE_OPTIONS_VERSION);
    o.plans = plans;
    o.nplans = 2;
    c = compare(f, &o);
    assert_int_equal(ratel_comparison_offer_count(c), 2);
    ratel_comparison_offer(c, 0, &off);
    assert_string_equal(off.plan, "sme-cyber");
    assert_int_equal(ratel_options_new(&menu), RATEL_OK);
    ratel_options_add(menu, "low");
    ratel_options_set_int(menu, "request.liability_limit", 50 * M);
    ratel_options_add(menu, "high");
    ratel_options_set_int(menu, "request.liability_limit", 300 * M);
    o.options = menu;
    c = compare(f, &o);
    assert_int_equal(ratel_comparison_offer_count(c), 4);
    ratel_comparison_offer(c, 3, &off);
    assert_string_equal(off.plan, "chamber-scheme");
    assert_string_equal(off.option, "high");
    ratel_options_free(menu); /* the comparison keeps no reference */
    assert_int_equal(ratel_comparison_offer(c, 3, &off), RATEL_OK);
    assert_string_equal(off.option, "high");
    o.options = NULL;
    o.plans = bad;
    o.nplans = 1;
    assert_int_equal(ratel_compare(&c, f->ctx, f->decl, &o),
                     RATEL_ENOTFOUND);
    assert_null(c);
    assert_string_equal(ratel_ctx_errmsg(f->ctx), "no plan 'nope' (the plans "
                        "are chamber-scheme, questionnaire-cyber, sme-cyber, "
                        "us-management-liability)");
}

/* A menu of options named `a` and `b` setting the liability limit. */
static ratel_options *two_limits(const char *a, const char *b)
{
    ratel_options *menu = NULL;
    assert_int_equal(ratel_options_new(&menu), RATEL_OK);
    ratel_options_add(menu, a);
    ratel_options_set_int(menu, "request.liability_limit", 300 * M);
    ratel_options_add(menu, b);
    ratel_options_set_int(menu, "request.liability_limit", 50 * M);
    return menu;
}

/* The option names of the offers, "plan/option" joined by spaces. */
static const char *offers_text(const ratel_comparison *c)
{
    static char text[512];
    size_t i;
    text[0] = '\0';
    for (i = 0; i < ratel_comparison_offer_count(c); i++) {
        ratel_offer o;
        ratel_comparison_offer(c, i, &o);
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s/%s",
                 i ? " " : "", o.plan, o.option ? o.option : "-");
    }
    return text;
}

static void test_compare__plan_menus(void **state)
{
    fixture *f = *state;
    const char *plans[] = {"sme-cyber", "chamber-scheme"};
    ratel_compare_options o;
    ratel_compare_menus *menus = NULL;
    ratel_options *common = two_limits("c-high", "c-low");
    ratel_options *own = two_limits("high", "low"), *spare;
    ratel_comparison *c = NULL;
    ratel_offer mine, theirs;
    int64_t premium;
    assert_int_equal(ratel_compare_menus_new(&menus), RATEL_OK);
    assert_int_equal(ratel_compare_menus_add(menus, "sme-cyber", own),
                     RATEL_OK);
    spare = two_limits("x", "y"); /* refused: the caller still owns it */
    assert_int_equal(ratel_compare_menus_add(menus, "sme-cyber", spare),
                     RATEL_EARG);
    assert_int_equal(ratel_compare_menus_add(menus, "", spare), RATEL_EARG);
    assert_int_equal(ratel_compare_menus_add(menus, NULL, spare),
                     RATEL_EARG);
    assert_int_equal(ratel_compare_menus_add(menus, "x", NULL), RATEL_EARG);
    /* a plan not compared: unused */
    assert_int_equal(ratel_compare_menus_add(menus, "questionnaire-cyber",
                                             spare), RATEL_OK);
    ratel_compare_options_init(&o, RATEL_COMPARE_OPTIONS_VERSION);
    o.plans = plans;
    o.nplans = 2;
    o.plan_menus = menus;
    c = compare(f, &o);
    assert_string_equal(offers_text(c),
                        "sme-cyber/high sme-cyber/low chamber-scheme/-");
    o.options = common; /* the plans without their own menu */
    c = compare(f, &o);
    assert_string_equal(offers_text(c), "sme-cyber/high sme-cyber/low "
                        "chamber-scheme/c-high chamber-scheme/c-low");
    ratel_comparison_offer(c, 0, &mine);
    premium = ratel_quote_total_premium(mine.quote);
    o.menus = 1; /* each plan's own menu: still ours for sme-cyber */
    c = compare(f, &o);
    assert_string_equal(offers_text(c), "sme-cyber/high sme-cyber/low "
                        "chamber-scheme/c-high chamber-scheme/c-low");
    /* the same offer as the common menu gives the plan */
    o.plan_menus = NULL;
    c = compare(f, &o);
    ratel_comparison_offer(c, 0, &theirs);
    assert_string_equal(theirs.option, "c-high");
    assert_int_equal(ratel_quote_total_premium(theirs.quote), premium);
    /* options of version 1 have no plan_menus: not read */
    o.version = 1;
    o.plan_menus = menus;
    c = compare(f, &o);
    assert_string_equal(offers_text(c), "sme-cyber/c-high sme-cyber/c-low "
                        "chamber-scheme/c-high chamber-scheme/c-low");
    ratel_options_free(common);
    ratel_compare_menus_free(menus);
    /* a misspelt plan id is an error naming the plans */
    assert_int_equal(ratel_compare_menus_new(&menus), RATEL_OK);
    assert_int_equal(ratel_compare_menus_add(menus, "sme-cyber2",
                                             two_limits("a", "b")), RATEL_OK);
    o.version = RATEL_COMPARE_OPTIONS_VERSION;
    o.plan_menus = menus;
    o.options = NULL;
    assert_int_equal(ratel_compare(&c, f->ctx, f->decl, &o),
                     RATEL_ENOTFOUND);
    assert_null(c);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "no plan 'sme-cyber2'"));
    ratel_compare_menus_free(menus);
    ratel_compare_menus_free(NULL);
}

static void test_compare__plan_menus_parse(void **state)
{
    fixture *f = *state;
    static const char good[] =
        "{\"format_version\": 1, \"plans\": {\"chamber-scheme\": "
        "[{\"name\": \"low\", \"liability_limit\": 50000000}], "
        "\"sme-cyber\": [{\"name\": \"high\", \"set\": "
        "{\"request.liability_limit\": 300000000}}, {\"name\": \"low\", "
        "\"liability_limit\": 50000000}]}}";
    static const struct { const char *json, *message; } bad[] = {
        {"[]", "$: expected an object"},
        {"{\"plans\": {\"sme-cyber\": [{}]}}", "$.format_version: required"},
        {"{\"format_version\": 2, \"plans\": {\"sme-cyber\": [{}]}}",
         "$.format_version: version 2 is newer"},
        {"{\"format_version\": 1}", "$.plans: required"},
        {"{\"format_version\": 1, \"plans\": {}, \"x\": 1}",
         "$.x: unknown key"},
        {"{\"format_version\": 1, \"plans\": {\"sme-cyber\": "
         "[{\"name\": \"a\", \"deductable\": 1}]}}",
         "$.plans[\"sme-cyber\"][0].deductable: unknown key"},
        {"{\"format_version\": 1, \"plans\": {\"sme-cyber\": {}}}",
         "$.plans[\"sme-cyber\"]: expected an array of 1 to 1000 options"},
        {"{\"format_version\": 1, \"plans\": {\"\": [{}]}}",
         "expected a plan id"},
        {"{\"format_version\": 1, \"plans\"", "$: "},
    };
    const char *plans[] = {"sme-cyber", "chamber-scheme"};
    ratel_compare_menus *menus = NULL;
    ratel_compare_options o;
    size_t i;
    assert_int_equal(ratel_compare_menus_parse(&menus, f->ctx, good,
                                               strlen(good)), RATEL_OK);
    ratel_compare_options_init(&o, RATEL_COMPARE_OPTIONS_VERSION);
    o.plans = plans;
    o.nplans = 2;
    o.plan_menus = menus;
    assert_string_equal(offers_text(compare(f, &o)), "sme-cyber/high "
                        "sme-cyber/low chamber-scheme/low");
    ratel_compare_menus_free(menus);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        menus = (ratel_compare_menus *)1;
        assert_int_equal(ratel_compare_menus_parse(&menus, f->ctx,
                                                   bad[i].json,
                                                   strlen(bad[i].json)),
                         RATEL_EDECL);
        assert_null(menus);
        if (!strstr(ratel_ctx_errmsg(f->ctx), bad[i].message))
            fail_msg("%s: got %s", bad[i].json, ratel_ctx_errmsg(f->ctx));
    }
    assert_int_equal(ratel_compare_menus_parse(NULL, f->ctx, good, 1),
                     RATEL_EARG);
    assert_int_equal(ratel_compare_menus_parse(&menus, NULL, good, 1),
                     RATEL_EARG);
}

static void test_compare__json_and_csv(void **state)
{
    fixture *f = *state;
    ratel_comparison *c = compare(f, NULL), *again = NULL;
    char *json = NULL, *json2 = NULL, *csv = NULL, *p;
    size_t len = 0, rows = 0;
    assert_int_equal(ratel_comparison_json(c, &json, &len), RATEL_OK);
    assert_int_equal(strlen(json), len);
    assert_int_equal(strncmp(json, "{\"format_version\":1,\n", 21), 0);
    assert_non_null(strstr(json, "\"offers\":["));
    assert_non_null(strstr(json, "\"insurer_pays\":30000000,"
                                 "\"client_keeps\":64600000"));
    assert_non_null(strstr(json, "{\"code\":\"no_business_interruption\""));
    assert_int_equal(ratel_compare(&again, f->ctx, f->decl, NULL), RATEL_OK);
    assert_int_equal(ratel_comparison_json(again, &json2, NULL), RATEL_OK);
    assert_string_equal(json, json2); /* the same bytes */
    assert_int_equal(ratel_comparison_csv(c, &csv, NULL), RATEL_OK);
    for (p = csv; *p; p++)
        rows += *p == '\n';
    assert_int_equal(rows, 1 + 3 * 5);
    assert_int_equal(strncmp(csv, "plan,insurer,option,decision,premium,"
                                  "scenario,", 43), 0);
    ratel_free(json2);
    assert_int_equal(ratel_comparison_json(NULL, &json2, NULL), RATEL_EARG);
    assert_null(json2);
    ratel_free(json);
    ratel_free(csv);
    ratel_comparison_free(again);
}

/* A plan that fails while rating is an offer with its error; a plan
 * without coverage terms says so and pays nothing. */
static void test_compare__odd_plans(void **state)
{
    char dir[64];
    ratel_engine_options eo = test_engine_options();
    ratel_engine *e = NULL;
    ratel_ctx *ctx = NULL;
    ratel_decl *d = NULL;
    ratel_comparison *c = NULL;
    ratel_offer o;
    ratel_settlement s;
    char *json;
    size_t len = 0;
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "a.lua", TEST_PLAN("function rate(d) cover('liability', "
               "d.coverages.liability.limit) set('liability', 'p', 1000) "
               "combine('c') round('policy', 'r', 10) end\n"));
    test_write(dir, "b.lua", "plan = { id = 'u', insurer = 'U', product = "
               "'U', version = '1', effective_date = '2020-01-01', tables = "
               "{ 'sme_terms' } }\nfunction rate(d) error('broken') end\n");
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &eo),
                     RATEL_OK);
    assert_int_equal(ratel_ctx_new(&ctx, e), RATEL_OK);
    json = test_slurp(TEST_NEUTRAL, &len);
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len), RATEL_OK);
    assert_int_equal(ratel_compare(&c, ctx, d, NULL), RATEL_OK);
    assert_int_equal(ratel_comparison_offer_count(c), 2);
    ratel_comparison_offer(c, 0, &o);
    assert_string_equal(o.plan, "t");
    assert_true(has_gap(c, 0, "no_coverage_terms", "the plan does not say"));
    ratel_comparison_settlement(c, 0, 0, ALL, &s);
    assert_int_equal(s.insurer_pays, 0);
    ratel_comparison_offer(c, 1, &o);
    assert_null(o.quote);
    assert_int_equal(o.error, RATEL_ESCRIPT);
    assert_non_null(strstr(o.message, "broken"));
    assert_int_equal(o.ngaps, 0);
    ratel_comparison_free(c);
    ratel_decl_free(d);
    ratel_ctx_free(ctx);
    ratel_engine_free(e);
    free(json);
    test_rmdir(dir);
}

static void test_compare__errors(void **state)
{
    fixture *f = *state;
    ratel_compare_options o;
    ratel_comparison *c = NULL;
    ratel_decl *d = NULL;
    size_t len = 0;
    char *json;
    assert_int_equal(ratel_compare_options_init(NULL, 1), RATEL_EARG);
    assert_int_equal(ratel_compare_options_init(&o, 0), RATEL_EARG);
    assert_int_equal(ratel_compare_options_init(&o, 3), RATEL_EARG);
    /* version 1 writes only its own members: a caller built with that
     * header has no plan_menus */
    memset(&o, 0xab, sizeof o);
    assert_int_equal(ratel_compare_options_init(&o, 1), RATEL_OK);
    assert_int_equal(o.cash_months, 2);
    assert_int_equal(((const unsigned char *)&o.plan_menus)[0], 0xab);
    assert_int_equal(ratel_compare_options_init(&o, 2), RATEL_OK);
    assert_null(o.plan_menus);
    assert_int_equal(ratel_compare_options_init(&o, 1), RATEL_OK);
    assert_int_equal(ratel_compare(&c, NULL, f->decl, &o), RATEL_EARG);
    assert_int_equal(ratel_compare(&c, f->ctx, NULL, &o), RATEL_EARG);
    o.version = 9;
    assert_int_equal(ratel_compare(&c, f->ctx, f->decl, &o), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "version 9"));
    o.version = 1;
    o.cash_months = 0;
    assert_int_equal(ratel_compare(&c, f->ctx, f->decl, &o), RATEL_EARG);
    assert_null(c);
    /* a declaration of another product has no revenue to value losses */
    json = test_slurp("examples/us_management_liability.json", &len);
    assert_int_equal(ratel_decl_parse(&d, f->ctx, "us-management-liability",
                                      json, len), RATEL_OK);
    assert_int_equal(ratel_compare(&c, f->ctx, d, NULL), RATEL_EDECL);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "the comparison needs "
                                                     "applicant.revenue"));
    ratel_decl_free(d);
    free(json);
    /* accessors */
    assert_int_equal(ratel_comparison_offer_count(NULL), 0);
    assert_null(ratel_comparison_advice(NULL));
    assert_int_equal(ratel_loss_category_count(), 15);
    assert_string_equal(ratel_loss_category_id(11), "ransom");
    assert_null(ratel_loss_category_label(15));
    c = compare(f, NULL);
    assert_int_equal(ratel_comparison_settlement(c, 0, 9, ALL, NULL),
                     RATEL_EARG);
    assert_int_equal(ratel_comparison_gap(c, 99, 0, NULL), RATEL_EARG);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_compare__every_plan),
        T(test_compare__scenarios_by_hand),
        T(test_compare__invariants),
        T(test_compare__no_bi_gap),
        T(test_compare__pml_shortfalls),
        T(test_compare__questions),
        T(test_compare__plans_and_options),
        T(test_compare__plan_menus),
        T(test_compare__plan_menus_parse),
        T(test_compare__json_and_csv),
        cmocka_unit_test(test_compare__odd_plans),
        T(test_compare__errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
