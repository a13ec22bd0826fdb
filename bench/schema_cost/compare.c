/* compare.c - the schema-driven reader and quote against the build before
 * product schemas (98d1b17): one program, compiled against either API
 * (the new one is told by RATEL_ENGINE_OPTIONS_VERSION >= 2), timing
 *   parse   ratel_decl_parse of one declaration file
 *   quote   ratel_rate of it, parsed once (worksheet on, or off with -n)
 * N times each, from the repository root of its build; and
 *   json    the quote JSON (worksheet on) of each of the first N lines of
 *           a book (JSON Lines), one line each, for check_outputs.py. Each measure runs
 * in a function of its own (timed_parse, timed_quote) so that callgrind
 * can count only its instructions:
 *   valgrind --tool=callgrind --toggle-collect=timed_parse compare parse F N
 * COMPARE_PLANS names another plan directory or file (default
 * rating-scripts), read with the schemas of rating-scripts/schemas (for
 * sme_cyber_98d1b17.lua), COMPARE_TABLES another table database (default
 * tables/ratel.db). Not part of `make`; run.py builds and runs it
 * (README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ratel.h"

#if RATEL_ENGINE_OPTIONS_VERSION >= 2
#define NEW_API 1
#else
#define NEW_API 0
#endif

static const char *plans(void)
{
    const char *p = getenv("COMPARE_PLANS");
    return p && *p ? p : "rating-scripts";
}

static const char *tables(void)
{
    const char *p = getenv("COMPARE_TABLES");
    return p && *p ? p : "tables/ratel.db";
}

/* Opens the engine on tables() and plans(). */
static int open_engine(ratel_engine **e)
{
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
#if NEW_API
    o.schemas_path = "rating-scripts/schemas";
#endif
    return ratel_engine_open(e, tables(), plans(), &o);
}

/* Seconds of CPU time of the process (one thread): on a shared VM the
 * minutes another tenant takes are not counted, as wall time counts
 * them. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *d;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    d = malloc((size_t)n + 1);
    if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    if (d) {
        d[n] = 0;
        *len = (size_t)n;
    }
    return d;
}

static int parse(ratel_decl **d, ratel_ctx *c, const char *json, size_t len)
{
#if NEW_API
    return ratel_decl_parse(d, c, NULL, json, len);
#else
    return ratel_decl_parse(d, c, json, len);
#endif
}

static int rate(ratel_quote **q, ratel_ctx *c, ratel_decl *d, unsigned flags)
{
#if NEW_API
    ratel_rate_options o;
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = "sme-cyber";
    o.flags = flags;
    return ratel_rate(q, c, d, &o);
#else
    return ratel_rate(q, c, d, "sme-cyber", flags);
#endif
}

__attribute__((noinline)) void timed_parse(ratel_ctx *c, const char *json,
                                           size_t len, long n);
__attribute__((noinline)) void timed_parse(ratel_ctx *c, const char *json,
                                           size_t len, long n)
{
    long i;
    for (i = 0; i < n; i++) {
        ratel_decl *d = NULL;
        if (parse(&d, c, json, len)) {
            fprintf(stderr, "compare: %s\n", ratel_ctx_errmsg(c));
            exit(1);
        }
        ratel_decl_free(d);
    }
}

__attribute__((noinline)) void timed_quote(ratel_ctx *c, ratel_decl *d,
                                           unsigned flags, long n);
__attribute__((noinline)) void timed_quote(ratel_ctx *c, ratel_decl *d,
                                           unsigned flags, long n)
{
    long i;
    for (i = 0; i < n; i++) {
        ratel_quote *q = NULL;
        if (rate(&q, c, d, flags)) {
            fprintf(stderr, "compare: %s\n", ratel_ctx_errmsg(c));
            exit(1);
        }
        ratel_quote_free(q);
    }
}

static int quote_json(ratel_quote *q, char **out, size_t *len)
{
#if NEW_API
    return ratel_quote_json(q, out, len);
#else
    const char *text = ratel_quote_json(q, len);
    *out = (char *)text;
    return text ? 0 : -1;
#endif
}

/* The quote JSON of each of the first n lines of book `file`, newlines
 * (formatting only: JSON strings escape theirs) left out. */
static int quotes(ratel_ctx *c, const char *file, long n, unsigned flags)
{
    FILE *f = fopen(file, "rb");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long i;
    if (!f)
        return 1;
    for (i = 0; i < n && (got = getline(&line, &cap, f)) > 0; i++) {
        ratel_decl *d = NULL;
        ratel_quote *q = NULL;
        char *text = NULL;
        size_t len = 0, k;
        if (parse(&d, c, line, (size_t)got) || rate(&q, c, d, flags) ||
            quote_json(q, &text, &len)) {
            printf("error: %s\n", ratel_ctx_errmsg(c));
        } else {
            for (k = 0; k < len; k++)
                if (text[k] != '\n')
                    putchar(text[k]);
            putchar('\n');
        }
#if NEW_API
        ratel_free(text);
#endif
        ratel_quote_free(q);
        ratel_decl_free(d);
    }
    free(line);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d = NULL;
    const char *what, *file;
    unsigned flags = 0;
    char *json;
    size_t len;
    long n;
    double t0, t;
    int a = 1, i;
    if (argc > a && strcmp(argv[a], "-n") == 0) {
        flags = RATEL_RATE_NO_WORKSHEET;
        a++;
    }
    if (argc != a + 3) {
        fprintf(stderr, "usage: compare [-n] parse|quote|json FILE N\n");
        return 2;
    }
    what = argv[a];
    file = argv[a + 1];
    n = atol(argv[a + 2]);
    if (strcmp(what, "json") == 0) {
        int rc;
        if (open_engine(&e) || ratel_ctx_new(&c, e))
            return 1;
        rc = quotes(c, file, n, flags);
        ratel_ctx_free(c);
        ratel_engine_free(e);
        return rc;
    }
    if (!(json = slurp(file, &len)) ||
        open_engine(&e) ||
        ratel_ctx_new(&c, e) || parse(&d, c, json, len)) {
        fprintf(stderr, "compare: cannot open the engine or read %s\n", file);
        return 1;
    }
    /* warm up (outside the timed functions, so that callgrind does not
     * count it): the plan's state, the allocator, the caches */
    for (i = 0; i < 100; i++) {
        ratel_decl *w = NULL;
        ratel_quote *q = NULL;
        if (parse(&w, c, json, len) || rate(&q, c, w, flags))
            return 1;
        ratel_quote_free(q);
        ratel_decl_free(w);
    }
    t0 = now();
    if (strcmp(what, "parse") == 0)
        timed_parse(c, json, len, n);
    else
        timed_quote(c, d, flags, n);
    t = now() - t0;
    printf("%s %s%s: %ld in %.3f s of CPU time, %.3f us each\n",
           NEW_API ? "schemas" : "old", what,
           flags ? " (no worksheet)" : "", n, t, 1e6 * t / (double)n);
    ratel_decl_free(d);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    free(json);
    return 0;
}
