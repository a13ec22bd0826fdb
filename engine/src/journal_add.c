/* journal_add.c - recording one quote: its record checked against the
 * engine that rated it, its context found or stored, the shared members
 * of its JSON found (by the context and the tables the quote used) or
 * written and stored, and its row. */
#include <string.h>

#include "journal_int.h"
#include "sha256.h"

/* Whether rec was made by a quote of e, which is still open: every object
 * the record points to must be e's, with the hashes its quote cited. */
static int made_by(const ratel_journal_record *rec, const ratel_engine *e)
{
    const quote_meta *m = rec->meta;
    const plan_def *p = m->plan;
    size_t i, k;
    if (rec->engine != e || p < e->plans || p >= e->plans + e->nplans ||
        strcmp(p->hash, m->plan_hash) != 0 || m->ntables != p->ntables)
        return 0;
    for (k = 0; k < e->nschemas && e->schemas[k] != rec->schema; k++)
        ;
    if (k == e->nschemas)
        return 0;
    for (i = 0; i < m->ntables; i++) {
        const tbl_table *t = m->resolved[i];
        if (t < e->tables->tables || t >= e->tables->tables + e->tables->n ||
            strcmp(t->hash, m->tables[i].hash) != 0)
            return 0;
    }
    return 1;
}

/* The blob id of the record's "tables" member (tables 1) or "plan" member
 * (0), written into the journal's scratch buffer: found, or stored. */
static int member_id(ratel_journal *j, const ratel_journal_record *rec,
                     int tables, int64_t *id)
{
    buf *b = &j->scratch;
    char sha[65];
    buf_reset(b);
    if (tables)
        quote_write_tables_member(rec->meta, rec->tables_used, b);
    else
        quote_write_plan_member(rec->meta, b);
    if (b->oom)
        return err_set(&j->err, RATEL_ENOMEM, "out of memory");
    sha256_hex(b->data, b->len, sha);
    return journal_blob_id(j, "quote-part", "", b->data, b->len, sha, id);
}

/* The blob id of the record's "tables" member: known to the context for
 * the tables it used, else stored and then known. */
static int tables_id(ratel_journal *j, journal_known *c,
                     const ratel_journal_record *rec, int64_t *id)
{
    journal_part *slot;
    unsigned k;
    int rc;
    for (k = 0; k < c->nparts; k++)
        if (c->parts[k].used == rec->tables_used) {
            *id = c->parts[k].id;
            return RATEL_OK;
        }
    if ((rc = member_id(j, rec, 1, id)))
        return rc;
    slot = &c->parts[c->next_part];
    c->next_part = (c->next_part + 1) % JOURNAL_PARTS;
    if (c->nparts < JOURNAL_PARTS)
        c->nparts++;
    slot->used = rec->tables_used;
    slot->id = *id;
    return RATEL_OK;
}

/* The record's row. */
static int insert(ratel_journal *j, const ratel_journal_record *rec,
                  journal_known *c, const char *reference, const char *when)
{
    sqlite3_stmt *st = j->st[JST_QUOTE_ADD];
    int64_t tables_part = 0;
    int rc;
    /* the plan's member is the same for every quote of the context */
    if ((!c->plan_part && (rc = member_id(j, rec, 0, &c->plan_part))) ||
        (rc = tables_id(j, c, rec, &tables_part)))
        return rc;
    if (reference)
        sqlite3_bind_text(st, 1, reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, when, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, c->id);
    sqlite3_bind_text64(st, 4, rec->decl, rec->decl_len, SQLITE_STATIC,
                        SQLITE_UTF8);
    sqlite3_bind_text(st, 5, rec->decl_parsed ? "parsed" : "canonical", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, rec->flags);
    sqlite3_bind_int(st, 7, rec->authority);
    if (rec->overrides)
        sqlite3_bind_text(st, 8, rec->overrides, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, ratel_decision_name(rec->decision), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, rec->total_premium);
    sqlite3_bind_text(st, 11, rec->currency, -1, SQLITE_STATIC);
    sqlite3_bind_text64(st, 12, rec->core, rec->core_len, SQLITE_STATIC,
                        SQLITE_UTF8);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)rec->cut.plan_at);
    sqlite3_bind_int64(st, 14, c->plan_part);
    sqlite3_bind_int64(st, 15, (sqlite3_int64)rec->cut.tables_at);
    sqlite3_bind_int64(st, 16, tables_part);
    if ((rc = journal_run(st)) != SQLITE_OK)
        return journal_fail(j, rc, "recording a quote");
    return RATEL_OK;
}

/* The text of timestamp ms, kept for the next quote (a batch's chunk
 * shares one). 0, or -1 when out of range. */
static int when_text(ratel_journal *j, int64_t ms,
                     char when[JOURNAL_TIME_LEN + 1])
{
    if (ms != j->last_ms || !j->last_when[0]) {
        if (journal_time_format(ms, j->last_when) != 0) {
            j->last_when[0] = '\0';
            return -1;
        }
        j->last_ms = ms;
    }
    memcpy(when, j->last_when, JOURNAL_TIME_LEN + 1);
    return 0;
}

/* Records rec for the public function `fn` (its name in messages). */
static int add(const char *fn, ratel_journal *j, const ratel_engine *engine,
               const ratel_journal_record *rec, const char *reference,
               int64_t timestamp_ms, int64_t *id)
{
    journal_known *c = NULL;
    char when[JOURNAL_TIME_LEN + 1];
    int own, rc;
    if (!made_by(rec, engine))
        return err_set(&j->err, RATEL_EARG, "%s: the quote was not rated by "
                       "this engine", fn);
    if (!journal_text_ok(reference) || when_text(j, timestamp_ms, when) != 0)
        return err_set(&j->err, RATEL_EARG, "%s: a reference of at most %d "
                       "bytes and a timestamp from 1970 to 2999 are needed",
                       fn, JOURNAL_MAX_TEXT);
    if ((rc = journal_start(j, &own)) != RATEL_OK)
        return rc;
    if ((rc = journal_context_id(j, rec, &c)) == RATEL_OK)
        rc = insert(j, rec, c, reference, when);
    if (rc == RATEL_OK && id)
        *id = sqlite3_last_insert_rowid(j->db);
    rc = journal_end(j, own, rc);
    if (rc != RATEL_OK && id)
        *id = 0;
    return rc;
}

int ratel_journal_add(ratel_journal *j, const ratel_engine *engine,
                      const ratel_quote *q, const char *reference,
                      int64_t timestamp_ms, int64_t *id)
{
    if (id)
        *id = 0;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (!engine || !q || !q->journal)
        return err_set(&j->err, RATEL_EARG, "ratel_journal_add: the quote "
                       "keeps no record (rate it on a context with "
                       "ratel_journal_keep)");
    return add("ratel_journal_add", j, engine, q->journal, reference,
               timestamp_ms, id);
}

int ratel_journal_add_record(ratel_journal *j, const ratel_engine *engine,
                             const ratel_journal_record *rec,
                             const char *reference, int64_t timestamp_ms,
                             int64_t *id)
{
    if (id)
        *id = 0;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (!engine || !rec)
        return err_set(&j->err, RATEL_EARG, "ratel_journal_add_record: "
                       "an engine and a record are needed");
    return add("ratel_journal_add_record", j, engine, rec, reference,
               timestamp_ms, id);
}
