/* cmd_test.c - `ratel test DIR...`: runs the plan test cases (*.json)
 * found under each DIR with the library's ratel_plan_test_run() and
 * prints PASS/FAIL per case and a summary line. Case format: "Plan tests"
 * in docs/plans.md. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ratel.h"
#include "ratel_sys.h"

void cmd_test_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " test DIR... [options]\n"
          "\n"
          "Runs the plan test cases (*.json files, found recursively under\n"
          "each DIR but its schemas/ folder, in sorted order; a DIR may also\n"
          "be one case file) and\n"
          "prints PASS or FAIL for each, the differences of each failure,\n"
          "and a summary line 'plan tests: N passed, N failed'. A relative\n"
          "\"base\" path in a case is read from the current directory.\n"
          "\n"
          "Options:\n"
          "  --plans PATH         plan directory or .lua file (default: DIR\n"
          "                       when it holds *.lua files, else\n"
          "                       $RATEL_PLANS, else rating-scripts, else the\n"
          "                       installed plans)\n"
          CLI_HELP_TABLES
          "  --filter TEXT        run only the cases whose path contains TEXT\n"
          "  --format text|json   text (default), or one JSON document\n"
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 every case passed, 1 a case failed or could not\n"
          "be run (or none was found), 2 a usage error.\n",
          out);
}

typedef struct test_args {
    const char *tables, *plans, *filter, *format;
    int json;
} test_args;

typedef struct case_list {
    char **paths;
    size_t n, cap;
} case_list;

typedef struct tally {
    size_t passed, failed;
    int json_started;
} tally;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

static int add_path(case_list *l, const char *path)
{
    char **p = cli_grow(l->paths, &l->cap, l->n, sizeof *p, 64);
    if (!p)
        return -1;
    l->paths = p;
    if (!(l->paths[l->n] = strdup(path)))
        return -1;
    l->n++;
    return 0;
}

static void free_list(case_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    memset(l, 0, sizeof *l);
}

/* Adds the *.json files under path (a file or a directory, recursively;
 * names starting with '.' are skipped). Returns 0, or -1 after an error
 * message. */
static int collect(case_list *l, const char *path, const char *filter)
{
    struct stat st;
    struct dirent *e;
    DIR *d;
    int rc = 0;
    if (stat(path, &st) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (!ends_with(path, ".json") || (filter && !strstr(path, filter)))
            return 0;
        if (add_path(l, path) == 0)
            return 0;
        cli_error("out of memory");
        return -1;
    }
    if (!(d = opendir(path))) {
        cli_error("%s: %s", path, strerror(errno));
        return -1;
    }
    while (rc == 0 && (e = readdir(d))) {
        char sub[4096];
        if (e->d_name[0] == '.' || strcmp(e->d_name, "schemas") == 0)
            continue; /* product schemas are not test cases */
        if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", path,
                             ends_with(path, "/") ? "" : "/", e->d_name) >=
            sizeof sub) {
            cli_error("%s/%s: path too long", path, e->d_name);
            rc = -1;
        } else {
            rc = collect(l, sub, filter);
        }
    }
    closedir(d);
    return rc;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when the directory holds a *.lua file (then it is a plan directory). */
static int has_plans(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    if (!d)
        return 0;
    while (!found && (e = readdir(d)))
        found = e->d_name[0] != '.' && ends_with(e->d_name, ".lua");
    closedir(d);
    return found;
}

/* Prints each line of text indented. */
static int print_indented(const char *text)
{
    const char *p, *nl;
    for (p = text; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (printf("    %.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p) < 0)
            return -1;
        if (!nl)
            break;
    }
    return 0;
}

static int print_case(const test_args *a, tally *t, const char *path,
                      const char *plan, int passed, const char *report)
{
    if (passed)
        t->passed++;
    else
        t->failed++;
    if (!a->json)
        return printf("%s %s\n", passed ? "PASS" : "FAIL", path) < 0 ||
               (!passed && print_indented(report) != 0) ? -1 : 0;
    if (fputs(t->json_started ? ",\n{\"path\":" : "\n{\"path\":", stdout)
            == EOF || cli_json_string(stdout, path) != 0 ||
        fputs(",\"plan\":", stdout) == EOF ||
        cli_json_string(stdout, plan) != 0 ||
        printf(",\"passed\":%s,\"report\":", passed ? "true" : "false") < 0 ||
        cli_json_string(stdout, report) != 0 || putchar('}') == EOF)
        return -1;
    t->json_started = 1;
    return 0;
}

/* Runs one case file; -1 only for a write error or no memory. */
static int run_case(ratel_ctx *ctx, const test_args *a, tally *t,
                    const char *path)
{
    ratel_plan_test_result *r = NULL;
    char *json = NULL, *msg;
    size_t len;
    int rc;
    if (cli_read_file(path, &json, &len) != 0)
        return print_case(a, t, path, NULL, 0, "cannot read the case");
    rc = ratel_plan_test_run(&r, ctx, json, len, NULL);
    free(json);
    if (rc == RATEL_ENOMEM) {
        cli_error("%s: out of memory", path);
        return -1;
    }
    if (rc == RATEL_OK) {
        rc = print_case(a, t, path, ratel_plan_test_plan(r),
                        ratel_plan_test_passed(r), ratel_plan_test_report(r));
        ratel_plan_test_free(r);
        return rc;
    }
    len = strlen(ratel_ctx_errmsg(ctx)) + 64;
    if (!(msg = malloc(len))) {
        cli_error("%s: out of memory", path);
        return -1;
    }
    snprintf(msg, len, "%s:\n%s", rc == RATEL_EDECL ? "invalid case"
             : ratel_strerror(rc), ratel_ctx_errmsg(ctx));
    rc = print_case(a, t, path, NULL, 0, msg);
    free(msg);
    return rc;
}

/* Runs the cases under one DIR with its plans. Returns 0, or -1 when the
 * engine could not be opened or on a write error. */
static int run_dir(const test_args *a, tally *t, const char *dir)
{
    const char *plans = a->plans ? a->plans
                        : has_plans(dir) ? dir : cli_plans_path(NULL);
    ratel_engine *eng = NULL;
    ratel_ctx *ctx = NULL;
    case_list l = {NULL, 0, 0};
    size_t i;
    int rc;
    if (collect(&l, dir, a->filter) != 0) {
        free_list(&l);
        return -1;
    }
    qsort(l.paths, l.n, sizeof *l.paths, cmp_path);
    if (cli_engine_load(&eng, cli_tables_path(a->tables), plans) != 0) {
        free_list(&l);
        return -1;
    }
    if ((rc = ratel_ctx_new(&ctx, eng)) != RATEL_OK)
        cli_error("cannot create a context: %s", ratel_strerror(rc));
    for (i = 0; rc == RATEL_OK && i < l.n; i++)
        rc = run_case(ctx, a, t, l.paths[i]);
    ratel_ctx_free(ctx);
    ratel_engine_free(eng);
    free_list(&l);
    return rc == RATEL_OK ? 0 : -1;
}

static int parse_args(int argc, char **argv, test_args *a, int *npos)
{
    int rc;
    const cli_opt opts[] = {
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
        {"filter", 0, 1, &a->filter, NULL},
        {"format", 0, 1, &a->format, NULL},
    };
    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "test", cmd_test_usage, npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (*npos < 1)
        return cli_usage_error("test", "missing DIR");
    if (a->format && strcmp(a->format, "json") != 0 &&
        strcmp(a->format, "text") != 0)
        return cli_usage_error("test", "unknown format '%s' (text, json)",
                               a->format);
    a->json = a->format && strcmp(a->format, "json") == 0;
    return -1; /* go on */
}

int cmd_test(int argc, char **argv)
{
    test_args a;
    tally t = {0, 0, 0};
    int i, npos = 0, status, failed = 0;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a, &npos)) >= 0)
        return status;
    if (a.json && fputs("{\"format_version\":1,\"cases\":[", stdout) == EOF)
        return cli_finish_stdout(CLI_EXIT_FAIL);
    for (i = 0; i < npos; i++)
        failed |= run_dir(&a, &t, argv[i]) != 0;
    if (a.json)
        printf("\n],\"passed\":%zu,\"failed\":%zu}\n", t.passed, t.failed);
    else
        printf("plan tests: %zu passed, %zu failed\n", t.passed, t.failed);
    if (!failed && t.passed + t.failed == 0) {
        cli_error("no test cases (*.json) found%s", a.filter
                  ? " matching --filter" : "");
        failed = 1;
    }
    return cli_finish_stdout(failed || t.failed ? CLI_EXIT_FAIL
                                                : CLI_EXIT_OK);
}
