/* decl_arena.h - private: a bump allocator over memory the caller holds
 * (on its stack), for the JSON library's handful of allocations while it
 * reads one declaration. A block is carved from the memory, freeing only
 * takes back the last block, and what does not fit comes from the heap,
 * so the library behaves as with malloc, minus malloc's cost. */
#ifndef RATEL_DECL_ARENA_H
#define RATEL_DECL_ARENA_H

#include <stddef.h>

typedef struct decl_arena {
    unsigned char *mem; /* aligned to max_align_t */
    size_t cap, used;
} decl_arena;

/* Uses `cap` bytes at `mem` (any alignment; the start is aligned up). */
void decl_arena_init(decl_arena *a, void *mem, size_t cap);

/* malloc, realloc and free with `ctx` the arena (the JSON library's
 * allocator signatures). A pointer from the heap is reallocated and
 * freed on the heap. */
void *decl_arena_malloc(void *ctx, size_t n);
void *decl_arena_realloc(void *ctx, void *p, size_t n);
void decl_arena_free(void *ctx, void *p);

#endif
