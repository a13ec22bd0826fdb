/* test_golden.c - data-driven rating cases: every tests/golden/cases/X.json
 * is rated with the default plan and its output (quote JSON, or the error)
 * must equal tests/golden/expected/X.out byte for byte.
 * RATEL_GOLDEN_UPDATE=1 rewrites the expected files instead: review the
 * diff before committing it. */
#include <dirent.h>

#include "testutil.h"

#define CASES "tests/golden/cases"
#define EXPECTED "tests/golden/expected"
#define MAX_CASES 512

static ratel_engine *engine;
static ratel_ctx *ctx;
static char *names[MAX_CASES];

/* What the case produces: the quote JSON, or the error code and message
 * with each field error. */
static char *render(const char *json, size_t len)
{
    ratel_quote *q = NULL;
    int rc = test_rate_json(&q, ctx, json, len, "sme-cyber", 0);
    char *out, *text = NULL;
    size_t n = 0;
    if (rc == RATEL_OK) {
        assert_int_equal(ratel_quote_json(q, &text, &n), RATEL_OK);
        out = malloc(n + 2);
        memcpy(out, text, n);
        out[n] = '\n';
        out[n + 1] = '\0';
        ratel_free(text);
        ratel_quote_free(q);
        return out;
    }
    n = strlen(ratel_ctx_errmsg(ctx)) + 64;
    out = malloc(n);
    snprintf(out, n, "error %d (%s)\n%s\n", rc, ratel_strerror(rc),
             ratel_ctx_errmsg(ctx));
    return out;
}

static int reported; /* differences shown in full (the rest: names only) */

static void report_difference(const char *name, const char *want,
                              const char *got)
{
    size_t i = 0, line = 1;
    if (reported++ >= 3)
        return;
    while (want[i] && want[i] == got[i]) {
        if (want[i] == '\n')
            line++;
        i++;
    }
    fprintf(stderr, "golden %s: differs at line %zu\n  expected: %.120s\n"
            "  got:      %.120s\n", name, line, want + i, got + i);
}

static void run_case(void **state)
{
    const char *name = *state;
    char path[512];
    size_t len = 0, elen = 0;
    char *json, *got, *want;
    snprintf(path, sizeof path, CASES "/%s.json", name);
    json = test_slurp(path, &len);
    assert_non_null(json);
    got = render(json, len);
    snprintf(path, sizeof path, EXPECTED "/%s.out", name);
    if (getenv("RATEL_GOLDEN_UPDATE")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(got, f);
        fclose(f);
    }
    want = test_slurp(path, &elen);
    if (!want)
        fail_msg("golden %s: no expected file %s (run with "
                 "RATEL_GOLDEN_UPDATE=1 and review it)", name, path);
    if (strcmp(want, got) != 0) {
        report_difference(name, want, got);
        fail();
    }
    free(json);
    free(got);
    free(want);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    struct CMUnitTest tests[MAX_CASES];
    size_t n = 0, i;
    struct dirent *de;
    DIR *d = opendir(CASES);
    int failed;
    if (!d || ratel_engine_open(&engine, "tables/ratel.db", TEST_PLANS_DIR,
                                NULL) != RATEL_OK ||
        ratel_ctx_new(&ctx, engine) != RATEL_OK) {
        fprintf(stderr, "golden: cannot set up: %s\n",
                engine ? ratel_engine_errmsg(engine) : "no cases");
        return 1;
    }
    while ((de = readdir(d)) && n < MAX_CASES) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".json") == 0) {
            names[n] = strdup(de->d_name);
            names[n][l - 5] = '\0';
            n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (i = 0; i < n; i++) {
        tests[i].name = names[i];
        tests[i].test_func = run_case;
        tests[i].setup_func = NULL;
        tests[i].teardown_func = NULL;
        tests[i].initial_state = names[i];
    }
    failed = _cmocka_run_group_tests("golden", tests, n, NULL, NULL);
    for (i = 0; i < n; i++)
        free(names[i]);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return failed;
}
