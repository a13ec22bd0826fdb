/* test_golden.c - data-driven rating cases: every tests/golden/cases/X.json
 * is rated with the default plan and its output (quote JSON, or the error)
 * must equal tests/golden/expected/X.out byte for byte.
 * RATEL_GOLDEN_UPDATE=1 rewrites the expected files instead: review the
 * diff before committing it.
 * The plan's hash (the SHA-256 of its source) is compared masked, so that
 * a comment edited in a plan does not rewrite every golden file;
 * test_golden__plan_hash checks the hash itself. */
#include <dirent.h>

#include "sha256.h"
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

/* Every plan's "hash":"<64 hex digits>" in a quote JSON (a group quote
 * has one per entity) as "hash":"*", in place: the text only shrinks. */
static void mask_plan_hash(char *text)
{
    static const char key[] = "\"plan\":{", hash[] = "\"hash\":\"";
    char *p = text, *h, *end;
    while ((p = strstr(p, key)) && (h = strstr(p, hash))) {
        h += strlen(hash);
        end = strchr(h, '"');
        if (end && end - h == 64) {
            h[0] = '*';
            memmove(h + 1, end, strlen(end) + 1);
        }
        p = h;
    }
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
    mask_plan_hash(want);
    mask_plan_hash(got);
    if (strcmp(want, got) != 0) {
        report_difference(name, want, got);
        fail();
    }
    free(json);
    free(got);
    free(want);
}

/* The quote names its plan by the SHA-256 of the plan's source file, as
 * ratel plans list shows it. */
static void test_golden__plan_hash(void **state)
{
    static const char *const cases[] = {"neutral", "bi_cover"};
    ratel_plan_info info;
    char path[512], *json, *text = NULL, *file, want[80];
    size_t i, len = 0, flen = 0;
    (void)state;
    file = test_slurp(TEST_PLANS_DIR "/sme_cyber.lua", &flen);
    assert_non_null(file);
    sha256_hex(file, flen, want);
    free(file);
    for (i = 0; i < ratel_engine_plan_count(engine); i++) {
        assert_int_equal(ratel_engine_plan(engine, i, &info), RATEL_OK);
        if (strcmp(info.id, "sme-cyber") == 0)
            break;
    }
    assert_true(i < ratel_engine_plan_count(engine));
    assert_string_equal(info.hash, want);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        ratel_quote *q = NULL;
        char *expect = NULL;
        snprintf(path, sizeof path, CASES "/%s.json", cases[i]);
        json = test_slurp(path, &len);
        assert_non_null(json);
        assert_int_equal(test_rate_json(&q, ctx, json, len, "sme-cyber", 0),
                         RATEL_OK);
        assert_int_equal(ratel_quote_json(q, &text, NULL), RATEL_OK);
        assert_non_null(expect = malloc(strlen(want) + 16));
        sprintf(expect, "\"hash\":\"%s\"", want);
        assert_non_null(strstr(text, expect));
        free(expect);
        ratel_free(text);
        ratel_quote_free(q);
        free(json);
    }
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    struct CMUnitTest tests[MAX_CASES + 1];
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
    tests[n].name = "test_golden__plan_hash";
    tests[n].test_func = test_golden__plan_hash;
    tests[n].setup_func = NULL;
    tests[n].teardown_func = NULL;
    tests[n].initial_state = NULL;
    failed = _cmocka_run_group_tests("golden", tests, n + 1, NULL, NULL);
    for (i = 0; i < n; i++)
        free(names[i]);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return failed;
}
