/* test_abi.c - structs the library fills, across versions (ratel.h,
 * "Structs the library fills"; engine/src/abi.h): a caller's struct of
 * an older (smaller) layout gets the fields it knows and nothing is
 * written past it; a newer (larger) one gets zeroes past the library's
 * fields; one smaller than the 1.0 layout is refused. The getters are
 * called as a foreign-function interface would, with the size. */
#include <stddef.h>

#include "testutil.h"

static ratel_engine *engine;
static ratel_ctx *ctx;
static ratel_quote *quote; /* a referred golden case: reasons, steps */

static int setup(void **state)
{
    size_t len = 0;
    char *json = test_slurp(
        "tests/golden/cases/ransomware_unremediated_referred.json", &len);
    (void)state;
    if (!json ||
        ratel_engine_open(&engine, TEST_TABLES_DIR "/ratel.db",
                          TEST_PLANS_DIR, NULL) != RATEL_OK ||
        ratel_ctx_new(&ctx, engine) != RATEL_OK ||
        test_rate_json(&quote, ctx, json, len, "sme-cyber", 0) != RATEL_OK) {
        free(json);
        return -1;
    }
    free(json);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ratel_quote_free(quote);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

/* A caller compiled against a later header: the struct has a field more. */
typedef struct later_reason {
    ratel_reason known;
    const char *added_later;
    char canary[16];
} later_reason;

static void test_abi__larger_struct_zeroed_past_the_library(void **state)
{
    later_reason r;
    ratel_reason plain;
    (void)state;
    memset(&r, 0xA5, sizeof r);
    assert_int_equal((ratel_quote_reason)(quote, 0, &r.known, sizeof r),
                     RATEL_OK);
    assert_int_equal(ratel_quote_reason(quote, 0, &plain), RATEL_OK);
    assert_memory_equal(&r.known, &plain, sizeof plain);
    assert_null(r.added_later);
    assert_int_equal(r.canary[0], 0);
    assert_int_equal(r.canary[15], 0);
}

/* A caller compiled when the struct was smaller (here: a layout of the
 * 1.0 fields only, as a future library sees it): nothing past it is
 * written. */
static void test_abi__exact_size_nothing_written_past(void **state)
{
    struct {
        ratel_step step;
        unsigned char after[32];
    } s;
    size_t i;
    (void)state;
    memset(&s, 0x5A, sizeof s);
    assert_int_equal((ratel_quote_step)(quote, 0, &s.step, sizeof s.step),
                     RATEL_OK);
    assert_non_null(s.step.label);
    for (i = 0; i < sizeof s.after; i++)
        assert_int_equal(s.after[i], 0x5A);
}

static void test_abi__smaller_than_1_0_refused(void **state)
{
    ratel_reason r;
    ratel_plan_info info;
    ratel_step step;
    (void)state;
    memset(&r, 0x11, sizeof r);
    assert_int_equal((ratel_quote_reason)(quote, 0, &r, sizeof r - 1),
                     RATEL_EARG);
    assert_int_equal((ratel_quote_reason)(quote, 0, &r, 0), RATEL_EARG);
    assert_int_equal((ratel_quote_reason)(quote, 0, NULL, sizeof r),
                     RATEL_EARG);
    assert_int_equal((ratel_engine_plan)(engine, 0, &info, 8), RATEL_EARG);
    assert_int_equal((ratel_quote_step)(quote, 0, &step, sizeof step / 2),
                     RATEL_EARG);
    /* a refused call writes nothing */
    assert_int_equal(((unsigned char *)&r)[0], 0x11);
}

/* Every getter of ratel.h that fills a struct takes the size: the macro
 * and the call with sizeof agree. */
static void test_abi__macro_passes_sizeof(void **state)
{
    ratel_coverage a, b;
    ratel_table_used ta, tb;
    (void)state;
    assert_int_equal(ratel_quote_coverage(quote, 0, &a), RATEL_OK);
    assert_int_equal((ratel_quote_coverage)(quote, 0, &b, sizeof b),
                     RATEL_OK);
    assert_memory_equal(&a, &b, sizeof a);
    assert_int_equal(ratel_quote_table(quote, 0, &ta), RATEL_OK);
    assert_int_equal((ratel_quote_table)(quote, 0, &tb, sizeof tb), RATEL_OK);
    assert_memory_equal(&ta, &tb, sizeof ta);
}

/* An options struct of an older version: its init writes only that
 * version's fields; a version newer than the library is refused. */
static void test_abi__options_init_by_version(void **state)
{
    ratel_engine_options o;
    ratel_rate_options r;
    size_t v1 = offsetof(ratel_engine_options, max_milliseconds) +
                sizeof o.max_milliseconds;
    (void)state;
    memset(&o, 0x5A, sizeof o);
    assert_int_equal(ratel_engine_options_init(&o, 1), RATEL_OK);
    assert_int_equal(o.version, 1);
    assert_int_equal(o.max_milliseconds, 1000);
    assert_int_equal(((unsigned char *)&o)[v1 + (sizeof o - v1) - 1], 0x5A);
    assert_int_equal(ratel_engine_options_init(&o, 2), RATEL_OK);
    assert_null(o.schemas_path);
    assert_int_equal(ratel_engine_options_init(&o,
                         RATEL_ENGINE_OPTIONS_VERSION + 1), RATEL_EARG);
    assert_int_equal(ratel_engine_options_init(&o, 0), RATEL_EARG);
    assert_int_equal(ratel_engine_options_init(NULL, 1), RATEL_EARG);
    assert_int_equal(ratel_rate_options_init(&r, RATEL_RATE_OPTIONS_VERSION),
                     RATEL_OK);
    assert_int_equal(r.total_override, -1);
    assert_int_equal(ratel_rate_options_init(&r,
                         RATEL_RATE_OPTIONS_VERSION + 1), RATEL_EARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi__larger_struct_zeroed_past_the_library),
        cmocka_unit_test(test_abi__exact_size_nothing_written_past),
        cmocka_unit_test(test_abi__smaller_than_1_0_refused),
        cmocka_unit_test(test_abi__macro_passes_sizeof),
        cmocka_unit_test(test_abi__options_init_by_version),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
