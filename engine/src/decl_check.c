/* decl_check.c - required fields and cross-field rules, checked once the
 * whole declaration is known (after parsing, before rating), and the
 * defaults that follow other fields.
 *
 * Shorthands: a field given through a shorthand (an input_only field,
 * such as request.deductible) is reported where the document wrote it:
 * when the shorthand's object was given, a missing field it stands for
 * is reported at the shorthand's path, once. */
#include "decl_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_MAX_ERRORS 100

typedef struct checker {
    const struct ratel_decl *d;
    const sch_schema *s;
    ratel_err *e;
    int rc;
    int *nerrors;
    int items;               /* check the required fields of list items */
    unsigned char *reported; /* shorthand nodes already reported */
    unsigned char reported_small[512];
} checker;

/* Adds the error "<path>: <text>". */
static void problem(checker *c, const char *path, const char *text)
{
    if (c->rc == RATEL_ENOMEM || *c->nerrors >= CHECK_MAX_ERRORS)
        return;
    if (err_add_field(c->e, path, 0, 0, "%s", text) != RATEL_OK) {
        c->rc = RATEL_ENOMEM;
        return;
    }
    (*c->nerrors)++;
    c->rc = RATEL_EDECL;
}

/* The slot of node n when the record's slots are `slots`. */
static const decl_slot *slot(const decl_slot *slots, const sch_node *n)
{
    return &slots[n->slot];
}

/* A shorthand in a given shorthand object of the same record that stands
 * for node `t`, or NULL. */
static const sch_node *shorthand_for(checker *c, const decl_slot *slots,
                                     int t)
{
    const sch_schema *s = c->s;
    int i, k;
    for (i = 0; i < s->nnodes; i++) {
        const sch_node *n = &s->nodes[i];
        if (!n->input_only || n->nsets == 0 ||
            n->record != s->nodes[t].record ||
            !(slot(slots, &s->nodes[n->parent])->given & DECL_GIVEN))
            continue;
        for (k = 0; k < n->nsets; k++)
            if (n->sets[k] == t)
                return n;
    }
    return NULL;
}

/* Whether a given shorthand object can give fields under object `obj`:
 * one of the shorthands of obj's record that stand for a field under it
 * (sch_node.shorthands) is in a given object. */
static int supplied(const sch_schema *s, const decl_slot *slots, int obj)
{
    const sch_node *o = &s->nodes[obj];
    int i;
    for (i = 0; i < o->nshorthands; i++)
        if (slot(slots, &s->nodes[s->nodes[o->shorthands[i]].parent])->given &
            DECL_GIVEN)
            return 1;
    return 0;
}

static int supplied_by_shorthand(checker *c, const decl_slot *slots, int obj)
{
    return supplied(c->s, slots, obj);
}

/* "path.key" of node n under `path`. */
static void child_path(char *out, size_t cap, const char *path,
                       const sch_node *n)
{
    snprintf(out, cap, "%s", path);
    decl_path_append_key(out, cap, n->key, n->keylen);
}

/* Field n is missing: at its own path, or at the shorthand the document
 * would have used for it (once). `why` explains a conditional
 * requirement. */
static void missing(checker *c, const decl_slot *slots, const sch_node *n,
                    const char *path, const char *why_sibling,
                    int64_t above)
{
    char text[DECL_MSG_MAX], p[200];
    const sch_node *sh = shorthand_for(c, slots, (int)(n - c->s->nodes));
    const char *sibling = why_sibling;
    size_t len;
    if (sh) {
        int at = (int)(sh - c->s->nodes);
        if (c->reported[at] || (slot(slots, sh)->given & DECL_SEEN))
            return; /* said once, or the shorthand's value was refused */
        c->reported[at] = 1;
        snprintf(p, sizeof p, "$.%s", sh->path);
        if (why_sibling) {
            /* name the sibling as the shorthand object calls it */
            const sch_node *sib =
                shorthand_for(c, slots, n->required_when);
            if (sib)
                sibling = sib->key;
        }
        decl_missing_message(c->s, sh, text, sizeof text);
    } else {
        child_path(p, sizeof p, path, n);
        decl_missing_message(c->s, n, text, sizeof text);
    }
    if (sibling && (len = strlen(text)) + 64 < sizeof text)
        snprintf(text + len, sizeof text - len,
                 " (required when %s is above %lld)", sibling,
                 (long long)above);
    problem(c, p, text);
}

static void check_object(checker *c, int obj, const decl_slot *slots,
                         const char *path);

/* The items of a list, each a record of its own. */
static void check_list(checker *c, const sch_node *list,
                       const decl_slot *slots, const char *path)
{
    const decl_slot *v = slot(slots, list);
    char p[200];
    size_t i;
    if (!c->items || !v->v.list)
        return;
    for (i = 0; i < v->v.list->n; i++) {
        child_path(p, sizeof p, path, list);
        snprintf(p + strlen(p), sizeof p - strlen(p), "[%zu]", i);
        check_object(c, list->item, decl_list_item(c->s, list, v, i), p);
    }
}

static void check_object(checker *c, int obj, const decl_slot *slots,
                         const char *path)
{
    const sch_schema *s = c->s;
    const sch_node *o = &s->nodes[obj];
    int i;
    for (i = 0; i < o->nchildren && c->rc != RATEL_ENOMEM; i++) {
        const sch_node *n = &s->nodes[o->children[i]];
        const decl_slot *v = slot(slots, n);
        char p[200];
        if (n->input_only)
            continue;
        switch (n->type) {
        case SCH_OBJECT:
            if (v->given & DECL_GIVEN ||
                supplied_by_shorthand(c, slots, o->children[i])) {
                child_path(p, sizeof p, path, n);
                check_object(c, o->children[i], slots, p);
            } else if (n->required && !(v->given & DECL_SEEN)) {
                /* (given but refused: that was its error) */
                const sch_node *alt = n->shorthand_for_missing >= 0
                    ? &s->nodes[n->shorthand_for_missing] : NULL;
                char text[DECL_MSG_MAX];
                if (alt && (slot(slots, alt)->given & DECL_SEEN))
                    break;
                if (alt)
                    snprintf(p, sizeof p, "$.%s", alt->path);
                else
                    child_path(p, sizeof p, path, n);
                decl_missing_message(s, alt ? alt : n, text, sizeof text);
                problem(c, p, text);
            }
            break;
        case SCH_LIST:
            check_list(c, n, slots, path);
            break;
        default:
            if (v->given & DECL_SEEN)
                break; /* given: valid, or already reported */
            if (n->required)
                missing(c, slots, n, path, NULL, 0);
            else if (n->required_when >= 0) {
                const decl_slot *w = slot(slots, &s->nodes[n->required_when]);
                if (!w->absent && w->v.i > n->required_above)
                    missing(c, slots, n, path, s->nodes[n->required_when].key,
                            n->required_above);
            }
            break;
        }
    }
}

/* Dates that may not be after another date (not_after), in document
 * order, in every record. */
static void check_dates(checker *c, int obj, const decl_slot *slots,
                        const char *path)
{
    const sch_schema *s = c->s;
    const sch_node *o = &s->nodes[obj];
    int i;
    for (i = 0; i < o->nchildren && c->rc != RATEL_ENOMEM; i++) {
        const sch_node *n = &s->nodes[o->children[i]];
        const decl_slot *v = slot(slots, n);
        char p[200], text[DECL_MSG_MAX], limit[11], date[11], word[65];
        const decl_slot *w;
        size_t k;
        if (n->type == SCH_OBJECT) {
            child_path(p, sizeof p, path, n);
            check_dates(c, o->children[i], slots, p);
        } else if (n->type == SCH_LIST && v->v.list) {
            for (k = 0; k < v->v.list->n; k++) {
                child_path(p, sizeof p, path, n);
                snprintf(p + strlen(p), sizeof p - strlen(p), "[%zu]", k);
                check_dates(c, n->item, decl_list_item(s, n, v, k), p);
            }
        } else if (n->not_after >= 0 && (v->given & DECL_GIVEN)) {
            w = decl_root_slot(c->d, n->not_after);
            if (!(w->given & DECL_GIVEN) || v->v.i <= w->v.i)
                continue;
            snprintf(word, sizeof word, "%s", s->nodes[n->not_after].key);
            for (k = 0; word[k]; k++)
                if (word[k] == '_')
                    word[k] = ' ';
            decl_date_format((int32_t)w->v.i, limit);
            decl_date_format((int32_t)v->v.i, date);
            child_path(p, sizeof p, path, n);
            snprintf(text, sizeof text, "expected a date on or before the "
                     "%s %s, got \"%s\"", word, limit, date);
            problem(c, p, text);
        }
    }
}

/* ---- the same rules, without the messages ----------------------------
 * Whether check_object would report nothing about object `obj` (of the
 * record at `slots`): it fails wherever check_object would call
 * problem(), and at a few places where it would not (a missing field
 * already reported through its shorthand), where the checks with their
 * messages then run. Most documents are complete: they cost this walk,
 * without a path written for every object. */
static int quiet_object(const sch_schema *s, int obj, const decl_slot *slots,
                        int items)
{
    const sch_node *o = &s->nodes[obj];
    int i;
    size_t k;
    /* the fields that can fail (sch_node.checks), not shorthands or
     * optional values */
    for (i = 0; i < o->nchecks; i++) {
        const sch_node *n = &s->nodes[o->checks[i]];
        const decl_slot *v = slot(slots, n);
        switch (n->type) {
        case SCH_OBJECT:
            if (v->given & DECL_GIVEN || supplied(s, slots, o->checks[i])) {
                if (!quiet_object(s, o->checks[i], slots, items))
                    return 0;
            } else if (n->required) {
                return 0;
            }
            break;
        case SCH_LIST:
            if (!items || !v->v.list)
                break;
            for (k = 0; k < v->v.list->n; k++)
                if (!quiet_object(s, n->item, decl_list_item(s, n, v, k),
                                  items))
                    return 0;
            break;
        default:
            if (v->given & DECL_SEEN)
                break;
            if (n->required)
                return 0;
            if (n->required_when >= 0) {
                const decl_slot *w = slot(slots, &s->nodes[n->required_when]);
                if (!w->absent && w->v.i > n->required_above)
                    return 0;
            }
            break;
        }
    }
    return 1;
}

/* Whether check_dates would report nothing under object `obj`. */
static int quiet_dates(const struct ratel_decl *d, int obj,
                       const decl_slot *slots)
{
    const sch_schema *s = d->schema;
    const sch_node *o = &s->nodes[obj];
    int i;
    size_t k;
    for (i = 0; i < o->nchildren; i++) {
        const sch_node *n = &s->nodes[o->children[i]];
        const decl_slot *v = slot(slots, n), *w;
        if (!n->has_dates)
            continue; /* no not_after date at or under it */
        if (n->type == SCH_OBJECT) {
            if (!quiet_dates(d, o->children[i], slots))
                return 0;
        } else if (n->type == SCH_LIST && v->v.list) {
            for (k = 0; k < v->v.list->n; k++)
                if (!quiet_dates(d, n->item, decl_list_item(s, n, v, k)))
                    return 0;
        } else if (n->not_after >= 0 && (v->given & DECL_GIVEN)) {
            w = decl_root_slot(d, n->not_after);
            if ((w->given & DECL_GIVEN) && v->v.i > w->v.i)
                return 0;
        }
    }
    return 1;
}

static int run(const struct ratel_decl *d, ratel_err *e, int items,
               int *nerrors, int obj, const decl_slot *slots,
               const char *path, int dates)
{
    checker c;
    memset(&c, 0, offsetof(checker, reported_small));
    c.d = d;
    c.s = d->schema;
    c.e = e;
    c.rc = RATEL_OK;
    c.nerrors = nerrors;
    c.items = items;
    c.reported = c.reported_small;
    if ((size_t)c.s->nnodes > sizeof c.reported_small &&
        !(c.reported = calloc((size_t)c.s->nnodes, 1)))
        return RATEL_ENOMEM;
    memset(c.reported_small, 0, sizeof c.reported_small);
    check_object(&c, obj, slots, path);
    if (dates)
        check_dates(&c, obj, slots, path);
    if (c.reported != c.reported_small)
        free(c.reported);
    return c.rc;
}

int decl_check_document(const struct ratel_decl *d, ratel_err *e)
{
    int nerrors = (int)e->nfields;
    if (quiet_object(d->schema, 0, d->root, 0) && quiet_dates(d, 0, d->root))
        return RATEL_OK;
    return run(d, e, 0, &nerrors, 0, d->root, "$", 1);
}

int decl_check_complete(const struct ratel_decl *d, ratel_err *e)
{
    int nerrors = 0;
    int rc;
    if (quiet_object(d->schema, 0, d->root, 1) && quiet_dates(d, 0, d->root))
        return RATEL_OK;
    rc = run(d, e, 1, &nerrors, 0, d->root, "$", 1);
    if (rc == RATEL_EDECL)
        err_finish_fields(e);
    return rc;
}

int decl_item_quiet(const struct ratel_decl *d, int item,
                    const decl_slot *slots)
{
    return quiet_object(d->schema, item, slots, 1);
}

int decl_check_item(const struct ratel_decl *d, int item,
                    const decl_slot *slots, const char *path, ratel_err *e,
                    int *nerrors)
{
    if (decl_item_quiet(d, item, slots))
        return RATEL_OK;
    return run(d, e, 1, nerrors, item, slots, path, 0);
}

void decl_refresh_defaults(struct ratel_decl *d)
{
    const sch_schema *s = d->schema;
    int j, pass;
    /* two passes in node order; one settles every default when none
     * follows a default listed after it (schema.refresh_passes) */
    for (pass = 0; pass < s->refresh_passes; pass++)
        for (j = 0; j < s->nrefresh; j++) { /* default_from, record 0 */
            const sch_node *n = &s->nodes[s->refresh[j]];
            decl_slot *v, *from;
            int32_t day;
            v = &d->root[n->slot];
            if (v->given & DECL_GIVEN)
                continue;
            from = &d->root[s->nodes[n->default_from].slot];
            v->absent = from->absent ||
                        decl_date_add_years((int32_t)from->v.i,
                                            n->default_years, &day) != 0;
            v->v.i = v->absent ? 0 : day;
        }
}

int32_t decl_effective_date(const struct ratel_decl *d)
{
    return (int32_t)decl_root_slot(d, d->schema->roles[SCH_ROLE_EFFECTIVE_DATE])
        ->v.i;
}

const char *decl_applicant_name(const struct ratel_decl *d, size_t *len)
{
    int n = d->schema->roles[SCH_ROLE_NAME];
    const decl_slot *v;
    if (n < 0 || d->schema->nodes[n].record != 0 ||
        (v = decl_root_slot(d, n))->absent) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = v->len;
    return decl_text(d, v);
}

const char *decl_currency(const struct ratel_decl *d)
{
    int n = d->schema->roles[SCH_ROLE_CURRENCY];
    const decl_slot *v;
    if (n < 0 || d->schema->nodes[n].record != 0 ||
        (v = decl_root_slot(d, n))->absent)
        return "JPY";
    return d->schema->codes[d->schema->nodes[n].codes].values[v->v.i];
}
