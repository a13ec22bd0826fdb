/* lint_checks.h - the pieces of `ratel lint` (cmd_lint.c): the list of
 * findings, the scan of the plan source, and one function per check.
 * Private to the lint files. */
#ifndef RATEL_LINT_CHECKS_H
#define RATEL_LINT_CHECKS_H

#include <stddef.h>
#include <stdio.h>

#include "ratel.h"

/* The command (cmd_lint.c); main.c registers it. */
int cmd_lint(int argc, char **argv);
void cmd_lint_usage(FILE *out);

/* ---- findings (cmd_lint.c) -------------------------------------------- */

typedef enum { LINT_ERROR = 0, LINT_WARNING = 1 } lint_severity;

/* The checks, in the order findings on one line are printed. */
typedef enum {
    LINT_CHECK_LOAD = 0,
    LINT_CHECK_GLOBALS,
    LINT_CHECK_TABLES,
    LINT_CHECK_KEYS,
    LINT_CHECK_SMOKE,
    LINT_CHECK_ROUNDING,
    LINT_CHECK_FIELDS,
    LINT_CHECK_STEPS
} lint_check;

typedef struct lint_finding {
    int line; /* 0: not known */
    lint_severity severity;
    lint_check check;
    char *message;
    size_t seq; /* order of arrival, for a stable sort */
} lint_finding;

typedef struct lint_report {
    lint_finding *items;
    size_t n, cap;
    int oom; /* a finding was lost for lack of memory */
} lint_report;

/* Adds a finding unless the same one (line, severity, check, message) is
 * already there. Returns 0, or -1 out of memory (r->oom is set). */
int lint_add(lint_report *r, int line, lint_severity sev, lint_check check,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* 1 when the report holds a finding of `check` on `line` whose message
 * starts with `prefix`. */
int lint_has(const lint_report *r, lint_check check, int line,
             const char *prefix);

/* The text of an engine message without its leading "PLAN:" or
 * "PLAN:LINE:" (Lua may shorten PLAN to "...NAME"). */
const char *lint_strip_where(const char *msg, const char *plan_path);

/* ---- the plan source (lint_source.c) ---------------------------------- */

typedef struct lint_name {
    char *name;
    int line;
} lint_name;

typedef struct lint_source {
    const char *path;
    lint_name *calls;     /* table literals in lookup/find/rows/base/factor */
    size_t ncalls;
    lint_name *declared;  /* string literals in `tables = { ... }` */
    size_t ndeclared;
    lint_name *literals;  /* every other string literal */
    size_t nliterals;
    lint_name *functions; /* names of `function NAME` (global functions) */
    size_t nfunctions;
    int rounds_policy;    /* has a call round("policy", ...) */
    lint_name *fields;    /* declaration paths read: "controls.mfa",
                             "incidents[].paid" (from d and its aliases) */
    size_t nfields;
    lint_name *claims;    /* tables named with a key by set/mul/add/
                             at_least/at_most/note steps whose value is
                             computed (a number or arithmetic) */
    size_t nclaims;
} lint_source;

/* Scans the plan source text (len bytes). Returns 0, or -1 out of memory.
 * Unterminated strings and comments end the scan quietly (check 1 reports
 * the syntax error). */
int lint_source_scan(lint_source *src, const char *path, const char *text,
                     size_t len);
void lint_source_free(lint_source *src);

/* The line of the declaration of `table` in plan.tables, or 0. */
int lint_source_decl_line(const lint_source *src, const char *table);

/* ---- the checks ------------------------------------------------------- */

/* Check 7 (lint_source.c): steps that name a table and a key but pass a
 * value of their own (warnings; the engine fails such a quote unless the
 * value is the table's). */
int lint_check_step_claims(lint_report *r, const lint_source *src);

/* Check 2 (lint_luacheck.c): luacheck with the sandbox's globals. */
int lint_check_globals(lint_report *r, const lint_source *src,
                       int load_failed);

/* Check 3 (lint_source.c): table literals against the declared tables
 * (names[0..n)). */
int lint_check_table_names(lint_report *r, const lint_source *src,
                           const char *const *names, size_t n);

/* Check 4 (lint_tables.c): keys of the declared tables against the
 * vocabularies, in every version. */
int lint_check_table_keys(lint_report *r, const lint_source *src,
                          const ratel_engine *eng, const ratel_plan_info *pi);

/* Check 6 (lint_fields.c): the declaration fields the plan reads exist
 * in the schema it rates. */
int lint_check_fields(lint_report *r, const lint_source *src,
                      const ratel_engine *eng, const ratel_plan_info *pi);

/* Check 5 (lint_smoke.c): rates built-in declarations. */
int lint_check_smoke(lint_report *r, const lint_source *src,
                     ratel_engine *eng, const ratel_plan_info *pi);

#endif
