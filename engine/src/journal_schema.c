/* journal_schema.c - the journal's tables (docs/journal.md, "Schema"):
 * created in an empty database, checked in an existing one. A database
 * that is not a journal, or one of a newer format, is refused before
 * anything is written to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"

/* Large pages: a batch appends megabytes per commit, and SQLite writes
 * and checkpoints a page per call (bench/README.md, "Journal"). */
#define JOURNAL_PAGE_SIZE "65536"

static const char ddl[] =
    "CREATE TABLE journal_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "INSERT INTO journal_meta VALUES('format', 'ratel-journal'),"
    " ('format_version', '1');"
    "CREATE TABLE journal_blobs("
    " id INTEGER PRIMARY KEY,"
    " sha256 TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " content BLOB NOT NULL);"
    "CREATE TABLE journal_contexts("
    " id INTEGER PRIMARY KEY,"
    " sha256 TEXT NOT NULL UNIQUE,"
    " engine_version TEXT NOT NULL,"
    " schema_id TEXT NOT NULL,"
    " schema_version INTEGER NOT NULL,"
    " schema_blob INTEGER NOT NULL REFERENCES journal_blobs(id),"
    " plan_id TEXT NOT NULL,"
    " plan_version TEXT NOT NULL,"
    " plan_effective TEXT NOT NULL,"
    " plan_path TEXT NOT NULL,"
    " plan_blob INTEGER NOT NULL REFERENCES journal_blobs(id),"
    " max_instructions INTEGER NOT NULL,"
    " max_memory INTEGER NOT NULL,"
    " max_milliseconds INTEGER NOT NULL);"
    "CREATE TABLE journal_context_tables("
    " context INTEGER NOT NULL REFERENCES journal_contexts(id),"
    " position INTEGER NOT NULL,"
    " role TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " version TEXT NOT NULL,"
    " effective_from TEXT NOT NULL,"
    " hash TEXT NOT NULL,"
    " blob INTEGER NOT NULL REFERENCES journal_blobs(id),"
    " PRIMARY KEY(context, position)) WITHOUT ROWID;"
    "CREATE TABLE journal_quotes("
    " id INTEGER PRIMARY KEY,"
    " reference TEXT,"
    " timestamp TEXT NOT NULL,"
    " context INTEGER NOT NULL REFERENCES journal_contexts(id),"
    " declaration TEXT NOT NULL,"
    " declaration_form TEXT NOT NULL,"
    " flags INTEGER NOT NULL,"
    " authority INTEGER NOT NULL,"
    " overrides TEXT,"
    " decision TEXT NOT NULL,"
    " total_premium INTEGER NOT NULL,"
    " currency TEXT NOT NULL,"
    " quote_core TEXT NOT NULL,"
    " plan_at INTEGER,"
    " plan_part INTEGER REFERENCES journal_blobs(id),"
    " tables_at INTEGER,"
    " tables_part INTEGER REFERENCES journal_blobs(id));"
    "CREATE INDEX journal_quotes_by_time ON journal_quotes(timestamp);"
    "CREATE TABLE journal_marks(key TEXT PRIMARY KEY) WITHOUT ROWID;"
    /* the whole quote JSON: the core with its two shared members put back
     * at their byte offsets (substr on a BLOB counts bytes) */
    "CREATE VIEW journal_quote_json(id, quote_json) AS"
    " SELECT q.id, CASE WHEN q.plan_part IS NULL THEN q.quote_core ELSE"
    "  CAST(substr(CAST(q.quote_core AS BLOB), 1, q.plan_at) || p.content ||"
    "  substr(CAST(q.quote_core AS BLOB), q.plan_at + 1,"
    "         q.tables_at - q.plan_at) || t.content ||"
    "  substr(CAST(q.quote_core AS BLOB), q.tables_at + 1) AS TEXT) END"
    " FROM journal_quotes q"
    " LEFT JOIN journal_blobs p ON p.id = q.plan_part"
    " LEFT JOIN journal_blobs t ON t.id = q.tables_part;";

/* The number of objects in the database, or a negative SQLite error. */
static int count_objects(ratel_journal *j, int *n)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(j->db, "SELECT count(*) FROM sqlite_master",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *n = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Creates the tables: SQLITE_OK, or the SQLite error. */
static int create(ratel_journal *j)
{
    int n = 0, rc;
    /* page size and WAL mode only take hold outside a transaction, on a
     * database with nothing in it yet */
    if ((rc = journal_exec(j, "PRAGMA page_size=" JOURNAL_PAGE_SIZE)) ||
        (rc = journal_exec(j, "PRAGMA journal_mode=WAL")) ||
        (rc = journal_exec(j, "BEGIN IMMEDIATE")))
        return rc;
    /* another process may have created it since it was counted */
    if ((rc = count_objects(j, &n)) == SQLITE_OK && n == 0)
        rc = journal_exec(j, ddl);
    if (rc == SQLITE_OK)
        rc = journal_exec(j, "COMMIT");
    if (rc != SQLITE_OK)
        journal_exec(j, "ROLLBACK");
    return rc;
}

/* The value of journal_meta `key` into out (cap bytes); 1 found, 0 not,
 * or a negative SQLite error. */
static int meta(ratel_journal *j, const char *key, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(j->db, "SELECT value FROM journal_meta "
                                "WHERE key = ?", -1, &st, NULL), got = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *v = sqlite3_column_text(st, 0);
            snprintf(out, cap, "%s", v ? (const char *)v : "");
            got = 1;
        }
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? got : -rc;
}

static int check(ratel_journal *j)
{
    char format[64], version[32];
    long v;
    char *end;
    int got = meta(j, "format", format, sizeof format);
    if (got < 0 && -got != SQLITE_ERROR)
        return journal_fail(j, -got, "reading the journal");
    if (got <= 0 || strcmp(format, JOURNAL_FORMAT) != 0)
        return err_set(&j->err, RATEL_EIO, "%s: not a ratel quote journal "
                       "(an SQLite database without its journal_meta); "
                       "left as it is", j->path);
    got = meta(j, "format_version", version, sizeof version);
    if (got < 0)
        return journal_fail(j, -got, "reading the journal");
    v = got ? strtol(version, &end, 10) : 0;
    if (!got || *end || v < 1)
        return err_set(&j->err, RATEL_EIO, "%s: damaged journal: no valid "
                       "format_version in journal_meta", j->path);
    if (v > JOURNAL_FORMAT_VERSION)
        return err_set(&j->err, RATEL_EIO, "%s: a journal of format_version "
                       "%ld, written by a newer ratel (this one reads %d)",
                       j->path, v, JOURNAL_FORMAT_VERSION);
    return RATEL_OK;
}

int journal_schema_ready(ratel_journal *j, int read_only)
{
    unsigned waited = 0;
    int n = 0, rc;
    for (;;) {
        if ((rc = count_objects(j, &n)) != SQLITE_OK)
            return journal_fail(j, rc, "opening the journal");
        if (n > 0)
            return check(j);
        if (read_only)
            return err_set(&j->err, RATEL_EIO, "%s: an empty database, not "
                           "a quote journal", j->path);
        if ((rc = create(j)) == SQLITE_OK)
            return check(j);
        /* switching to WAL does not wait for a process creating the
         * journal at the same moment: wait for it here */
        if ((rc & 0xff) != SQLITE_BUSY || waited >= j->busy_timeout_ms)
            return journal_fail(j, rc, "creating the journal");
        sqlite3_sleep(10);
        waited += 10;
    }
}
