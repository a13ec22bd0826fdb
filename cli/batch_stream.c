/* batch_stream.c - a book through the worker pool in chunks, several in
 * flight: the caller's thread reads a chunk and hands it to the workers;
 * a taker thread hands each rated chunk, in input order, to take() (which
 * may record it in a journal, write it and wait for the disk), so neither
 * the reading nor a slow take (a commit that waits for the disk) leaves
 * the workers waiting. At most STREAM_SLOTS chunks are in flight: one
 * being read, one rated, the rest taken or waiting to be. */
#include "cli.h"
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Chunks in flight: read, rated, and up to two waiting for or in take(),
 * so that one take longer than a chunk's rating (a checkpoint of the
 * journal) does not stop the workers. */
#define STREAM_SLOTS 4

/* One chunk in flight: its lines, their text and their results. */
typedef struct chunk {
    batch_line *lines;
    batch_arena arena;
    unsigned char *results;
    size_t n;
    unsigned long long bytes; /* input read up to the end of the chunk */
} chunk;

/* What the workers see of the chunk they rate. */
typedef struct job {
    const batch_stream *s;
    const chunk *c;
} job;

/* The chunks and the hand-over between the caller's thread and the
 * taker: chunk k lives in slot k % STREAM_SLOTS; `handed` chunks were
 * rated and handed over, `taken` were taken (their slots free again). */
typedef struct stream {
    const batch_stream *s;
    chunk slot[STREAM_SLOTS];
    job jobs[STREAM_SLOTS];
    pthread_mutex_t lock;
    pthread_cond_t cv;       /* handed, taken, failed or ended changed */
    unsigned long long handed, taken;
    int failed;              /* a take() stopped the stream */
    int ended;               /* nothing more will be handed over */
    int taker_running;       /* 0: take() runs on the caller's thread */
    pthread_t taker;
} stream;

static void rate_line(void *arg, size_t worker, size_t i)
{
    const job *j = arg;
    j->s->rate(j->s->arg, worker, &j->c->lines[i],
               j->c->results + i * j->s->result_size);
}

static int read_chunk(const batch_stream *s, chunk *c)
{
    if (batch_reader_chunk(s->rd, &c->arena, c->lines, BATCH_CHUNK_LINES,
                           &c->n) != 0)
        return -1;
    c->bytes = s->rd->bytes;
    return 0;
}

static int take_chunk(const batch_stream *s, chunk *c)
{
    return s->take(s->arg, c->lines, c->results, c->n, c->bytes);
}

/* The taker: takes the chunks handed over, in order, until the end;
 * after a failed take() it only frees the slots, so that the caller's
 * thread never waits for it in vain. */
static void *taker_main(void *arg)
{
    stream *st = arg;
    pthread_mutex_lock(&st->lock);
    for (;;) {
        chunk *c;
        int failed;
        while (st->taken == st->handed && !st->ended)
            pthread_cond_wait(&st->cv, &st->lock);
        if (st->taken == st->handed)
            break;
        c = &st->slot[st->taken % STREAM_SLOTS];
        failed = st->failed;
        pthread_mutex_unlock(&st->lock);
        if (!failed && take_chunk(st->s, c) != 0)
            failed = 1;
        pthread_mutex_lock(&st->lock);
        st->failed |= failed;
        st->taken++;
        pthread_cond_broadcast(&st->cv);
    }
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

/* Hands chunk number `k` (rated) over to be taken: to the taker, or
 * taken here when there is none. */
static void hand_over(stream *st, unsigned long long k)
{
    if (!st->taker_running) {
        if (!st->failed && take_chunk(st->s, &st->slot[k % STREAM_SLOTS]))
            st->failed = 1;
        st->handed = st->taken = k + 1;
        return;
    }
    pthread_mutex_lock(&st->lock);
    st->handed = k + 1;
    pthread_cond_broadcast(&st->cv);
    pthread_mutex_unlock(&st->lock);
}

/* Waits until chunk k's slot is free (chunk k - STREAM_SLOTS taken).
 * Returns 0, or -1 once a take() failed. */
static int wait_slot(stream *st, unsigned long long k)
{
    int failed;
    pthread_mutex_lock(&st->lock);
    while (!st->failed && st->taken + STREAM_SLOTS <= k)
        pthread_cond_wait(&st->cv, &st->lock);
    failed = st->failed;
    pthread_mutex_unlock(&st->lock);
    return failed ? -1 : 0;
}

/* Reads chunk k into its slot while chunk k - 1 is rated, then hands
 * k - 1 over and starts k, until the book ends or a take() fails.
 * Returns 0, or -1 after a read error. */
static int pump(stream *st, batch_pool *pool)
{
    unsigned long long k;
    for (k = 0;; k++) {
        chunk *c = &st->slot[k % STREAM_SLOTS];
        int free_slot = wait_slot(st, k) == 0;
        int read_rc = free_slot ? read_chunk(st->s, c) : 0;
        int more = free_slot && read_rc == 0 && c->n > 0;
        if (k > 0) {
            batch_pool_wait(pool);
            hand_over(st, k - 1);
        }
        if (!more)
            return read_rc;
        batch_pool_submit(pool, c->n, rate_line, &st->jobs[k % STREAM_SLOTS]);
    }
}

/* No more chunks: waits for the taker to take those handed over. */
static void finish(stream *st)
{
    if (!st->taker_running)
        return;
    pthread_mutex_lock(&st->lock);
    st->ended = 1;
    pthread_cond_broadcast(&st->cv);
    pthread_mutex_unlock(&st->lock);
    pthread_join(st->taker, NULL);
}

static void free_chunk(const batch_stream *s, chunk *c)
{
    size_t i;
    for (i = 0; s->release != NULL && c->results != NULL &&
                i < BATCH_CHUNK_LINES; i++)
        s->release(c->results + i * s->result_size);
    free(c->results);
    free(c->lines);
    batch_arena_free(&c->arena);
}

int batch_stream_run(const batch_stream *s)
{
    stream st;
    batch_pool *pool = NULL;
    int k, rc = -1, have = 1;

    memset(&st, 0, sizeof st);
    st.s = s;
    for (k = 0; k < STREAM_SLOTS; k++) {
        st.slot[k].lines = calloc(BATCH_CHUNK_LINES, sizeof *st.slot[k].lines);
        st.slot[k].results = calloc(BATCH_CHUNK_LINES, s->result_size);
        st.jobs[k].s = s;
        st.jobs[k].c = &st.slot[k];
        have = have && st.slot[k].lines != NULL && st.slot[k].results != NULL;
    }
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.cv, NULL);
    if (have)
        pool = batch_pool_start(s->nthreads);
    if (pool == NULL)
        cli_error("out of memory");
    else {
        /* without a taker thread, take() runs on this one */
        st.taker_running = pthread_create(&st.taker, NULL, taker_main,
                                          &st) == 0;
        rc = pump(&st, pool);
        finish(&st);
        if (st.failed)
            rc = -1;
    }
    batch_pool_stop(pool);
    pthread_cond_destroy(&st.cv);
    pthread_mutex_destroy(&st.lock);
    for (k = 0; k < STREAM_SLOTS; k++)
        free_chunk(s, &st.slot[k]);
    return rc;
}
