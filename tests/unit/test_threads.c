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
    char *json = NULL, *out;
    /* no cmocka assertion here: workers call it */
    if (test_rate_json(&q, c, inputs[i], input_len[i], "sme-cyber", 0) ||
        ratel_quote_json(q, &json, NULL)) {
        ratel_quote_free(q);
        return NULL;
    }
    out = strdup(json);
    ratel_free(json);
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

/* Frees every NTHREADS-th quote of a batch, from `first` on, after
 * reading its JSON. */
typedef struct free_job {
    ratel_quote **quotes;
    size_t n, first;
} free_job;

static void *free_worker(void *arg)
{
    free_job *job = arg;
    size_t i;
    for (i = job->first; i < job->n; i += NTHREADS) {
        char *json = NULL;
        if (ratel_quote_json(job->quotes[i], &json, NULL) != RATEL_OK)
            return (void *)-1L;
        ratel_free(json);
        ratel_quote_free(job->quotes[i]);
    }
    return NULL;
}

/* Quotes of one context, which share their plan's description, are
 * freed on other threads while the context goes on rating. */
static void test_threads__quotes_freed_on_other_threads(void **state)
{
    enum { N = 200 };
    ratel_quote *quotes[N];
    free_job jobs[NTHREADS];
    pthread_t th[NTHREADS];
    ratel_ctx *c = NULL;
    ratel_quote *more = NULL;
    size_t len = 0, i;
    char *input = test_slurp(cases[0], &len);
    (void)state;
    assert_non_null(input);
    assert_int_equal(ratel_engine_open(&engine, "tables/ratel.db",
                                       TEST_PLANS_DIR, NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, engine), RATEL_OK);
    for (i = 0; i < N; i++)
        assert_int_equal(test_rate_json(&quotes[i], c, input, len,
                                        "sme-cyber", 0), RATEL_OK);
    for (i = 0; i < NTHREADS; i++) {
        jobs[i].quotes = quotes;
        jobs[i].n = N;
        jobs[i].first = i;
        assert_int_equal(pthread_create(&th[i], NULL, free_worker, &jobs[i]),
                         0);
    }
    for (i = 0; i < N; i++) {
        assert_int_equal(test_rate_json(&more, c, input, len, "sme-cyber",
                                        0), RATEL_OK);
        ratel_quote_free(more);
    }
    for (i = 0; i < NTHREADS; i++) {
        void *res;
        assert_int_equal(pthread_join(th[i], &res), 0);
        assert_null(res);
    }
    ratel_ctx_free(c);
    ratel_engine_free(engine);
    free(input);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads__same_bytes_in_every_thread),
        cmocka_unit_test(test_threads__quotes_freed_on_other_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
