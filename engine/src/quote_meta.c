/* quote_meta.c - the shared, immutable plan and table descriptions of
 * quotes (see quote_meta.h). */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "quote_meta.h"

/* Bytes of the copy of s with its NUL. */
static size_t text_size(const char *s)
{
    return strlen(s) + 1;
}

/* Copies s (NUL included) to *at, advances *at; returns the copy. */
static const char *put(char **at, const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = *at;
    memcpy(copy, s, n);
    *at += n;
    return copy;
}

/* Makes the block for `p` and `tables`, in one allocation: the header,
 * the table records, the key, the list pointers, then the text. */
static quote_meta *make(const plan_def *p, const tbl_table *const *tables)
{
    size_t i, nl = p->nservices + p->nexclusions, nt = p->ntables;
    size_t text = text_size(p->id) + text_size(p->version) +
                  text_size(p->hash) + text_size(p->insurer) +
                  text_size(p->product);
    size_t head = sizeof(quote_meta) + nt * sizeof(qmeta_table) +
                  nt * sizeof(const tbl_table *) + nl * sizeof(const char *);
    quote_meta *m;
    char *at;
    for (i = 0; i < nl; i++)
        text += text_size(i < p->nservices ? p->services[i]
                                           : p->exclusions[i - p->nservices]);
    for (i = 0; i < nt; i++)
        text += text_size(tables[i]->name) + text_size(tables[i]->version) +
                text_size(tables[i]->effective_str) +
                text_size(tables[i]->hash);
    m = malloc(head + text);
    if (!m)
        return NULL;
    atomic_init(&m->refs, 1);
    m->tables = (qmeta_table *)(void *)(m + 1);
    m->resolved = (const tbl_table **)(void *)(m->tables + nt);
    m->lists = (const char **)(void *)(m->resolved + nt);
    at = (char *)(void *)(m->lists + nl);
    m->plan = p;
    m->ntables = nt;
    m->nservices = p->nservices;
    m->nexclusions = p->nexclusions;
    m->plan_id = put(&at, p->id);
    m->plan_version = put(&at, p->version);
    m->plan_hash = put(&at, p->hash);
    m->plan_insurer = put(&at, p->insurer);
    m->plan_product = put(&at, p->product);
    for (i = 0; i < nl; i++)
        m->lists[i] = put(&at, i < p->nservices
                                   ? p->services[i]
                                   : p->exclusions[i - p->nservices]);
    for (i = 0; i < nt; i++) {
        m->resolved[i] = tables[i];
        m->tables[i].name = put(&at, tables[i]->name);
        m->tables[i].version = put(&at, tables[i]->version);
        m->tables[i].effective = put(&at, tables[i]->effective_str);
        m->tables[i].hash = put(&at, tables[i]->hash);
    }
    return m;
}

/* Whether block m was made for p with these table versions. */
static int matches(const quote_meta *m, const plan_def *p,
                   const tbl_table *const *tables)
{
    return m->plan == p &&
           (p->ntables == 0 ||
            memcmp(m->resolved, tables, p->ntables * sizeof *tables) == 0);
}

quote_meta *qmeta_get(qmeta_cache *c, const plan_def *p,
                      const tbl_table *const *tables)
{
    quote_meta *m;
    unsigned i;
    for (i = 0; i < QMETA_CACHE; i++) {
        m = c->slot[i];
        if (m && matches(m, p, tables)) {
            atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
            return m;
        }
    }
    m = make(p, tables);
    if (!m)
        return NULL;
    qmeta_release(c->slot[c->next]);
    c->slot[c->next] = m;
    c->next = (c->next + 1) % QMETA_CACHE;
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

quote_meta *qmeta_retain(quote_meta *m)
{
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

void qmeta_release(quote_meta *m)
{
    if (m && atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) == 1)
        free(m);
}

void qmeta_cache_clear(qmeta_cache *c)
{
    unsigned i;
    for (i = 0; i < QMETA_CACHE; i++)
        qmeta_release(c->slot[i]);
    memset(c, 0, sizeof *c);
}
