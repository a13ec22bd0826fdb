/* decl_fields.h - private: which values a field of a schema accepts, and
 * the messages about the ones it refuses, shared by the JSON reader
 * (decl_json.c), the setters (decl_set.c), the checks (decl_check.c), the
 * schema compiler (defaults) and the option readers, so all of them
 * accept the same values and say the same thing about the others. */
#ifndef RATEL_DECL_FIELDS_H
#define RATEL_DECL_FIELDS_H

#include <stddef.h>
#include <stdint.h>
#include "decl.h"

/* A value as read from JSON or given to a setter. */
typedef enum decl_vkind {
    DECL_V_NULL, DECL_V_BOOL, DECL_V_INT, DECL_V_FLOAT, DECL_V_STRING,
    DECL_V_OBJECT, DECL_V_ARRAY
} decl_vkind;

typedef struct decl_value {
    decl_vkind kind;
    const char *text; /* string bytes, or a number as written; may be NULL
                         for a number given to a setter */
    size_t len;
    int64_t i;        /* DECL_V_INT */
    int overflow;     /* DECL_V_INT: text beyond int64 (+1 or -1) */
    double f;         /* DECL_V_FLOAT */
    int b;            /* DECL_V_BOOL */
} decl_value;

/* Classifies a JSON number's text (integer or not) and converts it,
 * without the C locale. The text must follow JSON's number grammar (the
 * lexer checked it): an integer part, then a fraction or exponent. */
void decl_value_number(decl_value *v, const char *text, size_t len);

/* A checked value, converted: i for money, integers, booleans, dates and
 * codes; f for numbers; s/len for text. */
typedef struct decl_scalar {
    int64_t i;
    double f;
    const char *s;
    size_t len;
} decl_scalar;

/* Room for any message below. */
#define DECL_MSG_MAX 640

/* Whether `v` is valid for node `n` of `s` (objects, lists and flags
 * accept their container kind; a set accepts an array): 0 and the
 * converted value in *out, or -1 (no message). */
int decl_node_accept(const sch_schema *s, const sch_node *n,
                     const decl_value *v, decl_scalar *out);
/* For a value decl_node_accept refused: "expected ..., got ..." in msg. */
void decl_node_refusal(const sch_schema *s, const sch_node *n,
                       const decl_value *v, char *msg, size_t cap);
/* Both: 0 and the converted value, or -1 with the refusal in msg. */
int decl_node_check(const sch_schema *s, const sch_node *n,
                    const decl_value *v, decl_scalar *out, char *msg,
                    size_t cap);
/* A code of the list of a code, flags or set node: accept as above. */
int decl_code_accept(const sch_schema *s, const sch_node *n,
                     const decl_value *v, decl_scalar *out);
void decl_code_refusal(const sch_schema *s, const sch_node *n,
                       const decl_value *v, char *msg, size_t cap);

/* "required field is missing; expected ..." for node n. */
void decl_missing_message(const sch_schema *s, const sch_node *n,
                          char *msg, size_t cap);
/* "unknown key; expected one of a, b, c; did you mean ...?" for a key of
 * object node `obj` (a flags node: "unknown control; ..."). Input-only
 * fields are listed unless `plan_view`. */
void decl_unknown_key_message(const sch_schema *s, const sch_node *obj,
                              const char *key, size_t len, char *msg,
                              size_t cap);
/* The name among `names` (n of them) closest to `got` when it is close
 * enough to be a misspelling of it, else NULL. */
const char *decl_closest(const char *const *names, int n, const char *got,
                         size_t len);
/* "; did you mean "x"?" for `got` among `names` (n of them), or "". */
void decl_suggest(const char *const *names, int n, const char *got,
                  size_t len, char *msg, size_t cap);
/* Appends to `path` (NUL-terminated, room `cap`) ".key" or, for a key that
 * is not a plain identifier, ["key"] escaped and shortened. */
void decl_path_append_key(char *path, size_t cap, const char *key,
                          size_t len);
/* Length of the valid UTF-8 sequence at s (n > 0 bytes left): 1 for any
 * ASCII byte (NUL included), 0 if invalid. */
size_t decl_utf8_seq(const unsigned char *s, size_t n);
/* The 1-based line and column (in characters) of byte `at` of json. */
void decl_json_position(const char *json, size_t len, size_t at, int *line,
                        int *column);

/* Stores a checked scalar into slot `v` of declaration d (text is
 * appended to d's text). RATEL_OK or RATEL_ENOMEM. */
int decl_store(struct ratel_decl *d, const sch_node *n, decl_slot *v,
               const decl_scalar *sc);

/* The slots of record instance `slots` of node n's record: &slots[slot]. */
static inline decl_slot *decl_slot_of(decl_slot *slots, const sch_node *n)
{
    return &slots[n->slot];
}

/* Appends an item (at its defaults) to the list in slot `v` of node
 * `list`; returns the item's slots or NULL when out of memory. */
decl_slot *decl_list_append(struct ratel_decl *d, const sch_node *list,
                            decl_slot *v);
/* The slots of item i of the list in slot v (n_slots of its record). */
static inline decl_slot *decl_list_item(const sch_schema *s,
                                        const sch_node *list,
                                        const decl_slot *v, size_t i)
{
    int rec = s->nodes[list->item].record;
    return v->v.list->items + i * (size_t)s->records[rec].nslots;
}
/* Fills `slots` with the defaults of record `rec` of s, as
 * decl_record_init does, when none of its fields has a text default:
 * 0, else -1 (a text default lives in a declaration's text). */
int decl_record_defaults(const sch_schema *s, int rec, decl_slot *slots);

/* Where a path leads: the node, the slots of the record instance that
 * holds it, and for "controls.mfa" (a code of flags or a set) the code. */
typedef struct decl_place {
    int node;
    decl_slot *slots;
    int code;
} decl_place;

/* Follows a path (docs/schemas.md: "a.b", "list[2].c", "flags.code").
 * RATEL_OK; RATEL_EARG (no such field, or an index missing) or
 * RATEL_ENOTFOUND (an index past the end), with why in `why`. */
int decl_locate(const struct ratel_decl *d, const char *path,
                decl_place *at, char *why, size_t cap);

/* Setters on a declaration by path, reporting on `e` with the reader's
 * messages. A failed call changes nothing. */
int decl_set_value(struct ratel_decl *d, ratel_err *e, const char *path,
                   const decl_value *v);
/* decl_new without the defaults that follow a date
 * (decl_refresh_defaults): for the reader, which refreshes them once the
 * document is read, before anything reads them. */
struct ratel_decl *decl_new_unrefreshed(const sch_schema *s);
/* decl_set_value without refreshing the defaults that follow a date
 * (decl_refresh_defaults): for callers setting several fields at once. */
int decl_put_value(struct ratel_decl *d, ratel_err *e, const char *path,
                   const decl_value *v);
/* decl_put_value at the place decl_locate found for `path` in d (path
 * only names the field in messages). */
int decl_put_at(struct ratel_decl *d, ratel_err *e, const char *path,
                const decl_place *at, const decl_value *v);
/* decl_put_at without marking the objects above the field (and above
 * those a shorthand stands for) as given: for a caller that marks them
 * itself (a menu's options, which set the same fields again and again). */
int decl_put_at_unmarked(struct ratel_decl *d, ratel_err *e,
                         const char *path, const decl_place *at,
                         const decl_value *v);
/* Appends an item at its defaults to the list at `path`; its index in
 * *index. */
int decl_append(struct ratel_decl *d, ratel_err *e, const char *path,
                size_t *index);

/* What a path holds, for the getters: the node, its slot, the code. */
typedef struct decl_got {
    const sch_node *node;
    const decl_slot *slot;
    int code;
} decl_got;
/* RATEL_OK, or RATEL_ENOTFOUND (no such field or item), RATEL_EARG. */
int decl_get(const struct ratel_decl *d, const char *path, decl_got *out);

#endif
