/* decl_arena.c - a bump allocator over caller memory, with the heap
 * behind it (see decl_arena.h). Each block is preceded by a header
 * holding its size, so realloc can copy it. */
#include "decl_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Alignment of every block, and size of the header before it. */
#define ALIGN _Alignof(max_align_t)

/* n rounded up to a multiple of ALIGN (n at most the arena's size). */
static size_t round_up(size_t n)
{
    return (n + ALIGN - 1) / ALIGN * ALIGN;
}

/* Whether p lies in the arena's memory. */
static int owns(const decl_arena *a, const void *p)
{
    return (uintptr_t)p - (uintptr_t)a->mem < a->cap;
}

static size_t block_size(const unsigned char *p)
{
    size_t n;
    memcpy(&n, p - ALIGN, sizeof n);
    return n;
}

/* Whether block p is the last one carved, so it can grow or be taken
 * back in place. */
static int is_last(const decl_arena *a, const unsigned char *p)
{
    return p + round_up(block_size(p)) == a->mem + a->used;
}

void decl_arena_init(decl_arena *a, void *mem, size_t cap)
{
    size_t skip = (ALIGN - (uintptr_t)mem % ALIGN) % ALIGN;
    a->mem = (unsigned char *)mem + skip;
    a->cap = cap > skip ? cap - skip : 0;
    a->used = 0;
}

void *decl_arena_malloc(void *ctx, size_t n)
{
    decl_arena *a = ctx;
    unsigned char *p;
    if (n > a->cap || ALIGN + round_up(n) > a->cap - a->used)
        return malloc(n);
    p = a->mem + a->used + ALIGN;
    memcpy(p - ALIGN, &n, sizeof n);
    a->used += ALIGN + round_up(n);
    return p;
}

void *decl_arena_realloc(void *ctx, void *ptr, size_t n)
{
    decl_arena *a = ctx;
    unsigned char *p = ptr, *q;
    size_t old;
    if (!p)
        return decl_arena_malloc(a, n);
    if (!owns(a, p))
        return realloc(p, n);
    old = block_size(p);
    if (is_last(a, p) && n <= a->cap &&
        round_up(n) <= a->cap - (size_t)(p - a->mem)) { /* grow in place */
        memcpy(p - ALIGN, &n, sizeof n);
        a->used = (size_t)(p - a->mem) + round_up(n);
        return p;
    }
    q = decl_arena_malloc(a, n);
    if (!q)
        return NULL; /* p stays valid, as with realloc */
    memcpy(q, p, old < n ? old : n);
    decl_arena_free(a, p);
    return q;
}

void decl_arena_free(void *ctx, void *ptr)
{
    decl_arena *a = ctx;
    unsigned char *p = ptr;
    if (!p)
        return;
    if (!owns(a, p))
        free(p);
    else if (is_last(a, p))
        a->used = (size_t)(p - a->mem) - ALIGN;
}
