/* batch_stream.c - a book through the worker pool in chunks, two at a
 * time: while the workers rate one chunk, the caller's thread reads the
 * next and hands back the results of the previous one, so that reading
 * and writing no longer leave the workers waiting. */
#include "cli.h"
#include "batch.h"

#include <stdlib.h>
#include <string.h>

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

/* Chunk `cur` is being rated: reads the next into the other slot, waits
 * for `cur`, starts the next and takes `cur`'s results, until the book
 * ends. */
static int pump(const batch_stream *s, batch_pool *pool, chunk *slot)
{
    job jobs[2] = {{s, &slot[0]}, {s, &slot[1]}};
    int cur = 0, rc = 0;

    if (read_chunk(s, &slot[0]) != 0)
        return -1;
    if (slot[0].n > 0)
        batch_pool_submit(pool, slot[0].n, rate_line, &jobs[0]);
    while (slot[cur].n > 0) {
        int next = 1 - cur;
        int read_rc = read_chunk(s, &slot[next]);
        int started = read_rc == 0 && slot[next].n > 0;
        batch_pool_wait(pool);
        if (started)
            batch_pool_submit(pool, slot[next].n, rate_line, &jobs[next]);
        rc = s->take(s->arg, slot[cur].lines, slot[cur].results, slot[cur].n,
                     slot[cur].bytes);
        if (rc != 0 || read_rc != 0) {
            if (started)
                batch_pool_wait(pool);
            return -1;
        }
        cur = next;
    }
    return 0;
}

int batch_stream_run(const batch_stream *s)
{
    chunk slot[2];
    batch_pool *pool = NULL;
    int k, rc = -1, have = 1;

    memset(slot, 0, sizeof slot);
    for (k = 0; k < 2; k++) {
        slot[k].lines = calloc(BATCH_CHUNK_LINES, sizeof *slot[k].lines);
        slot[k].results = calloc(BATCH_CHUNK_LINES, s->result_size);
        have = have && slot[k].lines != NULL && slot[k].results != NULL;
    }
    if (have)
        pool = batch_pool_start(s->nthreads);
    if (pool == NULL)
        cli_error("out of memory");
    else
        rc = pump(s, pool, slot);
    batch_pool_stop(pool);
    for (k = 0; k < 2; k++)
        free_chunk(s, &slot[k]);
    return rc;
}
