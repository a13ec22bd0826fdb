/* decl_write.c - a declaration written as JSON (ratel_decl_json): the
 * fields that were given, in the schema's order, as a document gives them
 * (a shorthand as the shorthand), so that reading the text back with the
 * same schema gives the same declaration. The quote journal keeps this
 * text for declarations built through the setters. */
#include <stdlib.h>

#include "decl_fields.h"

static void write_object(const struct ratel_decl *d, int obj,
                         const decl_slot *slots, buf *b);

/* The codes of a flags field as {"code":true,...}, of a set as
 * ["code",...]: those whose bit is on. */
static void write_codes(const sch_schema *s, const sch_node *n,
                        uint64_t bits, buf *b)
{
    const sch_codes *c = &s->codes[n->codes];
    int i, first = 1, flags = n->type == SCH_FLAGS;
    buf_putc(b, flags ? '{' : '[');
    for (i = 0; i < c->n; i++) {
        if (!(bits >> i & 1u))
            continue;
        if (!first)
            buf_putc(b, ',');
        first = 0;
        buf_put_json_string(b, c->values[i]);
        if (flags)
            buf_puts(b, ":true");
    }
    buf_putc(b, flags ? '}' : ']');
}

static void write_value(const struct ratel_decl *d, int node,
                        const decl_slot *slots, buf *b)
{
    const sch_schema *s = d->schema;
    const sch_node *n = &s->nodes[node];
    const decl_slot *v = &slots[n->slot];
    char date[11];
    size_t i;
    switch (n->type) {
    case SCH_OBJECT: write_object(d, node, slots, b); break;
    case SCH_LIST:
        buf_putc(b, '[');
        for (i = 0; v->v.list && i < v->v.list->n; i++) {
            if (i)
                buf_putc(b, ',');
            write_object(d, n->item, decl_list_item(s, n, v, i), b);
        }
        buf_putc(b, ']');
        break;
    case SCH_FLAGS:
    case SCH_SET: write_codes(s, n, v->v.bits, b); break;
    case SCH_MONEY:
    case SCH_INTEGER: buf_put_i64(b, v->v.i); break;
    case SCH_NUMBER: buf_put_double(b, v->v.f); break;
    case SCH_BOOLEAN: buf_puts(b, v->v.i ? "true" : "false"); break;
    case SCH_DATE:
        decl_date_format((int32_t)v->v.i, date);
        buf_putc(b, '"');
        buf_puts(b, date);
        buf_putc(b, '"');
        break;
    case SCH_TEXT: buf_put_json_string(b, decl_text(d, v)); break;
    case SCH_CODE:
        buf_put_json_string(b, s->codes[n->codes].values[v->v.i]);
        break;
    default: break;
    }
}

/* Whether shorthand node `n` still stands for every field it set: when a
 * setter changed one of them since, the shorthand and that field cannot
 * both be written (a document may give a field one way only), so the
 * fields it set are written as they are instead. */
static int shorthand_intact(const sch_schema *s, int n, const decl_slot *slots)
{
    const sch_node *x = &s->nodes[n];
    int i;
    for (i = 0; i < x->nsets; i++)
        if (slots[s->nodes[x->sets[i]].slot].via != n + 1)
            return 0;
    return 1;
}

/* Whether field `n` is written: given, as a document gives it (a field a
 * shorthand set is written as the shorthand). */
static int written(const sch_schema *s, int n, const decl_slot *slots)
{
    const decl_slot *v = &slots[s->nodes[n].slot];
    if (!(v->given & DECL_GIVEN))
        return 0;
    if (s->nodes[n].input_only)
        return shorthand_intact(s, n, slots);
    return !v->via || !shorthand_intact(s, v->via - 1, slots);
}

/* The given fields of object node `obj`, whose record's slots are
 * `slots`, in the schema's order. */
static void write_object(const struct ratel_decl *d, int obj,
                         const decl_slot *slots, buf *b)
{
    const sch_schema *s = d->schema;
    const sch_node *o = &s->nodes[obj];
    int i, first = 1;
    buf_putc(b, '{');
    if (obj == 0) { /* the document says its schema first */
        buf_put_json_key(b, 0, "schema");
        buf_put_json_string(b, s->id);
        first = 0;
    }
    for (i = 0; i < o->nchildren; i++) {
        const sch_node *c = &s->nodes[o->children[i]];
        if (!written(s, o->children[i], slots))
            continue;
        if (!first)
            buf_putc(b, ',');
        first = 0;
        buf_putc(b, '"');
        buf_put(b, c->key, c->keylen);
        buf_puts(b, "\":");
        write_value(d, o->children[i], slots, b);
    }
    buf_putc(b, '}');
}

int ratel_decl_json(const ratel_decl *decl, char **out, size_t *len)
{
    buf b;
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!decl || !out)
        return RATEL_EARG;
    buf_init(&b);
    write_object(decl, 0, decl->root, &b);
    if (b.oom) {
        buf_free(&b);
        return RATEL_ENOMEM;
    }
    if (len)
        *len = b.len;
    *out = buf_take(&b);
    return RATEL_OK;
}
