/* risk_sim.c - the seeded Monte Carlo of annual losses. The years are cut
 * into blocks of RISK_BLOCK_YEARS; block b draws from its own stream (the
 * seeded generator jumped b times, found once before the threads start),
 * writes its years' figures into their own slots and sums its
 * accumulators apart; the block sums are added in block order at the end.
 * So the output is the same, byte for byte, on any number of threads. */
#include "risk.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct sim_job {
    const risk_sim *sim;
    size_t nblocks;
    risk_rng *streams;  /* the first state of each block */
    double *block_acc; /* nblocks x nacc */
    atomic_size_t next;
    atomic_int oom;
} sim_job;

/* Room for one more loss in *losses; 0, or -1 when out of memory. */
static int grow(double **losses, size_t *cap, size_t n)
{
    double *p;
    size_t want;
    if (n < *cap)
        return 0;
    want = *cap ? *cap * 2 : 64;
    if (!(p = realloc(*losses, want * sizeof *p)))
        return -1;
    *losses = p;
    *cap = want;
    return 0;
}

static int run_block(const risk_sim *sim, size_t b, risk_rng rng,
                     double **losses, size_t *cap, double *row, double *acc)
{
    uint64_t y, y0 = (uint64_t)b * RISK_BLOCK_YEARS;
    uint64_t y1 = y0 + RISK_BLOCK_YEARS < sim->years ? y0 + RISK_BLOCK_YEARS
                                                     : sim->years;
    size_t p, i;
    for (y = y0; y < y1; y++) {
        size_t n = 0;
        for (p = 0; p < sim->nperils; p++) {
            const risk_peril *pe = &sim->perils[p];
            unsigned k = risk_freq_draw(&pe->freq, risk_rng_uniform(&rng));
            while (k--) {
                if (grow(losses, cap, n))
                    return -1;
                (*losses)[n++] =
                    risk_sev_quantile(&pe->sev, risk_rng_uniform(&rng));
            }
        }
        sim->fn(sim->arg, *losses, n, row, acc);
        for (i = 0; i < sim->nrow; i++)
            sim->rows[i][y] = row[i];
    }
    return 0;
}

static void *worker(void *arg)
{
    sim_job *job = arg;
    const risk_sim *sim = job->sim;
    double *losses = NULL, *row = malloc((sim->nrow + 1) * sizeof *row);
    size_t cap = 0, b;
    if (!row) {
        atomic_store(&job->oom, 1);
        return NULL;
    }
    while (!atomic_load(&job->oom) &&
           (b = atomic_fetch_add(&job->next, 1)) < job->nblocks)
        if (run_block(sim, b, job->streams[b], &losses, &cap, row,
                      job->block_acc + b * sim->nacc))
            atomic_store(&job->oom, 1);
    free(losses);
    free(row);
    return NULL;
}

int risk_simulate(const risk_sim *sim)
{
    sim_job job;
    pthread_t tid[RISK_MAX_THREADS];
    size_t t, started = 0, b, i;
    size_t nthreads = sim->threads ? sim->threads : 1;
    job.sim = sim;
    job.nblocks = (size_t)((sim->years + RISK_BLOCK_YEARS - 1) /
                           RISK_BLOCK_YEARS);
    atomic_init(&job.next, 0);
    atomic_init(&job.oom, 0);
    job.block_acc = calloc(job.nblocks * sim->nacc + 1, sizeof(double));
    job.streams = malloc(job.nblocks * sizeof *job.streams);
    if (!job.block_acc || !job.streams) {
        free(job.block_acc);
        free(job.streams);
        return RATEL_ENOMEM;
    }
    risk_rng_seed(&job.streams[0], sim->seed);
    for (b = 1; b < job.nblocks; b++) {
        job.streams[b] = job.streams[b - 1];
        risk_rng_jump(&job.streams[b]);
    }
    if (nthreads > RISK_MAX_THREADS)
        nthreads = RISK_MAX_THREADS;
    if (nthreads > job.nblocks)
        nthreads = job.nblocks;
    /* threads that cannot start leave their blocks to the others */
    for (t = 1; t < nthreads; t++)
        if (pthread_create(&tid[started], NULL, worker, &job) == 0)
            started++;
    worker(&job);
    for (t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    for (i = 0; i < sim->nacc; i++)
        sim->acc[i] = 0.0;
    for (b = 0; b < job.nblocks; b++)
        for (i = 0; i < sim->nacc; i++)
            sim->acc[i] += job.block_acc[b * sim->nacc + i];
    free(job.block_acc);
    free(job.streams);
    return atomic_load(&job.oom) ? RATEL_ENOMEM : RATEL_OK;
}
