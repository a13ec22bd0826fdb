/* impact_stats.c - the figures of `ratel impact`: per-policy changes,
 * percentiles, the histogram buckets, and the top movers. */
#include "cli.h"
#include "impact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const impact_bucket_names[IMPACT_NBUCKETS] = {
    "< -20%", "-20..-10%", "-10..-5%", "-5..0%", "0%",
    "0..+5%", "+5..+10%", "+10..+20%", "> +20%"};
const int impact_pct_points[IMPACT_NPCT] = {1, 5, 25, 50, 75, 95, 99};

const char *impact_outcome_name(int outcome)
{
    return outcome == IMPACT_FAILED ? "failed"
                                    : ratel_decision_name((ratel_decision)outcome);
}

int impact_add_change(impact_report *r, double pct)
{
    double *p = cli_grow(r->changes, &r->cap, r->nchanges, sizeof *p, 4096);
    if (p == NULL)
        return -1;
    r->changes = p;
    r->changes[r->nchanges++] = pct;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int bucket_of(double pct)
{
    if (pct == 0.0)
        return 4;
    if (pct < 0)
        return pct < -20 ? 0 : pct < -10 ? 1 : pct < -5 ? 2 : 3;
    return pct <= 5 ? 5 : pct <= 10 ? 6 : pct <= 20 ? 7 : 8;
}

void impact_finish_stats(impact_report *r)
{
    size_t i;

    memset(r->buckets, 0, sizeof r->buckets);
    for (i = 0; i < r->nchanges; i++)
        r->buckets[bucket_of(r->changes[i])]++;
    if (r->nchanges > 0)
        qsort(r->changes, r->nchanges, sizeof *r->changes, cmp_double);
    for (i = 0; i < IMPACT_NPCT; i++) {
        size_t rank;
        if (r->nchanges == 0) {
            r->pct[i] = 0.0;
            continue;
        }
        /* nearest rank */
        rank = (size_t)ceil(impact_pct_points[i] / 100.0 * r->nchanges);
        r->pct[i] = r->changes[rank ? rank - 1 : 0];
    }
}

double impact_total_change(const impact_report *r)
{
    if (r->total_before <= 0)
        return 0.0;
    return (r->total_after - r->total_before) / r->total_before * 100.0;
}

/* 1 when mover a ranks before b: larger |change|, then earlier line. */
static int ranks_before(double pa, long la, double pb, long lb)
{
    if (fabs(pa) != fabs(pb))
        return fabs(pa) > fabs(pb);
    return la < lb;
}

static void free_mover(impact_mover *m)
{
    free(m->decl);
    free(m->applicant);
    free(m->coverage);
    free(m->label);
    memset(m, 0, sizeof *m);
}

int impact_offer_mover(impact_report *r, long lineno, const char *decl,
                       size_t len, int64_t before, int64_t after,
                       int dec_before, int dec_after)
{
    double pct = (double)(after - before) / (double)before * 100.0;
    impact_mover *m;
    size_t i, worst = 0;
    char *copy;

    if (r->top == 0 || after == before)
        return 0;
    if (r->nmovers < r->top) {
        m = &r->movers[r->nmovers];
    } else {
        for (i = 1; i < r->nmovers; i++)
            if (ranks_before(r->movers[worst].pct, r->movers[worst].lineno,
                             r->movers[i].pct, r->movers[i].lineno))
                worst = i;
        if (!ranks_before(pct, lineno, r->movers[worst].pct,
                          r->movers[worst].lineno))
            return 0;
        m = &r->movers[worst];
    }
    if ((copy = malloc(len + 1)) == NULL)
        return -1;
    memcpy(copy, decl, len);
    copy[len] = '\0';
    if (m == &r->movers[r->nmovers])
        r->nmovers++;
    free_mover(m);
    m->lineno = lineno;
    m->decl = copy;
    m->before = before;
    m->after = after;
    m->pct = pct;
    m->dec_before = dec_before;
    m->dec_after = dec_after;
    return 0;
}

static int cmp_mover(const void *a, const void *b)
{
    const impact_mover *x = a, *y = b;
    return ranks_before(x->pct, x->lineno, y->pct, y->lineno) ? -1 : 1;
}

void impact_sort_movers(impact_report *r)
{
    if (r->nmovers > 1)
        qsort(r->movers, r->nmovers, sizeof *r->movers, cmp_mover);
}

void impact_report_free(impact_report *r)
{
    size_t i;
    for (i = 0; i < r->nmovers; i++)
        free_mover(&r->movers[i]);
    free(r->movers);
    free(r->changes);
    r->movers = NULL;
    r->changes = NULL;
}
