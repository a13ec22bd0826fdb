/* cmd_plans.c - `ratel plans list`: the plans an engine loads. */
#include "cli.h"
#include "table_out.h"

#include <string.h>

#include "ratel.h"

void cmd_plans_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " plans list [options]\n"
          "\n"
          "Lists every plan version the engine loads, one per line: id,\n"
          "insurer, product, version, effective date.\n"
          "\n"
          "Options:\n"
          "  --format table|tsv   table (default): aligned columns with a\n"
          "                       header; tsv: tab-separated, no header\n"
          CLI_HELP_TABLES
          CLI_HELP_PLANS
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 success, 1 the engine failed to load, 2 a usage\n"
          "error.\n",
          out);
}

/* Prints one TSV field: tabs and line breaks become spaces. */
static int put_tsv_field(const char *s, int last)
{
    const char *p;
    for (p = s ? s : ""; *p != '\0'; p++) {
        int c = (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p;
        if (putchar(c) == EOF)
            return -1;
    }
    return putchar(last ? '\n' : '\t') == EOF ? -1 : 0;
}

static int list_tsv(const ratel_engine *eng)
{
    size_t i, n = ratel_engine_plan_count(eng);
    for (i = 0; i < n; i++) {
        ratel_plan_info pi;
        if (ratel_engine_plan(eng, i, &pi) != RATEL_OK)
            continue;
        if (put_tsv_field(pi.id, 0) != 0 || put_tsv_field(pi.insurer, 0) != 0 ||
            put_tsv_field(pi.product, 0) != 0 ||
            put_tsv_field(pi.version, 0) != 0 ||
            put_tsv_field(pi.effective_date, 1) != 0)
            return -1;
    }
    return 0;
}

static int list_table(const ratel_engine *eng)
{
    static const char *const heads[5] = {
        "id", "insurer", "product", "version", "effective"
    };
    size_t i, n = ratel_engine_plan_count(eng);
    text_table *t = text_table_new(5);
    int rc = 0;

    if (t == NULL)
        return -1;
    for (i = 0; rc == 0 && i < 5; i++)
        rc = text_table_column(t, i, heads[i], TEXT_TABLE_LEFT);
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_plan_info pi;
        const char *row[5];
        if (ratel_engine_plan(eng, i, &pi) != RATEL_OK)
            continue;
        row[0] = pi.id;
        row[1] = pi.insurer;
        row[2] = pi.product;
        row[3] = pi.version;
        row[4] = pi.effective_date;
        rc = text_table_add_row(t, row);
    }
    if (rc == 0)
        rc = text_table_print(t, stdout, NULL);
    text_table_free(t);
    return rc;
}

static int plans_list(int argc, char **argv)
{
    const char *format = NULL, *tables = NULL, *plans = NULL;
    const cli_opt opts[] = {
        {"format", 0, 1, &format, NULL},
        {"tables", 0, 1, &tables, NULL},
        {"plans", 0, 1, &plans, NULL},
    };
    ratel_engine *eng = NULL;
    int npos = 0, tsv = 0, rc;

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "plans list", cmd_plans_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 0)
        return cli_usage_error("plans list", "unexpected argument '%s'",
                               argv[0]);
    if (format != NULL && strcmp(format, "tsv") == 0)
        tsv = 1;
    else if (format != NULL && strcmp(format, "table") != 0)
        return cli_usage_error("plans list",
                               "unknown format '%s' (table, tsv)", format);

    if (cli_engine_load(&eng, cli_tables_path(tables),
                        cli_plans_path(plans)) != 0)
        return CLI_EXIT_FAIL;
    rc = tsv ? list_tsv(eng) : list_table(eng);
    ratel_engine_free(eng);
    if (rc != 0) {
        cli_error("error writing the plan list");
        return CLI_EXIT_FAIL;
    }
    return cli_finish_stdout(CLI_EXIT_OK);
}

int cmd_plans(int argc, char **argv)
{
    if (argc < 1)
        return cli_usage_error("plans", "missing subcommand (list)");
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        cmd_plans_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[0], "list") == 0)
        return plans_list(argc - 1, argv + 1);
    return cli_usage_error("plans", "unknown subcommand '%s' (list)",
                           argv[0]);
}
