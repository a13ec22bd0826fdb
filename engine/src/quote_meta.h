/* quote_meta.h - what a quote cites of its plan and rate tables (plan id,
 * version, hash, insurer, product, services, exclusions; each table's
 * name, version, effective date and hash): one immutable block of copies,
 * reference-counted and shared by every quote made with the same plan
 * version and table versions. Copies, because a quote may outlive the
 * context and engine that made it (ratel.h); atomic counts, because quotes
 * sharing a block may be freed on different threads. */
#ifndef RATEL_QUOTE_META_H
#define RATEL_QUOTE_META_H

#include <stdatomic.h>
#include <stddef.h>

struct plan_def;
struct tbl_table;

typedef struct qmeta_table {
    const char *name, *version, *effective, *hash;
} qmeta_table;

typedef struct quote_meta {
    atomic_size_t refs;
    const char *plan_id, *plan_version, *plan_hash, *plan_insurer,
        *plan_product;
    const char **lists;            /* services, then exclusions */
    size_t nservices, nexclusions;
    qmeta_table *tables;           /* every table the plan declares */
    size_t ntables;
    /* The cache key: the engine's plan and resolved tables the block was
     * made from. Only compared, and only by the context that made it,
     * which its engine outlives. */
    const struct plan_def *plan;
    const struct tbl_table **resolved;
} quote_meta;

#define QMETA_CACHE 4 /* table-version sets a context keeps blocks for */

/* The blocks a context made lately (its own references). */
typedef struct qmeta_cache {
    quote_meta *slot[QMETA_CACHE];
    unsigned next;                 /* the slot replaced on a miss */
} qmeta_cache;

/* A reference to the block for `plan` with its declared tables resolved
 * to `tables` (plan->ntables entries): from the cache, else made and
 * cached. The caller releases it. NULL when out of memory. */
quote_meta *qmeta_get(qmeta_cache *c, const struct plan_def *plan,
                      const struct tbl_table *const *tables);

/* Takes one more reference to m (a quote journal's record keeps the block
 * its quote cited); returns m. */
quote_meta *qmeta_retain(quote_meta *m);

/* Drops one reference; the last one frees the block. NULL is a no-op. */
void qmeta_release(quote_meta *m);

/* Drops the cache's references and empties it. */
void qmeta_cache_clear(qmeta_cache *c);

#endif
