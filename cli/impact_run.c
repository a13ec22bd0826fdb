/* impact_run.c - rating a book both ways, chunk by chunk on N threads
 * (worksheet off), gathering the totals, decisions and changes; then the
 * top movers are rated again with the worksheet. */
#include "cli.h"
#include "impact.h"

#include <stdlib.h>
#include <string.h>

typedef struct outcome {
    int dec[2];      /* decision, or IMPACT_FAILED */
    int renewed;     /* rated as of the sides' as_of */
    impact_facts facts; /* of the declaration, read on the side before */
    int64_t total[2];
    char err[200];   /* the first failure's message */
} outcome;

typedef struct impact_job {
    const impact_side *side[2];
    impact_report *report;
    batch_progress progress;
} impact_job;

static void rate_both(void *arg, size_t worker, const batch_line *line,
                      void *result)
{
    impact_job *job = arg;
    outcome *o = result;
    int k;

    o->err[0] = '\0';
    o->renewed = 0;
    for (k = 0; k < 2; k++) {
        ratel_quote *q = NULL;
        char err[sizeof o->err];
        ratel_ctx *ctx = job->side[k]->ctxs[worker];
        int rc = RATEL_EDECL;
        o->total[k] = 0;
        if (line->error != NULL)
            snprintf(err, sizeof err, "%s", line->error);
        else if ((rc = impact_side_rate(&q, job->side[k], ctx, line->text,
                                        line->len, RATEL_RATE_NO_WORKSHEET,
                                        &o->renewed,
                                        k == 0 ? &o->facts : NULL)) !=
                 RATEL_OK)
            batch_ctx_error(ctx, rc, NULL, err, sizeof err);
        if (rc != RATEL_OK) {
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
    r->renewed += o->renewed;
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
    impact_add_to_groups(r, &o->facts, o->total[0], o->total[1], o->dec[0]);
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

/* Gathers a chunk's outcomes in input order. */
static int gather_chunk(void *arg, const batch_line *lines,
                        void *results, size_t n,
                        unsigned long long bytes)
{
    impact_job *job = arg;
    const outcome *out = results;
    size_t i;

    for (i = 0; i < n; i++)
        if (gather(job->report, &lines[i], &out[i]) != 0)
            return -1;
    batch_progress_update(&job->progress, job->report->rows, bytes);
    return 0;
}

static int rate_book(batch_reader *rd, impact_job *job, size_t nthreads)
{
    const batch_stream s = {.rd = rd, .nthreads = nthreads,
                            .result_size = sizeof(outcome),
                            .rate = rate_both, .take = gather_chunk,
                            .arg = job};
    int rc;

    batch_progress_init(&job->progress, rd->total_bytes);
    rc = batch_stream_run(&s);
    batch_progress_done(&job->progress);
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
    if (batch_reader_open(&rd, book) != 0)
        return -1;
    job.report = r;
    rc = rate_book(&rd, &job, nthreads);
    batch_reader_close(&rd);
    if (rc != 0)
        return -1;
    impact_finish_stats(r);
    impact_sort_movers(r);
    for (i = 0; i < r->nmovers; i++)
        impact_explain(&r->movers[i], r->from, r->to); /* best effort */
    r->seconds = batch_now() - start;
    return 0;
}
