/* cmd_try.c - `ratel try`: rate declarations with one plan file straight
 * from disk (no install, no table rebuild); with --watch, again whenever
 * the plan or a declaration changes. */
#include "cli.h"
#include "quote_print.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define WATCH_POLL_NS 300000000L /* 300 ms between two looks at the files */
#define WATCH_SETTLE_POLLS 10    /* wait at most this many polls for quiet */

void cmd_try_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " try PLAN.lua DECL.json... [options]\n"
          "\n"
          "Rates each declaration with the plan file PLAN.lua as it is on\n"
          "disk and prints, per declaration, its file name and the quote\n"
          "with its worksheet. A plan error is shown with the source lines\n"
          "around it.\n"
          "\n"
          "Options:\n"
          CLI_HELP_TABLES
          "  --plan-id ID         the plan id to rate with (default: the plan\n"
          "                       in PLAN.lua)\n"
          "  --format table|json  table (default): as 'quote --format table';\n"
          "                       json: one {\"file\", \"quote\"} object per\n"
          "                       declaration (quote null after an error)\n"
          "  --watch              after the first run, rate again whenever\n"
          "                       PLAN.lua or a declaration changes (checked\n"
          "                       every 300 ms); stop with Ctrl-C\n"
          "  -h, --help           show this help\n"
          "\n"
          "Environment: RATEL_WATCH_MAX_RUNS=N (a testing aid) makes --watch\n"
          "stop after N runs, with the status of the last one.\n"
          "\n"
          "Exit status: 0 every declaration produced a quote (or --watch was\n"
          "stopped by Ctrl-C), 1 otherwise, 2 a usage error.\n",
          out);
}

typedef struct try_args {
    const char *plan;
    const char *tables;
    const char *plan_id;
    const char *format;
    char **decls;
    int ndecls;
    int watch;
    int json;
} try_args;

static int parse_args(int argc, char **argv, try_args *a)
{
    int npos = 0, rc, i;
    const cli_opt opts[] = {
        {"tables", 0, 1, &a->tables, NULL},
        {"plan-id", 0, 1, &a->plan_id, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"watch", 0, 0, NULL, &a->watch},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "try", cmd_try_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos < 2)
        return cli_usage_error("try", npos == 0 ? "missing PLAN.lua"
                                                : "missing DECL.json");
    a->plan = argv[0];
    a->decls = argv + 1;
    a->ndecls = npos - 1;
    if (strcmp(a->plan, "-") == 0)
        return cli_usage_error("try", "PLAN.lua must be a file, not '-'");
    for (i = 0; a->watch && i < a->ndecls; i++)
        if (strcmp(a->decls[i], "-") == 0)
            return cli_usage_error("try", "--watch cannot read stdin ('-')");
    if (a->format == NULL || strcmp(a->format, "table") == 0)
        a->json = 0;
    else if (strcmp(a->format, "json") == 0)
        a->json = 1;
    else
        return cli_usage_error("try", "unknown format '%s' (table, json)",
                               a->format);
    return -1; /* go on */
}

/* ---- one run ---------------------------------------------------------- */

static int print_json_result(const char *name, const ratel_quote *q)
{
    size_t len = 0;
    char *json = NULL;
    int rc;

    if (q && ratel_quote_json(q, &json, &len) != RATEL_OK)
        return -1;
    rc = fputs("{\"format_version\":1,\"file\":", stdout) == EOF ||
         cli_json_string(stdout, name) != 0 ||
         fputs(",\"quote\":", stdout) == EOF ||
         (json != NULL ? fwrite(json, 1, len, stdout) != len
                       : fputs("null", stdout) == EOF) ||
         fputs("}\n", stdout) == EOF;
    ratel_free(json);
    return rc ? -1 : 0;
}

/* Rates one declaration and prints it; 1 when it produced a quote, 0 when
 * not, -1 on a write error. */
static int try_one(const try_args *a, ratel_engine *eng, int i)
{
    const char *name = cli_input_name(a->decls[i]);
    ratel_quote *q = NULL;
    int rated, rc;

    if (!a->json && printf("%s== %s\n", i > 0 ? "\n" : "", name) < 0)
        return -1;
    if (fflush(stdout) != 0) /* keep the order with errors on stderr */
        return -1;
    rated = plan_rate_file(&q, eng, a->decls[i], a->plan_id, a->plan) == 0;
    if (a->json)
        rc = print_json_result(name, q);
    else
        rc = q ? quote_print_table(q, 1) : 0;
    ratel_quote_free(q);
    return rc != 0 ? -1 : rated;
}

static int run_once(const try_args *a)
{
    ratel_engine *eng = NULL;
    int i, rated = 0, rc = 0;

    if (plan_engine_open(&eng, cli_tables_path(a->tables), a->plan) != 0)
        return CLI_EXIT_FAIL;
    for (i = 0; rc >= 0 && i < a->ndecls; i++)
        if ((rc = try_one(a, eng, i)) > 0)
            rated++;
    ratel_engine_free(eng);
    if (rc >= 0 && !a->json &&
        printf("\n== %d of %d declarations rated\n", rated, a->ndecls) < 0)
        rc = -1;
    if (rc < 0) {
        cli_error("error writing output");
        return CLI_EXIT_FAIL;
    }
    return cli_finish_stdout(rated == a->ndecls ? CLI_EXIT_OK
                                                : CLI_EXIT_FAIL);
}

/* ---- --watch ---------------------------------------------------------- */

typedef struct file_state {
    int exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    time_t sec;
    long nsec;
} file_state;

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* The plan (index 0) and every declaration, as stat sees them now. */
static void take_snapshot(const try_args *a, file_state *fs)
{
    int i;
    for (i = 0; i <= a->ndecls; i++) {
        struct stat st;
        const char *path = i == 0 ? a->plan : a->decls[i - 1];
        memset(&fs[i], 0, sizeof fs[i]);
        if (stat(path, &st) != 0)
            continue; /* missing for now: a change when it comes back */
        fs[i].exists = 1;
        fs[i].dev = st.st_dev;
        fs[i].ino = st.st_ino;
        fs[i].size = st.st_size;
        fs[i].sec = st.st_mtim.tv_sec;
        fs[i].nsec = st.st_mtim.tv_nsec;
    }
}

static int same_snapshot(const file_state *x, const file_state *y, int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (x[i].exists != y[i].exists || x[i].dev != y[i].dev ||
            x[i].ino != y[i].ino || x[i].size != y[i].size ||
            x[i].sec != y[i].sec || x[i].nsec != y[i].nsec)
            return 0;
    return 1;
}

/* Sleeps one poll interval; returns 1 when asked to stop. */
static int nap(void)
{
    struct timespec ts;
    ts.tv_sec = 0;
    ts.tv_nsec = WATCH_POLL_NS;
    if (!stop_requested)
        (void)nanosleep(&ts, NULL); /* EINTR: a signal, checked below */
    return stop_requested != 0;
}

/* Waits until a file changes and then stops changing (an editor may write
 * in steps). `cur` is the state of the last run; on return it is the new
 * one. Returns 1 when asked to stop. */
static int wait_for_change(const try_args *a, file_state *cur,
                           file_state *next)
{
    int n = a->ndecls + 1, k;

    do {
        if (nap())
            return 1;
        take_snapshot(a, next);
    } while (same_snapshot(cur, next, n));
    for (k = 0; k < WATCH_SETTLE_POLLS; k++) {
        memcpy(cur, next, (size_t)n * sizeof *cur);
        if (nap())
            return 1;
        take_snapshot(a, next);
        if (same_snapshot(cur, next, n))
            break;
    }
    memcpy(cur, next, (size_t)n * sizeof *cur);
    return 0;
}

static int print_separator(void)
{
    char when[16] = "??:??:??";
    time_t now = time(NULL);
    struct tm tm;

    if (now != (time_t)-1 && localtime_r(&now, &tm) != NULL &&
        strftime(when, sizeof when, "%H:%M:%S", &tm) == 0)
        snprintf(when, sizeof when, "??:??:??");
    if (printf("\n---- %s  changed, rating again ----\n\n", when) < 0)
        return -1;
    return fflush(stdout) == 0 ? 0 : -1;
}

/* RATEL_WATCH_MAX_RUNS: 0 when unset, -1 when not a positive number. */
static long max_runs(void)
{
    const char *v = getenv("RATEL_WATCH_MAX_RUNS");
    char *end;
    long n;

    if (v == NULL || *v == '\0')
        return 0;
    errno = 0;
    n = strtol(v, &end, 10);
    return (errno != 0 || *end != '\0' || n <= 0) ? -1 : n;
}

static int watch(const try_args *a)
{
    struct sigaction sa, old_int, old_term;
    file_state *cur, *next;
    long max = max_runs(), runs = 0;
    int status;

    if (max < 0)
        return cli_usage_error("try", "RATEL_WATCH_MAX_RUNS must be a "
                                      "positive number");
    cur = calloc((size_t)a->ndecls + 1, sizeof *cur);
    next = calloc((size_t)a->ndecls + 1, sizeof *next);
    if (cur == NULL || next == NULL) {
        free(cur);
        free(next);
        cli_error("out of memory");
        return CLI_EXIT_FAIL;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal; /* no SA_RESTART: wake nanosleep */
    if (sigemptyset(&sa.sa_mask) != 0 ||
        sigaction(SIGINT, &sa, &old_int) != 0 ||
        sigaction(SIGTERM, &sa, &old_term) != 0) {
        cli_error("cannot handle signals: %s", strerror(errno));
        free(cur);
        free(next);
        return CLI_EXIT_FAIL;
    }
    stop_requested = 0;
    take_snapshot(a, cur);
    status = run_once(a);
    for (runs = 1; !ferror(stdout) && (max == 0 || runs < max); runs++) {
        if (wait_for_change(a, cur, next) || print_separator() != 0)
            break;
        status = run_once(a);
    }
    (void)sigaction(SIGINT, &old_int, NULL);
    (void)sigaction(SIGTERM, &old_term, NULL);
    free(cur);
    free(next);
    if (ferror(stdout))
        return CLI_EXIT_FAIL;
    return stop_requested ? CLI_EXIT_OK : status;
}

int cmd_try(int argc, char **argv)
{
    try_args a;
    int status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    return a.watch ? watch(&a) : run_once(&a);
}
