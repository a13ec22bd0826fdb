/* cli.h - shared pieces of the `ratel` command-line tool: exit codes,
 * option parsing, file reading, default paths and number formatting.
 * The tool talks to the engine only through ratel.h. */
#ifndef RATEL_CLI_H
#define RATEL_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/* The reference plan, rated when no --plan is given. */
#define CLI_DEFAULT_PLAN "sme-cyber"

/* `requested`, else the reference plan when the engine holds it, else NULL
 * (the engine's own default: its first plan by id). */
const char *cli_plan_id(const ratel_engine *engine, const char *requested);

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

/* JSON output: a string with escapes (NULL prints null), and a number
 * with up to 6 decimals (NaN and infinities print null). Return 0, or -1
 * on a write error. */
int cli_json_string(FILE *out, const char *s);
int cli_json_number(FILE *out, double value);

/* ---- quotes (quote_print.c) ------------------------------------------ */

/* Prints a quote as `quote --format table` does (the worksheet when
 * `worksheet`), or as its JSON document and a newline. Return 0, or -1 on
 * a write error or no memory. */
int quote_print_table(const ratel_quote *q, int worksheet);
int quote_print_json(const ratel_quote *q);

/* Prints, under "\nTITLE:", the reasons of q (kind, code, text) that are
 * not also reasons of `exclude` (NULL: all); nothing when none is left. */
int quote_print_reasons(const ratel_quote *q, const char *title,
                        const ratel_quote *exclude);

/* 1 when q has a reason with the same kind, code and text as r. */
int quote_has_reason(const ratel_quote *q, const ratel_reason *r);

/* A step's value as the worksheet shows it: factors (mul) plainly,
 * amounts grouped, nothing for notes. Returns buf (64 bytes suffice). */
const char *quote_step_value(char *buf, size_t size, const ratel_step *s);

/* Reports a failed ratel_rate*() on stderr as `ratel quote` does: every
 * declaration error with its JSON path, "script:line: message" for plan
 * errors. `input` names the declaration. */
void quote_report_error(const ratel_ctx *ctx, int rc, const char *input);

/* ---- plan files (quote_print.c), for `try` and `diff` ---------------- */

/* Source lines shown before and after the line a plan failed on. */
#define PLAN_CONTEXT_LINES 2

/* The line number in an error message "PLAN:LINE: ..." about the plan file
 * plan_path (also when Lua shortened the path to "...NAME"), or 0. */
int plan_error_line(const char *msg, const char *plan_path);

/* Prints to stderr the lines of plan_path around `line`, numbered, the
 * failing one marked '>'. Nothing when line <= 0. */
void plan_show_source(const char *plan_path, int line);

/* Opens an engine on the one plan file plan_path. On failure prints the
 * engine's message (and the plan source around a plan error), leaves *out
 * NULL and returns -1. */
int plan_engine_open(ratel_engine **out, const char *tables,
                     const char *plan_path);

/* Reads the declaration file `input` and rates it with plan_id (NULL: the
 * default plan), recording the worksheet. On failure prints the error as
 * quote_report_error() does, plus the plan source around a plan error,
 * leaves *out NULL and returns -1. */
int plan_rate_file(ratel_quote **out, ratel_engine *eng, const char *input,
                   const char *plan_id, const char *plan_path);

/* ---- commands --------------------------------------------------------- */

/* Each takes the arguments after its command words and returns the exit
 * status. */
int cmd_quote(int argc, char **argv);
int cmd_plans(int argc, char **argv);
int cmd_tables(int argc, char **argv);
int cmd_try(int argc, char **argv);
int cmd_diff(int argc, char **argv);

void cmd_quote_usage(FILE *out);
void cmd_plans_usage(FILE *out);
void cmd_tables_usage(FILE *out);
void cmd_try_usage(FILE *out);
void cmd_diff_usage(FILE *out);

#endif
