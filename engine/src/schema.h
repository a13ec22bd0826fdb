/* schema.h - private: a product's declaration format, compiled from its
 * schema file (rating-scripts/schemas/ID.json, docs/schemas.md) once per
 * engine. The declaration reader, the setters and getters, the checks,
 * and the plan's view of a declaration all walk this structure; nothing
 * in the engine names a field of a product.
 *
 * Fields are nodes in a tree. Every value lives in a slot of a record:
 * the document is one record, and each item of a list is a record of its
 * own. An object nested in a record (not in a list) keeps its fields in
 * the record's slots, so a declaration is a few flat arrays. */
#ifndef RATEL_SCHEMA_H
#define RATEL_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef enum sch_type {
    SCH_OBJECT,  /* fixed keys, each a field */
    SCH_LIST,    /* an array of objects (records) */
    SCH_FLAGS,   /* an object: code -> true/false; every code present */
    SCH_SET,     /* an array of distinct codes; seen as code -> boolean */
    SCH_MONEY,   /* integer in the currency's minor unit, 0..RATEL_MONEY_MAX */
    SCH_INTEGER,
    SCH_NUMBER,
    SCH_BOOLEAN,
    SCH_DATE,    /* "YYYY-MM-DD", kept as days since 1970-01-01 */
    SCH_TEXT,    /* UTF-8 without NUL, length in bytes within bounds */
    SCH_CODE,    /* one word of a code list */
    SCH_NTYPES
} sch_type;

extern const char *const sch_type_names[SCH_NTYPES];

/* Fields the engine itself reads, marked in the schema with "role". */
typedef enum sch_role {
    SCH_ROLE_NONE,
    SCH_ROLE_EFFECTIVE_DATE, /* picks the plan and table versions */
    SCH_ROLE_NAME,           /* the applicant's name, printed on quotes */
    SCH_ROLE_CURRENCY,       /* the currency amounts are in */
    SCH_ROLE_COVERAGES,      /* object of coverage parts: terms asked */
    SCH_ROLE_ENTITIES,       /* list of the companies of a group */
    SCH_NROLES
} sch_role;

extern const char *const sch_role_names[SCH_NROLES];

/* The most codes a flags or set field may have (bits of a slot). */
#define SCH_MAX_SET_CODES 64
#define SCH_MAX_ITEMS 100000

typedef struct sch_codes {
    const char *name;
    const char *description;
    const char *item;      /* what one code is called in messages
                              ("control"), NULL: "code" */
    const char **values;   /* may be filled from a table at engine open */
    unsigned char *lens;
    int n;
    const char *from_table; /* NULL: a fixed list */
    int missing_table;      /* from_table is not in the table database */
    int line;
} sch_codes;

typedef struct sch_node {
    const char *key;        /* name in its parent object ("" for a record) */
    size_t keylen;
    const char *path;       /* "applicant.revenue", "incidents[].paid" */
    const char *description;
    sch_type type;
    int line;               /* in the schema file */
    int parent;             /* node index, -1 for the document */
    int *children;          /* SCH_OBJECT: its fields, in schema order */
    int nchildren;
    int record;             /* record whose slots hold this node */
    int slot;               /* its slot (an object's: whether it was given) */
    int item;               /* SCH_LIST: the object node of one item */
    size_t max_items;       /* SCH_LIST */
    int codes;              /* SCH_CODE, SCH_FLAGS, SCH_SET: code list */
    int64_t min, max;       /* money, integer: value; text: bytes */
    double fmin, fmax;      /* number */
    unsigned char required;
    unsigned char has_default; /* a default value (else absent: nil) */
    unsigned char input_only;  /* a shorthand, not seen by plans */
    unsigned char role;        /* sch_role */
    int64_t def_i;          /* default: money, integer, boolean, date, code */
    double def_f;           /* default: number */
    const char *def_text;   /* default: text */
    int default_from;       /* date node whose value is the default, or -1 */
    int default_years;      /* ... plus this many years */
    int required_when;      /* sibling node: required when it is above ... */
    int64_t required_above;
    int not_after;          /* date node this date may not be after, or -1 */
    int *sets;              /* input_only: the nodes it stands for */
    int nsets;
    int *standalone;        /* a list item's field: the document's fields
                               it replaces when the item's company is
                               rated on its own (a group's entities) */
    int nstandalone;
    int shorthand_for_missing; /* the shorthand object reported when this
                                  object and it are both missing, or -1 */
    const char *default_text; /* for people: the default as JSON, or NULL */
    const char *bounds_text;  /* "0 to 100", or NULL */
    const char *note_text;    /* the rules on the field, or NULL */
    /* indexes made once the schema is compiled (sch_compile) */
    int *shorthands;        /* SCH_OBJECT: the shorthands of its record that
                               stand for fields under it, in node order */
    int nshorthands;
    unsigned char has_dates; /* a date with not_after at or under it */
    int *checks;            /* SCH_OBJECT: the fields the checks of a
                               complete document look at (objects, lists,
                               fields required, or required when) */
    int nchecks;
} sch_node;

struct decl_slot;

typedef struct sch_record {
    int node;               /* the object node of the record */
    int nslots;
    int *slot_node;         /* slot -> node */
    int *lists;             /* the slots that hold lists */
    int nlists;
    struct decl_slot *defaults; /* the record at its defaults (decl.h), to
                               copy; NULL when it has a text default */
} sch_record;

typedef struct sch_schema {
    char *file;             /* where it was loaded from */
    const char *id;
    int version;
    const char *title;
    const char *description;
    const char *money_words; /* "yen": how messages name money */
    sch_node *nodes;
    int nnodes;
    sch_codes *codes;
    int ncodes;
    sch_record *records;    /* records[0] is the document */
    int nrecords;
    int roles[SCH_NROLES];  /* node of each role, or -1 */
    int *refresh;           /* the document's nodes whose default follows
                               another date (default_from), in node order */
    int nrefresh;
    int refresh_passes;     /* 2 when a default follows one listed after
                               it (a second pass settles it), else 1 */
    char hash[65];          /* SHA-256 of the file, hex */
    struct sch_mem *mem;    /* everything above is allocated here */
    char *source;           /* the file's bytes, kept for the quote
                               journal (malloc'ed; set by the engine) */
    size_t source_len;
} sch_schema;

/* Compiles the schema in `text` (`len` bytes; `file` names it in
 * messages). On success *out is the schema (sch_free) and RATEL_OK; else
 * RATEL_EPLAN (or RATEL_ENOMEM) with "FILE:LINE: what" on e. */
int sch_compile(sch_schema **out, const char *file, const char *text,
                size_t len, ratel_err *e);
void sch_free(sch_schema *s);

/* Code lists that name a rate table: `keys` gives the count of the keys
 * of a table (the caller's table store) and, when its `keys` argument is
 * not NULL, their texts (which must outlive the schema); -1 when there is
 * no such table (the list is then empty: no code is valid), -2 when the
 * table is not a one-key text table (an error).
 * RATEL_OK, or RATEL_ETABLE / RATEL_ENOMEM with the message on e. */
typedef int (*sch_table_keys)(void *ud, const char *table,
                              const char **keys, int *n);
int sch_resolve_tables(sch_schema *s, sch_table_keys keys, void *ud,
                       ratel_err *e);

/* The child `key` (len bytes) of object node `obj`, or -1. `guess` is
 * tried first (the index among the children after the last key found). */
int sch_child(const sch_schema *s, int obj, const char *key, size_t len,
              int *guess);
/* The node at an API path ("coverages.liability.limit",
 * "incidents[].paid" or "incidents[2].paid" with the index skipped), or
 * -1. Indices found are stored in idx[] (at most `maxidx`, -1 for "[]"),
 * their count in *nidx. */
int sch_find_path(const sch_schema *s, const char *path, long *idx,
                  int maxidx, int *nidx);
/* Whether node n is the node of `role` (SCH_ROLE_...) or under it; 0
 * when the schema has no node of that role. */
int sch_under_role(const sch_schema *s, int n, int role);
/* Index of `code` (len bytes) in list `c`, or -1. */
int sch_code_find(const sch_codes *c, const char *code, size_t len);

#endif
