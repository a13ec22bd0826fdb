/* quote_make.c - a quote from a finished rating result, in one
 * allocation, and its release. */
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "journal.h"
#include "quote.h"

/* Where each part of a quote's allocation starts, and its size. */
typedef struct quote_layout {
    size_t steps, coverages, notes, warnings, terms, attrs, arena, size;
} quote_layout;

static size_t align_to(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

/* Lays out the quote struct, r's records and `text` bytes of strings. */
static void lay_out(const rate_result *r, size_t text, quote_layout *l)
{
    size_t at = sizeof(ratel_quote);
    l->steps = at = align_to(at, _Alignof(res_step));
    at += r->nsteps * sizeof(res_step);
    l->coverages = at = align_to(at, _Alignof(res_coverage));
    at += r->ncoverages * sizeof(res_coverage);
    l->notes = at = align_to(at, _Alignof(res_reason));
    at += r->nreasons * sizeof(res_reason);
    l->warnings = at = align_to(at, _Alignof(uint32_t));
    at += r->nwarnings * sizeof(uint32_t);
    l->terms = at = align_to(at, _Alignof(res_term));
    at += r->nterms * sizeof(res_term);
    l->attrs = at = align_to(at, _Alignof(res_attr));
    at += r->nattrs * sizeof(res_attr);
    l->arena = at;
    l->size = at + text;
}

/* Copies r's reasons into q->notes grouped: refer and decline reasons,
 * then subjectivities, then authority requirements. */
static void group_notes(ratel_quote *q, const rate_result *r)
{
    static const res_kind groups[3][2] = {{RES_REFER, RES_DECLINE},
                                          {RES_SUBJECTIVITY, RES_SUBJECTIVITY},
                                          {RES_AUTHORITY, RES_AUTHORITY}};
    size_t i, n = 0, *count[3];
    int k;
    count[0] = &q->nreasons;
    count[1] = &q->nsubjectivities;
    count[2] = &q->nauthority;
    for (k = 0; k < 3; k++)
        for (i = 0; i < r->nreasons; i++)
            if (r->reasons[i].kind == groups[k][0] ||
                r->reasons[i].kind == groups[k][1]) {
                q->notes[n++] = r->reasons[i];
                (*count[k])++;
            }
}

/* The effective date of d as text (YYYY-MM-DD), formatted once while it
 * is the same as the last quote's. */
static const char *date_text(rate_result *r, const struct ratel_decl *d)
{
    int32_t days = decl_effective_date(d);
    if (!r->date_known || r->date_days != days) {
        decl_date_format(days, r->date_text);
        r->date_days = days;
        r->date_known = 1;
    }
    return r->date_text;
}

/* Copies r's arena, then the applicant's name, the effective date and
 * the currency, to q->arena (sized by quote_from_result). */
static void copy_text(ratel_quote *q, rate_result *r,
                      const struct ratel_decl *d, const char *name,
                      size_t name_len, const char *currency)
{
    size_t at = r->arena.len + 1;
    if (r->arena.data)
        memcpy(q->arena, r->arena.data, at);
    else
        q->arena[0] = '\0';
    q->applicant = (uint32_t)at;
    if (name_len)
        memcpy(q->arena + at, name, name_len);
    q->arena[at + name_len] = '\0';
    at += name_len + 1;
    q->effective_date = (uint32_t)at;
    memcpy(q->arena + at, date_text(r, d), 11);
    at += 11;
    q->currency = (uint32_t)at;
    memcpy(q->arena + at, currency, strlen(currency) + 1);
}

ratel_quote *quote_from_result(rate_result *r, ratel_decision decision,
                               int64_t total, const plan_def *plan,
                               const tbl_table *const *tables,
                               const struct ratel_decl *d)
{
    size_t name_len;
    const char *name = decl_applicant_name(d, &name_len);
    const char *currency = decl_currency(d);
    size_t text = r->arena.len + 1 + name_len + 1 + 11 + strlen(currency) + 1;
    uint64_t used = r->tables_used;
    quote_layout l;
    quote_meta *meta;
    ratel_quote *q;
    char *base;
    if (r->arena.oom || text >= RES_NONE)
        return NULL;
    if (plan->ntables < QUOTE_MAX_TABLES)
        used &= ((uint64_t)1 << plan->ntables) - 1;
    meta = qmeta_get(&r->metas, plan, tables);
    if (!meta)
        return NULL;
    lay_out(r, text, &l);
    base = malloc(l.size);
    if (!base) {
        qmeta_release(meta);
        return NULL;
    }
    q = (ratel_quote *)(void *)base;
    memset(q, 0, sizeof *q);
    q->decision = decision;
    q->total_premium = q->calculated_premium = total;
    q->meta = meta;
    q->tables_used = used;
    for (; used; used &= used - 1)
        q->ntables++;
    q->steps = (res_step *)(void *)(base + l.steps);
    q->nsteps = r->nsteps;
    if (r->nsteps)
        memcpy(q->steps, r->steps, r->nsteps * sizeof *r->steps);
    q->coverages = (res_coverage *)(void *)(base + l.coverages);
    q->ncoverages = r->ncoverages;
    memcpy(q->coverages, r->coverages, r->ncoverages * sizeof *r->coverages);
    q->notes = (res_reason *)(void *)(base + l.notes);
    group_notes(q, r);
    q->authority_required = r->authority_required;
    q->authority_held = r->authority;
    q->warnings = (uint32_t *)(void *)(base + l.warnings);
    q->nwarnings = r->nwarnings;
    if (r->nwarnings)
        memcpy(q->warnings, r->warnings, r->nwarnings * sizeof *r->warnings);
    q->terms = (res_term *)(void *)(base + l.terms);
    q->nterms = r->nterms;
    if (r->nterms)
        memcpy(q->terms, r->terms, r->nterms * sizeof *r->terms);
    q->attrs = (res_attr *)(void *)(base + l.attrs);
    q->nattrs = r->nattrs;
    if (r->nattrs)
        memcpy(q->attrs, r->attrs, r->nattrs * sizeof *r->attrs);
    q->arena = base + l.arena;
    copy_text(q, r, d, name, name_len, currency);
    return q;
}

void ratel_quote_free(ratel_quote *q)
{
    if (!q)
        return;
    ratel_journal_record_free(q->journal);
    qmeta_release(q->meta);
    group_members_free(&q->group);
    free(q); /* its arrays and arena with it */
}
