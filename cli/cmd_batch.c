/* cmd_batch.c - `ratel batch`: rate a book of declarations (JSON Lines or
 * CSV), chunk by chunk on N threads, writing one result per line in input
 * order. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

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
          "  -o, --output OUT        write the results to OUT (default: stdout)\n"
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
    const char *tables, *plans, *authority;
    size_t nthreads;
    int csv_in, csv_out;
} batch_args;

/* What the workers share, and the main thread's tally. */
typedef struct batch_job {
    ratel_ctx **ctxs;
    batch_scratch *scratch;
    const batch_csv *csv;
    const char *plan_id;
    int csv_out;
    FILE *out;
    long rows, by_decision[3], failed;
    batch_progress progress;
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
    return -1; /* go on */
}

static void rate_one(void *arg, size_t worker, const batch_line *line,
                     void *result)
{
    batch_job *job = arg;
    ratel_quote *q = NULL;
    batch_result *r = result;
    char err[ERR_SIZE];

    r->lineno = line->lineno;
    if (batch_rate_line(&q, job->ctxs[worker], job->csv,
                        &job->scratch[worker], line, job->plan_id,
                        RATEL_RATE_NO_WORKSHEET, err, sizeof err) != 0)
        batch_result_error(r, err, job->csv_out);
    else
        batch_result_set(r, q, job->csv_out);
    ratel_quote_free(q);
}

/* Writes a chunk's rows in input order and counts them. */
static int write_rows(void *arg, const batch_line *lines, void *results,
                      size_t n, unsigned long long bytes)
{
    batch_job *job = arg;
    const batch_result *r = results;
    size_t i;

    for (i = 0; i < n; i++) {
        if (batch_result_write(job->out, &r[i], job->csv_out) != 0) {
            batch_progress_done(&job->progress);
            cli_error("error writing the results");
            return -1;
        }
        if (r[i].ok)
            job->by_decision[r[i].decision]++;
        else
            job->failed++;
    }
    job->rows += (long)n;
    batch_progress_update(&job->progress, job->rows, bytes);
    return 0;
}

static void release_row(void *result) { batch_result_free(result); }

static void print_summary(const batch_job *c, double seconds)
{
    fprintf(stderr, CLI_PROG " batch: %ld rows: %ld quoted, %ld referred, "
                    "%ld declined, %ld failed; %.2f s, %.0f rows/s\n",
            c->rows, c->by_decision[RATEL_QUOTED],
            c->by_decision[RATEL_REFERRED], c->by_decision[RATEL_DECLINED],
            c->failed, seconds, seconds > 0 ? c->rows / seconds : 0.0);
}

/* Reads, rates and writes the book. */
static int run(batch_reader *rd, batch_job *job, size_t nthreads)
{
    const batch_stream s = {.rd = rd, .nthreads = nthreads,
                            .result_size = sizeof(batch_result),
                            .rate = rate_one, .take = write_rows,
                            .release = release_row, .arg = job};

    batch_progress_init(&job->progress, rd->total_bytes);
    if (job->csv_out && batch_result_csv_header(job->out) != 0) {
        cli_error("error writing the results");
        return CLI_EXIT_FAIL;
    }
    if (batch_stream_run(&s) != 0) {
        batch_progress_done(&job->progress);
        return CLI_EXIT_FAIL;
    }
    batch_progress_done(&job->progress);
    print_summary(job, batch_now() - job->progress.start);
    return CLI_EXIT_OK;
}

int cmd_batch(int argc, char **argv)
{
    batch_args a;
    batch_reader rd;
    batch_job job;
    batch_csv *csv = NULL;
    ratel_engine *eng = NULL;
    FILE *out = NULL;
    int rc, status = CLI_EXIT_FAIL;
    size_t i;

    memset(&a, 0, sizeof a);
    memset(&job, 0, sizeof job);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    status = CLI_EXIT_FAIL;
    if (batch_reader_open(&rd, a.input) != 0)
        return CLI_EXIT_FAIL;
    rc = cli_engine_open(&eng, cli_tables_path(a.tables),
                           cli_plans_path(a.plans));
    if (rc != RATEL_OK) {
        cli_error_lines(eng ? ratel_engine_errmsg(eng) : NULL,
                        ratel_strerror(rc), 0);
        goto done;
    }
    if (a.csv_in && batch_csv_read_header(&rd, &csv, eng,
                                          cli_plan_schema(eng, a.plan)) != 0)
        goto done;
    job.csv = csv;
    job.plan_id = cli_plan_id(eng, a.plan);
    job.csv_out = a.csv_out;
    job.scratch = calloc(a.nthreads, sizeof *job.scratch);
    if (job.scratch == NULL) {
        cli_error("out of memory");
        goto done;
    }
    if (batch_contexts_new(&job.ctxs, eng, a.nthreads) != 0)
        goto done;
    for (i = 0; a.authority && i < a.nthreads; i++)
        ratel_ctx_set_authority(job.ctxs[i], a.authority[0] - '0');
    if ((out = batch_output_open(a.output)) == NULL)
        goto done;
    job.out = out;
    status = run(&rd, &job, a.nthreads);
    if (batch_output_close(out, a.output) != 0)
        status = CLI_EXIT_FAIL;
done:
    batch_contexts_free(job.ctxs, a.nthreads);
    for (i = 0; job.scratch != NULL && i < a.nthreads; i++)
        batch_scratch_free(&job.scratch[i]);
    free(job.scratch);
    ratel_engine_free(eng);
    batch_csv_free(csv);
    batch_reader_close(&rd);
    return status;
}
