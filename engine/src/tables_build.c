/* tables_build.c - writes validated table sources to a fresh SQLite
 * database (schema in docs/tables.md), atomically: built under
 * "<db>.tmp-<pid>" in one transaction, then renamed over <db>. */
#include "tables_int.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char schema_sql[] =
    "PRAGMA journal_mode=MEMORY;"
    "CREATE TABLE ratel_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE ratel_tables("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL,"
    " effective_from TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
    " UNIQUE(name, effective_from), UNIQUE(name, version));"
    "CREATE TABLE ratel_columns("
    " table_id INTEGER NOT NULL REFERENCES ratel_tables(id),"
    " position INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,"
    " type TEXT NOT NULL, PRIMARY KEY(table_id, position)) WITHOUT ROWID;"
    "CREATE TABLE ratel_rows("
    " table_id INTEGER NOT NULL REFERENCES ratel_tables(id),"
    " row INTEGER NOT NULL, line INTEGER NOT NULL,"
    " PRIMARY KEY(table_id, row)) WITHOUT ROWID;"
    "CREATE TABLE ratel_cells("
    " table_id INTEGER NOT NULL REFERENCES ratel_tables(id),"
    " row INTEGER NOT NULL, col INTEGER NOT NULL, value,"
    " PRIMARY KEY(table_id, row, col)) WITHOUT ROWID;";

enum { ST_META, ST_TABLE, ST_COLUMN, ST_ROW, ST_CELL, ST_N };

static const char *const stmt_sql[ST_N] = {
    "INSERT INTO ratel_meta(key, value) VALUES(?, ?)",
    "INSERT INTO ratel_tables(id, name, version, effective_from, kind, source)"
    " VALUES(?, ?, ?, ?, ?, ?)",
    "INSERT INTO ratel_columns(table_id, position, name, role, type)"
    " VALUES(?, ?, ?, ?, ?)",
    "INSERT INTO ratel_rows(table_id, row, line) VALUES(?, ?, ?)",
    "INSERT INTO ratel_cells(table_id, row, col, value) VALUES(?, ?, ?, ?)"};

typedef struct writer {
    sqlite3 *db;
    sqlite3_stmt *st[ST_N];
} writer;

/* Runs a bound statement once and resets it. SQLITE_DONE or an error. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The column at `pos` in the stored order: exact: keys then values;
 * band: from, to, values; interpolate: key, values. */
static void column_at(const tbl_table *t, int pos, const char **name,
                      tbl_role *role, tbl_type *type, int *index)
{
    int nfront = t->kind == TBL_BAND ? 2 : t->nkeys;
    if (pos >= nfront) {
        *index = pos - nfront;
        *name = t->value_names[*index];
        *role = TBL_ROLE_VALUE;
        *type = TBL_REAL;
        return;
    }
    *index = t->kind == TBL_BAND ? 0 : pos;
    *name = t->key_names[*index];
    *type = t->key_types[*index];
    *role = t->kind != TBL_BAND ? TBL_ROLE_KEY
            : pos == 0          ? TBL_ROLE_FROM
                                : TBL_ROLE_TO;
}

/* Binds the cell of `row` at column `pos` as parameter 4 of ST_CELL. */
static int bind_cell(sqlite3_stmt *st, const tbl_table *t, size_t row,
                     int pos)
{
    const char *name;
    tbl_role role;
    tbl_type type;
    int index;
    column_at(t, pos, &name, &role, &type, &index);
    if (role == TBL_ROLE_VALUE)
        return sqlite3_bind_double(
            st, 4, t->values[row * (size_t)t->nvalues + (size_t)index]);
    if (role == TBL_ROLE_TO)
        return isinf(t->hi[row]) ? sqlite3_bind_null(st, 4)
                                 : sqlite3_bind_double(st, 4, t->hi[row]);
    if (t->kind != TBL_EXACT)
        return sqlite3_bind_double(st, 4, t->lo[row]);
    {
        const tbl_cell *c = &t->keys[row * (size_t)t->nkeys + (size_t)index];
        if (type == TBL_INT)
            return sqlite3_bind_int64(st, 4, c->i);
        return sqlite3_bind_text(st, 4, c->s, (int)c->i, SQLITE_STATIC);
    }
}

/* Inserts one table (its id, columns, rows and cells). */
static int write_table(writer *w, int64_t id, const tbl_src *s)
{
    const tbl_table *t = &s->t;
    int ncols = (t->kind == TBL_BAND ? 2 : t->nkeys) + t->nvalues, pos, rc;
    sqlite3_stmt *st = w->st[ST_TABLE];
    size_t row;

    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, t->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, t->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, t->effective_str, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, tbl_kind_name(t->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, t->source, -1, SQLITE_STATIC);
    if ((rc = run(st)) != SQLITE_OK)
        return rc;
    st = w->st[ST_COLUMN];
    for (pos = 0; pos < ncols; pos++) {
        const char *name;
        tbl_role role;
        tbl_type type;
        int index;
        column_at(t, pos, &name, &role, &type, &index);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, pos);
        sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, tbl_role_name(role), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, tbl_type_name(type), -1, SQLITE_STATIC);
        if ((rc = run(st)) != SQLITE_OK)
            return rc;
    }
    for (row = 0; row < t->nrows; row++) {
        st = w->st[ST_ROW];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)row);
        sqlite3_bind_int64(st, 3, (int64_t)s->lines[row]);
        if ((rc = run(st)) != SQLITE_OK)
            return rc;
        st = w->st[ST_CELL];
        for (pos = 0; pos < ncols; pos++) {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, (int64_t)row);
            sqlite3_bind_int(st, 3, pos);
            if ((rc = bind_cell(st, t, row, pos)) != SQLITE_OK ||
                (rc = run(st)) != SQLITE_OK)
                return rc;
        }
    }
    return SQLITE_OK;
}

/* Creates the schema and writes everything in one transaction. */
static int write_all(writer *w, const tbl_srcs *s)
{
    char version[16];
    size_t k;
    int rc, i;

    if ((rc = sqlite3_exec(w->db, schema_sql, NULL, NULL, NULL)) != SQLITE_OK ||
        (rc = sqlite3_exec(w->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
        return rc;
    for (i = 0; i < ST_N; i++)
        if ((rc = sqlite3_prepare_v2(w->db, stmt_sql[i], -1, &w->st[i],
                                     NULL)) != SQLITE_OK)
            return rc;
    snprintf(version, sizeof version, "%d", TBL_SCHEMA_VERSION);
    sqlite3_bind_text(w->st[ST_META], 1, "schema_version", -1, SQLITE_STATIC);
    sqlite3_bind_text(w->st[ST_META], 2, version, -1, SQLITE_STATIC);
    if ((rc = run(w->st[ST_META])) != SQLITE_OK)
        return rc;
    sqlite3_bind_text(w->st[ST_META], 1, "format", -1, SQLITE_STATIC);
    sqlite3_bind_text(w->st[ST_META], 2, TBL_FORMAT, -1, SQLITE_STATIC);
    if ((rc = run(w->st[ST_META])) != SQLITE_OK)
        return rc;
    for (k = 0; k < s->n; k++)
        if ((rc = write_table(w, (int64_t)k + 1, &s->v[k])) != SQLITE_OK)
            return rc;
    return sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
}

/* Writes the database to a temporary file and renames it to db_path. */
static int write_db(const tbl_srcs *s, const char *db_path, tbl_report *r)
{
    writer w;
    size_t n = strlen(db_path) + 32;
    char *tmp = malloc(n), why[128];
    int rc, i, ret = RATEL_OK;

    if (!tmp)
        return RATEL_ENOMEM;
    snprintf(tmp, n, "%s.tmp-%ld", db_path, (long)getpid());
    unlink(tmp);
    memset(&w, 0, sizeof w);
    rc = sqlite3_open_v2(tmp, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                         NULL);
    if (rc == SQLITE_OK)
        rc = write_all(&w, s);
    if (rc != SQLITE_OK) {
        tbl_report_add(r, db_path, 0, "cannot write the database: %s",
                       w.db ? sqlite3_errmsg(w.db) : sqlite3_errstr(rc));
        ret = rc == SQLITE_NOMEM ? RATEL_ENOMEM : RATEL_EIO;
    }
    for (i = 0; i < ST_N; i++)
        sqlite3_finalize(w.st[i]);
    if (sqlite3_close(w.db) != SQLITE_OK && ret == RATEL_OK) {
        tbl_report_add(r, db_path, 0, "cannot close the database");
        ret = RATEL_EIO;
    }
    if (ret == RATEL_OK && rename(tmp, db_path) != 0) {
        tbl_report_add(r, db_path, 0, "cannot replace the database: %s",
                       tbl_strerror(errno, why, sizeof why));
        ret = RATEL_EIO;
    }
    if (ret != RATEL_OK)
        unlink(tmp);
    free(tmp);
    return ret;
}

int tbl_build(const char *src_dir, const char *db_path, buf *errors)
{
    tbl_srcs s;
    tbl_report r;
    int rc;

    tbl_report_init(&r, errors);
    rc = tbl_srcs_read(&s, src_dir, &r);
    if (rc == RATEL_OK && r.count)
        rc = RATEL_ETABLE;
    if (rc == RATEL_OK)
        rc = write_db(&s, db_path, &r);
    tbl_srcs_free(&s);
    tbl_report_finish(&r);
    return rc;
}
