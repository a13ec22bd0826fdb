/* terms.c - the terms each coverage of a quote was priced for, beside
 * those the declaration asked for: after the plan ran, every term of the
 * declaration's coverage part (the schema's "coverages" role) that the
 * plan did not state is taken as priced as asked, and the terms are put
 * in the schema's order, those the schema does not know last. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "terms.h"

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

/* Emits the term of field `node` (`name`, len bytes, made by `name_of`
 * only when needed) of coverage `cov`, with the value the declaration
 * asked in its slot (absent: none). */
static int emit(rate_result *r, res_term *out, size_t *n, int cov,
                const size_t *mine, size_t nmine, const sch_schema *s,
                const sch_node *parent, int node, const decl_slot *v,
                unsigned char *used)
{
    res_term *t = stated(r, mine, nmine, node), x;
    if (t) {
        x = *t;
        used[t - r->terms] = 1;
    } else {
        const sch_node *f = &s->nodes[node];
        char full[160];
        const char *name = f->key;
        size_t len = f->keylen;
        if (v->absent)
            return 0;
        if (parent) { /* "sublimits.ransom" */
            len = parent->keylen + 1 + f->keylen;
            if (len < sizeof full) {
                memcpy(full, parent->key, parent->keylen);
                full[parent->keylen] = '.';
                memcpy(full + parent->keylen + 1, f->key, f->keylen);
                full[len] = '\0';
            } else {
                snprintf(full, sizeof full, "%s.%s", parent->key, f->key);
                len = strlen(full);
            }
            name = full;
        }
        memset(&x, 0, sizeof x);
        x.coverage = cov;
        x.name = res_str(r, name, len);
        x.priced = v->v.i;
        x.reason = RES_NONE;
        x.node = node;
        if (x.name == RES_NONE)
            return -1;
    }
    x.has_asked = !v->absent;
    x.asked = v->absent ? 0 : v->v.i;
    out[(*n)++] = x;
    return 0;
}

int terms_settle(rate_result *r, const struct ratel_decl *d)
{
    const sch_schema *s = d->schema;
    int role = s->roles[SCH_ROLE_COVERAGES];
    size_t total = r->nterms, n = 0, i, mine[RES_MAX_TERMS], nmine;
    res_term *out;
    unsigned char used[RES_MAX_COVERAGES * RES_MAX_TERMS];
    int cov, k, j;
    if (role < 0 || s->nodes[role].record != 0 ||
        s->nodes[role].type != SCH_OBJECT)
        return 0;
    /* at most every stated term plus every asked one */
    for (k = 0; k < s->nodes[role].nchildren; k++) {
        const sch_node *part = &s->nodes[s->nodes[role].children[k]];
        for (j = 0; part->type == SCH_OBJECT && j < part->nchildren; j++) {
            const sch_node *t = &s->nodes[part->children[j]];
            total += r->ncoverages *
                     (size_t)(t->type == SCH_OBJECT ? t->nchildren : 1);
        }
    }
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
        int p = sch_child(s, role, name, strlen(name), NULL);
        const sch_node *part = p >= 0 ? &s->nodes[p] : NULL;
        for (i = nmine = 0; i < r->nterms; i++) /* its stated terms */
            if (r->terms[i].coverage == cov)
                mine[nmine++] = i;
        for (j = 0; part && part->type == SCH_OBJECT && j < part->nchildren;
             j++) {
            const sch_node *t = &s->nodes[part->children[j]];
            int m;
            if (t->input_only)
                continue;
            if (t->type == SCH_MONEY || t->type == SCH_INTEGER) {
                if (emit(r, out, &n, cov, mine, nmine, s, NULL,
                         part->children[j],
                         decl_root_slot(d, part->children[j]), used))
                    return -1;
                continue;
            }
            for (m = 0; t->type == SCH_OBJECT && m < t->nchildren; m++) {
                int u = t->children[m];
                if (s->nodes[u].type != SCH_MONEY &&
                    s->nodes[u].type != SCH_INTEGER)
                    continue;
                if (emit(r, out, &n, cov, mine, nmine, s, t, u,
                         decl_root_slot(d, u), used))
                    return -1;
            }
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
