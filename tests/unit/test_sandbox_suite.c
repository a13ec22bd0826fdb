/* test_sandbox_suite.c - the adversarial plan suite: every hostile plan
 * tests/sandbox/NN_name.lua, plus inputs generated here (huge or deeply nested
 * sources, binary chunks), is loaded and rated, and its outcome compared
 * with the `-- expect:` line at the top of the file.
 *
 * Header lines of a suite script (comments before the code):
 *   -- expect: ALT [| ALT ...]     (required, first line)
 *        ALT is one of   ok
 *                        script "needle"   RATEL_ESCRIPT, message has needle
 *                        limit "needle"    RATEL_ELIMIT
 *                        result "needle"   RATEL_ERESULT
 *                        load "needle"     ratel_engine_open fails
 *   -- max-seconds: N              a quote (or the load) slower than N s
 *                                  fails the case
 *   -- locale: NAME                the child calls setlocale(LC_ALL, NAME)
 *                                  first (de_DE.UTF-8 is built by the
 *                                  runner with localedef into LOCPATH)
 *   -- limits: I M T               the engine's max_instructions,
 *                                  max_memory and max_milliseconds for
 *                                  the case (0: off); default 1000000,
 *                                  8388608, 1000
 *
 * Each case runs in two fresh processes (fork + exec of this binary):
 * one on the main thread, one in a pthread with a 256 KiB stack. Each
 * child arms alarm(CASE_TIMEOUT), so a hang ends as SIGALRM and a crash
 * as a signal (or an ASan report): both are reported, and the run goes on.
 * In a child: open an engine on the single plan file (max_instructions
 * 1e6, max_memory 8 MiB, 1000 ms, or the case's -- limits); rate
 * neutral, neutral, full, neutral on one
 * context, each checked against the expectation; for an `ok` case also
 * parse the quote JSON (yajl: valid JSON and UTF-8), check that every
 * neutral quote is byte-identical (same context, a second engine, and the
 * other process); then open a fresh engine on rating-scripts/sme_cyber.lua
 * and check it still rates. Wall times are printed, never asserted except
 * through `-- max-seconds`, a bound to catch a limit that does not hold.
 *
 * The run is quiet: a line per failing case (and its children's output),
 * then the count. RATEL_SUITE_VERBOSE=1 prints every child's output.
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <yajl/yajl_tree.h>

#define SUITE_DIR "tests/sandbox"
#define GOOD_PLAN "rating-scripts/sme_cyber.lua"
#define FULL_DECL "examples/full.json"
#define CASE_TIMEOUT 10         /* seconds per child */
#define THREAD_STACK (256 * 1024)
#define MAX_INSTRUCTIONS 1000000u
#define MAX_MEMORY ((size_t)8 << 20)

/* ---- expectations ---------------------------------------------------- */

enum { EX_OK, EX_SCRIPT, EX_LIMIT, EX_RESULT, EX_LOAD };

typedef struct expect_alt {
    int kind;
    char needle[256];
} expect_alt;

typedef struct expect {
    expect_alt alt[4];
    int n;
} expect;

static const char *const kind_names[] = {"ok", "script", "limit", "result",
                                         "load"};

/* Parses `ok | script "x" | ...`; 0 on success. */
static int parse_expect(const char *s, expect *e)
{
    memset(e, 0, sizeof *e);
    for (;;) {
        expect_alt *a;
        size_t i, len;
        while (*s == ' ' || *s == '\t')
            s++;
        if (e->n == 4)
            return -1;
        a = &e->alt[e->n];
        for (i = 0; i < 5; i++) {
            len = strlen(kind_names[i]);
            if (strncmp(s, kind_names[i], len) == 0 &&
                (s[len] == ' ' || s[len] == '\0' || s[len] == '|' ||
                 s[len] == '\n' || s[len] == '\r'))
                break;
        }
        if (i == 5)
            return -1;
        a->kind = (int)i;
        s += len;
        while (*s == ' ')
            s++;
        if (a->kind != EX_OK) {
            const char *end;
            if (*s != '"' || !(end = strchr(s + 1, '"')) ||
                (size_t)(end - s - 1) >= sizeof a->needle)
                return -1;
            memcpy(a->needle, s + 1, (size_t)(end - s - 1));
            s = end + 1;
        }
        e->n++;
        while (*s == ' ')
            s++;
        if (*s != '|')
            return 0;
        s++;
    }
}

static int code_kind(int rc)
{
    switch (rc) {
    case RATEL_OK: return EX_OK;
    case RATEL_ESCRIPT: return EX_SCRIPT;
    case RATEL_ELIMIT: return EX_LIMIT;
    case RATEL_ERESULT: return EX_RESULT;
    default: return -1;
    }
}

/* Does a rating outcome (rc, msg) or a load failure match? */
static int matches(const expect *e, int is_load, int rc, const char *msg)
{
    int i;
    for (i = 0; i < e->n; i++) {
        const expect_alt *a = &e->alt[i];
        if (is_load) {
            if (a->kind == EX_LOAD && rc != RATEL_OK &&
                strstr(msg, a->needle))
                return 1;
        } else if (a->kind == code_kind(rc) &&
                   (a->kind == EX_OK || strstr(msg, a->needle))) {
            return 1;
        }
    }
    return 0;
}

static int expects_load(const expect *e)
{
    int i;
    for (i = 0; i < e->n; i++)
        if (e->alt[i].kind == EX_LOAD)
            return 1;
    return 0;
}

static int expects_ok(const expect *e)
{
    int i;
    for (i = 0; i < e->n; i++)
        if (e->alt[i].kind == EX_OK)
            return 1;
    return 0;
}

/* ---- the child: one case in one process ------------------------------ */

typedef struct child_args {
    const char *plan;
    expect ex;
    double max_seconds;
    ratel_engine_options opts;
    int failed;
} child_args;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Prints a message on one line, cut to a readable size. */
static void print_msg(const char *msg)
{
    size_t i, n = strlen(msg);
    putchar('"');
    for (i = 0; i < n && i < 240; i++) {
        unsigned char c = (unsigned char)msg[i];
        putchar(c < 0x20 || c >= 0x7f ? '?' : c);
    }
    if (n > 240)
        printf("...(%zu bytes)", n);
    putchar('"');
}

#define CFAIL(a, ...)                                                       \
    do {                                                                    \
        printf("FAIL ");                                                    \
        printf(__VA_ARGS__);                                                \
        printf("\n");                                                       \
        (a)->failed = 1;                                                    \
    } while (0)

static void check_slow(child_args *a, const char *what, double ms)
{
    if (a->max_seconds > 0 && ms > a->max_seconds * 1e3)
        CFAIL(a, "%s took %.0f ms (more than %g s)", what, ms,
              a->max_seconds);
}

/* Valid JSON (and UTF-8, which yajl checks by default)? */
static int json_ok(const char *json, char *err, size_t errlen)
{
    yajl_val v = yajl_tree_parse(json, err, errlen);
    if (!v)
        return 0;
    yajl_tree_free(v);
    return 1;
}

/* The suite's limits, or a case's `-- limits: I M T`. */
static ratel_engine_options suite_options(const char *limits)
{
    ratel_engine_options o = test_engine_options();
    unsigned long long instructions = MAX_INSTRUCTIONS;
    unsigned long memory = MAX_MEMORY, ms = o.max_milliseconds;
    if (limits && strcmp(limits, "-") != 0)
        sscanf(limits, "%llu %lu %lu", &instructions, &memory, &ms);
    o.max_instructions = instructions;
    o.max_memory = memory;
    o.max_milliseconds = (uint32_t)ms;
    return o;
}

static void check_good_engine(child_args *a, const char *neutral,
                              size_t nlen)
{
    ratel_engine_options o = suite_options(NULL);
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_quote *q = NULL;
    int rc = ratel_engine_open(&e, "tables/ratel.db", GOOD_PLAN, &o);
    if (rc != RATEL_OK) {
        CFAIL(a, "good engine does not open: %s", ratel_engine_errmsg(e));
    } else if (ratel_ctx_new(&c, e) != RATEL_OK) {
        CFAIL(a, "good engine: no context");
    } else if ((rc = test_rate_json(&q, c, neutral, nlen, NULL, 0)) !=
               RATEL_OK) {
        CFAIL(a, "good engine does not rate: %d %s", rc,
              ratel_ctx_errmsg(c));
    } else {
        printf("GOOD total=%lld\n",
               (long long)ratel_quote_total_premium(q));
    }
    ratel_quote_free(q);
    ratel_ctx_free(c);
    ratel_engine_free(e);
}

static void run_case(child_args *a)
{
    ratel_engine_options o = a->opts;
    ratel_engine *e = NULL, *e2 = NULL;
    ratel_ctx *c = NULL, *c2 = NULL;
    size_t nlen = 0, flen = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &nlen);
    char *full = test_slurp(FULL_DECL, &flen);
    uint64_t digest = 0;
    int have_digest = 0, rc, i;
    double t0, ms;

    if (!neutral || !full) {
        CFAIL(a, "cannot read the example declarations");
        goto out;
    }
    t0 = now_ms();
    rc = ratel_engine_open(&e, "tables/ratel.db", a->plan, &o);
    ms = now_ms() - t0;
    printf("LOAD rc=%d (%s) %.1f ms ", rc, ratel_strerror(rc), ms);
    print_msg(rc ? ratel_engine_errmsg(e) : "");
    printf("\n");
    check_slow(a, "load", ms);
    if (rc != RATEL_OK || (expects_load(&a->ex) && !expects_ok(&a->ex))) {
        if (!matches(&a->ex, 1, rc, rc ? ratel_engine_errmsg(e) : ""))
            CFAIL(a, "load outcome rc=%d does not match the expectation",
                  rc);
        goto good;
    }
    if (ratel_ctx_new(&c, e) != RATEL_OK) {
        CFAIL(a, "no context");
        goto good;
    }
    /* neutral, neutral, full, neutral: the same context throughout */
    for (i = 0; i < 4; i++) {
        int is_full = i == 2;
        ratel_quote *q = NULL;
        const char *msg;
        char what[32];
        t0 = now_ms();
        rc = test_rate_json(&q, c, is_full ? full : neutral,
                             is_full ? flen : nlen, NULL, 0);
        ms = now_ms() - t0;
        msg = rc ? ratel_ctx_errmsg(c) : "";
        printf("RATE %d %s rc=%d (%s) %.1f ms line=%d ", i + 1,
               is_full ? "full" : "neutral", rc, ratel_strerror(rc), ms,
               rc ? ratel_ctx_errline(c) : 0);
        print_msg(msg);
        printf("\n");
        snprintf(what, sizeof what, "quote %d", i + 1);
        check_slow(a, what, ms);
        if (a->failed && a->max_seconds > 0 && ms > a->max_seconds * 1e3) {
            ratel_quote_free(q);
            printf("NOTE remaining quotes skipped (too slow)\n");
            break;
        }
        if (!matches(&a->ex, 0, rc, msg))
            CFAIL(a, "quote %d: rc=%d does not match the expectation",
                  i + 1, rc);
        if ((rc == RATEL_OK) != (q != NULL))
            CFAIL(a, "quote %d: rc=%d but quote %p", i + 1, rc, (void *)q);
        if (q) {
            size_t jlen = 0;
            char *json = NULL;
            char err[256] = "";
            if (ratel_quote_json(q, &json, &jlen) != RATEL_OK) {
                CFAIL(a, "quote %d: no JSON", i + 1);
            } else if (jlen > ((size_t)16 << 20)) {
                printf("NOTE quote %d: JSON of %zu bytes not parsed\n",
                       i + 1, jlen);
            } else if (!json_ok(json, err, sizeof err)) {
                CFAIL(a, "quote %d: the quote JSON is invalid: %.120s",
                      i + 1, err);
            } else if (!is_full) {
                uint64_t h = fnv1a(json, jlen);
                if (have_digest && h != digest)
                    CFAIL(a, "quote %d: neutral quote differs from the "
                          "first one (non-deterministic)", i + 1);
                digest = h;
                have_digest = 1;
            }
            printf("QUOTE %d total=%lld steps=%zu json=%zu bytes\n", i + 1,
                   (long long)ratel_quote_total_premium(q),
                   ratel_quote_step_count(q), jlen);
            ratel_free(json);
        }
        ratel_quote_free(q);
    }
    /* an ok case: a second engine must give the same quote */
    if (have_digest) {
        ratel_quote *q = NULL;
        if (ratel_engine_open(&e2, "tables/ratel.db", a->plan, &o) ||
            ratel_ctx_new(&c2, e2) ||
            test_rate_json(&q, c2, neutral, nlen, NULL, 0)) {
            CFAIL(a, "second engine: %s",
                  c2 ? ratel_ctx_errmsg(c2) : ratel_engine_errmsg(e2));
        } else {
            size_t jlen = 0;
            char *json = NULL;
            if (ratel_quote_json(q, &json, &jlen) != RATEL_OK ||
                fnv1a(json, jlen) != digest)
                CFAIL(a, "second engine: a different neutral quote "
                      "(non-deterministic)");
            ratel_free(json);
        }
        ratel_quote_free(q);
        printf("DIGEST %016llx\n", (unsigned long long)digest);
    } else if (expects_ok(&a->ex)) {
        CFAIL(a, "expected a quote, got none");
    }
good:
    ratel_ctx_free(c2);
    ratel_engine_free(e2);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    check_good_engine(a, neutral, nlen);
out:
    free(neutral);
    free(full);
}

static void *thread_main(void *p)
{
    run_case(p);
    return NULL;
}

/* argv: --child MODE PLAN EXPECT MAXSEC LOCALE LIMITS */
static int child_main(int argc, char **argv)
{
    child_args a;
    struct rusage ru;
    memset(&a, 0, sizeof a);
    if (argc < 8 || parse_expect(argv[4], &a.ex)) {
        printf("FAIL bad child arguments\n");
        return 2;
    }
    a.plan = argv[3];
    a.max_seconds = atof(argv[5]);
    a.opts = suite_options(argv[7]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* RATEL_SUITE_TIMEOUT=N: a longer alarm, to time a slow case */
    alarm(getenv("RATEL_SUITE_TIMEOUT")
              ? (unsigned)atoi(getenv("RATEL_SUITE_TIMEOUT"))
              : CASE_TIMEOUT);
    if (strcmp(argv[6], "-") != 0) {
        if (!setlocale(LC_ALL, argv[6]))
            printf("NOTE locale %s not available; C locale used\n",
                   argv[6]);
        else
            printf("NOTE process locale %s (decimal point '%s')\n",
                   argv[6], localeconv()->decimal_point);
    }
    if (strcmp(argv[2], "thread") == 0) {
        pthread_attr_t attr;
        pthread_t th;
        pthread_attr_init(&attr);
        if (pthread_attr_setstacksize(&attr, THREAD_STACK) ||
            pthread_create(&th, &attr, thread_main, &a)) {
            printf("FAIL cannot start a thread with a 256 KiB stack\n");
            return 2;
        }
        pthread_join(th, NULL);
        pthread_attr_destroy(&attr);
    } else {
        run_case(&a);
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("MAXRSS %ld KiB\n", ru.ru_maxrss);
    printf("VERDICT %s\n", a.failed ? "FAIL" : "PASS");
    return a.failed ? 1 : 0;
}

/* ---- the parent: cases, children, verdicts --------------------------- */

typedef struct suite_case {
    char name[128];
    char path[512];
    char expect_text[512];
    double max_seconds;
    char locale[64];
    char limits[64];
    int generated;
} suite_case;

static suite_case *cases;
static size_t ncases;
static char workdir[64];
static char exe_path[1024];

typedef struct summary {
    char name[128];
    char verdict[1100];
    double max_ms;
} summary;
static summary *summaries;

static suite_case *add_case(void)
{
    suite_case *nc = realloc(cases, (ncases + 1) * sizeof *nc);
    if (!nc)
        abort();
    cases = nc;
    memset(&cases[ncases], 0, sizeof *cases);
    cases[ncases].locale[0] = '-';
    cases[ncases].limits[0] = '-';
    return &cases[ncases++];
}

/* Reads the header comments of a suite script. */
static int read_header(suite_case *c)
{
    FILE *f = fopen(c->path, "rb");
    char line[1024];
    int first = 1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strncmp(line, "--", 2) != 0)
            break;
        if (strncmp(line, "-- expect:", 10) == 0)
            snprintf(c->expect_text, sizeof c->expect_text, "%.500s",
                     line + 10);
        else if (first)
            break; /* the first line must be the expectation */
        else if (strncmp(line, "-- max-seconds:", 15) == 0)
            c->max_seconds = atof(line + 15);
        else if (strncmp(line, "-- locale:", 10) == 0)
            sscanf(line + 10, " %63s", c->locale);
        else if (strncmp(line, "-- limits:", 10) == 0)
            snprintf(c->limits, sizeof c->limits, "%.60s", line + 10);
        first = 0;
    }
    fclose(f);
    return c->expect_text[0] ? 0 : -1;
}

static int cmp_case(const void *a, const void *b)
{
    return strcmp(((const suite_case *)a)->name,
                  ((const suite_case *)b)->name);
}

static void load_scripts(void)
{
    DIR *d = opendir(SUITE_DIR);
    struct dirent *de;
    if (!d) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n",
                SUITE_DIR);
        exit(2);
    }
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        suite_case *c;
        if (n < 5 || strcmp(de->d_name + n - 4, ".lua") != 0 ||
            de->d_name[0] == '.')
            continue;
        c = add_case();
        snprintf(c->name, sizeof c->name, "%.*s", (int)(n - 4), de->d_name);
        snprintf(c->path, sizeof c->path, "%s/%s", SUITE_DIR, de->d_name);
        if (read_header(c)) {
            fprintf(stderr, "%s: no '-- expect:' first line\n", c->path);
            snprintf(c->expect_text, sizeof c->expect_text,
                     " load \"(missing expect line)\"");
        }
    }
    closedir(d);
    qsort(cases, ncases, sizeof *cases, cmp_case);
}

#define GEN_HEAD                                                            \
    "plan = { id = '%s', insurer = 'Adversary', product = 'Sandbox suite'," \
    " version = '1', effective_date = '2020-01-01', tables = { "            \
    "'sme_terms' } }\n"
#define GEN_RATE                                                            \
    "function rate(d) cover('x', 1) set('x', 'p', 1000) combine('c') "      \
    "round('policy', 'r', 10) end\n"

/* Writes a generated plan: head, `reps` copies of `open`, `middle`, `reps`
 * copies of `close`, then rate(). */
static void gen_plan(const char *name, const char *expect_text,
                     const char *before, const char *open, size_t reps,
                     const char *middle, const char *close)
{
    suite_case *c = add_case();
    FILE *f;
    size_t i;
    snprintf(c->name, sizeof c->name, "gen_%s", name);
    snprintf(c->path, sizeof c->path, "%s/gen_%s.lua", workdir, name);
    snprintf(c->expect_text, sizeof c->expect_text, "%.500s", expect_text);
    c->generated = 1;
    f = fopen(c->path, "wb");
    if (!f)
        abort();
    fprintf(f, GEN_HEAD, c->name);
    fputs(before, f);
    for (i = 0; i < reps; i++)
        fputs(open, f);
    fputs(middle, f);
    for (i = 0; i < reps; i++)
        fputs(close, f);
    fputs("\n" GEN_RATE, f);
    fclose(f);
}

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    return fwrite(p, 1, sz, ud) == sz ? 0 : 1;
}

/* A genuine precompiled plan (bytecode from this Lua), and a file that
 * merely starts with the signature. */
static void gen_bytecode(void)
{
    suite_case *c = add_case();
    lua_State *L = luaL_newstate();
    char src[1024];
    FILE *f;
    snprintf(c->name, sizeof c->name, "gen_bytecode_plan");
    snprintf(c->path, sizeof c->path, "%s/gen_bytecode_plan.lua", workdir);
    snprintf(c->expect_text, sizeof c->expect_text, "load \"binary\"");
    c->generated = 1;
    snprintf(src, sizeof src, GEN_HEAD GEN_RATE, c->name);
    f = fopen(c->path, "wb");
    if (!L || !f || luaL_loadstring(L, src) != LUA_OK ||
        lua_dump(L, dump_writer, f, 0) != 0)
        abort();
    fclose(f);
    lua_close(L);

    c = add_case();
    snprintf(c->name, sizeof c->name, "gen_signature_prefix");
    snprintf(c->path, sizeof c->path, "%s/gen_signature_prefix.lua",
             workdir);
    snprintf(c->expect_text, sizeof c->expect_text, "load \"binary\"");
    c->generated = 1;
    f = fopen(c->path, "wb");
    if (!f)
        abort();
    fputs("\033Lua\x54", f);
    fprintf(f, "\n" GEN_HEAD GEN_RATE, c->name);
    fclose(f);
}

static void generate_inputs(void)
{
    char cmd[512];
    /* > 4 MiB: refused before compiling */
    gen_plan("huge_source", "load \"larger than 4194304 bytes\"", "",
             "-- padding padding padding padding padding padding padding\n",
             80000, "", "");
    /* a 3 MB string literal: under the source's size cap, over the
     * string cap (refused at load, naming it) */
    gen_plan("big_literal", "load \"a string longer than 1048576 bytes\"",
             "local s = \"",
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
             "xxxx", 48000, "\"\n", "");
    /* deep nesting: the parser must refuse it without running out of C
     * stack, also in a 256 KiB thread */
    gen_plan("nested_parens", "load \"overflow\"", "local x = ", "(", 300000,
             "1", ")");
    gen_plan("nested_braces", "load \"overflow\"", "local x = ", "{", 300000,
             "", "}");
    gen_plan("nested_blocks", "load \"overflow\"", "", "do ", 100000, "",
             " end");
    gen_plan("nested_functions", "load \"overflow\"", "local f = ",
             "function() return ", 50000, "1", " end");
    gen_plan("unary_chain", "load \"overflow\"", "local x = ", "- ", 300000,
             "1", "");
    gen_plan("not_chain", "load \"overflow\"", "local x = ", "not ", 200000,
             "1", "");
    gen_plan("concat_chain", "load \"overflow\"", "local x = 'a'", " .. 'a'",
             200000, "", "");
    gen_plan("nested_if", "load \"overflow\"", "", "if true then ", 100000,
             "", " end");
    gen_plan("nested_index_call", "load \"overflow\"", "local x = ", "f(",
             200000, "", ")");
    /* raw NUL bytes in a comment of the source */
    gen_plan("nul_in_source", "ok", "-- a comment with a raw NUL: \"", "",
             0, "\\0\"\n", "");
    {
        /* make the comment hold a real NUL byte */
        suite_case *c = &cases[ncases - 1];
        size_t len;
        char *text = test_slurp(c->path, &len), *p;
        FILE *f;
        if (!text || !(p = strstr(text, "\\0\"")))
            abort();
        p[0] = '\0';
        memmove(p + 1, p + 2, len - (size_t)(p - text) - 1);
        f = fopen(c->path, "wb");
        fwrite(text, 1, len - 1, f);
        fclose(f);
        free(text);
    }
    gen_bytecode();
    /* a comma-decimal locale for the locale cases */
    snprintf(cmd, sizeof cmd,
             "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1",
             workdir);
    if (system(cmd) == 0)
        setenv("LOCPATH", workdir, 1);
    else
        fprintf(stderr, "note: localedef failed; locale cases run in C\n");
}

typedef struct child_run {
    pid_t pid;
    char out[600];
    int status;
} child_run;

static void spawn(const suite_case *c, const char *mode, child_run *r)
{
    char ms[32];
    snprintf(r->out, sizeof r->out, "%s/%s.%s.out", workdir, c->name, mode);
    snprintf(ms, sizeof ms, "%g", c->max_seconds);
    fflush(stdout);
    r->pid = fork();
    if (r->pid == 0) {
        int fd = open(r->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            _exit(3);
        dup2(fd, 1);
        dup2(fd, 2);
        execl(exe_path, exe_path, "--child", mode, c->path, c->expect_text,
              ms, c->locale, c->limits, (char *)NULL);
        _exit(4);
    }
}

static int verbose; /* RATEL_SUITE_VERBOSE: every child's output */

/* Reads a child's output; fills the verdict of one mode. Prints the
 * output when the child failed, or in verbose mode. */
static int judge(const suite_case *c, const char *mode, child_run *r,
                 char *verdict, size_t vlen, char *digest, double *max_ms)
{
    size_t len = 0;
    char *out = test_slurp(r->out, &len), *line, *save = NULL;
    int pass = 0, seen_verdict = 0, shown = 0;
    char why[400] = "";
    digest[0] = '\0';
    if (out) {
        for (line = strtok_r(out, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
            double ms;
            if (strncmp(line, "VERDICT ", 8) == 0) {
                seen_verdict = 1;
                pass = strcmp(line + 8, "PASS") == 0;
            } else if (strncmp(line, "DIGEST ", 7) == 0) {
                snprintf(digest, 40, "%s", line + 7);
            } else if (strncmp(line, "FAIL ", 5) == 0 && !why[0]) {
                snprintf(why, sizeof why, "%s", line + 5);
            }
            if ((strncmp(line, "RATE ", 5) == 0 ||
                 strncmp(line, "LOAD ", 5) == 0)) {
                const char *p = strstr(line, ") ");
                if (p && sscanf(p + 2, "%lf ms", &ms) == 1 && ms > *max_ms)
                    *max_ms = ms;
            }
        }
        free(out);
    }
    if (WIFSIGNALED(r->status) && WTERMSIG(r->status) == SIGALRM)
        snprintf(verdict, vlen, "%s: HANG (killed by alarm after %s s)",
                 mode, getenv("RATEL_SUITE_TIMEOUT")
                           ? getenv("RATEL_SUITE_TIMEOUT") : "10");
    else if (WIFSIGNALED(r->status))
        snprintf(verdict, vlen, "%s: CRASH (signal %d, %s)", mode,
                 WTERMSIG(r->status), strsignal(WTERMSIG(r->status)));
    else if (!seen_verdict)
        snprintf(verdict, vlen, "%s: CRASH (exit %d without a verdict; "
                 "sanitizer report above)", mode,
                 WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1);
    else if (!pass)
        snprintf(verdict, vlen, "%s: %s", mode, why);
    else
        verdict[0] = '\0';
    if ((verdict[0] || verbose) && (out = test_slurp(r->out, &len))) {
        for (line = strtok_r(out, "\n", &save); line && shown < 60;
             line = strtok_r(NULL, "\n", &save), shown++)
            printf("  %s [%s] | %s\n", c->name, mode, line);
        free(out);
    }
    return verdict[0] == '\0';
}

/* Runs a case in its two children; returns 1 when both pass. */
static int run_one_case(const suite_case *c)
{
    summary *s = &summaries[c - cases];
    child_run runs[2];
    static const char *const modes[2] = {"main", "thread"};
    char verdict[2][512], digest[2][48];
    int ok[2], i;
    memset(runs, 0, sizeof runs);
    for (i = 0; i < 2; i++)
        spawn(c, modes[i], &runs[i]);
    for (i = 0; i < 2; i++)
        while (waitpid(runs[i].pid, &runs[i].status, 0) < 0 && errno == EINTR)
            ;
    snprintf(s->name, sizeof s->name, "%s", c->name);
    for (i = 0; i < 2; i++)
        ok[i] = judge(c, modes[i], &runs[i], verdict[i], sizeof verdict[i],
                      digest[i], &s->max_ms);
    if (ok[0] && ok[1] && digest[0][0] && digest[1][0] &&
        strcmp(digest[0], digest[1]) != 0) {
        ok[0] = 0;
        snprintf(verdict[0], sizeof verdict[0], "the neutral quote differs "
                 "between two processes (%s vs %s)", digest[0], digest[1]);
    }
    if (ok[0] && ok[1]) {
        snprintf(s->verdict, sizeof s->verdict, "PASS");
        if (verbose)
            printf("%-34s %9.1f ms  PASS\n", s->name, s->max_ms);
        return 1;
    }
    snprintf(s->verdict, sizeof s->verdict, "FAIL %s%s%s", verdict[0],
             verdict[0][0] && verdict[1][0] ? " / " : "", verdict[1]);
    printf("FAIL %s (expect:%s): %s\n", c->name, c->expect_text,
           s->verdict + 5);
    return 0;
}

/* Runs every case (those whose names hold argv[1], if given); prints a
 * line per failure, then the count, and closes with cmocka's summary
 * lines, which tests/run-all.sh reads. */
int main(int argc, char **argv)
{
    size_t i, npass = 0;
    ssize_t n;
    if (argc > 1 && strcmp(argv[1], "--child") == 0)
        return child_main(argc, argv);
    verbose = getenv("RATEL_SUITE_VERBOSE") != NULL;
    n = readlink("/proc/self/exe", exe_path, sizeof exe_path - 1);
    if (n <= 0)
        return 2;
    exe_path[n] = '\0';
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_tmpdir(workdir);
    load_scripts();
    generate_inputs();
    if (argc > 1) { /* run only the cases whose names contain argv[1] */
        size_t k = 0;
        for (i = 0; i < ncases; i++)
            if (strstr(cases[i].name, argv[1]))
                cases[k++] = cases[i];
        ncases = k;
    }
    summaries = calloc(ncases ? ncases : 1, sizeof *summaries);
    if (!summaries)
        return 2;
    for (i = 0; i < ncases; i++)
        npass += (size_t)run_one_case(&cases[i]);
    printf("%zu of %zu cases pass\n", npass, ncases);
    printf("[==========] %zu test(s) run.\n", ncases);
    printf("[  PASSED  ] %zu test(s).\n", npass);
    if (npass < ncases) {
        printf("[  FAILED  ] %zu test(s), listed below:\n", ncases - npass);
        for (i = 0; i < ncases; i++)
            if (strcmp(summaries[i].verdict, "PASS") != 0)
                printf("[  FAILED  ] test_sandbox_suite__%s\n",
                       summaries[i].name);
    }
    test_rmdir(workdir);
    free(summaries);
    free(cases);
    return npass == ncases ? 0 : 1;
}
