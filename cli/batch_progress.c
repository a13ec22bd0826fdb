/* batch_progress.c - the progress line on stderr (only on a terminal). */
#include "cli.h"
#include "batch.h"

#include <time.h>
#include <unistd.h>

/* Seconds between two redraws. */
#define REDRAW_EVERY 0.2
#define BAR_WIDTH 24

double batch_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void batch_progress_init(batch_progress *p, unsigned long long total_bytes)
{
    p->on = isatty(STDERR_FILENO);
    p->start = batch_now();
    p->last = 0.0;
    p->total_bytes = total_bytes;
}

void batch_progress_update(batch_progress *p, long rows,
                           unsigned long long bytes)
{
    double now, elapsed, rate;
    char nrows[32], nrate[32];

    if (!p->on)
        return;
    now = batch_now();
    if (now - p->last < REDRAW_EVERY)
        return;
    p->last = now;
    elapsed = now - p->start;
    rate = elapsed > 0 ? rows / elapsed : 0.0;
    cli_fmt_money(nrows, sizeof nrows, rows);
    cli_fmt_money(nrate, sizeof nrate, (int64_t)rate);
    if (p->total_bytes > 0 && bytes > 0) {
        double done = (double)bytes / (double)p->total_bytes;
        double left = elapsed * (1.0 - done) / done;
        int i, fill = (int)(done * BAR_WIDTH);
        fputs("\r[", stderr);
        for (i = 0; i < BAR_WIDTH; i++)
            fputc(i < fill ? '#' : '.', stderr);
        fprintf(stderr, "] %3d%%  %s rows  %s rows/s  %d:%02d left ",
                (int)(done * 100), nrows, nrate, (int)left / 60,
                (int)left % 60);
    } else {
        fprintf(stderr, "\r%s rows  %s rows/s ", nrows, nrate);
    }
    fflush(stderr);
}

void batch_progress_done(batch_progress *p)
{
    if (p->on && p->last > 0.0)
        fputs("\r\033[K", stderr);
}
