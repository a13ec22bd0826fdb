/* tables_source.c - reads table sources: manifest.csv, then each table CSV
 * it names, into memory, reporting every problem with its file and line.
 * tbl_check_sources is the "validate only" entry point. */
#include "tables_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "decl.h"
#include "fileio.h"

static const char *const manifest_cols[] = {
    "file", "name", "version", "effective_from", "kind", "keys", "values"};
enum { M_FILE, M_NAME, M_VERSION, M_DATE, M_KIND, M_KEYS, M_VALUES, M_N };

typedef struct colspec {
    char name[TBL_MAX_NAME + 6];
    tbl_role role;
    int index; /* key or value index */
} colspec;

/* The columns a table's header must have, in canonical order. */
static int expected_columns(const tbl_table *t, colspec *cols)
{
    int n = 0, j;
    if (t->kind == TBL_BAND) {
        snprintf(cols[n].name, sizeof cols[n].name, "%s_from", t->key_names[0]);
        cols[n].role = TBL_ROLE_FROM;
        cols[n++].index = 0;
        snprintf(cols[n].name, sizeof cols[n].name, "%s_to", t->key_names[0]);
        cols[n].role = TBL_ROLE_TO;
        cols[n++].index = 0;
    } else {
        for (j = 0; j < t->nkeys; j++) {
            snprintf(cols[n].name, sizeof cols[n].name, "%s", t->key_names[j]);
            cols[n].role = TBL_ROLE_KEY;
            cols[n++].index = j;
        }
    }
    for (j = 0; j < t->nvalues; j++) {
        snprintf(cols[n].name, sizeof cols[n].name, "%s", t->value_names[j]);
        cols[n].role = TBL_ROLE_VALUE;
        cols[n++].index = j;
    }
    return n;
}

/* Splits "a b:x c" (names, each with an optional ":suffix", separated by
 * single spaces) into at most `max` fresh name strings and the suffix of
 * each (suffix[k] NULL when none). Returns the count, or -1 for bad syntax,
 * bad names or too many, -3 out of memory (then nothing is allocated). */
static int split_names(const char *s, size_t len, char **out, int max,
                       const char **suffix, size_t *suffix_len)
{
    int n = 0, rc = 0;
    size_t start = 0, k;
    for (k = 0; k <= len && rc == 0; k++) {
        const char *colon;
        size_t name_len;
        if (k < len && s[k] != ' ')
            continue;
        colon = memchr(s + start, ':', k - start);
        name_len = colon ? (size_t)(colon - (s + start)) : k - start;
        if (!tbl_valid_name(s + start, name_len) || n == max ||
            (colon && colon + 1 == s + k)) {
            rc = -1;
        } else if (!(out[n] = strndup(s + start, name_len))) {
            rc = -3;
        } else {
            suffix[n] = colon ? colon + 1 : NULL;
            suffix_len[n++] = colon ? (size_t)(s + k - colon - 1) : 0;
        }
        start = k + 1;
    }
    if (rc == 0)
        return n;
    while (n > 0) {
        free(out[--n]);
        out[n] = NULL;
    }
    return rc;
}

/* The REF of "code(REF)" or "every(REF)" (x, n bytes): its offset in x
 * and its length, *every set for the second; 0, or -1 when x is neither. */
static int code_ref(const char *x, size_t n, size_t *at, size_t *len,
                    int *every)
{
    size_t word = n > 5 && memcmp(x, "code(", 5) == 0    ? 5
                  : n > 6 && memcmp(x, "every(", 6) == 0 ? 6
                                                         : 0;
    if (word == 0 || n == word + 1 || x[n - 1] != ')')
        return -1;
    *at = word;
    *len = n - word - 1;
    *every = word == 6;
    return 0;
}

/* Reads the ":integer", ":text", ":code(REF)" or ":every(REF)" after a
 * key name into s->key_decl and s->codes; only exact tables' keys take
 * one. Codes are text keys. Returns 0 or RATEL_ENOMEM. */
static int parse_key_types(tbl_src *s, const char *const *suffix,
                           const size_t *suffix_len, long ln, tbl_report *r)
{
    const tbl_table *t = &s->t;
    int k, every;
    for (k = 0; k < t->nkeys; k++) {
        const char *x = suffix[k];
        size_t n = suffix_len[k], at, len;
        if (!x)
            continue;
        if (t->kind == TBL_EXACT && n == 7 && memcmp(x, "integer", 7) == 0) {
            s->key_decl[k] = TBL_KEY_INTEGER;
        } else if (t->kind == TBL_EXACT && n == 4 &&
                   memcmp(x, "text", 4) == 0) {
            s->key_decl[k] = TBL_KEY_TEXT;
        } else if (t->kind == TBL_EXACT &&
                   code_ref(x, n, &at, &len, &every) == 0) {
            s->key_decl[k] = TBL_KEY_TEXT;
            s->every[k] = (unsigned char)every;
            if (!(s->codes[k] = strndup(x + at, len)))
                return RATEL_ENOMEM;
        } else {
            tbl_report_add(r, TBL_MANIFEST, ln,
                           "invalid type \"%.*s\" of key %s (%s)",
                           (int)(n > 60 ? 60 : n), x, t->key_names[k],
                           t->kind == TBL_EXACT
                               ? "integer, text, code(SCHEMA.LIST) or "
                                 "every(SCHEMA.LIST)"
                               : "only the keys of exact tables take a type");
        }
    }
    return 0;
}

/* Reads the ":domain" after each value name into t->domains (default:
 * positive). */
static void parse_domains(tbl_table *t, const char *const *suffix,
                          const size_t *suffix_len, long ln, tbl_report *r)
{
    int k;
    for (k = 0; k < t->nvalues; k++)
        if (suffix[k] &&
            tbl_domain_parse(suffix[k], suffix_len[k], &t->domains[k]) != 0)
            tbl_report_add(r, TBL_MANIFEST, ln,
                           "invalid domain \"%.*s\" of column %s (positive, "
                           "non-negative, any or a range LO..HI)",
                           (int)(suffix_len[k] > 60 ? 60 : suffix_len[k]),
                           suffix[k], t->value_names[k]);
}

/* Fills name, version, date, kind, keys and values of s from a manifest
 * record, reporting each bad field. Returns 0, TBL_BAD or RATEL_ENOMEM. */
static int parse_manifest_line(tbl_src *s, const tbl_csv *c, tbl_report *r)
{
    tbl_table *t = &s->t;
    const char *const *f = c->cells;
    const size_t *fl = c->lens;
    size_t before = r->count;
    long ln = c->rec_line;
    int n, kind_ok;
    char **values;
    const char *suffix[TBL_MAX_VALUES];
    size_t suffix_len[TBL_MAX_VALUES];

    s->mline = ln;
    if (fl[M_FILE] == 0 || fl[M_FILE] > 255 || f[M_FILE][0] == '.' ||
        strpbrk(f[M_FILE], "/\\"))
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "invalid file \"%.60s\" (a file name in the source "
                       "directory, not starting with '.')", f[M_FILE]);
    if (!tbl_valid_name(f[M_NAME], fl[M_NAME]))
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "invalid table name \"%.60s\" (expected [a-z0-9_]+, "
                       "at most %d bytes)", f[M_NAME], TBL_MAX_NAME);
    if (!tbl_valid_version(f[M_VERSION], fl[M_VERSION]))
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "invalid version \"%.60s\" (expected [A-Za-z0-9._-]+, "
                       "at most %d bytes)", f[M_VERSION], TBL_MAX_NAME);
    if (decl_date_parse(f[M_DATE], fl[M_DATE], &t->effective_from) != 0)
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "invalid effective_from \"%.60s\" (expected a date "
                       "YYYY-MM-DD)", f[M_DATE]);
    kind_ok = tbl_kind_parse(f[M_KIND], &t->kind) == 0;
    if (!kind_ok)
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "unknown kind \"%.60s\" (expected exact, band or "
                       "interpolate)", f[M_KIND]);
    n = split_names(f[M_KEYS], fl[M_KEYS], t->key_names, TBL_MAX_KEYS,
                    suffix, suffix_len);
    if (n == -3)
        return RATEL_ENOMEM;
    if (n < 0)
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "invalid keys \"%.60s\" (1 to %d names [a-z0-9_]+, "
                       "each with an optional :integer or :text, separated "
                       "by single spaces)", f[M_KEYS], TBL_MAX_KEYS);
    else if (n != 1 && kind_ok && t->kind != TBL_EXACT)
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "a %s table takes exactly one key, not %d",
                       tbl_kind_name(t->kind), n);
    t->nkeys = n < 0 ? 0 : n;
    if (kind_ok && parse_key_types(s, suffix, suffix_len, ln, r))
        return RATEL_ENOMEM;
    values = calloc(TBL_MAX_VALUES, sizeof *values);
    if (!values)
        return RATEL_ENOMEM;
    t->value_names = values;
    if (!(t->domains = calloc(TBL_MAX_VALUES, sizeof *t->domains)))
        return RATEL_ENOMEM;
    n = split_names(f[M_VALUES], fl[M_VALUES], values, TBL_MAX_VALUES,
                    suffix, suffix_len);
    if (n == -3)
        return RATEL_ENOMEM;
    if (n < 0)
        tbl_report_add(r, TBL_MANIFEST, ln,
                       "invalid values \"%.60s\" (1 to %d names [a-z0-9_]+, "
                       "each with an optional :domain, separated by single "
                       "spaces)", f[M_VALUES], TBL_MAX_VALUES);
    t->nvalues = n < 0 ? 0 : n;
    parse_domains(t, suffix, suffix_len, ln, r);
    if (r->count == before) {
        colspec cols[TBL_MAX_COLS];
        int nc = expected_columns(t, cols), a, b;
        for (a = 0; a < nc; a++)
            for (b = 0; b < a; b++)
                if (strcmp(cols[a].name, cols[b].name) == 0)
                    tbl_report_add(r, TBL_MANIFEST, ln,
                                   "column name %s is used twice", cols[a].name);
    }
    if (r->count != before)
        return TBL_BAD;
    t->source = strndup(f[M_FILE], fl[M_FILE]);
    t->name = strndup(f[M_NAME], fl[M_NAME]);
    t->version = strndup(f[M_VERSION], fl[M_VERSION]);
    if (!t->source || !t->name || !t->version)
        return RATEL_ENOMEM;
    decl_date_format(t->effective_from, t->effective_str);
    if (t->kind != TBL_EXACT)
        t->key_types[0] = TBL_REAL;
    return 0;
}

/* Maps each header cell to its column; reports unknown, duplicate and
 * missing columns. Returns 0 or -1. */
static int map_header(const tbl_table *t, const tbl_csv *c, const colspec *cols,
                      int ncols, int *map, tbl_report *r)
{
    int seen[TBL_MAX_COLS] = {0};
    size_t before = r->count, k;
    int j;
    for (k = 0; k < c->ncells; k++) {
        map[k] = -1;
        for (j = 0; j < ncols; j++)
            if (strcmp(c->cells[k], cols[j].name) == 0)
                break;
        if (j == ncols)
            tbl_report_add(r, t->source, c->rec_line,
                           "unknown column \"%.60s\"", c->cells[k]);
        else if (seen[j]++)
            tbl_report_add(r, t->source, c->rec_line,
                           "duplicate column \"%s\"", cols[j].name);
        else
            map[k] = j;
    }
    for (j = 0; j < ncols; j++)
        if (!seen[j])
            tbl_report_add(r, t->source, c->rec_line, "missing column \"%s\"",
                           cols[j].name);
    return r->count == before ? 0 : -1;
}

/* Makes room for one more row. */
static int grow_rows(tbl_src *s, size_t *cap)
{
    tbl_table *t = &s->t;
    size_t nc;
    void *p;
    if (t->nrows < *cap)
        return RATEL_OK;
    nc = *cap ? *cap * 2 : 64;
    if (!(p = realloc(s->lines, nc * sizeof *s->lines)))
        return RATEL_ENOMEM;
    s->lines = p;
    if (!(p = realloc(t->values, nc * (size_t)t->nvalues * sizeof *t->values)))
        return RATEL_ENOMEM;
    t->values = p;
    if (t->kind == TBL_EXACT) {
        if (!(p = realloc(t->keys, nc * (size_t)t->nkeys * sizeof *t->keys)))
            return RATEL_ENOMEM;
        t->keys = p;
    } else {
        if (!(p = realloc(t->lo, nc * sizeof *t->lo)))
            return RATEL_ENOMEM;
        t->lo = p;
    }
    if (t->kind == TBL_BAND) {
        if (!(p = realloc(t->hi, nc * sizeof *t->hi)))
            return RATEL_ENOMEM;
        t->hi = p;
    }
    *cap = nc;
    return RATEL_OK;
}

/* Parses a number cell into *v, reporting it when invalid. 0 or -1. */
static int number_cell(const tbl_table *t, const tbl_csv *c, size_t k,
                       const colspec *col, double *v, tbl_report *r)
{
    int rc = tbl_parse_number(c->cells[k], c->lens[k], v);
    if (rc == 0)
        return 0;
    tbl_report_add(r, t->source, c->rec_line,
                   rc == TBL_UNDERFLOW
                       ? "column %s: \"%.60s\" is too close to zero to be "
                         "held (it would read as 0 or lose its digits)"
                       : "column %s: \"%.60s\" is not a number",
                   col->name, c->cells[k]);
    *v = 0;
    return -1;
}

/* Stores the cells of one data row as row t->nrows. Returns 0, TBL_BAD
 * when the row's key cannot be used (reported; the row is dropped) or
 * RATEL_ENOMEM. */
static int add_row(tbl_src *s, const tbl_csv *c, const colspec *cols,
                   const int *map, buf *pool, tbl_report *r)
{
    tbl_table *t = &s->t;
    size_t row = t->nrows, k;
    int keybad = 0;
    for (k = 0; k < c->ncells; k++) {
        const colspec *col = &cols[map[k]];
        switch (col->role) {
        case TBL_ROLE_VALUE:
            number_cell(t, c, k, col,
                        &t->values[row * (size_t)t->nvalues + (size_t)col->index],
                        r);
            break;
        case TBL_ROLE_FROM:
            keybad |= number_cell(t, c, k, col, &t->lo[row], r);
            break;
        case TBL_ROLE_TO:
            if (c->lens[k] == 0)
                t->hi[row] = INFINITY;
            else
                keybad |= number_cell(t, c, k, col, &t->hi[row], r);
            break;
        default:
            if (t->kind == TBL_INTERP) {
                keybad |= number_cell(t, c, k, col, &t->lo[row], r);
            } else if (c->lens[k] == 0) {
                tbl_report_add(r, t->source, c->rec_line,
                               "column %s: empty key", col->name);
                keybad = -1;
            } else {
                tbl_cell *cell = &t->keys[row * (size_t)t->nkeys +
                                          (size_t)col->index];
                cell->s = NULL;
                cell->i = (int64_t)pool->len;
                buf_put(pool, c->cells[k], c->lens[k] + 1);
            }
        }
    }
    if (pool->oom)
        return RATEL_ENOMEM;
    if (keybad)
        return TBL_BAD;
    s->lines[row] = (uint32_t)c->rec_line;
    t->nrows++;
    return 0;
}

/* Reads the rows of a table file after its header. */
static int read_rows(tbl_src *s, tbl_csv *c, const colspec *cols, int ncols,
                     const int *map, tbl_report *r)
{
    tbl_table *t = &s->t;
    size_t cap = 0;
    int dropped = 0, rc = RATEL_OK, got;
    long header_line = c->rec_line;
    buf pool;

    buf_init(&pool);
    while ((got = tbl_csv_next(c, r)) == 1) {
        if (c->ncells != (size_t)ncols) {
            tbl_report_add(r, t->source, c->rec_line,
                           "expected %d cells, found %zu", ncols, c->ncells);
            dropped = 1;
            continue;
        }
        if (t->nrows == TBL_MAX_ROWS) {
            tbl_report_add(r, t->source, c->rec_line,
                           "more than %d rows in a table", TBL_MAX_ROWS);
            dropped = 1;
            break;
        }
        if ((rc = grow_rows(s, &cap)) != RATEL_OK)
            break;
        rc = add_row(s, c, cols, map, &pool, r);
        if (rc == TBL_BAD) {
            dropped = 1;
            rc = RATEL_OK;
        } else if (rc != RATEL_OK) {
            break;
        }
    }
    if (got < 0)
        rc = RATEL_ENOMEM;
    if (rc == RATEL_OK && t->kind == TBL_EXACT) {
        size_t before = r->count;
        rc = tbl_type_keys(s, &pool, r);
        dropped |= r->count != before;
    }
    buf_free(&pool);
    if (rc != RATEL_OK || dropped)
        return rc; /* with rows missing, structural checks would mislead */
    if ((rc = tbl_sort_rows(t, s->lines)) != RATEL_OK)
        return rc;
    return tbl_validate(t, s->lines, header_line, r);
}

/* Reads and checks the CSV file of one manifest entry. */
static int read_table(tbl_src *s, const char *dir, tbl_report *r)
{
    tbl_table *t = &s->t;
    colspec cols[TBL_MAX_COLS];
    int map[TBL_MAX_CELLS], ncols, rc, got;
    tbl_csv c;
    char *path, why[128];
    size_t n = strlen(dir) + strlen(t->source) + 2;

    if (!(path = malloc(n)))
        return RATEL_ENOMEM;
    snprintf(path, n, "%s/%s", dir, t->source);
    rc = tbl_csv_open(&c, path, t->source, r);
    free(path);
    if (rc == ENOMEM)
        return RATEL_ENOMEM;
    if (rc) {
        tbl_report_add(r, TBL_MANIFEST, s->mline, "cannot read %s: %s",
                       t->source, file_error_text(rc, why, sizeof why));
        return RATEL_OK;
    }
    ncols = expected_columns(t, cols);
    got = tbl_csv_next(&c, r);
    rc = RATEL_OK;
    if (got < 0)
        rc = RATEL_ENOMEM;
    else if (got == 0 && !c.refused) /* refused bytes said why already */
        tbl_report_add(r, t->source, 1, "empty file: no header row");
    else if (got == 1 && map_header(t, &c, cols, ncols, map, r) == 0)
        rc = read_rows(s, &c, cols, ncols, map, r);
    tbl_csv_close(&c);
    return rc;
}

static int cmp_src(const void *a, const void *b)
{
    const tbl_src *x = a, *y = b;
    int d = strcmp(x->t.name, y->t.name);
    if (d)
        return d;
    if (x->t.effective_from != y->t.effective_from)
        return x->t.effective_from < y->t.effective_from ? -1 : 1;
    return (x->mline > y->mline) - (x->mline < y->mline);
}

/* Sorts the entries and reports two versions of a table with the same
 * date or the same version string. */
static void check_versions(tbl_srcs *s, tbl_report *r)
{
    size_t a, b, group = 0;
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, cmp_src);
    for (a = 0; a < s->n; a++) {
        const tbl_table *t = &s->v[a].t;
        if (strcmp(t->name, s->v[group].t.name) != 0)
            group = a;
        for (b = group; b < a; b++) {
            const tbl_table *u = &s->v[b].t;
            long l1 = s->v[b].mline, l2 = s->v[a].mline;
            if (l1 > l2) {
                long tmp = l1;
                l1 = l2;
                l2 = tmp;
            }
            if (u->effective_from == t->effective_from)
                tbl_report_add(r, TBL_MANIFEST, l2,
                               "table %s has two versions effective %s "
                               "(manifest lines %ld and %ld)",
                               t->name, t->effective_str, l1, l2);
            if (strcmp(u->version, t->version) == 0)
                tbl_report_add(r, TBL_MANIFEST, l2,
                               "table %s version %s is listed twice "
                               "(manifest lines %ld and %ld)",
                               t->name, t->version, l1, l2);
        }
    }
}

/* Frees what one entry owns. */
static void src_dispose(tbl_src *e)
{
    int k;
    tbl_table_dispose(&e->t);
    free(e->lines);
    for (k = 0; k < TBL_MAX_KEYS; k++)
        free(e->codes[k]);
}

/* Reads manifest records into s (entries with bad fields are reported and
 * left out). */
static int read_manifest(tbl_srcs *s, tbl_csv *c, tbl_report *r)
{
    size_t cap = 0, records = 0;
    long header_line;
    int got, k;

    got = tbl_csv_next(c, r);
    if (got <= 0) {
        if (got == 0 && !c->refused)
            tbl_report_add(r, TBL_MANIFEST, 1, "empty file: no header row");
        return got < 0 ? RATEL_ENOMEM : RATEL_OK;
    }
    for (k = 0; k < M_N; k++)
        if (c->ncells != M_N || strcmp(c->cells[k], manifest_cols[k]) != 0)
            break;
    if (k < M_N) {
        tbl_report_add(r, TBL_MANIFEST, c->rec_line,
                       "the header must be exactly "
                       "\"file,name,version,effective_from,kind,keys,values\"");
        return RATEL_OK;
    }
    header_line = c->rec_line;
    while ((got = tbl_csv_next(c, r)) == 1) {
        tbl_src *e;
        int rc;
        records++;
        if (c->ncells != M_N) {
            tbl_report_add(r, TBL_MANIFEST, c->rec_line,
                           "expected %d cells, found %zu", M_N, c->ncells);
            continue;
        }
        if (s->n == TBL_MAX_TABLES) {
            tbl_report_add(r, TBL_MANIFEST, c->rec_line,
                           "more than %d tables", TBL_MAX_TABLES);
            break;
        }
        if (!(e = mem_grow(s->v, &cap, s->n, sizeof *e, 16)))
            return RATEL_ENOMEM;
        s->v = e;
        e = &s->v[s->n];
        memset(e, 0, sizeof *e);
        rc = parse_manifest_line(e, c, r);
        if (rc == 0) {
            s->n++;
            continue;
        }
        src_dispose(e);
        if (rc != TBL_BAD)
            return rc;
    }
    if (got == 0 && records == 0)
        tbl_report_add(r, TBL_MANIFEST, header_line,
                       "no tables: the manifest lists none");
    return got < 0 ? RATEL_ENOMEM : RATEL_OK;
}

/* Reads the table of each entry, then checks the code keys of those read
 * without problems. */
static int read_tables(tbl_srcs *s, const char *dir, const char *schemas_dir,
                       tbl_report *r, buf *warnings)
{
    tbl_schemas *schemas = tbl_schemas_new(schemas_dir);
    size_t k;
    int rc = schemas ? RATEL_OK : RATEL_ENOMEM;
    for (k = 0; k < s->n && rc == RATEL_OK; k++) {
        size_t before = r->count;
        rc = read_table(&s->v[k], dir, r);
        if (rc == RATEL_OK && r->count == before)
            rc = tbl_check_codes(&s->v[k], schemas, r, warnings);
    }
    tbl_schemas_free(schemas);
    return rc;
}

int tbl_srcs_read(tbl_srcs *s, const char *dir, const char *schemas_dir,
                  tbl_report *r, buf *warnings)
{
    struct stat st;
    tbl_csv c;
    char *path, why[128];
    size_t n = strlen(dir) + sizeof TBL_MANIFEST + 1;
    int rc;

    s->v = NULL;
    s->n = 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        tbl_report_add(r, dir, 0, "not a directory of table sources");
        return RATEL_EIO;
    }
    if (!(path = malloc(n)))
        return RATEL_ENOMEM;
    snprintf(path, n, "%s/%s", dir, TBL_MANIFEST);
    rc = tbl_csv_open(&c, path, TBL_MANIFEST, r);
    if (rc) {
        tbl_report_add(r, path, 0, "cannot read: %s",
                       file_error_text(rc, why, sizeof why));
        free(path);
        return rc == ENOMEM ? RATEL_ENOMEM : RATEL_EIO;
    }
    free(path);
    rc = read_manifest(s, &c, r);
    tbl_csv_close(&c);
    if (rc == RATEL_OK)
        rc = read_tables(s, dir, schemas_dir, r, warnings);
    if (rc == RATEL_OK)
        check_versions(s, r);
    return rc;
}

void tbl_srcs_free(tbl_srcs *s)
{
    size_t k;
    for (k = 0; k < s->n; k++)
        src_dispose(&s->v[k]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

int tbl_check_sources(const char *src_dir, const char *schemas_dir,
                      buf *errors, buf *warnings)
{
    tbl_srcs s;
    tbl_report r;
    int rc;
    tbl_report_init(&r, errors);
    rc = tbl_srcs_read(&s, src_dir, schemas_dir, &r, warnings);
    tbl_srcs_free(&s);
    tbl_report_finish(&r);
    if (rc == RATEL_OK && r.count)
        rc = RATEL_ETABLE;
    return rc;
}
