/* journal_add.c - recording one quote: its record checked against the
 * engine that rated it, its context found or stored, the shared members
 * of its JSON found or stored, and its row. */
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "sha256.h"

/* Whether q (with its record) was rated by e, which is still open: every
 * object the record points to must be e's, with the hashes q copied. */
static int rated_by(const ratel_quote *q, const struct journal_rec *rec,
                    const ratel_engine *e)
{
    const quote_meta *m = q->meta;
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

/* The blob id of the quote's "tables" member (text, len): known to the
 * context, else stored and then known. */
static int part_id(ratel_journal *j, journal_known *c, const char *text,
                   size_t len, int64_t *id)
{
    journal_part *slot;
    char sha[65];
    unsigned k;
    int rc;
    for (k = 0; k < c->nparts; k++)
        if (c->parts[k].len == len && memcmp(c->parts[k].text, text, len) == 0) {
            *id = c->parts[k].id;
            return RATEL_OK;
        }
    sha256_hex(text, len, sha);
    if ((rc = journal_blob_id(j, "quote-part", "", text, len, sha, id)))
        return rc;
    slot = &c->parts[c->next_part];
    c->next_part = (c->next_part + 1) % JOURNAL_PARTS;
    if (c->nparts < JOURNAL_PARTS)
        c->nparts++;
    free(slot->text);
    slot->text = NULL;
    if ((slot->text = malloc(len))) {
        memcpy(slot->text, text, len);
        slot->len = len;
        slot->id = *id;
    } else {
        slot->len = 0; /* not remembered: looked up again next time */
        slot->id = 0;
    }
    return RATEL_OK;
}

/* The quote's row. */
static int insert(ratel_journal *j, const ratel_quote *q,
                  const struct journal_rec *rec, journal_known *c,
                  const char *reference, const char *when)
{
    sqlite3_stmt *st = j->st[JST_QUOTE_ADD];
    const char *json = rec->json.data;
    buf *core = &j->scratch;
    int64_t plan_part = 0, tables_part = 0;
    int rc, split = rec->plan_len > 0;
    buf_reset(core);
    if (split) {
        size_t plan_end = rec->plan_at + rec->plan_len;
        size_t tables_end = rec->tables_at + rec->tables_len;
        if (!c->plan_part) { /* the same for every quote of the context */
            char sha[65];
            sha256_hex(json + rec->plan_at, rec->plan_len, sha);
            if ((rc = journal_blob_id(j, "quote-part", "", json + rec->plan_at,
                                      rec->plan_len, sha, &c->plan_part)))
                return rc;
        }
        plan_part = c->plan_part;
        if ((rc = part_id(j, c, json + rec->tables_at, rec->tables_len,
                          &tables_part)))
            return rc;
        buf_put(core, json, rec->plan_at);
        buf_put(core, json + plan_end, rec->tables_at - plan_end);
        buf_put(core, json + tables_end, rec->json.len - tables_end);
    } else {
        buf_put(core, json, rec->json.len);
    }
    if (core->oom)
        return err_set(&j->err, RATEL_ENOMEM, "out of memory");
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
    sqlite3_bind_text(st, 9, ratel_decision_name(q->decision), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, q->total_premium);
    sqlite3_bind_text(st, 11, ratel_quote_currency(q), -1, SQLITE_STATIC);
    sqlite3_bind_text64(st, 12, core->data, core->len, SQLITE_STATIC,
                        SQLITE_UTF8);
    if (split) {
        sqlite3_bind_int64(st, 13, (sqlite3_int64)rec->plan_at);
        sqlite3_bind_int64(st, 14, plan_part);
        sqlite3_bind_int64(st, 15,
                           (sqlite3_int64)(rec->tables_at - rec->plan_len));
        sqlite3_bind_int64(st, 16, tables_part);
    }
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

int ratel_journal_add(ratel_journal *j, const ratel_engine *engine,
                      const ratel_quote *q, const char *reference,
                      int64_t timestamp_ms, int64_t *id)
{
    const struct journal_rec *rec;
    journal_known *c = NULL;
    char when[JOURNAL_TIME_LEN + 1];
    int own, rc;
    if (id)
        *id = 0;
    if (!j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (!engine || !q || !(rec = q->journal))
        return err_set(&j->err, RATEL_EARG, "ratel_journal_add: the quote "
                       "keeps no record (rate it on a context with "
                       "ratel_journal_keep)");
    if (!rated_by(q, rec, engine))
        return err_set(&j->err, RATEL_EARG, "ratel_journal_add: the quote "
                       "was not rated by this engine");
    if (!journal_text_ok(reference) || when_text(j, timestamp_ms, when) != 0)
        return err_set(&j->err, RATEL_EARG, "ratel_journal_add: a reference "
                       "of at most %d bytes and a timestamp from 1970 to "
                       "2999 are needed", JOURNAL_MAX_TEXT);
    if ((rc = journal_start(j, &own)) != RATEL_OK)
        return rc;
    if ((rc = journal_context_id(j, q, rec, &c)) == RATEL_OK)
        rc = insert(j, q, rec, c, reference, when);
    if (rc == RATEL_OK && id)
        *id = sqlite3_last_insert_rowid(j->db);
    rc = journal_end(j, own, rc);
    if (rc != RATEL_OK && id)
        *id = 0;
    return rc;
}
