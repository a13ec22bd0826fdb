/* test_sandbox_alloc.c - the interpreter's allocator: blocks keep their
 * bytes across growing and shrinking through every size class, freed
 * small blocks are reused, what is kept stays under its cap, and the
 * memory budget counts what Lua asked for (ASan checks every access). */
#include "testutil.h"

#include "sandbox_int.h"

static sbx *new_sbx(void)
{
    sbx *s = calloc(1, sizeof *s);
    assert_non_null(s);
    return s;
}

/* Grows a block byte by byte from 1 to 600 and back, checking its
 * content each time. */
static void test_alloc__grow_and_shrink_keep_bytes(void **state)
{
    sbx *s = new_sbx();
    unsigned char *p = sbx_alloc(s, NULL, 0, 1);
    size_t n, i;
    (void)state;
    assert_non_null(p);
    p[0] = 0;
    for (n = 2; n <= 600; n++) {
        p = sbx_alloc(s, p, n - 1, n);
        assert_non_null(p);
        for (i = 0; i + 1 < n; i++)
            assert_int_equal(p[i], (unsigned char)i);
        p[n - 1] = (unsigned char)(n - 1);
    }
    for (n = 599; n >= 1; n--) {
        p = sbx_alloc(s, p, n + 1, n);
        assert_non_null(p);
        for (i = 0; i < n; i++)
            assert_int_equal(p[i], (unsigned char)i);
    }
    assert_int_equal(s->used, 1);
    assert_null(sbx_alloc(s, p, 1, 0));
    assert_int_equal(s->used, 0);
    sbx_pool_free(s);
    free(s);
}

/* A freed small block is handed out again for a request of its class;
 * large blocks are not kept. */
static void test_alloc__small_blocks_reused(void **state)
{
    sbx *s = new_sbx();
    void *a = sbx_alloc(s, NULL, LUA_TTABLE, 40), *b;
    (void)state;
    sbx_alloc(s, a, 40, 0);
    assert_int_equal(s->pooled, 48);
    b = sbx_alloc(s, NULL, LUA_TSTRING, 33); /* same 48-byte class */
    assert_ptr_equal(a, b);
    assert_int_equal(s->pooled, 0);
    sbx_alloc(s, b, 33, 0);
    b = sbx_alloc(s, NULL, 0, 1000);
    sbx_alloc(s, b, 1000, 0);
    assert_int_equal(s->pooled, 48);
    assert_int_equal(s->used, 0);
    sbx_pool_free(s);
    assert_int_equal(s->pooled, 0);
    free(s);
}

/* What is kept never passes SBX_POOL_BYTES. */
static void test_alloc__pool_capped(void **state)
{
    sbx *s = new_sbx();
    enum { N = 20000 };
    void **blocks = calloc(N, sizeof *blocks);
    size_t i;
    (void)state;
    assert_non_null(blocks);
    for (i = 0; i < N; i++)
        assert_non_null(blocks[i] = sbx_alloc(s, NULL, 0, 256));
    for (i = 0; i < N; i++)
        sbx_alloc(s, blocks[i], 256, 0);
    assert_true(s->pooled <= SBX_POOL_BYTES);
    assert_true(s->pooled > SBX_POOL_BYTES - 256);
    sbx_pool_free(s);
    free(blocks);
    free(s);
}

/* In a run, a request past the budget is refused; Lua then collects its
 * garbage and asks again, and a second refusal passes the limit. The
 * bytes counted are those asked for, not the class sizes. */
static void test_alloc__budget_counts_requests(void **state)
{
    sbx *s = new_sbx();
    void *p;
    (void)state;
    s->lim.max_memory = 100;
    s->in_quote = 1;
    p = sbx_alloc(s, NULL, 0, 99); /* a 112-byte block, 99 counted */
    assert_non_null(p);
    assert_int_equal(s->used, 99);
    assert_null(sbx_alloc(s, NULL, 0, 2));
    assert_int_equal(s->tripped, SBX_TRIP_NONE);
    assert_null(sbx_alloc(s, NULL, 0, 2));
    assert_int_equal(s->tripped, SBX_TRIP_MEMORY);
    assert_ptr_equal(sbx_alloc(s, p, 99, 100), p);
    assert_int_equal(s->used, 100);
    sbx_alloc(s, p, 100, 0);
    sbx_pool_free(s);
    free(s);
}

/* A string longer than SBX_MAX_STRING is refused at once (Lua names the
 * type of every new object); any other object of that size, and any
 * string outside a run, is not. A long string makes a timed run heavy. */
static void test_alloc__string_cap(void **state)
{
    sbx *s = new_sbx();
    size_t big = SBX_MAX_STRING + 100;
    void *p;
    (void)state;
    p = sbx_alloc(s, NULL, LUA_TSTRING, big);
    assert_non_null(p);
    sbx_alloc(s, p, big, 0);
    s->in_quote = 1;
    s->lim.max_milliseconds = 1000;
    p = sbx_alloc(s, NULL, LUA_TSTRING, 200);
    assert_int_equal(s->heavy, 0);
    sbx_alloc(s, p, 200, 0);
    p = sbx_alloc(s, NULL, LUA_TSTRING, 10000);
    assert_int_equal(s->heavy, 1);
    sbx_alloc(s, p, 10000, 0);
    p = sbx_alloc(s, NULL, LUA_TTABLE, big);
    assert_non_null(p);
    sbx_alloc(s, p, big, 0);
    assert_null(sbx_alloc(s, NULL, LUA_TSTRING, big));
    assert_int_equal(s->tripped, SBX_TRIP_STRING);
    sbx_pool_free(s);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc__grow_and_shrink_keep_bytes),
        cmocka_unit_test(test_alloc__small_blocks_reused),
        cmocka_unit_test(test_alloc__pool_capped),
        cmocka_unit_test(test_alloc__budget_counts_requests),
        cmocka_unit_test(test_alloc__string_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
