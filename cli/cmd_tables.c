/* cmd_tables.c - `ratel tables build` and `ratel tables check`. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ratel.h"
#include "ratel_sys.h"

void cmd_tables_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " tables build SRC_DIR -o DB [--schemas DIR]\n"
          "       " CLI_PROG " tables check [PATH] [--schemas DIR]\n"
          "\n"
          "build  compiles the table sources in SRC_DIR (manifest.csv and the\n"
          "       CSV files it names) into the SQLite database DB, replacing\n"
          "       DB only when every table is valid.\n"
          "check  checks table sources (a directory) or a built database (a\n"
          "       file) without writing anything; prints \"ok: PATH\".\n"
          "       PATH defaults to $RATEL_TABLES, else tables/ratel.db if it\n"
          "       exists, else the installed database.\n"
          "\n"
          "Keys the manifest declares as codes of a product schema\n"
          "(industry:code(cyber-sme.industries)) are checked against the\n"
          "schemas: a key not in its list is an error, a code with no row in\n"
          "a table declared every(...) a warning.\n"
          "\n"
          "Options:\n"
          "  -o, --output DB   the database to write (build; required)\n"
          "  --schemas DIR     the product schemas (ID.json); default\n"
          "                    $RATEL_SCHEMAS, else rating-scripts/schemas if it\n"
          "                    exists, else the installed schemas\n"
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

/* Prints the warnings of a build or check that succeeded and frees them. */
static void table_warnings(char *msg)
{
    if (msg)
        cli_error_lines(msg, "", 0);
    ratel_free(msg);
}

/* The schema folder: --schemas, else $RATEL_SCHEMAS, else the shipped
 * schemas of the current directory, else the installed ones. */
static const char *schemas_path(const char *opt)
{
    static char installed[4096];
    const char *env = getenv("RATEL_SCHEMAS");
    struct stat st;
    if (opt)
        return opt;
    if (env && *env)
        return env;
    if (stat("rating-scripts/schemas", &st) == 0 && S_ISDIR(st.st_mode))
        return "rating-scripts/schemas";
    snprintf(installed, sizeof installed, "%s/rating-scripts/schemas",
             cli_datadir());
    return installed;
}

/* Options naming the schema folder. */
static ratel_tables_options tables_options(const char *schemas)
{
    ratel_tables_options o;
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = schemas_path(schemas);
    return o;
}

static int tables_build(int argc, char **argv)
{
    const char *output = NULL, *schemas = NULL;
    const cli_opt opts[] = {
        {"output", 'o', 1, &output, NULL},
        {"schemas", 0, 1, &schemas, NULL},
    };
    ratel_tables_options o;
    char *errmsg = NULL;
    int npos = 0, rc;

    rc = cli_parse_command(argc, argv, opts, 2, "tables build",
                           cmd_tables_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("tables build", npos == 0
                                   ? "missing SRC_DIR"
                                   : "too many arguments");
    if (output == NULL || *output == '\0')
        return cli_usage_error("tables build", "missing -o DB");
    o = tables_options(schemas);
    rc = ratel_tables_build_with(argv[0], output, &o, &errmsg);
    if (rc != RATEL_OK)
        return table_failure(rc, errmsg);
    table_warnings(errmsg);
    return CLI_EXIT_OK;
}

static int tables_check(int argc, char **argv)
{
    const char *schemas = NULL, *path;
    const cli_opt opts[] = {
        {"schemas", 0, 1, &schemas, NULL},
    };
    ratel_tables_options o;
    char *errmsg = NULL;
    int npos = 0, rc;

    rc = cli_parse_command(argc, argv, opts, 1, "tables check",
                           cmd_tables_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos > 1)
        return cli_usage_error("tables check", "too many arguments");
    path = npos == 1 ? argv[0] : cli_tables_path(NULL);
    o = tables_options(schemas);
    rc = ratel_tables_check_with(path, &o, &errmsg);
    if (rc != RATEL_OK)
        return table_failure(rc, errmsg);
    table_warnings(errmsg);
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
