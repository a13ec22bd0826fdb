/* many.h - rate_many's pieces shared by many.c (the iterator),
 * many_read.c (reading the input into chunks) and many_pool.c (threads). */
#ifndef PYR_MANY_H
#define PYR_MANY_H

#include "pyr.h"

typedef struct pyr_pool pyr_pool;
typedef void (*pyr_job_fn)(void *arg, size_t worker, size_t index);

/* Starts n threads (fewer when the system refuses: then waiting does
 * the work). NULL when out of memory. */
pyr_pool *pyr_pool_start(size_t n);
/* Runs fn(arg, worker, i) for i in 0..n-1 on the threads. */
void pyr_pool_submit(pyr_pool *p, size_t n, pyr_job_fn fn, void *arg);
/* Waits for the chunk submitted last (call without the GIL). */
void pyr_pool_wait(pyr_pool *p);
void pyr_pool_stop(pyr_pool *p);

/* MANY_SCHEME: quotes kept as MANY_QUOTE's, a failure's message worded
 * as `ratel batch` words it (what `ratel scheme quote` lists). */
enum { MANY_JSONL, MANY_CSV, MANY_QUOTE, MANY_SCHEME };
enum { ITEM_TEXT, ITEM_DECL, ITEM_ERROR };

typedef struct many_item {
    long lineno;
    int kind;
    size_t off, len;        /* ITEM_TEXT: the JSON; ITEM_ERROR: message */
    const ratel_decl *decl; /* ITEM_DECL */
    pyr_buf row;            /* MANY_JSONL, MANY_CSV */
    ratel_quote *quote;     /* MANY_QUOTE, MANY_SCHEME, when rated */
    pyr_failure fail;       /* MANY_QUOTE, MANY_SCHEME, when not */
} many_item;

typedef struct many_chunk {
    many_item items[PYR_CHUNK];
    size_t n;
    pyr_buf arena;  /* the items' texts */
    PyObject *keep; /* the Declarations of ITEM_DECL items */
} many_chunk;

typedef struct pyr_many pyr_many;
/* Takes a chunk's results in input order instead of handing them out
 * (GIL held): it owns and clears the items' quotes and failures. 0, or
 * -1 with a Python error (the iterator then stops). */
typedef int (*pyr_take_fn)(pyr_many *m, many_chunk *c);

struct pyr_many {
    PyObject_HEAD
    pyr_engine *engine;
    PyObject *iter;       /* the input; NULL once read to the end */
    long next_line;       /* the line number of the next input item */
    int format;
    int running;          /* in __next__: a second caller is refused */
    char *plan;           /* copied */
    const char *schema;   /* the plan's schema, borrowed from the engine */
    ratel_rate_options opts;
    size_t nthreads;
    ratel_ctx **ctxs;     /* one per thread */
    pyr_pool *pool;
    many_chunk *chunk[2];
    many_chunk *inflight; /* submitted to the threads */
    PyObject *out;        /* the results of the last chunk done */
    Py_ssize_t outpos;
    ratel_csv_header *csv; /* CSV rows (owned; the library reads them as
                              `ratel batch` does), or NULL: JSON lines */
    pyr_take_fn take;     /* NULL: results handed out by __next__ */
    void *take_arg;
};

/* A new iterator over `items` (the arguments of Engine.rate_many, the
 * format as MANY_*); NULL with a Python error. */
pyr_many *pyr_many_new(pyr_engine *e, PyObject *items, PyObject *threads,
                       const char *plan, int format, long start,
                       int worksheet);
/* Reads and rates every item, the results going to m->take. 0, or -1
 * with a Python error. */
int pyr_many_drain(pyr_many *m);

/* Reads up to PYR_CHUNK items of the input into c (GIL held); at the
 * end of the input clears m->iter. 0, or -1 with a Python error. */
int pyr_many_read(pyr_many *m, many_chunk *c);
/* Lets go of a chunk's Declarations (GIL held). */
void pyr_many_unkeep(many_chunk *c);

#endif
