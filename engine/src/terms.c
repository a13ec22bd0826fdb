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

/* The stated term of coverage `cov` named `name`, or NULL. */
static res_term *stated(rate_result *r, int cov, const char *name)
{
    size_t i;
    for (i = 0; i < r->nterms; i++)
        if (r->terms[i].coverage == cov &&
            strcmp(res_at(r, r->terms[i].name), name) == 0)
            return &r->terms[i];
    return NULL;
}

/* Emits the term `name` of coverage `cov` with the value the declaration
 * asked in slot v (absent: none). */
static int emit(rate_result *r, res_term *out, size_t *n, int cov,
                const char *name, const decl_slot *v, unsigned char *used)
{
    res_term *t = stated(r, cov, name), x;
    if (t) {
        x = *t;
        used[t - r->terms] = 1;
    } else {
        if (v->absent)
            return 0;
        memset(&x, 0, sizeof x);
        x.coverage = cov;
        x.name = res_str(r, name, strlen(name));
        x.priced = v->v.i;
        x.reason = RES_NONE;
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
    size_t total = r->nterms, n = 0, i;
    res_term *out;
    unsigned char *used;
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
    out = malloc((total ? total : 1) * sizeof *out);
    used = calloc(r->nterms ? r->nterms : 1, 1);
    if (!out || !used) {
        free(out);
        free(used);
        return -1;
    }
    for (cov = 0; cov < (int)r->ncoverages; cov++) {
        const char *name = res_at(r, r->coverages[cov].name);
        int p = sch_child(s, role, name, strlen(name), NULL);
        const sch_node *part = p >= 0 ? &s->nodes[p] : NULL;
        for (j = 0; part && part->type == SCH_OBJECT && j < part->nchildren;
             j++) {
            const sch_node *t = &s->nodes[part->children[j]];
            char full[160];
            int m;
            if (t->input_only)
                continue;
            if (t->type == SCH_MONEY || t->type == SCH_INTEGER) {
                if (emit(r, out, &n, cov, t->key, decl_root_slot(d, (int)(t - s->nodes)), used))
                    goto oom;
                continue;
            }
            for (m = 0; t->type == SCH_OBJECT && m < t->nchildren; m++) {
                const sch_node *u = &s->nodes[t->children[m]];
                if (u->type != SCH_MONEY && u->type != SCH_INTEGER)
                    continue;
                snprintf(full, sizeof full, "%s.%s", t->key, u->key);
                if (emit(r, out, &n, cov, full,
                         decl_root_slot(d, (int)(u - s->nodes)), used))
                    goto oom;
            }
        }
        for (i = 0; i < r->nterms; i++) /* what the schema does not know */
            if (r->terms[i].coverage == cov && !used[i]) {
                out[n] = r->terms[i];
                out[n++].has_asked = 0;
            }
    }
    free(r->terms);
    free(used);
    r->terms = out;
    r->nterms = n;
    r->capterms = total ? total : 1;
    return 0;
oom:
    free(out);
    free(used);
    return -1;
}

int terms_is_difference(const res_term *t)
{
    return t->stated && (!t->has_asked || t->asked != t->priced);
}
