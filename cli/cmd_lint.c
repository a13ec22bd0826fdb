/* cmd_lint.c - `ratel lint`: checks a plan file before it is deployed
 * (load, sandbox globals, declared tables, table keys against the
 * vocabularies, a smoke run, rounding) and prints the findings. The
 * checks live in lint_*.c. */
#include "cli.h"
#include "quote_print.h"
#include "lint_checks.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const check_names[] = {"load", "globals", "tables",
                                          "keys", "smoke", "rounding",
                                          "fields", "steps"};

void cmd_lint_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " lint PLAN.lua [options]\n"
          "\n"
          "Checks a plan file before it is deployed and prints each finding\n"
          "as PLAN:LINE: error|warning: message (no LINE when not known):\n"
          "  load      the plan loads (syntax, metadata, declared tables)\n"
          "  globals   luacheck: globals outside the plan sandbox, writes to\n"
          "            globals other than plan, rate and the plan's\n"
          "            functions (skipped with a warning without luacheck)\n"
          "  tables    table names in lookup/find/rows/base/factor calls\n"
          "            that plan.tables does not declare; declared tables\n"
          "            never named (warning)\n"
          "  keys      in every version of a declared table, industry, type,\n"
          "            control and certification keys against the\n"
          "            declaration vocabularies\n"
          "  smoke     rates built-in sample declarations on the plan's\n"
          "            effective date: plan errors, limits, invalid results\n"
          "  rounding  no round(\"policy\", ...) call (warning)\n"
          "  fields    the declaration fields the plan reads are in its\n"
          "            schema\n"
          "  steps     a set/mul/add/at_least/at_most/note step that names\n"
          "            a table and a key but passes a computed value (a\n"
          "            number, arithmetic, math.*) (warning: the engine\n"
          "            fails the quote unless it is the table's value)\n"
          "\n"
          "Options:\n"
          CLI_HELP_TABLES
          "  --format text|json   text (default); json: {format_version,\n"
          "                       findings}, an array of objects\n"
          "                       {line, severity, check, message}\n"
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 no errors (warnings allowed), 1 an error was found\n"
          "or the plan could not be read, 2 a usage error.\n",
          out);
}

/* ---- findings ----------------------------------------------------------- */

int lint_has(const lint_report *r, lint_check check, int line,
             const char *prefix)
{
    size_t i, n = strlen(prefix);
    for (i = 0; i < r->n; i++)
        if (r->items[i].check == check && r->items[i].line == line &&
            strncmp(r->items[i].message, prefix, n) == 0)
            return 1;
    return 0;
}

int lint_add(lint_report *r, int line, lint_severity sev, lint_check check,
             const char *fmt, ...)
{
    va_list ap;
    char *msg, *p;
    lint_finding *nf;
    int len;
    size_t i;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0 || (msg = malloc((size_t)len + 1)) == NULL) {
        r->oom = 1;
        return -1;
    }
    va_start(ap, fmt);
    (void)vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    for (p = msg; *p != '\0'; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    for (i = 0; i < r->n; i++)
        if (r->items[i].line == line && r->items[i].severity == sev &&
            r->items[i].check == check &&
            strcmp(r->items[i].message, msg) == 0) {
            free(msg);
            return 0;
        }
    nf = cli_grow(r->items, &r->cap, r->n, sizeof *nf, 32);
    if (nf == NULL) {
        free(msg);
        r->oom = 1;
        return -1;
    }
    r->items = nf;
    r->items[r->n].line = line < 0 ? 0 : line;
    r->items[r->n].severity = sev;
    r->items[r->n].check = check;
    r->items[r->n].message = msg;
    r->items[r->n].seq = r->n;
    r->n++;
    return 0;
}

static int cmp_finding(const void *a, const void *b)
{
    const lint_finding *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->check != y->check)
        return x->check < y->check ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void report_free(lint_report *r)
{
    size_t i;
    for (i = 0; i < r->n; i++)
        free(r->items[i].message);
    free(r->items);
}

const char *lint_strip_where(const char *msg, const char *plan_path)
{
    const char *base = strrchr(plan_path, '/'), *p = NULL;
    size_t n = strlen(plan_path);

    if (msg == NULL)
        return NULL;
    base = base ? base + 1 : plan_path;
    if (strncmp(msg, plan_path, n) == 0 && msg[n] == ':')
        p = msg + n + 1;
    else if (strncmp(msg, "...", 3) == 0 && (p = strstr(msg, base)) != NULL &&
             p[strlen(base)] == ':' && memchr(msg, ' ', (size_t)(p - msg)) ==
                                           NULL)
        p += strlen(base) + 1;
    if (p == NULL)
        return msg;
    if (*p >= '0' && *p <= '9') {
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == ':')
            p = q + 1;
    }
    while (*p == ' ')
        p++;
    return p;
}

/* ---- output ------------------------------------------------------------ */

static int print_text(const lint_report *r, const char *plan)
{
    size_t i;
    for (i = 0; i < r->n; i++) {
        const lint_finding *f = &r->items[i];
        const char *sev = f->severity == LINT_ERROR ? "error" : "warning";
        int rc = f->line > 0
                     ? printf("%s:%d: %s: %s\n", plan, f->line, sev,
                              f->message)
                     : printf("%s: %s: %s\n", plan, sev, f->message);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int print_json(const lint_report *r)
{
    size_t i;
    if (fputs("{\"format_version\":1,\"findings\":[", stdout) == EOF)
        return -1;
    for (i = 0; i < r->n; i++) {
        const lint_finding *f = &r->items[i];
        if (printf("%s\n{\"line\":%d,\"severity\":\"%s\",\"check\":\"%s\","
                   "\"message\":",
                   i ? "," : "", f->line,
                   f->severity == LINT_ERROR ? "error" : "warning",
                   check_names[f->check]) < 0 ||
            cli_json_string(stdout, f->message) != 0 || putchar('}') == EOF)
            return -1;
    }
    return fputs(r->n ? "\n]}\n" : "]}\n", stdout) == EOF ? -1 : 0;
}

/* ---- the checks -------------------------------------------------------- */

/* Check 1: opens an engine on the plan alone. *eng is NULL on failure. */
static void check_load(lint_report *r, const lint_source *src,
                       const char *tables, ratel_engine **eng)
{
    const char *msg;
    int rc, line;
    size_t i;

    rc = cli_engine_open(eng, tables, src->path);
    if (rc == RATEL_OK && ratel_engine_plan_count(*eng) == 1)
        return;
    msg = *eng ? ratel_engine_errmsg(*eng) : NULL;
    if (rc == RATEL_OK)
        msg = "the file defines no plan";
    else if (msg == NULL || *msg == '\0')
        msg = ratel_strerror(rc);
    line = rc == RATEL_EPLAN ? plan_error_line(msg, src->path) : 0;
    for (i = 0; line == 0 && i < src->ndeclared; i++) {
        char quoted[300];
        snprintf(quoted, sizeof quoted, "'%s'", src->declared[i].name);
        if (strstr(msg, quoted) != NULL)
            line = src->declared[i].line;
    }
    (void)lint_add(r, line, LINT_ERROR, LINT_CHECK_LOAD, "%s%s",
                   rc == RATEL_EPLAN || rc == RATEL_OK ? ""
                   : "cannot open the engine: ",
                   lint_strip_where(msg, src->path));
    ratel_engine_free(*eng);
    *eng = NULL;
}

static void run_checks(lint_report *r, const lint_source *src,
                       const char *tables)
{
    ratel_engine *eng = NULL;
    ratel_plan_info pi;
    const char **names = NULL;
    size_t i;

    check_load(r, src, tables, &eng);
    (void)lint_check_globals(r, src, eng == NULL);
    if (eng != NULL && ratel_engine_plan(eng, 0, &pi) == RATEL_OK) {
        (void)lint_check_table_names(r, src, (const char *const *)pi.tables,
                                     pi.ntables);
        (void)lint_check_table_keys(r, src, eng, &pi);
        (void)lint_check_fields(r, src, eng, &pi);
        (void)lint_check_smoke(r, src, eng, &pi);
    } else if (src->ndeclared == 0 ||
               (names = calloc(src->ndeclared, sizeof *names)) != NULL) {
        for (i = 0; i < src->ndeclared; i++)
            names[i] = src->declared[i].name;
        (void)lint_check_table_names(r, src, names, src->ndeclared);
        free(names);
    } else {
        r->oom = 1;
    }
    (void)lint_check_step_claims(r, src);
    if (!src->rounds_policy)
        (void)lint_add(r, 0, LINT_WARNING, LINT_CHECK_ROUNDING,
                       "no round(\"policy\", ...) call: the total premium "
                       "may not be whole yen");
    ratel_engine_free(eng);
}

int cmd_lint(int argc, char **argv)
{
    const char *tables = NULL, *format = NULL, *plan;
    const cli_opt opts[] = {
        {"tables", 0, 1, &tables, NULL},
        {"format", 0, 1, &format, NULL},
    };
    lint_report r;
    lint_source src;
    struct stat st;
    char *text = NULL;
    size_t len = 0, i, errors = 0;
    int npos = 0, json = 0, rc, status;

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "lint", cmd_lint_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("lint", npos == 0 ? "missing PLAN.lua"
                                                 : "give one PLAN.lua");
    plan = argv[0];
    if (strcmp(plan, "-") == 0)
        return cli_usage_error("lint", "PLAN.lua must be a file, not '-'");
    if (format != NULL && strcmp(format, "json") == 0)
        json = 1;
    else if (format != NULL && strcmp(format, "text") != 0)
        return cli_usage_error("lint", "unknown format '%s' (text, json)",
                               format);
    if (stat(plan, &st) == 0 && !S_ISREG(st.st_mode)) {
        cli_error("%s: not a plan file (give one .lua file)", plan);
        return CLI_EXIT_FAIL;
    }
    if (cli_read_file(plan, &text, &len) != 0)
        return CLI_EXIT_FAIL;
    memset(&r, 0, sizeof r);
    if (lint_source_scan(&src, plan, text, len) != 0)
        r.oom = 1;
    else
        run_checks(&r, &src, cli_tables_path(tables));
    lint_source_free(&src);
    free(text);
    if (r.n > 1)
        qsort(r.items, r.n, sizeof *r.items, cmp_finding);
    for (i = 0; i < r.n; i++)
        errors += r.items[i].severity == LINT_ERROR;
    rc = json ? print_json(&r) : print_text(&r, plan);
    status = errors > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (r.oom) {
        cli_error("out of memory: some checks did not run");
        status = CLI_EXIT_FAIL;
    }
    if (rc == 0 && !json)
        fprintf(stderr, CLI_PROG " lint: %s: %zu error%s, %zu warning%s\n",
                plan, errors, errors == 1 ? "" : "s", r.n - errors,
                r.n - errors == 1 ? "" : "s");
    report_free(&r);
    if (rc != 0) {
        cli_error("error writing output");
        return CLI_EXIT_FAIL;
    }
    return cli_finish_stdout(status);
}
