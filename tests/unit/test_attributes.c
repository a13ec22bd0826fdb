/* test_attributes.c - attribute(name, value) from small plans written
 * here: the values a plan may hand to the programs around its quotes
 * (text, whole numbers up to 10^15), the names it may use, what it is
 * refused with its file and line, the quote's "attributes" in JSON and
 * through the accessors, and the same bytes from every context. */
#include "testutil.h"

typedef struct fixture {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
    char *neutral;
    size_t neutral_len;
} fixture;

/* Prices 1,000 yen, so that the quote is whole. */
#define PRICE "cover('liability', 1) set('liability', 'p', 1000) " \
              "combine('c') round('policy', 'r', 10)\n"

/* A plan whose rate(d) runs `lua` (on its line 3) then prices. */
#define RATE_PLAN(lua) TEST_PLAN("function rate(d)\n" lua "\n" PRICE "end\n")

/* Opens an engine on a directory holding only the plan `source`; *rc
 * gets what ratel_engine_open returned (the fixture is NULL unless OK). */
static fixture *open_plan_rc(const char *source, int *rc)
{
    fixture *f = calloc(1, sizeof *f);
    ratel_engine_options o = test_engine_options();
    assert_non_null(f);
    test_tmpdir(f->dir);
    test_write(f->dir, "t.lua", source);
    *rc = ratel_engine_open(&f->engine, "tables/ratel.db", f->dir, &o);
    if (*rc != RATEL_OK)
        return f;
    assert_int_equal(ratel_ctx_new(&f->ctx, f->engine), RATEL_OK);
    f->neutral = test_slurp(TEST_NEUTRAL, &f->neutral_len);
    assert_non_null(f->neutral);
    return f;
}

static fixture *open_plan(const char *source)
{
    int rc;
    fixture *f = open_plan_rc(source, &rc);
    if (rc != RATEL_OK)
        fail_msg("%s", ratel_engine_errmsg(f->engine));
    return f;
}

static void close_plan(fixture *f)
{
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    free(f->neutral);
    test_rmdir(f->dir);
    free(f);
}

static int rate_with(fixture *f, ratel_ctx *ctx, ratel_quote **q)
{
    return test_rate_json(q, ctx, f->neutral, f->neutral_len, NULL, 0);
}

/* The quote of the neutral declaration under `source` (asserts it). */
static ratel_quote *rate_ok(fixture *f)
{
    ratel_quote *q = NULL;
    if (rate_with(f, f->ctx, &q) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(f->ctx));
    return q;
}

/* A plan whose rate(d) runs `lua` first must fail on line 3 of t.lua
 * with `needle` in the message, and produce no quote. */
static void expect_refused(const char *lua, const char *needle)
{
    char src[8192];
    fixture *f;
    ratel_quote *q = NULL;
    snprintf(src, sizeof src, TEST_PLAN("function rate(d)\n%s\n" PRICE
                                        "end\n"), lua);
    f = open_plan(src);
    assert_int_equal(rate_with(f, f->ctx, &q), RATEL_ESCRIPT);
    assert_null(q);
    if (!strstr(ratel_ctx_errmsg(f->ctx), needle))
        fail_msg("'%s': message '%s' lacks '%s'", lua,
                 ratel_ctx_errmsg(f->ctx), needle);
    assert_int_equal(ratel_ctx_errline(f->ctx), 3);
    assert_non_null(strstr(ratel_ctx_errscript(f->ctx), "t.lua"));
    close_plan(f);
}

/* Attribute `i` of q is `name` with text `text`, or the integer `n`
 * when text is NULL. */
static void assert_attr(const ratel_quote *q, size_t i, const char *name,
                        const char *text, int64_t n)
{
    ratel_attribute a;
    assert_int_equal(ratel_quote_attribute(q, i, &a), RATEL_OK);
    assert_string_equal(a.name, name);
    if (text) {
        assert_non_null(a.text);
        assert_string_equal(a.text, text);
    } else {
        assert_null(a.text);
        assert_true(a.integer == n);
    }
}

static void test_attributes__text_and_integers(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "attribute('scheme.tier', 'mid') attribute('scheme.top_up', 12000) "
        "attribute('credit_note', -5) attribute('n.max', 1000000000000000) "
        "attribute('n.min', -1000000000000000) "
        "attribute('name', '株式会社さくら')"));
    ratel_quote *q = rate_ok(f);
    (void)state;
    assert_int_equal(ratel_quote_attribute_count(q), 6);
    assert_attr(q, 0, "scheme.tier", "mid", 0);
    assert_attr(q, 1, "scheme.top_up", NULL, 12000);
    assert_attr(q, 2, "credit_note", NULL, -5);
    assert_attr(q, 3, "n.max", NULL, 1000000000000000LL);
    assert_attr(q, 4, "n.min", NULL, -1000000000000000LL);
    assert_attr(q, 5, "name", "株式会社さくら", 0);
    /* an attribute changes no premium */
    assert_int_equal(ratel_quote_total_premium(q), 1000);
    ratel_quote_free(q);
    close_plan(f);
}

static void test_attributes__integral_floats(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "attribute('fee', round_amount(12345.6, 1000)) "
        "attribute('half', 2.5 * 2) attribute('zero', -0.0) "
        "attribute('top', 1e15) attribute('share', 56345 * 0.1 // 1)"));
    ratel_quote *q = rate_ok(f);
    (void)state;
    assert_attr(q, 0, "fee", NULL, 12000);
    assert_attr(q, 1, "half", NULL, 5);
    assert_attr(q, 2, "zero", NULL, 0);
    assert_attr(q, 3, "top", NULL, 1000000000000000LL);
    assert_attr(q, 4, "share", NULL, 5634);
    ratel_quote_free(q);
    close_plan(f);
}

static void test_attributes__values_refused(void **state)
{
    (void)state;
    expect_refused("attribute('x', 12.5)",
                   "attribute 'x': 12.5 is not a whole number of at most "
                   "10^15 (round it first)");
    expect_refused("attribute('x', 0.1 + 0.2)", "is not a whole number");
    expect_refused("attribute('x', 1e16)", "is not a whole number of at "
                                           "most 10^15");
    expect_refused("attribute('x', -1e16)", "is not a whole number");
    expect_refused("attribute('x', 0/0)", "is not a whole number");
    expect_refused("attribute('x', math.huge)", "is not a whole number");
    expect_refused("attribute('x', 1000000000000001)",
                   "attribute 'x': beyond 10^15");
    expect_refused("attribute('x', -1000000000000001)", "beyond 10^15");
    expect_refused("attribute('x', math.maxinteger)", "beyond 10^15");
    expect_refused("attribute('x', true)",
                   "bad argument #2 to 'attribute' (a string or a whole "
                   "number)");
    expect_refused("attribute('x', {})", "a string or a whole number");
    expect_refused("attribute('x', nil)", "a string or a whole number");
    expect_refused("attribute('x')", "a string or a whole number");
    expect_refused("attribute('x', print)", "a string or a whole number");
    expect_refused("attribute('x', '')", "an attribute is empty");
    expect_refused("attribute('x', string.rep('a', 513))",
                   "an attribute is longer than 512 bytes");
    expect_refused("attribute('x', 'a\\0b')", "an attribute");
    expect_refused("attribute('x', '\\xff')", "not valid UTF-8");
}

static void test_attributes__names_refused(void **state)
{
    static const char *const bad[] = {
        "'Scheme.tier'", "'scheme.Tier'", "''", "'a b'", "'a-b'", "'a/b'",
        "'a.'", "'a..b'", "'.a'", "'1a'", "'_a'", "'a.b.'", "'é'", "12",
        "{}", "nil",
        /* 65 bytes */
        "string.rep('a', 65)"};
    char lua[256];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(lua, sizeof lua, "attribute(%s, 1)", bad[i]);
        expect_refused(lua, "bad argument #1 to 'attribute'");
    }
    expect_refused("attribute('A', 1)",
                   "(a name of lower-case words of letters, digits and '_' "
                   "joined by '.' (at most 64 bytes))");
}

static void test_attributes__names_accepted(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "attribute(string.rep('a', 64), 1) attribute('a.b_c.d9', 2) "
        "attribute('x._y', 3) attribute('z1.2', 4)"));
    ratel_quote *q = rate_ok(f);
    ratel_attribute a;
    (void)state;
    assert_int_equal(ratel_quote_attribute_count(q), 4);
    assert_int_equal(ratel_quote_attribute(q, 0, &a), RATEL_OK);
    assert_int_equal(strlen(a.name), 64);
    assert_attr(q, 1, "a.b_c.d9", NULL, 2);
    assert_attr(q, 2, "x._y", NULL, 3);
    assert_attr(q, 3, "z1.2", NULL, 4);
    ratel_quote_free(q);
    close_plan(f);
}

/* Setting a name again replaces its value, text or number, in place. */
static void test_attributes__set_twice_replaces(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "attribute('x', 'first') attribute('y', 1) attribute('x', 2) "
        "attribute('y', 'one') attribute('y', 'uno')"));
    ratel_quote *q = rate_ok(f);
    char *json = test_quote_json(q);
    (void)state;
    assert_int_equal(ratel_quote_attribute_count(q), 2);
    assert_attr(q, 0, "x", NULL, 2);
    assert_attr(q, 1, "y", "uno", 0);
    assert_non_null(
        strstr(json, "\n\"attributes\":{\"x\":2,\"y\":\"uno\"},\n"));
    ratel_free(json);
    ratel_quote_free(q);
    close_plan(f);
}

static void test_attributes__at_most_64(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "for i = 1, 64 do attribute('a' .. i, i) end "
        "attribute('a64', 'last') attribute('a1', 0)"));
    ratel_quote *q = rate_ok(f);
    (void)state;
    /* 64 names; setting one of them again when full still replaces */
    assert_int_equal(ratel_quote_attribute_count(q), 64);
    assert_attr(q, 0, "a1", NULL, 0);
    assert_attr(q, 63, "a64", "last", 0);
    ratel_quote_free(q);
    close_plan(f);
    expect_refused("for i = 1, 65 do attribute('a' .. i, i) end",
                   "more than 64 attributes");
}

static void test_attributes__not_in_shared_nor_top_level(void **state)
{
    fixture *f = open_plan(TEST_PLAN(
        "function shared(d)\nattribute('x', 1)\nreturn {} end\n"
        "function rate(d, s) " PRICE " end\n"));
    ratel_quote *q = NULL;
    int rc;
    (void)state;
    assert_int_equal(rate_with(f, f->ctx, &q), RATEL_ESCRIPT);
    assert_null(q);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx),
                           "attribute() cannot be called in shared(d)"));
    assert_int_equal(ratel_ctx_errline(f->ctx), 3);
    close_plan(f);

    f = open_plan_rc(TEST_PLAN("attribute('x', 1)\n"
                               "function rate(d) " PRICE " end\n"), &rc);
    assert_int_equal(rc, RATEL_EPLAN);
    assert_non_null(strstr(ratel_engine_errmsg(f->engine),
                           "attribute() can only be called while rating, "
                           "inside rate()"));
    assert_non_null(strstr(ratel_engine_errmsg(f->engine), "t.lua:2:"));
    ratel_engine_free(f->engine);
    test_rmdir(f->dir);
    free(f);
}

/* The quote's JSON: "attributes" after "warnings", in the order first
 * set, text escaped; no key at all when the plan set none. */
static void test_attributes__json(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "if d.applicant.revenue > 0 then attribute('scheme.tier', "
        "'say \"mid\"\\n') attribute('scheme.fee', 56000) end"));
    fixture *none = open_plan(RATE_PLAN("local x = 1"));
    ratel_quote *q = rate_ok(f), *q0 = rate_ok(none);
    char *json = test_quote_json(q), *json0 = test_quote_json(q0);
    (void)state;
    assert_non_null(strstr(json, "\"warnings\":[],\n\"attributes\":"
                                 "{\"scheme.tier\":\"say \\\"mid\\\"\\n\","
                                 "\"scheme.fee\":56000},\n"));
    assert_null(strstr(json0, "attributes"));
    assert_int_equal(ratel_quote_attribute_count(q0), 0);
    ratel_free(json);
    ratel_free(json0);
    ratel_quote_free(q);
    ratel_quote_free(q0);
    close_plan(f);
    close_plan(none);
}

static void test_attributes__accessors(void **state)
{
    fixture *f = open_plan(RATE_PLAN(
        "attribute('scheme.tier', 'mid') attribute('scheme.top_up', 0)"));
    ratel_quote *q = rate_ok(f);
    ratel_attribute a;
    (void)state;
    assert_int_equal(ratel_quote_attribute_find(q, "scheme.top_up", &a),
                     RATEL_OK);
    assert_null(a.text);
    assert_true(a.integer == 0);
    assert_string_equal(a.name, "scheme.top_up");
    assert_int_equal(ratel_quote_attribute_find(q, "scheme.tier", &a),
                     RATEL_OK);
    assert_string_equal(a.text, "mid");
    assert_int_equal(ratel_quote_attribute_find(q, "scheme", &a),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_quote_attribute_find(q, "scheme.tie", &a),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_quote_attribute_find(q, "", &a), RATEL_ENOTFOUND);
    assert_int_equal(ratel_quote_attribute(q, 2, &a), RATEL_EARG);
    assert_int_equal(ratel_quote_attribute(q, (size_t)-1, &a), RATEL_EARG);
    assert_int_equal(ratel_quote_attribute(q, 0, NULL), RATEL_EARG);
    assert_int_equal(ratel_quote_attribute(NULL, 0, &a), RATEL_EARG);
    assert_int_equal(ratel_quote_attribute_find(q, NULL, &a), RATEL_EARG);
    assert_int_equal(ratel_quote_attribute_find(q, "scheme.tier", NULL),
                     RATEL_EARG);
    assert_int_equal(ratel_quote_attribute_find(NULL, "scheme.tier", &a),
                     RATEL_EARG);
    assert_int_equal(ratel_quote_attribute_count(NULL), 0);
    ratel_quote_free(q);
    close_plan(f);
}

/* Nothing carries over from one quote to the next, and every context
 * (of this engine or another) gives the same bytes. */
static void test_attributes__deterministic(void **state)
{
    const char *src = RATE_PLAN(
        "if d.applicant.employees > 10 then attribute('big', 'yes') end "
        "attribute('revenue', d.applicant.revenue) "
        "attribute('credit', round_amount(d.applicant.revenue * 0.0013, 1, "
        "'down'))");
    fixture *f = open_plan(src), *g = open_plan(src);
    ratel_ctx *other = NULL;
    ratel_quote *q1, *q2 = NULL, *q3 = NULL, *small = NULL;
    const char *few = "\"employees\": 45";
    char *decl = strstr(f->neutral, few);
    (void)state;
    q1 = rate_ok(f);
    assert_int_equal(ratel_quote_attribute_count(q1), 3);
    assert_attr(q1, 2, "credit", NULL, 650000);
    assert_int_equal(ratel_ctx_new(&other, f->engine), RATEL_OK);
    assert_int_equal(rate_with(f, other, &q2), RATEL_OK);
    assert_int_equal(rate_with(g, g->ctx, &q3), RATEL_OK);
    test_assert_same_quote(q1, q2);
    /* the other engine's plan has the same bytes, so the same hash */
    test_assert_same_quote(q1, q3);
    /* a quote that sets fewer attributes shows none of the last one's */
    assert_non_null(decl);
    memcpy(decl, "\"employees\":  5", strlen(few));
    assert_int_equal(rate_with(f, f->ctx, &small), RATEL_OK);
    assert_int_equal(ratel_quote_attribute_count(small), 2);
    assert_attr(small, 0, "revenue", NULL, 500000000);
    ratel_quote_free(q1);
    ratel_quote_free(q2);
    ratel_quote_free(q3);
    ratel_quote_free(small);
    ratel_ctx_free(other);
    close_plan(f);
    close_plan(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attributes__text_and_integers),
        cmocka_unit_test(test_attributes__integral_floats),
        cmocka_unit_test(test_attributes__values_refused),
        cmocka_unit_test(test_attributes__names_refused),
        cmocka_unit_test(test_attributes__names_accepted),
        cmocka_unit_test(test_attributes__set_twice_replaces),
        cmocka_unit_test(test_attributes__at_most_64),
        cmocka_unit_test(test_attributes__not_in_shared_nor_top_level),
        cmocka_unit_test(test_attributes__json),
        cmocka_unit_test(test_attributes__accessors),
        cmocka_unit_test(test_attributes__deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
