/* test_engine.c - opening engines (tables, plan files, their errors), the
 * plan list, plan versions by date, and the public API's argument checks. */
#include "testutil.h"

#include <limits.h>

#define META(id, date) \
    "plan = { id = '" id "', insurer = 'I', product = 'P', version = '" \
    date "', effective_date = '" date "', tables = { 'sme_terms' } }\n"
#define RATE_FIXED(amount)                                               \
    "function rate(d) cover('liability', 1) set('liability', 'p', "      \
    amount ") combine('c') end\n"

/* Opens an engine on a directory with the given plan files (name, text,
 * name, text, ..., NULL); returns the code, leaves the message in msg. */
static int open_with(char *msg, size_t msgsize, const char *name, ...)
{
    char dir[64];
    va_list ap;
    ratel_engine *e = NULL;
    ratel_engine_options o = test_engine_options();
    int rc;
    test_tmpdir(dir);
    va_start(ap, name);
    while (name) {
        test_write(dir, name, va_arg(ap, const char *));
        name = va_arg(ap, const char *);
    }
    va_end(ap);
    rc = ratel_engine_open(&e, "tables/ratel.db", dir, &o);
    snprintf(msg, msgsize, "%s", ratel_engine_errmsg(e));
    ratel_engine_free(e);
    test_rmdir(dir);
    return rc;
}

static void expect_plan_error(const char *source, const char *needle)
{
    char msg[1024];
    assert_int_equal(open_with(msg, sizeof msg, "bad.lua", source, NULL),
                     RATEL_EPLAN);
    if (!strstr(msg, needle))
        fail_msg("message '%s' lacks '%s'", msg, needle);
    assert_non_null(strstr(msg, "bad.lua"));
}

static void test_engine__plan_load_errors(void **state)
{
    (void)state;
    expect_plan_error(META("x", "2025-01-01") "function rate(d)\n  if then\nend\n",
                      "bad.lua:3:");
    expect_plan_error("function rate(d) end\n", "global table `plan`");
    expect_plan_error("plan = { id = 'x' }\nfunction rate(d) end\n",
                      "plan.insurer");
    expect_plan_error(META("x", "2025-02-30") RATE_FIXED("1"),
                      "effective_date");
    expect_plan_error(META("x", "2025-01-01"), "no function rate");
    expect_plan_error("plan = { id = 'x', insurer = 'I', product = 'P', "
                      "version = '1', effective_date = '2025-01-01', "
                      "tables = { 'no_such_table' } }\n" RATE_FIXED("1"),
                      "no_such_table");
    expect_plan_error(META("x", "2025-01-01") "error('at load')\n",
                      "at load");
    expect_plan_error(META("x", "2025-01-01") "lookup('sme_terms', 'x')\n"
                      RATE_FIXED("1"), "only be called while rating");
    expect_plan_error(META("x", "2025-01-01") "while true do end\n",
                      "instruction limit");
    /* the top level is frozen after it runs: tables as keys cannot be */
    expect_plan_error(META("x", "2025-01-01") "local t = { [{}] = 1 }\n"
                      "function rate(d) return t end\n", "as a key");
    /* plan.options as a function runs at load, protected */
    expect_plan_error("plan = { id = 'x', insurer = 'I', product = 'P', "
                      "version = '1', effective_date = '2025-01-01', "
                      "tables = {}, options = function() error('boom') "
                      "end }\n" RATE_FIXED("1"), "plan.options(): ");
    expect_plan_error("plan = { id = 'x', insurer = 'I', product = 'P', "
                      "version = '1', effective_date = '2025-01-01', "
                      "tables = {}, options = function() while true do end "
                      "end }\n" RATE_FIXED("1"), "instruction limit");
}

static void test_engine__two_versions_same_date_rejected(void **state)
{
    char msg[1024];
    (void)state;
    assert_int_equal(open_with(msg, sizeof msg,
                               "a.lua", META("x", "2025-01-01") RATE_FIXED("1"),
                               "b.lua", META("x", "2025-01-01") RATE_FIXED("2"),
                               NULL), RATEL_EPLAN);
    assert_non_null(strstr(msg, "two versions of plan 'x'"));
}

static void test_engine__missing_inputs(void **state)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "/nonexistent/ratel.db",
                                       TEST_PLANS_DIR, NULL), RATEL_EIO);
    assert_true(strlen(ratel_engine_errmsg(e)) > 0);
    /* a failed engine cannot make contexts */
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_EARG);
    assert_null(c);
    ratel_engine_free(e);
    e = NULL;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db",
                                       "/nonexistent/plans", NULL), RATEL_EIO);
    ratel_engine_free(e);
    assert_int_equal(ratel_engine_open(NULL, "x", "y", NULL), RATEL_EARG);
    ratel_engine_free(NULL);
    ratel_ctx_free(NULL);
    ratel_quote_free(NULL);
    ratel_decl_free(NULL);
}

/* Versions of one plan are chosen by the declaration's effective date. */
static void test_engine__plan_versions_by_date(void **state)
{
    char dir[64];
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_quote *q = NULL;
    ratel_plan_info info;
    ratel_engine_options o = test_engine_options();
    size_t len = 0;
    char *json = test_slurp(TEST_NEUTRAL, &len), *p;
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "old.lua", META("v", "2025-01-01") RATE_FIXED("100"));
    test_write(dir, "new.lua", META("v", "2026-07-01") RATE_FIXED("200"));
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_OK);
    assert_int_equal(ratel_engine_plan_count(e), 2);
    assert_int_equal(ratel_engine_plan(e, 0, &info), RATEL_OK);
    assert_string_equal(info.effective_date, "2025-01-01");
    assert_int_equal(strlen(info.hash), 64);
    assert_int_equal(ratel_engine_plan(e, 2, &info), RATEL_EARG);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    /* neutral.json is effective 2026-07-01: the new version */
    assert_int_equal(test_rate_json(&q, c, json, len, "v", 0), RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(q), 200);
    assert_string_equal(ratel_quote_plan_version(q), "2026-07-01");
    ratel_quote_free(q);
    p = strstr(json, "2026-07-01");
    memcpy(p, "2026-06-30", 10);
    assert_int_equal(test_rate_json(&q, c, json, len, "v", 0), RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(q), 100);
    ratel_quote_free(q);
    memcpy(p, "2024-12-31", 10);
    assert_int_equal(test_rate_json(&q, c, json, len, "v", 0),
                     RATEL_ENOTFOUND);
    assert_non_null(strstr(ratel_ctx_errmsg(c), "no version effective"));
    assert_int_equal(test_rate_json(&q, c, json, len, "nope", 0),
                     RATEL_ENOTFOUND);
    assert_null(q);
    free(json);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    test_rmdir(dir);
}

/* The default plan: the engine option, else the plan that sets
 * plan.default = true, else the first by id; two plans may not both be
 * the default. */
static void test_engine__default_plan(void **state)
{
#define META_DEFAULT(id, extra)                                             \
    "plan = { id = '" id "', insurer = 'I', product = 'P', version = '1', " \
    "effective_date = '2025-01-01', tables = { 'sme_terms' }" extra " }\n"
    char dir[64], msg[1024];
    ratel_engine_options o = test_engine_options();
    ratel_engine *e = NULL;
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "a.lua", META_DEFAULT("a", "") RATE_FIXED("1"));
    test_write(dir, "b.lua", META_DEFAULT("b", ", default = true")
               RATE_FIXED("2"));
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_OK);
    assert_string_equal(ratel_engine_default_plan(e), "b");
    ratel_engine_free(e);
    o.default_plan = "a";
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_OK);
    assert_string_equal(ratel_engine_default_plan(e), "a");
    ratel_engine_free(e);
    test_rmdir(dir);
    assert_int_equal(open_with(msg, sizeof msg,
                               "a.lua", META_DEFAULT("a", "") RATE_FIXED("1"),
                               "c.lua", META_DEFAULT("c", "") RATE_FIXED("1"),
                               NULL), RATEL_OK);
    assert_int_equal(open_with(msg, sizeof msg,
                               "a.lua", META_DEFAULT("a", ", default = true")
                               RATE_FIXED("1"),
                               "b.lua", META_DEFAULT("b", ", default = true")
                               RATE_FIXED("2"), NULL), RATEL_EPLAN);
    assert_non_null(strstr(msg, "plans 'a' and 'b' both set plan.default"));
    /* the shipped plans: sme-cyber says it is the default */
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", TEST_PLANS_DIR,
                                       NULL), RATEL_OK);
    assert_string_equal(ratel_engine_default_plan(e), "sme-cyber");
    ratel_engine_free(e);
    assert_null(ratel_engine_default_plan(NULL));
#undef META_DEFAULT
}

static void test_engine__strerror_and_version(void **state)
{
    int code;
    (void)state;
    for (code = 0; code >= RATEL_ERESULT; code--)
        assert_string_not_equal(ratel_strerror(code), "unknown error");
    assert_string_equal(ratel_strerror(-999), "unknown error");
    assert_string_equal(ratel_strerror(1), "unknown error");
    assert_string_equal(ratel_strerror(INT_MIN), "unknown error");
    assert_string_equal(ratel_strerror(INT_MAX), "unknown error");
    assert_string_equal(ratel_version(), RATEL_VERSION);
    assert_string_equal(ratel_decision_name(RATEL_REFERRED), "referred");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine__plan_load_errors),
        cmocka_unit_test(test_engine__two_versions_same_date_rejected),
        cmocka_unit_test(test_engine__missing_inputs),
        cmocka_unit_test(test_engine__plan_versions_by_date),
        cmocka_unit_test(test_engine__default_plan),
        cmocka_unit_test(test_engine__strerror_and_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
