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
    int coverages = s->roles[SCH_ROLE_COVERAGES];
    int n = s->records[0].slot_node[slot];
    if (s->nodes[n].input_only)
        return 0;
    while (n >= 0 && n != coverages)
        n = s->nodes[n].parent;
    return n != coverages;
}

/* The place of `path` in view (its document record a->slots): the one
 * found before for the same path, else located now (and kept, while
 * there is room). RATEL_OK, or RATEL_EARG with the reason on e. */
static int locate(opt_applier *a, const struct ratel_decl *view,
                  const char *path, opt_place *out, ratel_err *e)
{
    const sch_schema *s = view->schema;
    char why[DECL_MSG_MAX];
    decl_place at;
    size_t k;
    int i, node;
    for (k = 0; k < a->nplaces; k++)
        if (strcmp(a->places[k].path, path) == 0) {
            *out = a->places[k];
            return RATEL_OK;
        }
    if (decl_locate(view, path, &at, why, sizeof why))
        return err_set(e, RATEL_EARG, "%s", why);
    if (at.slots != a->slots)
        return err_set(e, RATEL_EARG, "%s: an option sets fields outside "
                       "lists", path);
    node = at.node;
    if (s->nodes[node].type == SCH_TEXT)
        return err_set(e, RATEL_EARG, "%s: an option sets no text", path);
    out->path = path;
    out->node = node;
    out->code = at.code;
    out->check = a->rules[node];
    out->outside = outside_coverages(s, s->nodes[node].slot);
    for (i = 0; i < s->nodes[node].nsets; i++) {
        int t = s->nodes[node].sets[i];
        out->check |= a->rules[t];
        out->outside |= outside_coverages(s, s->nodes[t].slot);
    }
    if (a->nplaces < OPT_MAX_PLACES)
        a->places[a->nplaces++] = *out;
    return RATEL_OK;
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
        opt_place p;
        const sch_node *n;
        int rc;
        if ((rc = locate(a, view, o->path, &p, e)))
            return rc;
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
        at.node = p.node;
        at.slots = a->slots;
        at.code = p.code;
        if ((rc = decl_put_at(view, e, o->path, &at, &v)) != RATEL_OK)
            return rc;
        n = &s->nodes[p.node];
        dates |= n->type == SCH_DATE;
        *check |= p.check;
        touched->outside |= p.outside;
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
