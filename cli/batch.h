/* batch.h - batch rating (batch_*.c): the streaming reader, the
 * threads, the row writers and progress of `batch`, `impact` and
 * `scheme quote`. */
#ifndef RATEL_CLI_BATCH_H
#define RATEL_CLI_BATCH_H

#include "cli.h"

/* ---- batch rating (batch_*.c): `batch` and `impact` ----------------- */

/* Lines read and rated at a time, and the longest line accepted. */
#define BATCH_CHUNK_LINES 4096
#define BATCH_MAX_LINE ((size_t)1 << 20)

/* One input line: its text (not NUL-terminated, no newline), its 1-based
 * line number, and `error` (a static message) when it was refused while
 * reading (too long), in which case text is empty. */
typedef struct batch_line {
    const char *text;
    size_t len;
    long lineno;
    const char *error;
} batch_line;

/* A streaming line reader ("-" is stdin): fixed memory whatever the size
 * of the input. total_bytes is the size of a regular file (0: unknown). */
typedef struct batch_reader {
    FILE *f;
    const char *name;
    char *buf;
    size_t start, end, cap;
    long lineno;
    unsigned long long bytes, total_bytes;
    int eof, is_stdin;
} batch_reader;

/* The text of one chunk's lines: grows to the largest chunk, reused. */
typedef struct batch_arena {
    char *p;
    size_t used, cap;
} batch_arena;

/* Opens `path`; returns 0, or -1 after printing the reason. */
int batch_reader_open(batch_reader *r, const char *path);
/* Reads up to `max` non-blank lines into lines[0..*n), their text into
 * `arena` (emptied first); *n is 0 at the end of the input. Lines stay
 * valid until the arena is read into again or freed. Returns 0, or -1
 * after printing a read error or "out of memory". */
int batch_reader_chunk(batch_reader *r, batch_arena *arena, batch_line *lines,
                       size_t max, size_t *n);
void batch_reader_close(batch_reader *r);
void batch_arena_free(batch_arena *a);

/* Worker threads that stay for a whole book: the caller hands them one
 * chunk at a time and is free meanwhile (to write the previous chunk's
 * results and read the next). fn(arg, worker, i) runs for every i in
 * [0, nitems), items taken from a shared atomic index; `worker` is the
 * thread's number, 0 .. started - 1, for its own context. */
typedef void (*batch_job_fn)(void *arg, size_t worker, size_t index);
typedef struct batch_pool batch_pool;
/* Starts up to `nworkers` threads (those that cannot start leave their
 * share to the others; with none, batch_pool_wait runs the items on the
 * caller's thread as worker 0). Returns NULL when out of memory. */
batch_pool *batch_pool_start(size_t nworkers);
/* Hands the items to the workers and returns at once; one submission at
 * a time: batch_pool_wait() before the next. */
void batch_pool_submit(batch_pool *p, size_t nitems, batch_job_fn fn,
                       void *arg);
/* Returns when every item of the last submission is done. */
void batch_pool_wait(batch_pool *p);
/* Stops and joins the threads (none may be working) and frees the pool. */
void batch_pool_stop(batch_pool *p);

/* A book streamed through a pool: chunks of BATCH_CHUNK_LINES lines are
 * read (on the caller's thread), rated on the workers and handed, in
 * input order, to take() on a taker thread of their own, so that the
 * next chunks are read and rated while the previous ones are taken (a few
 * chunks in flight: batch_stream.c). Each line has a result of
 * `result_size` bytes (zeroed once, then reused by later chunks). */
typedef struct batch_stream {
    batch_reader *rd;
    size_t nthreads;
    size_t result_size;
    /* rates lines[i] into `result`, on thread `worker` */
    void (*rate)(void *arg, size_t worker, const batch_line *line,
                 void *result);
    /* takes the n results of a chunk, in input order, one chunk at a
     * time on the taker thread (on the caller's thread when that thread
     * could not start), while `rate` runs on the workers for later
     * chunks; it may free what the results hold: they are not read again
     * until `rate` fills them anew. `bytes`: the input read up to the end
     * of this chunk. Returns 0, or -1 to stop (after printing why) */
    int (*take)(void *arg, const batch_line *lines, void *results,
                size_t n, unsigned long long bytes);
    /* optional: frees what a result holds, for each one at the end */
    void (*release)(void *result);
    void *arg;
} batch_stream;

/* Runs the stream to the end of the book. Returns 0, or -1 after a read
 * error, out of memory (printed) or a take() that stopped it. */
int batch_stream_run(const batch_stream *s);

/* The number of online cores (at least 1), and --threads N parsed:
 * returns 0, or a usage error status after printing it. */
size_t batch_default_threads(void);
int batch_parse_threads(const char *cmd, const char *text, size_t *out);

/* CSV input: the library's reader of the header row and of each row
 * (ratel_csv_header_parse; docs/cli.md for the mapping). Reads the header
 * row of a CSV book from rd into *csv (the fields of `schema`, NULL: the
 * default plan's; free with ratel_csv_header_free); prints the error,
 * naming the book and line, and returns -1. */
int batch_csv_read_header(batch_reader *rd, ratel_csv_header **csv,
                          ratel_engine *eng, const char *schema);
/* Rates a CSV row as batch_rate_line() does. */
int batch_csv_rate(ratel_quote **out, ratel_ctx *ctx,
                   const ratel_csv_header *csv, const batch_line *line,
                   const char *plan_id, unsigned int flags, char *err,
                   size_t errsize);

/* Rates one line (JSON, or a CSV row when csv is not NULL) with `ctx`.
 * On success returns 0 and the quote in *out; else -1 and a one-line
 * message in err (naming the column or JSON path at fault). */
int batch_rate_line(ratel_quote **out, ratel_ctx *ctx,
                    const ratel_csv_header *csv, const batch_line *line,
                    const char *plan_id, unsigned int flags, char *err,
                    size_t errsize);

/* The error of a failed rating call on ctx as one line, into err. */
void batch_ctx_error(const ratel_ctx *ctx, int rc, const char *prefix,
                     char *err, size_t errsize);

/* One output row being built; `oom` is set once an allocation failed
 * (the content is then incomplete and must not be used). */
typedef struct batch_text {
    char *data;
    size_t len, cap;
    int oom;
} batch_text;

/* Makes room for n more bytes: 0, or -1 with oom set. */
int batch_text_grow(batch_text *t, size_t n);
static inline void batch_text_put(batch_text *t, const char *s, size_t n)
{
    if (t->len + n > t->cap && batch_text_grow(t, n) != 0)
        return;
    memcpy(t->data + t->len, s, n);
    t->len += n;
}
#define BATCH_TEXT_LIT(t, lit) batch_text_put((t), (lit), sizeof(lit) - 1)
void batch_text_int(batch_text *t, long long v);
/* A JSON string, escaped as cli_json_string() writes it (NULL: null). */
void batch_text_json_string(batch_text *t, const char *s);
/* A CSV cell, quoted when it holds a comma, a quote or a line break. */
void batch_text_csv_cell(batch_text *t, const char *s);
void batch_text_free(batch_text *t);

/* The result of one line: its output row (a JSON line, or a CSV row when
 * `csv`), made by the worker that rated it and kept until its chunk is
 * written in order. When the row could not be made for lack of memory,
 * the line is written as the error "out of memory". */
typedef struct batch_result {
    long lineno;             /* set before the row is made */
    int ok;                  /* 1: rated; 0: an error row */
    ratel_decision decision;
    batch_text row;
} batch_result;

void batch_result_set(batch_result *r, const ratel_quote *q, int csv);
void batch_result_error(batch_result *r, const char *msg, int csv);
void batch_result_free(batch_result *r);
/* Writes r's row (the CSV header first with batch_result_csv_header).
 * Return 0, or -1 on a write error. */
int batch_result_write(FILE *out, const batch_result *r, int csv);
int batch_result_csv_header(FILE *out);

/* ---- batch progress, contexts and output --------------------------- */

/* Progress on stderr, drawn only when stderr is a terminal. */
typedef struct batch_progress {
    int on;
    double start, last;
    unsigned long long total_bytes;
} batch_progress;

double batch_now(void);
void batch_progress_init(batch_progress *p, unsigned long long total_bytes);
void batch_progress_update(batch_progress *p, long rows,
                           unsigned long long bytes);
void batch_progress_done(batch_progress *p);

/* Contexts for `n` threads on one engine: returns 0, or -1 after printing
 * the error (nothing is left allocated). */
int batch_contexts_new(ratel_ctx ***out, ratel_engine *eng, size_t n);
void batch_contexts_free(ratel_ctx **ctxs, size_t n);

#endif
