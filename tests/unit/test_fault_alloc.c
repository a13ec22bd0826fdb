/* test_fault_alloc.c - allocation failure, the Nth allocation in turn for
 * every N a call reaches: engine open (with its product schemas), a
 * declaration read by its schema (and one with errors), a quote (on a
 * fresh context and on a warm one) and its JSON, a group quote, a menu
 * (the plan's own, options read by path, options set through the API), a
 * batch chunk, a plan test, a comparison of structures, a scheme's
 * account and a table build, through the public API. Each failure must
 * give an error code with a message (or, where the library can do
 * without the memory, exactly the result it gives without a failure),
 * leak nothing (the ASan build checks at exit) and leave the engine and
 * context usable: the same call right after gives the normal result.
 *
 * The Makefile links this binary with -Wl,--wrap=malloc,... so that every
 * call the library makes to the C allocator (the plan interpreter's too:
 * sandbox_alloc.c) comes here. SQLite's allocations are tried by
 * test_fault_sqlite. */
#include "small_tables.h"

#include <limits.h>
#include <sys/stat.h>

#include "buf.h"
#include "sha256.h"

/* ---- the failing allocator ------------------------------------------- */

static long fault_left = -1;    /* allocations before the failing one; -1 off */
static unsigned long fault_seen; /* allocations while armed */
static int fault_fired;

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static int fail_now(void)
{
    if (fault_left < 0)
        return 0;
    fault_seen++;
    if (fault_left-- > 0)
        return 0;
    fault_fired = 1; /* one failure; later calls succeed */
    return 1;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}
char *__wrap_strdup(const char *s) { return fail_now() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n)
{
    return fail_now() ? NULL : __real_strndup(s, n);
}

/* Arms the allocator to fail allocation number `n` (0-based) from now;
 * n < 0 counts without failing. */
static void arm(long n)
{
    fault_seen = 0;
    fault_fired = 0;
    fault_left = n < 0 ? LONG_MAX : n;
}

static void disarm(void) { fault_left = -1; }

/* ---- scenarios -------------------------------------------------------- */

/* One call under test: run() makes it (armed) and returns its code;
 * result() (disarmed) renders what it gave: the output on success, the
 * message on failure, and frees it. A call on nothing that outlives it
 * (engine open) is not made again after each failure to show that what
 * it used still works. */
typedef struct scenario {
    const char *name;
    int (*run)(void);
    char *(*result)(int rc);
    int on_nothing_kept;
} scenario;

/* Between the parts of a result that may fail alone. */
#define PART "\x1e"

static ratel_engine *engine; /* the shipped tables and plans */
static ratel_ctx *ctx;       /* warm: it has rated before */
static char dir[64];         /* small table sources, a small plan */
static char *neutral, *full, *group; /* declarations */
static size_t neutral_len, full_len, group_len;

static char *copy(const char *s)
{
    char *c = __real_strdup(s);
    assert_non_null(c);
    return c;
}

/* The message of a failed call, which must not be empty. */
static char *message(int rc, const char *msg)
{
    char *out;
    assert_true(rc < 0);
    if (!msg || !*msg)
        fail_msg("error %d without a message", rc);
    out = malloc(strlen(msg) + 32);
    sprintf(out, "error %d: %s", rc, msg);
    return out;
}

/* -- engine open: small tables and plan, then the shipped ones -- */

static ratel_engine *opened;
static int open_rc;

static int run_open_small(void)
{
    char db[128], plan[128];
    snprintf(db, sizeof db, "%s/small.db", dir);
    snprintf(plan, sizeof plan, "%s/plan.lua", dir);
    return open_rc = ratel_engine_open(&opened, db, plan, NULL);
}

static int run_open_shipped(void)
{
    return open_rc = ratel_engine_open(&opened, "tables/ratel.db",
                                       TEST_PLANS_DIR, NULL);
}

static char *result_open(int rc)
{
    char *out;
    if (rc == RATEL_OK) {
        size_t k;
        buf b;
        buf_init(&b);
        for (k = 0; k < ratel_engine_plan_count(opened); k++) {
            ratel_plan_info info;
            assert_int_equal(ratel_engine_plan(opened, k, &info), RATEL_OK);
            buf_printf(&b, "%s %s %s\n", info.id, info.version, info.hash);
        }
        buf_printf(&b, "%zu tables\n", ratel_engine_table_count(opened));
        out = copy(buf_cstr(&b));
        buf_free(&b);
    } else if (rc == RATEL_ENOMEM && !opened) {
        out = copy("out of memory, no engine");
    } else {
        out = message(rc, ratel_engine_errmsg(opened));
    }
    ratel_engine_free(opened);
    opened = NULL;
    return out;
}

/* -- a declaration read by its schema: rated (unarmed) to show it was
 * read whole; and one with errors, whose field errors are its result -- */

static ratel_decl *decl;
static int decl_rc;
static const char *bad_decl =
    "{\"effective_date\": \"2026-13-01\", \"applicant\": {\"name\": \"\", "
    "\"industry\": \"mining\", \"revenue\": -5}, \"controls\": {\"mfa\": 1}, "
    "\"request\": {\"liability_limit\": \"x\"}, \"incidents\": [{}]}";

static int run_decl(void)
{
    return decl_rc = ratel_decl_parse(&decl, ctx, "cyber-sme", full,
                                      full_len);
}

/* Bad input: its field errors are the normal result (RATEL_EDECL). */
static int run_bad_decl(void)
{
    decl_rc = ratel_decl_parse(&decl, ctx, "cyber-sme", bad_decl,
                               strlen(bad_decl));
    return decl_rc == RATEL_EDECL ? RATEL_OK : decl_rc;
}

static char *result_decl(int rc)
{
    char *out;
    if (rc != RATEL_OK) {
        assert_null(decl);
        out = message(rc, ratel_ctx_errmsg(ctx));
    } else if (decl) { /* the quote of what was read */
        ratel_quote *q = NULL;
        char *json;
        assert_int_equal(test_rate(&q, ctx, decl, "sme-cyber", 0), RATEL_OK);
        json = test_quote_json(q);
        out = copy(json);
        ratel_free(json);
        ratel_quote_free(q);
    } else { /* the field errors of a bad one, in order */
        size_t k;
        buf b;
        buf_init(&b);
        assert_int_equal(decl_rc, RATEL_EDECL);
        for (k = 0; k < ratel_ctx_field_error_count(ctx); k++) {
            ratel_field_error fe;
            assert_int_equal(ratel_ctx_field_error(ctx, k, &fe), RATEL_OK);
            buf_printf(&b, "%s: %s\n", fe.path, fe.message);
        }
        out = copy(buf_cstr(&b));
        buf_free(&b);
    }
    ratel_decl_free(decl);
    decl = NULL;
    return out;
}

/* -- a quote (declaration read, rated, written as JSON) on the warm
 * context, on a fresh one, and of a group of companies -- */

static ratel_quote *quote;
static ratel_ctx *fresh; /* NULL: the warm context rated */
static int fresh_rc;
static char *quote_text; /* the quote's JSON */

/* Reads `json`, rates it with sme-cyber and writes the quote's JSON. */
static int rate_to_json(ratel_ctx *c, const char *json, size_t len,
                        unsigned flags)
{
    int rc = test_rate_json(&quote, c, json, len, "sme-cyber", flags);
    if (rc == RATEL_OK)
        rc = ratel_quote_json(quote, &quote_text, NULL);
    return rc;
}

static int run_quote(void)
{
    return rate_to_json(ctx, full, full_len, 0);
}

static int run_group_quote(void)
{
    return rate_to_json(ctx, group, group_len, 0);
}

static int run_fresh_quote(void)
{
    int rc = fresh_rc = ratel_ctx_new(&fresh, engine);
    if (rc == RATEL_OK)
        rc = rate_to_json(fresh, neutral, neutral_len, 0);
    return rc;
}

static char *result_quote(int rc)
{
    char *out;
    if (rc == RATEL_OK) {
        out = copy(quote_text);
    } else if (fresh_rc != RATEL_OK) { /* no context, no message */
        assert_int_equal(fresh_rc, RATEL_ENOMEM);
        assert_null(fresh);
        out = copy("out of memory, no context");
    } else if (quote) { /* rated; its JSON could not be written */
        assert_int_equal(rc, RATEL_ENOMEM);
        assert_null(quote_text);
        out = copy("out of memory, no JSON");
    } else {
        out = message(rc, ratel_ctx_errmsg(fresh ? fresh : ctx));
    }
    ratel_free(quote_text);
    quote_text = NULL;
    ratel_quote_free(quote);
    quote = NULL;
    ratel_ctx_free(fresh);
    fresh = NULL;
    fresh_rc = RATEL_OK;
    return out;
}

/* -- a menu: the plan's own options, or options read from JSON (fields
 * by path and by the short keys); each option's quote or error, then
 * the menu's JSON -- */

static ratel_menu *menu;
static ratel_options *options;
static char *menu_text;
static const char *options_json =
    "[{\"name\": \"L100m D300k\", \"liability_limit\": 100000000, "
    "\"deductible\": 300000},\n"
    " {\"name\": \"with BI\", \"set\": {\"coverages.bi.limit\": 20000000, "
    "\"coverages.bi.waiting_hours\": 12}},\n"
    " {\"name\": \"ransom 5m\", \"set\": "
    "{\"coverages.expense.sublimits.ransom\": 5000000, "
    "\"controls.mfa\": false, \"policy.expiry\": \"2027-01-01\"}},\n"
    " {\"name\": \"no such field\", \"set\": {\"applicant.size\": 3}}]";

/* The neutral declaration read and rated under `options` (NULL: the
 * plan's own), and the menu's JSON. */
static int run_menu(void)
{
    ratel_rate_options opts = RATEL_RATE_OPTIONS_INIT;
    int rc;
    opts.plan_id = "sme-cyber";
    if ((rc = ratel_decl_parse(&decl, ctx, "cyber-sme", neutral,
                               neutral_len)) == RATEL_OK &&
        (rc = ratel_rate_menu(&menu, ctx, decl, &opts, options)) ==
            RATEL_OK)
        rc = ratel_menu_json(menu, &menu_text, NULL);
    return rc;
}

static int run_options_menu(void)
{
    int rc = ratel_options_parse(&options, ctx, options_json,
                                 strlen(options_json));
    return rc == RATEL_OK ? run_menu() : rc;
}

/* Options made through the API's setters, by path (their errors are codes
 * only: the options have no handle for a message). */
static int building_rc;

static int run_built_menu(void)
{
    int rc;
    if ((rc = ratel_options_new(&options)) ||
        (rc = ratel_options_add(options, "L100m")) ||
        (rc = ratel_options_set_int(options, "coverages.liability.limit",
                                    100000000)) ||
        (rc = ratel_options_add(options, NULL)) ||
        (rc = ratel_options_set_bool(options, "controls.mfa", 0)) ||
        (rc = ratel_options_set_string(options, "policy.expiry",
                                       "2027-01-01")) ||
        (rc = ratel_options_set_number(
             options, "applicant.overseas_revenue_share", 0.5)))
        return building_rc = rc;
    return run_menu();
}

/* Each option's quote or error, a part each (an option may fail alone).
 * The menu's JSON written while allocations failed must be what it is
 * without failures. */
static char *result_menu(int rc)
{
    char *out;
    if (rc == RATEL_OK) {
        char *again = NULL;
        size_t k;
        buf b;
        buf_init(&b);
        for (k = 0; k < ratel_menu_count(menu); k++) {
            const char *msg = NULL;
            int orc = ratel_menu_error(menu, k, &msg);
            char *text = orc != RATEL_OK ? message(orc, msg) : NULL;
            char *json = text ? NULL
                              : test_quote_json(ratel_menu_quote(menu, k));
            buf_printf(&b, "%s%s", k ? PART : "", text ? text : json);
            free(text);
            ratel_free(json);
        }
        out = copy(buf_cstr(&b));
        buf_free(&b);
        assert_int_equal(ratel_menu_json(menu, &again, NULL), RATEL_OK);
        assert_string_equal(menu_text, again);
        ratel_free(again);
    } else if (menu) { /* rated; its JSON could not be written */
        assert_int_equal(rc, RATEL_ENOMEM);
        out = copy("out of memory, no JSON");
    } else if (building_rc != RATEL_OK) {
        assert_int_equal(building_rc, RATEL_ENOMEM);
        out = copy("out of memory, no options");
    } else {
        out = message(rc, ratel_ctx_errmsg(ctx));
    }
    ratel_free(menu_text);
    menu_text = NULL;
    ratel_menu_free(menu);
    menu = NULL;
    ratel_options_free(options);
    options = NULL;
    building_rc = RATEL_OK;
    ratel_decl_free(decl);
    decl = NULL;
    return out;
}

/* -- a batch chunk: declarations rated one after another, as `ratel
 * batch` does on each of its contexts -- */

#define CHUNK 5
static buf chunk_out; /* the rows, a part each */

static int run_chunk(void)
{
    const char *decls[CHUNK] = {neutral, full, "{\"broken\":", group,
                                neutral};
    int k;
    for (k = 0; k < CHUNK; k++) {
        int rc = rate_to_json(ctx, decls[k], strlen(decls[k]),
                              RATEL_RATE_NO_WORKSHEET);
        long left = fault_left;
        char *text;
        disarm(); /* the rows are kept by the harness, not the library */
        text = quote_text ? NULL
                          : message(rc, quote ? "no JSON"
                                              : ratel_ctx_errmsg(ctx));
        buf_printf(&chunk_out, "%s%s", k ? PART : "",
                   quote_text ? quote_text : text);
        free(text);
        fault_left = left;
        ratel_free(quote_text);
        quote_text = NULL;
        ratel_quote_free(quote);
        quote = NULL;
    }
    return RATEL_OK; /* a row that fails is a row with its error */
}

static char *result_chunk(int rc)
{
    char *out = copy(buf_cstr(&chunk_out));
    buf_reset(&chunk_out);
    (void)rc;
    return out;
}

/* -- a plan test case -- */

static ratel_plan_test_result *test_result;
static char *case_json;
static size_t case_len;

static int run_plan_test(void)
{
    return ratel_plan_test_run(&test_result, ctx, case_json, case_len, NULL);
}

static char *result_plan_test(int rc)
{
    char *out;
    if (rc == RATEL_OK && ratel_plan_test_passed(test_result))
        out = copy("passed");
    else if (rc == RATEL_OK) /* a rating that failed is a failed test */
        out = message(RATEL_ESCRIPT, ratel_plan_test_report(test_result));
    else
        out = message(rc, ratel_ctx_errmsg(ctx));
    ratel_plan_test_free(test_result);
    test_result = NULL;
    return out;
}

/* -- a comparison of structures: the structures file read, the loss
 * model built, the layers priced through menus, a short simulation -- */

static ratel_structure_result *compared;
static char *structures_json;
static size_t structures_len;

static int run_structures(void)
{
    ratel_structure_options o;
    ratel_structures *s = NULL;
    int rc;
    assert_int_equal(ratel_structure_options_init(
                         &o, RATEL_STRUCTURE_OPTIONS_VERSION), RATEL_OK);
    o.years = 200; /* the simulation's time is not what is tried here */
    if ((rc = ratel_decl_parse(&decl, ctx, "cyber-sme", neutral,
                               neutral_len)) == RATEL_OK &&
        (rc = ratel_structures_parse(&s, ctx, structures_json,
                                     structures_len)) == RATEL_OK)
        rc = ratel_structure_compare(&compared, ctx, decl, s, &o);
    ratel_structures_free(s);
    ratel_decl_free(decl);
    decl = NULL;
    return rc;
}

static char *result_structures(int rc)
{
    char *out = rc == RATEL_OK
                    ? copy(ratel_structure_result_json(compared, NULL))
                    : message(rc, ratel_ctx_errmsg(ctx));
    ratel_structure_result_free(compared);
    compared = NULL;
    return out;
}

/* -- an association scheme's account: members of the shipped chamber
 * scheme (rated in setup) added to an account, a failed one listed, a
 * second account merged into it, and the account's JSON. A call that
 * fails is made again (nothing fails any more): the account must come
 * out whole, so a failure must have left it as it was -- */

#define MEMBERS 4
static ratel_quote *members[MEMBERS];
static ratel_scheme *account, *later;
static char *account_text;
static buf account_errors; /* the calls that failed, a part each */

/* Rates the members of test_scheme's chamber-scheme case (unarmed):
 * accepted with a top-up, accepted at the minimum, refused, referred. */
static void rate_members(void)
{
    static const char *const revenue_limit_mfa[MEMBERS][3] = {
        {"500000000", "100000000", "true"},
        {"50000000", "10000000", "true"},
        {"10000000000", "100000000", "true"},
        {"500000000", "100000000", "false"},
    };
    size_t i;
    for (i = 0; i < MEMBERS; i++) {
        const char *const *m = revenue_limit_mfa[i];
        char json[1024];
        snprintf(json, sizeof json, "{\"effective_date\": \"2026-07-01\", "
                 "\"applicant\": {\"name\": \"m%zu\", \"revenue\": %s, "
                 "\"industry\": \"manufacturing\", \"employees\": 10}, "
                 "\"controls\": {\"mfa\": %s}, \"request\": "
                 "{\"liability_limit\": %s, \"expense_limit\": 20000000, "
                 "\"deductible\": 100000}}", i, m[0], m[2], m[1]);
        if (test_rate_json(&members[i], ctx, json, strlen(json),
                           "chamber-scheme", 0) != RATEL_OK)
            fail_msg("%s", ratel_ctx_errmsg(ctx));
    }
}

/* Notes a failed call (its message from `s`; none from a call with no
 * account to hold one) and returns 1 to have it made again. */
static int failed_call(int rc, const ratel_scheme *s)
{
    long left = fault_left;
    char *text;
    if (rc == RATEL_OK)
        return 0;
    disarm(); /* the harness's own allocations */
    assert_int_equal(rc, RATEL_ENOMEM);
    text = s ? message(rc, ratel_scheme_errmsg(s))
             : copy("error -1: out of memory, no account or JSON");
    buf_printf(&account_errors, PART "%s", text);
    free(text);
    fault_left = left;
    return 1;
}

#define MADE_WHOLE(call, s)                                                \
    while (failed_call((call), (s)))

static int run_scheme(void)
{
    size_t i;
    MADE_WHOLE(ratel_scheme_new(&account), NULL);
    MADE_WHOLE(ratel_scheme_new(&later), NULL);
    for (i = 0; i < MEMBERS; i++) {
        char label[16];
        snprintf(label, sizeof label, "line %zu", i + 2);
        MADE_WHOLE(ratel_scheme_add(i < 2 ? account : later, label,
                                    members[i]),
                   i < 2 ? account : later);
    }
    MADE_WHOLE(ratel_scheme_add_failure(account, "line 6",
                                        "applicant.revenue: not a number"),
               account);
    MADE_WHOLE(ratel_scheme_merge(account, later), account);
    MADE_WHOLE(ratel_scheme_json(account, &account_text, NULL), NULL);
    return RATEL_OK; /* every call made whole */
}

/* The account's JSON, then the calls that failed. */
static char *result_scheme(int rc)
{
    char *out;
    buf b;
    assert_int_equal(rc, RATEL_OK);
    buf_init(&b);
    buf_printf(&b, "%s%s", account_text, buf_cstr(&account_errors));
    out = copy(buf_cstr(&b));
    buf_free(&b);
    buf_reset(&account_errors);
    ratel_free(account_text);
    account_text = NULL;
    ratel_scheme_free(account);
    ratel_scheme_free(later);
    account = later = NULL;
    return out;
}

/* -- a table build: small sources, then the shipped ones -- */

static char *build_msg;

static int build_from(const char *src)
{
    char db[128];
    ratel_tables_options o;
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = TEST_SCHEMAS_DIR; /* the shipped code keys */
    snprintf(db, sizeof db, "%s/out.db", dir);
    return ratel_tables_build_with(src, db, &o, &build_msg);
}

static int run_build_small(void) { return build_from(dir); }
static int run_build_shipped(void) { return build_from(TEST_TABLES_DIR); }

/* A built database: the SHA-256 of its bytes (the build is deterministic:
 * a build that succeeds despite a failure wrote the same database). */
static char *result_build(int rc)
{
    char db[128], hex[65], *out;
    struct stat st;
    snprintf(db, sizeof db, "%s/out.db", dir);
    if (rc == RATEL_OK) {
        size_t len = 0;
        char *data = test_slurp(db, &len);
        assert_non_null(data);
        assert_null(build_msg);
        sha256_hex(data, len, hex);
        out = copy(hex);
        free(data);
        unlink(db);
    } else {
        /* a failed build writes nothing */
        assert_int_not_equal(stat(db, &st), 0);
        out = message(rc, build_msg);
    }
    ratel_free(build_msg);
    build_msg = NULL;
    return out;
}

/* ---- the driver -------------------------------------------------------- */

/* Whether `got` is `want` but for parts that failed with a message (a
 * menu option, a row of a chunk, a failed plan test). */
static int same_but_failed_parts(const char *got, const char *want)
{
    while (*got || *want) {
        size_t g = strcspn(got, PART), w = strcspn(want, PART);
        if ((g != w || memcmp(got, want, g) != 0) &&
            strncmp(got, "error ", 6) != 0)
            return 0;
        got += g + (got[g] != '\0');
        want += w + (want[w] != '\0');
    }
    return 1;
}

/* Runs a scenario unarmed twice (a warm-up, then its normal result and
 * how many allocations it makes), then once for each allocation failing in
 * turn, each followed (unless it keeps nothing) by an unarmed run that
 * must give the normal result again. */
static void try_every_failure(const scenario *s)
{
    unsigned long n, total, failed = 0, unreached = 0;
    char *want, *got;
    int rc;

    free(s->result(s->run()));
    arm(-1);
    rc = s->run();
    total = fault_seen;
    disarm();
    want = s->result(rc);
    if (rc != RATEL_OK)
        fail_msg("%s: fails without a fault: %s", s->name, want);
    for (n = 0; n < total; n++) {
        arm((long)n);
        rc = s->run();
        disarm();
        /* the interpreter keeps freed blocks for reuse, so a run after a
         * failure may need fewer allocations than the one counted */
        unreached += !fault_fired;
        got = s->result(rc);
        if (rc == RATEL_OK && !same_but_failed_parts(got, want)) {
            size_t at = 0;
            while (got[at] == want[at])
                at++;
            fail_msg("%s: allocation %lu failed, the call succeeded with "
                     "another result, from byte %zu:\n%.300s\nexpected:\n"
                     "%.300s", s->name, n, at, got + at, want + at);
        }
        failed += strcmp(got, want) != 0;
        free(got);
        if (s->on_nothing_kept)
            continue;
        rc = s->run(); /* and everything still works */
        got = s->result(rc);
        if (rc != RATEL_OK || strcmp(got, want) != 0)
            fail_msg("%s: after allocation %lu failed, the next call gave:\n"
                     "%s", s->name, n, got);
        free(got);
    }
    print_message("%s: %lu allocations, each failed in turn: %lu calls "
                  "failed (in whole or in part) with a message, the others "
                  "gave the normal result (%lu ended before the allocation)\n",
                  s->name, total, failed, unreached);
    free(want);
}

/* A cmocka test per scenario, named after it. */
static void test_scenario(void **state)
{
    try_every_failure(*state);
}

#define SCENARIO(name, run, result, on_nothing_kept)                       \
    {#name, run, result, on_nothing_kept}
static const scenario scenarios[] = {
    SCENARIO(open_small, run_open_small, result_open, 1),
    SCENARIO(open_shipped, run_open_shipped, result_open, 1), /* schemas */
    SCENARIO(declaration, run_decl, result_decl, 0),
    SCENARIO(bad_declaration, run_bad_decl, result_decl, 0),
    SCENARIO(quote_warm, run_quote, result_quote, 0),
    SCENARIO(quote_fresh_context, run_fresh_quote, result_quote, 0),
    SCENARIO(group_quote, run_group_quote, result_quote, 0),
    SCENARIO(menu_of_plan, run_menu, result_menu, 0),
    SCENARIO(menu_of_options, run_options_menu, result_menu, 0),
    SCENARIO(menu_of_built_options, run_built_menu, result_menu, 0),
    SCENARIO(batch_chunk, run_chunk, result_chunk, 0),
    SCENARIO(plan_test, run_plan_test, result_plan_test, 0),
    SCENARIO(structures, run_structures, result_structures, 0),
    SCENARIO(scheme_account, run_scheme, result_scheme, 0),
    SCENARIO(build_small, run_build_small, result_build, 0),
    SCENARIO(build_shipped, run_build_shipped, result_build, 0),
};
#define NSCENARIOS (sizeof scenarios / sizeof *scenarios)

static int setup(void **state)
{
    char db[128], *msg = NULL;
    (void)state;
    small_tables_dir(dir);
    small_tables_write(dir);
    snprintf(db, sizeof db, "%s/small.db", dir);
    if (ratel_tables_build(dir, db, &msg) != RATEL_OK)
        fail_msg("%s", msg);
    if (ratel_engine_open(&engine, "tables/ratel.db", TEST_PLANS_DIR, NULL))
        fail_msg("%s", ratel_engine_errmsg(engine));
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    neutral = test_slurp(TEST_NEUTRAL, &neutral_len);
    full = test_slurp("examples/full.json", &full_len);
    group = test_slurp("examples/group.json", &group_len);
    case_json = test_slurp("rating-scripts/tests/sme-cyber/01_neutral.json",
                           &case_len);
    structures_json = test_slurp("examples/structures.json",
                                 &structures_len);
    assert_non_null(neutral);
    assert_non_null(full);
    assert_non_null(group);
    assert_non_null(case_json);
    assert_non_null(structures_json);
    rate_members();
    return 0;
}

static int teardown(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < MEMBERS; k++)
        ratel_quote_free(members[k]);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    free(neutral);
    free(full);
    free(group);
    free(case_json);
    free(structures_json);
    test_rmdir(dir);
    return 0;
}

int main(void)
{
    struct CMUnitTest tests[NSCENARIOS];
    size_t k;
    for (k = 0; k < NSCENARIOS; k++) {
        memset(&tests[k], 0, sizeof tests[k]);
        tests[k].name = scenarios[k].name;
        tests[k].test_func = test_scenario;
        tests[k].initial_state = (void *)&scenarios[k];
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
