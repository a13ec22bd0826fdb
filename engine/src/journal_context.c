/* journal_context.c - the context a quote was rated in: the engine
 * version, the product schema, the plan version, the engine's limits and
 * the rate tables (the plan's, resolved for the quote's date, and those
 * the schema's code lists were read from). Each file or table content is
 * a blob stored once by its SHA-256; a context row names them and is
 * itself stored once, found by the SHA-256 of its description. A handle
 * remembers the contexts it recorded lately, so that a batch describes
 * its context once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "sha256.h"

/* One table of a context. */
typedef struct ctx_table {
    const char *role;      /* "plan" or "codes" */
    const tbl_table *t;
    char sha[65];
    int64_t blob;
} ctx_table;

/* The id of the row statement `find` finds by `sha256`: 1 found, 0 not,
 * or a negative error on j. */
static int find(ratel_journal *j, int find, const char *sha256, int64_t *id)
{
    sqlite3_stmt *st = j->st[find];
    int rc;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW;
    return journal_fail(j, rc, "reading the journal");
}

int journal_blob_id(ratel_journal *j, const char *kind, const char *name,
                    const char *content, size_t len, const char *sha256,
                    int64_t *id)
{
    sqlite3_stmt *st;
    int rc = find(j, JST_BLOB_FIND, sha256, id);
    if (rc != 0)
        return rc > 0 ? RATEL_OK : rc;
    st = j->st[JST_BLOB_ADD];
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(st, 4, content, len, SQLITE_STATIC);
    if ((rc = journal_run(st)) != SQLITE_OK)
        return journal_fail(j, rc, "storing a blob");
    *id = sqlite3_last_insert_rowid(j->db);
    return RATEL_OK;
}

/* The latest version of table `name`: the one the schema's code lists
 * were read from when the engine opened (schema_load.c). */
static const tbl_table *latest(const tbl_set *set, const char *name)
{
    const tbl_table *t = NULL;
    size_t i;
    for (i = 0; i < set->n; i++)
        if (strcmp(set->tables[i].name, name) == 0)
            t = &set->tables[i];
    return t;
}

/* The tables of the context: the plan's, then the code lists'. */
static int list_tables(const quote_meta *m, const sch_schema *s,
                       const tbl_set *set, ctx_table **out, size_t *n)
{
    ctx_table *v = calloc(m->ntables + (size_t)s->ncodes + 1, sizeof *v);
    size_t k = 0, i;
    if (!v)
        return RATEL_ENOMEM;
    for (i = 0; i < m->ntables; i++) {
        v[k].role = "plan";
        v[k++].t = m->resolved[i];
    }
    for (i = 0; i < (size_t)s->ncodes; i++)
        if (s->codes[i].from_table &&
            (v[k].t = latest(set, s->codes[i].from_table)))
            v[k++].role = "codes";
    *out = v;
    *n = k;
    return RATEL_OK;
}

/* Stores each table's content as a blob (its JSON, tables_json.c). */
static int store_tables(ratel_journal *j, ctx_table *v, size_t n)
{
    buf b;
    size_t i;
    int rc = RATEL_OK;
    buf_init(&b);
    for (i = 0; rc == RATEL_OK && i < n; i++) {
        buf_reset(&b);
        if (tbl_json_write(v[i].t, &b) != RATEL_OK) {
            rc = err_set(&j->err, RATEL_ENOMEM, "out of memory");
            break;
        }
        sha256_hex(b.data, b.len, v[i].sha);
        rc = journal_blob_id(j, "table", v[i].t->name, b.data, b.len,
                             v[i].sha, &v[i].blob);
    }
    buf_free(&b);
    return rc;
}

/* What identifies the context, one fact a line; its SHA-256 is the key. */
static void describe(buf *d, const ratel_engine *e, const plan_def *p,
                     const sch_schema *s, const ctx_table *v, size_t n)
{
    size_t i;
    buf_printf(d, "ratel-context 1\nengine %s\nschema %s %d %s\n",
               ratel_version(), s->id, s->version, s->hash);
    buf_printf(d, "plan %s %s %s %s %s\nlimits %llu %zu %u\n", p->id,
               p->version, p->effective_str, p->hash, p->path,
               (unsigned long long)e->limits.max_instructions,
               e->limits.max_memory, e->limits.max_milliseconds);
    for (i = 0; i < n; i++)
        buf_printf(d, "table %s %s %s %s %s %s\n", v[i].role, v[i].t->name,
                   v[i].t->version, v[i].t->effective_str, v[i].t->hash,
                   v[i].sha);
}

/* Inserts the context row and its tables. */
static int insert(ratel_journal *j, const char *key, const ratel_engine *e,
                  const plan_def *p, const sch_schema *s, const ctx_table *v,
                  size_t n, int64_t *id)
{
    sqlite3_stmt *st = j->st[JST_CTX_ADD];
    int64_t schema_blob, plan_blob;
    size_t i;
    int rc;
    if ((rc = journal_blob_id(j, "schema", s->file, s->source, s->source_len,
                              s->hash, &schema_blob)) ||
        (rc = journal_blob_id(j, "plan", p->path, p->source, p->source_len,
                              p->hash, &plan_blob)))
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, ratel_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, s->id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, s->version);
    sqlite3_bind_int64(st, 5, schema_blob);
    sqlite3_bind_text(st, 6, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, p->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, p->effective_str, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, p->path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, plan_blob);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)e->limits.max_instructions);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)e->limits.max_memory);
    sqlite3_bind_int64(st, 13, e->limits.max_milliseconds);
    if ((rc = journal_run(st)) != SQLITE_OK)
        return journal_fail(j, rc, "storing a context");
    *id = sqlite3_last_insert_rowid(j->db);
    st = j->st[JST_CTX_TABLE];
    for (i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, v[i].role, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, v[i].t->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, v[i].t->version, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, v[i].t->effective_str, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, v[i].t->hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 8, v[i].blob);
        if ((rc = journal_run(st)) != SQLITE_OK)
            return journal_fail(j, rc, "storing a context's tables");
    }
    return RATEL_OK;
}

/* The id of the context described by key: found, or inserted. */
static int find_or_insert(ratel_journal *j, const char *key,
                          const ratel_engine *e, const plan_def *p,
                          const sch_schema *s, const ctx_table *v, size_t n,
                          int64_t *id)
{
    int rc = find(j, JST_CTX_FIND, key, id);
    if (rc != 0)
        return rc > 0 ? RATEL_OK : rc;
    return insert(j, key, e, p, s, v, n, id);
}

/* The known context rec's quote was rated in, or NULL. Pointers alone
 * could name another engine's objects at the same addresses: the plan's,
 * schema's and tables' hashes must match too. */
static journal_known *recall(ratel_journal *j,
                             const ratel_journal_record *rec)
{
    const quote_meta *m = rec->meta;
    size_t i, k;
    for (i = 0; i < JOURNAL_CONTEXTS; i++) {
        journal_known *c = &j->known[i];
        if (!c->id || c->engine != rec->engine || c->plan != m->plan ||
            c->schema != rec->schema || c->ntables != m->ntables ||
            memcmp(c->tables, m->resolved, m->ntables * sizeof *c->tables) ||
            strcmp(c->plan_hash, m->plan_hash) != 0 ||
            strcmp(c->schema_hash, rec->schema->hash) != 0)
            continue;
        for (k = 0; k < m->ntables; k++)
            if (memcmp(c->table_hashes + 16 * k, m->tables[k].hash, 16))
                break;
        if (k == m->ntables)
            return c;
    }
    return NULL;
}

/* Remembers context `id` of rec in the next slot. */
static int remember(ratel_journal *j, const ratel_journal_record *rec,
                    int64_t id, journal_known **out)
{
    const quote_meta *m = rec->meta;
    journal_known *c = &j->known[j->next_known];
    size_t k, n = m->ntables;
    free(c->tables);
    free(c->table_hashes);
    memset(c, 0, sizeof *c);
    c->tables = malloc((n ? n : 1) * sizeof *c->tables);
    c->table_hashes = malloc(16 * n + 1);
    if (!c->tables || !c->table_hashes)
        return err_set(&j->err, RATEL_ENOMEM, "out of memory");
    memcpy(c->tables, m->resolved, n * sizeof *c->tables);
    for (k = 0; k < n; k++)
        memcpy(c->table_hashes + 16 * k, m->tables[k].hash, 16);
    c->ntables = n;
    c->engine = rec->engine;
    c->plan = m->plan;
    c->schema = rec->schema;
    snprintf(c->plan_hash, sizeof c->plan_hash, "%s", m->plan_hash);
    snprintf(c->schema_hash, sizeof c->schema_hash, "%s", rec->schema->hash);
    c->id = id;
    j->next_known = (j->next_known + 1) % JOURNAL_CONTEXTS;
    *out = c;
    return RATEL_OK;
}

int journal_context_id(ratel_journal *j, const ratel_journal_record *rec,
                       journal_known **known)
{
    const ratel_engine *e = rec->engine;
    const plan_def *p = rec->meta->plan;
    const sch_schema *s = rec->schema;
    ctx_table *v = NULL;
    size_t n = 0;
    char key[65];
    int64_t id = 0;
    buf d;
    int rc;
    if ((*known = recall(j, rec)))
        return RATEL_OK;
    if (!s->source)
        return err_set(&j->err, RATEL_EARG, "schema %s: its file's text was "
                       "not kept", s->id);
    if (list_tables(rec->meta, s, e->tables, &v, &n) != RATEL_OK)
        return err_set(&j->err, RATEL_ENOMEM, "out of memory");
    buf_init(&d);
    if ((rc = store_tables(j, v, n)) == RATEL_OK) {
        describe(&d, e, p, s, v, n);
        if (d.oom)
            rc = err_set(&j->err, RATEL_ENOMEM, "out of memory");
        else
            sha256_hex(d.data, d.len, key);
    }
    if (rc == RATEL_OK)
        rc = find_or_insert(j, key, e, p, s, v, n, &id);
    if (rc == RATEL_OK)
        rc = remember(j, rec, id, known);
    buf_free(&d);
    free(v);
    return rc;
}
