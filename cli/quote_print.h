/* quote_print.h - a quote printed as `ratel quote` prints it, and the plan
 * files of `try` and `diff`. */
#ifndef RATEL_CLI_QUOTE_PRINT_H
#define RATEL_CLI_QUOTE_PRINT_H

#include "cli.h"

/* ---- quotes (quote_print.c) ------------------------------------------ */

/* Prints a quote as `quote --format table` does (the worksheet when
 * `worksheet`), or as its JSON document and a newline. Return 0, or -1 on
 * a write error or no memory. */
int quote_print_table(const ratel_quote *q, int worksheet);
int quote_print_json(const ratel_quote *q);

/* The parts of the table view a comparison shows for each offer: the
 * reasons, warnings, coverages with their terms priced and the
 * differences from those asked (`cover`); the subjectivities and
 * authority, and when `plan_lists` the plan's services and exclusions
 * (`conditions`). Write to stdout; return 0, or -1. */
int quote_print_cover(const ratel_quote *q);
int quote_print_conditions(const ratel_quote *q, int plan_lists);

/* Prints, under "\nTITLE:", the reasons of q (kind, code, text) that are
 * not also reasons of `exclude` (NULL: all); nothing when none is left. */
int quote_print_reasons(const ratel_quote *q, const char *title,
                        const ratel_quote *exclude);

/* 1 when q has a reason with the same kind, code and text as r. */
int quote_has_reason(const ratel_quote *q, const ratel_reason *r);

/* Term `term` of coverage `cov` as the quote priced it: money with
 * separators (or the number with `suffix`, " h", "%"), "none" when the
 * quote has no such coverage or term. Returns buf or a static text. */
const char *quote_priced_term(char *buf, size_t size, const ratel_quote *q,
                              const char *cov, const char *term,
                              const char *suffix);

/* A step's value as the worksheet shows it: factors (mul) plainly,
 * amounts grouped, nothing for notes. Returns buf (64 bytes suffice). */
const char *quote_step_value(char *buf, size_t size, const ratel_step *s);

/* Reads the options file `path` (as `quote --options FILE`) into *out;
 * on failure prints its errors with their JSON paths and returns -1. */
int quote_read_options(ratel_ctx *ctx, const char *path, ratel_options **out);

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

#endif
