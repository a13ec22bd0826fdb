/* test_sandbox_ticks.c - plans count their own steps: where the scanner
 * puts a tick (never inside a string, comment or long bracket), names
 * reserved for the engine, and every kind of runaway loop stopped by the
 * limits through the ticks. A missing tick would hang a test: an alarm
 * turns that into a failure. */
#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include "sandbox_int.h"

/* The source with ticks, each tick shown as '@'; NULL when refused, with
 * the line in *line. */
static char *ticked(const char *src, int *line)
{
    static const char tick[] =
        " _ratel_budget=_ratel_budget-1;if _ratel_budget<0 then "
        "_ratel_budget=_ratel_tick()end;";
    buf b;
    char *out, *p, *w;
    buf_init(&b);
    *line = sbx_add_ticks(&b, src, strlen(src));
    if (*line) {
        buf_free(&b);
        return NULL;
    }
    out = buf_take(&b);
    assert_non_null(out);
    for (p = w = out; *p;) {
        if (strncmp(p, tick, sizeof tick - 1) == 0) {
            *w++ = '@';
            p += sizeof tick - 1;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return out;
}

static void expect_ticks(const char *src, const char *want)
{
    int line;
    char *got = ticked(src, &line);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* A tick after every do and repeat, after a parameter list, before a
 * goto; nothing else changes, so lines hold. */
static void test_ticks__placed(void **state)
{
    (void)state;
    expect_ticks("while x do y() end", "while x do@ y() end");
    expect_ticks("for i = 1, 3 do end", "for i = 1, 3 do@ end");
    expect_ticks("for k, v in pairs(t) do\nend", "for k, v in pairs(t) do@\nend");
    expect_ticks("do local a = 1 end", "do@ local a = 1 end");
    expect_ticks("repeat n = n - 1 until n == 0",
                 "repeat@ n = n - 1 until n == 0");
    expect_ticks("::top:: goto top", "::top:: @goto top");
    expect_ticks("function a.b:c(x, ...) return x end",
                 "function a.b:c(x, ...)@ return x end");
    expect_ticks("local f = function() end", "local f = function()@ end");
    expect_ticks("local function g(a)\n  return f(a) end",
                 "local function g(a)@\n  return f(a) end");
    expect_ticks("x = f(a) y = (b)", "x = f(a) y = (b)");
    expect_ticks("", "");
}

/* Keywords inside strings, comments, long brackets and longer names are
 * not keywords. */
static void test_ticks__not_in_text(void **state)
{
    (void)state;
    expect_ticks("s = 'do' t = \"repeat\" -- while x do end\n",
                 "s = 'do' t = \"repeat\" -- while x do end\n");
    expect_ticks("s = \"a \\\" do\" do end", "s = \"a \\\" do\" do@ end");
    expect_ticks("s = '\\\\' do end", "s = '\\\\' do@ end");
    expect_ticks("s = [[ do ]] do end", "s = [[ do ]] do@ end");
    expect_ticks("s = [==[ ]] do ]=] ]==] do end",
                 "s = [==[ ]] do ]=] ]==] do@ end");
    expect_ticks("--[[ do\nfunction() ]] do end",
                 "--[[ do\nfunction() ]] do@ end");
    expect_ticks("--[=[ ]] do ]=] goto x", "--[=[ ]] do ]=] @goto x");
    expect_ticks("--[ do\ndo end", "--[ do\ndo@ end");
    expect_ticks("t[ [[do]] ] = undo + door + _do + do_",
                 "t[ [[do]] ] = undo + door + _do + do_");
    expect_ticks("x = 1e-5 do end x = 0x1p+4", "x = 1e-5 do@ end x = 0x1p+4");
    expect_ticks("s = 'function(' .. f(1) do end",
                 "s = 'function(' .. f(1) do@ end");
}

/* Names that begin with _ratel_ are refused, with their line; in text
 * they are only text. */
static void test_ticks__reserved_names(void **state)
{
    int line;
    (void)state;
    assert_null(ticked("x = 1\n_ratel_budget = 1e9\n", &line));
    assert_int_equal(line, 2);
    assert_null(ticked("local _ratel_tick = 1", &line));
    assert_int_equal(line, 1);
    assert_null(ticked("--[[\n\n]] t._ratel_x = 1", &line));
    assert_int_equal(line, 3);
    expect_ticks("s = '_ratel_budget' -- _ratel_tick",
                 "s = '_ratel_budget' -- _ratel_tick");
    expect_ticks("ratel_budget = _ratel", "ratel_budget = _ratel");
}

/* A top-level local a quote assigns, in any of those ways, is back to its
 * loaded value for the next quote; one never assigned keeps it without
 * being put back. */
static void test_ticks__assigned_locals_restored(void **state)
{
    ratel_engine_options o = test_engine_options();
    char dir[64];
    ratel_engine *e;
    ratel_ctx *c;
    size_t nlen = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &nlen);
    int i;
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "t.lua", TEST_PLAN(
        "local a, b, n = 1, 2, 0\n"
        "local function f() return 'f' end\n"
        "local function g() return 'g' end\n"
        "local function keep() return 'keep' end\n"
        "local t = { k = 1 }\n"
        "function rate(d)\n"
        "  assert(a == 1 and b == 2 and n == 0 and f() == 'f' and\n"
        "         g() == 'g' and keep() == 'keep' and t.k == 1)\n"
        "  a, b = b, a\n"
        "  n = n + 1\n"
        "  function f() return 'changed' end\n"
        "  g --[[ a comment ]] = nil\n"
        "  cover('liability', 1) set('liability', 'p', 1000)\n"
        "  combine('c') round('policy', 'r', 10)\n"
        "end\n"));
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    for (i = 0; i < 3; i++) {
        ratel_quote *q = NULL;
        if (test_rate_json(&q, c, neutral, nlen, NULL, 0) != RATEL_OK)
            fail_msg("quote %d: %s", i + 1, ratel_ctx_errmsg(c));
        ratel_quote_free(q);
    }
    ratel_ctx_free(c);
    ratel_engine_free(e);
    test_rmdir(dir);
    free(neutral);
}

/* Whether Lua compiles src[0..len). */
static int compiles(const char *src, size_t len)
{
    lua_State *L = luaL_newstate();
    int ok;
    assert_non_null(L);
    ok = luaL_loadbufferx(L, src, len, "=t", "t") == LUA_OK;
    lua_close(L);
    return ok;
}

/* Counts the files of `dir` ending in .lua whose text compiles exactly
 * when its ticked text does. */
static int same_verdict_in(const char *dir, int *files)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int same = 0;
    assert_non_null(d);
    while ((de = readdir(d))) {
        char path[512];
        size_t len = 0, n = strlen(de->d_name);
        char *src;
        buf b;
        if (n < 5 || strcmp(de->d_name + n - 4, ".lua") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        src = test_slurp(path, &len);
        assert_non_null(src);
        buf_init(&b);
        assert_int_equal(sbx_add_ticks(&b, src, len), 0);
        (*files)++;
        if (compiles(src, len) == compiles(b.data, b.len))
            same++;
        else
            print_error("%s: ticks change whether it compiles\n", path);
        buf_free(&b);
        free(src);
    }
    closedir(d);
    return same;
}

/* The plans and the hostile plans of the suite compile with ticks exactly
 * when they compile as written. */
static void test_ticks__same_verdict(void **state)
{
    int files = 0, same;
    (void)state;
    same = same_verdict_in(TEST_PLANS_DIR, &files) +
           same_verdict_in("tests/sandbox", &files);
    assert_true(files > 90);
    assert_int_equal(same, files);
}

/* Opens an engine on `body`, rates the neutral example and returns the
 * code, with the message in msg. */
static int rate_plan(const char *body, const ratel_engine_options *o,
                     char *msg, size_t msglen)
{
    char dir[64], src[2048];
    ratel_engine *e;
    ratel_ctx *c = NULL;
    ratel_quote *q = NULL;
    size_t nlen = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &nlen);
    int rc;
    snprintf(src, sizeof src, TEST_PLAN("%s"), body);
    test_tmpdir(dir);
    test_write(dir, "t.lua", src);
    rc = ratel_engine_open(&e, "tables/ratel.db", dir, o);
    if (rc == RATEL_OK) {
        assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
        rc = test_rate_json(&q, c, neutral, nlen, NULL, 0);
        snprintf(msg, msglen, "%s", rc ? ratel_ctx_errmsg(c) : "");
        ratel_quote_free(q);
        ratel_ctx_free(c);
    } else {
        snprintf(msg, msglen, "%s", ratel_engine_errmsg(e));
    }
    ratel_engine_free(e);
    test_rmdir(dir);
    free(neutral);
    return rc;
}

#define PRICE "cover('liability', 1) set('liability', 'p', 1000) " \
              "combine('c') round('policy', 'r', 10)\n"

static void expect_limit(const char *rate_body, const ratel_engine_options *o,
                         const char *needle)
{
    char src[1024], msg[512];
    snprintf(src, sizeof src, "function rate(d)\n%s\n" PRICE "end\n",
             rate_body);
    assert_int_equal(rate_plan(src, o, msg, sizeof msg), RATEL_ELIMIT);
    if (!strstr(msg, needle))
        fail_msg("'%s' not in '%s'", needle, msg);
}

/* Every way a plan can run without end stops at the instruction limit;
 * instructions count once a quote passes its uncounted steps. */
static void test_ticks__runaways_stop(void **state)
{
    static const char *const loops[] = {
        "while true do end",
        "repeat until false",
        "for i = 1, math.maxinteger do end",
        "::again:: goto again",
        "local function f() return f() end f()",
        "local function f(n) return n + f(n) end pcall(f, 1) while true do end",
        "local s = ('x'):rep(100) while true do s:gsub('x', function() end) end",
        "local s = ']] do' --[[ do ]] while true do end",
        "for i = 1, 3000 do end for i = 1, 100000 do local x = i * 2 end",
        "pcall(function() while true do end end) while true do end",
    };
    ratel_engine_options o = test_engine_options();
    size_t i;
    (void)state;
    o.max_instructions = 100000;
    for (i = 0; i < sizeof loops / sizeof *loops; i++)
        expect_limit(loops[i], &o, "instruction limit of 100000");
}

/* With the instruction count off, the deadline stops them: the ticks
 * check the clock. */
static void test_ticks__deadline_alone(void **state)
{
    ratel_engine_options o = test_engine_options();
    (void)state;
    o.max_instructions = 0;
    o.max_milliseconds = 30;
    expect_limit("::again:: goto again", &o, "time limit of 30 ms");
    expect_limit("pcall(function() repeat until false end) "
                 "while true do end", &o, "time limit of 30 ms");
}

/* A quote that loops past the uncounted steps (so the count hook goes on)
 * but ends is rated; the counting does not carry over: the next quote's
 * runaway still stops at the limit, and a third quote is rated again. */
static void test_ticks__long_quote_then_next(void **state)
{
    ratel_engine_options o = test_engine_options();
    char dir[64];
    ratel_engine *e;
    ratel_ctx *c;
    ratel_quote *q = NULL;
    size_t nlen = 0;
    char *neutral = test_slurp(TEST_NEUTRAL, &nlen), *runaway, *p;
    (void)state;
    o.max_instructions = 1000000;
    assert_non_null(neutral);
    runaway = strdup(neutral);
    assert_non_null(runaway);
    p = strstr(runaway, "500000000"); /* the neutral revenue */
    assert_non_null(p);
    memcpy(p, "400000000", 9);
    test_tmpdir(dir);
    test_write(dir, "t.lua", TEST_PLAN(
        "local n = 0\n"
        "function rate(d)\n"
        "  if d.applicant.revenue == 400000000 then while true do end end\n"
        "  for i = 1, 20000 do n = n + 1 end\n" PRICE "end\n"));
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", dir, &o),
                     RATEL_OK);
    assert_int_equal(ratel_ctx_new(&c, e), RATEL_OK);
    assert_int_equal(test_rate_json(&q, c, neutral, nlen, NULL, 0), RATEL_OK);
    ratel_quote_free(q);
    assert_int_equal(test_rate_json(&q, c, runaway, nlen, NULL, 0),
                     RATEL_ELIMIT);
    assert_non_null(strstr(ratel_ctx_errmsg(c), "instruction limit"));
    assert_int_equal(test_rate_json(&q, c, neutral, nlen, NULL, 0), RATEL_OK);
    ratel_quote_free(q);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    test_rmdir(dir);
    free(runaway);
    free(neutral);
}

/* A reserved name is a load error naming the file and line, whether or
 * not the engine has limits. */
static void test_ticks__reserved_at_load(void **state)
{
    ratel_engine_options o = test_engine_options();
    char msg[512];
    (void)state;
    assert_int_equal(rate_plan("function rate(d)\n  _ratel_budget = 1e9\n"
                               PRICE "end\n", &o, msg, sizeof msg),
                     RATEL_EPLAN);
    assert_non_null(strstr(msg, "t.lua:3: names that begin with '_ratel_'"));
    o.max_instructions = 0;
    o.max_milliseconds = 0;
    assert_int_equal(rate_plan("function rate(d)\n  _ratel_budget = 1e9\n"
                               PRICE "end\n", &o, msg, sizeof msg),
                     RATEL_EPLAN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks__placed),
        cmocka_unit_test(test_ticks__not_in_text),
        cmocka_unit_test(test_ticks__reserved_names),
        cmocka_unit_test(test_ticks__same_verdict),
        cmocka_unit_test(test_ticks__assigned_locals_restored),
        cmocka_unit_test(test_ticks__runaways_stop),
        cmocka_unit_test(test_ticks__deadline_alone),
        cmocka_unit_test(test_ticks__long_quote_then_next),
        cmocka_unit_test(test_ticks__reserved_at_load),
    };
    alarm(60); /* a runaway that no tick stops ends the test run */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
