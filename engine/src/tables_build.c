/* tables_build.c - writes validated table sources to a fresh SQLite
 * database (schema in docs/tables.md). A regular file (or a new path) is
 * replaced atomically: the database is built under a temporary name
 * beside it in one transaction, then renamed over it. Anything else (a
 * device, a FIFO) is never replaced: the database is built in memory and
 * its bytes written to it, and a failed write says how much was written. */
#include "tables_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "sha256.h"

enum { ST_META, ST_TABLE, ST_COLUMN, ST_ROW, ST_CELL, ST_N };

static const char *const stmt_sql[ST_N] = {
    "INSERT INTO ratel_meta(key, value) VALUES(?, ?)",
    "INSERT INTO ratel_tables(id, name, version, effective_from, kind, source)"
    " VALUES(?, ?, ?, ?, ?, ?)",
    "INSERT INTO ratel_columns(table_id, position, name, role, type, domain)"
    " VALUES(?, ?, ?, ?, ?, ?)",
    "INSERT INTO ratel_rows(table_id, row, line) VALUES(?, ?, ?)",
    "INSERT INTO ratel_cells(table_id, row, col, value) VALUES(?, ?, ?, ?)"};

typedef struct writer {
    sqlite3 *db;
    sqlite3_stmt *st[ST_N];
} writer;

/* Runs a bound statement once and resets it. SQLITE_OK or an error. */
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

/* Inserts the columns of table `id`: name, role, type and, for values,
 * the domain. */
static int write_columns(writer *w, int64_t id, const tbl_table *t, int ncols)
{
    sqlite3_stmt *st = w->st[ST_COLUMN];
    int pos, rc = SQLITE_OK;
    buf dom;
    buf_init(&dom);
    for (pos = 0; pos < ncols && rc == SQLITE_OK; pos++) {
        const char *name;
        tbl_role role;
        tbl_type type;
        int index;
        column_at(t, pos, &name, &role, &type, &index);
        buf_reset(&dom);
        if (role == TBL_ROLE_VALUE)
            tbl_domain_text(&t->domains[index], &dom);
        if (dom.oom) {
            rc = SQLITE_NOMEM;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, pos);
        sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, tbl_role_name(role), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, tbl_type_name(type), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, dom.len ? dom.data : "", (int)dom.len,
                          SQLITE_STATIC);
        rc = run(st);
    }
    buf_free(&dom);
    return rc;
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
    if ((rc = run(st)) != SQLITE_OK ||
        (rc = write_columns(w, id, t, ncols)) != SQLITE_OK)
        return rc;
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

static int write_meta(writer *w, const char *key, const char *value)
{
    sqlite3_bind_text(w->st[ST_META], 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->st[ST_META], 2, value, -1, SQLITE_STATIC);
    return run(w->st[ST_META]);
}

/* Creates the schema and writes everything in one transaction. */
static int write_all(writer *w, const tbl_srcs *s, const char *hash)
{
    char version[16];
    size_t k;
    int rc, i;

    if ((rc = sqlite3_exec(w->db, "PRAGMA journal_mode=MEMORY", NULL, NULL,
                           NULL)) != SQLITE_OK)
        return rc;
    for (i = 0; i < TBL_SCHEMA_TABLES; i++)
        if ((rc = sqlite3_exec(w->db, tbl_schema_sql[i], NULL, NULL, NULL)) !=
            SQLITE_OK)
            return rc;
    if ((rc = sqlite3_exec(w->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
        return rc;
    for (i = 0; i < ST_N; i++)
        if ((rc = sqlite3_prepare_v2(w->db, stmt_sql[i], -1, &w->st[i],
                                     NULL)) != SQLITE_OK)
            return rc;
    snprintf(version, sizeof version, "%d", TBL_SCHEMA_VERSION);
    if ((rc = write_meta(w, "schema_version", version)) != SQLITE_OK ||
        (rc = write_meta(w, "format", TBL_FORMAT)) != SQLITE_OK ||
        (rc = write_meta(w, TBL_META_HASH, hash)) != SQLITE_OK)
        return rc;
    for (k = 0; k < s->n; k++)
        if ((rc = write_table(w, (int64_t)k + 1, &s->v[k])) != SQLITE_OK)
            return rc;
    return sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
}

/* Opens `path` (a file, or ":memory:") and writes the database into it.
 * On failure reports it and returns RATEL_ENOMEM or RATEL_EIO; w->db is
 * left open for the caller to close in every case. */
static int write_db(writer *w, const char *path, const tbl_srcs *s,
                    const char *hash, const char *name, tbl_report *r)
{
    int rc = sqlite3_open_v2(path, &w->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = write_all(w, s, hash);
    if (rc == SQLITE_OK)
        return RATEL_OK;
    /* the connection's message, unless the failure was ours (no memory
     * for a domain's text) */
    tbl_report_add(r, name, 0, "cannot write the database: %s",
                   w->db && sqlite3_errcode(w->db) == rc ? sqlite3_errmsg(w->db)
                                                         : sqlite3_errstr(rc));
    return (rc & 0xff) == SQLITE_NOMEM ? RATEL_ENOMEM : RATEL_EIO;
}

/* Finalizes the statements and closes the database. */
static int close_db(writer *w, int ret, const char *name, tbl_report *r)
{
    int i;
    for (i = 0; i < ST_N; i++)
        sqlite3_finalize(w->st[i]);
    if (sqlite3_close(w->db) != SQLITE_OK && ret == RATEL_OK) {
        tbl_report_add(r, name, 0, "cannot close the database");
        ret = RATEL_EIO;
    }
    return ret;
}

/* Creates a new empty file "<target>.tmp-<pid>[-N]" and gives its name
 * in *tmp (the caller frees it). 0, or an errno value. */
static int claim_temp(const char *target, char **tmp)
{
    size_t n = strlen(target) + 48;
    int k, err = EEXIST;
    if (!(*tmp = malloc(n)))
        return ENOMEM;
    for (k = 0; k < 100 && err == EEXIST; k++) {
        int fd;
        snprintf(*tmp, n, k ? "%s.tmp-%ld-%d" : "%s.tmp-%ld", target,
                 (long)getpid(), k);
        fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            close(fd);
            return 0;
        }
        err = errno;
    }
    free(*tmp);
    *tmp = NULL;
    return err;
}

/* Builds the database beside `target` (a regular file or a new name) and
 * renames it into place; a replaced file's permissions are kept (`old`,
 * NULL for a new file). */
static int replace_file(const tbl_srcs *s, const char *hash,
                        const char *target, const struct stat *old,
                        const char *name, tbl_report *r)
{
    writer w;
    char *tmp, why[128];
    int ret;

    memset(&w, 0, sizeof w);
    if ((ret = claim_temp(target, &tmp)) != 0) {
        if (ret == ENOMEM)
            return RATEL_ENOMEM;
        tbl_report_add(r, name, 0, "cannot write the database: cannot create "
                       "a file beside it: %s",
                       file_error_text(ret, why, sizeof why));
        return RATEL_EIO;
    }
    if (old)
        (void)chmod(tmp, old->st_mode & 07777);
    ret = write_db(&w, tmp, s, hash, name, r);
    ret = close_db(&w, ret, name, r);
    if (ret == RATEL_OK && rename(tmp, target) != 0) {
        tbl_report_add(r, name, 0, "cannot replace the database: %s",
                       file_error_text(errno, why, sizeof why));
        ret = RATEL_EIO;
    }
    if (ret != RATEL_OK)
        unlink(tmp);
    free(tmp);
    return ret;
}

/* Builds the database in memory and writes its bytes to `path`, which is
 * not a regular file (a device, a FIFO) and so is never replaced. */
static int write_other(const tbl_srcs *s, const char *hash, const char *path,
                       tbl_report *r)
{
    writer w;
    unsigned char *image = NULL;
    sqlite3_int64 size = 0;
    size_t written = 0;
    char why[128];
    int ret, err;

    memset(&w, 0, sizeof w);
    ret = write_db(&w, ":memory:", s, hash, path, r);
    if (ret == RATEL_OK && !(image = sqlite3_serialize(w.db, "main", &size, 0))) {
        tbl_report_add(r, path, 0, "cannot write the database: out of memory");
        ret = RATEL_ENOMEM;
    }
    ret = close_db(&w, ret, path, r);
    if (ret == RATEL_OK &&
        (err = file_write_other(path, image, (size_t)size, &written)) != 0) {
        tbl_report_add(r, path, 0, "cannot write the database: %s, after %zu "
                       "of %lld bytes: %s is incomplete",
                       file_error_text(err, why, sizeof why), written,
                       (long long)size, path);
        ret = RATEL_EIO;
    }
    sqlite3_free(image);
    return ret;
}

/* The fingerprint of the sources' tables (tables_hash.c). */
static int hash_sources(tbl_srcs *s, char out[65])
{
    buf text;
    size_t k;
    buf_init(&text);
    for (k = 0; k < s->n; k++) {
        if (tbl_hash_content(&s->v[k].t) != 0)
            break;
        tbl_hash_set_add(&text, &s->v[k].t);
    }
    if (k < s->n || text.oom) {
        buf_free(&text);
        return RATEL_ENOMEM;
    }
    sha256_hex(text.len ? text.data : "", text.len, out);
    buf_free(&text);
    return RATEL_OK;
}

/* Writes the database to db_path, the way its kind of file allows. */
static int write_target(tbl_srcs *s, const char *db_path, tbl_report *r)
{
    struct stat st;
    char hash[65], why[128], *real = NULL;
    int rc, exists = stat(db_path, &st) == 0;

    if (!exists && errno != ENOENT) {
        tbl_report_add(r, db_path, 0, "cannot write the database: %s",
                       file_error_text(errno, why, sizeof why));
        return RATEL_EIO;
    }
    if (exists && S_ISDIR(st.st_mode)) {
        tbl_report_add(r, db_path, 0, "cannot write the database: it is a "
                       "directory");
        return RATEL_EIO;
    }
    if ((rc = hash_sources(s, hash)) != RATEL_OK)
        return rc;
    if (exists && !S_ISREG(st.st_mode))
        return write_other(s, hash, db_path, r);
    /* a symbolic link to a file: replace the file, keep the link */
    if (exists && !(real = realpath(db_path, NULL)) && errno == ENOMEM)
        return RATEL_ENOMEM;
    rc = replace_file(s, hash, real ? real : db_path, exists ? &st : NULL,
                      db_path, r);
    free(real);
    return rc;
}

int tbl_build(const char *src_dir, const char *db_path,
              const char *schemas_dir, buf *errors, buf *warnings)
{
    tbl_srcs s;
    tbl_report r;
    int rc;

    tbl_report_init(&r, errors);
    rc = tbl_srcs_read(&s, src_dir, schemas_dir, &r, warnings);
    if (rc == RATEL_OK && r.count)
        rc = RATEL_ETABLE;
    if (rc == RATEL_OK)
        rc = write_target(&s, db_path, &r);
    tbl_srcs_free(&s);
    tbl_report_finish(&r);
    return rc;
}
