/* test_sandbox_decl.c - the declaration as plans see it when the tables
 * show one already: a declaration rated again is shown for one
 * comparison, so every change since (a text of the same length at the
 * same place, a list item, a flag, another declaration of the same
 * bytes) must still reach the plan. */
#include "testutil.h"

typedef struct fixture {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
} fixture;

/* A plan that hands what it reads back as attributes. */
static const char plan[] = TEST_PLAN(
    "function rate(d)\n"
    "  attribute('name', d.applicant.name)\n"
    "  attribute('incidents', #d.incidents)\n"
    "  attribute('paid', #d.incidents > 0 and d.incidents[1].paid or -1)\n"
    "  attribute('mfa', d.controls.mfa and 1 or 0)\n"
    "  cover('liability', 1) set('liability', 'p', 1000)\n"
    "  combine('c') round('policy', 'r', 10)\n"
    "end\n");

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    ratel_engine_options o = test_engine_options();
    assert_non_null(f);
    test_tmpdir(f->dir);
    test_write(f->dir, "t.lua", plan);
    if (ratel_engine_open(&f->engine, "tables/ratel.db", f->dir, &o))
        fail_msg("%s", ratel_engine_errmsg(f->engine));
    assert_int_equal(ratel_ctx_new(&f->ctx, f->engine), RATEL_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    test_rmdir(f->dir);
    free(f);
    return 0;
}

static ratel_decl *parse(fixture *f, const char *json)
{
    ratel_decl *d = NULL;
    if (ratel_decl_parse(&d, f->ctx, NULL, json, strlen(json)))
        fail_msg("%s", ratel_ctx_errmsg(f->ctx));
    return d;
}

/* Rates d; the plan must have read `name`, `incidents` items, the first
 * one's `paid` and `mfa`. */
static void expect_seen(fixture *f, const ratel_decl *d, const char *name,
                        int64_t incidents, int64_t paid, int64_t mfa)
{
    ratel_quote *q = NULL;
    ratel_attribute a;
    if (ratel_rate(&q, f->ctx, d, NULL))
        fail_msg("%s", ratel_ctx_errmsg(f->ctx));
    assert_int_equal(ratel_quote_attribute_find(q, "name", &a), RATEL_OK);
    assert_string_equal(a.text, name);
    assert_int_equal(ratel_quote_attribute_find(q, "incidents", &a),
                     RATEL_OK);
    assert_int_equal(a.integer, incidents);
    assert_int_equal(ratel_quote_attribute_find(q, "paid", &a), RATEL_OK);
    assert_int_equal(a.integer, paid);
    assert_int_equal(ratel_quote_attribute_find(q, "mfa", &a), RATEL_OK);
    assert_int_equal(a.integer, mfa);
    ratel_quote_free(q);
}

#define DOC(name, paid)                                                     \
    "{\"effective_date\": \"2025-04-01\", \"applicant\": {\"name\": \""     \
    name "\", \"revenue\": 500000000, \"industry\": \"retail\", "           \
    "\"employees\": 40}, \"incidents\": [{\"date\": \"2024-06-03\", "       \
    "\"type\": \"malware\", \"paid\": " paid "}], \"controls\": "           \
    "{\"mfa\": true}, \"request\": {\"liability_limit\": 100000000, "   \
    "\"expense_limit\": 30000000, \"deductible\": 100000}}"

/* The same declaration rated again, then changed through the setters. */
static void test_sandbox_decl__rated_again_and_changed(void **state)
{
    fixture *f = *state;
    ratel_decl *d = parse(f, DOC("Sakura", "850000"));
    expect_seen(f, d, "Sakura", 1, 850000, 1);
    expect_seen(f, d, "Sakura", 1, 850000, 1); /* unchanged */
    assert_int_equal(ratel_decl_set_string(d, f->ctx, "applicant.name",
                                           "Sakurb"), RATEL_OK);
    expect_seen(f, d, "Sakurb", 1, 850000, 1);
    assert_int_equal(ratel_decl_set_int(d, f->ctx, "incidents[0].paid", 999),
                     RATEL_OK);
    expect_seen(f, d, "Sakurb", 1, 999, 1);
    assert_int_equal(ratel_decl_set_bool(d, f->ctx, "controls.mfa", 0),
                     RATEL_OK);
    expect_seen(f, d, "Sakurb", 1, 999, 0);
    assert_int_equal(ratel_decl_append(d, f->ctx, "incidents", NULL),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, f->ctx, "incidents[1].date",
                                           "2024-01-01"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, f->ctx, "incidents[1].type",
                                           "ddos"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, f->ctx, "incidents[1].paid", 1),
                     RATEL_OK);
    expect_seen(f, d, "Sakurb", 2, 999, 0);
    ratel_decl_free(d);
}

/* A document without incidents (its list slot then holds no pointer). */
#define DOC_NONE(name)                                                      \
    "{\"effective_date\": \"2025-04-01\", \"applicant\": {\"name\": \""     \
    name "\", \"revenue\": 500000000, \"industry\": \"retail\", "           \
    "\"employees\": 40}, \"controls\": {\"mfa\": true}, \"request\": "      \
    "{\"liability_limit\": 100000000, \"expense_limit\": 30000000, "       \
    "\"deductible\": 100000}}"

/* Declarations whose slots are the same bytes (a text of the same length
 * at the same place in each) but whose text or list items differ. */
static void test_sandbox_decl__same_bytes_other_values(void **state)
{
    fixture *f = *state;
    ratel_decl *a = parse(f, DOC("Sakura", "850000"));
    ratel_decl *b = parse(f, DOC("Sakurb", "850000"));
    ratel_decl *c = parse(f, DOC("Sakurb", "850001"));
    expect_seen(f, a, "Sakura", 1, 850000, 1);
    expect_seen(f, b, "Sakurb", 1, 850000, 1);
    expect_seen(f, c, "Sakurb", 1, 850001, 1);
    expect_seen(f, a, "Sakura", 1, 850000, 1);
    ratel_decl_free(a);
    ratel_decl_free(b);
    ratel_decl_free(c);
    a = parse(f, DOC_NONE("Sakura"));
    b = parse(f, DOC_NONE("Sakurb"));
    expect_seen(f, a, "Sakura", 0, -1, 1);
    expect_seen(f, b, "Sakurb", 0, -1, 1);
    ratel_decl_free(a);
    ratel_decl_free(b);
    /* freed and parsed again: likely at the same addresses */
    a = parse(f, DOC("Sakura", "850000"));
    expect_seen(f, a, "Sakura", 1, 850000, 1);
    ratel_decl_free(a);
    a = parse(f, DOC("Sakurc", "850002"));
    expect_seen(f, a, "Sakurc", 1, 850002, 1);
    ratel_decl_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_sandbox_decl__rated_again_and_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sandbox_decl__same_bytes_other_values, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
