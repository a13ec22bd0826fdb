/* jtree.h - private: a JSON document read whole into a small tree whose
 * every value and key knows its line, for the files people write by hand
 * (product schemas, options menus, scenario and structure files), so
 * that a problem found after parsing is still reported at FILE:LINE.
 * Declarations, which must stream, have their own reader (decl_json.c). */
#ifndef RATEL_JTREE_H
#define RATEL_JTREE_H

#include <stddef.h>
#include <stdint.h>

typedef enum jt_kind {
    JT_NULL, JT_BOOL, JT_INT, JT_FLOAT, JT_STRING, JT_OBJECT, JT_ARRAY
} jt_kind;

typedef struct jt_node jt_node;
struct jt_node {
    jt_kind kind;
    int line;             /* 1-based line of the value */
    const char *key;      /* its key in the parent object, else NULL */
    size_t keylen;
    const char *text;     /* JT_STRING: the bytes (NUL-terminated; may
                             hold NULs); numbers: the text as written */
    size_t len;
    int64_t i;            /* JT_INT */
    int overflow;         /* JT_INT: beyond int64 (+1 or -1) */
    double f;             /* JT_FLOAT (and JT_INT, converted) */
    int b;                /* JT_BOOL */
    jt_node *first, *next; /* children of an object or array, in order */
    size_t n;             /* how many children */
};

typedef struct jt_doc jt_doc;

/* Parses `len` bytes of JSON. On success *out holds the document (free
 * with jt_free) and 0 is returned; on a syntax error -1 and "line L,
 * column C: <message>" in msg; on allocation failure -2 ("out of memory"
 * in msg). Nesting is limited to 64 levels, duplicate keys refused. */
int jt_parse(jt_doc **out, const char *json, size_t len, char *msg,
             size_t cap);
void jt_free(jt_doc *doc);
const jt_node *jt_root(const jt_doc *doc);

/* The member `key` of an object, or NULL. */
const jt_node *jt_get(const jt_node *object, const char *key);
/* The name of a kind for messages: "an object", "a string", ... */
const char *jt_kind_name(jt_kind kind);

#endif
