/* test_threads.c - one engine shared by threads, a context per thread:
 * every thread must produce the same bytes for the same declaration as a
 * single thread does. */
#include <pthread.h>

#include "testutil.h"

#define NTHREADS 4
#define ROUNDS 25

static const char *const cases[] = {
    "tests/golden/cases/neutral.json",
    "tests/golden/cases/bi_cover.json",
    "tests/golden/cases/ransomware_remediated.json",
    "tests/golden/cases/credits_capped_60.json",
    "tests/golden/cases/liability_limit_off_menu_referred.json",
};
#define NCASES (sizeof cases / sizeof *cases)

static ratel_engine *engine;
static char *inputs[NCASES];
static size_t input_len[NCASES];
static char *expected[NCASES];

static char *rate_once(ratel_ctx *c, size_t i)
{
    ratel_quote *q = NULL;
    char *out;
    if (ratel_rate_json(&q, c, inputs[i], input_len[i], "sme-cyber", 0))
        return NULL;
    out = strdup(ratel_quote_json(q, NULL));
    ratel_quote_free(q);
    return out;
}

static void *worker(void *arg)
{
    ratel_ctx *c = NULL;
    long mismatches = 0;
    int r;
    size_t i;
    (void)arg;
    if (ratel_ctx_new(&c, engine))
        return (void *)-1L;
    for (r = 0; r < ROUNDS; r++)
        for (i = 0; i < NCASES; i++) {
            char *got = rate_once(c, (i + (size_t)r) % NCASES);
            if (!got || strcmp(got, expected[(i + (size_t)r) % NCASES]))
                mismatches++;
            free(got);
        }
    ratel_ctx_free(c);
    return (void *)mismatches;
}

static void test_threads__same_bytes_in_every_thread(void **state)
{
    pthread_t th[NTHREADS];
    ratel_ctx *c = NULL;
    size_t i;
    (void)state;
    assert_int_equal(ratel_engine_open(&engine, "tables/ratel.db",
                                       TEST_PLANS_DIR, NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, engine), RATEL_OK);
    for (i = 0; i < NCASES; i++) {
        inputs[i] = test_slurp(cases[i], &input_len[i]);
        assert_non_null(inputs[i]);
        expected[i] = rate_once(c, i);
        assert_non_null(expected[i]);
    }
    ratel_ctx_free(c);
    for (i = 0; i < NTHREADS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, worker, NULL), 0);
    for (i = 0; i < NTHREADS; i++) {
        void *res;
        assert_int_equal(pthread_join(th[i], &res), 0);
        assert_int_equal((long)res, 0);
    }
    for (i = 0; i < NCASES; i++) {
        free(inputs[i]);
        free(expected[i]);
    }
    ratel_engine_free(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads__same_bytes_in_every_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
