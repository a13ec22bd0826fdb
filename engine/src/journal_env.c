/* journal_env.c - a recorded context opened as an engine, for the replay:
 * its schema file, its plan source (at the path it was loaded from) and
 * its tables, each read from the blob the journal stored and checked
 * against the SHA-256 it is stored under (and each table against the
 * hash its quotes cite), with the engine limits it had. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_replay.h"
#include "sha256.h"

/* A blob's content checked against its SHA-256. */
static int blob_ok(sqlite3_stmt *st, int content, int sha)
{
    const void *data = sqlite3_column_blob(st, content);
    const char *want = (const char *)sqlite3_column_text(st, sha);
    char got[65];
    if (!data || !want)
        return 0;
    sha256_hex(data, (size_t)sqlite3_column_bytes(st, content), got);
    return strcmp(got, want) == 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Prepares `sql` with the context id bound; an error on e. */
static int query(ratel_journal *j, const char *sql, int64_t context,
                 sqlite3_stmt **st, ratel_err *e)
{
    int rc = sqlite3_prepare_v2(j->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK) {
        journal_fail(j, rc, "reading a context");
        return err_set(e, j->err.code, "%s", j->err.message);
    }
    sqlite3_bind_int64(*st, 1, context);
    return RATEL_OK;
}

static int step_failed(ratel_journal *j, int rc, ratel_err *e)
{
    journal_fail(j, rc, "reading a context");
    return err_set(e, j->err.code, "%s", j->err.message);
}

/* Adds the table of the current row to set, unless there already (a
 * plan's table that a code list also names). */
static int add_table(sqlite3_stmt *st, int64_t context, tbl_set *set,
                     ratel_err *e)
{
    const char *name = col(st, 0), *version = col(st, 1), *from = col(st, 2),
               *hash = col(st, 3);
    const tbl_table *t;
    char what[200];
    size_t k;
    int rc;
    if (!name || !version || !from || !hash || !blob_ok(st, 4, 5))
        return err_set(e, RATEL_EIO, "context %lld: a table's content does "
                       "not match its SHA-256 (damaged journal)",
                       (long long)context);
    for (k = 0; k < set->n; k++)
        if (strcmp(set->tables[k].name, name) == 0 &&
            strcmp(set->tables[k].effective_str, from) == 0)
            return strcmp(set->tables[k].hash, hash) == 0
                       ? RATEL_OK
                       : err_set(e, RATEL_EIO, "context %lld: table %s %s "
                                 "stored twice with other contents",
                                 (long long)context, name, from);
    snprintf(what, sizeof what, "context %lld: table %.64s %.64s",
             (long long)context, name, version);
    if ((rc = tbl_set_add_json(set, sqlite3_column_blob(st, 4),
                               (size_t)sqlite3_column_bytes(st, 4), what, e)))
        return rc;
    t = &set->tables[set->n - 1];
    if (strcmp(t->name, name) || strcmp(t->version, version) ||
        strcmp(t->effective_str, from) || strcmp(t->hash, hash))
        return err_set(e, RATEL_EIO, "%s: its content is not the table its "
                       "quotes cite (damaged journal)", what);
    return RATEL_OK;
}

/* The context's tables, each version once. */
static int read_tables(ratel_journal *j, int64_t context, tbl_set **out,
                       ratel_err *e)
{
    static const char sql[] =
        "SELECT t.name, t.version, t.effective_from, t.hash, b.content,"
        " b.sha256 FROM journal_context_tables t"
        " JOIN journal_blobs b ON b.id = t.blob"
        " WHERE t.context = ? ORDER BY t.position";
    sqlite3_stmt *st = NULL;
    tbl_set *set = calloc(1, sizeof *set);
    int rc, got;
    if (!set)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    rc = query(j, sql, context, &st, e);
    while (rc == RATEL_OK && (got = sqlite3_step(st)) != SQLITE_DONE)
        rc = got == SQLITE_ROW ? add_table(st, context, set, e)
                               : step_failed(j, got, e);
    sqlite3_finalize(st);
    if (rc == RATEL_OK)
        rc = tbl_set_sort(set, e);
    if (rc != RATEL_OK) {
        tbl_set_free(set);
        return rc;
    }
    *out = set;
    return RATEL_OK;
}

int journal_env_open(ratel_journal *j, int64_t context, journal_env *env)
{
    static const char sql[] =
        "SELECT c.schema_id, c.plan_id, c.plan_path, s.name, s.content,"
        " s.sha256, p.content, p.sha256, c.max_instructions, c.max_memory,"
        " c.max_milliseconds FROM journal_contexts c"
        " JOIN journal_blobs s ON s.id = c.schema_blob"
        " JOIN journal_blobs p ON p.id = c.plan_blob WHERE c.id = ?";
    sqlite3_stmt *st = NULL;
    tbl_set *tables = NULL;
    engine_text schema, plan;
    plan_limits limits;
    int rc, got;
    memset(env, 0, sizeof *env);
    err_init(&env->err);
    env->context = context;
    if ((rc = query(j, sql, context, &st, &env->err)) != RATEL_OK)
        return rc;
    if ((got = sqlite3_step(st)) != SQLITE_ROW) {
        rc = got == SQLITE_DONE
                 ? err_set(&env->err, RATEL_EIO, "context %lld is missing "
                           "(damaged journal)", (long long)context)
                 : step_failed(j, got, &env->err);
    } else if (!col(st, 0) || !col(st, 1) || !col(st, 2) || !col(st, 3) ||
               !blob_ok(st, 4, 5) || !blob_ok(st, 6, 7)) {
        rc = err_set(&env->err, RATEL_EIO, "context %lld: its schema or "
                     "plan does not match its SHA-256 (damaged journal)",
                     (long long)context);
    } else if (!(env->schema_id = strdup(col(st, 0))) ||
               !(env->plan_id = strdup(col(st, 1)))) {
        rc = err_set(&env->err, RATEL_ENOMEM, "out of memory");
    } else if ((rc = read_tables(j, context, &tables, &env->err)) ==
               RATEL_OK) {
        schema.path = col(st, 3);
        schema.text = sqlite3_column_blob(st, 4);
        schema.len = (size_t)sqlite3_column_bytes(st, 4);
        plan.path = col(st, 2);
        plan.text = sqlite3_column_blob(st, 6);
        plan.len = (size_t)sqlite3_column_bytes(st, 6);
        limits.max_instructions = (uint64_t)sqlite3_column_int64(st, 8);
        limits.max_memory = (size_t)sqlite3_column_int64(st, 9);
        limits.max_milliseconds = (uint32_t)sqlite3_column_int64(st, 10);
        rc = engine_open_texts(&env->engine, tables, &schema, 1, &plan, 1,
                               &limits);
        if (rc != RATEL_OK)
            err_set(&env->err, rc, "context %lld: %s", (long long)context,
                    env->engine ? ratel_engine_errmsg(env->engine)
                                : "out of memory");
        env->owned = 1;
    }
    sqlite3_finalize(st);
    return rc;
}

void journal_env_close(journal_env *env, size_t nthreads)
{
    size_t k;
    for (k = 0; env->ctxs && k < nthreads; k++)
        ratel_ctx_free(env->ctxs[k]);
    free(env->ctxs);
    if (env->owned)
        ratel_engine_free(env->engine);
    free(env->schema_id);
    free(env->plan_id);
    err_dispose(&env->err);
    memset(env, 0, sizeof *env);
}
