/* journal_open.c - opening and closing a journal: its options, the
 * database connection (WAL, the busy timeout, how durable a commit is)
 * and the statements a handle prepares once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "journal_int.h"

static const char *const sql[JST_N] = {
    "SELECT id FROM journal_blobs WHERE sha256 = ?",
    "INSERT INTO journal_blobs(sha256, kind, name, content)"
    " VALUES(?, ?, ?, ?)",
    "SELECT id FROM journal_contexts WHERE sha256 = ?",
    "INSERT INTO journal_contexts(sha256, engine_version, schema_id,"
    " schema_version, schema_blob, plan_id, plan_version, plan_effective,"
    " plan_path, plan_blob, max_instructions, max_memory, max_milliseconds)"
    " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO journal_context_tables(context, position, role, name,"
    " version, effective_from, hash, blob) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO journal_quotes(reference, timestamp, context, declaration,"
    " declaration_form, flags, authority, overrides, decision,"
    " total_premium, currency, quote_core, plan_at, plan_part, tables_at,"
    " tables_part) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO journal_marks(key) VALUES(?)",
    "SELECT 1 FROM journal_marks WHERE key = ?"};

/* A writer's page cache holds a batch's transaction (a chunk of 4,096
 * quotes is about 100 pages of 64 KiB): with SQLite's default of 2 MiB
 * (31 such pages) a reopened journal spilled pages to the WAL and read
 * them back, 1.3 KB more of the kernel's copying per quote. The journal
 * never deletes a row, so secure_delete (on in Debian's SQLite) only
 * zeroed the space cells left when a page split: work for nothing. */
#define WRITER_PRAGMAS "PRAGMA cache_size=-16384; PRAGMA secure_delete=OFF"

int ratel_journal_options_init(ratel_journal_options *o, unsigned int version)
{
    if (!o || version < 1 || version > RATEL_JOURNAL_OPTIONS_VERSION)
        return RATEL_EARG;
    memset(o, 0, sizeof *o);
    o->version = version;
    o->busy_timeout_ms = 10000;
    return RATEL_OK;
}

/* A path the journal may be opened at: a regular file, or (to create)
 * none yet. */
static int check_path(ratel_journal *j, int read_only)
{
    struct stat st;
    if (stat(j->path, &st) != 0) {
        if (errno == ENOENT && !read_only)
            return RATEL_OK;
        return err_set(&j->err, RATEL_EIO, "%s: cannot open the journal: %s",
                       j->path, strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        return err_set(&j->err, RATEL_EIO, "%s: cannot open the journal: not "
                       "a regular file", j->path);
    return RATEL_OK;
}

/* PRAGMA quick_check: "ok", else the first problem. */
static int verify(ratel_journal *j)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(j->db, "PRAGMA quick_check(1)", -1, &st,
                                NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        rc = v && strcmp(v, "ok") == 0
                 ? RATEL_OK
                 : err_set(&j->err, RATEL_EIO, "%s: a damaged journal, left "
                           "as it is (PRAGMA quick_check: %s)", j->path,
                           v ? v : "?");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return journal_fail(j, rc, "checking the journal");
}

static int setup(ratel_journal *j, const ratel_journal_options *o)
{
    int flags = SQLITE_OPEN_NOMUTEX |
                (o->read_only ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc, k;
    if ((rc = check_path(j, o->read_only)) != RATEL_OK)
        return rc;
    rc = sqlite3_open_v2(j->path, &j->db, flags, NULL);
    if (rc != SQLITE_OK)
        return journal_fail(j, rc, "cannot open the journal");
    sqlite3_extended_result_codes(j->db, 1);
    j->busy_timeout_ms = o->busy_timeout_ms > 3600000u ? 3600000u
                                                       : o->busy_timeout_ms;
    sqlite3_busy_timeout(j->db, (int)j->busy_timeout_ms);
    if ((rc = journal_schema_ready(j, o->read_only)) != RATEL_OK)
        return rc;
    if (!o->read_only &&
        ((rc = journal_exec(j, "PRAGMA journal_mode=WAL")) != SQLITE_OK ||
         (rc = journal_exec(j, o->durable ? "PRAGMA synchronous=FULL"
                                          : "PRAGMA synchronous=NORMAL")) !=
             SQLITE_OK ||
         (rc = journal_exec(j, WRITER_PRAGMAS)) != SQLITE_OK))
        return journal_fail(j, rc, "opening the journal");
    if (o->verify && (rc = verify(j)) != RATEL_OK)
        return rc;
    for (k = 0; k < JST_N; k++) {
        rc = sqlite3_prepare_v3(j->db, sql[k], -1, SQLITE_PREPARE_PERSISTENT,
                                &j->st[k], NULL);
        if (rc != SQLITE_OK)
            return (rc & 0xff) == SQLITE_ERROR
                       ? err_set(&j->err, RATEL_EIO, "%s: damaged journal: "
                                 "%s", j->path, sqlite3_errmsg(j->db))
                       : journal_fail(j, rc, "opening the journal");
    }
    j->ready = 1;
    return RATEL_OK;
}

int ratel_journal_open(ratel_journal **out, const char *path,
                       const ratel_journal_options *opts)
{
    ratel_journal_options defaults;
    ratel_journal *j;
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if (!(j = calloc(1, sizeof *j)))
        return RATEL_ENOMEM;
    err_init(&j->err);
    buf_init(&j->scratch);
    *out = j;
    ratel_journal_options_init(&defaults, RATEL_JOURNAL_OPTIONS_VERSION);
    if (!opts)
        opts = &defaults;
    if (!path || !*path)
        return err_set(&j->err, RATEL_EARG, "ratel_journal_open: no path");
    if (opts->version < 1 || opts->version > RATEL_JOURNAL_OPTIONS_VERSION)
        return err_set(&j->err, RATEL_EARG, "ratel_journal_open: options of "
                       "version %u (this library knows 1 to %d; initialise "
                       "them with ratel_journal_options_init())",
                       opts->version, RATEL_JOURNAL_OPTIONS_VERSION);
    if (!(j->path = strdup(path))) {
        ratel_journal_close(j);
        *out = NULL;
        return RATEL_ENOMEM;
    }
    rc = setup(j, opts);
    if (rc == RATEL_ENOMEM) {
        ratel_journal_close(j);
        *out = NULL;
    }
    return rc;
}

void ratel_journal_close(ratel_journal *j)
{
    int k;
    if (!j)
        return;
    if (j->db && j->in_tx)
        journal_exec(j, "ROLLBACK");
    for (k = 0; k < JST_N; k++)
        sqlite3_finalize(j->st[k]);
    sqlite3_close(j->db);
    journal_forget(j);
    buf_free(&j->scratch);
    err_dispose(&j->err);
    free(j->path);
    free(j);
}

const char *ratel_journal_errmsg(const ratel_journal *j)
{
    return j ? j->err.message : "no journal";
}
