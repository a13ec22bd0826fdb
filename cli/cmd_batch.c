/* cmd_batch.c - `ratel batch`: rate a book of declarations (JSON Lines or
 * CSV), chunk by chunk on N threads, writing one result per line in input
 * order; -o OUT resumable after a crash (batch_resume.c), each chunk's
 * quotes recorded with --journal (batch_journal.c). */
#include "cli.h"
#include "journal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ERR_SIZE 1024

void cmd_batch_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " batch IN [options]\n"
          "\n"
          "Rates every declaration of the book IN ('-' reads stdin) and\n"
          "writes one result per line, in input order: decision, total\n"
          "premium, reason codes and plan version, or the line's error.\n"
          "A bad line does not stop the batch. A summary goes to stderr.\n"
          "\n"
          "Options:\n"
          "  --plan ID               rate with plan ID (default: sme-cyber,\n"
          "                          else the engine's first plan)\n"
          "  -o, --output OUT        write the results to OUT (default: stdout);\n"
          "                          OUT.partial until the book is done\n"
          "  --resume                continue the run that was interrupted\n"
          "                          writing OUT (from its last complete chunk)\n"
          "  --journal DB            record every quote in the quote journal\n"
          "                          DB, one transaction per chunk\n"
          "  --threads N             rating threads (default: online cores)\n"
          "  --in-format jsonl|csv   JSON Lines (default; csv when IN ends in\n"
          "                          .csv), or CSV with a header row of\n"
          "                          declaration paths (see docs/cli.md)\n"
          "  --out-format jsonl|csv  jsonl (default) or csv\n"
          "  --tables DB             rate-table database\n"
          "  --plans PATH            plan directory or .lua file\n"
          "  --authority N           the underwriter's authority level, 0..9,\n"
          "                          for every row (default: 1)\n"
          "  -h, --help              show this help\n"
          "\n"
          "Exit status: 0 the book was read to the end (lines with errors\n"
          "included), 1 an input, output or engine error, 2 a usage error.\n",
          out);
}

typedef struct batch_args {
    const char *input, *plan, *output, *threads, *in_format, *out_format;
    const char *tables, *plans, *journal, *authority;
    size_t nthreads;
    int csv_in, csv_out, resume;
} batch_args;

/* What the workers share, and the main thread's tally. */
typedef struct batch_job {
    ratel_ctx **ctxs;
    const ratel_csv_header *csv;
    const char *plan_id;
    int csv_out;
    FILE *out;
    batch_counts counts;
    batch_progress progress;
    const ratel_engine *eng;
    const char *book;          /* the input as named */
    ratel_journal *journal;    /* --journal, or NULL */
    batch_resume *resume;      /* -o OUT, or NULL (stdout) */
    cli_output direct;         /* stdout or a device when not resumable */
    char run[40];              /* the run's id, for the journal's marks */
    unsigned long long chunk;  /* the chunk being taken */
} batch_job;

/* 1 for csv, 0 for jsonl, -1 for anything else. */
static int format_is_csv(const char *f)
{
    if (strcmp(f, "csv") == 0)
        return 1;
    return strcmp(f, "jsonl") == 0 ? 0 : -1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A regular file, or a path where none is yet: written through
 * OUT.partial and resumable. */
static int regular_or_new(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 &&
           (stat(path, &st) != 0 || S_ISREG(st.st_mode));
}

static int parse_args(int argc, char **argv, batch_args *a)
{
    int npos = 0, rc;
    const cli_opt opts[] = {
        {"plan", 0, 1, &a->plan, NULL},
        {"output", 'o', 1, &a->output, NULL},
        {"threads", 0, 1, &a->threads, NULL},
        {"in-format", 0, 1, &a->in_format, NULL},
        {"out-format", 0, 1, &a->out_format, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
        {"journal", 0, 1, &a->journal, NULL},
        {"resume", 0, 0, NULL, &a->resume},
        {"authority", 0, 1, &a->authority, NULL},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "batch", cmd_batch_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("batch", npos == 0 ? "missing IN"
                                                  : "too many arguments");
    a->input = argv[0];
    if (a->authority && (strlen(a->authority) != 1 || a->authority[0] < '0' ||
                         a->authority[0] > '9'))
        return cli_usage_error("batch", "--authority takes a level 0 to 9");
    if (batch_parse_threads("batch", a->threads, &a->nthreads) != 0)
        return CLI_EXIT_USAGE;
    a->csv_in = a->in_format ? format_is_csv(a->in_format)
                             : ends_with(a->input, ".csv");
    a->csv_out = a->out_format ? format_is_csv(a->out_format) : 0;
    if (a->csv_in < 0 || a->csv_out < 0)
        return cli_usage_error("batch", "unknown format '%s' (jsonl, csv)",
                               a->csv_in < 0 ? a->in_format : a->out_format);
    if (a->resume && (!a->output || !regular_or_new(a->output)))
        return cli_usage_error("batch", "--resume needs -o OUT naming a file");
    return -1; /* go on */
}

static void rate_one(void *arg, size_t worker, const batch_line *line,
                     void *result)
{
    batch_job *job = arg;
    ratel_quote *q = NULL;
    batch_row *row = result;
    batch_result *r = &row->result;
    char err[ERR_SIZE];

    r->lineno = line->lineno;
    if (batch_rate_line(&q, job->ctxs[worker], job->csv, line, job->plan_id,
                        RATEL_RATE_NO_WORKSHEET, err, sizeof err) != 0)
        batch_result_error(r, err, job->csv_out);
    else
        batch_result_set(r, q, job->csv_out);
    /* the quote goes at once: a row in flight keeps only its record, to
     * be recorded when the chunk is taken */
    if (job->journal && r->ok &&
        ratel_journal_record_take(&row->record, q) != RATEL_OK)
        batch_result_error(r, "the quote keeps no record for the journal",
                           job->csv_out);
    ratel_quote_free(q);
}

/* Takes a chunk in input order: its quotes into the journal, then its
 * rows written and counted, then the checkpoint that makes them count
 * on --resume. */
static int write_rows(void *arg, const batch_line *lines, void *results,
                      size_t n, unsigned long long bytes)
{
    batch_job *job = arg;
    batch_row *rows = results;
    size_t i;

    if (job->journal &&
        batch_journal_chunk(job->journal, job->eng, job->book, job->run,
                            job->chunk, rows, n) != 0)
        goto fail;
    for (i = 0; i < n; i++) {
        const batch_result *r = &rows[i].result;
        if (batch_result_write(job->out, r, job->csv_out) != 0) {
            cli_error("error writing the results");
            goto fail;
        }
        if (r->ok)
            job->counts.by_decision[r->decision]++;
        else
            job->counts.failed++;
    }
    job->counts.rows += (long)n;
    job->chunk++;
    if (job->resume && batch_resume_checkpoint(job->resume, job->out, bytes,
                                               lines[n - 1].lineno,
                                               &job->counts) != 0)
        goto fail;
    batch_progress_update(&job->progress, job->counts.rows, bytes);
    return 0;
fail:
    batch_progress_done(&job->progress);
    return -1;
}

static void release_row(void *result)
{
    batch_row *row = result;
    batch_result_free(&row->result);
    ratel_journal_record_free(row->record);
    row->record = NULL;
}

static void print_summary(const batch_counts *c, double seconds)
{
    fprintf(stderr, CLI_PROG " batch: %ld rows: %ld quoted, %ld referred, "
                    "%ld declined, %ld failed; %.2f s, %.0f rows/s\n",
            c->rows, c->by_decision[RATEL_QUOTED],
            c->by_decision[RATEL_REFERRED], c->by_decision[RATEL_DECLINED],
            c->failed, seconds, seconds > 0 ? c->rows / seconds : 0.0);
}

/* Reads, rates and writes the book (from where a resumed run left it). */
static int run(batch_reader *rd, batch_job *job, size_t nthreads,
               int resumed)
{
    const batch_stream s = {.rd = rd, .nthreads = nthreads,
                            .result_size = sizeof(batch_row),
                            .rate = rate_one, .take = write_rows,
                            .release = release_row, .arg = job};

    batch_progress_init(&job->progress, rd->total_bytes);
    if (job->csv_out && !resumed && batch_result_csv_header(job->out) != 0) {
        cli_error("error writing the results");
        return CLI_EXIT_FAIL;
    }
    if (batch_stream_run(&s) != 0) {
        batch_progress_done(&job->progress);
        return CLI_EXIT_FAIL;
    }
    batch_progress_done(&job->progress);
    print_summary(&job->counts, batch_now() - job->progress.start);
    return CLI_EXIT_OK;
}

/* FNV-1a, 64 bits, over a string. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* What a resumed run must share with the one it continues: the book (as
 * it was on disk), the options that shape the rows, and the plans,
 * schemas and tables (their hashes, the database file as it was). */
static void run_identity(char *out, size_t size, const batch_args *a,
                         const ratel_engine *eng, const char *tables)
{
    uint64_t h = 14695981039346656037ull;
    struct stat book, db;
    char text[600];
    size_t i;
    memset(&book, 0, sizeof book);
    memset(&db, 0, sizeof db);
    stat(a->input, &book);
    stat(tables, &db);
    for (i = 0; i < ratel_engine_plan_count(eng); i++) {
        ratel_plan_info p;
        if (ratel_engine_plan(eng, i, &p) == RATEL_OK) {
            snprintf(text, sizeof text, "plan %s %s %s %s\n", p.id,
                     p.version, p.effective_date, p.hash);
            h = fnv(h, text);
        }
    }
    for (i = 0; i < ratel_engine_schema_count(eng); i++) {
        ratel_schema_info sc;
        if (ratel_engine_schema(eng, i, &sc) == RATEL_OK) {
            snprintf(text, sizeof text, "schema %s %d %s\n", sc.id,
                     sc.version, sc.hash);
            h = fnv(h, text);
        }
    }
    snprintf(text, sizeof text, "tables %s %lld %lld.%09ld\n", tables,
             (long long)db.st_size, (long long)db.st_mtim.tv_sec,
             db.st_mtim.tv_nsec);
    h = fnv(h, text);
    snprintf(out, size, "book=%.300s size=%lld mtime=%lld.%09ld plan=%s "
             "in=%s out=%s authority=%s engine=%016llx", a->input,
             (long long)book.st_size, (long long)book.st_mtim.tv_sec,
             book.st_mtim.tv_nsec, cli_plan_id(eng, a->plan),
             a->csv_in ? "csv" : "jsonl", a->csv_out ? "csv" : "jsonl",
             a->authority ? a->authority : "-", (unsigned long long)h);
    for (i = 0; out[i]; i++) /* one line */
        if ((unsigned char)out[i] < 0x20)
            out[i] = '?';
}

/* The output: OUT through OUT.partial and its resume log when OUT is a
 * file, else written directly. 0, or -1 after printing why. */
static int open_output(batch_job *job, const batch_args *a,
                       batch_reader *rd, ratel_engine *eng, int *resumed)
{
    char identity[512];
    *resumed = 0;
    if (!a->output || !regular_or_new(a->output)) {
        snprintf(job->run, sizeof job->run, "%llx-%lx",
                 (unsigned long long)cli_now_ms(), (long)getpid());
        if (cli_output_open(&job->direct, a->output) != 0)
            return -1;
        job->out = job->direct.f;
        return 0;
    }
    run_identity(identity, sizeof identity, a, eng,
                 cli_tables_path(a->tables));
    if (batch_resume_open(&job->resume, a->output, a->resume, identity, rd,
                          &job->counts, &job->out, resumed) != 0)
        return -1;
    snprintf(job->run, sizeof job->run, "%s", batch_resume_run(job->resume));
    job->chunk = batch_resume_chunk(job->resume);
    return 0;
}

/* Closes the output: a resumable one is renamed into place when the run
 * is complete (status OK), else kept for --resume. */
static int close_output(batch_job *job, const batch_args *a, int status)
{
    if (!job->resume)
        return job->out &&
                       cli_output_close(&job->direct, status == CLI_EXIT_OK)
                   ? CLI_EXIT_FAIL : status;
    if (status == CLI_EXIT_OK && batch_resume_finish(job->resume, job->out))
        status = CLI_EXIT_FAIL;
    else if (status != CLI_EXIT_OK)
        fclose(job->out);
    batch_resume_close(job->resume);
    return status;
}

int cmd_batch(int argc, char **argv)
{
    batch_args a;
    batch_reader rd;
    batch_job job;
    ratel_csv_header *csv = NULL;
    ratel_engine *eng = NULL;
    int resumed = 0, status = CLI_EXIT_FAIL;
    size_t i;

    memset(&a, 0, sizeof a);
    memset(&job, 0, sizeof job);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    status = CLI_EXIT_FAIL;
    if (batch_reader_open(&rd, a.input) != 0)
        return CLI_EXIT_FAIL;
    if (cli_engine_load(&eng, cli_tables_path(a.tables),
                        cli_plans_path(a.plans)) != 0)
        goto done;
    if (a.csv_in && batch_csv_read_header(&rd, &csv, eng,
                                          cli_plan_schema(eng, a.plan)) != 0)
        goto done;
    job.csv = csv;
    job.plan_id = cli_plan_id(eng, a.plan);
    job.csv_out = a.csv_out;
    job.eng = eng;
    job.book = a.input;
    if (batch_contexts_new(&job.ctxs, eng, a.nthreads) != 0)
        goto done;
    for (i = 0; a.authority && i < a.nthreads; i++)
        ratel_ctx_set_authority(job.ctxs[i], a.authority[0] - '0');
    if (a.journal) {
        if (!(job.journal = cli_journal_open(a.journal, 0)))
            goto done;
        for (i = 0; i < a.nthreads; i++)
            ratel_journal_keep(job.ctxs[i], 1);
    }
    if (open_output(&job, &a, &rd, eng, &resumed) != 0)
        goto done;
    status = close_output(&job, &a, run(&rd, &job, a.nthreads, resumed));
done:
    batch_contexts_free(job.ctxs, a.nthreads);
    ratel_journal_close(job.journal);
    ratel_engine_free(eng);
    ratel_csv_header_free(csv);
    batch_reader_close(&rd);
    return status;
}
