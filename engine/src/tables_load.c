/* tables_load.c - reads a table database built by tbl_build into memory,
 * once. The database is opened read-only and checked as strictly as the
 * sources were (it may have been edited by hand or damaged): it must hold
 * exactly the schema the build writes (no view or trigger that could run
 * code), every table must pass the build's rules, and the whole content
 * must match the fingerprint the build stored. Any SQLite error while
 * reading is reported with its message. After tbl_load returns, lookups
 * run no SQL. */
#include "tables_int.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "decl.h"
#include "fileio.h"
#include "sha256.h"

enum { LS_META, LS_TABLES, LS_COLUMNS, LS_ROWS, LS_CELLS, LS_N };

static const char *const load_sql[LS_N] = {
    "SELECT value FROM ratel_meta WHERE key = ?",
    "SELECT id, name, version, effective_from, kind, source FROM ratel_tables"
    " ORDER BY id",
    "SELECT position, name, role, type, domain FROM ratel_columns"
    " WHERE table_id = ? ORDER BY position",
    "SELECT row, line FROM ratel_rows WHERE table_id = ? ORDER BY row",
    "SELECT row, col, value FROM ratel_cells WHERE table_id = ?"
    " ORDER BY row, col"};

typedef struct loader {
    sqlite3 *db;
    sqlite3_stmt *st[LS_N];
    const char *path;
    tbl_report *r;
    int sqlrc;        /* first SQLite error, SQLITE_OK if none */
    char hash[65];    /* the fingerprint stored by the build */
    char prefix[4096 + 2 * TBL_MAX_NAME + 32]; /* "<db>: table <name> <v>: " */
} loader;

/* A column of the table being loaded. */
typedef struct lcol {
    tbl_role role;
    int index; /* key or value index */
    const char *name;
} lcol;

/* Records an SQLite error (the first one wins) and reports it, naming
 * the table being read when there is one. */
static void sql_failed(loader *L, int rc)
{
    if (L->sqlrc != SQLITE_OK)
        return;
    L->sqlrc = rc;
    /* inside a table the report's prefix already names the database */
    tbl_report_add(L->r, L->r->prefix ? "database error" : L->path, 0, "%s%s",
                   L->r->prefix ? "" : "database error: ",
                   L->db ? sqlite3_errmsg(L->db) : sqlite3_errstr(rc));
}

/* Steps a query: 1 a row, 0 done, -1 an SQLite error (reported). */
static int next(loader *L, sqlite3_stmt *st)
{
    int rc;
    if (L->sqlrc != SQLITE_OK)
        return -1;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    sql_failed(L, rc);
    return -1;
}

/* Text of a result column, "" for NULL, and its byte length. SQLite
 * returns NULL for a value it could not convert for want of memory: that
 * is an error (reported), not an empty text. */
static const char *text_col(loader *L, sqlite3_stmt *st, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    if (!s && sqlite3_column_type(st, i) != SQLITE_NULL)
        sql_failed(L, SQLITE_NOMEM);
    *len = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return s ? s : "";
}

static int is_number(sqlite3_stmt *st, int i)
{
    int ty = sqlite3_column_type(st, i);
    return ty == SQLITE_INTEGER || ty == SQLITE_FLOAT;
}

/* The value of `key` in ratel_meta, in out[size] ("" when absent). 0, or
 * -1 after an SQLite error. */
static int meta_value(loader *L, const char *key, char *out, size_t size)
{
    sqlite3_stmt *st = L->st[LS_META];
    size_t len;
    int got;
    out[0] = '\0';
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if ((got = next(L, st)) == 1)
        snprintf(out, size, "%s", text_col(L, st, 0, &len));
    sqlite3_reset(st);
    return got < 0 || L->sqlrc ? -1 : 0;
}

/* ratel_meta must say format ratel-tables and this schema_version, and
 * hold a fingerprint. 0 or TBL_BAD. */
static int check_meta(loader *L)
{
    char want[16], format[32], version[32];
    size_t k;

    if (meta_value(L, "format", format, sizeof format) ||
        meta_value(L, "schema_version", version, sizeof version) ||
        meta_value(L, TBL_META_HASH, L->hash, sizeof L->hash))
        return TBL_BAD;
    snprintf(want, sizeof want, "%d", TBL_SCHEMA_VERSION);
    if (strcmp(format, TBL_FORMAT) != 0) {
        tbl_report_add(L->r, L->path, 0,
                       "not a ratel tables database (format is \"%s\")",
                       format);
        return TBL_BAD;
    }
    if (strcmp(version, want) != 0) {
        tbl_report_add(L->r, L->path, 0,
                       "unsupported schema_version \"%s\" (this library reads "
                       "%s); rebuild the database", version, want);
        return TBL_BAD;
    }
    for (k = 0; k < 64; k++)
        if (!strchr("0123456789abcdef", L->hash[k]) || !L->hash[k])
            break;
    if (k < 64 || L->hash[64]) {
        tbl_report_add(L->r, L->path, 0, "no valid %s in ratel_meta; "
                       "rebuild the database", TBL_META_HASH);
        return TBL_BAD;
    }
    return 0;
}

/* Fills the identity of t from the current ratel_tables row. 0, TBL_BAD
 * or RATEL_ENOMEM. */
static int read_header(loader *L, sqlite3_stmt *st, tbl_table *t)
{
    size_t len[6];
    const char *f[6];
    int k;
    for (k = 1; k < 6; k++)
        f[k] = text_col(L, st, k, &len[k]);
    if (L->sqlrc)
        return TBL_BAD;
    snprintf(L->prefix, sizeof L->prefix, "%.4096s: table %.64s %.64s: ",
             L->path, f[1], f[2]);
    if (!tbl_valid_name(f[1], len[1]) || !tbl_valid_version(f[2], len[2]) ||
        decl_date_parse(f[3], len[3], &t->effective_from) != 0 ||
        tbl_kind_parse(f[4], &t->kind) != 0 || len[5] == 0 ||
        strlen(f[5]) != len[5]) {
        tbl_report_add(L->r, L->path, 0,
                       "table id %lld: invalid name, version, effective_from, "
                       "kind or source", (long long)sqlite3_column_int64(st, 0));
        return TBL_BAD;
    }
    decl_date_format(t->effective_from, t->effective_str);
    t->name = strdup(f[1]);
    t->version = strdup(f[2]);
    t->source = strdup(f[5]);
    return t->name && t->version && t->source ? 0 : RATEL_ENOMEM;
}

/* Reports a structural problem of the table being loaded (the report's
 * prefix names the table). Returns TBL_BAD. */
static int bad(loader *L, const char *what)
{
    tbl_report_add(L->r, "database", 0, "%s", what);
    return TBL_BAD;
}

/* Reads ratel_columns of table `id`: fills the key and value names and
 * types of t, the column map and *ncols. 0, TBL_BAD or RATEL_ENOMEM. */
static int read_columns(loader *L, int64_t id, tbl_table *t, lcol *cols,
                        int *ncols)
{
    sqlite3_stmt *st = L->st[LS_COLUMNS];
    int n = 0, got, from = 0, to = 0, rc = 0;

    t->value_names = calloc(TBL_MAX_VALUES, sizeof *t->value_names);
    t->domains = calloc(TBL_MAX_VALUES, sizeof *t->domains);
    if (!t->value_names || !t->domains)
        return RATEL_ENOMEM;
    sqlite3_bind_int64(st, 1, id);
    while (rc == 0 && (got = next(L, st)) == 1) {
        size_t nlen, dlen, ignored;
        const char *name = text_col(L, st, 1, &nlen);
        const char *role_text = text_col(L, st, 2, &ignored);
        const char *type_text = text_col(L, st, 3, &ignored);
        const char *domain = text_col(L, st, 4, &dlen);
        tbl_role role;
        tbl_type type;
        char **slot;
        if (L->sqlrc)
            break;
        if (n == TBL_MAX_COLS || sqlite3_column_int64(st, 0) != n ||
            !tbl_valid_name(name, nlen) ||
            tbl_role_parse(role_text, &role) != 0 ||
            tbl_type_parse(type_text, &type) != 0 ||
            (role != TBL_ROLE_VALUE && dlen != 0)) {
            rc = bad(L, "bad column (position, name, role, type or domain)");
            break;
        }
        cols[n].role = role;
        if (role == TBL_ROLE_VALUE) {
            if (type != TBL_REAL || t->nvalues == TBL_MAX_VALUES ||
                tbl_domain_parse(domain, dlen, &t->domains[t->nvalues]) != 0) {
                rc = bad(L, "bad value column (type or domain)");
                break;
            }
            cols[n].index = t->nvalues;
            slot = &t->value_names[t->nvalues++];
        } else if (role == TBL_ROLE_KEY) {
            if (t->kind == TBL_BAND || t->nkeys == TBL_MAX_KEYS ||
                (t->kind == TBL_INTERP ? type != TBL_REAL : type == TBL_REAL)) {
                rc = bad(L, "bad key column");
                break;
            }
            cols[n].index = t->nkeys;
            t->key_types[t->nkeys] = type;
            slot = &t->key_names[t->nkeys++];
        } else {
            int *seen = role == TBL_ROLE_FROM ? &from : &to;
            if (t->kind != TBL_BAND || type != TBL_REAL || (*seen)++) {
                rc = bad(L, "bad band bound column");
                break;
            }
            cols[n].index = 0;
            t->nkeys = 1;
            t->key_types[0] = TBL_REAL;
            slot = &t->key_names[0];
            if (*slot) { /* from and to name the same key */
                if (strcmp(*slot, name) != 0)
                    rc = bad(L, "band bounds name different keys");
                n++;
                continue;
            }
        }
        if (!(*slot = strdup(name)))
            rc = RATEL_ENOMEM;
        cols[n].name = *slot;
        n++;
    }
    sqlite3_reset(st);
    if (rc)
        return rc;
    if (L->sqlrc)
        return TBL_BAD;
    if (t->nvalues == 0 || t->nkeys == 0 ||
        (t->kind == TBL_BAND && (!from || !to)) ||
        (t->kind == TBL_INTERP && t->nkeys != 1))
        return bad(L, "missing key, bound or value columns");
    for (got = 0; got < n; got++)
        if (cols[got].role != TBL_ROLE_VALUE)
            cols[got].name = t->key_names[cols[got].index];
    *ncols = n;
    return 0;
}

int tbl_rows_alloc(tbl_table *t, size_t n)
{
    t->nrows = n;
    t->values = malloc(n * (size_t)t->nvalues * sizeof *t->values);
    if (t->kind == TBL_EXACT)
        t->keys = calloc(n * (size_t)t->nkeys, sizeof *t->keys);
    else
        t->lo = malloc(n * sizeof *t->lo);
    if (t->kind == TBL_BAND)
        t->hi = malloc(n * sizeof *t->hi);
    if (!t->values || (t->kind == TBL_EXACT ? !t->keys : !t->lo) ||
        (t->kind == TBL_BAND && !t->hi))
        return RATEL_ENOMEM;
    return 0;
}

/* Reads ratel_rows of table `id` into t->nrows and *lines, and allocates
 * the row arrays. 0, TBL_BAD or RATEL_ENOMEM. */
static int read_rows(loader *L, int64_t id, tbl_table *t, uint32_t **lines)
{
    sqlite3_stmt *st = L->st[LS_ROWS];
    size_t cap = 0, n = 0;
    uint32_t *nl;
    int got, rc = 0;

    sqlite3_bind_int64(st, 1, id);
    while ((got = next(L, st)) == 1) {
        int64_t line = sqlite3_column_int64(st, 1);
        if (sqlite3_column_int64(st, 0) != (int64_t)n || n == TBL_MAX_ROWS ||
            line <= 0 || line > (int64_t)UINT32_MAX) {
            rc = bad(L, "ratel_rows: rows not numbered 0, 1, ... or bad line");
            break;
        }
        if (!(nl = mem_grow(*lines, &cap, n, sizeof *nl, 64))) {
            rc = RATEL_ENOMEM;
            break;
        }
        *lines = nl;
        (*lines)[n++] = (uint32_t)line;
    }
    sqlite3_reset(st);
    if (rc || L->sqlrc)
        return rc ? rc : TBL_BAD;
    t->nrows = 0;
    return n ? tbl_rows_alloc(t, n) : 0;
}

/* Stores one cell (the current row of st, column 2) into t. 0 or -1. */
static int store_cell(loader *L, sqlite3_stmt *st, tbl_table *t,
                      const lcol *col, size_t row, buf *pool)
{
    switch (col->role) {
    case TBL_ROLE_VALUE:
        if (!is_number(st, 2))
            return -1;
        t->values[row * (size_t)t->nvalues + (size_t)col->index] =
            sqlite3_column_double(st, 2);
        return 0;
    case TBL_ROLE_TO:
        if (sqlite3_column_type(st, 2) == SQLITE_NULL) {
            t->hi[row] = INFINITY;
            return 0;
        }
        if (!is_number(st, 2))
            return -1;
        t->hi[row] = sqlite3_column_double(st, 2);
        return 0;
    case TBL_ROLE_FROM:
        if (!is_number(st, 2))
            return -1;
        t->lo[row] = sqlite3_column_double(st, 2);
        return 0;
    default:
        break;
    }
    if (t->kind == TBL_INTERP) {
        if (!is_number(st, 2))
            return -1;
        t->lo[row] = sqlite3_column_double(st, 2);
        return 0;
    }
    {
        tbl_cell *c = &t->keys[row * (size_t)t->nkeys + (size_t)col->index];
        if (t->key_types[col->index] == TBL_INT) {
            if (sqlite3_column_type(st, 2) != SQLITE_INTEGER)
                return -1;
            c->i = sqlite3_column_int64(st, 2);
        } else {
            size_t len;
            const char *s;
            if (sqlite3_column_type(st, 2) != SQLITE_TEXT)
                return -1;
            s = text_col(L, st, 2, &len);
            if (len == 0 || strlen(s) != len)
                return -1;
            c->s = NULL;
            c->i = (int64_t)pool->len;
            buf_put(pool, s, len + 1);
        }
    }
    return 0;
}

/* Reads ratel_cells of table `id`: exactly one cell per row and column,
 * of the column's type. 0, TBL_BAD or RATEL_ENOMEM. */
static int read_cells(loader *L, int64_t id, tbl_table *t, const lcol *cols,
                      int ncols, const uint32_t *lines)
{
    sqlite3_stmt *st = L->st[LS_CELLS];
    size_t k = 0, total = t->nrows * (size_t)ncols;
    int got, rc = 0;
    buf pool;

    buf_init(&pool);
    sqlite3_bind_int64(st, 1, id);
    while ((got = next(L, st)) == 1) {
        size_t row = k / (size_t)ncols;
        int col = (int)(k % (size_t)ncols);
        if (k == total || sqlite3_column_int64(st, 0) != (int64_t)row ||
            sqlite3_column_int64(st, 1) != col) {
            rc = bad(L, "ratel_cells: cells missing, duplicated or extra");
            break;
        }
        if (store_cell(L, st, t, &cols[col], row, &pool) != 0) {
            if (!L->sqlrc)
                tbl_report_add(L->r, t->source, (long)lines[row],
                               "column %s: cell of the wrong type",
                               cols[col].name);
            rc = TBL_BAD;
            break;
        }
        k++;
    }
    sqlite3_reset(st);
    if (!rc && L->sqlrc)
        rc = TBL_BAD;
    if (!rc && k != total)
        rc = bad(L, "ratel_cells: cells missing");
    if (!rc && pool.oom)
        rc = RATEL_ENOMEM;
    if (!rc && t->kind == TBL_EXACT)
        rc = tbl_finish_keys(t, &pool);
    buf_free(&pool);
    return rc;
}

/* Loads the table of the current ratel_tables row into t and checks it. */
static int load_table(loader *L, sqlite3_stmt *tst, tbl_table *t)
{
    int64_t id = sqlite3_column_int64(tst, 0);
    lcol cols[TBL_MAX_COLS];
    uint32_t *lines = NULL;
    int ncols = 0, rc;

    if ((rc = read_header(L, tst, t)) != 0)
        return rc;
    L->r->prefix = L->prefix;
    if ((rc = read_columns(L, id, t, cols, &ncols)) == 0 &&
        (rc = read_rows(L, id, t, &lines)) == 0 &&
        (rc = read_cells(L, id, t, cols, ncols, lines)) == 0) {
        size_t before = L->r->count;
        rc = tbl_validate(t, lines, 0, L->r);
        if (rc == 0 && L->r->count != before)
            rc = TBL_BAD;
    }
    L->r->prefix = NULL;
    free(lines);
    return rc;
}

int tbl_version_cmp(const void *a, const void *b)
{
    const tbl_table *x = a, *y = b;
    int d = strcmp(x->name, y->name);
    if (d)
        return d;
    return (x->effective_from > y->effective_from) -
           (x->effective_from < y->effective_from);
}

/* Reads every table into set (sorted), reporting problems. Stops at an
 * SQLite error: what follows it could not be trusted. */
static int load_all(loader *L, tbl_set *set)
{
    sqlite3_stmt *st = L->st[LS_TABLES];
    size_t cap = 0, k;
    int got, rc = 0;

    while ((got = next(L, st)) == 1) {
        tbl_table *t = mem_grow(set->tables, &cap, set->n, sizeof *t, 16);
        if (!t)
            return RATEL_ENOMEM;
        set->tables = t;
        t = &set->tables[set->n++];
        memset(t, 0, sizeof *t);
        rc = load_table(L, st, t);
        if (rc == RATEL_ENOMEM)
            return rc;
    }
    if (L->r->count)
        return TBL_BAD;
    if (set->n > 1)
        qsort(set->tables, set->n, sizeof *set->tables, tbl_version_cmp);
    for (k = 1; k < set->n; k++) {
        const tbl_table *a = &set->tables[k - 1], *b = &set->tables[k];
        if (strcmp(a->name, b->name) == 0 &&
            a->effective_from == b->effective_from)
            tbl_report_add(L->r, L->path, 0,
                           "table %s has two versions effective %s", b->name,
                           b->effective_str);
    }
    return L->r->count ? TBL_BAD : 0;
}

/* Fingerprints every table and compares the whole with the one the build
 * stored: a change that passes every rule (a factor 1.2 made 1.3) must
 * not rate silently. 0, TBL_BAD or RATEL_ENOMEM. */
static int check_content(loader *L, tbl_set *set)
{
    char hash[65];
    size_t k;
    buf text;
    buf_init(&text);
    for (k = 0; k < set->n; k++) {
        if (tbl_hash_content(&set->tables[k]) != 0)
            break;
        tbl_hash_set_add(&text, &set->tables[k]);
    }
    if (k < set->n || text.oom) {
        buf_free(&text);
        return RATEL_ENOMEM;
    }
    sha256_hex(text.len ? text.data : "", text.len, hash);
    buf_free(&text);
    if (strcmp(hash, L->hash) == 0)
        return 0;
    tbl_report_add(L->r, L->path, 0, "the content does not match the "
                   "fingerprint the build stored (the database was changed "
                   "or damaged after it was built); rebuild it");
    return TBL_BAD;
}

void tbl_set_free(tbl_set *set)
{
    size_t k;
    if (!set)
        return;
    for (k = 0; k < set->n; k++)
        tbl_table_dispose(&set->tables[k]);
    free(set->tables);
    free(set);
}

/* The database must hold the five tables as the build creates them and
 * nothing else but their automatic indexes: no view or trigger, which
 * could fail, run code or loop while the tables are read. Reading plain
 * tables is bounded by the file's size. 0 or TBL_BAD. */
static int check_schema(loader *L)
{
    sqlite3_stmt *st = NULL;
    int same[TBL_SCHEMA_TABLES] = {0}, found[TBL_SCHEMA_TABLES] = {0};
    int got, k, rc = 0;

    if ((got = sqlite3_prepare_v2(L->db, "SELECT type, name, sql FROM "
                                  "sqlite_schema", -1, &st, NULL))) {
        if ((got & 0xff) != SQLITE_NOTADB) {
            sql_failed(L, got);
            return TBL_BAD;
        }
        L->sqlrc = got;
        tbl_report_add(L->r, L->path, 0, "not a ratel tables database (%s)",
                       sqlite3_errmsg(L->db));
        return TBL_BAD;
    }
    while (rc == 0 && (got = next(L, st)) == 1) {
        size_t len;
        const char *type = text_col(L, st, 0, &len);
        const char *name = text_col(L, st, 1, &len);
        const char *sql = text_col(L, st, 2, &len);
        if (strcmp(type, "index") == 0 &&
            sqlite3_column_type(st, 2) == SQLITE_NULL &&
            strncmp(name, "sqlite_autoindex_ratel_", 23) == 0)
            continue;
        for (k = 0; k < TBL_SCHEMA_TABLES; k++)
            if (strcmp(name, tbl_schema_names[k]) == 0)
                break;
        if (L->sqlrc) {
            rc = TBL_BAD;
        } else if (k == TBL_SCHEMA_TABLES || strcmp(type, "table") != 0 ||
                   found[k]++) {
            tbl_report_add(L->r, L->path, 0, "not a ratel tables database "
                           "(it holds %.20s %.60s)", type, name);
            rc = TBL_BAD;
        } else {
            same[k] = strcmp(sql, tbl_schema_sql[k]) == 0;
        }
    }
    sqlite3_finalize(st);
    if (rc || got < 0)
        return TBL_BAD;
    for (k = 0; k < TBL_SCHEMA_TABLES && found[k]; k++)
        ;
    if (k < TBL_SCHEMA_TABLES) {
        tbl_report_add(L->r, L->path, 0, "not a ratel tables database (no "
                       "table %s)", tbl_schema_names[k]);
        return TBL_BAD;
    }
    /* schema_version says why the tables differ, when it can */
    if ((rc = sqlite3_prepare_v2(L->db, load_sql[LS_META], -1,
                                 &L->st[LS_META], NULL))) {
        sql_failed(L, rc);
        return TBL_BAD;
    }
    if ((rc = check_meta(L)) != 0)
        return rc;
    for (k = 0; k < TBL_SCHEMA_TABLES && same[k]; k++)
        ;
    if (k < TBL_SCHEMA_TABLES) {
        tbl_report_add(L->r, L->path, 0, "not a ratel tables database (table "
                       "%s is not as the build creates it)",
                       tbl_schema_names[k]);
        return TBL_BAD;
    }
    return 0;
}

/* Opens the database read-only, checks its schema and meta data and
 * prepares the queries. 0, TBL_BAD (reported) or a RATEL_ code on e. */
static int open_db(loader *L, ratel_err *e)
{
    struct stat st;
    char why[128];
    int rc, k;
    if (stat(L->path, &st) != 0)
        return err_set(e, RATEL_EIO, "%s: cannot open: %s", L->path,
                       file_error_text(errno, why, sizeof why));
    if (!S_ISREG(st.st_mode))
        return err_set(e, RATEL_EIO, "%s: cannot open: not a regular file",
                       L->path);
    rc = sqlite3_open_v2(L->path, &L->db, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK)
        return err_set(e, (rc & 0xff) == SQLITE_NOMEM ? RATEL_ENOMEM
                                                      : RATEL_EIO,
                       "%s: cannot open: %s", L->path, sqlite3_errstr(rc));
    if ((rc = check_schema(L)) != 0)
        return rc;
    for (k = LS_META + 1; k < LS_N; k++)
        if ((rc = sqlite3_prepare_v2(L->db, load_sql[k], -1, &L->st[k],
                                     NULL)) != SQLITE_OK) {
            sql_failed(L, rc);
            return TBL_BAD;
        }
    return 0;
}

/* The code of a load that found problems: what the first SQLite error
 * says, else RATEL_ETABLE. */
static int failure_code(const loader *L)
{
    switch (L->sqlrc & 0xff) {
    case SQLITE_NOMEM:
        return RATEL_ENOMEM;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return RATEL_EIO;
    default:
        return RATEL_ETABLE;
    }
}

int tbl_load(tbl_set **out, const char *db_path, ratel_err *e)
{
    loader L;
    tbl_set *set = NULL;
    tbl_report r;
    buf msg;
    int rc, k;

    *out = NULL;
    memset(&L, 0, sizeof L);
    L.path = db_path;
    buf_init(&msg);
    tbl_report_init(&r, &msg);
    L.r = &r;
    rc = open_db(&L, e);
    if (rc == 0 && !(set = calloc(1, sizeof *set)))
        rc = RATEL_ENOMEM;
    if (rc == 0)
        rc = load_all(&L, set);
    if (rc == 0)
        rc = check_content(&L, set);
    if (rc == TBL_BAD) {
        tbl_report_finish(&r);
        if (msg.len && msg.data[msg.len - 1] == '\n')
            msg.data[--msg.len] = '\0';
        rc = err_set(e, failure_code(&L), "%s",
                     msg.oom ? "invalid table database" : buf_cstr(&msg));
    }
    if (rc == RATEL_ENOMEM)
        err_set(e, RATEL_ENOMEM, "%s: out of memory loading tables", db_path);
    for (k = 0; k < LS_N; k++)
        sqlite3_finalize(L.st[k]);
    sqlite3_close(L.db);
    buf_free(&msg);
    if (rc != RATEL_OK) {
        tbl_set_free(set);
        return rc;
    }
    *out = set;
    return RATEL_OK;
}
