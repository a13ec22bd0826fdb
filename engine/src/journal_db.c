/* journal_db.c - the journal's dealings with SQLite: errors as ratel codes
 * naming the file, statements run to their end, transactions (the
 * caller's, or one of the journal's own for a single change) and marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"

int journal_fail(ratel_journal *j, int rc, const char *what)
{
    const char *why = j->db ? sqlite3_errmsg(j->db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return err_set(&j->err, RATEL_ENOMEM, "%s: out of memory %s",
                       j->path, what);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(&j->err, RATEL_EIO, "%s: %s: the journal stayed "
                       "busy with another writer past the timeout (%s)",
                       j->path, what, why);
    case SQLITE_FULL:
        return err_set(&j->err, RATEL_EIO, "%s: %s: the disk is full (%s)",
                       j->path, what, why);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return err_set(&j->err, RATEL_EIO, "%s: %s: not a quote journal, or "
                       "a damaged one (%s); left as it is (PRAGMA "
                       "integrity_check lists the damage)", j->path, what,
                       why);
    case SQLITE_READONLY:
        return err_set(&j->err, RATEL_EIO, "%s: %s: the journal is read-only "
                       "(%s)", j->path, what, why);
    default:
        return err_set(&j->err, RATEL_EIO, "%s: %s: %s", j->path, what, why);
    }
}

int journal_run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int journal_exec(ratel_journal *j, const char *sql)
{
    return sqlite3_exec(j->db, sql, NULL, NULL, NULL);
}

void journal_forget(ratel_journal *j)
{
    size_t i;
    for (i = 0; i < JOURNAL_CONTEXTS; i++) {
        journal_known *c = &j->known[i];
        free(c->tables);
        free(c->table_hashes);
        memset(c, 0, sizeof *c);
    }
    j->next_known = 0;
}

int journal_start(ratel_journal *j, int *own)
{
    int rc;
    *own = !j->in_tx;
    if (!*own)
        return RATEL_OK;
    /* IMMEDIATE: take the write lock now, waiting for other writers, so
     * that no read lock has to be upgraded (which could deadlock) */
    if ((rc = journal_exec(j, "BEGIN IMMEDIATE")) != SQLITE_OK)
        return journal_fail(j, rc, "starting a transaction");
    return RATEL_OK;
}

int journal_end(ratel_journal *j, int own, int rc)
{
    int sqlrc;
    if (own && rc == RATEL_OK) {
        if ((sqlrc = journal_exec(j, "COMMIT")) == SQLITE_OK)
            return RATEL_OK;
        rc = journal_fail(j, sqlrc, "committing");
    }
    if (own) {
        journal_exec(j, "ROLLBACK");
        journal_forget(j);
    } else if (rc != RATEL_OK && j->in_tx && sqlite3_get_autocommit(j->db)) {
        /* SQLite rolled the caller's transaction back itself (disk full,
         * I/O error, no memory) */
        j->in_tx = 0;
        journal_forget(j);
    }
    return rc;
}

int ratel_journal_begin(ratel_journal *j)
{
    int rc;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (j->in_tx)
        return err_set(&j->err, RATEL_EARG, "%s: a transaction is open "
                       "already", j->path);
    if ((rc = journal_exec(j, "BEGIN IMMEDIATE")) != SQLITE_OK)
        return journal_fail(j, rc, "starting a transaction");
    j->in_tx = 1;
    return RATEL_OK;
}

int ratel_journal_commit(ratel_journal *j)
{
    int rc;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (!j->in_tx)
        return err_set(&j->err, RATEL_EARG, "%s: no transaction is open",
                       j->path);
    j->in_tx = 0;
    if ((rc = journal_exec(j, "COMMIT")) == SQLITE_OK)
        return RATEL_OK;
    rc = journal_fail(j, rc, "committing");
    journal_exec(j, "ROLLBACK");
    journal_forget(j);
    return rc;
}

void ratel_journal_rollback(ratel_journal *j)
{
    if (!j || !j->ready || !j->in_tx)
        return;
    j->in_tx = 0;
    journal_exec(j, "ROLLBACK");
    journal_forget(j);
}

int ratel_journal_mark(ratel_journal *j, const char *key)
{
    int own, rc;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (!key || !*key || !journal_text_ok(key))
        return err_set(&j->err, RATEL_EARG, "%s: a mark is a text of 1 to "
                       "%d bytes", j->path, JOURNAL_MAX_TEXT);
    if ((rc = journal_start(j, &own)) != RATEL_OK)
        return rc;
    sqlite3_bind_text(j->st[JST_MARK_ADD], 1, key, -1, SQLITE_STATIC);
    rc = journal_run(j->st[JST_MARK_ADD]);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        rc = err_set(&j->err, RATEL_EARG, "%s: \"%s\" is marked already",
                     j->path, key);
    else if (rc != SQLITE_OK)
        rc = journal_fail(j, rc, "recording a mark");
    return journal_end(j, own, rc);
}

int ratel_journal_marked(ratel_journal *j, const char *key)
{
    sqlite3_stmt *st;
    int rc;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (!key || !journal_text_ok(key))
        return err_set(&j->err, RATEL_EARG, "%s: a mark is a text of 1 to "
                       "%d bytes", j->path, JOURNAL_MAX_TEXT);
    st = j->st[JST_MARK_FIND];
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : journal_fail(j, rc, "reading a mark");
}
