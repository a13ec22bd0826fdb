/* decl.h - a declaration: the values of one document of a product schema
 * (schema.h), in flat arrays of slots, one array per record (the document
 * and each item of its lists). The reader (decl_json.c), the setters and
 * getters (decl_set.c), the checks (decl_check.c) and the plan's view
 * (sandbox_decl.c) all walk the schema; see docs/schemas.md. */
#ifndef RATEL_DECL_H
#define RATEL_DECL_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "err.h"
#include "ratel.h"
#include "schema.h"

typedef struct decl_list decl_list;

/* One value. Text lives in the declaration's text buffer at offset v.i. */
typedef struct decl_slot {
    union {
        int64_t i;      /* money, integer, boolean, date (days), code
                           (index), text (offset) */
        double f;       /* number */
        uint64_t bits;  /* flags, set: bit i is code i */
        decl_list *list; /* list: NULL when empty */
    } v;
    uint32_t len;       /* text: bytes */
    uint16_t via;       /* 1 + the node of the shorthand that gave it */
    uint8_t given;      /* DECL_GIVEN: a valid value was given */
    uint8_t absent;     /* no value: not given and no default (nil) */
} decl_slot;

enum { DECL_SEEN = 1, DECL_GIVEN = 2 };

/* The items of a list: n records of the item's record type, one after
 * the other (n * nslots slots). */
struct decl_list {
    size_t n, cap;
    decl_slot *items;
};

struct ratel_decl {
    const sch_schema *schema; /* borrowed from the engine */
    decl_slot *root;          /* the document's record */
    buf text;                 /* the bytes of every text value */
    char *source;             /* the JSON it was parsed from, kept for the
                                 quote journal (journal.h); NULL when not
                                 kept or once a setter changed it */
    size_t source_len;
    int complete;             /* 1: its required fields and cross-field
                                 rules were checked and hold (the reader
                                 checked them); every change clears it */
};

/* A new, empty declaration of `s` (every slot at its default). NULL when
 * out of memory. */
struct ratel_decl *decl_new(const sch_schema *s);
void decl_free(struct ratel_decl *d);
/* The schema `id` of the context's engine (NULL: the default plan's), or
 * NULL with RATEL_ENOTFOUND in *rc and on the context (decl_api.c). */
const sch_schema *decl_api_schema(ratel_ctx *ctx, const char *id, int *rc);


/* Another schema by id (len bytes), for a document that names one in
 * its "schema" key; NULL when there is none. */
typedef const sch_schema *(*decl_find_schema)(void *ud, const char *id,
                                              size_t len);

/* Parses and validates JSON into a new declaration in *out, of schema
 * `s`, or of the schema the document names in a "schema" key that comes
 * first (found through `find`, which may be NULL). Collects every error
 * as a field error on `e` and returns RATEL_EDECL (*out NULL), or
 * RATEL_OK, or RATEL_ENOMEM. */
int decl_parse_json(struct ratel_decl **out, const sch_schema *s,
                    decl_find_schema find, void *find_ud, const char *json,
                    size_t len, ratel_err *e);

/* Checks that every required field is present and the cross-field rules
 * hold (docs/schemas.md); adds a field error for each problem and returns
 * RATEL_EDECL (message finished), else RATEL_OK. Before rating a
 * declaration built through the API. */
int decl_check_complete(const struct ratel_decl *d, ratel_err *e);
/* The same after the reader: field errors added, the message not yet
 * finished, list items' own fields not checked again (the reader checked
 * each at its end). RATEL_OK, RATEL_EDECL or RATEL_ENOMEM. */
int decl_check_document(const struct ratel_decl *d, ratel_err *e);
/* Whether decl_check_item would find nothing to report about the list
 * item (node `item`, its slots): 1, or 0 (then it may). */
int decl_item_quiet(const struct ratel_decl *d, int item,
                    const decl_slot *slots);
/* The required fields of one list item (node `item`, its slots), with
 * errors at `path` + ".field"; counts them in *nerrors. RATEL_OK,
 * RATEL_EDECL or RATEL_ENOMEM. */
int decl_check_item(const struct ratel_decl *d, int item,
                    const decl_slot *slots, const char *path, ratel_err *e,
                    int *nerrors);
/* Recomputes the defaults that follow other fields (default_from). */
void decl_refresh_defaults(struct ratel_decl *d);

/* The slot of node n of the document record (n in record 0). */
static inline const decl_slot *decl_root_slot(const struct ratel_decl *d,
                                              int n)
{
    return &d->root[d->schema->nodes[n].slot];
}
/* The text of a text slot. */
static inline const char *decl_text(const struct ratel_decl *d,
                                    const decl_slot *v)
{
    return d->text.data ? d->text.data + v->v.i : "";
}
/* The effective date (days since 1970-01-01) and the applicant's name
 * ("" without a name role). */
int32_t decl_effective_date(const struct ratel_decl *d);
const char *decl_applicant_name(const struct ratel_decl *d, size_t *len);
/* The currency code ("JPY" when the schema has no currency role). */
const char *decl_currency(const struct ratel_decl *d);

/* Dates: "YYYY-MM-DD" (exactly 10 bytes, a real calendar date, years
 * 1900..2999) to days since 1970-01-01; returns 0 or -1 if invalid. */
int decl_date_parse(const char *s, size_t len, int32_t *days);
/* Days to "YYYY-MM-DD" in out[11]. */
void decl_date_format(int32_t days, char out[11]);
/* The same day `years` later (29 February becomes 28 February); -1 when
 * out of 1900..2999. */
int decl_date_add_years(int32_t days, int years, int32_t *out);

#endif
