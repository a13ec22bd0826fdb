/* cli.h - shared pieces of the `ratel` command-line tool: exit codes,
 * option parsing, file reading, default paths and number formatting.
 * The tool talks to the engine only through ratel.h. */
#ifndef RATEL_CLI_H
#define RATEL_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/* ---- default paths ---------------------------------------------------- */

/* The rate-table database: `opt` (from --tables) if not NULL, else
 * $RATEL_TABLES, else tables/ratel.db if it exists, else
 * RATEL_DATADIR "/ratel.db". Never NULL; the string is not owned. */
const char *cli_tables_path(const char *opt);

/* The plans: `opt` (from --plans), else $RATEL_PLANS, else rating-scripts
 * if it exists, else RATEL_DATADIR "/rating-scripts". */
const char *cli_plans_path(const char *opt);

/* ---- formatting ------------------------------------------------------- */

/* Integer yen with thousands separators: 1234560 -> "1,234,560". A buffer
 * of 32 bytes always suffices. Returns buf. */
char *cli_fmt_money(char *buf, size_t size, int64_t amount);

/* A number with up to 6 decimals, trailing zeros trimmed ("1.25", "3");
 * with `group` the integer part gets thousands separators. A buffer of
 * 64 bytes always suffices. Returns buf. */
char *cli_fmt_number(char *buf, size_t size, double value, int group);

/* ---- commands --------------------------------------------------------- */

/* Each takes the arguments after its command words and returns the exit
 * status. */
int cmd_quote(int argc, char **argv);
int cmd_plans(int argc, char **argv);
int cmd_tables(int argc, char **argv);

void cmd_quote_usage(FILE *out);
void cmd_plans_usage(FILE *out);
void cmd_tables_usage(FILE *out);

#endif
