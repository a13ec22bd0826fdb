/* cmd_scheme.c - `ratel scheme quote`: an association scheme's roster
 * (JSON Lines or CSV, one member a line) rated member by member by the
 * scheme's plan on N threads, as `ratel batch` rates a book; each
 * member's fee written in roster order, and the members added to the
 * scheme's account (ratel_scheme), whose totals are printed at the end. */
#include "cli.h"
#include "scheme_print.h"

#include <stdlib.h>
#include <string.h>

#define ERR_SIZE 1024

void cmd_scheme_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " scheme quote --plan ID --roster FILE "
          "[options]\n"
          "\n"
          "Rates every member of an association scheme's roster (one\n"
          "declaration a line) with the scheme's plan, and prints the\n"
          "scheme's account: members and fees by tier, total fees, the\n"
          "association's administration share, the premium to the insurer\n"
          "against the scheme's minimum premium, and the members referred,\n"
          "refused or failed, with why. A bad line does not stop the roster.\n"
          "\n"
          "Options:\n"
          "  --plan ID               the scheme's plan (required)\n"
          "  --roster FILE           the members ('-' reads stdin)\n"
          "  -o, --output OUT        write each member's fee to OUT\n"
          "  --out-format jsonl|csv  the fees' format (default: csv when OUT\n"
          "                          ends in .csv, else jsonl)\n"
          "  --in-format jsonl|csv   the roster's format (default: csv when\n"
          "                          FILE ends in .csv, else jsonl)\n"
          "  --format table|json     the account (default: table)\n"
          "  --threads N             rating threads (default: online cores)\n"
          CLI_HELP_TABLES
          CLI_HELP_PLANS
          "  -h, --help              show this help\n"
          "\n"
          "Exit status: 0 the roster was read to the end (lines with errors\n"
          "included), 1 an input, output, engine or plan error, 2 a usage\n"
          "error.\n",
          out);
}

typedef struct scheme_args {
    const char *plan, *roster, *output, *out_format, *in_format, *format;
    const char *threads, *tables, *plans;
    size_t nthreads;
    int csv_in, csv_out, json;
} scheme_args;

/* One member's result: its quote (until the account took it) or its
 * error, and its fee row. */
typedef struct member_result {
    long lineno;
    ratel_quote *quote;
    char err[ERR_SIZE];
    batch_text row;
} member_result;

typedef struct scheme_job {
    ratel_ctx **ctxs;
    const ratel_csv_header *csv;
    const char *plan_id;
    int csv_out;
    FILE *out;                 /* the fees, or NULL */
    ratel_scheme *account;
    long rows;
    batch_progress progress;
} scheme_job;

static int format_is(const char *f, const char *a, const char *b)
{
    if (strcmp(f, a) == 0)
        return 0;
    return strcmp(f, b) == 0 ? 1 : -1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int parse_args(int argc, char **argv, scheme_args *a)
{
    int npos = 0, rc;
    const cli_opt opts[] = {
        {"plan", 0, 1, &a->plan, NULL},
        {"roster", 0, 1, &a->roster, NULL},
        {"output", 'o', 1, &a->output, NULL},
        {"out-format", 0, 1, &a->out_format, NULL},
        {"in-format", 0, 1, &a->in_format, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"threads", 0, 1, &a->threads, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "scheme quote", cmd_scheme_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 0)
        return cli_usage_error("scheme quote", "unexpected argument '%s'",
                               argv[0]);
    if (!a->plan || !a->roster)
        return cli_usage_error("scheme quote", "missing %s",
                               a->plan ? "--roster" : "--plan");
    if (batch_parse_threads("scheme quote", a->threads, &a->nthreads) != 0)
        return CLI_EXIT_USAGE;
    a->csv_in = a->in_format ? format_is(a->in_format, "jsonl", "csv")
                             : ends_with(a->roster, ".csv");
    a->csv_out = a->out_format ? format_is(a->out_format, "jsonl", "csv")
                               : a->output && ends_with(a->output, ".csv");
    a->json = a->format ? format_is(a->format, "table", "json") : 0;
    if (a->csv_in < 0 || a->csv_out < 0)
        return cli_usage_error("scheme quote", "unknown format '%s' (jsonl, "
                               "csv)", a->csv_in < 0 ? a->in_format
                                                     : a->out_format);
    if (a->json < 0)
        return cli_usage_error("scheme quote", "unknown format '%s' (table, "
                               "json)", a->format);
    return -1; /* go on */
}

/* The worker's part: rates the member and makes its fee row. */
static void rate_member(void *arg, size_t worker, const batch_line *line,
                        void *result)
{
    scheme_job *job = arg;
    member_result *r = result;

    r->lineno = line->lineno;
    r->row.len = 0;
    r->row.oom = 0;
    if (batch_rate_line(&r->quote, job->ctxs[worker], job->csv, line,
                        job->plan_id,
                        RATEL_RATE_NO_WORKSHEET, r->err, sizeof r->err) != 0)
        r->quote = NULL;
    if (job->out)
        scheme_fee_row(&r->row, r->lineno, r->quote, r->err, job->csv_out);
}

/* The main thread's part, in roster order: the account and the fees. */
static int take_members(void *arg, const batch_line *lines,
                        void *results, size_t n,
                        unsigned long long bytes)
{
    scheme_job *job = arg;
    member_result *r = results;
    size_t i;
    (void)lines;

    for (i = 0; i < n; i++) {
        char member[32];
        int rc;
        snprintf(member, sizeof member, "line %ld", r[i].lineno);
        rc = r[i].quote ? ratel_scheme_add(job->account, member, r[i].quote)
                        : ratel_scheme_add_failure(job->account, member,
                                                   r[i].err);
        ratel_quote_free(r[i].quote); /* the account keeps what it needs */
        r[i].quote = NULL;
        if (rc != RATEL_OK) {
            batch_progress_done(&job->progress);
            cli_error("%s", rc == RATEL_ENOMEM
                                ? "out of memory"
                                : ratel_scheme_errmsg(job->account));
            return -1;
        }
        if (job->out && (r[i].row.oom ||
                         fwrite(r[i].row.data, 1, r[i].row.len, job->out) !=
                             r[i].row.len)) {
            batch_progress_done(&job->progress);
            cli_error("error writing the fees");
            return -1;
        }
    }
    job->rows += (long)n;
    batch_progress_update(&job->progress, job->rows, bytes);
    return 0;
}

static void release_member(void *result)
{
    member_result *r = result;
    ratel_quote_free(r->quote);
    r->quote = NULL;
    batch_text_free(&r->row);
}

static int run(batch_reader *rd, scheme_job *job, const scheme_args *a)
{
    const batch_stream s = {.rd = rd, .nthreads = a->nthreads,
                            .result_size = sizeof(member_result),
                            .rate = rate_member, .take = take_members,
                            .release = release_member, .arg = job};
    batch_progress_init(&job->progress, rd->total_bytes);
    if (job->out && job->csv_out && scheme_fee_csv_header(job->out) != 0) {
        cli_error("error writing the fees");
        return CLI_EXIT_FAIL;
    }
    if (batch_stream_run(&s) != 0) {
        batch_progress_done(&job->progress);
        return CLI_EXIT_FAIL;
    }
    batch_progress_done(&job->progress);
    return CLI_EXIT_OK;
}

/* `ratel scheme quote`: reads, rates, writes and reports. */
static int scheme_quote(int argc, char **argv)
{
    scheme_args a;
    batch_reader rd;
    scheme_job job;
    cli_output fees;
    ratel_csv_header *csv = NULL;
    ratel_engine *eng = NULL;
    int status;

    memset(&a, 0, sizeof a);
    memset(&job, 0, sizeof job);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    status = CLI_EXIT_FAIL;
    if (batch_reader_open(&rd, a.roster) != 0)
        return CLI_EXIT_FAIL;
    if (cli_engine_load(&eng, cli_tables_path(a.tables),
                        cli_plans_path(a.plans)) != 0)
        goto done;
    if (!cli_plan_schema(eng, a.plan)) {
        cli_error("no plan '%s'", a.plan);
        goto done;
    }
    if (a.csv_in && batch_csv_read_header(&rd, &csv, eng,
                                          cli_plan_schema(eng, a.plan)) != 0)
        goto done;
    job.csv = csv;
    job.plan_id = a.plan;
    job.csv_out = a.csv_out;
    if (ratel_scheme_new(&job.account) != RATEL_OK) {
        cli_error("out of memory");
        goto done;
    }
    if (batch_contexts_new(&job.ctxs, eng, a.nthreads) != 0)
        goto done;
    if (a.output && cli_output_open(&fees, a.output) != 0)
        goto done;
    job.out = a.output ? fees.f : NULL;
    status = run(&rd, &job, &a);
    if (job.out && cli_output_close(&fees, status == CLI_EXIT_OK) != 0)
        status = CLI_EXIT_FAIL;
    if (status == CLI_EXIT_OK)
        status = a.json ? scheme_print_json(job.account)
                        : scheme_print_table(job.account);
done:
    ratel_scheme_free(job.account);
    batch_contexts_free(job.ctxs, a.nthreads);
    ratel_engine_free(eng);
    ratel_csv_header_free(csv);
    batch_reader_close(&rd);
    return status;
}

int cmd_scheme(int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "quote") == 0)
        return scheme_quote(argc - 1, argv + 1);
    if (argc >= 1 && (strcmp(argv[0], "-h") == 0 ||
                      strcmp(argv[0], "--help") == 0)) {
        cmd_scheme_usage(stdout);
        return CLI_EXIT_OK;
    }
    return cli_usage_error("scheme", argc ? "unknown subcommand '%s' (quote)"
                                          : "missing subcommand%s (quote)",
                           argc ? argv[0] : "");
}
