/* jtree.c - a JSON document as a tree with line numbers (see jtree.h),
 * built from yajl's streaming parser. Nodes and strings come from one
 * chunked arena, freed at once. */
#include "jtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "decl_fields.h"

#define JT_MAX_DEPTH 64
#define JT_CHUNK 8192

typedef struct jt_chunk {
    struct jt_chunk *next;
    size_t used, cap;
    max_align_t data[];
} jt_chunk;

struct jt_doc {
    jt_chunk *chunks;
    jt_node *root;
};

typedef struct jt_build {
    jt_doc *doc;
    const char *json;
    size_t len;
    yajl_handle h;
    size_t scanned;      /* bytes counted into `line` so far */
    int line;
    jt_node *stack[JT_MAX_DEPTH + 1];
    jt_node *tail[JT_MAX_DEPTH + 1]; /* last child of each open container */
    int depth;
    const char *key;     /* the key whose value comes next */
    size_t keylen;
    int oom, too_deep, duplicate;
    char *msg;
    size_t cap;
} jt_build;

static void *jt_alloc(jt_doc *d, size_t n)
{
    jt_chunk *c = d->chunks;
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
        sizeof(max_align_t);
    if (!c || c->cap - c->used < n) {
        size_t cap = n > JT_CHUNK ? n : JT_CHUNK;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->next = d->chunks;
        c->used = 0;
        c->cap = cap;
        d->chunks = c;
    }
    c->used += n;
    return (char *)c->data + c->used - n;
}

static char *jt_strdup(jt_doc *d, const char *s, size_t len)
{
    char *p = jt_alloc(d, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* The line of the byte just read: newlines counted up to it. */
static int current_line(jt_build *b)
{
    size_t at = yajl_get_bytes_consumed(b->h);
    if (at > b->len)
        at = b->len;
    for (; b->scanned < at; b->scanned++)
        if (b->json[b->scanned] == '\n')
            b->line++;
    return b->line;
}

/* A new node placed under the open container (or as the root). */
static jt_node *add(jt_build *b, jt_kind kind)
{
    jt_node *n = jt_alloc(b->doc, sizeof *n), *parent;
    if (!n) {
        b->oom = 1;
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = current_line(b);
    if (b->depth == 0) {
        b->doc->root = n;
        return n;
    }
    parent = b->stack[b->depth - 1];
    if (parent->kind == JT_OBJECT) {
        n->key = b->key;
        n->keylen = b->keylen;
    }
    if (b->tail[b->depth - 1])
        b->tail[b->depth - 1]->next = n;
    else
        parent->first = n;
    b->tail[b->depth - 1] = n;
    parent->n++;
    return n;
}

static int cb_null(void *ctx)
{
    return add(ctx, JT_NULL) != NULL;
}

static int cb_boolean(void *ctx, int v)
{
    jt_node *n = add(ctx, JT_BOOL);
    if (n)
        n->b = v != 0;
    return n != NULL;
}

static int cb_number(void *ctx, const char *s, size_t len)
{
    jt_build *b = ctx;
    jt_node *n = add(b, JT_INT);
    decl_value v;
    if (!n || !(n->text = jt_strdup(b->doc, s, len)))
        return b->oom = 1, 0;
    n->len = len;
    decl_value_number(&v, s, len);
    if (v.kind == DECL_V_INT) {
        n->i = v.i;
        n->overflow = v.overflow;
        n->f = v.overflow ? (v.overflow > 0 ? 9.3e18 : -9.3e18) : (double)v.i;
    } else {
        n->kind = JT_FLOAT;
        n->f = v.f;
    }
    return 1;
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
    jt_build *b = ctx;
    jt_node *n = add(b, JT_STRING);
    if (!n || !(n->text = jt_strdup(b->doc, (const char *)s, len)))
        return b->oom = 1, 0;
    n->len = len;
    return 1;
}

static int open_container(jt_build *b, jt_kind kind)
{
    jt_node *n;
    if (b->depth >= JT_MAX_DEPTH)
        return b->too_deep = 1, 0;
    if (!(n = add(b, kind)))
        return 0;
    b->stack[b->depth] = n;
    b->tail[b->depth] = NULL;
    b->depth++;
    return 1;
}

static int cb_start_map(void *ctx)
{
    return open_container(ctx, JT_OBJECT);
}

static int cb_start_array(void *ctx)
{
    return open_container(ctx, JT_ARRAY);
}

static int cb_map_key(void *ctx, const unsigned char *k, size_t len)
{
    jt_build *b = ctx;
    const jt_node *c;
    for (c = b->stack[b->depth - 1]->first; c; c = c->next)
        if (c->keylen == len && memcmp(c->key, k, len) == 0) {
            current_line(b);
            b->duplicate = 1;
            snprintf(b->msg, b->cap, "line %d: duplicate key \"%.*s\"",
                     b->line, (int)(len > 64 ? 64 : len), (const char *)k);
            return 0;
        }
    if (!(b->key = jt_strdup(b->doc, (const char *)k, len)))
        return b->oom = 1, 0;
    b->keylen = len;
    return 1;
}

static int cb_end(void *ctx)
{
    ((jt_build *)ctx)->depth--;
    return 1;
}

void jt_free(jt_doc *doc)
{
    jt_chunk *c, *next;
    if (!doc)
        return;
    for (c = doc->chunks; c; c = next) {
        next = c->next;
        free(c);
    }
    free(doc);
}

/* yajl's one-line message at the line and column of byte `at`. */
static void syntax_message(jt_build *b, size_t at)
{
    unsigned char *text = yajl_get_error(b->h, 0,
                                         (const unsigned char *)b->json,
                                         b->len);
    const char *m = text ? (const char *)text : "invalid JSON";
    size_t n = strlen(m);
    int line, column;
    decl_json_position(b->json, b->len, at, &line, &column);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    snprintf(b->msg, b->cap, "line %d, column %d: %.*s", line, column,
             (int)n, m);
    if (text)
        yajl_free_error(b->h, text);
}

int jt_parse(jt_doc **out, const char *json, size_t len, char *msg,
             size_t cap)
{
    static const yajl_callbacks callbacks = {
        cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
        cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end};
    jt_build b;
    yajl_status st;
    memset(&b, 0, sizeof b);
    *out = NULL;
    msg[0] = '\0';
    if (!(b.doc = calloc(1, sizeof *b.doc))) {
        snprintf(msg, cap, "out of memory");
        return -2;
    }
    b.json = json ? json : "";
    b.len = json ? len : 0;
    b.line = 1;
    b.msg = msg;
    b.cap = cap;
    if (!(b.h = yajl_alloc(&callbacks, NULL, &b))) {
        jt_free(b.doc);
        snprintf(msg, cap, "out of memory");
        return -2;
    }
    st = yajl_parse(b.h, (const unsigned char *)b.json, b.len);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(b.h);
    if (st != yajl_status_ok || !b.doc->root) {
        size_t at = yajl_get_bytes_consumed(b.h);
        if (b.oom)
            snprintf(msg, cap, "out of memory");
        else if (b.too_deep)
            snprintf(msg, cap, "line %d: more than %d levels of nested "
                     "objects and arrays", current_line(&b), JT_MAX_DEPTH);
        else if (!b.duplicate)
            syntax_message(&b, st == yajl_status_ok ? b.len
                                                    : (at ? at - 1 : 0));
        yajl_free(b.h);
        jt_free(b.doc);
        return b.oom ? -2 : -1;
    }
    yajl_free(b.h);
    *out = b.doc;
    return 0;
}

const jt_node *jt_root(const jt_doc *doc)
{
    return doc ? doc->root : NULL;
}

const jt_node *jt_get(const jt_node *object, const char *key)
{
    const jt_node *c;
    size_t len = strlen(key);
    if (!object || object->kind != JT_OBJECT)
        return NULL;
    for (c = object->first; c; c = c->next)
        if (c->keylen == len && memcmp(c->key, key, len) == 0)
            return c;
    return NULL;
}

const char *jt_kind_name(jt_kind kind)
{
    static const char *const names[] = {
        "null", "a boolean", "an integer", "a number", "a string",
        "an object", "an array"};
    return names[kind];
}
