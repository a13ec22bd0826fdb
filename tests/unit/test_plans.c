/* test_plans.c - the plan cases tests/plans/<plan-id>/NN_name.json (format:
 * tests/plans/README.md). Each case names a base declaration and a partial
 * declaration ("override") merged into it: objects key by key, arrays and
 * other values replaced. The merged declaration is rated with the case's
 * plan through the public API against tables/ratel.db and rating-scripts/,
 * and the quote is compared with "expect": decision, total premium, the set
 * of reason codes (refer, decline and the engine's AUTHORITY), and, when
 * given, the subjectivity codes, the authority level required, the number
 * of warnings and step values found by exact label. One cmocka test per
 * case; a failure prints every difference of the case. */
#include <dirent.h>
#include <math.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "testutil.h"

#define PLANS_DIR "tests/plans"
#define MAX_CASES 1000

static ratel_engine *g_engine;
static ratel_ctx *g_ctx;

typedef struct plan_case {
    char path[1024];
    char name[600];
    char dir[300];
} plan_case;

static plan_case g_cases[MAX_CASES];
static size_t g_ncases;

static yajl_val member(yajl_val obj, const char *key)
{
    size_t i;
    if (!YAJL_IS_OBJECT(obj))
        return NULL;
    for (i = 0; i < obj->u.object.len; i++)
        if (strcmp(obj->u.object.keys[i], key) == 0)
            return obj->u.object.values[i];
    return NULL;
}

static void gen_merged(yajl_gen g, yajl_val base, yajl_val over);

/* Writes a parsed value as it is. */
static void gen_value(yajl_gen g, yajl_val v)
{
    size_t i;
    if (YAJL_IS_OBJECT(v)) {
        gen_merged(g, v, NULL);
    } else if (YAJL_IS_ARRAY(v)) {
        yajl_gen_array_open(g);
        for (i = 0; i < v->u.array.len; i++)
            gen_value(g, v->u.array.values[i]);
        yajl_gen_array_close(g);
    } else if (YAJL_IS_STRING(v)) {
        const char *s = YAJL_GET_STRING(v);
        yajl_gen_string(g, (const unsigned char *)s, strlen(s));
    } else if (YAJL_IS_NUMBER(v)) {
        yajl_gen_number(g, v->u.number.r, strlen(v->u.number.r));
    } else if (YAJL_IS_TRUE(v)) {
        yajl_gen_bool(g, 1);
    } else if (YAJL_IS_FALSE(v)) {
        yajl_gen_bool(g, 0);
    } else {
        yajl_gen_null(g);
    }
}

/* Writes `base` with `over` (may be NULL) merged in: objects key by key
 * (base's keys first, in base order, then keys only in `over`); anything
 * else in `over` replaces the base value (arrays are replaced whole). */
static void gen_merged(yajl_gen g, yajl_val base, yajl_val over)
{
    size_t i;
    if (over && !(YAJL_IS_OBJECT(base) && YAJL_IS_OBJECT(over))) {
        gen_value(g, over);
        return;
    }
    if (!over && !YAJL_IS_OBJECT(base)) {
        gen_value(g, base);
        return;
    }
    yajl_gen_map_open(g);
    for (i = 0; i < base->u.object.len; i++) {
        const char *k = base->u.object.keys[i];
        yajl_gen_string(g, (const unsigned char *)k, strlen(k));
        gen_merged(g, base->u.object.values[i], over ? member(over, k) : NULL);
    }
    for (i = 0; over && i < over->u.object.len; i++) {
        const char *k = over->u.object.keys[i];
        if (member(base, k))
            continue;
        yajl_gen_string(g, (const unsigned char *)k, strlen(k));
        gen_value(g, over->u.object.values[i]);
    }
    yajl_gen_map_close(g);
}

static yajl_val parse_file(const char *path, char *err, size_t errlen)
{
    char *text = test_slurp(path, NULL);
    yajl_val v;
    if (!text) {
        snprintf(err, errlen, "cannot read %s", path);
        return NULL;
    }
    v = yajl_tree_parse(text, err, errlen);
    free(text);
    return v;
}

/* Failure report: every difference of one case, printed together. */
typedef struct report {
    char text[8192];
    size_t len;
    int failures;
} report;

static void diff(report *r, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (r->len >= sizeof r->text - 1)
        return;
    va_start(ap, fmt);
    n = vsnprintf(r->text + r->len, sizeof r->text - r->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        r->len += (size_t)n < sizeof r->text - r->len
                      ? (size_t)n : sizeof r->text - r->len - 1;
    r->failures++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted, de-duplicated list of codes; returns the count. */
static size_t uniq(const char **codes, size_t n)
{
    size_t i, out = 0;
    qsort(codes, n, sizeof *codes, cmp_str);
    for (i = 0; i < n; i++)
        if (out == 0 || strcmp(codes[out - 1], codes[i]) != 0)
            codes[out++] = codes[i];
    return out;
}

static void join(char *out, size_t len, const char **codes, size_t n)
{
    size_t i, used = 0;
    out[0] = '\0';
    for (i = 0; i < n && used < len; i++)
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "",
                                 codes[i]);
    if (n == 0)
        snprintf(out, len, "(none)");
}

/* Compares the set of codes `got` with the JSON array `want`. */
static void compare_codes(report *r, const char *what, const char **got,
                          size_t ngot, yajl_val want)
{
    const char *exp[256];
    size_t nexp = 0, i;
    char a[2048], b[2048];
    int same;
    if (want && !YAJL_IS_ARRAY(want)) {
        diff(r, "  expect.%s must be an array of codes\n", what);
        return;
    }
    for (i = 0; want && i < want->u.array.len && nexp < 256; i++)
        if (YAJL_IS_STRING(want->u.array.values[i]))
            exp[nexp++] = YAJL_GET_STRING(want->u.array.values[i]);
    ngot = uniq(got, ngot);
    nexp = uniq(exp, nexp);
    same = ngot == nexp;
    for (i = 0; same && i < ngot; i++)
        same = strcmp(got[i], exp[i]) == 0;
    if (!same) {
        join(a, sizeof a, exp, nexp);
        join(b, sizeof b, got, ngot);
        diff(r, "  %s: expected {%s}, got {%s}\n", what, a, b);
    }
}

static int close_enough(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-9 * scale || fabs(a - b) < 1e-12;
}

/* A step key is the exact label (the first step with that label), or
 * "coverage|label" for the step of that coverage. */
static int find_step(const ratel_quote *q, const char *key, ratel_step *out)
{
    const char *bar = strchr(key, '|');
    size_t i, n = ratel_quote_step_count(q);
    for (i = 0; i < n; i++) {
        ratel_step s;
        if (ratel_quote_step(q, i, &s) != RATEL_OK)
            continue;
        if (bar) {
            if (strlen(s.coverage) == (size_t)(bar - key) &&
                strncmp(s.coverage, key, (size_t)(bar - key)) == 0 &&
                strcmp(s.label, bar + 1) == 0) {
                *out = s;
                return 1;
            }
        } else if (strcmp(s.label, key) == 0) {
            *out = s;
            return 1;
        }
    }
    return 0;
}

static void check_quote(report *r, const ratel_quote *q, yajl_val expect)
{
    yajl_val v;
    const char *codes[256];
    size_t n, i, k;

    static const char *const known[] = {"decision", "total_premium",
        "reasons", "subjectivities", "authority", "warnings", "steps"};

    /* a misspelt expectation would silently check nothing */
    for (i = 0; i < expect->u.object.len; i++) {
        for (k = 0; k < sizeof known / sizeof *known; k++)
            if (strcmp(expect->u.object.keys[i], known[k]) == 0)
                break;
        if (k == sizeof known / sizeof *known)
            diff(r, "  expect.%s: unknown expectation (known: decision, "
                 "total_premium, reasons, subjectivities, authority, "
                 "warnings, steps)\n", expect->u.object.keys[i]);
    }
    if ((v = member(expect, "decision"))) {
        const char *want = YAJL_IS_STRING(v) ? v->u.string : "(not a string)";
        const char *got = ratel_decision_name(ratel_quote_decision(q));
        if (strcmp(want, got) != 0)
            diff(r, "  decision: expected %s, got %s\n", want, got);
    }
    if ((v = member(expect, "total_premium")) && !YAJL_IS_INTEGER(v))
        diff(r, "  expect.total_premium must be an integer\n");
    else if (v && YAJL_GET_INTEGER(v) != ratel_quote_total_premium(q))
        diff(r, "  total_premium: expected %lld, got %lld\n",
             (long long)YAJL_GET_INTEGER(v),
             (long long)ratel_quote_total_premium(q));

    n = ratel_quote_reason_count(q);
    for (i = k = 0; i < n && k < 256; i++) {
        ratel_reason x;
        if (ratel_quote_reason(q, i, &x) == RATEL_OK)
            codes[k++] = x.code;
    }
    /* no "reasons": the quote must have none */
    compare_codes(r, "reasons", codes, k, member(expect, "reasons"));
    if ((v = member(expect, "subjectivities"))) {
        n = ratel_quote_subjectivity_count(q);
        for (i = k = 0; i < n && k < 256; i++) {
            ratel_reason x;
            if (ratel_quote_subjectivity(q, i, &x) == RATEL_OK)
                codes[k++] = x.code;
        }
        compare_codes(r, "subjectivities", codes, k, v);
    }
    if ((v = member(expect, "authority")) && YAJL_IS_INTEGER(v) &&
        YAJL_GET_INTEGER(v) != ratel_quote_authority_required(q))
        diff(r, "  authority: expected level %lld, got %d\n",
             (long long)YAJL_GET_INTEGER(v),
             ratel_quote_authority_required(q));
    if ((v = member(expect, "warnings")) && YAJL_IS_INTEGER(v) &&
        (size_t)YAJL_GET_INTEGER(v) != ratel_quote_warning_count(q)) {
        diff(r, "  warnings: expected %lld, got %zu\n",
             (long long)YAJL_GET_INTEGER(v), ratel_quote_warning_count(q));
        for (i = 0; i < ratel_quote_warning_count(q); i++)
            diff(r, "    warning: %s\n", ratel_quote_warning(q, i));
    }
    if ((v = member(expect, "steps")) && YAJL_IS_OBJECT(v)) {
        for (i = 0; i < v->u.object.len; i++) {
            const char *label = v->u.object.keys[i];
            yajl_val want = v->u.object.values[i];
            ratel_step s;
            if (!YAJL_IS_NUMBER(want)) {
                diff(r, "  step \"%s\": expected value must be a number\n",
                     label);
            } else if (!find_step(q, label, &s)) {
                diff(r, "  step \"%s\": not on the worksheet\n", label);
            } else if (!close_enough(s.value, YAJL_GET_DOUBLE(want))) {
                diff(r, "  step \"%s\": expected value %.17g, got %.17g\n",
                     label, YAJL_GET_DOUBLE(want), s.value);
            }
        }
    }
}

static void print_worksheet(const ratel_quote *q)
{
    size_t i, n = ratel_quote_step_count(q);
    for (i = 0; i < n; i++) {
        ratel_step s;
        if (ratel_quote_step(q, i, &s) == RATEL_OK)
            printf("    %-9s %-60s %-9s value %.12g premium %.12g\n",
                   s.coverage, s.label, s.op, s.value, s.premium);
    }
    for (i = 0; i < ratel_quote_reason_count(q); i++) {
        ratel_reason x;
        if (ratel_quote_reason(q, i, &x) == RATEL_OK)
            printf("    %s %s: %s\n", x.kind, x.code, x.text);
    }
}

static void run_case(void **state)
{
    const plan_case *pc = *state;
    char err[512];
    yajl_val doc = NULL, base = NULL, v;
    yajl_gen g = NULL;
    const unsigned char *json;
    size_t len;
    const char *plan_id;
    char base_path[512];
    ratel_quote *q = NULL;
    report r;
    int rc;

    memset(&r, 0, sizeof r);
    doc = parse_file(pc->path, err, sizeof err);
    if (!doc)
        fail_msg("%s: %s", pc->path, err);
    v = member(doc, "base");
    snprintf(base_path, sizeof base_path, "%s",
             v && YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : TEST_NEUTRAL);
    base = parse_file(base_path, err, sizeof err);
    if (!base)
        fail_msg("%s: base %s: %s", pc->path, base_path, err);
    v = member(doc, "plan");
    plan_id = v && YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : pc->dir;
    if (strcmp(plan_id, pc->dir) != 0)
        fail_msg("%s: plan \"%s\" is not the directory's plan \"%s\"",
                 pc->path, plan_id, pc->dir);
    if (!member(doc, "expect") || !YAJL_IS_OBJECT(member(doc, "expect")))
        fail_msg("%s: no \"expect\" object", pc->path);

    g = yajl_gen_alloc(NULL);
    assert_non_null(g);
    gen_merged(g, base, member(doc, "override"));
    assert_int_equal(yajl_gen_get_buf(g, &json, &len), yajl_gen_status_ok);

    rc = ratel_rate_json(&q, g_ctx, (const char *)json, len, plan_id, 0);
    if (rc != RATEL_OK)
        fail_msg("%s: rating failed (%s): %s\n  declaration: %.*s", pc->path,
                 ratel_strerror(rc), ratel_ctx_errmsg(g_ctx), (int)len,
                 (const char *)json);
    check_quote(&r, q, member(doc, "expect"));
    if (r.failures) {
        printf("FAIL %s (plan %s):\n%s  worksheet:\n", pc->path, plan_id,
               r.text);
        print_worksheet(q);
    }
    ratel_quote_free(q);
    yajl_gen_free(g);
    yajl_tree_free(base);
    yajl_tree_free(doc);
    fflush(stdout);
    if (r.failures)
        fail_msg("%s: %d difference(s)", pc->path, r.failures);
}

static int cmp_case(const void *a, const void *b)
{
    return strcmp(((const plan_case *)a)->path, ((const plan_case *)b)->path);
}

static void collect(void)
{
    DIR *top = opendir(PLANS_DIR), *sub;
    struct dirent *e, *f;
    if (!top)
        return;
    while ((e = readdir(top))) {
        char dir[300];
        if (e->d_name[0] == '.')
            continue;
        snprintf(dir, sizeof dir, "%s/%s", PLANS_DIR, e->d_name);
        if (!(sub = opendir(dir)))
            continue;
        while ((f = readdir(sub)) && g_ncases < MAX_CASES) {
            size_t n = strlen(f->d_name);
            plan_case *pc = &g_cases[g_ncases];
            if (f->d_name[0] == '.' || n < 6 ||
                strcmp(f->d_name + n - 5, ".json") != 0)
                continue;
            snprintf(pc->path, sizeof pc->path, "%s/%s", dir, f->d_name);
            snprintf(pc->dir, sizeof pc->dir, "%s", e->d_name);
            snprintf(pc->name, sizeof pc->name, "%s/%s", e->d_name,
                     f->d_name);
            g_ncases++;
        }
        closedir(sub);
    }
    closedir(top);
    qsort(g_cases, g_ncases, sizeof *g_cases, cmp_case);
}

int main(void)
{
    struct CMUnitTest *tests;
    size_t i;
    int rc;
    collect();
    if (g_ncases == 0) {
        fprintf(stderr, "test_plans: no cases under %s\n", PLANS_DIR);
        return 1;
    }
    if (ratel_engine_open(&g_engine, "tables/ratel.db", TEST_PLANS_DIR,
                          NULL) != RATEL_OK) {
        fprintf(stderr, "test_plans: cannot open the engine: %s\n",
                g_engine ? ratel_engine_errmsg(g_engine) : "(no message)");
        return 1;
    }
    if (ratel_ctx_new(&g_ctx, g_engine) != RATEL_OK)
        return 1;
    tests = calloc(g_ncases, sizeof *tests);
    if (!tests)
        return 1;
    for (i = 0; i < g_ncases; i++) {
        tests[i].name = g_cases[i].name;
        tests[i].test_func = run_case;
        tests[i].initial_state = &g_cases[i];
    }
    rc = _cmocka_run_group_tests("test_plans", tests, g_ncases, NULL, NULL);
    free(tests);
    ratel_ctx_free(g_ctx);
    ratel_engine_free(g_engine);
    return rc;
}
