/* test_strict.c - strict field access in plans at run time: a field the
 * schema does not define is an error naming the field path, the plan
 * file and line, with a suggestion for a misspelling; a field the schema
 * defines reads its value, its documented default, or nil when it has
 * neither; shorthands (request) are not seen by plans. */
#include "testutil.h"

typedef struct fixture {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
} fixture;

#define PRICE "cover('liability', 1) set('liability', 'p', 1000) " \
              "combine('c') round('policy', 'r', 10)\n"

/* An engine on a one-plan directory whose rate(d) runs `body` (from line
 * 3 of t.lua), then prices 1,000 yen. */
static fixture *open_plan(const char *body)
{
    char src[8192];
    fixture *f = calloc(1, sizeof *f);
    ratel_engine_options o = test_engine_options();
    assert_non_null(f);
    snprintf(src, sizeof src, TEST_PLAN("function rate(d)\n%s\n" PRICE
                                        "end\n"), body);
    test_tmpdir(f->dir);
    test_write(f->dir, "t.lua", src);
    if (ratel_engine_open(&f->engine, "tables/ratel.db", f->dir, &o))
        fail_msg("%s", ratel_engine_errmsg(f->engine));
    assert_int_equal(ratel_ctx_new(&f->ctx, f->engine), RATEL_OK);
    return f;
}

static void close_plan(fixture *f)
{
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    test_rmdir(f->dir);
    free(f);
}

/* Rates `json` (NULL: the neutral example) with f's plan. */
static int rate(fixture *f, const char *json, ratel_quote **q)
{
    size_t len = 0;
    char *neutral = NULL;
    int rc;
    if (!json) {
        neutral = test_slurp(TEST_NEUTRAL, &len);
        assert_non_null(neutral);
        json = neutral;
    } else {
        len = strlen(json);
    }
    rc = test_rate_json(q, f->ctx, json, len, NULL, 0);
    free(neutral);
    return rc;
}

/* The plan line `lua` (line 3 of t.lua) fails on the neutral example
 * with exactly "<dir>/t.lua:3: " + `message`. */
static void expect_strict_error(const char *lua, const char *message)
{
    fixture *f = open_plan(lua);
    ratel_quote *q = NULL;
    char want[1024];
    assert_int_equal(rate(f, NULL, &q), RATEL_ESCRIPT);
    assert_null(q);
    snprintf(want, sizeof want, "%s/t.lua:3: %s", f->dir, message);
    assert_string_equal(ratel_ctx_errmsg(f->ctx), want);
    assert_non_null(strstr(ratel_ctx_errscript(f->ctx), "t.lua"));
    assert_int_equal(ratel_ctx_errline(f->ctx), 3);
    close_plan(f);
}

/* The plan `body` rates the declaration `json` (NULL: neutral) and
 * warns nothing; its asserts are the test. */
static void expect_rates(const char *body, const char *json)
{
    fixture *f = open_plan(body);
    ratel_quote *q = NULL;
    if (rate(f, json, &q) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(f->ctx));
    assert_int_equal(ratel_quote_total_premium(q), 1000);
    ratel_quote_free(q);
    close_plan(f);
}

/* A misspelt field: its path, the plan's file and line, and the field
 * it is close to. */
static void test_strict__misspelt_field(void **state)
{
    (void)state;
    expect_strict_error("  if d.controls.ofline_backup then end",
                        "d.controls.ofline_backup: no such field (did you "
                        "mean offline_backup?)");
    expect_strict_error("  local r = d.applicant.revnue",
                        "d.applicant.revnue: no such field (did you mean "
                        "revenue?)");
    expect_strict_error("  local l = d.coverages.liability.limt",
                        "d.coverages.liability.limt: no such field (did you "
                        "mean limit?)");
    expect_strict_error("  local c = d.certifications.ims",
                        "d.certifications.ims: no such field (did you mean "
                        "isms?)");
    expect_strict_error("  local p = d.polciy",
                        "d.polciy: no such field (did you mean policy?)");
    /* through a local: the same path */
    expect_strict_error("  local c = d.controls; local x = c.mfaa",
                        "d.controls.mfaa: no such field (did you mean mfa?)");
    /* nothing close: no suggestion */
    expect_strict_error("  local x = d.applicant.turnover_last_year",
                        "d.applicant.turnover_last_year: no such field");
    expect_strict_error("  local x = d.colour", "d.colour: no such field");
}

/* Fields of list items and of nested records. */
static void test_strict__in_lists(void **state)
{
    fixture *f;
    ratel_quote *q = NULL;
    char want[512];
    (void)state;
    /* the list itself: numbers only; past the end is nil */
    expect_strict_error("  local x = d.incidents.first",
                        "d.incidents: a list; index it with a number from 1 "
                        "to #d.incidents");
    expect_rates("  assert(d.incidents[1] == nil and #d.incidents == 0)\n"
                 "  assert(d.entities[3] == nil and #d.entities == 0)", NULL);
    /* an item's field */
    f = open_plan("  for _, i in ipairs(d.incidents) do local x = i.piad end");
    assert_int_equal(rate(f, "{\"effective_date\": \"2026-07-01\", "
                          "\"applicant\": {\"name\": \"A\", \"revenue\": "
                          "500000000, \"industry\": \"retail\", "
                          "\"employees\": 3}, \"incidents\": [{\"date\": "
                          "\"2025-01-01\", \"type\": \"ddos\", \"paid\": 1}],"
                          " \"request\": {\"liability_limit\": 100000000, "
                          "\"expense_limit\": 30000000, \"deductible\": "
                          "100000}}", &q), RATEL_ESCRIPT);
    snprintf(want, sizeof want, "%s/t.lua:3: d.incidents[].piad: no such "
             "field (did you mean paid?)", f->dir);
    assert_string_equal(ratel_ctx_errmsg(f->ctx), want);
    close_plan(f);
}

/* Fields are named by strings. */
static void test_strict__not_a_name(void **state)
{
    (void)state;
    expect_strict_error("  local x = d.applicant[1]",
                        "d.applicant: fields are named by strings");
    expect_strict_error("  local x = d[true]", "d: fields are named by "
                        "strings");
}

/* The request is a shorthand of the document: plans read what it stands
 * for. */
static void test_strict__request_is_input_only(void **state)
{
    (void)state;
    expect_strict_error("  local r = d.request",
                        "d.request: a shorthand of the document, not seen by "
                        "plans; read the fields it stands for "
                        "(docs/schemas.md)");
    expect_rates("  local c = d.coverages\n"
                 "  assert(c.liability.limit == 100000000)\n"
                 "  assert(c.expense.limit == 30000000)\n"
                 "  assert(c.liability.deductible == 100000)\n"
                 "  assert(c.bi.deductible == 100000 and c.bi.limit == 0)",
                 NULL);
}

/* A field the schema defines: its value, else its documented default,
 * else nil; never an error. */
static void test_strict__defaults_and_nil(void **state)
{
    (void)state;
    expect_rates(
        /* defaults */
        "  assert(d.applicant.hazard_class == 'standard')\n"
        "  assert(d.coverages.liability.coinsurance_pct == 100)\n"
        "  assert(d.coverages.bi.indemnity_days == 180)\n"
        "  assert(d.coverages.bi.waiting_hours == 0)\n"
        "  assert(d.policy.inception == '2026-07-01')\n"
        "  assert(d.policy.expiry == '2027-07-01')\n"
        "  assert(d.policy.territory == 'japan')\n"
        "  assert(d.policy.currency == 'JPY')\n"
        "  assert(d.group.limit_basis == 'shared')\n"
        /* no default: nil */
        "  assert(d.policy.retroactive_date == nil)\n"
        "  assert(d.coverages.liability.aggregate_limit == nil)\n"
        "  assert(d.coverages.expense.sublimits.ransom == nil)\n"
        "  assert(d.group.aggregate_limit == nil)\n"
        "  assert(d.questionnaire.guideline_36.m5_mfa == nil)\n"
        "  assert(d.questionnaire.jcci.antivirus == nil)\n"
        /* flags and sets: every code, true or false */
        "  assert(d.controls.edr == false and d.certifications.pmark == false)",
        NULL);
    /* given: their values */
    expect_rates(
        "  assert(d.policy.retroactive_date == '2020-01-01')\n"
        "  assert(d.policy.expiry == '2027-01-01')\n"
        "  assert(d.policy.currency == 'USD')\n"
        "  assert(d.coverages.expense.sublimits.ransom == 5000000)\n"
        "  assert(d.coverages.liability.aggregate_limit == nil)\n"
        "  assert(d.questionnaire.guideline_36.m5_mfa == 'partly')\n"
        "  assert(d.questionnaire.guideline_36.m5_edr == nil)\n"
        "  assert(d.questionnaire.jcci.antivirus == true)",
        "{\"effective_date\": \"2026-07-01\", \"applicant\": {\"name\": "
        "\"A\", \"revenue\": 500000000, \"industry\": \"retail\", "
        "\"employees\": 3}, \"request\": {\"liability_limit\": 100000000, "
        "\"expense_limit\": 30000000, \"deductible\": 100000}, "
        "\"coverages\": {\"expense\": {\"sublimits\": {\"ransom\": "
        "5000000}}}, \"policy\": {\"retroactive_date\": \"2020-01-01\", "
        "\"expiry\": \"2027-01-01\", \"currency\": \"USD\"}, "
        "\"questionnaire\": {\"guideline_36\": {\"m5_mfa\": \"partly\"}, "
        "\"jcci\": {\"antivirus\": true}}}");
}

/* pairs() shows the fields that have a value, not the ones that read
 * nil, and never the shorthand. */
static void test_strict__pairs_shows_values(void **state)
{
    (void)state;
    expect_rates(
        "  local keys = {}\n"
        "  for k in pairs(d) do keys[#keys + 1] = k end\n"
        "  local s = table.concat(keys, ' ')\n"
        "  assert(not s:find('request'), s)\n"
        "  assert(s:find('coverages') and s:find('policy'), s)\n"
        "  local n = 0\n"
        "  for k, v in pairs(d.coverages.liability) do\n"
        "    assert(v ~= nil and k ~= 'aggregate_limit', k) n = n + 1\n"
        "  end\n"
        "  assert(n == 4, n) -- limit, deductible, coinsurance, sublimits",
        NULL);
}

/* A plan can catch the error, but the field does not come into being. */
static void test_strict__caught_error_reads_nothing(void **state)
{
    (void)state;
    expect_rates("  local ok, e = pcall(function() return d.controls.nope end)\n"
                 "  assert(not ok and e:find('d.controls.nope: no such field',"
                 " 1, true), e)\n"
                 "  ok = pcall(function() return d.controls.nope end)\n"
                 "  assert(not ok)", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strict__misspelt_field),
        cmocka_unit_test(test_strict__in_lists),
        cmocka_unit_test(test_strict__not_a_name),
        cmocka_unit_test(test_strict__request_is_input_only),
        cmocka_unit_test(test_strict__defaults_and_nil),
        cmocka_unit_test(test_strict__pairs_shows_values),
        cmocka_unit_test(test_strict__caught_error_reads_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
