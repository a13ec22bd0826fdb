/* test_decl_arena.c - the bump allocator the declaration reader hands
 * the JSON library: blocks aligned and kept apart, the last one grown or
 * taken back in place, copies on realloc, the heap behind it when full
 * (ASan checks that what spilled is freed). */
#include "testutil.h"

#include "decl_arena.h"

static max_align_t mem[256 / sizeof(max_align_t)];

static int aligned(const void *p)
{
    return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

static int inside(const void *p)
{
    return (const unsigned char *)p >= (const unsigned char *)mem &&
           (const unsigned char *)p < (const unsigned char *)mem + sizeof mem;
}

/* Blocks are aligned, distinct, and keep what was written in them. */
static void test_arena__blocks(void **state)
{
    decl_arena a;
    unsigned char *p, *q;
    (void)state;
    decl_arena_init(&a, mem, sizeof mem);
    p = decl_arena_malloc(&a, 5);
    q = decl_arena_malloc(&a, 1);
    assert_true(inside(p) && inside(q) && aligned(p) && aligned(q));
    assert_true(q >= p + 5);
    memcpy(p, "abcde", 5);
    q[0] = 'z';
    assert_memory_equal(p, "abcde", 5);
    decl_arena_free(&a, q);
    decl_arena_free(&a, p);
    decl_arena_free(&a, NULL);
}

/* The last block grows in place; another one moves, with its bytes. */
static void test_arena__realloc(void **state)
{
    decl_arena a;
    unsigned char *p, *q, *r;
    (void)state;
    decl_arena_init(&a, mem, sizeof mem);
    p = decl_arena_realloc(&a, NULL, 3);
    memcpy(p, "xyz", 3);
    q = decl_arena_realloc(&a, p, 40);
    assert_ptr_equal(q, p); /* the last block: in place */
    r = decl_arena_malloc(&a, 8);
    memcpy(r, "12345678", 8);
    p = decl_arena_realloc(&a, q, 60); /* not the last one: moves */
    assert_true(p != q && inside(p) && aligned(p));
    assert_memory_equal(p, "xyz", 3);
    assert_memory_equal(r, "12345678", 8);
    q = decl_arena_realloc(&a, p, 2); /* shrinks in place */
    assert_ptr_equal(q, p);
    assert_memory_equal(q, "xy", 2);
}

/* Freeing the last block gives its room back; freeing another does
 * not disturb the ones after it. */
static void test_arena__free_last(void **state)
{
    decl_arena a;
    unsigned char *p, *q, *r;
    (void)state;
    decl_arena_init(&a, mem, sizeof mem);
    p = decl_arena_malloc(&a, 16);
    q = decl_arena_malloc(&a, 16);
    decl_arena_free(&a, q);
    r = decl_arena_malloc(&a, 16);
    assert_ptr_equal(r, q);
    memcpy(r, "0123456789abcdef", 16);
    decl_arena_free(&a, p);
    assert_memory_equal(r, "0123456789abcdef", 16);
}

/* What does not fit comes from the heap and goes back there, through
 * realloc too; a block may move from the arena to the heap. */
static void test_arena__heap_behind(void **state)
{
    decl_arena a;
    unsigned char *p, *big, *h;
    (void)state;
    decl_arena_init(&a, mem, sizeof mem);
    big = decl_arena_malloc(&a, 4096);
    assert_non_null(big);
    assert_false(inside(big));
    memset(big, 7, 4096);
    big = decl_arena_realloc(&a, big, 8192);
    assert_false(inside(big));
    assert_int_equal(big[4095], 7);
    decl_arena_free(&a, big);
    p = decl_arena_malloc(&a, 100);
    assert_true(inside(p));
    memset(p, 9, 100);
    h = decl_arena_realloc(&a, p, 1000); /* too big for the arena */
    assert_false(inside(h));
    assert_int_equal(h[0], 9);
    assert_int_equal(h[99], 9);
    decl_arena_free(&a, h);
    p = decl_arena_malloc(&a, 100); /* the arena's room came back */
    assert_true(inside(p));
}

/* An arena smaller than a header, or misaligned memory, still works. */
static void test_arena__odd_memory(void **state)
{
    decl_arena a;
    unsigned char *p;
    (void)state;
    decl_arena_init(&a, (unsigned char *)mem + 1, 8);
    p = decl_arena_malloc(&a, 1);
    assert_false(inside(p));
    decl_arena_free(&a, p);
    decl_arena_init(&a, (unsigned char *)mem + 3, sizeof mem - 3);
    p = decl_arena_malloc(&a, 1);
    assert_true(inside(p) && aligned(p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena__blocks),
        cmocka_unit_test(test_arena__realloc),
        cmocka_unit_test(test_arena__free_last),
        cmocka_unit_test(test_arena__heap_behind),
        cmocka_unit_test(test_arena__odd_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
