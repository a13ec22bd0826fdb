/* cmd_quote.c - `ratel quote`: rate one declaration and print the quote. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "ratel.h"

void cmd_quote_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " quote FILE [options]\n"
          "\n"
          "Rates the declaration in FILE (JSON; '-' reads stdin) and prints\n"
          "the quote.\n"
          "\n"
          "Options:\n"
          "  --plan ID            rate with plan ID (default: the engine's\n"
          "                       default plan, the first by id)\n"
          "  --format json|table  json (default): the quote document;\n"
          "                       table: a summary and worksheet for people\n"
          "  --no-worksheet       do not record or print the worksheet\n"
          "  --tables DB          rate-table database (default: $RATEL_TABLES,\n"
          "                       else tables/ratel.db, else the installed one)\n"
          "  --plans PATH         plan directory or .lua file (default:\n"
          "                       $RATEL_PLANS, else rating-scripts, else the\n"
          "                       installed plans)\n"
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 a quote was produced (quoted, referred or declined),\n"
          "1 an error, 2 a usage error.\n",
          out);
}

/* ---- the command ------------------------------------------------------ */

typedef struct quote_args {
    const char *input;
    const char *plan;
    const char *format;
    const char *tables;
    const char *plans;
    int no_worksheet;
    int table;
} quote_args;

static int parse_args(int argc, char **argv, quote_args *a)
{
    int npos = 0, rc;
    const cli_opt opts[] = {
        {"plan", 0, 1, &a->plan, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
        {"no-worksheet", 0, 0, NULL, &a->no_worksheet},
    };

    rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0],
                        "quote", &npos);
    if (rc == CLI_PARSE_HELP) {
        cmd_quote_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (rc != CLI_PARSE_OK)
        return CLI_EXIT_USAGE;
    if (npos != 1)
        return cli_usage_error("quote", npos == 0 ? "missing FILE"
                                                  : "too many arguments");
    a->input = argv[0];
    if (a->format == NULL || strcmp(a->format, "json") == 0)
        a->table = 0;
    else if (strcmp(a->format, "table") == 0)
        a->table = 1;
    else
        return cli_usage_error("quote", "unknown format '%s' (json, table)",
                               a->format);
    return -1; /* go on */
}

static int rate_and_print(ratel_engine *eng, const quote_args *a,
                          const char *json, size_t len)
{
    ratel_ctx *ctx = NULL;
    ratel_quote *q = NULL;
    unsigned int flags = a->no_worksheet ? RATEL_RATE_NO_WORKSHEET : 0u;
    int rc, status = CLI_EXIT_FAIL;

    rc = ratel_ctx_new(&ctx, eng);
    if (rc != RATEL_OK) {
        cli_error("cannot create a context: %s", ratel_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    rc = ratel_rate_json(&q, ctx, json, len, cli_plan_id(eng, a->plan), flags);
    if (rc != RATEL_OK) {
        quote_report_error(ctx, rc, cli_input_name(a->input));
    } else if ((a->table ? quote_print_table(q, !a->no_worksheet)
                         : quote_print_json(q)) != 0) {
        cli_error("error writing the quote");
    } else {
        status = cli_finish_stdout(CLI_EXIT_OK);
    }
    ratel_quote_free(q);
    ratel_ctx_free(ctx);
    return status;
}

int cmd_quote(int argc, char **argv)
{
    quote_args a;
    ratel_engine *eng = NULL;
    char *json = NULL;
    size_t len = 0;
    int rc, status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    if (cli_read_file(a.input, &json, &len) != 0)
        return CLI_EXIT_FAIL;
    rc = ratel_engine_open(&eng, cli_tables_path(a.tables),
                           cli_plans_path(a.plans), NULL);
    if (rc != RATEL_OK) {
        cli_error_lines(eng ? ratel_engine_errmsg(eng) : NULL,
                        ratel_strerror(rc), 0);
        ratel_engine_free(eng);
        free(json);
        return CLI_EXIT_FAIL;
    }
    status = rate_and_print(eng, &a, json, len);
    ratel_engine_free(eng);
    free(json);
    return status;
}
