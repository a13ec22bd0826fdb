/* cmd_tables.c - `ratel tables build` and `ratel tables check`. */
#include "cli.h"

#include <string.h>

#include "ratel.h"
#include "ratel_sys.h"

void cmd_tables_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " tables build SRC_DIR -o DB\n"
          "       " CLI_PROG " tables check [PATH]\n"
          "\n"
          "build  compiles the table sources in SRC_DIR (manifest.csv and the\n"
          "       CSV files it names) into the SQLite database DB, replacing\n"
          "       DB only when every table is valid.\n"
          "check  checks table sources (a directory) or a built database (a\n"
          "       file) without writing anything; prints \"ok: PATH\".\n"
          "       PATH defaults to $RATEL_TABLES, else tables/ratel.db if it\n"
          "       exists, else the installed database.\n"
          "\n"
          "Options:\n"
          "  -o, --output DB   the database to write (build; required)\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 success, 1 invalid tables or an I/O error (each\n"
          "problem is printed with its file and line), 2 a usage error.\n",
          out);
}

/* Prints the library's message (or the code's description) and frees it. */
static int table_failure(int rc, char *errmsg)
{
    cli_error_lines(errmsg, ratel_strerror(rc), 0);
    ratel_free(errmsg);
    return CLI_EXIT_FAIL;
}

static int tables_build(int argc, char **argv)
{
    const char *output = NULL;
    const cli_opt opts[] = {
        {"output", 'o', 1, &output, NULL},
    };
    char *errmsg = NULL;
    int npos = 0, rc;

    rc = cli_parse_command(argc, argv, opts, 1, "tables build",
                           cmd_tables_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("tables build", npos == 0
                                   ? "missing SRC_DIR"
                                   : "too many arguments");
    if (output == NULL || *output == '\0')
        return cli_usage_error("tables build", "missing -o DB");
    rc = ratel_tables_build(argv[0], output, &errmsg);
    if (rc != RATEL_OK)
        return table_failure(rc, errmsg);
    ratel_free(errmsg);
    return CLI_EXIT_OK;
}

static int tables_check(int argc, char **argv)
{
    char *errmsg = NULL;
    const char *path;
    int npos = 0, rc;

    rc = cli_parse_command(argc, argv, NULL, 0, "tables check",
                           cmd_tables_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos > 1)
        return cli_usage_error("tables check", "too many arguments");
    path = npos == 1 ? argv[0] : cli_tables_path(NULL);
    rc = ratel_tables_check(path, &errmsg);
    if (rc != RATEL_OK)
        return table_failure(rc, errmsg);
    ratel_free(errmsg);
    if (printf("ok: %s\n", path) < 0)
        return cli_finish_stdout(CLI_EXIT_FAIL);
    return cli_finish_stdout(CLI_EXIT_OK);
}

int cmd_tables(int argc, char **argv)
{
    if (argc < 1)
        return cli_usage_error("tables", "missing subcommand (build, check)");
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        cmd_tables_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[0], "build") == 0)
        return tables_build(argc - 1, argv + 1);
    if (strcmp(argv[0], "check") == 0)
        return tables_check(argc - 1, argv + 1);
    return cli_usage_error("tables", "unknown subcommand '%s' (build, check)",
                           argv[0]);
}
