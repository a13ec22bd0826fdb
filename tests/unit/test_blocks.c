/* test_blocks.c - shared_steps(fn, ...): a menu's options, their blocks
 * replayed, each give byte for byte the separate quote's (overrides,
 * rounding modes, table claims, reasons of every kind, tables used, what
 * the block returned); an option that changes more than the coverages
 * gets its own shared(d); a block reading what an option changes is
 * refused with the plan's file and line (the coverages), or run again
 * (a variable rate() set, a global), never replayed with another
 * option's figures; what a block may not call or return raises, in a
 * single quote as in a menu. */
#include "testutil.h"

#include "ctx_int.h"
#include "sandbox_int.h"

/* A block per coverage and one after combine(); the request's steps
 * between them. */
static const char good_plan[] = TEST_PLAN(
    "local function base(cov, a)\n"
    "  set(cov, 'Base', 50000)\n"
    "  factor(cov, 'Industry', 'sme_industry', a.industry)\n"
    "  refer('R1', 'a referral of the risk')\n"
    "  subject_to('S1', 'a condition')\n"
    "  warn('a warning')\n"
    "end\n"
    "local function tail(s)\n"
    "  at_least('policy', 'Minimum', s.minimum)\n"
    "  note('policy', 'A note', 1)\n"
    "  require_authority(2, 'needs two')\n"
    "  round('policy', 'Round', 100, 'half_even')\n"
    "  return 'kept', 2.5\n"
    "end\n"
    "function shared(d) return { minimum = 60000 } end\n"
    "function rate(d, s)\n"
    "  local c = d.coverages\n"
    "  cover('liability', c.liability.limit)\n"
    "  shared_steps(base, 'liability', d.applicant)\n"
    "  factor('liability', 'Deductible', 'sme_deductible',\n"
    "         c.liability.deductible)\n"
    "  mul('liability', 'Limit', c.liability.limit / 100000000)\n"
    "  if c.liability.limit > 200000000 then refer('BIG', 'big') end\n"
    "  combine('Total')\n"
    "  local what, x = shared_steps(tail, s)\n"
    "  note('policy', what, x)\n"
    "end\n");

typedef struct fixture {
    char dir[64];
    ratel_engine *e;
    ratel_ctx *c;
} fixture;

static void open_plan(fixture *f, const char *source)
{
    ratel_engine_options eo = test_engine_options();
    test_tmpdir(f->dir);
    test_write(f->dir, "t.lua", source);
    f->e = NULL;
    f->c = NULL;
    if (ratel_engine_open(&f->e, "tables/ratel.db", f->dir, &eo) != RATEL_OK)
        fail_msg("%s", ratel_engine_errmsg(f->e));
    assert_int_equal(ratel_ctx_new(&f->c, f->e), RATEL_OK);
}

static void close_plan(fixture *f)
{
    ratel_ctx_free(f->c);
    ratel_engine_free(f->e);
    test_rmdir(f->dir);
}

static ratel_decl *neutral(fixture *f)
{
    ratel_decl *d = NULL;
    size_t len = 0;
    char *json = test_slurp(TEST_NEUTRAL, &len);
    assert_int_equal(ratel_decl_parse(&d, f->c, NULL, json, len), RATEL_OK);
    free(json);
    return d;
}

#define NOPTS 5
static const int64_t limits[NOPTS] = {50000000, 100000000, 300000000,
                                      100000000, 100000000};
static const int64_t deductibles[NOPTS] = {100000, 300000, 1000000,
                                           100000, 100000};

/* The menu's options: limits and deductibles, then one that changes a
 * control (not a coverage) and one that changes the revenue. */
static ratel_options *options(void)
{
    ratel_options *o = NULL;
    size_t i;
    assert_int_equal(ratel_options_new(&o), RATEL_OK);
    for (i = 0; i < NOPTS; i++) {
        ratel_options_add(o, NULL);
        ratel_options_set_int(o, "coverages.liability.limit", limits[i]);
        ratel_options_set_int(o, "coverages.liability.deductible",
                              deductibles[i]);
        if (i == 3)
            ratel_options_set_bool(o, "controls.edr", 1);
        if (i == 4)
            ratel_options_set_int(o, "applicant.revenue", 5000000000);
    }
    return o;
}

static void set_option(fixture *f, ratel_decl *d, size_t i)
{
    assert_int_equal(ratel_decl_set_int(d, f->c, "coverages.liability.limit",
                                        limits[i]), 0);
    assert_int_equal(ratel_decl_set_int(d, f->c,
                                        "coverages.liability.deductible",
                                        deductibles[i]), 0);
    if (i == 3)
        assert_int_equal(ratel_decl_set_bool(d, f->c, "controls.edr", 1), 0);
    if (i == 4)
        assert_int_equal(ratel_decl_set_int(d, f->c, "applicant.revenue",
                                            5000000000), 0);
}

/* Every option of menu m equals the separate quote with ro; returns how
 * many blocks the menu replayed. */
static size_t assert_menu_as_quotes(fixture *f, const char *plan,
                                    const ratel_rate_options *ro)
{
    ratel_options *o = options();
    ratel_decl *base = neutral(f);
    ratel_menu *m = NULL;
    size_t i, replayed;
    if (ratel_rate_menu(&m, f->c, base, ro, o) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(f->c));
    replayed = f->c->sb->blocks_replayed;
    for (i = 0; i < NOPTS; i++) {
        ratel_decl *d = neutral(f);
        ratel_quote *q = NULL;
        const char *msg = NULL;
        set_option(f, d, i);
        if (ratel_rate(&q, f->c, d, ro) != RATEL_OK)
            fail_msg("%s option %zu: %s", plan, i, ratel_ctx_errmsg(f->c));
        if (ratel_menu_error(m, i, &msg) != RATEL_OK)
            fail_msg("%s option %zu: %s", plan, i, msg);
        test_assert_same_quote(q, ratel_menu_quote(m, i));
        ratel_quote_free(q);
        ratel_decl_free(d);
    }
    ratel_menu_free(m);
    ratel_decl_free(base);
    ratel_options_free(o);
    return replayed;
}

/* Options 1 and 2 (the coverages only) replay option 0's two blocks. */
static void test_blocks__menu_as_separate_quotes(void **state)
{
    fixture f;
    ratel_rate_options ro;
    (void)state;
    open_plan(&f, good_plan);
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    assert_int_equal(assert_menu_as_quotes(&f, "t", &ro), 4);
    close_plan(&f);
}

/* An override of a step inside a block applies in every option. */
static void test_blocks__overrides_replayed(void **state)
{
    static const ratel_override ov[] = {
        {"liability", "Base", 70000, "a broker's figure"},
        {"policy", "Minimum", 65000, "the floor agreed"}};
    fixture f;
    ratel_rate_options ro;
    (void)state;
    open_plan(&f, good_plan);
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    ro.overrides = ov;
    ro.noverrides = 2;
    assert_int_equal(assert_menu_as_quotes(&f, "t", &ro), 4);
    close_plan(&f);
}

/* The shipped plans' menus with options beyond the coverages (their
 * shared(d) reads the controls and the revenue). */
static void test_blocks__shipped_plans(void **state)
{
    static const char *const plans[] = {"sme-cyber", "questionnaire-cyber",
                                        "chamber-scheme"};
    fixture f;
    size_t p;
    (void)state;
    f.e = NULL;
    f.c = NULL;
    assert_int_equal(ratel_engine_open(&f.e, "tables/ratel.db",
                                       "rating-scripts", NULL), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&f.c, f.e), RATEL_OK);
    for (p = 0; p < 3; p++) {
        ratel_rate_options ro;
        ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
        ro.plan_id = plans[p];
        assert_int_not_equal(assert_menu_as_quotes(&f, plans[p], &ro), 0);
    }
    ratel_ctx_free(f.c);
    ratel_engine_free(f.e);
}

/* Rates the neutral declaration with `body` as a single quote and as a
 * menu of two options; both fail with `want` in the message. */
static void assert_fails(const char *source, const char *want)
{
    fixture f;
    ratel_decl *d;
    ratel_quote *q = NULL;
    ratel_options *o = options();
    ratel_menu *m = NULL;
    const char *msg = NULL;
    open_plan(&f, source);
    d = neutral(&f);
    assert_int_not_equal(test_rate(&q, f.c, d, NULL, 0), RATEL_OK);
    if (!strstr(ratel_ctx_errmsg(f.c), want))
        fail_msg("single quote: '%s' lacks '%s'", ratel_ctx_errmsg(f.c),
                 want);
    if (ratel_rate_menu(&m, f.c, d, NULL, o) != RATEL_OK)
        msg = ratel_ctx_errmsg(f.c); /* shared(d) failed: the whole menu */
    else
        assert_int_not_equal(ratel_menu_error(m, 1, &msg), RATEL_OK);
    if (!strstr(msg, want))
        fail_msg("menu: '%s' lacks '%s'", msg, want);
    ratel_menu_free(m);
    ratel_options_free(o);
    ratel_decl_free(d);
    close_plan(&f);
}

static void test_blocks__what_a_block_may_not_call(void **state)
{
    (void)state;
    assert_fails(TEST_PLAN(
        "local function b() set('x', 'p', 1) local p = premium('x') end\n"
        "function rate(d)\n"
        "  cover('x', 1)\n"
        "  shared_steps(b)\n"
        "end\n"), "t.lua:2: premium() cannot be called in shared_steps()");
    assert_fails(TEST_PLAN(
        "local function b() cover('y', 1) end\n"
        "function rate(d) shared_steps(b) end\n"),
        "t.lua:2: cover() cannot be called in shared_steps()");
    assert_fails(TEST_PLAN(
        "local function b() combine('c') end\n"
        "function rate(d) cover('x', 1) shared_steps(b) end\n"),
        "combine() cannot be called in shared_steps()");
    assert_fails(TEST_PLAN(
        "local function a() end\n"
        "local function b() shared_steps(a) end\n"
        "function rate(d) cover('x', 1) shared_steps(b) end\n"),
        "t.lua:3: shared_steps() cannot be called in shared_steps()");
    assert_fails(TEST_PLAN(
        "local function b() return {} end\n"
        "function rate(d) cover('x', 1) shared_steps(b) end\n"),
        "t.lua:3: shared_steps(): the function returned a table");
    assert_fails(TEST_PLAN(
        "function rate(d) cover('x', 1) shared_steps(42) end\n"),
        "function expected");
    assert_fails(TEST_PLAN(
        "local function b() end\n"
        "function rate(d) shared_steps(b, 1, 2, 3, 4, 5, 6, 7, 8, 9) end\n"),
        "at most 8 arguments");
    assert_fails(TEST_PLAN(
        "local function b() end\n"
        "function shared(d) shared_steps(b) return {} end\n"
        "function rate(d) cover('x', 1) end\n"),
        "t.lua:3: shared_steps() can only be called in rate(d, s)");
    assert_fails(TEST_PLAN(
        "local function b() for i = 1, 20000 do mul('x', 'm', 1) end end\n"
        "function rate(d) cover('x', 1) shared_steps(b) end\n"),
        "more than 10000 worksheet steps");
}

/* A block whose function raised an error a pcall caught is over: the
 * plan carries on and may cover() again; the block is not kept (its
 * step before the error stays, as any step taken), and the tables used
 * before it are still the quote's. */
static void test_blocks__error_caught_in_a_block(void **state)
{
    fixture f;
    ratel_options *o = options();
    ratel_decl *d;
    ratel_menu *m = NULL;
    char *json;
    size_t i;
    (void)state;
    open_plan(&f, TEST_PLAN(
        "local function b() set('x', 'half', 1) error('boom') end\n"
        "function rate(d)\n"
        "  cover('x', 1)\n"
        "  lookup('sme_industry', 'manufacturing')\n"
        "  assert(not pcall(shared_steps, b))\n"
        "  cover('y', 1) set('y', 'p', 1000) combine('c')\n"
        "end\n"));
    d = neutral(&f);
    assert_int_equal(ratel_rate_menu(&m, f.c, d, NULL, o), RATEL_OK);
    for (i = 0; i < NOPTS; i++) {
        const char *msg = NULL;
        if (ratel_menu_error(m, i, &msg) != RATEL_OK)
            fail_msg("option %zu: %s", i, msg);
        assert_int_equal(ratel_quote_total_premium(ratel_menu_quote(m, i)),
                         1001); /* the step taken before the error */
        json = test_quote_json(ratel_menu_quote(m, i));
        if (!strstr(json, "\"name\":\"sme_industry\""))
            fail_msg("option %zu: the table used before the block is "
                     "not listed: %s", i, json);
        ratel_free(json);
    }
    ratel_menu_free(m);
    ratel_decl_free(d);
    ratel_options_free(o);
    close_plan(&f);
}

/* A block may not read the coverages an option changes: d.coverages
 * through the declaration it is given, or a table of them as an
 * argument, raises (with the plan's line), in a single quote as in a
 * menu; the premium a step returns inside a block is nil. */
static void test_blocks__block_reading_the_request(void **state)
{
    (void)state;
    assert_fails(TEST_PLAN(
        "local function part(d)\n"
        "  set('liability', 'Base', d.coverages.liability.limit // 1000)\n"
        "end\n"
        "function rate(d)\n"
        "  cover('liability', d.coverages.liability.limit)\n"
        "  shared_steps(part, d)\n"
        "  combine('Total')\n"
        "end\n"), "t.lua:3: d.coverages cannot be read in shared_steps()");
    assert_fails(TEST_PLAN(
        "local function part(l) set('liability', 'Base', l.limit) end\n"
        "function rate(d)\n"
        "  cover('liability', d.coverages.liability.limit)\n"
        "  shared_steps(part, d.coverages.liability)\n"
        "end\n"), "t.lua:5: shared_steps(): argument 2 is part of "
                   "d.coverages");
    assert_fails(TEST_PLAN(
        "local function part()\n"
        "  set('liability', 'Base', 1000)\n"
        "  local p = mul('liability', 'Twice', 2)\n"
        "  mul('liability', 'Large', p > 1500 and 1.5 or 1)\n"
        "end\n"
        "function rate(d)\n"
        "  cover('liability', d.coverages.liability.limit)\n"
        "  shared_steps(part)\n"
        "end\n"), "t.lua:5: attempt to compare number with nil");
}

/* What rate() sets for the option and a block reads besides its
 * arguments: an upvalue (a number, a table of the coverages) is part of
 * the block's key, so the block runs again where it differs; a global
 * set before the block, a table or a closure the run made stop the
 * replay (they may change between two calls in one option).
 * Every option as its separate quote; the block replayed only where
 * nothing it reads differs. */
static void test_blocks__block_reading_what_rate_set(void **state)
{
    static const char *const plans[] = {
        TEST_PLAN("local limit\n"
                  "local function part() set('liability', 'Base', "
                  "limit // 1000) end\n"
                  "function rate(d)\n"
                  "  limit = d.coverages.liability.limit\n"
                  "  cover('liability', limit)\n"
                  "  shared_steps(part)\n"
                  "  combine('T')\n"
                  "end\n"),
        TEST_PLAN("local c\n"
                  "local function part() set('liability', 'Base', "
                  "c.limit // 1000) end\n"
                  "function rate(d)\n"
                  "  c = d.coverages.liability\n"
                  "  cover('liability', c.limit)\n"
                  "  shared_steps(part)\n"
                  "  combine('T')\n"
                  "end\n"),
        TEST_PLAN("local function part() set('liability', 'Base', "
                  "LIMIT // 1000) end\n"
                  "function rate(d)\n"
                  "  LIMIT = d.coverages.liability.limit\n"
                  "  cover('liability', LIMIT)\n"
                  "  shared_steps(part)\n"
                  "  combine('T')\n"
                  "end\n"),
        /* a table the run made, changed between two calls */
        TEST_PLAN("local function part(t) set('liability', 'Base', t.x) "
                  "end\n"
                  "function rate(d)\n"
                  "  local t = { x = d.coverages.liability.limit // 1000 }\n"
                  "  cover('liability', 1)\n"
                  "  shared_steps(part, t)\n"
                  "  t.x = t.x * 3\n"
                  "  shared_steps(part, t)\n"
                  "  combine('T')\n"
                  "end\n"),
        /* a closure the run made, over a local it changes */
        TEST_PLAN("function rate(d)\n"
                  "  local x = d.coverages.liability.limit // 1000\n"
                  "  local function part() set('liability', 'Base', x) end\n"
                  "  cover('liability', 1)\n"
                  "  shared_steps(part)\n"
                  "  x = x * 3\n"
                  "  shared_steps(part)\n"
                  "  combine('T')\n"
                  "end\n"),
        /* the declaration held by an upvalue, by shared(d)'s result,
           by a table the run made: no replay (only a block given d as
           an argument has d.coverages hidden) */
        TEST_PLAN("local D\n"
                  "local function part() set('liability', 'Base', "
                  "D.coverages.liability.limit // 1000) end\n"
                  "function rate(d)\n"
                  "  D = d\n"
                  "  cover('liability', 1)\n"
                  "  shared_steps(part)\n"
                  "  combine('T')\n"
                  "end\n"),
        TEST_PLAN("local function part(s) set('liability', 'Base', "
                  "s.d.coverages.liability.limit // 1000) end\n"
                  "function shared(d) return { d = d } end\n"
                  "function rate(d, s)\n"
                  "  cover('liability', 1)\n"
                  "  shared_steps(part, s)\n"
                  "  combine('T')\n"
                  "end\n"),
        TEST_PLAN("local function part(t) set('liability', 'Base', "
                  "t.d.coverages.liability.limit // 1000) end\n"
                  "function rate(d)\n"
                  "  cover('liability', 1)\n"
                  "  shared_steps(part, { d = d })\n"
                  "  combine('T')\n"
                  "end\n"),
        /* the same upvalue for every option: replayed */
        TEST_PLAN("local terms\n"
                  "local function part() set('liability', 'Base', "
                  "terms.minimum_premium) end\n"
                  "function rate(d)\n"
                  "  terms = map('sme_terms')\n"
                  "  cover('liability', d.coverages.liability.limit)\n"
                  "  shared_steps(part)\n"
                  "  mul('liability', 'L', d.coverages.liability.limit / 1e8)\n"
                  "  combine('T')\n"
                  "end\n")};
    /* options 0-2 change the limit: 50m, 100m, 300m */
    static const size_t want[] = {0, 0, 0, 0, 0, 0, 0, 0, 2};
    size_t p;
    (void)state;
    for (p = 0; p < sizeof plans / sizeof *plans; p++) {
        fixture f;
        ratel_rate_options ro;
        open_plan(&f, plans[p]);
        ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
        assert_int_equal(assert_menu_as_quotes(&f, "t", &ro), want[p]);
        close_plan(&f);
    }
}

/* A menu's options share what shared(d) returned: it is read-only to
 * its depth (an option writing into it fails, rather than changing what
 * the next option or a replayed block reads), and holds no function. */
static void test_blocks__shared_result_frozen(void **state)
{
    fixture f;
    ratel_options *o = options();
    ratel_decl *d;
    ratel_menu *m = NULL;
    const char *msg = NULL;
    (void)state;
    open_plan(&f, TEST_PLAN(
        "function shared(d) return { t = { x = 1 } } end\n"
        "function rate(d, s)\n"
        "  s.t.x = d.coverages.liability.limit\n"
        "  cover('liability', 1) set('liability', 'B', s.t.x)\n"
        "end\n"));
    d = neutral(&f);
    assert_int_equal(ratel_rate_menu(&m, f.c, d, NULL, o), RATEL_OK);
    assert_int_not_equal(ratel_menu_error(m, 0, &msg), RATEL_OK);
    if (!strstr(msg, "t.lua:4:") || !strstr(msg, "read-only"))
        fail_msg("%s", msg);
    ratel_menu_free(m);
    ratel_decl_free(d);
    close_plan(&f);
    open_plan(&f, TEST_PLAN(
        "function shared(d) return { f = function() return 1 end } end\n"
        "function rate(d, s) cover('liability', 1) end\n"));
    d = neutral(&f);
    assert_int_not_equal(ratel_rate_menu(&m, f.c, d, NULL, o), RATEL_OK);
    assert_non_null(strstr(ratel_ctx_errmsg(f.c),
                           "shared(d) returned a function"));
    ratel_decl_free(d);
    ratel_options_free(o);
    close_plan(&f);
}

/* shared(d) may not read d.coverages, which a menu computes once for
 * options that change them (the options were priced at the menu's
 * limit): any use raises with the plan's line, in a single quote as in
 * a menu; caught by a pcall, the quote goes on; and d.coverages is back
 * for rate(d, s) and for the next quote of the context. */
static void test_blocks__shared_may_not_read_the_coverages(void **state)
{
    static const char reads[] = TEST_PLAN(
        "function shared(d)\n"
        "  return { base = d.coverages.liability.limit // 1000 }\n"
        "end\n"
        "function rate(d, s) cover('liability', 1) set('liability', 'B', "
        "s.base) combine('T') end\n");
    static const char catches[] = TEST_PLAN(
        "function shared(d)\n"
        "  local ok = pcall(function() return #d.coverages end)\n"
        "  local ok2 = pcall(pairs, d.coverages)\n"
        "  return { seen = ok or ok2 }\n"
        "end\n"
        "function rate(d, s)\n"
        "  assert(not s.seen)\n"
        "  cover('liability', d.coverages.liability.limit)\n"
        "  set('liability', 'B', d.coverages.liability.limit // 1000)\n"
        "  combine('T')\n"
        "end\n");
    fixture f;
    ratel_rate_options ro;
    ratel_decl *d;
    ratel_quote *q = NULL;
    (void)state;
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    open_plan(&f, reads);
    d = neutral(&f);
    assert_int_not_equal(ratel_rate(&q, f.c, d, &ro), RATEL_OK);
    assert_non_null(strstr(ratel_ctx_errmsg(f.c),
                           "t.lua:3: d.coverages cannot be read in "
                           "shared(d)"));
    assert_null(q);
    ratel_decl_free(d);
    close_plan(&f);

    open_plan(&f, catches);
    d = neutral(&f);
    if (ratel_rate(&q, f.c, d, &ro) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(f.c));
    assert_int_equal(ratel_quote_total_premium(q), 100000);
    ratel_quote_free(q);
    ratel_decl_free(d);
    assert_menu_as_quotes(&f, "t", &ro);
    close_plan(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks__menu_as_separate_quotes),
        cmocka_unit_test(test_blocks__overrides_replayed),
        cmocka_unit_test(test_blocks__shipped_plans),
        cmocka_unit_test(test_blocks__what_a_block_may_not_call),
        cmocka_unit_test(test_blocks__error_caught_in_a_block),
        cmocka_unit_test(test_blocks__block_reading_the_request),
        cmocka_unit_test(test_blocks__block_reading_what_rate_set),
        cmocka_unit_test(test_blocks__shared_result_frozen),
        cmocka_unit_test(test_blocks__shared_may_not_read_the_coverages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
