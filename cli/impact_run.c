/* impact_run.c - rating a book both ways, chunk by chunk on N threads
 * (worksheet off), gathering the totals, decisions and changes; then the
 * top movers are rated again with the worksheet. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct outcome {
    int dec[2];      /* decision, or IMPACT_FAILED */
    int64_t total[2];
    char err[200];   /* the first failure's message */
} outcome;

typedef struct impact_job {
    const impact_side *side[2];
    const batch_line *lines;
    outcome *out;
    batch_scratch *scratch;
} impact_job;

static void rate_both(void *arg, size_t worker, size_t i)
{
    impact_job *job = arg;
    outcome *o = &job->out[i];
    int k;

    o->err[0] = '\0';
    for (k = 0; k < 2; k++) {
        ratel_quote *q = NULL;
        char err[sizeof o->err];
        o->total[k] = 0;
        if (batch_rate_line(&q, job->side[k]->ctxs[worker], NULL,
                            &job->scratch[worker], &job->lines[i],
                            job->side[k]->plan_id, RATEL_RATE_NO_WORKSHEET,
                            err, sizeof err) != 0) {
            o->dec[k] = IMPACT_FAILED;
            if (o->err[0] == '\0')
                snprintf(o->err, sizeof o->err, "%.60s: %.130s",
                         job->side[k]->spec, err);
        } else {
            o->dec[k] = (int)ratel_quote_decision(q);
            o->total[k] = ratel_quote_total_premium(q);
        }
        ratel_quote_free(q);
    }
}

static int gather(impact_report *r, const batch_line *ln, const outcome *o)
{
    r->rows++;
    r->matrix[o->dec[0]][o->dec[1]]++;
    if (o->dec[0] == IMPACT_FAILED || o->dec[1] == IMPACT_FAILED) {
        r->failed++;
        if (r->first_error[0] == '\0')
            snprintf(r->first_error, sizeof r->first_error, "line %ld: %s",
                     ln->lineno, o->err);
        return 0;
    }
    r->rated++;
    r->total_before += (double)o->total[0];
    r->total_after += (double)o->total[1];
    if (o->total[0] <= 0) {
        r->zero_before++;
        return 0;
    }
    if (impact_add_change(r, (double)(o->total[1] - o->total[0]) /
                                 (double)o->total[0] * 100.0) != 0 ||
        impact_offer_mover(r, ln->lineno, ln->text, ln->len, o->total[0],
                           o->total[1], o->dec[0], o->dec[1]) != 0) {
        cli_error("out of memory");
        return -1;
    }
    return 0;
}

static int rate_book(impact_report *r, batch_reader *rd, impact_job *job,
                     size_t nthreads)
{
    batch_line *lines = calloc(BATCH_CHUNK_LINES, sizeof *lines);
    outcome *out = calloc(BATCH_CHUNK_LINES, sizeof *out);
    batch_progress pr;
    size_t n, i;
    int rc = -1;

    if (lines == NULL || out == NULL) {
        cli_error("out of memory");
        goto done;
    }
    job->lines = lines;
    job->out = out;
    batch_progress_init(&pr, rd->total_bytes);
    for (;;) {
        if (batch_reader_chunk(rd, lines, BATCH_CHUNK_LINES, &n) != 0)
            goto done;
        if (n == 0)
            break;
        batch_pool_run(nthreads, n, rate_both, job);
        for (i = 0; i < n; i++)
            if (gather(r, &lines[i], &out[i]) != 0)
                goto done;
        batch_progress_update(&pr, r->rows, rd->bytes);
    }
    batch_progress_done(&pr);
    rc = 0;
done:
    free(lines);
    free(out);
    return rc;
}

int impact_run(impact_report *r, const char *book, size_t nthreads)
{
    batch_reader rd;
    impact_job job;
    size_t i;
    int rc;
    double start = batch_now();

    memset(&job, 0, sizeof job);
    job.side[0] = r->from;
    job.side[1] = r->to;
    if (r->top > 0 && (r->movers = calloc(r->top, sizeof *r->movers)) == NULL) {
        cli_error("out of memory");
        return -1;
    }
    job.scratch = calloc(nthreads, sizeof *job.scratch);
    if (job.scratch == NULL) {
        cli_error("out of memory");
        return -1;
    }
    if (batch_reader_open(&rd, book) != 0) {
        free(job.scratch);
        return -1;
    }
    rc = rate_book(r, &rd, &job, nthreads);
    batch_reader_close(&rd);
    for (i = 0; i < nthreads; i++)
        batch_scratch_free(&job.scratch[i]);
    free(job.scratch);
    if (rc != 0)
        return -1;
    impact_finish_stats(r);
    impact_sort_movers(r);
    for (i = 0; i < r->nmovers; i++)
        impact_explain(&r->movers[i], r->from, r->to); /* best effort */
    r->seconds = batch_now() - start;
    return 0;
}
