/* tables.h - rate tables: build (CSV sources -> SQLite), load (SQLite ->
 * memory, once per engine), and lookups (no SQL per lookup).
 * Only tables_build.c and tables_load.c include sqlite3.h.
 * See docs/tables.md for the source and database formats. */
#ifndef RATEL_TABLES_H
#define RATEL_TABLES_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "err.h"

typedef enum tbl_kind {
    TBL_EXACT = 0,  /* exact match on 1..3 keys */
    TBL_BAND = 1,   /* one numeric key; [from, to) bands, open top allowed */
    TBL_INTERP = 2  /* one numeric key; linear between points, clamped */
} tbl_kind;

typedef enum tbl_type { TBL_INT = 0, TBL_TEXT = 1, TBL_REAL = 2 } tbl_type;

#define TBL_MAX_KEYS 3

/* What a value column may hold, declared in the manifest ("factor:any");
 * checked at build and again at load. */
typedef enum tbl_domain_kind {
    TBL_DOM_POSITIVE = 0, /* > 0, the default */
    TBL_DOM_NONNEG = 1,   /* >= 0 */
    TBL_DOM_ANY = 2,      /* any finite number */
    TBL_DOM_RANGE = 3     /* lo <= v <= hi */
} tbl_domain_kind;

typedef struct tbl_domain {
    tbl_domain_kind kind;
    double lo, hi; /* TBL_DOM_RANGE */
} tbl_domain;

/* A key cell of an exact table. */
typedef struct tbl_cell {
    int64_t i;     /* TBL_INT */
    const char *s; /* TBL_TEXT, NUL-terminated, owned by the table */
} tbl_cell;

typedef struct tbl_table {
    char *name;
    char *version;
    char *source;            /* source file name, for messages */
    int32_t effective_from;  /* days since 1970-01-01 */
    char effective_str[11];  /* YYYY-MM-DD */
    char hash[17];           /* of the content: 16 hex digits of SHA-256 */
    char digest[65];         /* the same SHA-256, all 64 hex digits */
    tbl_kind kind;
    int nkeys;               /* 1..3 (1 for band and interp) */
    char *key_names[TBL_MAX_KEYS];
    tbl_type key_types[TBL_MAX_KEYS]; /* exact: INT or TEXT; else REAL */
    int nvalues;             /* >= 1 */
    char **value_names;
    tbl_domain *domains;     /* one per value column */
    size_t nrows;
    tbl_cell *keys;          /* exact: nrows * nkeys cells, rows in source order */
    double *lo, *hi;         /* band: [lo, hi), hi = +INFINITY when open;
                                interp: lo = the points, hi unused (NULL) */
    double *values;          /* nrows * nvalues */
    /* exact: open-addressing hash index of row numbers (private) */
    uint32_t *slots;
    size_t nslots;
} tbl_table;

typedef struct tbl_set {
    tbl_table *tables;       /* sorted by name, then effective_from */
    size_t n;
} tbl_set;

/* Loads every table of a database built by tbl_build. On error returns
 * RATEL_EIO (cannot open) or RATEL_ETABLE (not a ratel database, or bad
 * content) with a message on e. The caller frees *out with tbl_set_free. */
int tbl_load(tbl_set **out, const char *db_path, ratel_err *e);
void tbl_set_free(tbl_set *set);

/* The version of table `name` in force on `date` (the latest whose
 * effective_from <= date), or NULL. Also NULL when no such name exists;
 * tbl_has_name tells the two apart. */
const tbl_table *tbl_find(const tbl_set *set, const char *name, int32_t date);
int tbl_has_name(const tbl_set *set, const char *name);

/* A key given to a lookup: text (s, len) or a number (num; is_int and i
 * when it is an integer value). */
typedef struct tbl_key {
    int is_text;
    const char *s;
    size_t len;
    double num;
    int is_int;
    int64_t i;
} tbl_key;

/* "exact", "band" or "interpolate" (the manifest's and database's word). */
const char *tbl_kind_name(tbl_kind k);

/* Computes t->hash and t->digest from the table's columns and rows, so a
 * quote can show which content it used even if a version number was not
 * bumped. 0, or -1 out of memory. */
int tbl_hash_content(tbl_table *t);

/* One table version as a canonical JSON document (tables_json.c), for the
 * quote journal: tbl_json_write appends it to b (RATEL_OK or
 * RATEL_ENOMEM); tbl_json_read rebuilds the table from such a document,
 * checked as strictly as a database's, its hash computed (RATEL_ETABLE
 * with `what` and the line in the message, or RATEL_ENOMEM; t is then
 * empty). */
int tbl_json_write(const tbl_table *t, buf *b);
int tbl_json_read(tbl_table *t, const char *json, size_t len,
                  const char *what, ratel_err *e);
/* A set built from such documents (an empty set from calloc, freed with
 * tbl_set_free): tbl_set_add_json adds the table of one; tbl_set_sort
 * then orders the set and refuses two versions of a table on one date
 * (RATEL_ETABLE). */
int tbl_set_add_json(tbl_set *set, const char *json, size_t len,
                     const char *what, ratel_err *e);
int tbl_set_sort(tbl_set *set, ratel_err *e);

/* Looks up `nkeys` keys (must equal t->nkeys) and writes the t->nvalues
 * values of the match into out. Returns 0 on a match, -1 when no row
 * matches (exact: no such key; band: below the first band or beyond a
 * closed top), -2 when a key has the wrong type for its column (text for a
 * number or the other way round, NaN). Interpolation clamps at both ends. */
int tbl_lookup(const tbl_table *t, const tbl_key *keys, int nkeys,
               double *out);

/* Builds the database at db_path from the sources in src_dir, atomically
 * (written to a temporary file, then renamed). Every problem found is
 * appended to `errors` as "file:line: message\n"; returns RATEL_OK,
 * RATEL_ETABLE (invalid sources) or RATEL_EIO. */
int tbl_build(const char *src_dir, const char *db_path,
              const char *schemas_dir, buf *errors, buf *warnings);

/* Validates the sources in src_dir as tbl_build does, writing nothing.
 * Both check the keys a manifest declares as codes of a product schema
 * against the schemas in schemas_dir (NULL: none given, and such keys
 * are an error); a code with no row in a table that must have one for
 * every code is a warning, appended to `warnings`. */
int tbl_check_sources(const char *src_dir, const char *schemas_dir,
                      buf *errors, buf *warnings);

#endif
