/* journal.h - the quote journal and resumable batches of the tool
 * (cmd_journal.c, cmd_replay.c, batch_resume.c, batch_journal.c). */
#ifndef RATEL_CLI_JOURNAL_H
#define RATEL_CLI_JOURNAL_H

#include "cli.h"
#include "batch.h"
#include "batch.h"

/* ---- the quote journal and resumable batches (cmd_journal.c,
 * cmd_replay.c, batch_resume.c, batch_journal.c; docs/journal.md) ------ */

/* The time now, in milliseconds since 1970 (the library reads no clock:
 * the tool stamps the quotes it records). */
int64_t cli_now_ms(void);
/* Opens the journal at `path` (read_only: to read it; else to append,
 * after checking every page, each commit on disk before it returns).
 * NULL after printing why. */
ratel_journal *cli_journal_open(const char *path, int read_only);

/* Moves a reader to byte `bytes` of its file, `lineno` lines read.
 * Returns 0, or -1 after printing why (a book on stdin cannot). */
int batch_reader_seek(batch_reader *r, unsigned long long bytes,
                      long lineno);

/* A batch's tally. */
typedef struct batch_counts {
    long rows, by_decision[3], failed;
} batch_counts;

/* The resumable output of `batch -o OUT` (batch_resume.c). */
typedef struct batch_resume batch_resume;
/* Opens OUT.partial for a new run (refused when OUT.partial or
 * OUT.resume exists unless `resume`), or with `resume` continues the
 * interrupted run they record, which must have had the same `identity`
 * (book, options, plans, tables): OUT.partial cut back to its last
 * checkpoint, rd moved on to where that checkpoint left the book, the
 * tally restored (*resumed 1). *f is the file to write the rows to.
 * Returns 0, or -1 after printing why. */
int batch_resume_open(batch_resume **out, const char *path, int resume,
                      const char *identity, batch_reader *rd,
                      batch_counts *counts, FILE **f, int *resumed);
/* After a chunk's rows were written to f: syncs them and records the
 * checkpoint (where the book and f stand, the tally). 0, or -1. */
int batch_resume_checkpoint(batch_resume *r, FILE *f, unsigned long long in,
                            long line, const batch_counts *counts);
/* The book is done: f synced and closed, OUT.partial renamed to OUT, the
 * log removed. 0, or -1 after printing why (both files then kept). */
int batch_resume_finish(batch_resume *r, FILE *f);
/* Frees r, leaving OUT.partial and OUT.resume for --resume. */
void batch_resume_close(batch_resume *r);
/* The run's id (the same across resumes), and the next chunk's number. */
const char *batch_resume_run(const batch_resume *r);
unsigned long long batch_resume_chunk(const batch_resume *r);

/* A line's result with its quote's record, taken for the journal on the
 * rating thread (NULL when the line failed or the batch keeps no
 * journal). */
typedef struct batch_row {
    batch_result result;
    ratel_journal_record *record;
} batch_row;

/* Records the quotes of a chunk's rows in one transaction with the mark
 * "batch RUN chunk N", before the rows are written; a chunk marked
 * already (recorded before a crash that lost its rows) is not recorded
 * again. Each quote's reference is "BOOK:LINE". Frees the records.
 * Returns 0, or -1 after printing why. */
int batch_journal_chunk(ratel_journal *j, const ratel_engine *eng,
                        const char *book, const char *run,
                        unsigned long long chunk, batch_row *rows, size_t n);


#endif
