/* tables_int.h - private parts of the rate-table module shared by its
 * files: limits, the problem reporter, the CSV reader, the source model,
 * shared validation and the hash index. Not for other modules. */
#ifndef RATEL_TABLES_INT_H
#define RATEL_TABLES_INT_H

#include <stddef.h>
#include <stdint.h>
#include "tables.h"

/* Limits (documented in docs/tables.md). */
#define TBL_MAX_FILE_BYTES ((size_t)64 << 20) /* one source file */
#define TBL_MAX_RECORD_BYTES 65536            /* one CSV record, decoded */
#define TBL_MAX_CELLS 64                      /* cells in one CSV record */
#define TBL_MAX_ROWS 1000000                  /* data rows in one table */
#define TBL_MAX_TABLES 10000                  /* manifest entries */
#define TBL_MAX_VALUES 32                     /* value columns of a table */
#define TBL_MAX_NAME 64                       /* names and versions, bytes */
#define TBL_MAX_PROBLEMS 200                  /* problems listed in full */
#define TBL_MAX_COLS (TBL_MAX_KEYS + 1 + TBL_MAX_VALUES) /* columns a table */

/* Returned by internal steps when a problem was reported (positive, so it
 * never equals a ratel_code such as RATEL_ENOMEM). */
#define TBL_BAD 1

#define TBL_SCHEMA_VERSION 2
#define TBL_FORMAT "ratel-tables"
#define TBL_MANIFEST "manifest.csv"

/* ---- problem reporter: collects "file:line: message\n" lines ---------- */

typedef struct tbl_report {
    buf *out;
    size_t count;       /* problems reported, including those not shown */
    const char *prefix; /* put before each line when not NULL */
} tbl_report;

void tbl_report_init(tbl_report *r, buf *out);
/* Adds a problem; line 0 leaves the line number out. */
void tbl_report_add(tbl_report *r, const char *file, long line,
                    const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends the "N more problems" line when some were not shown. */
void tbl_report_finish(tbl_report *r);

/* ---- small helpers (tables_util.c) ------------------------------------ */

/* [a-z0-9_]+, at most TBL_MAX_NAME bytes. */
int tbl_valid_name(const char *s, size_t len);
/* [A-Za-z0-9._-]+, at most TBL_MAX_NAME bytes. */
int tbl_valid_version(const char *s, size_t len);
int tbl_kind_parse(const char *s, tbl_kind *k); /* 0 or -1 */
const char *tbl_type_name(tbl_type t);
int tbl_type_parse(const char *s, tbl_type *t); /* 0 or -1 */

/* The role of a column (ratel_columns.role; header columns of sources). */
typedef enum tbl_role {
    TBL_ROLE_KEY = 0,   /* an exact key, or the points of an interpolation */
    TBL_ROLE_VALUE = 1,
    TBL_ROLE_FROM = 2,  /* band lower bound (inclusive) */
    TBL_ROLE_TO = 3     /* band upper bound (exclusive; NULL/empty = open) */
} tbl_role;
const char *tbl_role_name(tbl_role r);
int tbl_role_parse(const char *s, tbl_role *r); /* 0 or -1 */
/* A decimal number (sign, fraction, exponent; no hex, inf, nan, spaces),
 * finite, converted independently of the locale. 0, -1 (not such a
 * number) or TBL_UNDERFLOW (not zero, but too close to zero to be held:
 * it would read as 0 or lose its precision). */
#define TBL_UNDERFLOW (-2)
int tbl_parse_number(const char *s, size_t len, double *out);
/* An integer [+-]digits that fits int64_t. 0 or -1. */
int tbl_parse_int(const char *s, size_t len, int64_t *out);
/* Shortest round-trip text of v (for messages) in out. */
const char *tbl_num_text(double v, char out[40]);
/* Frees everything a table owns and zeroes it. */
void tbl_table_dispose(tbl_table *t);
/* Allocates the rows of t (n > 0) for its kind, keys and values: 0, or
 * RATEL_ENOMEM (what was allocated is freed with the table). */
int tbl_rows_alloc(tbl_table *t, size_t n);
/* qsort order of table versions: by name, then effective_from. */
int tbl_version_cmp(const void *a, const void *b);

/*
 * Key cells while a table is being filled: a TEXT cell has s == NULL and
 * i = the offset of its NUL-terminated text in a pool. tbl_finish_keys
 * moves cells and pool into one block (so freeing t->keys frees the
 * strings too) and then sets, for each TEXT cell, s to its text and i to
 * its length in bytes (lookups compare lengths first, never call strlen).
 */
int tbl_finish_keys(tbl_table *t, const buf *pool);

/* ---- value domains (tables_domain.c) --------------------------------- */

/* "positive", "non-negative", "any" or "LO..HI" (two numbers, LO < HI).
 * 0 or -1. */
int tbl_domain_parse(const char *s, size_t len, tbl_domain *d);
/* Appends the text tbl_domain_parse reads back to the same domain. */
void tbl_domain_text(const tbl_domain *d, buf *out);
/* Whether v (finite) lies in d. */
int tbl_domain_holds(const tbl_domain *d, double v);

/* ---- database schema and fingerprint (tables_schema.c, tables_hash.c) */

/* The CREATE TABLE statements of a table database, exactly as the build
 * runs them and as the load expects to find them in sqlite_schema. */
enum { TBL_SCHEMA_TABLES = 5 };
extern const char *const tbl_schema_names[TBL_SCHEMA_TABLES];
extern const char *const tbl_schema_sql[TBL_SCHEMA_TABLES];

/* The ratel_meta key of the database's fingerprint: the SHA-256 (64 hex
 * digits) of the lines tbl_hash_set_add appends for every table, in the
 * order of name and effective date (each table's tbl_hash_content first). */
#define TBL_META_HASH "content_hash"
/* Appends t's line: its name, version, effective date, kind, digest and
 * value domains. */
void tbl_hash_set_add(buf *text, const tbl_table *t);

/* ---- key cells (tables_keys.c) ---------------------------------------- */

/* Checks every text key of an exact table: no byte-order mark, no control
 * character, no leading or trailing space (ASCII, no-break or ideographic):
 * a key that looks like another key but is not. Problems go to r. */
void tbl_check_text_keys(const tbl_table *t, const uint32_t *lines,
                         tbl_report *r);

/* ---- hash index (tables_index.c) -------------------------------------- */

/* FNV-1a, 64 bit: fixed, independent of addresses and of the platform. */
#define TBL_FNV_OFFSET 14695981039346656037ull
#define TBL_FNV_PRIME 1099511628211ull

static inline uint64_t tbl_hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t k;
    for (k = 0; k < n; k++)
        h = (h ^ b[k]) * TBL_FNV_PRIME;
    return (h ^ 0xffu) * TBL_FNV_PRIME; /* 0xff never occurs in UTF-8 */
}

/* The 8 bytes of v, least significant first (written out: a loop costs
 * as much again on every lookup). */
static inline uint64_t tbl_hash_int(uint64_t h, int64_t v)
{
    uint64_t u = (uint64_t)v;
    h = (h ^ (u & 0xffu)) * TBL_FNV_PRIME;
    h = (h ^ (u >> 8 & 0xffu)) * TBL_FNV_PRIME;
    h = (h ^ (u >> 16 & 0xffu)) * TBL_FNV_PRIME;
    h = (h ^ (u >> 24 & 0xffu)) * TBL_FNV_PRIME;
    h = (h ^ (u >> 32 & 0xffu)) * TBL_FNV_PRIME;
    h = (h ^ (u >> 40 & 0xffu)) * TBL_FNV_PRIME;
    h = (h ^ (u >> 48 & 0xffu)) * TBL_FNV_PRIME;
    return (h ^ (u >> 56)) * TBL_FNV_PRIME;
}

/* Builds t->slots for an exact table. Reports each duplicate key tuple
 * (lines[] gives the source line of each row). RATEL_OK or RATEL_ENOMEM. */
int tbl_index_build(tbl_table *t, const uint32_t *lines, tbl_report *r);


/* ---- shared validation (tables_validate.c) ---------------------------- */

/* Sources only: sorts band and interpolate rows by their key (ties by
 * line), permuting lo, hi, values and lines along. RATEL_OK or ENOMEM. */
int tbl_sort_rows(tbl_table *t, uint32_t *lines);

/* Checks what every table must satisfy (rows present, values finite and
 * in their column's domain, bands [from, to) contiguous with only the last
 * one open, interpolation points strictly increasing and at least 2, exact
 * keys clean (tbl_check_text_keys) and unique) and builds the exact index. `header_line` is the line named when there are no rows.
 * Problems go to r; returns RATEL_OK or RATEL_ENOMEM. */
int tbl_validate(tbl_table *t, const uint32_t *lines, long header_line,
                 tbl_report *r);

/* ---- sources (tables_source.c) ---------------------------------------- */

/* The type a manifest declares for a key column of an exact table
 * ("limit:integer"); without one the cells decide, and must agree. */
typedef enum tbl_key_decl {
    TBL_KEY_UNDECLARED = 0,
    TBL_KEY_INTEGER = 1,
    TBL_KEY_TEXT = 2
} tbl_key_decl;

typedef struct tbl_src {
    tbl_table t;
    tbl_key_decl key_decl[TBL_MAX_KEYS];
    /* "code(REF)" or "every(REF)" after a key name: the code lists of the
     * product schemas its keys must be in (REF as written), or NULL; with
     * every, each code of the lists should have a row (tables_codes.c). */
    char *codes[TBL_MAX_KEYS];
    unsigned char every[TBL_MAX_KEYS];
    uint32_t *lines; /* source line of each row */
    long mline;      /* its line in manifest.csv */
    int bad;         /* the manifest line or the file had problems */
} tbl_src;

typedef struct tbl_srcs {
    tbl_src *v; /* sorted by name, effective_from, manifest line */
    size_t n;
} tbl_srcs;

/* Reads and validates manifest.csv and every table it names, code keys
 * against the schemas in `schemas_dir` (NULL: none given). Problems go
 * to r (r->count > 0 means invalid), warnings to `warnings` as
 * "file:line: warning: ...\n". Returns RATEL_OK, RATEL_EIO (no source
 * directory or manifest) or RATEL_ENOMEM. Free with tbl_srcs_free in
 * every case. */
int tbl_srcs_read(tbl_srcs *s, const char *dir, const char *schemas_dir,
                  tbl_report *r, buf *warnings);
void tbl_srcs_free(tbl_srcs *s);

/* ---- code keys (tables_codes.c) --------------------------------------- */

/* The product schemas a build has read, by id (tables_codes.c). */
typedef struct tbl_schemas tbl_schemas;

/* An empty cache of the schemas in `dir` (NULL: no folder given), or
 * NULL out of memory. */
tbl_schemas *tbl_schemas_new(const char *dir);
void tbl_schemas_free(tbl_schemas *c);

/* Checks the code keys of table s (read without problems): each key in
 * its lists (else an error with the file, line, key and the nearest
 * code), and with every, each code with a row (else a warning). A list
 * that cannot be read is an error at the manifest line. RATEL_OK or
 * RATEL_ENOMEM. */
int tbl_check_codes(const tbl_src *s, tbl_schemas *c, tbl_report *r,
                    buf *warnings);

/* Exact tables (tables_keys.c): decides each key column's type (declared,
 * else integer when every cell is one and text when none looks like one),
 * reporting the cells that do not fit, then gathers the key strings
 * (tbl_finish_keys). RATEL_OK or RATEL_ENOMEM. */
int tbl_type_keys(tbl_src *s, const buf *pool, tbl_report *r);

/* ---- CSV reader (tables_csv.c) ---------------------------------------- */

typedef struct tbl_csv {
    char *data;
    size_t len, pos;
    long line;          /* physical line at pos, 1-based */
    const char *file;   /* name used in messages */
    int refused;        /* its bytes were reported (invalid UTF-8, ...) */
    buf text;           /* decoded cells of the current record */
    size_t offs[TBL_MAX_CELLS];
    /* the current record */
    long rec_line;
    size_t ncells;
    const char *cells[TBL_MAX_CELLS]; /* NUL-terminated */
    size_t lens[TBL_MAX_CELLS];
} tbl_csv;

/* Reads `path` whole. Returns 0, or a file_read_regular code (fileio.h:
 * EFBIG when larger than TBL_MAX_FILE_BYTES, FILE_NOT_REGULAR, ...).
 * Invalid UTF-8, a NUL byte or a carriage return without a line feed is
 * reported to r (then the reader yields no records). A UTF-8 BOM at the
 * start is skipped. */
int tbl_csv_open(tbl_csv *c, const char *path, const char *file,
                 tbl_report *r);
/* Next record: 1 (see cells), 0 at the end, -1 out of memory. Comment
 * and blank lines are skipped; malformed records are reported and
 * skipped. */
int tbl_csv_next(tbl_csv *c, tbl_report *r);
void tbl_csv_close(tbl_csv *c);

#endif
