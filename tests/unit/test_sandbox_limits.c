/* test_sandbox_limits.c - the limits of a run (sandbox_limits.c,
 * sandbox_run.c): a quote's limits start after its plan is loaded; C
 * work is charged; a run that ends after its deadline fails; an outcome
 * at a limit is the same whatever the context rated before; memory is
 * given back after the memory limit, also in the middle of a menu; a
 * group's run is limited as a quote is. */
#include "testutil.h"

#include <unistd.h>

#include "buf.h"
#include "ctx_int.h"
#include "sandbox_int.h"

#define PRICE "cover('x', 1) set('x', 'p', 1000) combine('c') " \
              "round('policy', 'r', 10)\n"

typedef struct fixture {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
    char *neutral;
    size_t neutral_len;
} fixture;

/* An engine on `n` plans (file names t0.lua ...), with limits o. */
static void open_plans(fixture *f, const char *const *sources, int n,
                       const ratel_engine_options *o)
{
    int i;
    char name[16];
    memset(f, 0, sizeof *f);
    test_tmpdir(f->dir);
    for (i = 0; i < n; i++) {
        snprintf(name, sizeof name, "t%d.lua", i);
        test_write(f->dir, name, sources[i]);
    }
    if (ratel_engine_open(&f->engine, "tables/ratel.db", f->dir, o))
        fail_msg("%s", ratel_engine_errmsg(f->engine));
    assert_int_equal(ratel_ctx_new(&f->ctx, f->engine), RATEL_OK);
    f->neutral = test_slurp(TEST_NEUTRAL, &f->neutral_len);
    assert_non_null(f->neutral);
}

static void close_plans(fixture *f)
{
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    free(f->neutral);
    test_rmdir(f->dir);
}

/* Rates plan `id`; returns the code, the message in msg. */
static int rate_id(fixture *f, const char *id, char *msg, size_t len)
{
    ratel_quote *q = NULL;
    int rc = test_rate_json(&q, f->ctx, f->neutral, f->neutral_len, id, 0);
    snprintf(msg, len, "%s", rc ? ratel_ctx_errmsg(f->ctx) : "");
    ratel_quote_free(q);
    return rc;
}

#define PLAN_HEAD(id)                                                       \
    "plan = { id = '" id "', insurer = 'T', product = 'T', version = '1',"  \
    " effective_date = '2020-01-01', tables = { 'sme_terms' } }\n"

/* A quote's instruction count starts after its plan is loaded: a top
 * level and a rate() of some 800,000 instructions each (a loop step is
 * 8 with its tick) pass a limit of 1,000,000 on the first quote of a
 * context as on the next. */
static void test_sandbox_limits__load_counts_apart(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("a") "local n = 0 for i = 1, 100000 do n = n + i end\n"
        "function rate(d) local m = 0 for i = 1, 100000 do m = m + i end "
        PRICE "end\n"};
    ratel_engine_options o = test_engine_options();
    fixture f;
    char msg[512];
    (void)state;
    o.max_instructions = 1000000;
    open_plans(&f, src, 1, &o);
    assert_int_equal(rate_id(&f, "a", msg, sizeof msg), RATEL_OK);
    assert_int_equal(rate_id(&f, "a", msg, sizeof msg), RATEL_OK);
    close_plans(&f);
}

/* Work in C counts towards the instruction limit: one string.rep of
 * 1 MiB is 65,537 units, over a limit of 50,000 whatever few VM
 * instructions the plan runs. */
static void test_sandbox_limits__c_work_charged(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("a") "function rate(d) local s = ('x'):rep(1 << 20) "
        PRICE "end\n",
        PLAN_HEAD("b") "function rate(d) local s = ('x'):rep(1 << 10) "
        PRICE "end\n"};
    ratel_engine_options o = test_engine_options();
    fixture f;
    char msg[512];
    (void)state;
    o.max_instructions = 50000;
    open_plans(&f, src, 2, &o);
    assert_int_equal(rate_id(&f, "a", msg, sizeof msg), RATEL_ELIMIT);
    assert_non_null(strstr(msg, "instruction limit of 50000"));
    assert_int_equal(rate_id(&f, "b", msg, sizeof msg), RATEL_OK);
    close_plans(&f);
}

/* A run that ends after its deadline fails, whatever ran: compiling and
 * running a 1 MB plan at the top level reads the clock nowhere before
 * it ends, and it takes more than 1 ms. */
static void test_sandbox_limits__late_run_fails(void **state)
{
    ratel_engine_options o = test_engine_options();
    ratel_engine *e = NULL;
    char dir[64];
    buf src;
    int i;
    (void)state;
    buf_init(&src);
    buf_puts(&src, PLAN_HEAD("a"));
    for (i = 0; i < 100000; i++)
        buf_puts(&src, "x = 1\n");
    buf_puts(&src, "function rate(d) " PRICE "end\n");
    test_tmpdir(dir);
    test_write(dir, "t.lua", buf_cstr(&src));
    o.max_instructions = 0;
    o.max_milliseconds = 1;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_EPLAN);
    assert_non_null(strstr(ratel_engine_errmsg(e), "time limit of 1 ms"));
    ratel_engine_free(e);
    o.max_milliseconds = 0; /* without a deadline it loads */
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_OK);
    ratel_engine_free(e);
    test_rmdir(dir);
    buf_free(&src);
}

/* The outcome at a limit is the same whatever the context rated before.
 * A plan fills a table with 3,000,000 elements; its array part is 16 MiB
 * at 2^20 (some 8.4 million instructions in), and growing it to 32 MiB
 * passes the 32 MiB memory limit. Were garbage of earlier quotes
 * (collected meanwhile) counted in the room, the table would grow
 * further and meet the instruction limit (12 million) instead: so it did
 * once after one quote of another plan. Fresh, after other
 * quotes (which leave garbage and caches), after its own failure, in
 * either order: the same memory limit. */
static void test_sandbox_limits__outcome_independent_of_history(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("fill")
        "function rate(d) local t = {} for i = 1, 3000000 do t[i] = 'ab' "
        "end " PRICE "end\n",
        PLAN_HEAD("other")
        "function rate(d) local t = {} for i = 1, 2000 do t[i] = "
        "tostring(i) .. 'x' end " PRICE "end\n"};
    static const char *const orders[][4] = {
        {"fill", "fill", NULL, NULL},
        {"other", "fill", NULL, NULL},
        {"other", "other", "fill", NULL},
        {"fill", "other", "fill", NULL},
    };
    ratel_engine_options o = test_engine_options();
    char msg[512];
    size_t k, i;
    (void)state;
    o.max_instructions = 12000000;
    o.max_milliseconds = 0; /* time is never the same twice */
    for (k = 0; k < sizeof orders / sizeof *orders; k++) {
        fixture f;
        open_plans(&f, src, 2, &o);
        for (i = 0; i < 4 && orders[k][i]; i++) {
            int rc = rate_id(&f, orders[k][i], msg, sizeof msg);
            if (strcmp(orders[k][i], "other") == 0) {
                assert_int_equal(rc, RATEL_OK);
                continue;
            }
            assert_int_equal(rc, RATEL_ELIMIT);
            if (!strstr(msg, "t0.lua: memory limit of 33554432 bytes"))
                fail_msg("order %zu, quote %zu: '%s'", k, i, msg);
        }
        close_plans(&f);
    }
}

/* Resident memory after quotes that hit the memory limit (32 MiB) is
 * back near where it was: the interpreter is made anew and the C
 * library's free memory returned. (Not under AddressSanitizer, whose
 * allocator keeps freed memory on purpose.) */
static void test_sandbox_limits__memory_given_back(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("fill")
        "function rate(d) local t = {} for i = 1, 1e9 do t[i] = {i} end "
        PRICE "end\n"};
    ratel_engine_options o = test_engine_options();
    fixture f;
    char msg[512];
    long before, after, pages;
    FILE *statm;
    int i;
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#endif
    o.max_milliseconds = 0;
    open_plans(&f, src, 1, &o);
    statm = fopen("/proc/self/statm", "r");
    assert_non_null(statm);
    assert_int_equal(fscanf(statm, "%ld %ld", &pages, &before), 2);
    for (i = 0; i < 3; i++)
        assert_int_equal(rate_id(&f, "fill", msg, sizeof msg), RATEL_ELIMIT);
    rewind(statm);
    assert_int_equal(fscanf(statm, "%ld %ld", &pages, &after), 2);
    fclose(statm);
    after = (after - before) * (sysconf(_SC_PAGESIZE) / 1024);
    if (after > 8 * 1024)
        fail_msg("%ld KiB more resident after the memory limit", after);
    close_plans(&f);
}

/* In a menu, an option that hits the memory limit fails alone: the
 * interpreter made anew gives its memory back, the menu's shared(d) runs
 * again on the menu's declaration, and the next options give what they
 * give as quotes of their own. */
static void test_sandbox_limits__menu_after_memory_limit(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("m")
        "function shared(d) return { rev = d.applicant.revenue } end\n"
        "function rate(d, s)\n"
        "  local ded = d.coverages.liability.deductible\n"
        "  if ded == 300000 then local t = {} "
        "for i = 1, 1e9 do t[i] = {i} end end\n"
        "  cover('x', 1) set('x', 'p', s.rev // 1000 + ded) "
        "combine('c') round('policy', 'r', 10)\nend\n"};
    static const int64_t deductibles[3] = {100000, 300000, 1000000};
    ratel_engine_options o = test_engine_options();
    ratel_rate_options ro = RATEL_RATE_OPTIONS_INIT;
    ratel_options *opts = NULL;
    ratel_decl *d = NULL;
    ratel_menu *menu = NULL;
    const char *msg;
    fixture f;
    int i;
    (void)state;
    assert_int_equal(ratel_options_new(&opts), RATEL_OK);
    for (i = 0; i < 3; i++) {
        assert_int_equal(ratel_options_add(opts, NULL), RATEL_OK);
        assert_int_equal(ratel_options_set_int(opts, "request.deductible",
                                               deductibles[i]),
                         RATEL_OK);
    }
    o.max_milliseconds = 0; /* the machine's speed must not decide */
    open_plans(&f, src, 1, &o);
    assert_int_equal(ratel_decl_parse(&d, f.ctx, NULL, f.neutral,
                                      f.neutral_len),
                     RATEL_OK);
    ro.plan_id = "m";
    assert_int_equal(ratel_rate_menu(&menu, f.ctx, d, &ro, opts), RATEL_OK);
    assert_int_equal(ratel_menu_error(menu, 0, &msg), RATEL_OK);
    assert_int_equal(ratel_menu_error(menu, 1, &msg), RATEL_ELIMIT);
    if (!strstr(msg, "memory limit"))
        fail_msg("%s", msg);
    assert_int_equal(ratel_menu_error(menu, 2, &msg), RATEL_OK);
    assert_int_equal(ratel_quote_total_premium(ratel_menu_quote(menu, 0)),
                     500000 + 100000);
    assert_int_equal(ratel_quote_total_premium(ratel_menu_quote(menu, 2)),
                     500000 + 1000000);
    ratel_menu_free(menu);
    ratel_decl_free(d);
    ratel_options_free(opts);
    close_plans(&f);
}

/* A group's run, rate_group(d, members), has the limits of a quote: a
 * plan whose rate_group never ends stops on the instruction limit, on
 * the time limit when the count is off, and also when its ticks cannot
 * be trusted (a "\z" string before the loop); the context then rates the
 * next group. */
static void test_sandbox_limits__group_run_limited(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("loop") "function rate(d) " PRICE "end\n"
        "function rate_group(d, members) while true do end end\n",
        PLAN_HEAD("z") "function rate(d) " PRICE "end\n"
        "function rate_group(d, members) local s = \"a\\z\n\" "
        "while true do end end\n",
        PLAN_HEAD("ok") "function rate(d) " PRICE "end\n"
        "function rate_group(d, members) exclude(#members, 'left out') "
        PRICE "end\n"};
    static const char *const ids[] = {"loop", "z", "ok"};
    static const char *const expect[2] = {"instruction limit of 10000000",
                                          "time limit of 200 ms"};
    char *group;
    size_t len = 0, i;
    int pass;
    (void)state;
    group = test_slurp("examples/group.json", &len);
    assert_non_null(group);
    for (pass = 0; pass < 2; pass++) {
        ratel_engine_options o = test_engine_options();
        fixture f;
        if (pass == 1) { /* the clock alone */
            o.max_instructions = 0;
            o.max_milliseconds = 200;
        }
        open_plans(&f, src, 3, &o);
        for (i = 0; i < 3; i++) {
            ratel_quote *q = NULL;
            int rc = test_rate_json(&q, f.ctx, group, len, ids[i], 0);
            if (i < 2) {
                assert_int_equal(rc, RATEL_ELIMIT);
                if (!strstr(ratel_ctx_errmsg(f.ctx), expect[pass]))
                    fail_msg("%s: %s", ids[i], ratel_ctx_errmsg(f.ctx));
                assert_null(q);
                continue;
            }
            if (rc != RATEL_OK)
                fail_msg("%s: %s", ids[i], ratel_ctx_errmsg(f.ctx));
            assert_int_equal(ratel_quote_total_premium(q), 1000);
            ratel_quote_free(q);
        }
        close_plans(&f);
    }
    free(group);
}

/* A run that takes its budget of steps a few times gets it again, each
 * charged at its worst in advance (the count stays above what ran), and
 * runs on without the counting hook, while the charges stay within a
 * sixteenth of the limit; from then on, or at once when the limit is
 * small, the hook counts. This plan's budget is 240 steps: a loop of
 * 2,000 crosses it 8 times, one of 200,000 far more often. */
static void test_sandbox_limits__budget_refilled(void **state)
{
    static const char *const src[] = {
        PLAN_HEAD("a") "function rate(d) local n = 0 "
        "for i = 1, 2000 do n = n + i end " PRICE "end\n",
        PLAN_HEAD("b") "function rate(d) local n = 0 "
        "for i = 1, 200000 do n = n + i end " PRICE "end\n"};
    ratel_engine_options o = test_engine_options();
    fixture f;
    char msg[512];
    const sbx *s;
    (void)state;
    o.max_instructions = 10000000;
    open_plans(&f, src, 2, &o);
    s = f.ctx->sb;
    assert_int_equal(rate_id(&f, "a", msg, sizeof msg), RATEL_OK);
    assert_in_range(s->refills, 1, 37);
    assert_int_equal(s->counting, 0);
    assert_true(s->instructions >= (uint64_t)s->refills * SBX_UNCOUNTED);
    assert_int_equal(rate_id(&f, "b", msg, sizeof msg), RATEL_OK);
    assert_int_equal(s->refills, 10000000 / 16 / SBX_UNCOUNTED);
    assert_int_equal(s->counting, 1);
    /* and the steps after the refills counted, about 8 instructions each */
    assert_true(s->instructions > 1000000);
    close_plans(&f);

    o.max_instructions = 16 * SBX_UNCOUNTED - 1; /* no budget again */
    open_plans(&f, src, 2, &o);
    s = f.ctx->sb;
    assert_int_equal(rate_id(&f, "a", msg, sizeof msg), RATEL_OK);
    assert_int_equal(s->refills, 0);
    assert_int_equal(s->counting, 1);
    assert_int_equal(rate_id(&f, "b", msg, sizeof msg), RATEL_ELIMIT);
    assert_non_null(strstr(msg, "instruction limit"));
    close_plans(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sandbox_limits__load_counts_apart),
        cmocka_unit_test(test_sandbox_limits__c_work_charged),
        cmocka_unit_test(test_sandbox_limits__late_run_fails),
        cmocka_unit_test(test_sandbox_limits__outcome_independent_of_history),
        cmocka_unit_test(test_sandbox_limits__memory_given_back),
        cmocka_unit_test(test_sandbox_limits__menu_after_memory_limit),
        cmocka_unit_test(test_sandbox_limits__group_run_limited),
        cmocka_unit_test(test_sandbox_limits__budget_refilled),
    };
    alarm(120); /* a limit that does not hold ends the run */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
