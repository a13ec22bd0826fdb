/* batch_pool.c - running one chunk of work on N threads (a shared atomic
 * index), the default thread count, and one rating context per thread. */
#include "cli.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

/* Items a worker takes at a time: fewer atomic operations, still fine
 * grained enough to balance a 4,096-line chunk. */
#define POOL_GRAIN 8

#define MAX_THREADS 256

typedef struct pool {
    atomic_size_t next;
    size_t nitems;
    batch_job_fn fn;
    void *arg;
} pool;

typedef struct worker {
    pool *p;
    size_t id;
    pthread_t tid;
} worker;

static void work(pool *p, size_t id)
{
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, POOL_GRAIN), end;
        if (i >= p->nitems)
            return;
        end = i + POOL_GRAIN < p->nitems ? i + POOL_GRAIN : p->nitems;
        for (; i < end; i++)
            p->fn(p->arg, id, i);
    }
}

static void *thread_main(void *arg)
{
    worker *w = arg;
    work(w->p, w->id);
    return NULL;
}

void batch_pool_run(size_t nworkers, size_t nitems, batch_job_fn fn,
                    void *arg)
{
    pool p;
    worker ws[MAX_THREADS];
    size_t i, started = 0;

    atomic_init(&p.next, 0);
    p.nitems = nitems;
    p.fn = fn;
    p.arg = arg;
    if (nworkers > MAX_THREADS)
        nworkers = MAX_THREADS;
    if (nitems < nworkers)
        nworkers = nitems ? nitems : 1;
    /* A thread that cannot start leaves its share to the others: the
     * results are the same, only slower. */
    for (i = 1; i < nworkers; i++) {
        ws[i].p = &p;
        ws[i].id = i;
        if (pthread_create(&ws[i].tid, NULL, thread_main, &ws[i]) != 0)
            break;
        started = i;
    }
    work(&p, 0);
    for (i = 1; i <= started; i++)
        pthread_join(ws[i].tid, NULL);
}

size_t batch_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

int batch_parse_threads(const char *cmd, const char *text, size_t *out)
{
    char *end;
    long n;

    if (text == NULL) {
        *out = batch_default_threads();
        return 0;
    }
    n = strtol(text, &end, 10);
    if (end == text || *end != '\0' || n < 1 || n > MAX_THREADS)
        return cli_usage_error(cmd, "--threads needs a number from 1 to %d, "
                               "got '%s'", MAX_THREADS, text);
    *out = (size_t)n;
    return 0;
}

int batch_contexts_new(ratel_ctx ***out, ratel_engine *eng, size_t n)
{
    ratel_ctx **c = calloc(n, sizeof *c);
    size_t i;
    int rc;

    *out = NULL;
    if (c == NULL) {
        cli_error("out of memory");
        return -1;
    }
    for (i = 0; i < n; i++) {
        rc = ratel_ctx_new(&c[i], eng);
        if (rc != RATEL_OK) {
            cli_error("cannot create a context: %s", ratel_strerror(rc));
            batch_contexts_free(c, n);
            return -1;
        }
    }
    *out = c;
    return 0;
}

void batch_contexts_free(ratel_ctx **ctxs, size_t n)
{
    size_t i;
    if (ctxs == NULL)
        return;
    for (i = 0; i < n; i++)
        ratel_ctx_free(ctxs[i]);
    free(ctxs);
}
