/* options_apply.c - a menu's options applied to a copy of the
 * declaration's document record, the paths they set located once per
 * menu (options.h). */
#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "decl_fields.h"

/* Marks the nodes of s an option must not change without the view being
 * checked again: dates, and the siblings that make a field required. */
static void rule_nodes(const sch_schema *s, unsigned char *rules)
{
    int i;
    memset(rules, 0, (size_t)s->nnodes);
    for (i = 0; i < s->nnodes; i++) {
        const sch_node *n = &s->nodes[i];
        if (n->type == SCH_DATE)
            rules[i] = 1;
        if (n->required_when >= 0)
            rules[n->required_when] = 1;
    }
}

int opt_applier_init(opt_applier *a, const struct ratel_decl *base)
{
    const sch_schema *s = base->schema;
    a->base = base;
    a->nplaces = 0;
    a->slots = malloc((size_t)s->records[0].nslots * sizeof *a->slots);
    a->rules = malloc((size_t)s->nnodes);
    if (!a->slots || !a->rules)
        return RATEL_ENOMEM;
    rule_nodes(s, a->rules);
    return RATEL_OK;
}

void opt_applier_free(opt_applier *a)
{
    free(a->slots);
    free(a->rules);
    a->slots = NULL;
    a->rules = NULL;
}

static void touch(opt_touched *t, int slot)
{
    size_t k;
    for (k = 0; k < t->n; k++)
        if (t->slots[k] == slot)
            return;
    if (t->n == OPT_MAX_TOUCHED)
        t->all = 1;
    else
        t->slots[t->n++] = slot;
}

const opt_touched *opt_touched_union(const opt_touched *now,
                                     const opt_touched *before,
                                     opt_touched *out)
{
    size_t k;
    if (!now->all && !before->all && now->n == before->n &&
        memcmp(now->slots, before->slots, now->n * sizeof *now->slots) == 0)
        return now;
    out->n = now->n;
    out->all = now->all | before->all;
    out->outside = now->outside;
    memcpy(out->slots, now->slots, now->n * sizeof *now->slots);
    for (k = 0; k < before->n && !out->all; k++)
        touch(out, before->slots[k]);
    return out;
}

int opt_coverages_only(const sch_schema *s, const opt_touched *t)
{
    return !t->all && !t->outside && s->roles[SCH_ROLE_COVERAGES] >= 0;
}

/* Whether the field of `slot` (in the document record) is outside the
 * schema's coverages; input-only fields never are (the plan sees none). */
static int outside_coverages(const sch_schema *s, int slot)
{
    int n = s->records[0].slot_node[slot];
    return !s->nodes[n].input_only &&
           !sch_under_role(s, n, SCH_ROLE_COVERAGES);
}

/* Adds the slots of the objects above node n in its record to p's
 * parents, each once (nparents -1 when they do not fit). */
static void add_parents(const sch_schema *s, int n, opt_place *p)
{
    int rec = s->nodes[n].record, k;
    for (n = s->nodes[n].parent; n >= 0 && s->nodes[n].record == rec &&
                                 p->nparents >= 0;
         n = s->nodes[n].parent) {
        int slot = s->nodes[n].slot;
        for (k = 0; k < p->nparents && p->parents[k] != slot; k++)
            ;
        if (k < p->nparents)
            continue;
        if (p->nparents == OPT_MAX_PARENTS)
            p->nparents = -1;
        else
            p->parents[p->nparents++] = slot;
    }
}

/* The place of `path` in view (its document record a->slots): the one
 * found before for the same path, else located now (kept in a, or in
 * *scratch when a is full). NULL (RATEL_EARG) with the reason on e. */
static const opt_place *locate(opt_applier *a, const struct ratel_decl *view,
                               const char *path, opt_place *scratch,
                               ratel_err *e)
{
    const sch_schema *s = view->schema;
    char why[DECL_MSG_MAX];
    decl_place at;
    size_t k;
    int i, node;
    opt_place *out;
    for (k = 0; k < a->nplaces; k++)
        if (strcmp(a->places[k].path, path) == 0)
            return &a->places[k];
    if (decl_locate(view, path, &at, why, sizeof why)) {
        err_set(e, RATEL_EARG, "%s", why);
        return NULL;
    }
    if (at.slots != a->slots) {
        err_set(e, RATEL_EARG, "%s: an option sets fields outside lists",
                path);
        return NULL;
    }
    node = at.node;
    if (s->nodes[node].type == SCH_TEXT) {
        err_set(e, RATEL_EARG, "%s: an option sets no text", path);
        return NULL;
    }
    out = a->nplaces < OPT_MAX_PLACES ? &a->places[a->nplaces++] : scratch;
    out->path = path;
    out->node = node;
    out->code = at.code;
    out->check = a->rules[node];
    out->outside = outside_coverages(s, s->nodes[node].slot);
    out->nparents = 0;
    add_parents(s, node, out);
    for (i = 0; i < s->nodes[node].nsets; i++) {
        int t = s->nodes[node].sets[i];
        out->check |= a->rules[t];
        out->outside |= outside_coverages(s, s->nodes[t].slot);
        add_parents(s, t, out);
    }
    return out;
}

int opt_apply(opt_applier *a, const opt_item *item, struct ratel_decl *view,
              int *check, opt_touched *touched, ratel_err *e)
{
    const struct ratel_decl *base = a->base;
    const sch_schema *s = base->schema;
    size_t k;
    int i, dates = 0;
    *check = 0;
    touched->n = 0;
    touched->all = touched->outside = 0;
    memcpy(a->slots, base->root,
           (size_t)s->records[0].nslots * sizeof *a->slots);
    view->schema = s;
    view->root = a->slots;
    view->text = base->text; /* read only: options set no text */
    view->complete = 0;
    for (k = 0; k < item->nsets; k++) {
        const opt_set *o = &item->sets[k];
        decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
        decl_place at;
        opt_place scratch;
        const opt_place *p = locate(a, view, o->path, &scratch, e);
        const sch_node *n;
        int rc;
        if (!p)
            return RATEL_EARG;
        switch (o->kind) {
        case OPT_INT: v.i = o->i; break;
        case OPT_NUMBER: v.kind = DECL_V_FLOAT; v.f = o->f; break;
        case OPT_BOOL: v.kind = DECL_V_BOOL; v.b = (int)o->i; break;
        case OPT_STRING:
            v.kind = DECL_V_STRING;
            v.text = o->s;
            v.len = strlen(o->s);
            break;
        }
        at.node = p->node;
        at.slots = a->slots;
        at.code = p->code;
        if (p->nparents < 0) {
            rc = decl_put_at(view, e, o->path, &at, &v);
        } else {
            rc = decl_put_at_unmarked(view, e, o->path, &at, &v);
            for (i = 0; rc == RATEL_OK && i < p->nparents; i++)
                a->slots[p->parents[i]].given = DECL_SEEN | DECL_GIVEN;
        }
        if (rc != RATEL_OK)
            return rc;
        n = &s->nodes[p->node];
        dates |= n->type == SCH_DATE;
        *check |= p->check;
        touched->outside |= p->outside;
        touch(touched, n->slot);
        for (i = 0; i < n->nsets; i++)
            touch(touched, s->nodes[n->sets[i]].slot);
    }
    if (dates) { /* the defaults that follow a date, once */
        decl_refresh_defaults(view);
        touched->all = 1;
    }
    return RATEL_OK;
}
