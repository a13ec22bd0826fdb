/* settle_terms.c - the terms each coverage part of a quote was priced
 * for, read through the public quote accessors, and the plan's coverage
 * terms freed (settle.h). */
#include "settle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void settle_terms_dispose(settle_terms *t)
{
    if (!t)
        return;
    free(t->parts);
    t->parts = NULL;
    t->nparts = 0;
}

/* Term `name` of coverage `cov`, or `dflt` when the quote has none. */
static int64_t term_or(const ratel_quote *q, size_t cov, const char *name,
                       int64_t dflt)
{
    int64_t v;
    return ratel_quote_term_value(q, cov, name, &v) == RATEL_OK ? v : dflt;
}

/* The index of the quote's coverage named `name`, or -1. */
static long coverage_index(const ratel_quote *q, const char *name)
{
    size_t i, n = ratel_quote_coverage_count(q);
    for (i = 0; i < n; i++) {
        ratel_coverage c;
        if (ratel_quote_coverage(q, i, &c) == RATEL_OK &&
            strcmp(c.name, name) == 0)
            return (long)i;
    }
    return -1;
}

void settle_priced_read(const settle_terms *t, const ratel_quote *q,
                        settle_priced *priced)
{
    size_t k, s;
    for (k = 0; k < t->nparts; k++) {
        const settle_part *part = &t->parts[k];
        settle_priced *p = &priced[k];
        ratel_coverage c;
        long i = q && ratel_quote_decision(q) != RATEL_DECLINED
                     ? coverage_index(q, part->name) : -1;
        memset(p, 0, sizeof *p);
        if (i < 0 || ratel_quote_coverage(q, (size_t)i, &c) != RATEL_OK)
            continue;
        p->present = c.limit > 0;
        p->limit = term_or(q, (size_t)i, "limit", c.limit);
        p->deductible = term_or(q, (size_t)i, "deductible", 0);
        p->coinsurance_pct = term_or(q, (size_t)i, "coinsurance_pct", 100);
        if (p->coinsurance_pct < 0 || p->coinsurance_pct > 100)
            p->coinsurance_pct = p->coinsurance_pct < 0 ? 0 : 100;
        if (p->deductible < 0)
            p->deductible = 0;
        p->aggregate = term_or(q, (size_t)i, "aggregate_limit", -1);
        p->waiting_hours = term_or(q, (size_t)i, "waiting_hours", -1);
        p->indemnity_days = term_or(q, (size_t)i, "indemnity_days", -1);
        for (s = 0; s < part->nsublimits; s++) {
            char name[SETTLE_MAX_NAME + 16];
            snprintf(name, sizeof name, "sublimits.%s",
                     part->sublimits[s].term);
            p->sublimit[s] = term_or(q, (size_t)i, name, -1);
        }
    }
}
