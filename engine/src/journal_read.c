/* journal_read.c - reading recorded quotes back: a cursor over the
 * quotes (one, all, or those since a time), each quote's JSON joined from
 * its core and shared members, and a quote with its context as one JSON
 * document (`ratel journal show` and `export`). A damaged record is an
 * error naming the quote, never a crash or a quote silently cut. */
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "journal_replay.h"
#include "jtree.h"

enum {
    C_ID, C_REF, C_TIME, C_PLAN, C_PLAN_VERSION, C_DECISION, C_TOTAL,
    C_CURRENCY, C_DECL, C_CORE, C_PLAN_AT, C_PLAN_PART, C_TABLES_AT,
    C_TABLES_PART, C_CONTEXT, C_FLAGS, C_AUTHORITY, C_OVERRIDES, C_FORM
};

#define SELECT_QUOTES                                                        \
    "SELECT q.id, q.reference, q.timestamp, c.plan_id, c.plan_version,"     \
    " q.decision, q.total_premium, q.currency, q.declaration, q.quote_core," \
    " q.plan_at, q.plan_part, q.tables_at, q.tables_part, q.context,"      \
    " q.flags, q.authority, q.overrides, q.declaration_form"                \
    " FROM journal_quotes q JOIN journal_contexts c ON c.id = q.context "

#define CURSOR_PARTS 16 /* shared members of quotes remembered */

/* A shared member of quotes (a blob), remembered by its id. */
typedef struct part {
    int64_t id;
    char *text;
    size_t len;
} part;

struct ratel_journal_cursor {
    ratel_journal *j;
    sqlite3_stmt *st;
    int current;            /* a quote was read and is current */
    ratel_journal_entry entry;
    buf quote;              /* its joined JSON */
    int64_t context;        /* the context described in `about` */
    buf about;              /* "engine_version" to "tables", as JSON */
    sqlite3_stmt *part_st;  /* a blob's content by id */
    part parts[CURSOR_PARTS];
    unsigned next_part;
};

/* The text of column i (NULL for NULL) and its length. */
static const char *text(sqlite3_stmt *st, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    if (len)
        *len = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return s;
}

int ratel_journal_read(ratel_journal_cursor **out, ratel_journal *j,
                       int64_t id, const char *since)
{
    char from[JOURNAL_TIME_LEN + 1];
    ratel_journal_cursor *c;
    const char *where = id > 0 ? SELECT_QUOTES "WHERE q.id = ?1"
                        : since ? SELECT_QUOTES "WHERE q.timestamp >= ?1"
                                  " ORDER BY q.timestamp, q.id"
                                : SELECT_QUOTES "ORDER BY q.id";
    int rc;
    if (out)
        *out = NULL;
    if (!out || !j || !j->ready)
        return RATEL_EARG;
    err_clear(&j->err);
    if (id <= 0 && since && journal_since_parse(since, from) != 0)
        return err_set(&j->err, RATEL_EARG, "\"%s\": a date YYYY-MM-DD or "
                       "a time YYYY-MM-DDTHH:MM:SS[.sss]Z is needed", since);
    if (!(c = calloc(1, sizeof *c)))
        return err_set(&j->err, RATEL_ENOMEM, "out of memory");
    c->j = j;
    buf_init(&c->quote);
    buf_init(&c->about);
    rc = sqlite3_prepare_v2(j->db, where, -1, &c->st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(j->db, "SELECT content FROM journal_blobs "
                                "WHERE id = ?", -1, &c->part_st, NULL);
    if (rc != SQLITE_OK) {
        ratel_journal_cursor_free(c);
        return journal_fail(j, rc, "reading quotes");
    }
    if (id > 0)
        sqlite3_bind_int64(c->st, 1, id);
    else if (since)
        sqlite3_bind_text(c->st, 1, from, -1, SQLITE_TRANSIENT);
    *out = c;
    return RATEL_OK;
}

/* An offset column: its value, or -1 for anything but an integer. */
static int64_t at(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_INTEGER
               ? sqlite3_column_int64(st, i)
               : -1;
}

/* The member of column i's blob: remembered, or read and remembered
 * (quotes share a few). RATEL_OK with *text NULL when the column is
 * NULL; RATEL_EIO when the blob is missing. */
static int part_of(ratel_journal_cursor *c, int i, const char **text,
                   size_t *len)
{
    sqlite3_stmt *st = c->part_st;
    int64_t id = sqlite3_column_int64(c->st, i);
    part *p;
    unsigned k;
    int rc;
    *text = NULL;
    *len = 0;
    if (sqlite3_column_type(c->st, i) == SQLITE_NULL)
        return RATEL_OK;
    for (k = 0; k < CURSOR_PARTS; k++)
        if (c->parts[k].text && c->parts[k].id == id) {
            *text = c->parts[k].text;
            *len = c->parts[k].len;
            return RATEL_OK;
        }
    p = &c->parts[c->next_part];
    c->next_part = (c->next_part + 1) % CURSOR_PARTS;
    free(p->text);
    p->text = NULL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_blob(st, 0)) {
        p->len = (size_t)sqlite3_column_bytes(st, 0);
        if ((p->text = malloc(p->len)))
            memcpy(p->text, sqlite3_column_blob(st, 0), p->len);
        p->id = id;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW && !p->text)
        return err_set(&c->j->err, RATEL_ENOMEM, "out of memory");
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? RATEL_EIO
                                 : journal_fail(c->j, rc, "reading quotes");
    *text = p->text;
    *len = p->len;
    return RATEL_OK;
}

static int damaged(ratel_journal_cursor *c, int64_t id, const char *what)
{
    c->current = 0;
    return err_set(&c->j->err, RATEL_EIO, "%s: quote %lld: damaged record "
                   "(%s)", c->j->path, (long long)id, what);
}

static int journal_next_fill(ratel_journal_cursor *c, ratel_journal_entry *e)
{
    sqlite3_stmt *st;
    ratel_journal_entry *x;
    size_t core_len, plan_len, tables_len;
    const char *core, *plan, *tables, *decision;
    int rc;
    if (!c || !e)
        return RATEL_EARG;
    st = c->st;
    x = &c->entry;
    c->current = 0;
    err_clear(&c->j->err);
    if ((rc = sqlite3_step(st)) == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return journal_fail(c->j, rc, "reading quotes");
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(st, C_ID);
    x->reference = text(st, C_REF, NULL);
    x->timestamp = text(st, C_TIME, NULL);
    x->plan_id = text(st, C_PLAN, NULL);
    x->plan_version = text(st, C_PLAN_VERSION, NULL);
    decision = text(st, C_DECISION, NULL);
    x->total_premium = sqlite3_column_int64(st, C_TOTAL);
    x->currency = text(st, C_CURRENCY, NULL);
    x->declaration = text(st, C_DECL, &x->declaration_len);
    core = text(st, C_CORE, &core_len);
    if (!x->timestamp || !x->plan_id || !x->plan_version || !x->currency ||
        !x->declaration || !core || !decision)
        return damaged(c, x->id, "a missing column");
    x->decision = strcmp(decision, "quoted") == 0     ? "quoted"
                  : strcmp(decision, "referred") == 0 ? "referred"
                  : strcmp(decision, "declined") == 0 ? "declined"
                                                      : NULL;
    if (!x->decision)
        return damaged(c, x->id, "an unknown decision");
    if ((rc = part_of(c, C_PLAN_PART, &plan, &plan_len)) != RATEL_OK ||
        (rc = part_of(c, C_TABLES_PART, &tables, &tables_len)) != RATEL_OK)
        return rc == RATEL_EIO ? damaged(c, x->id, "a part of its quote is "
                                         "missing")
                               : rc;
    if (journal_quote_join(&c->quote, core, core_len, at(st, C_PLAN_AT),
                           plan, plan_len, at(st, C_TABLES_AT), tables,
                           tables_len) != 0)
        return c->quote.oom
                   ? err_set(&c->j->err, RATEL_ENOMEM, "out of memory")
                   : damaged(c, x->id, "its quote's parts do not fit");
    x->quote_json = c->quote.data;
    x->quote_len = c->quote.len;
    c->current = 1;
    *e = *x;
    return 1;
}

int (ratel_journal_next)(ratel_journal_cursor *c, ratel_journal_entry *e,
                         size_t size)
{
    ratel_journal_entry full;
    int rc;
    if (!abi_size_ok(e, size, ABI_END(ratel_journal_entry, quote_len)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = journal_next_fill(c, &full);
    if (rc == 1) /* an entry (0: the end) */
        abi_copy_out(e, size, &full, sizeof full);
    return rc;
}

/* ---- a quote as a JSON document ----------------------------------------- */

/* Appends `s` (len bytes of JSON) as a value, without its line breaks
 * when one_line (JSON strings hold none, so only white space goes). */
static void put_json_value(buf *b, const char *s, size_t len, int one_line)
{
    size_t i, run = 0;
    if (len == 0) /* s may be NULL (a corrupt journal's empty value) */
        return;
    if (!one_line) {
        buf_put(b, s, len);
        return;
    }
    for (i = 0; i < len; i++)
        if (s[i] == '\n' || s[i] == '\r') {
            buf_put(b, s + run, i - run);
            run = i + 1;
        }
    buf_put(b, s + run, len - run);
}

static void put_string_or_null(buf *b, const char *s)
{
    if (s)
        buf_put_json_string(b, s);
    else
        buf_puts(b, "null");
}

/* The context's members ("engine_version" ... "tables") into c->about. */
static int describe_context(ratel_journal_cursor *c, int64_t context)
{
    static const char ctx_sql[] =
        "SELECT c.engine_version, c.schema_id, c.schema_version, s.sha256,"
        " c.plan_id, c.plan_version, c.plan_effective, c.plan_path, p.sha256,"
        " c.max_instructions, c.max_memory, c.max_milliseconds"
        " FROM journal_contexts c JOIN journal_blobs s ON s.id = c.schema_blob"
        " JOIN journal_blobs p ON p.id = c.plan_blob WHERE c.id = ?";
    static const char tables_sql[] =
        "SELECT t.role, t.name, t.version, t.effective_from, t.hash, b.sha256"
        " FROM journal_context_tables t JOIN journal_blobs b ON b.id = t.blob"
        " WHERE t.context = ? ORDER BY t.position";
    static const char *const table_keys[] = {"role", "name", "version",
                                             "effective_from", "hash",
                                             "sha256"};
    sqlite3_stmt *st = NULL;
    buf *b = &c->about;
    int rc, k, n = 0;
    buf_reset(b);
    rc = sqlite3_prepare_v2(c->j->db, ctx_sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, context);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        buf_put_json_key(b, 0, "engine_version");
        put_string_or_null(b, text(st, 0, NULL));
        buf_puts(b, ",\n\"schema\":{\"id\":");
        put_string_or_null(b, text(st, 1, NULL));
        buf_put_json_key(b, ',', "version");
        buf_put_i64(b, sqlite3_column_int64(st, 2));
        buf_put_json_key(b, ',', "sha256");
        put_string_or_null(b, text(st, 3, NULL));
        buf_puts(b, "},\n\"plan\":{\"id\":");
        put_string_or_null(b, text(st, 4, NULL));
        buf_put_json_key(b, ',', "version");
        put_string_or_null(b, text(st, 5, NULL));
        buf_put_json_key(b, ',', "effective_date");
        put_string_or_null(b, text(st, 6, NULL));
        buf_put_json_key(b, ',', "path");
        put_string_or_null(b, text(st, 7, NULL));
        buf_put_json_key(b, ',', "sha256");
        put_string_or_null(b, text(st, 8, NULL));
        buf_puts(b, "},\n\"limits\":{\"max_instructions\":");
        buf_put_i64(b, sqlite3_column_int64(st, 9));
        buf_put_json_key(b, ',', "max_memory");
        buf_put_i64(b, sqlite3_column_int64(st, 10));
        buf_put_json_key(b, ',', "max_milliseconds");
        buf_put_i64(b, sqlite3_column_int64(st, 11));
        buf_puts(b, "},\n\"tables\":[");
        sqlite3_finalize(st);
        st = NULL;
        rc = sqlite3_prepare_v2(c->j->db, tables_sql, -1, &st, NULL);
        if (rc == SQLITE_OK)
            sqlite3_bind_int64(st, 1, context);
        while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            buf_puts(b, n++ ? ",{" : "{");
            for (k = 0; k < 6; k++) {
                buf_put_json_key(b, k ? ',' : 0, table_keys[k]);
                put_string_or_null(b, text(st, k, NULL));
            }
            buf_putc(b, '}');
            rc = SQLITE_OK;
        }
        buf_putc(b, ']');
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc == SQLITE_ROW || rc == SQLITE_OK
                   ? err_set(&c->j->err, RATEL_EIO, "%s: context %lld: "
                             "damaged record", c->j->path, (long long)context)
                   : journal_fail(c->j, rc, "reading a context");
    if (b->oom)
        return err_set(&c->j->err, RATEL_ENOMEM, "out of memory");
    c->context = context;
    return RATEL_OK;
}

/* 1 when s (len bytes) is one JSON value. */
static int is_json(const char *s, size_t len)
{
    char msg[8];
    jt_doc *doc = NULL;
    int ok = jt_parse(&doc, s, len, msg, sizeof msg) == 0;
    jt_free(doc);
    return ok;
}

int ratel_journal_entry_json(ratel_journal_cursor *c, int one_line,
                             char **out, size_t *len)
{
    const ratel_journal_entry *x;
    sqlite3_stmt *st;
    const char *overrides, *form;
    const char *nl = one_line ? "," : ",\n";
    int64_t flags, context;
    buf b;
    int rc;
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!c || !out || !c->current)
        return RATEL_EARG;
    st = c->st;
    x = &c->entry;
    context = sqlite3_column_int64(st, C_CONTEXT);
    if ((!c->context || c->context != context) &&
        (rc = describe_context(c, context)) != RATEL_OK)
        return rc;
    overrides = text(st, C_OVERRIDES, NULL);
    form = text(st, C_FORM, NULL);
    if (!is_json(x->declaration, x->declaration_len) ||
        !is_json(x->quote_json, x->quote_len) ||
        (overrides && !is_json(overrides, strlen(overrides))))
        return damaged(c, x->id, "a declaration, quote or overrides that "
                       "is not JSON");
    flags = sqlite3_column_int64(st, C_FLAGS);
    buf_init(&b);
    buf_puts(&b, "{\"format_version\":1");
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "id");
    buf_put_i64(&b, x->id);
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "reference");
    put_string_or_null(&b, x->reference);
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "timestamp");
    buf_put_json_string(&b, x->timestamp);
    buf_puts(&b, nl);
    put_json_value(&b, c->about.data, c->about.len, one_line);
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "authority");
    buf_put_i64(&b, sqlite3_column_int64(st, C_AUTHORITY));
    buf_put_json_key(&b, ',', "worksheet");
    buf_puts(&b, flags & RATEL_RATE_NO_WORKSHEET ? "false" : "true");
    buf_put_json_key(&b, ',', "flags");
    buf_put_i64(&b, flags);
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "overrides");
    if (overrides)
        put_json_value(&b, overrides, strlen(overrides), 1);
    else
        buf_puts(&b, "null");
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "declaration_form");
    put_string_or_null(&b, form);
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "declaration");
    put_json_value(&b, x->declaration, x->declaration_len, one_line);
    buf_puts(&b, nl);
    buf_put_json_key(&b, 0, "quote");
    put_json_value(&b, x->quote_json, x->quote_len, one_line);
    buf_putc(&b, '}');
    if (b.oom) {
        buf_free(&b);
        return err_set(&c->j->err, RATEL_ENOMEM, "out of memory");
    }
    if (len)
        *len = b.len;
    *out = buf_take(&b);
    return RATEL_OK;
}

void ratel_journal_cursor_free(ratel_journal_cursor *c)
{
    unsigned k;
    if (!c)
        return;
    for (k = 0; k < CURSOR_PARTS; k++)
        free(c->parts[k].text);
    sqlite3_finalize(c->part_st);
    sqlite3_finalize(c->st);
    buf_free(&c->quote);
    buf_free(&c->about);
    free(c);
}

void journal_cursor_extra(const ratel_journal_cursor *c, int64_t *context,
                          unsigned *flags, int *authority,
                          const char **overrides)
{
    *context = sqlite3_column_int64(c->st, C_CONTEXT);
    *flags = (unsigned)sqlite3_column_int64(c->st, C_FLAGS);
    *authority = sqlite3_column_int(c->st, C_AUTHORITY);
    *overrides = text(c->st, C_OVERRIDES, NULL);
}
