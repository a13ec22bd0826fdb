/* test_sandbox_verify.c - the ticks are trusted only when the compiled
 * code shows they bound the plan (sandbox_verify.c): every plan in the
 * repository is proved; a loop or function left without a tick, a budget
 * written or shadowed, a plan whose text leaves the prelude's function,
 * each is caught; a plan whose ticks fall short still stops, under the
 * count hook; the names a plan may assign come from the code. */
#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <lualib.h>

#include "sandbox_int.h"

#define PRE "local _ratel_tick <const>, _ratel_budget = ..., 0; " \
            "return function(...) "
#define TICK " _ratel_budget=_ratel_budget-1;if _ratel_budget<0 then " \
             "_ratel_budget=_ratel_tick()end;"

/* Checks `body` wrapped as the prelude (without its constants) wraps a
 * plan; returns sbx_check_bytecode's code, the verdict in *bc and the
 * assigned names in names. */
static int check_text(const char *body, sbx_bytecode *bc, buf *names)
{
    lua_State *L = luaL_newstate();
    buf src;
    int rc;
    assert_non_null(L);
    buf_init(&src);
    buf_puts(&src, PRE);
    buf_puts(&src, body);
    buf_puts(&src, "\nend");
    if (luaL_loadbuffer(L, src.data, src.len, "=t") != LUA_OK)
        fail_msg("does not compile: %s", lua_tostring(L, -1));
    assert_int_equal(luaL_loadbuffer(L, PRE "\nend", sizeof PRE + 3, "=t"),
                     LUA_OK);
    bc->assigned = names;
    rc = sbx_check_bytecode(L, -2, -1, 1, bc);
    buf_free(&src);
    lua_close(L);
    return rc;
}

/* Whether the body, as written (no ticks added), is proved. */
static int proved(const char *body)
{
    sbx_bytecode bc;
    buf names;
    int rc;
    buf_init(&names);
    rc = check_text(body, &bc, &names);
    buf_free(&names);
    return rc == 0 && bc.ticks_hold;
}

/* Whether the body with the scanner's ticks is proved. */
static int proved_ticked(const char *body)
{
    buf b;
    int ok;
    buf_init(&b);
    assert_int_equal(sbx_add_ticks(&b, body, strlen(body)), 0);
    ok = proved(buf_cstr(&b));
    buf_free(&b);
    return ok;
}

/* Every plan of the repository and of the adversarial suite that Lua
 * compiles is proved with the scanner's ticks. */
static void test_sandbox_verify__repository_plans_proved(void **state)
{
    static const char *const dirs[] = {TEST_PLANS_DIR, "tests/sandbox"};
    int files = 0, d;
    (void)state;
    for (d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        struct dirent *de;
        assert_non_null(dir);
        while ((de = readdir(dir))) {
            char path[512];
            size_t n = strlen(de->d_name), len = 0;
            char *src;
            lua_State *L;
            int compiles;
            if (n < 5 || strcmp(de->d_name + n - 4, ".lua") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dirs[d], de->d_name);
            src = test_slurp(path, &len);
            assert_non_null(src);
            L = luaL_newstate();
            compiles = luaL_loadbuffer(L, src, len, "=t") == LUA_OK;
            lua_close(L);
            if (compiles && !strstr(src, "_ratel_") && !proved_ticked(src))
                fail_msg("%s: its ticks are not proved", path);
            files++;
            free(src);
        }
        closedir(dir);
    }
    assert_true(files > 100);
}

/* Each kind of loop, goto and function entry without its tick is found;
 * with the scanner's ticks each is proved. */
static void test_sandbox_verify__missing_ticks_found(void **state)
{
    static const char *const bodies[] = {
        "while x do y() end",
        "repeat y() until x",
        "for i = 1, 3 do y() end",
        "for k, v in pairs(t) do y() end",
        "::top:: y() goto top",
        "local function f() return f() end",
        "local f = function(...) return ... end",
        "function a.b:c() end",
        "x = function() for i = 1, 2 do end end",
        "while true do end",
        "repeat until false",
        "do while x do end end",
        "local t = { f = function() end }",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        if (proved(bodies[i]))
            fail_msg("'%s' without ticks was proved", bodies[i]);
        if (!proved_ticked(bodies[i]))
            fail_msg("'%s' with ticks was not proved", bodies[i]);
    }
    /* straight-line code at the top level needs none */
    assert_true(proved("local a = 1 x = a + 2 if x then y() end"));
}

/* One tick taken out of a ticked plan is enough to lose the proof. */
static void test_sandbox_verify__one_tick_removed(void **state)
{
    const char *body = "while x do y() end for i = 1, 2 do z() end";
    buf b;
    char *second;
    (void)state;
    buf_init(&b);
    assert_int_equal(sbx_add_ticks(&b, body, strlen(body)), 0);
    assert_true(proved(buf_cstr(&b)));
    second = strstr(strstr(b.data, TICK) + 1, TICK);
    assert_non_null(second);
    memmove(second, second + strlen(TICK), strlen(second + strlen(TICK)) + 1);
    assert_false(proved(b.data));
    buf_free(&b);
}

/* A plan that writes the budget, or declares its own, is not trusted:
 * the ticks are found by following upvalues, never by name. */
static void test_sandbox_verify__budget_guarded(void **state)
{
    (void)state;
    assert_false(proved("_ratel_budget = 1e9 while x do" TICK "end"));
    assert_false(proved("local function f()" TICK
                        "_ratel_budget = 100 end"));
    assert_false(proved("local _ratel_budget = 1e9 "
                        "local function f()" TICK "end"));
    assert_false(proved("local _ratel_tick = function() return 1e9 end "
                        "while x do" TICK "end"));
    assert_true(proved("local n = _ratel_budget while x do" TICK "end"));
}

/* Text that closes the prelude's function and runs code of its own in
 * the outer chunk is refused outright. */
static void test_sandbox_verify__escape_refused(void **state)
{
    sbx_bytecode bc;
    buf names;
    (void)state;
    buf_init(&names);
    assert_int_equal(check_text("x = 1 end, (function() while true do end "
                                "end)(), function()", &bc, &names), -1);
    assert_int_equal(check_text("end, 1, function()", &bc, &names), -1);
    assert_int_equal(check_text("x = 1", &bc, &names), 0);
    buf_free(&names);
}

/* The names of the upvalues some function sets, and no other. */
static void test_sandbox_verify__assigned_names(void **state)
{
    sbx_bytecode bc;
    buf names;
    (void)state;
    buf_init(&names);
    assert_int_equal(check_text(
        "local a, b, c, d = 1, 2, 3, 4\n"
        "local function f() a = 1 local function g() b = b + 1 end end\n"
        "local function h() return c end\n"
        "function k() d.x = 1 end\n"
        "local s = 'c = 1' --[[ c = 2 ]]\n", &bc, &names), 0);
    assert_string_equal(buf_cstr(&names), " b a "); /* inner first */
    assert_int_equal(bc.all_assigned, 0);
    buf_free(&names);
}

/* What the compiled code says besides: the longest run between ticks and
 * the string constants. */
static void test_sandbox_verify__facts(void **state)
{
    sbx_bytecode bc;
    buf names;
    (void)state;
    buf_init(&names);
    assert_int_equal(check_text("local s = 'a\\0b' local t = '" TICK "' "
                                "while x do" TICK "end", &bc, &names), 0);
    assert_int_equal(bc.nul_strings, 1);
    assert_int_equal(bc.longest_string, strlen(TICK));
    assert_true(bc.longest_run > 10);
    assert_int_equal(bc.budget_up, 2);
    buf_free(&names);
}

/* Lexer corners the scanner once misread: a string continued by \z over
 * a line break, an escaped CR LF, a comment ended by a lone CR. With
 * each, the loop that follows gets its tick. */
static void test_sandbox_verify__lexer_corners(void **state)
{
    static const char *const bodies[] = {
        "local s = \"a\\z\n  \" while x do end",
        "local s = 'a\\z\r\n\t' while x do end",
        "local s = \"a\\\r\n\" while x do end",
        "-- a comment\rwhile x do end",
        "local s = [[\r]] while x do end",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bodies / sizeof *bodies; i++)
        if (!proved_ticked(bodies[i]))
            fail_msg("case %zu: the loop after the string has no tick", i);
}

/* A scanner that missed a tick: the plan still loads and its runaway
 * loop stops, at load (the top level) and in rate(), under the count
 * hook instead of the ticks. */
static void test_sandbox_verify__missed_tick_runs_counted(void **state)
{
    static const char *const plans[] = {
        "plan = {} while true do end",
        "plan = {} function rate(d) while true do end end "
        "while true do end",
    };
    plan_limits lim = {100000, 8 << 20, 0};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof plans / sizeof *plans; i++) {
        sbx *s = sbx_new(&lim);
        plan_def p;
        ratel_err e;
        assert_non_null(s);
        memset(&p, 0, sizeof p);
        err_init(&e);
        p.path = strdup("t.lua");
        p.chunkname = strdup("@t.lua");
        p.source = strdup(plans[i]);
        p.source_len = strlen(p.source);
        p.ticked = strdup(p.source); /* as if the scanner saw no loop */
        p.ticked_len = p.source_len;
        assert_int_equal(sbx_inspect(s, &p, &e), RATEL_EPLAN);
        if (!strstr(e.message, "instruction limit"))
            fail_msg("%s", e.message);
        err_dispose(&e);
        plan_def_dispose(&p);
        sbx_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sandbox_verify__repository_plans_proved),
        cmocka_unit_test(test_sandbox_verify__missing_ticks_found),
        cmocka_unit_test(test_sandbox_verify__one_tick_removed),
        cmocka_unit_test(test_sandbox_verify__budget_guarded),
        cmocka_unit_test(test_sandbox_verify__escape_refused),
        cmocka_unit_test(test_sandbox_verify__assigned_names),
        cmocka_unit_test(test_sandbox_verify__facts),
        cmocka_unit_test(test_sandbox_verify__lexer_corners),
        cmocka_unit_test(test_sandbox_verify__missed_tick_runs_counted),
    };
    alarm(60); /* a runaway nothing stops ends the run */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
