/* terms.c - the terms each coverage of a quote was priced for, beside
 * those the declaration asked for: after the plan ran, every term of the
 * declaration's coverage part (the schema's "coverages" role) that the
 * plan did not state is taken as priced as asked, and the terms are put
 * in the schema's order, those the schema does not know last. */
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "terms.h"

/* The term fields of the schema's coverage parts, in the order the
 * quote lists them, made once per schema so that a quote does not walk
 * the schema (issue 13): each part's money and integer fields and those
 * of its objects of sub-limits, in the schema's order, named "limit" or
 * "sublimits.ransom". One block, freed with the result. */
typedef struct terms_field {
    int node;         /* the field */
    int slot;         /* its slot in the document's record */
    const char *name; /* in the block */
    size_t len;
} terms_field;

struct terms_index {
    const sch_schema *schema;
    int *first;       /* part k's fields: first[k] to first[k + 1] */
    terms_field *fields;
    size_t most;      /* the most fields of one part */
};

/* The name of field f ("sublimits.ransom" under `parent`), cut at 159
 * bytes as the quote always cut it. */
static size_t name_len(const sch_node *parent, const sch_node *f)
{
    size_t len = parent ? parent->keylen + 1 + f->keylen : f->keylen;
    return len < 160 ? len : 159;
}

/* Counts field u's name (under `parent`, or NULL) in *names; when e is
 * not NULL, writes the field as e, its name at *text. */
static void add_field(const sch_schema *s, const sch_node *parent, int u,
                      terms_field *e, char **text, size_t *names)
{
    const sch_node *n = &s->nodes[u];
    size_t len = name_len(parent, n), at = 0;
    *names += len;
    if (!e)
        return;
    e->node = u;
    e->slot = n->slot;
    e->name = *text;
    e->len = len;
    if (parent) {
        memcpy(*text, parent->key, parent->keylen);
        (*text)[parent->keylen] = '.';
        at = parent->keylen + 1;
    }
    memcpy(*text + at, n->key, len - at);
    *text += len;
}

/* The term fields of coverage part `part` in the quote's order (its
 * money and integer fields, and those of its objects of sub-limits),
 * written from e when e is not NULL; their count. */
static int part_fields(const sch_schema *s, const sch_node *part,
                       terms_field *e, char **text, size_t *names)
{
    int j, m, count = 0;
    for (j = 0; part->type == SCH_OBJECT && j < part->nchildren; j++) {
        const sch_node *t = &s->nodes[part->children[j]];
        if (t->input_only)
            continue;
        if (t->type == SCH_MONEY || t->type == SCH_INTEGER) {
            add_field(s, NULL, part->children[j], e ? e + count : NULL,
                      text, names);
            count++;
            continue;
        }
        for (m = 0; t->type == SCH_OBJECT && m < t->nchildren; m++) {
            int u = t->children[m];
            if (s->nodes[u].type != SCH_MONEY &&
                s->nodes[u].type != SCH_INTEGER)
                continue;
            add_field(s, t, u, e ? e + count : NULL, text, names);
            count++;
        }
    }
    return count;
}

/* The index of schema s, whose coverages role is object `role`. NULL
 * when out of memory. */
static terms_index *index_make(const sch_schema *s, int role)
{
    const sch_node *o = &s->nodes[role];
    size_t nfields = 0, names = 0, at;
    terms_index *x;
    char *text = NULL;
    int k, f = 0;
    for (k = 0; k < o->nchildren; k++)
        nfields += (size_t)part_fields(s, &s->nodes[o->children[k]], NULL,
                                       &text, &names);
    at = sizeof *x + (size_t)(o->nchildren + 1) * sizeof *x->first;
    at = (at + _Alignof(terms_field) - 1) / _Alignof(terms_field) *
         _Alignof(terms_field);
    if (!(x = malloc(at + nfields * sizeof *x->fields + names + 1)))
        return NULL;
    x->schema = s;
    x->first = (int *)(void *)(x + 1);
    x->fields = (terms_field *)(void *)((char *)x + at);
    text = (char *)(x->fields + nfields);
    x->most = 0;
    for (k = 0; k < o->nchildren; k++) {
        int count = part_fields(s, &s->nodes[o->children[k]],
                                x->fields + f, &text, &names);
        x->first[k] = f;
        f += count;
        if ((size_t)count > x->most)
            x->most = (size_t)count;
    }
    x->first[k] = f;
    return x;
}

/* The stated term of field `node` among the `n` terms of one coverage
 * listed in `mine` (indices in r->terms), or NULL. A stated term of a
 * coverage part of the schema names its field (state_term), so its name
 * is the field's: "limit", or "sublimits.ransom" for a field of the
 * part's object of sub-limits. */
static res_term *stated(rate_result *r, const size_t *mine, size_t n,
                        int node)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (r->terms[mine[i]].node == node)
            return &r->terms[mine[i]];
    return NULL;
}

int terms_settle(rate_result *r, const struct ratel_decl *d)
{
    const sch_schema *s = d->schema;
    int role = s->roles[SCH_ROLE_COVERAGES];
    size_t total, n = 0, i, mine[RES_MAX_TERMS], nmine;
    res_term *out;
    unsigned char used[RES_MAX_COVERAGES * RES_MAX_TERMS];
    const terms_index *x;
    int cov, guess = 0;
    if (role < 0 || s->nodes[role].record != 0 ||
        s->nodes[role].type != SCH_OBJECT)
        return 0;
    if (!r->terms_index || r->terms_index->schema != s) {
        free(r->terms_index);
        if (!(r->terms_index = index_make(s, role)))
            return -1;
    }
    x = r->terms_index;
    /* at most every stated term plus every asked one */
    total = r->nterms + r->ncoverages * x->most;
    if (!total)
        total = 1;
    /* into the spare array of the last quote, which becomes r->terms */
    if (r->capspare < total) {
        free(r->spare);
        r->capspare = 0;
        if (!(r->spare = malloc(total * sizeof *r->spare)))
            return -1;
        r->capspare = total;
    }
    out = r->spare;
    memset(used, 0, r->nterms); /* at most 32 terms for each of 16 */
    for (cov = 0; cov < (int)r->ncoverages; cov++) {
        const char *name = res_at(r, r->coverages[cov].name);
        /* coverages come in the schema's order: each guess is the next */
        int p = sch_child(s, role, name, strlen(name), &guess), f, end;
        for (i = nmine = 0; i < r->nterms; i++) /* its stated terms */
            if (r->terms[i].coverage == cov)
                mine[nmine++] = i;
        f = end = 0;
        if (p >= 0) { /* guess is now the part's index, plus one */
            f = x->first[guess - 1];
            end = x->first[guess];
        }
        for (; f < end; f++) {
            const terms_field *e = &x->fields[f];
            const decl_slot *v = &d->root[e->slot];
            res_term *t = stated(r, mine, nmine, e->node);
            res_term *o = &out[n];
            if (t) {
                *o = *t;
                used[t - r->terms] = 1;
            } else if (v->absent) {
                continue; /* neither stated nor asked */
            } else {
                memset(o, 0, sizeof *o);
                o->coverage = cov;
                if ((o->name = res_str(r, e->name, e->len)) == RES_NONE)
                    return -1;
                o->priced = v->v.i;
                o->reason = RES_NONE;
                o->node = e->node;
            }
            o->has_asked = !v->absent;
            o->asked = v->absent ? 0 : v->v.i;
            n++;
        }
        for (i = 0; i < nmine; i++) /* what the schema does not know */
            if (!used[mine[i]]) {
                out[n] = r->terms[mine[i]];
                out[n++].has_asked = 0;
            }
    }
    total = r->capspare;
    r->spare = r->terms;
    r->capspare = r->capterms;
    r->terms = out;
    r->nterms = n;
    r->capterms = total;
    return 0;
}

int terms_is_difference(const res_term *t)
{
    return t->stated && (!t->has_asked || t->asked != t->priced);
}
