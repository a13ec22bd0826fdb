/* cli.h - shared pieces of the `ratel` command-line tool: exit codes,
 * option parsing, file reading, default paths, number formatting, output
 * files and the commands. Each subsystem has its own header beside it:
 * quote_print.h, batch.h, scheme_print.h, journal.h, impact.h, book.h,
 * structure_print.h, compare_print.h, table_out.h, lint_checks.h. The
 * tool talks to the engine only through ratel.h and ratel_sys.h. */
#ifndef RATEL_CLI_H
#define RATEL_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ratel.h"

#define CLI_PROG "ratel"

/* Exit statuses of every command. */
enum {
    CLI_EXIT_OK = 0,    /* success (a quote of any decision, a passed check) */
    CLI_EXIT_FAIL = 1,  /* an error: bad input, engine or table failure */
    CLI_EXIT_USAGE = 2  /* a usage error on the command line */
};

/* Largest input file the tool reads (declarations). */
#define CLI_MAX_INPUT ((size_t)16 << 20)

/* ---- option parsing --------------------------------------------------- */

/*
 * One option of a command: `--name VALUE`, `--name=VALUE`, and `-s VALUE`
 * when `short_name` is not 0. An option with an argument stores it in
 * *value (the last occurrence wins); one without sets *flag to 1.
 * `--help` and `-h` are always recognised. `--` ends the options and a
 * lone `-` is a positional argument (stdin).
 */
typedef struct cli_opt {
    const char *name;
    char short_name;
    int has_arg;
    const char **value;
    int *flag;
} cli_opt;

enum { CLI_PARSE_OK = 0, CLI_PARSE_HELP = 1, CLI_PARSE_ERROR = 2 };

/*
 * Parses argv[0..argc) (the arguments after the command words). On
 * CLI_PARSE_OK the positional arguments are moved, in order, to
 * argv[0..*npos). On CLI_PARSE_ERROR a message and a hint naming
 * `ratel CMD --help` are already on stderr. `cmd` is the command as the
 * user typed it, e.g. "quote" or "tables build".
 */
int cli_parse_opts(int argc, char **argv, const cli_opt *opts, size_t nopts,
                   const char *cmd, int *npos);

/* The --help lines of the options that find the tables and the plans
 * (cli_tables_path, cli_plans_path), shared by the commands that take
 * them. */
#define CLI_HELP_TABLES                                                      \
    "  --tables DB          rate-table database (default: $RATEL_TABLES,\n" \
    "                       else tables/ratel.db, else the installed one)\n"
#define CLI_HELP_PLANS                                                       \
    "  --plans PATH         plan directory or .lua file (default:\n"         \
    "                       $RATEL_PLANS, else rating-scripts, else the\n"   \
    "                       installed plans)\n"

/*
 * cli_parse_opts() and what every command does with its outcome: on
 * --help prints usage(stdout) and returns CLI_EXIT_OK; on a parse error
 * (already reported) returns CLI_EXIT_USAGE; on success returns
 * CLI_GO_ON, and the command goes on with argv[0..*npos).
 */
#define CLI_GO_ON (-1)
int cli_parse_command(int argc, char **argv, const cli_opt *opts,
                      size_t nopts, const char *cmd, void (*usage)(FILE *),
                      int *npos);

/* Prints "ratel CMD: <message>" and the --help hint to stderr; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "ratel: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a library message to stderr line by line, each line prefixed
 * "ratel: " when `prefixed` (messages that name file:line are printed as
 * they are). When msg is NULL or empty prints "ratel: <fallback>". */
void cli_error_lines(const char *msg, const char *fallback, int prefixed);

/* Flushes stdout; on a write error reports it and returns CLI_EXIT_FAIL,
 * else returns `status`. */
int cli_finish_stdout(int status);

/* ---- input ------------------------------------------------------------ */

/*
 * Reads a whole file ("-" is stdin) into a new NUL-terminated buffer of
 * *len bytes (the caller frees it). Refuses files larger than
 * CLI_MAX_INPUT. Returns 0, or -1 after printing the reason to stderr.
 */
int cli_read_file(const char *path, char **buf, size_t *len);

/* The name to show for an input path ("<stdin>" for "-"). */
const char *cli_input_name(const char *path);

/*
 * Room for element n of an array of `size`-byte elements with capacity
 * *cap: arr when n < *cap, else arr reallocated to twice *cap (`first`
 * when empty) with *cap updated, or NULL when out of memory or past
 * SIZE_MAX bytes (arr is then untouched and still the caller's).
 */
void *cli_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

/* ---- default paths ---------------------------------------------------- */

/* The rate-table database: `opt` (from --tables) if not NULL, else
 * $RATEL_TABLES, else tables/ratel.db if it exists, else
 * cli_datadir() "/ratel.db". Never NULL; the string is not owned. */
const char *cli_tables_path(const char *opt);

/* Opens an engine on `tables` and `plans` (ratel_engine_open), with the
 * product schemas from $RATEL_SCHEMAS, else the schemas/ folder beside
 * the plans, else the shipped ones (rating-scripts/schemas, else the
 * installed). */
int cli_engine_open(ratel_engine **out, const char *tables,
                    const char *plans);
/* cli_engine_open, its error (the engine's message, else the code's
 * text) printed on stderr: 0, or -1 with *out NULL. */
int cli_engine_load(ratel_engine **out, const char *tables,
                    const char *plans);

/* The plan to rate with: `requested` (NULL: the engine's default plan,
 * the one whose plan.default is true; see docs/plans.md). */
const char *cli_plan_id(const ratel_engine *engine, const char *requested);
/* The id of the schema plan `plan_id` rates, or NULL (the default
 * plan's, or the one a document names). */
const char *cli_plan_schema(const ratel_engine *engine, const char *plan_id);
/* Parses `json` with the plan's schema and rates it (ratel_decl_parse +
 * ratel_rate); errors on ctx. */
int cli_rate_json(ratel_quote **out, ratel_ctx *ctx,
                  const ratel_engine *engine, const char *json, size_t len,
                  const char *plan_id, unsigned int flags);
/* The field at `path` of schema `schema` (NULL: the default plan's):
 * 0, or -1 when there is none. */
int cli_schema_field(const ratel_engine *engine, const char *schema,
                     const char *path, ratel_schema_field *f);
/* Writes the quote's JSON and a newline to stdout: 0, or -1. */
int cli_print_quote_json(const ratel_quote *q);


/* The plans: `opt` (from --plans), else $RATEL_PLANS, else rating-scripts
 * if it exists, else cli_datadir() "/rating-scripts". */
const char *cli_plans_path(const char *opt);
/* The installed data (datadir.c): ratel_data_dir() for the running
 * binary, $ORIGIN/../share/ratel when it exists, else the prefix baked in
 * at build time. Not owned; the same string on every call. */
const char *cli_datadir(void);

/* ---- formatting ------------------------------------------------------- */

/* Integer yen with thousands separators: 1234560 -> "1,234,560". A buffer
 * of 32 bytes always suffices. Returns buf. */
char *cli_fmt_money(char *buf, size_t size, int64_t amount);
/* An amount in minor units with `digits` decimals ("6,311.00"). */
char *cli_fmt_amount(char *buf, size_t size, int64_t amount, int digits);

/* A number with up to 6 decimals, trailing zeros trimmed ("1.25", "3");
 * with `group` the integer part gets thousands separators. A buffer of
 * 64 bytes always suffices. Returns buf. */
char *cli_fmt_number(char *buf, size_t size, double value, int group);
/* A running premium in yen as worksheets show it: to the sen at most
 * ("50,416.73"), grouped; the JSON keeps every digit. Returns buf. */
char *cli_fmt_premium(char *buf, size_t size, double premium);
/* A running premium in yen as worksheets show it: to the sen at most
 * ("50,416.73"), grouped; the JSON keeps every digit. Returns buf. */
char *cli_fmt_premium(char *buf, size_t size, double premium);

/* HTML text: s with <, >, & and " escaped (NULL prints nothing).
 * Returns 0, or -1 on a write error. */
int cli_html_text(FILE *out, const char *s);

/* JSON output: a string with escapes (NULL prints null), and a number
 * with up to 6 decimals (NaN and infinities print null). Return 0, or -1
 * on a write error. */
int cli_json_string(FILE *out, const char *s);
int cli_json_number(FILE *out, double value);

/* ---- output files (output.c) ----------------------------------------- */

/* A file the tool writes, whole or not at all. */
typedef struct cli_output {
    FILE *f;            /* write here */
    const char *path;   /* as given; NULL for stdout */
    char *target;       /* the file renamed over at the end (path, or the
                           file a symbolic link names) */
    char *tmp;          /* the temporary file beside it; NULL when the
                           output is written directly */
    int fd;
    int err;            /* the first write error */
    unsigned long long written; /* bytes that reached the file */
} cli_output;

/* Opens the output `path` ("-" or NULL: stdout). A regular file or a new
 * path is written under a temporary name beside it; anything else (a
 * device, a FIFO) directly. Returns 0, or -1 after printing the reason. */
int cli_output_open(cli_output *o, const char *path);
/* Flushes and closes the output. A temporary file is renamed into place
 * when everything was written and `ok` (the command succeeded), else
 * removed, leaving the old file as it was. Returns 0, or -1 after printing
 * the error (for a file written directly: how many bytes reached it, and
 * that it is incomplete). */
int cli_output_close(cli_output *o, int ok);

/* ---- commands --------------------------------------------------------- */

/* Each takes the arguments after its command words and returns the exit
 * status. */
int cmd_quote(int argc, char **argv);
int cmd_schemas(int argc, char **argv);
void cmd_schemas_usage(FILE *out);
int cmd_plans(int argc, char **argv);
int cmd_tables(int argc, char **argv);
int cmd_try(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_scheme(int argc, char **argv);
int cmd_book(int argc, char **argv);
int cmd_impact(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_structure(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_journal(int argc, char **argv);
int cmd_replay(int argc, char **argv);

void cmd_quote_usage(FILE *out);
void cmd_plans_usage(FILE *out);
void cmd_tables_usage(FILE *out);
void cmd_try_usage(FILE *out);
void cmd_diff_usage(FILE *out);
void cmd_batch_usage(FILE *out);
void cmd_scheme_usage(FILE *out);
void cmd_book_usage(FILE *out);
void cmd_impact_usage(FILE *out);
void cmd_test_usage(FILE *out);
void cmd_structure_usage(FILE *out);
void cmd_compare_usage(FILE *out);
void cmd_journal_usage(FILE *out);
void cmd_replay_usage(FILE *out);

#endif
