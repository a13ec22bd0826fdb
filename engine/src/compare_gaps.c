/* compare_gaps.c - what an offer leaves uncovered: the coverage gaps
 * named from its plan's coverage terms and the terms it priced, and the
 * shortfalls of its limits against the probable maximum loss (the last
 * scenario's settlement). */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_gap(compare_offer *o, const char *code, buf *text)
{
    compare_gap *grown = realloc(o->gaps, (o->ngaps + 1) * sizeof *grown);
    char *t = text->oom ? NULL : buf_take(text);
    if (!grown || !t) {
        free(t);
        if (grown)
            o->gaps = grown;
        return -1;
    }
    o->gaps = grown;
    grown[o->ngaps].code = code;
    grown[o->ngaps++].text = t;
    return 0;
}

/* A part or term name in words: "bi" as "business interruption",
 * "credit_monitoring" as "credit monitoring". */
static void put_words(buf *b, const char *name)
{
    if (strcmp(name, "bi") == 0) {
        buf_puts(b, "business interruption");
        return;
    }
    for (; *name; name++)
        buf_putc(b, *name == '_' ? ' ' : *name);
}

/* The part of the plan that would pay category `cat`, or NULL. */
static const settle_part *part_paying(const settle_terms *t, int cat)
{
    size_t k;
    for (k = 0; k < t->nparts; k++)
        if (t->parts[k].pays & SETTLE_BIT(cat))
            return &t->parts[k];
    return NULL;
}

/* " (the plan's X cover was not asked for)" when the plan has a part
 * for `cat` the quote does not. */
static void put_why_uncovered(buf *b, const settle_terms *t, int cat)
{
    const settle_part *part = part_paying(t, cat);
    if (!part) {
        buf_puts(b, " (the plan does not offer it)");
        return;
    }
    buf_puts(b, " (the plan's ");
    put_words(b, part->name);
    buf_puts(b, " cover was not asked for)");
}

/* The categories no part the offer priced pays. */
static int uncovered_gaps(compare_offer *o, settle_set paid)
{
    const settle_terms *t = &o->def->coverage_terms;
    const settle_set bi = SETTLE_BIT(SETTLE_LOST_PROFIT) |
                          SETTLE_BIT(SETTLE_EXTRA_EXPENSE);
    buf b;
    int c;
    buf_init(&b);
    if (!(paid & bi)) {
        buf_puts(&b, "no business interruption");
        put_why_uncovered(&b, t, SETTLE_LOST_PROFIT);
        if (add_gap(o, "no_business_interruption", &b))
            return -1;
    }
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        if ((paid & SETTLE_BIT(c)) || (!(paid & bi) && (bi & SETTLE_BIT(c))))
            continue;
        buf_puts(&b, settle_categories[c].label);
        buf_puts(&b, " not covered");
        put_why_uncovered(&b, t, c);
        if (add_gap(o, "not_covered", &b))
            return -1;
    }
    return 0;
}

/* The plan's parts in the order of the quote's coverages, then those the
 * quote does not have: their indexes into order[]. */
static size_t part_order(const settle_terms *t, const ratel_quote *q,
                         size_t *order)
{
    size_t i, k, n = 0, nq = ratel_quote_coverage_count(q);
    int used[SETTLE_MAX_PARTS] = {0};
    for (i = 0; i < nq; i++) {
        ratel_coverage cov;
        if (ratel_quote_coverage(q, i, &cov) != RATEL_OK)
            continue;
        for (k = 0; k < t->nparts; k++)
            if (!used[k] && strcmp(t->parts[k].name, cov.name) == 0) {
                used[k] = 1;
                order[n++] = k;
            }
    }
    for (k = 0; k < t->nparts; k++)
        if (!used[k])
            order[n++] = k;
    return n;
}

/* Sub-limits and coinsurance of the parts priced. */
static int term_gaps(const ratel_comparison *c, compare_offer *o,
                     const settle_priced *priced)
{
    const settle_terms *t = &o->def->coverage_terms;
    size_t order[SETTLE_MAX_PARTS], n = part_order(t, o->quote, order), i, s;
    buf b;
    buf_init(&b);
    for (i = 0; i < n; i++) {
        size_t k = order[i];
        const settle_part *part = &t->parts[k];
        const settle_priced *p = &priced[k];
        if (!p->present)
            continue;
        if (part->is_sublimit) {
            put_words(&b, part->name);
            buf_puts(&b, " sub-limit ");
            compare_put_money(&b, c, p->limit);
            if (add_gap(o, "sublimit", &b))
                return -1;
        }
        for (s = 0; s < part->nsublimits; s++) {
            if (p->sublimit[s] < 0)
                continue;
            put_words(&b, part->sublimits[s].term);
            buf_puts(&b, " sub-limit ");
            compare_put_money(&b, c, p->sublimit[s]);
            buf_puts(&b, " within the ");
            put_words(&b, part->name);
            buf_puts(&b, " limit");
            if (add_gap(o, "sublimit", &b))
                return -1;
        }
        if (p->coinsurance_pct < 100) {
            put_words(&b, part->name);
            buf_printf(&b, " coinsurance %lld%%: the client keeps %lld%% "
                       "of each loss", (long long)p->coinsurance_pct,
                       (long long)(100 - p->coinsurance_pct));
            if (add_gap(o, "coinsurance", &b))
                return -1;
        }
    }
    return 0;
}

static int add_shortfall(const ratel_comparison *c, compare_offer *o,
                         const char *part, int64_t pml, int64_t pays,
                         int64_t shortfall, const char *what)
{
    compare_shortfall *grown = realloc(o->shortfalls, (o->nshortfalls + 1) *
                                                          sizeof *grown);
    compare_shortfall *f;
    buf b;
    if (!grown)
        return -1;
    o->shortfalls = grown;
    f = &grown[o->nshortfalls];
    memset(f, 0, sizeof *f);
    snprintf(f->part, sizeof f->part, "%s", part);
    f->pml = pml;
    f->pays = pays;
    f->shortfall = shortfall;
    buf_init(&b);
    buf_puts(&b, what);
    buf_puts(&b, ": ");
    compare_put_money(&b, c, f->shortfall);
    buf_puts(&b, " of the PML's ");
    compare_put_money(&b, c, pml);
    buf_puts(&b, " left uninsured");
    if (b.oom)
        return -1;
    f->text = buf_take(&b);
    o->nshortfalls++;
    return 0;
}

/* Where the PML's loss in a part's categories is more than the part
 * pays because of its limit and sub-limits, or there is no such part. */
static int pml_shortfalls(const ratel_comparison *c, compare_offer *o,
                          const settle_priced *priced)
{
    const settle_terms *t = &o->def->coverage_terms;
    const settle_result *r = &o->results[c->nscenarios - 1];
    const settle_loss *pml = &c->scenarios[c->nscenarios - 1].loss.loss;
    size_t order[SETTLE_MAX_PARTS], n = part_order(t, o->quote, order), i;
    int64_t rest = 0;
    settle_set seen = 0;
    int cat;
    buf what;
    buf_init(&what);
    for (i = 0; i < n; i++) {
        size_t k = order[i];
        const settle_part *part = &t->parts[k];
        int64_t pml_part = r->part_loss[k], pays = r->part_pays[k];
        int64_t short_by = r->part_capped[k], sub = 0;
        buf_reset(&what);
        if (priced[k].present) {
            if (short_by == 0)
                continue;
            for (cat = 0; cat < SETTLE_NCATEGORIES; cat++)
                if (part->pays & SETTLE_BIT(cat))
                    sub += r->kept_by[cat][SETTLE_SUBLIMIT];
            buf_puts(&what, "the ");
            put_words(&what, part->name);
            buf_puts(&what, " limit of ");
            compare_put_money(&what, c, priced[k].limit);
            if (sub)
                buf_puts(&what, " and its sub-limits");
        } else {
            for (pml_part = 0, pays = 0, cat = 0; cat < SETTLE_NCATEGORIES;
                 cat++)
                if (part->pays & SETTLE_BIT(cat))
                    pml_part += pml->amount[cat];
            if (pml_part == 0)
                continue;
            short_by = pml_part;
            buf_puts(&what, "no ");
            put_words(&what, part->name);
            buf_puts(&what, " cover");
        }
        if (what.oom || add_shortfall(c, o, part->name, pml_part, pays,
                                      short_by, what.data))
            goto oom;
    }
    for (i = 0; i < t->nparts; i++)
        seen |= t->parts[i].pays;
    for (cat = 0; cat < SETTLE_NCATEGORIES; cat++)
        if (!(seen & SETTLE_BIT(cat)))
            rest += pml->amount[cat];
    if (rest > 0 && add_shortfall(c, o, "", rest, 0, rest, "losses no "
                                  "part of the plan pays"))
        goto oom;
    buf_free(&what);
    return 0;
oom:
    buf_free(&what);
    return -1;
}

int compare_find_gaps(const ratel_comparison *c, compare_offer *o,
                      const settle_priced *priced)
{
    settle_set paid = 0;
    size_t k;
    buf t;
    buf_init(&t);
    if (!o->quote)
        return 0; /* rating failed: its error says why */
    if (ratel_quote_decision(o->quote) == RATEL_DECLINED) {
        buf_puts(&t, "declined: no cover is offered");
        return add_gap(o, "declined", &t);
    }
    if (!o->def || o->def->coverage_terms.nparts == 0) {
        buf_puts(&t, "the plan does not say what its parts pay (no "
                 "plan.coverage_terms): every loss is shown as the "
                 "client's");
        return add_gap(o, "no_coverage_terms", &t);
    }
    for (k = 0; k < o->def->coverage_terms.nparts; k++)
        if (priced[k].present)
            paid |= o->def->coverage_terms.parts[k].pays;
    if (uncovered_gaps(o, paid) || term_gaps(c, o, priced) ||
        pml_shortfalls(c, o, priced))
        return -1;
    return 0;
}
