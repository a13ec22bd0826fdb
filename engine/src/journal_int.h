/* journal_int.h - private to the quote journal's room (journal_*.c): the
 * journal is its own SQLite database (docs/journal.md), so these files,
 * and only these and the table store's, include sqlite3.h. */
#ifndef RATEL_JOURNAL_INT_H
#define RATEL_JOURNAL_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "engine.h"
#include "err.h"
#include "journal.h"
#include "quote.h"

#define JOURNAL_FORMAT "ratel-journal"
#define JOURNAL_FORMAT_VERSION 1
#define JOURNAL_MAX_TEXT 1000   /* a reference or a mark, bytes */
#define JOURNAL_CONTEXTS 8      /* contexts a handle remembers */
#define JOURNAL_PARTS 8         /* "tables" members remembered a context */
#define JOURNAL_TIME_LEN 24     /* "YYYY-MM-DDTHH:MM:SS.sssZ" */

/* The statements a journal prepares once it is open. */
enum {
    JST_BLOB_FIND, JST_BLOB_ADD, JST_CTX_FIND, JST_CTX_ADD, JST_CTX_TABLE,
    JST_QUOTE_ADD, JST_MARK_ADD, JST_MARK_FIND, JST_N
};

/* The blob of a quote's "tables" member (kept once) for the quotes that
 * used the tables of bits `used` (ratel_quote.tables_used). */
typedef struct journal_part {
    uint64_t used;
    int64_t id;
} journal_part;

/* A context (engine version, schema, plan, tables) a handle recorded a
 * quote of: what it was found by, its id, and the ids of the quote JSON
 * members shared by its quotes. Valid until the handle's next rollback. */
typedef struct journal_known {
    const void *engine, *plan, *schema;
    const void **tables;          /* the plan's resolved tables */
    size_t ntables;
    char *table_hashes;           /* their 16-digit hashes, end to end */
    char plan_hash[65], schema_hash[65];
    int64_t id;                   /* 0: an empty slot */
    int64_t plan_part;            /* the "plan" member's blob, 0: unknown */
    journal_part parts[JOURNAL_PARTS]; /* "tables" members seen */
    unsigned nparts, next_part;
} journal_known;

struct ratel_journal {
    sqlite3 *db;
    char *path;
    ratel_err err;
    sqlite3_stmt *st[JST_N];
    int ready;                    /* opened: the statements are prepared */
    unsigned busy_timeout_ms;     /* how long a writer waits for others */
    int in_tx;                    /* the caller's transaction is open */
    journal_known known[JOURNAL_CONTEXTS];
    unsigned next_known;
    buf scratch;                  /* a shared member being stored */
    int64_t last_ms;              /* the last timestamp written, and its */
    char last_when[JOURNAL_TIME_LEN + 1]; /* text (a chunk shares one) */
};

/* What a quote keeps to be recorded, made on the rating thread: the
 * values of its row, ready to bind, and what names its context. One
 * allocation: the struct, then the declaration, the core and the
 * currency, each with a NUL. */
struct ratel_journal_record {
    const ratel_engine *engine;
    const sch_schema *schema;
    quote_meta *meta;             /* the plan and tables cited (a reference) */
    uint64_t tables_used;         /* those its "tables" member lists */
    const char *decl;             /* the declaration's bytes */
    size_t decl_len;
    int decl_parsed;              /* 1: as parsed, 0: ratel_decl_json() */
    unsigned flags;               /* ratel_rate_options.flags */
    int authority;
    char *overrides;              /* JSON, or NULL for none (own block) */
    ratel_decision decision;
    int64_t total_premium;
    const char *currency;         /* NULL: none */
    const char *core;             /* the quote's JSON without the "plan" */
    size_t core_len;              /* and "tables" lines, which go back at */
    quote_cut cut;                /* these offsets */
};

/* A context's journal settings (ctx->journal). */
struct journal_ctx {
    int keep;                     /* quotes keep records */
    ratel_journal *journal;       /* attached, or NULL */
    char *reference;              /* the stamp for the next quote */
    int64_t timestamp;
    int stamped;
    int64_t last_id;
    buf core;                     /* the last quote's core, being made */
};

/* ---- journal_db.c: SQLite results as ratel codes ------------------------ */

/* Sets an error on j for SQLite result `rc` while doing `what`: busy,
 * full, damaged or plain I/O as RATEL_EIO, no memory as RATEL_ENOMEM.
 * Returns the code. */
int journal_fail(ratel_journal *j, int rc, const char *what);
/* Steps a statement to its end (no rows expected) and resets it:
 * SQLITE_OK or the error. */
int journal_run(sqlite3_stmt *st);
/* Executes SQL text without results: SQLITE_OK or the error. */
int journal_exec(ratel_journal *j, const char *sql);
/* Forgets the contexts and members known (after a rollback: their ids
 * may be gone). */
void journal_forget(ratel_journal *j);
/* Opens a transaction of the journal's own when the caller has none
 * (*own = 1), for one change. journal_end finishes the change whose
 * outcome is rc (RATEL_OK, or an error already on j): commits or rolls
 * back its own transaction, notes a caller's transaction SQLite rolled
 * back after an error; returns the outcome. */
int journal_start(ratel_journal *j, int *own);
int journal_end(ratel_journal *j, int own, int rc);

/* ---- journal_schema.c: the tables, created or checked at open ----------- */

/* Creates the journal's tables in an empty database, or checks that the
 * database is a journal this library reads. RATEL_OK or an error on j. */
int journal_schema_ready(ratel_journal *j, int read_only);

/* ---- journal_time.c ------------------------------------------------------ */

/* Milliseconds since 1970 as "YYYY-MM-DDTHH:MM:SS.sssZ" into out (25
 * bytes); -1 when out of 0 .. the end of 2999. */
int journal_time_format(int64_t ms, char out[JOURNAL_TIME_LEN + 1]);
/* A `since` argument ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.fff]Z") as
 * the timestamp it starts at; -1 when malformed. */
int journal_since_parse(const char *since, char out[JOURNAL_TIME_LEN + 1]);
/* A reference: NULL, or up to JOURNAL_MAX_TEXT bytes without NUL. */
int journal_text_ok(const char *s);

/* ---- journal_context.c: the context a quote was rated in ---------------- */

/* The id of the context of record rec, recorded with its blobs the first
 * time; the entry remembering it in *known. RATEL_OK or an error on j. */
int journal_context_id(ratel_journal *j, const ratel_journal_record *rec,
                       journal_known **known);
/* The id of a blob (kind, name, content, its SHA-256 in hex), added when
 * the journal lacks it. RATEL_OK or an error on j. */
int journal_blob_id(ratel_journal *j, const char *kind, const char *name,
                    const char *content, size_t len, const char *sha256,
                    int64_t *id);

/* ---- journal_quote.c: a stored quote JSON joined again ------------------ */

/* Joins a stored quote: core with plan inserted at plan_at and tables at
 * tables_at (both NULL: the core is the whole). 0, or -1 when the offsets
 * do not fit (a damaged record) or out of memory. */
int journal_quote_join(buf *out, const char *core, size_t len,
                       int64_t plan_at, const char *plan, size_t plan_len,
                       int64_t tables_at, const char *tables,
                       size_t tables_len);

#endif
