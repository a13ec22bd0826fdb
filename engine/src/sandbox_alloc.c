/* sandbox_alloc.c - the interpreter's allocator: counts every byte
 * against the run's memory budget, refuses any string longer than
 * SBX_MAX_STRING (Lua tells the allocator the type of each new object),
 * tells the limits when a run grows heavy (sandbox_limits.c), and keeps
 * freed small blocks for reuse.
 *
 * A quote allocates and frees a few dozen small objects (tables, strings,
 * closures); Lua tells the allocator the size of every block it frees, so
 * blocks of up to SBX_POOL_LARGEST bytes are kept on per-size free lists
 * (16-byte classes) and handed out again without going through malloc.
 * Every small block is allocated at its class size, so any block on a
 * list fits any request of its class. At most SBX_POOL_BYTES are kept per
 * interpreter; the budget counts the bytes Lua asked for, kept or not. */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

/* The class of a block of n bytes (n > 0), or SBX_POOL_CLASSES when too
 * large to keep. */
static size_t class_of(size_t n)
{
    return n <= SBX_POOL_LARGEST ? (n - 1) / 16 : SBX_POOL_CLASSES;
}

static void *take(sbx *s, size_t c)
{
    void *p = s->pool[c];
    if (p) {
        memcpy(&s->pool[c], p, sizeof p);
        s->pooled -= (c + 1) * 16;
        return p;
    }
    return malloc((c + 1) * 16);
}

static void give(sbx *s, void *p, size_t c)
{
    if (s->pooled + (c + 1) * 16 > SBX_POOL_BYTES) {
        free(p);
        return;
    }
    memcpy(p, &s->pool[c], sizeof p);
    s->pool[c] = p;
    s->pooled += (c + 1) * 16;
}

/* A block of nsize bytes holding the first `keep` bytes of ptr (a block
 * of old bytes), ptr given back; NULL (ptr untouched) when out of memory. */
static void *move(sbx *s, void *ptr, size_t old, size_t nsize, size_t keep)
{
    size_t oc = class_of(old), nc = class_of(nsize);
    void *p;
    if (old && oc == nc && nc < SBX_POOL_CLASSES)
        return ptr; /* the block already has the class's size */
    if (nc < SBX_POOL_CLASSES) {
        if (!(p = take(s, nc)))
            return NULL;
        if (keep)
            memcpy(p, ptr, keep);
        if (old)
            oc < SBX_POOL_CLASSES ? give(s, ptr, oc) : free(ptr);
        return p;
    }
    if (old && oc < SBX_POOL_CLASSES) { /* small to large */
        if (!(p = malloc(nsize)))
            return NULL;
        memcpy(p, ptr, keep);
        give(s, ptr, oc);
        return p;
    }
    return realloc(ptr, nsize);
}

/* Bytes of a string object besides its characters (Lua 5.4's TString
 * header and terminating NUL are less). */
#define SBX_STRING_HEAD 64

/* Whether a new block of nsize bytes (Lua type `tag`, old bytes given
 * back) may be had in the run. A request over the memory budget is
 * refused; Lua then collects all garbage and asks again, and only a
 * second refusal passes the limit. */
static int allowed(sbx *s, size_t old, size_t nsize, int is_string)
{
    if (is_string && nsize > SBX_MAX_STRING + SBX_STRING_HEAD) {
        sbx_mark_trip(s, SBX_TRIP_STRING);
        return 0;
    }
    if (s->lim.max_memory &&
        s->used - old + nsize > s->quote_base + s->lim.max_memory) {
        if (s->mem_refused)
            sbx_mark_trip(s, SBX_TRIP_MEMORY);
        s->mem_refused = 1;
        return 0;
    }
    return 1;
}

void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sbx *s = ud;
    size_t old = ptr ? osize : 0; /* without ptr, osize is a type tag */
    int is_string = !ptr && osize == LUA_TSTRING, grows = nsize > old;
    void *p;
    if (nsize == 0) {
        if (ptr) {
            size_t c = class_of(old);
            c < SBX_POOL_CLASSES ? give(s, ptr, c) : free(ptr);
        }
        s->used -= old;
        return NULL;
    }
    if (grows && s->in_quote && !allowed(s, old, nsize, is_string))
        return NULL;
    p = move(s, ptr, old, nsize, old < nsize ? old : nsize);
    if (!p)
        return NULL;
    s->used = s->used - old + nsize;
    if (grows && s->in_quote) {
        s->mem_refused = 0;
        if (is_string && nsize > s->longest_string) {
            s->longest_string = nsize;
            if (nsize > 64) /* a short string costs no more than a value */
                sbx_grew(s);
        }
        if (s->used >= s->next_look)
            sbx_grew(s);
    }
    return p;
}

void sbx_pool_free(sbx *s)
{
    size_t c;
    for (c = 0; c < SBX_POOL_CLASSES; c++)
        while (s->pool[c]) {
            void *p = s->pool[c];
            memcpy(&s->pool[c], p, sizeof p);
            free(p);
        }
    s->pooled = 0;
}
