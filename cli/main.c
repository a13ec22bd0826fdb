/* main.c - `ratel`: dispatch to the commands. */
#include "cli.h"
#include "lint_checks.h" /* cmd_lint */

#include <string.h>

#include "ratel.h"

static void usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " COMMAND [ARGS...]\n"
          "\n"
          "Commands:\n"
          "  quote FILE [options]        rate a declaration, print the quote\n"
          "  plans list [options]        list the plans the engine loads\n"
          "  tables build SRC_DIR -o DB  build the rate-table database\n"
          "  tables check [PATH]         check table sources or a database\n"
          "  try PLAN.lua DECL.json...   rate with a plan file as it is on disk\n"
          "  diff A.lua B.lua --decl F   compare two plan files step by step\n"
          "  lint PLAN.lua [options]     check a plan file before deploying it\n"
          "  batch BOOK [options]        rate a book of declarations (JSONL, CSV)\n"
          "  book generate --n N --seed S  write a synthetic book (JSONL)\n"
          "  impact --book BOOK --from P --to P  rate-change impact on a book\n"
          "  test DIR... [options]       run the plan test cases under DIR\n"
          "  schemas list|show ID        the product schemas and their fields\n"
          "  scheme quote --plan ID --roster FILE  an association scheme's fees\n"
          "  structure DECL --structures FILE  compare insurance, captive and\n"
          "                              the alternatives on the loss model\n"
          "  compare DECL [options]      every plan side by side: premiums,\n"
          "                              gaps, what each pays in a real loss\n"
          "  journal list|show|export DB  the quotes a journal recorded\n"
          "  replay DB [options]         rate recorded quotes again, compare\n"
          "  help [COMMAND]              show help (for a command)\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help\n"
          "  --version      show the tool and library versions\n"
          "\n"
          "Run '" CLI_PROG " COMMAND --help' for a command's options.\n",
          out);
}

static int help(int argc, char **argv)
{
    if (argc < 1) {
        usage(stdout);
    } else if (strcmp(argv[0], "quote") == 0) {
        cmd_quote_usage(stdout);
    } else if (strcmp(argv[0], "plans") == 0) {
        cmd_plans_usage(stdout);
    } else if (strcmp(argv[0], "tables") == 0) {
        cmd_tables_usage(stdout);
    } else if (strcmp(argv[0], "try") == 0) {
        cmd_try_usage(stdout);
    } else if (strcmp(argv[0], "diff") == 0) {
        cmd_diff_usage(stdout);
    } else if (strcmp(argv[0], "lint") == 0) {
        cmd_lint_usage(stdout);
    } else if (strcmp(argv[0], "batch") == 0) {
        cmd_batch_usage(stdout);
    } else if (strcmp(argv[0], "book") == 0) {
        cmd_book_usage(stdout);
    } else if (strcmp(argv[0], "impact") == 0) {
        cmd_impact_usage(stdout);
    } else if (strcmp(argv[0], "test") == 0) {
        cmd_test_usage(stdout);
    } else if (strcmp(argv[0], "schemas") == 0) {
        cmd_schemas_usage(stdout);
    } else if (strcmp(argv[0], "scheme") == 0) {
        cmd_scheme_usage(stdout);
    } else if (strcmp(argv[0], "structure") == 0) {
        cmd_structure_usage(stdout);
    } else if (strcmp(argv[0], "compare") == 0) {
        cmd_compare_usage(stdout);
    } else if (strcmp(argv[0], "journal") == 0) {
        cmd_journal_usage(stdout);
    } else if (strcmp(argv[0], "replay") == 0) {
        cmd_replay_usage(stdout);
    } else if (strcmp(argv[0], "help") == 0) {
        usage(stdout);
    } else {
        fprintf(stderr, CLI_PROG " help: unknown command '%s'\n"
                        "Try '" CLI_PROG " --help'.\n", argv[0]);
        return CLI_EXIT_USAGE;
    }
    return cli_finish_stdout(CLI_EXIT_OK);
}

int main(int argc, char **argv)
{
    const char *cmd;
    int status;

    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return help(0, NULL);
    if (strcmp(cmd, "help") == 0)
        return help(argc - 2, argv + 2);
    if (strcmp(cmd, "--version") == 0) {
        printf(CLI_PROG " %s (libratel %s)\n", RATEL_VERSION, ratel_version());
        return cli_finish_stdout(CLI_EXIT_OK);
    }
    if (strcmp(cmd, "quote") == 0)
        status = cmd_quote(argc - 2, argv + 2);
    else if (strcmp(cmd, "plans") == 0)
        status = cmd_plans(argc - 2, argv + 2);
    else if (strcmp(cmd, "tables") == 0)
        status = cmd_tables(argc - 2, argv + 2);
    else if (strcmp(cmd, "try") == 0)
        status = cmd_try(argc - 2, argv + 2);
    else if (strcmp(cmd, "diff") == 0)
        status = cmd_diff(argc - 2, argv + 2);
    else if (strcmp(cmd, "lint") == 0)
        status = cmd_lint(argc - 2, argv + 2);
    else if (strcmp(cmd, "batch") == 0)
        status = cmd_batch(argc - 2, argv + 2);
    else if (strcmp(cmd, "book") == 0)
        status = cmd_book(argc - 2, argv + 2);
    else if (strcmp(cmd, "impact") == 0)
        status = cmd_impact(argc - 2, argv + 2);
    else if (strcmp(cmd, "test") == 0)
        status = cmd_test(argc - 2, argv + 2);
    else if (strcmp(cmd, "schemas") == 0)
        status = cmd_schemas(argc - 2, argv + 2);
    else if (strcmp(cmd, "scheme") == 0)
        status = cmd_scheme(argc - 2, argv + 2);
    else if (strcmp(cmd, "structure") == 0)
        status = cmd_structure(argc - 2, argv + 2);
    else if (strcmp(cmd, "compare") == 0)
        status = cmd_compare(argc - 2, argv + 2);
    else if (strcmp(cmd, "journal") == 0)
        status = cmd_journal(argc - 2, argv + 2);
    else if (strcmp(cmd, "replay") == 0)
        status = cmd_replay(argc - 2, argv + 2);
    else {
        fprintf(stderr, CLI_PROG ": unknown command '%s'\n"
                        "Try '" CLI_PROG " --help'.\n", cmd);
        status = CLI_EXIT_USAGE;
    }
    /* Catches write errors of output no command checked (--help). */
    return status == CLI_EXIT_OK ? cli_finish_stdout(status) : status;
}
