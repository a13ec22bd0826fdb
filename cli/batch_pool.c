/* batch_pool.c - worker threads that stay for a whole book, each chunk
 * shared out through an atomic index; the default thread count, and one
 * rating context per thread. */
#include "cli.h"
#include "batch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

/* Items a worker takes at a time: fewer atomic operations, still fine
 * grained enough to balance a 4,096-line chunk. */
#define POOL_GRAIN 8

#define MAX_THREADS 256

struct batch_pool {
    pthread_mutex_t lock;
    pthread_cond_t work_cv;   /* a new submission, or stop */
    pthread_cond_t done_cv;   /* the last worker finished a submission */
    unsigned long generation; /* submissions so far */
    size_t busy;              /* workers not yet done with the last one */
    int stop;
    /* the submission */
    atomic_size_t next;
    size_t nitems;
    batch_job_fn fn;
    void *arg;
    size_t started;
    pthread_t tids[MAX_THREADS];
    struct pool_worker {
        batch_pool *p;
        size_t id;
    } workers[MAX_THREADS];
};

/* Runs items of the current submission until there are none left. */
static void work(batch_pool *p, size_t id)
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
    struct pool_worker *w = arg;
    batch_pool *p = w->p;
    unsigned long seen = 0;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && p->generation == seen)
            pthread_cond_wait(&p->work_cv, &p->lock);
        if (p->stop)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        work(p, w->id);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

batch_pool *batch_pool_start(size_t nworkers)
{
    batch_pool *p = calloc(1, sizeof *p);
    size_t i;

    if (p == NULL)
        return NULL;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    atomic_init(&p->next, 0);
    if (nworkers > MAX_THREADS)
        nworkers = MAX_THREADS;
    for (i = 0; i < nworkers; i++) {
        p->workers[i].p = p;
        p->workers[i].id = i;
        if (pthread_create(&p->tids[i], NULL, thread_main, &p->workers[i]))
            break;
        p->started = i + 1;
    }
    return p;
}

void batch_pool_submit(batch_pool *p, size_t nitems, batch_job_fn fn,
                       void *arg)
{
    pthread_mutex_lock(&p->lock);
    atomic_store(&p->next, 0);
    p->nitems = nitems;
    p->fn = fn;
    p->arg = arg;
    p->busy = p->started;
    p->generation++;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
}

void batch_pool_wait(batch_pool *p)
{
    if (p->started == 0) { /* no thread: the caller does the work */
        work(p, 0);
        return;
    }
    pthread_mutex_lock(&p->lock);
    while (p->busy > 0)
        pthread_cond_wait(&p->done_cv, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void batch_pool_stop(batch_pool *p)
{
    size_t i;

    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
    for (i = 0; i < p->started; i++)
        pthread_join(p->tids[i], NULL);
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->lock);
    free(p);
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
