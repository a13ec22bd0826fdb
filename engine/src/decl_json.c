/* decl_json.c - the declaration reader: yajl's streaming parser feeds
 * callbacks that check each value against the product schema (schema.h)
 * and store it straight into the declaration's slots, tracking where in
 * the document they are so that every error names its JSON path. The
 * only file that includes the JSON library for declarations. */
#include "decl_fields.h"
#include "decl_arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Deepest nesting accepted, counting every object and array. */
#define MAX_DEPTH 64
/* Field errors reported before the reader gives up on a document. */
#define MAX_ERRORS 100
/* Stack memory for the parser's own allocations (see decl_arena.h). */
#define PARSER_MEMORY 6144

/* An open object or array the reader is inside. */
typedef struct frame {
    int node;            /* object, list, flags or set node */
    decl_slot *slots;    /* the record instance holding its fields */
    size_t count;        /* list, set: elements begun */
    int guess;           /* object: the child tried first for a key;
                            flags: the code tried first */
    uint64_t seen;       /* flags, set: codes given */
} frame;

typedef struct reader {
    struct ratel_decl *d;
    const sch_schema *s;
    ratel_err *e;
    int rc;              /* RATEL_ENOMEM once out of memory */
    int nerrors;         /* field errors recorded */
    int started, ended;  /* the document's value began / ended */
    int is_object;       /* the document is an object */
    int skip;            /* open containers inside a skipped value */
    int depth;           /* open objects and arrays (frames: nframes) */
    int nframes;
    frame frames[MAX_DEPTH + 1];
    int key;             /* node whose value comes next, -1: none (or
                            refused: its value is skipped) */
    int code;            /* flags: the code whose value comes next */
    int schema_key;      /* the next value is the document's "schema" */
    int nkeys;           /* keys of the document object so far */
    decl_find_schema find; /* other schemas a document may name */
    void *find_ud;
    int set_first[SCH_MAX_SET_CODES]; /* set: where each code first was */
    char text[DECL_MSG_MAX]; /* an error's message, being written */
} reader;

/* JSON path of the value or key the reader is at: `key` (len bytes) is a
 * key not yet accepted, else the pending key or code is used. */
static void path_of(const reader *r, const char *key, size_t len,
                    char *path, size_t cap)
{
    const sch_schema *s = r->s;
    int i;
    snprintf(path, cap, "$");
    for (i = 1; i < r->nframes; i++) {
        const frame *f = &r->frames[i];
        const sch_node *n = &s->nodes[f->node];
        size_t at;
        if (n->parent < 0 || s->nodes[n->parent].type != SCH_LIST)
            decl_path_append_key(path, cap, n->key, n->keylen);
        if (n->type == SCH_LIST || n->type == SCH_SET) {
            at = strlen(path);
            snprintf(path + at, cap - at, "[%zu]",
                     f->count ? f->count - 1 : 0);
        }
    }
    if (key)
        decl_path_append_key(path, cap, key, len);
    else if (r->schema_key)
        decl_path_append_key(path, cap, "schema", 6);
    else if (r->key >= 0)
        decl_path_append_key(path, cap, s->nodes[r->key].key,
                             s->nodes[r->key].keylen);
    else if (r->code >= 0 && r->nframes > 0) {
        const sch_codes *c =
            &s->codes[s->nodes[r->frames[r->nframes - 1].node].codes];
        decl_path_append_key(path, cap, c->values[r->code],
                             c->lens[r->code]);
    }
}

/* Records a field error at the current path (with `key` if not NULL).
 * Returns 1 to go on, 0 to stop the parse (out of memory, or too many
 * errors to be useful). */
static int report(reader *r, const char *key, size_t len, const char *text)
{
    char path[200];
    path_of(r, key, len, path, sizeof path);
    if (err_add_field(r->e, path, 0, 0, "%s", text) != RATEL_OK) {
        r->rc = RATEL_ENOMEM;
        return 0;
    }
    if (++r->nerrors < MAX_ERRORS)
        return 1;
    if (err_add_field(r->e, "$", 0, 0, "too many errors; stopped after %d",
                      MAX_ERRORS) != RATEL_OK)
        r->rc = RATEL_ENOMEM;
    return 0;
}

static int is_container(const decl_value *v)
{
    return v->kind == DECL_V_OBJECT || v->kind == DECL_V_ARRAY;
}

/* Reports `text` about the value `v` (a container is then skipped):
 * 1 to go on, 0 to stop. */
static int refuse_value(reader *r, const decl_value *v, const char *text)
{
    r->skip = is_container(v);
    return report(r, NULL, 0, text);
}

/* decl_store, with the common case (an integer value) here. */
static int store(struct ratel_decl *d, const sch_node *n, decl_slot *v,
                 const decl_scalar *sc)
{
    if (n->type == SCH_NUMBER || n->type == SCH_TEXT)
        return decl_store(d, n, v, sc);
    v->v.i = sc->i;
    v->absent = 0;
    return RATEL_OK;
}

static int push_frame(reader *r, int node, decl_slot *slots)
{
    frame *f = &r->frames[r->nframes++];
    f->node = node;
    f->slots = slots;
    f->count = 0;
    f->guess = 0;
    f->seen = 0;
    return 1;
}

/* A shorthand's value goes to each field it stands for; a field given
 * both ways is refused at the second. 1 to go on, 0 to stop. */
static int store_shorthand(reader *r, const sch_node *n, decl_slot *slots,
                           const decl_scalar *sc)
{
    const sch_schema *s = r->s;
    int i;
    for (i = 0; i < n->nsets; i++) {
        const sch_node *t = &s->nodes[n->sets[i]];
        decl_slot *tv = decl_slot_of(slots, t);
        if (tv->given & DECL_SEEN) {
            snprintf(r->text, sizeof r->text, "%s is given as %s too; give "
                     "one of them", n->path, t->path);
            return report(r, n->key, n->keylen, r->text);
        }
        if (store(r->d, t, tv, sc) != RATEL_OK) {
            r->rc = RATEL_ENOMEM;
            return 0;
        }
        tv->given = DECL_SEEN | DECL_GIVEN;
        tv->via = (uint16_t)(n - s->nodes + 1);
    }
    return 1;
}

/* The value of a field of an object. */
static int on_field(reader *r, frame *f, const decl_value *v)
{
    const sch_schema *s = r->s;
    const sch_node *n;
    decl_slot *slot;
    decl_scalar sc;
    if (r->schema_key) {
        const sch_schema *other;
        r->schema_key = 0;
        if (v->kind == DECL_V_STRING && v->len == strlen(s->id) &&
            memcmp(v->text, s->id, v->len) == 0)
            return 1;
        /* another schema, named before any field: read the document as
         * that one */
        if (v->kind == DECL_V_STRING && r->find && r->nkeys == 1 &&
            (other = r->find(r->find_ud, v->text, v->len)) != NULL) {
            struct ratel_decl *d = decl_new_unrefreshed(other);
            if (!d) {
                r->rc = RATEL_ENOMEM;
                return 0;
            }
            decl_free(r->d);
            r->d = d;
            r->s = other;
            r->d->root[0].given = DECL_SEEN | DECL_GIVEN;
            r->frames[0].slots = d->root;
            return 1;
        }
        snprintf(r->text, sizeof r->text, "expected \"%s\" (the schema this "
                 "declaration is read as), got %s%.*s%s", s->id,
                 v->kind == DECL_V_STRING ? "\"" : "",
                 v->kind == DECL_V_STRING ? (int)(v->len > 64 ? 64 : v->len)
                                          : 0,
                 v->kind == DECL_V_STRING ? v->text : "",
                 v->kind == DECL_V_STRING ? "\"" : "another value");
        r->schema_key = 1; /* for the path */
        r->skip = is_container(v);
        return report(r, NULL, 0, r->text);
    }
    if (r->key < 0) { /* an unknown or duplicate key's value */
        r->skip = is_container(v);
        return 1;
    }
    n = &s->nodes[r->key];
    slot = decl_slot_of(f->slots, n);
    if ((n->type == SCH_MONEY || n->type == SCH_INTEGER) &&
        v->kind == DECL_V_INT && !v->overflow && v->i >= n->min &&
        v->i <= n->max) /* decl_node_accept's first case, here */
        sc.i = v->i;
    else if (decl_node_accept(s, n, v, &sc) != 0) {
        int ok;
        decl_node_refusal(s, n, v, r->text, sizeof r->text);
        ok = refuse_value(r, v, r->text);
        r->key = -1;
        return ok;
    }
    r->key = -1;
    slot->given = DECL_SEEN | DECL_GIVEN;
    switch (n->type) {
    case SCH_OBJECT:
    case SCH_FLAGS:
    case SCH_SET:
    case SCH_LIST:
        return push_frame(r, (int)(n - s->nodes), f->slots);
    default:
        break;
    }
    if (slot->via) {
        snprintf(r->text, sizeof r->text, "%s is given as %s too; give one "
                 "of them", n->path, s->nodes[slot->via - 1].path);
        return report(r, n->key, n->keylen, r->text);
    }
    if (store(r->d, n, slot, &sc) != RATEL_OK) {
        r->rc = RATEL_ENOMEM;
        return 0;
    }
    return n->input_only ? store_shorthand(r, n, f->slots, &sc) : 1;
}

/* An element of a list: an object, a new item. */
static int on_item(reader *r, frame *f, const decl_value *v)
{
    const sch_schema *s = r->s;
    const sch_node *list = &s->nodes[f->node];
    const sch_node *item = &s->nodes[list->item];
    decl_slot *slots;
    if (++f->count > list->max_items) {
        r->skip = is_container(v);
        if (f->count > list->max_items + 1)
            return 1; /* said once */
        snprintf(r->text, sizeof r->text, "expected at most %zu %s, got "
                 "more", list->max_items, list->key);
        return report(r, NULL, 0, r->text);
    }
    if (v->kind != DECL_V_OBJECT) {
        decl_node_refusal(s, item, v, r->text, sizeof r->text);
        return refuse_value(r, v, r->text);
    }
    slots = decl_list_append(r->d, list, decl_slot_of(f->slots, list));
    if (!slots) {
        r->rc = RATEL_ENOMEM;
        return 0;
    }
    return push_frame(r, list->item, slots);
}

/* A value of a flags object: true or false for the pending code. */
static int on_flag(reader *r, frame *f, const decl_value *v)
{
    if (r->code < 0) {
        r->skip = is_container(v);
        return 1;
    }
    if (v->kind != DECL_V_BOOL) {
        static const sch_node boolean = {.type = SCH_BOOLEAN};
        int ok;
        decl_node_refusal(r->s, &boolean, v, r->text, sizeof r->text);
        ok = refuse_value(r, v, r->text);
        r->code = -1;
        return ok;
    }
    if (v->b)
        decl_slot_of(f->slots, &r->s->nodes[f->node])->v.bits |=
            UINT64_C(1) << r->code;
    r->code = -1;
    return 1;
}

/* An element of a set: a code, each at most once. */
static int on_set_element(reader *r, frame *f, const decl_value *v)
{
    const sch_schema *s = r->s;
    const sch_node *n = &s->nodes[f->node];
    const sch_codes *c = &s->codes[n->codes];
    decl_scalar sc;
    f->count++;
    if (decl_code_accept(s, n, v, &sc) != 0) {
        decl_code_refusal(s, n, v, r->text, sizeof r->text);
        return refuse_value(r, v, r->text);
    }
    if (f->seen >> sc.i & 1) {
        snprintf(r->text, sizeof r->text, "expected each %s once, got "
                 "\"%s\" again (first at [%d])", c->item ? c->item : "code",
                 c->values[sc.i], r->set_first[sc.i]);
        return report(r, NULL, 0, r->text);
    }
    f->seen |= UINT64_C(1) << sc.i;
    r->set_first[sc.i] = (int)f->count - 1;
    decl_slot_of(f->slots, n)->v.bits |= UINT64_C(1) << sc.i;
    return 1;
}

/* A value, scalar or container, where the reader is (not skipping). */
static int on_value(reader *r, const decl_value *v)
{
    frame *f;
    if (!r->started) {
        r->started = 1;
        if (v->kind != DECL_V_OBJECT) {
            decl_node_refusal(r->s, &r->s->nodes[0], v, r->text,
                              sizeof r->text);
            r->ended = 1;
            return refuse_value(r, v, r->text);
        }
        r->is_object = 1;
        r->d->root[0].given = DECL_SEEN | DECL_GIVEN;
        return push_frame(r, 0, r->d->root);
    }
    f = &r->frames[r->nframes - 1];
    switch (r->s->nodes[f->node].type) {
    case SCH_LIST: return on_item(r, f, v);
    case SCH_FLAGS: return on_flag(r, f, v);
    case SCH_SET: return on_set_element(r, f, v);
    default: return on_field(r, f, v);
    }
}

/* An object or array begins: deeper, and skipped inside a skipped
 * value. */
static int on_container(reader *r, const decl_value *v)
{
    if (++r->depth > MAX_DEPTH) {
        snprintf(r->text, sizeof r->text, "expected at most %d levels of "
                 "nested objects and arrays, got more", MAX_DEPTH);
        report(r, NULL, 0, r->text);
        return 0;
    }
    if (r->skip) {
        r->skip++;
        return 1;
    }
    return on_value(r, v);
}

static int cb_null(void *ctx)
{
    decl_value v = {DECL_V_NULL, NULL, 0, 0, 0, 0.0, 0};
    return ((reader *)ctx)->skip ? 1 : on_value(ctx, &v);
}

static int cb_boolean(void *ctx, int b)
{
    decl_value v = {DECL_V_BOOL, NULL, 0, 0, 0, 0.0, 0};
    v.b = b;
    return ((reader *)ctx)->skip ? 1 : on_value(ctx, &v);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    size_t i, digits = len < 18 ? len : 18;
    if (((reader *)ctx)->skip)
        return 1;
    /* up to 18 digits and nothing else: a non-negative integer that fits,
     * as decl_value_number reads it */
    for (i = 0; i < digits && (unsigned char)(s[i] - '0') <= 9; i++)
        v.i = v.i * 10 + (s[i] - '0');
    if (i == len && len > 0) {
        v.text = s;
        v.len = len;
    } else {
        v.i = 0;
        decl_value_number(&v, s, len);
    }
    return on_value(ctx, &v);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    v.text = (const char *)s;
    v.len = len;
    return ((reader *)ctx)->skip ? 1 : on_value(ctx, &v);
}

static int cb_start_map(void *ctx)
{
    decl_value v = {DECL_V_OBJECT, NULL, 0, 0, 0, 0.0, 0};
    return on_container(ctx, &v);
}

static int cb_start_array(void *ctx)
{
    decl_value v = {DECL_V_ARRAY, NULL, 0, 0, 0, 0.0, 0};
    return on_container(ctx, &v);
}

/* Whether the n bytes at a and b are the same: a key against a schema's
 * name of the same length. Keys are mostly 4 to 24 bytes; compared a word
 * at a time here, without memcmp's call (the parse's hottest compare). */
static inline int same_key(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, w;
    size_t i;
    if (n >= 8) {
        for (i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8); /* the last 8, overlapping */
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        memcpy(&u, a, 4);
        memcpy(&w, b, 4);
        if (u != w)
            return 0;
        memcpy(&u, a + n - 4, 4);
        memcpy(&w, b + n - 4, 4);
        return u == w;
    }
    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* A key that is the one after the last read (documents tend to follow
 * the schema's order) and not yet seen in this object: taken here, with
 * no call, so that the callback's common case saves few registers; 0
 * leaves every other key to map_key, which finds it from the start. */
static inline int next_key(reader *r, frame *f, const sch_node *obj,
                           const char *key, size_t len)
{
    const sch_schema *s = r->s;
    int g = f->guess;
    if (obj->type == SCH_FLAGS) {
        const sch_codes *c = &s->codes[obj->codes];
        if (g < c->n && len > 0 && c->lens[g] == len &&
            same_key(c->values[g], key, len) && !(f->seen >> g & 1)) {
            f->guess = g + 1;
            f->seen |= UINT64_C(1) << g;
            r->code = g;
            return 1;
        }
    } else if (g >= 0 && g < obj->nchildren) {
        int n = obj->children[g];
        const sch_node *c = &s->nodes[n];
        decl_slot *slot = decl_slot_of(f->slots, c);
        /* a field a shorthand gave is not a duplicate key: on_field says
         * it was given both ways */
        if (c->keylen == len && same_key(c->key, key, len) &&
            (!(slot->given & DECL_SEEN) || slot->via)) {
            f->guess = g + 1;
            slot->given |= DECL_SEEN;
            r->key = n;
            return 1;
        }
    }
    return 0;
}

/* A key next_key did not take: known, not yet seen in this object, else
 * reported (its value is then skipped). */
static __attribute__((noinline)) int map_key(reader *r, frame *f,
                                             const sch_node *obj,
                                             const char *key, size_t len)
{
    const sch_schema *s = r->s;
    int n;
    if (obj->type == SCH_FLAGS) {
        decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
        decl_scalar sc;
        v.text = key;
        v.len = len;
        if (decl_code_accept(s, obj, &v, &sc) == 0) {
            f->guess = (int)sc.i + 1;
            if (!(f->seen >> sc.i & 1)) {
                f->seen |= UINT64_C(1) << sc.i;
                r->code = (int)sc.i;
                return 1;
            }
            snprintf(r->text, sizeof r->text, "duplicate key; each key may "
                     "appear only once in an object");
            return report(r, key, len, r->text);
        }
    } else if ((n = sch_child(s, f->node, key, len, &f->guess)) >= 0) {
        decl_slot *slot = decl_slot_of(f->slots, &s->nodes[n]);
        if (!(slot->given & DECL_SEEN) || slot->via) {
            slot->given |= DECL_SEEN;
            r->key = n;
            return 1;
        }
        snprintf(r->text, sizeof r->text, "duplicate key; each key may "
                 "appear only once in an object");
        return report(r, key, len, r->text);
    } else if (f->node == 0 && len == 6 && memcmp(key, "schema", 6) == 0) {
        r->schema_key = 1;
        return 1;
    }
    decl_unknown_key_message(s, obj, key, len, r->text, sizeof r->text);
    return report(r, key, len, r->text);
}

static int cb_map_key(void *ctx, const unsigned char *k, size_t len)
{
    reader *r = ctx;
    frame *f;
    const sch_node *obj;
    if (r->skip)
        return 1;
    f = &r->frames[r->nframes - 1];
    obj = &r->s->nodes[f->node];
    r->key = r->code = -1;
    if (r->nframes == 1)
        r->nkeys++;
    if (next_key(r, f, obj, (const char *)k, len))
        return 1;
    return map_key(r, f, obj, (const char *)k, len);
}

/* A list item ends: its missing fields, in document order. */
static int item_end(reader *r, const frame *f)
{
    char path[200];
    int rc;
    if (decl_item_quiet(r->d, f->node, f->slots)) /* without its path */
        return r->nerrors < MAX_ERRORS;
    path_of(r, NULL, 0, path, sizeof path);
    rc = decl_check_item(r->d, f->node, f->slots, path, r->e, &r->nerrors);
    if (rc == RATEL_ENOMEM) {
        r->rc = rc;
        return 0;
    }
    return r->nerrors < MAX_ERRORS;
}

static int cb_end(void *ctx)
{
    reader *r = ctx;
    frame *f;
    int ok = 1;
    r->depth--;
    if (r->skip) {
        r->skip--;
        return 1;
    }
    f = &r->frames[r->nframes - 1];
    if (r->nframes > 1 &&
        r->s->nodes[r->s->nodes[f->node].parent].type == SCH_LIST) {
        r->key = r->code = -1;
        ok = item_end(r, f);
    }
    r->nframes--;
    r->key = r->code = -1;
    return ok;
}

/* A syntax error: yajl's message (without its multi-line excerpt) at the
 * path reached, with the 1-based line and column (in characters) of
 * byte `at`. */
static void syntax_error(reader *r, yajl_handle h, const char *json,
                         size_t len, size_t at)
{
    char path[200];
    unsigned char *text = yajl_get_error(h, 0, (const unsigned char *)json,
                                         len);
    const char *msg = text ? (const char *)text : "invalid JSON";
    size_t n = strlen(msg);
    int line, column;
    decl_json_position(json, len, at, &line, &column);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    path_of(r, NULL, 0, path, sizeof path);
    if (err_add_field(r->e, path, line, column, "%.*s", (int)n, msg))
        r->rc = RATEL_ENOMEM;
    if (text)
        yajl_free_error(h, text);
}

/* A refused document that is not UTF-8 gets one more error saying what
 * its encoding likely is: a byte order mark, UTF-16, or bytes that are
 * not UTF-8 (a file saved in Shift_JIS by a Japanese Windows program is
 * the usual cause), since the errors before it name only their field. */
static void encoding_hint(reader *r, const char *json, size_t len)
{
    const unsigned char *u = (const unsigned char *)json;
    size_t i = 0, n;
    int line, column, rc = RATEL_OK;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        rc = err_add_field(r->e, "$", 1, 1, "the file starts with a byte "
                           "order mark (BOM): save it as UTF-8 without a "
                           "BOM");
    } else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                            (u[0] == 0xFE && u[1] == 0xFF))) {
        rc = err_add_field(r->e, "$", 1, 1, "the file is UTF-16: save it "
                           "as UTF-8 (without a BOM)");
    } else {
        while (i < len && (n = decl_utf8_seq(u + i, len - i)) != 0)
            i += n;
        if (i == len)
            return;
        decl_json_position(json, len, i, &line, &column);
        rc = err_add_field(r->e, "$", line, column, "the file is not UTF-8 "
                           "(byte 0x%02X): declarations are UTF-8; one "
                           "saved in Shift_JIS converts with 'iconv -f "
                           "SHIFT_JIS -t UTF-8'", u[i]);
    }
    if (rc != RATEL_OK)
        r->rc = rc;
}

int decl_parse_json(struct ratel_decl **out, const sch_schema *s,
                    decl_find_schema find, void *find_ud, const char *json,
                    size_t len, ratel_err *e)
{
    static const yajl_callbacks callbacks = {
        cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
        cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end};
    max_align_t memory[PARSER_MEMORY / sizeof(max_align_t)];
    decl_arena arena;
    yajl_alloc_funcs alloc;
    reader r;
    yajl_handle h;
    yajl_status st;
    int rc;
    *out = NULL;
    memset(&r, 0, offsetof(reader, frames));
    r.d = decl_new_unrefreshed(s);
    if (!r.d)
        return err_set(e, RATEL_ENOMEM, "out of memory while reading a "
                       "declaration");
    r.s = s;
    r.find = find;
    r.find_ud = find_ud;
    r.e = e;
    r.key = r.code = -1;
    r.schema_key = 0;
    decl_arena_init(&arena, memory, sizeof memory);
    alloc.malloc = decl_arena_malloc;
    alloc.realloc = decl_arena_realloc;
    alloc.free = decl_arena_free;
    alloc.ctx = &arena;
    h = yajl_alloc(&callbacks, &alloc, &r);
    if (!h) {
        decl_free(r.d);
        return err_set(e, RATEL_ENOMEM, "out of memory while reading a "
                       "declaration");
    }
    yajl_config(h, yajl_dont_validate_strings, 1); /* text is checked */
    st = yajl_parse(h, (const unsigned char *)(json ? json : ""), len);
    if (st == yajl_status_error) {
        size_t read = yajl_get_bytes_consumed(h);
        syntax_error(&r, h, json, len, read ? read - 1 : 0); /* last read */
    } else if (st == yajl_status_ok &&
               (st = yajl_complete_parse(h)) == yajl_status_error) {
        syntax_error(&r, h, json, len, len);
    }
    yajl_free(h);
    rc = r.rc;
    if (rc == RATEL_OK && st == yajl_status_ok && r.is_object) {
        /* the whole document: required fields, cross-field rules */
        decl_refresh_defaults(r.d);
        rc = decl_check_document(r.d, e);
    }
    if (rc == RATEL_OK && (st != yajl_status_ok || r.nerrors))
        rc = RATEL_EDECL;
    if (rc == RATEL_EDECL) {
        encoding_hint(&r, json, len);
        rc = r.rc != RATEL_OK ? r.rc : rc;
    }
    if (rc != RATEL_OK) {
        decl_free(r.d);
    } else {
        r.d->complete = 1; /* decl_check_complete would find nothing */
        *out = r.d;
    }
    if (rc == RATEL_EDECL)
        return err_finish_fields(e);
    if (rc == RATEL_ENOMEM)
        err_set(e, rc, "out of memory while reading a declaration");
    return rc;
}
