/* decl_set.c - reaching a field of a declaration by its path
 * ("coverages.liability.limit", "incidents[1].paid", "controls.mfa"), to
 * set it with the reader's checks and messages or to read it back. A
 * refused value leaves the declaration as it was. */
#include "decl_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records a refused value at "$.<path>" and returns RATEL_EDECL (or
 * RATEL_ENOMEM). */
static int refused(ratel_err *e, const char *path, const char *text)
{
    char p[200];
    snprintf(p, sizeof p, "$.%s", path);
    if (err_add_field(e, p, 0, 0, "%s", text) != RATEL_OK)
        return RATEL_ENOMEM;
    return err_finish_fields(e);
}

/* Follows `path` from the document: the node, the slots of the record
 * instance holding it, and for a code of a flags or set field the code
 * (else -1). Errors: RATEL_EARG with the reason in why. */
int decl_locate(const struct ratel_decl *d, const char *path,
                decl_place *at, char *why, size_t cap)
{
    const sch_schema *s = d->schema;
    long idx[8];
    int nidx = 0, n, k, i;
    char parent[200];
    const char *dot;
    at->code = -1;
    at->node = -1;
    at->slots = d->root;
    if (!path || !*path) {
        snprintf(why, cap, "an empty path");
        return RATEL_EARG;
    }
    n = sch_find_path(s, path, idx, 8, &nidx);
    if (n < 0 && (dot = strrchr(path, '.')) && (size_t)(dot - path) <
                                                     sizeof parent) {
        /* "controls.mfa": a code of a flags or set field */
        memcpy(parent, path, (size_t)(dot - path));
        parent[dot - path] = '\0';
        n = sch_find_path(s, parent, idx, 8, &nidx);
        if (n >= 0 && (s->nodes[n].type == SCH_FLAGS ||
                       s->nodes[n].type == SCH_SET)) {
            const sch_codes *c = &s->codes[s->nodes[n].codes];
            at->code = sch_code_find(c, dot + 1, strlen(dot + 1));
            if (at->code < 0) {
                char hint[128];
                decl_suggest(c->values, c->n, dot + 1, strlen(dot + 1), hint,
                             sizeof hint);
                snprintf(why, cap, "%s: no %s \"%s\" in %s%s", path,
                         c->item ? c->item : "code", dot + 1, parent, hint);
                return RATEL_EARG;
            }
        } else {
            n = -1;
        }
    }
    if (n < 0) {
        snprintf(why, cap, "%s: no such field in schema %s (see "
                 "docs/schemas.md)", path, s->id);
        return RATEL_EARG;
    }
    /* walk down the lists named on the way, by their indices */
    for (i = 0, k = 0; k < nidx; k++) {
        int list = -1, m;
        const decl_slot *v;
        for (m = n; m >= 0; m = s->nodes[m].parent)
            if (s->nodes[m].type == SCH_LIST &&
                s->nodes[m].record == (k == 0 ? 0 : i))
                list = m;
        if (list < 0 || idx[k] < 0) {
            snprintf(why, cap, "%s: give the index of the item, as in "
                     "incidents[0].paid", path);
            return RATEL_EARG;
        }
        v = &at->slots[s->nodes[list].slot];
        if (!v->v.list || (size_t)idx[k] >= v->v.list->n) {
            snprintf(why, cap, "%s: %s has %zu items", path,
                     s->nodes[list].path, v->v.list ? v->v.list->n : 0);
            return RATEL_ENOTFOUND;
        }
        at->slots = decl_list_item(s, &s->nodes[list], v, (size_t)idx[k]);
        i = s->nodes[s->nodes[list].item].record;
    }
    at->node = n;
    return RATEL_OK;
}

/* Marks the objects above node n in its record as given. */
static void mark_parents(const sch_schema *s, int n, decl_slot *slots)
{
    int rec = s->nodes[n].record;
    for (n = s->nodes[n].parent; n >= 0 && s->nodes[n].record == rec;
         n = s->nodes[n].parent)
        slots[s->nodes[n].slot].given = DECL_SEEN | DECL_GIVEN;
}

int decl_put_value(struct ratel_decl *d, ratel_err *e, const char *path,
                   const decl_value *v)
{
    char text[DECL_MSG_MAX];
    decl_place at;
    int rc;
    if (!d || !path)
        return err_set(e, RATEL_EARG, "a declaration and a path are needed");
    if ((rc = decl_locate(d, path, &at, text, sizeof text)) != RATEL_OK)
        return err_set(e, rc, "%s", text);
    return decl_put_at(d, e, path, &at, v);
}

static int put_at(struct ratel_decl *d, ratel_err *e, const char *path,
                  const decl_place *place, const decl_value *v, int mark);

int decl_put_at(struct ratel_decl *d, ratel_err *e, const char *path,
                const decl_place *place, const decl_value *v)
{
    return put_at(d, e, path, place, v, 1);
}

int decl_put_at_unmarked(struct ratel_decl *d, ratel_err *e,
                         const char *path, const decl_place *place,
                         const decl_value *v)
{
    return put_at(d, e, path, place, v, 0);
}

/* decl_put_at; `mark`: whether to mark the objects above as given. */
static int put_at(struct ratel_decl *d, ratel_err *e, const char *path,
                  const decl_place *place, const decl_value *v, int mark)
{
    const sch_schema *s = d->schema;
    char text[DECL_MSG_MAX];
    decl_place at = *place;
    const sch_node *n;
    decl_slot *slot, saved;
    decl_scalar sc;
    int i;
    n = &s->nodes[at.node];
    slot = &at.slots[n->slot];
    if (at.code >= 0) { /* a code of flags or a set: true or false */
        static const sch_node boolean = {.type = SCH_BOOLEAN};
        if (decl_node_check(s, &boolean, v, &sc, text, sizeof text) != 0)
            return refused(e, path, text);
        d->complete = 0;
        if (sc.i)
            slot->v.bits |= UINT64_C(1) << at.code;
        else
            slot->v.bits &= ~(UINT64_C(1) << at.code);
        slot->given = DECL_SEEN | DECL_GIVEN;
        if (mark)
            mark_parents(s, at.node, at.slots);
        return RATEL_OK;
    }
    if (n->type == SCH_OBJECT || n->type == SCH_LIST ||
        n->type == SCH_FLAGS || n->type == SCH_SET)
        return err_set(e, RATEL_EARG, "%s: %s %s; set its fields (%s), or "
                       "append to a list with ratel_decl_append", path,
                       n->type == SCH_OBJECT ? "an" : "a",
                       sch_type_names[n->type],
                       n->type == SCH_FLAGS || n->type == SCH_SET
                           ? "as in controls.mfa" : "as in applicant.revenue");
    if (decl_node_check(s, n, v, &sc, text, sizeof text) != 0)
        return refused(e, path, text);
    saved = *slot;
    if (decl_store(d, n, slot, &sc) != RATEL_OK) {
        *slot = saved;
        return err_set(e, RATEL_ENOMEM, "out of memory setting %s", path);
    }
    d->complete = 0;
    slot->given = DECL_SEEN | DECL_GIVEN;
    slot->via = 0;
    if (mark)
        mark_parents(s, at.node, at.slots);
    for (i = 0; i < n->nsets; i++) { /* a shorthand: what it stands for */
        const sch_node *t = &s->nodes[n->sets[i]];
        decl_slot *tv = &at.slots[t->slot];
        tv->v = slot->v;
        tv->len = slot->len;
        tv->absent = 0;
        tv->given = DECL_SEEN | DECL_GIVEN;
        tv->via = (uint16_t)(at.node + 1);
        if (mark)
            mark_parents(s, n->sets[i], at.slots);
    }
    return RATEL_OK;
}

int decl_set_value(struct ratel_decl *d, ratel_err *e, const char *path,
                   const decl_value *v)
{
    int rc = decl_put_value(d, e, path, v);
    if (rc == RATEL_OK)
        decl_refresh_defaults(d);
    return rc;
}

int decl_append(struct ratel_decl *d, ratel_err *e, const char *path,
                size_t *index)
{
    const sch_schema *s;
    char text[DECL_MSG_MAX];
    decl_place at;
    const sch_node *n;
    decl_slot *v;
    int rc;
    if (!d || !path)
        return err_set(e, RATEL_EARG, "a declaration and a path are needed");
    s = d->schema;
    if ((rc = decl_locate(d, path, &at, text, sizeof text)) != RATEL_OK)
        return err_set(e, rc, "%s", text);
    n = &s->nodes[at.node];
    if (n->type != SCH_LIST || at.code >= 0)
        return err_set(e, RATEL_EARG, "%s: not a list", path);
    v = &at.slots[n->slot];
    if (v->v.list && v->v.list->n >= n->max_items) {
        snprintf(text, sizeof text, "expected at most %zu %s, got more",
                 n->max_items, n->key);
        return refused(e, path, text);
    }
    if (!decl_list_append(d, n, v))
        return err_set(e, RATEL_ENOMEM, "out of memory adding to %s", path);
    d->complete = 0;
    v->given = DECL_SEEN | DECL_GIVEN;
    mark_parents(s, at.node, at.slots);
    if (index)
        *index = v->v.list->n - 1;
    return RATEL_OK;
}

int decl_get(const struct ratel_decl *d, const char *path, decl_got *out)
{
    char why[DECL_MSG_MAX];
    decl_place at;
    const sch_schema *s;
    const sch_node *n;
    const decl_slot *v;
    int rc;
    if (!d || !path || !out)
        return RATEL_EARG;
    s = d->schema;
    if ((rc = decl_locate(d, path, &at, why, sizeof why)) != RATEL_OK)
        return rc == RATEL_EARG ? RATEL_ENOTFOUND : rc;
    n = &s->nodes[at.node];
    v = &at.slots[n->slot];
    out->node = n;
    out->slot = v;
    out->code = at.code;
    return RATEL_OK;
}
