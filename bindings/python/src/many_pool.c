/* many_pool.c - the rating threads of rate_many: N POSIX threads that
 * stay for a whole iteration, each chunk shared out through an atomic
 * index. They never touch Python objects; the thread that waits for a
 * chunk releases the GIL. */
#include "pyr.h"
#include "many.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* Items taken at a time: fewer atomic operations, still balanced. */
#define GRAIN 8

struct pyr_pool {
    pthread_mutex_t lock;
    pthread_cond_t work_cv, done_cv;
    unsigned long generation; /* chunks submitted so far */
    size_t busy;              /* workers still on the last chunk */
    int stop;
    atomic_size_t next;
    size_t nitems;
    pyr_job_fn fn;
    void *arg;
    size_t nthreads;
    struct worker {
        pyr_pool *pool;
        size_t id;
        pthread_t tid;
    } *workers;
};

static void work(pyr_pool *p, size_t id)
{
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, GRAIN), end;
        if (i >= p->nitems)
            return;
        end = i + GRAIN < p->nitems ? i + GRAIN : p->nitems;
        for (; i < end; i++)
            p->fn(p->arg, id, i);
    }
}

static void *thread_main(void *arg)
{
    struct worker *w = arg;
    pyr_pool *p = w->pool;
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

pyr_pool *pyr_pool_start(size_t nthreads)
{
    pyr_pool *p = calloc(1, sizeof *p);
    size_t i;

    if (p == NULL || (p->workers = calloc(nthreads, sizeof *p->workers))
                         == NULL) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    atomic_init(&p->next, 0);
    for (i = 0; i < nthreads; i++) {
        p->workers[i].pool = p;
        p->workers[i].id = i;
        if (pthread_create(&p->workers[i].tid, NULL, thread_main,
                           &p->workers[i]) != 0)
            break;
        p->nthreads = i + 1;
    }
    return p;
}

void pyr_pool_submit(pyr_pool *p, size_t nitems, pyr_job_fn fn, void *arg)
{
    pthread_mutex_lock(&p->lock);
    atomic_store(&p->next, 0);
    p->nitems = nitems;
    p->fn = fn;
    p->arg = arg;
    p->busy = p->nthreads;
    p->generation++;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
}

void pyr_pool_wait(pyr_pool *p)
{
    if (p->nthreads == 0) { /* no thread could start: work here */
        work(p, 0);
        return;
    }
    pthread_mutex_lock(&p->lock);
    while (p->busy > 0)
        pthread_cond_wait(&p->done_cv, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void pyr_pool_stop(pyr_pool *p)
{
    size_t i;
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
    for (i = 0; i < p->nthreads; i++)
        pthread_join(p->workers[i].tid, NULL);
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->lock);
    free(p->workers);
    free(p);
}
