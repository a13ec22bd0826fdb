/* test_sandbox.c - what a plan can and cannot do: allow-listed globals,
 * read-only declaration and libraries, limits, errors with script and
 * line, no state carried from one quote to the next. */
#include "testutil.h"

typedef struct fixture {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
    char *neutral;
    size_t neutral_len;
} fixture;

/* Opens an engine on a one-plan directory holding `source`. */
static fixture *open_plan(const char *source, const ratel_engine_options *o)
{
    fixture *f = calloc(1, sizeof *f);
    ratel_engine_options with_schemas = test_engine_options();
    assert_non_null(f);
    if (!o)
        o = &with_schemas;
    test_tmpdir(f->dir);
    test_write(f->dir, "t.lua", source);
    assert_int_equal(ratel_engine_open(&f->engine, "tables/ratel.db", f->dir,
                                       o), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&f->ctx, f->engine), RATEL_OK);
    f->neutral = test_slurp(TEST_NEUTRAL, &f->neutral_len);
    assert_non_null(f->neutral);
    return f;
}

static void close_plan(fixture *f)
{
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    free(f->neutral);
    test_rmdir(f->dir);
    free(f);
}

static int rate(fixture *f, ratel_quote **q)
{
    return test_rate_json(q, f->ctx, f->neutral, f->neutral_len, NULL, 0);
}

#define PRICE "cover('liability', 1) set('liability', 'p', 1000) " \
              "combine('c') round('policy', 'r', 10) "

/* Rates the plan `src` `times` times; each quote must succeed. */
static void expect_rates(const char *src, int times)
{
    fixture *f = open_plan(src, NULL);
    int i;
    for (i = 0; i < times; i++) {
        ratel_quote *q = NULL;
        if (rate(f, &q) != RATEL_OK)
            fail_msg("quote %d: %s", i + 1, ratel_ctx_errmsg(f->ctx));
        ratel_quote_free(q);
    }
    close_plan(f);
}

/* A plan whose rate() runs `lua` first, then prices 1,000 yen. */
static void expect_script_error(const char *lua, const char *needle)
{
    char src[4096];
    fixture *f;
    ratel_quote *q = NULL;
    snprintf(src, sizeof src, TEST_PLAN("function rate(d)\n%s\n" PRICE
                                        "end\n"), lua);
    f = open_plan(src, NULL);
    assert_int_equal(rate(f, &q), RATEL_ESCRIPT);
    assert_null(q);
    if (!strstr(ratel_ctx_errmsg(f->ctx), needle))
        fail_msg("message '%s' lacks '%s'", ratel_ctx_errmsg(f->ctx), needle);
    assert_int_equal(ratel_ctx_errline(f->ctx), 3); /* plan line 1, rate line 2 */
    assert_non_null(strstr(ratel_ctx_errscript(f->ctx), "t.lua"));
    close_plan(f);
}

static void test_sandbox__no_io_os_require_load(void **state)
{
    (void)state;
    expect_script_error("io.open('/etc/passwd')", "io");
    expect_script_error("os.execute('true')", "os");
    expect_script_error("require('os')", "require");
    expect_script_error("dofile('/etc/passwd')", "dofile");
    expect_script_error("loadfile('/etc/passwd')", "loadfile");
    expect_script_error("load('return 1')()", "load");
    expect_script_error("debug.getinfo(1)", "debug");
    expect_script_error("string.dump(rate)", "dump");
    expect_script_error("collectgarbage()", "collectgarbage");
    expect_script_error("setmetatable({}, {})", "setmetatable");
    expect_script_error("rawset(string, 'x', 1)", "rawset");
    expect_script_error("math.random()", "random");
}

static void test_sandbox__shared_tables_read_only(void **state)
{
    (void)state;
    expect_script_error("string.upper = nil", "read-only");
    expect_script_error("math.pi = 3", "read-only");
    expect_script_error("d.applicant.revenue = 0", "read-only");
    expect_script_error("d.controls.mfa = false", "read-only");
    expect_script_error("d.request = {}", "read-only");
    expect_script_error("d.coverages.liability.limit = 0", "read-only");
    expect_script_error("table.insert(d.incidents, {})", "read-only");
}

static void test_sandbox__error_names_script_and_line(void **state)
{
    (void)state;
    expect_script_error("error('boom')", "boom");
    expect_script_error("local x = nil; x.y = 1", "attempt to index");
    expect_script_error("lookup('sme_industry', 'farming')", "no row");
    expect_script_error("lookup('nope', 1)", "not declared");
    expect_script_error("lookup('sme_industry', {})", "must be a string");
    expect_script_error("set('liability', 'x', 1)", "unknown coverage");
    expect_script_error("error({})", "error object is a table");
}

/* A global written in one quote is not there in the next; nor is a change
 * to a local at the chunk's top level. */
static void test_sandbox__no_state_between_quotes(void **state)
{
    fixture *f = open_plan(TEST_PLAN(
        "local calls = 0\n"
        "function rate(d)\n"
        "  calls = calls + 1\n"
        "  if seen then error('global leaked') end\n"
        "  if calls > 1 then error('upvalue leaked') end\n"
        "  seen = true\n" PRICE "end\n"), NULL);
    ratel_quote *q;
    int i;
    (void)state;
    for (i = 0; i < 3; i++) {
        q = NULL;
        assert_int_equal(rate(f, &q), RATEL_OK);
        assert_int_equal(ratel_quote_total_premium(q), 1000);
        ratel_quote_free(q);
    }
    close_plan(f);
}

/* The top level runs once per context and is frozen: its tables are
 * read-only, its locals come back to their loaded values for every
 * quote, and a quote's globals start empty. */
static void test_sandbox__top_level_frozen(void **state)
{
    fixture *f = open_plan(TEST_PLAN(
        "local rates = { base = 1000, nested = { k = 1 } }\n"
        "local cache = nil\n"
        "local n = 0\n"
        "function rate(d)\n"
        "  n = n + 1\n"
        "  if n ~= 1 then error('local leaked: ' .. n) end\n"
        "  if cache then error('upvalue leaked') end\n"
        "  cache = {}\n"
        "  if pcall(function() rates.base = 0 end) then error('mutable') end\n"
        "  if pcall(function() rates.nested.k = 2 end) then error('deep') end\n"
        "  if pcall(function() plan.id = 'x' end) then error('plan') end\n"
        "  if leaked then error('global leaked') end\n"
        "  leaked = true\n"
        "  cover('liability', 1) set('liability', 'p', rates.base)\n"
        "  combine('c') round('policy', 'r', 10)\n"
        "end\n"), NULL);
    ratel_quote *q;
    int i;
    (void)state;
    for (i = 0; i < 3; i++) {
        q = NULL;
        if (rate(f, &q) != RATEL_OK)
            fail_msg("%s", ratel_ctx_errmsg(f->ctx));
        assert_int_equal(ratel_quote_total_premium(q), 1000);
        ratel_quote_free(q);
    }
    close_plan(f);
}

static void test_sandbox__instruction_limit_and_recovery(void **state)
{
    ratel_engine_options o = test_engine_options();
    fixture *f;
    ratel_quote *q = NULL;
    (void)state;
    o.max_instructions = 100000;
    f = open_plan(TEST_PLAN(
        "function rate(d)\n"
        "  if d.applicant.revenue == 500000000 then\n"
        "    while true do pcall(function() while true do end end) end\n"
        "  end\n" PRICE "end\n"), &o);
    assert_int_equal(rate(f, &q), RATEL_ELIMIT);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "instruction limit"));
    /* the context still works */
    {
        char *other = strdup(f->neutral);
        char *p = strstr(other, "500000000");
        memcpy(p, "400000000", 9);
        assert_int_equal(test_rate_json(&q, f->ctx, other, strlen(other),
                                         NULL, 0), RATEL_OK);
        assert_int_equal(ratel_quote_total_premium(q), 1000);
        ratel_quote_free(q);
        free(other);
    }
    close_plan(f);
}

static void test_sandbox__memory_limit_and_recovery(void **state)
{
    ratel_engine_options o = test_engine_options();
    fixture *f;
    ratel_quote *q = NULL;
    int i;
    (void)state;
    o.max_memory = 1 << 20;
    f = open_plan(TEST_PLAN(
        "function rate(d)\n"
        "  local t = {}\n"
        "  if d.applicant.employees == 45 then\n"
        "    for i = 1, 1e7 do t[i] = tostring(i) .. 'xxxxxxxxxxxxxxxx' end\n"
        "  end\n" PRICE "end\n"), &o);
    for (i = 0; i < 3; i++) {
        assert_int_equal(rate(f, &q), RATEL_ELIMIT);
        assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "memory limit"));
    }
    close_plan(f);
}

/* The deadline holds where the instruction budget is off, even inside
 * pcall. */
static void test_sandbox__time_limit(void **state)
{
    ratel_engine_options o = test_engine_options();
    fixture *f;
    ratel_quote *q = NULL;
    (void)state;
    o.max_instructions = 0;
    o.max_milliseconds = 50;
    f = open_plan(TEST_PLAN(
        "function rate(d)\n"
        "  pcall(function() while true do end end)\n"
        "  while true do end\n"
        PRICE "end\n"), &o);
    assert_int_equal(rate(f, &q), RATEL_ELIMIT);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "time limit of 50 ms"));
    close_plan(f);
}

/* A memory error the plan catches with pcall still fails the quote. */
static void test_sandbox__memory_error_caught_still_fails(void **state)
{
    ratel_engine_options o = test_engine_options();
    fixture *f;
    ratel_quote *q = NULL;
    (void)state;
    o.max_memory = 1 << 20;
    f = open_plan(TEST_PLAN(
        "function rate(d)\n"
        "  pcall(function() local s = 'x' while true do s = s .. s end end)\n"
        PRICE "end\n"), &o);
    assert_int_equal(rate(f, &q), RATEL_ELIMIT);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "memory limit"));
    close_plan(f);
}

static void test_sandbox__costly_c_functions_refused(void **state)
{
    (void)state;
    expect_script_error("string.find(('a'):rep(5e4), '.-.-.-.-.-b')",
                        "pattern too costly");
    expect_script_error("string.rep('x', 1e9)", "string.rep");
    expect_script_error("string.format('%p', {})", "%p is not allowed");
    expect_script_error("cover('x', 1) set('x', 'a\\0b', 1)",
                        "control character");
    expect_script_error("cover('x', 1) set('x', 'a\\255b', 1)", "UTF-8");
    /* past the first 8 bytes, which are scanned a word at a time */
    expect_script_error("cover('x', 1) set('x', 'abcdefgh\\1', 1)",
                        "control character");
    expect_script_error("cover('x', 1) set('x', 'abcdefghijklmno\\127\\31', 1)",
                        "control character");
    expect_script_error("cover('x', 1) set('x', 'abcdefghijklmnop\\200', 1)",
                        "UTF-8");
    expect_script_error("cover('x', 1) set('x', 'abc\\tdefgh\\ni\\195\\169j', 1) "
                        "error('accepted')", "accepted");
    /* a label that failed is not remembered as checked */
    expect_script_error("cover('x', 1) pcall(set, 'x', 'a\\0b', 1) "
                        "set('x', 'a\\0b', 1)", "control character");
    /* nor one checked, evicted from the cache by many others, and gone */
    expect_script_error("cover('x', 1) for i = 1, 600 do note('x', 'n' .. i, 1) "
                        "note('x', 'n' .. i, 1) end set('x', 'a\\0b', 1)",
                        "control character");
    expect_script_error("xpcall(error, error)", "xpcall");
    expect_script_error("cover('x', 1) mul('x', 'f', 2, 'no_such_table')",
                        "not declared");
    expect_script_error("refer('', 'why')", "reason code is empty");
    expect_script_error("refer('X', ('x'):rep(5000))", "longer than");
}

static void test_sandbox__pairs_is_ordered(void **state)
{
    (void)state;
    expect_rates(TEST_PLAN(
        "function rate(d)\n"
        "  local names = {}\n"
        "  for k in pairs(d.controls) do names[#names + 1] = k end\n"
        "  if names[1] ~= 'access_control' or names[#names] ~= 'vpn_maintenance'\n"
        "     or #names ~= 18 then error('order ' .. table.concat(names, ',')) end\n"
        "  local on = ''\n"
        "  for k, v in pairs(d.controls) do if v then on = on .. k .. ' ' end end\n"
        "  if on ~= 'mfa offline_backup patch_management risk_assessment '\n"
        "     .. 'security_policy staff_training ' then error('values ' .. on) end\n"
        "  local f, st, c = pairs(d.applicant)\n"
        "  if f(st, c, 'extra') ~= f(st, c) or f() ~= nil then\n"
        "    error('iterator arguments') end\n"
        "  if st ~= nil or type(c) == 'table' then error('real table shown') end\n"
        "  local n = 0 for _ in pairs(d.applicant) do n = n + 1 end\n"
        "  if n ~= 7 then error('applicant fields ' .. n) end\n"
        "  local t = { b = 1, a = 2, [3] = 0, [1] = 0 }\n"
        "  local seq = ''\n"
        "  for k in pairs(t) do seq = seq .. tostring(k) end\n"
        "  if seq ~= '13ab' then error('mixed order ' .. seq) end\n"
        "  if tostring({}) ~= 'table' then error('address in tostring') end\n"
        "  if string.format('%s', {}) ~= 'table' then error('address in format') end\n"
        "  local recs = {}\n"
        "  for i = 1, 300 do recs[i] = { k = i % 3, i = i } end\n"
        "  table.sort(recs, function(a, b) return a.k < b.k end)\n"
        "  for i = 2, 300 do\n"
        "    local a, b = recs[i - 1], recs[i]\n"
        "    if a.k == b.k and a.i > b.i then error('sort not stable') end\n"
        "  end\n"
        "  local nums = { 5, 3, 9, 1 } table.sort(nums)\n"
        "  if table.concat(nums, ',') ~= '1,3,5,9' then error('sort') end\n"
        PRICE "end\n"), 1);
}

static void test_sandbox__declaration_visible(void **state)
{
    (void)state;
    expect_rates(TEST_PLAN(
        "function rate(d)\n"
        "  local a = d.applicant\n"
        "  assert(d.effective_date == '2026-07-01')\n"
        "  assert(a.revenue == 500000000 and math.type(a.revenue) == 'integer')\n"
        "  assert(a.industry == 'manufacturing' and a.employees == 45)\n"
        "  assert(d.controls.mfa == true and d.controls.edr == false)\n"
        "  assert(d.certifications.isms == false and #d.incidents == 0)\n"
        "  local c = d.coverages\n"
        "  assert(c.liability.deductible == 100000 and c.liability.coinsurance_pct == 100)\n"
        "  assert(c.expense.deductible == 100000 and c.expense.coinsurance_pct == 100)\n"
        "  assert(c.bi.deductible == 100000 and c.bi.limit == 0)\n"
        "  assert(add_years('2024-02-29', 1) == '2025-02-28')\n"
        "  assert(add_years('2000-02-29', 100) == '2100-02-28')\n"
        "  assert(add_years('2000-02-29', 400) == '2400-02-29')\n"
        "  assert(add_years('2024-02-29', -24.0) == '2000-02-29')\n"
        "  assert(add_years('2023-02-28', 1) == '2024-02-28')\n"
        "  assert(not pcall(add_years, '2024-01-01', 1.5))\n"
        "  assert(not pcall(add_years, 20240101, 1))\n"
        "  assert(days_between('2026-01-01', '2026-03-01') == 59)\n"
        "  assert(round_amount(1234.5, 10, 'half_even') == 1230)\n"
        "  assert(yen(100000000) == '100,000,000' and yen(-1234) == '-1,234')\n"
        "  assert(yen(999) == '999' and not pcall(yen, 1.5))\n"
        "  assert(yen(0) == '0' and yen(-123456) == '-123,456')\n"
        "  assert(yen(1000.0) == '1,000' and yen(-100) == '-100')\n"
        "  assert(yen(math.mininteger) == '-9,223,372,036,854,775,808')\n"
        "  assert(yen(math.maxinteger) == '9,223,372,036,854,775,807')\n"
        "  assert(lookup('sme_incident_severity', 1000000) == 1.25)\n"
        "  assert(find('sme_industry', 'farming') == nil)\n"
        /* keys: integers of either subtype, fractions, wrong types */
        "  assert(lookup('sme_deductible', 50000.0) == 1.03)\n"
        "  assert(find('sme_deductible', 50000.5) == nil)\n"
        "  assert(math.abs(lookup('sme_incident_severity', 999999.5) - "
        "1.249999875) < 1e-12)\n"
        "  assert(lookup('sme_incident_severity', 0.0) == 1)\n"
        "  local ok, e = pcall(lookup, 'sme_deductible', '50000')\n"
        "  assert(not ok and e:find('wrong type', 1, true))\n"
        "  ok, e = pcall(lookup, 'sme_deductible', {})\n"
        "  assert(not ok and e:find('key 1 of table', 1, true))\n"
        "  ok, e = pcall(lookup, 'sme_deductible')\n"
        "  assert(not ok and e:find('takes 1 key(s), got 0', 1, true))\n"
        "  ok, e = pcall(lookup, 'sme_incident_severity', 0/0)\n"
        "  assert(not ok and e:find('wrong type', 1, true))\n"
        "  assert(nearest('sme_deductible', 200000, 'down') == 100000)\n"
        "  assert(nearest('sme_deductible', 200000, 'up') == 300000)\n"
        "  assert(nearest('sme_deductible', 300000, 'up') == 300000)\n"
        "  assert(nearest('sme_deductible', 2e7, 'up') == 10000000)\n"
        "  assert(nearest('sme_deductible', -5, 'down') == 0)\n"
        "  assert(not pcall(nearest, 'sme_industry', 1, 'up'))\n"
        "  local m = map('sme_industry')\n"
        "  assert(m.retail == 1.375 and map('sme_industry') == m)\n"
        "  local ok, err = pcall(function() return m.farming end)\n"
        "  assert(not ok and err:find(\"table 'sme_industry' (version \", 1, true)\n"
        "         and err:find(\"has no row for key 'farming'\", 1, true))\n"
        "  assert(not pcall(function() m.retail = 0 end))\n"
        "  assert(map('sme_terms', 'value').minimum_premium == 10000)\n"
        "  assert(not pcall(map, 'sme_incident_severity'))\n"
        "  assert(not pcall(map, 'sme_terms', 'nope'))\n"
        PRICE "end\n"), 1);
}

/* string.format's fast path (%s of a string, %d of a whole number, %g, %%) and
 * Lua's own for the rest give the same texts; add_years moves the year. */
static void test_sandbox__format_and_dates(void **state)
{
    (void)state;
    expect_rates(TEST_PLAN(
        "function rate(d)\n"
        "  local f = string.format\n"
        "  assert(f('%d of %d', 7, -12) == '7 of -12')\n"
        "  assert(f('%s/%s %%', 'a', 'bc') == 'a/bc %')\n"
        "  assert(f('%d', math.mininteger) == '-9223372036854775808')\n"
        "  assert(f('%d|%d', math.maxinteger, 0) == '9223372036854775807|0')\n"
        "  assert(f('%d', 3.0) == '3' and f('%s', 12) == '12')\n"
        "  assert(f('%5d|%-3s|', 42, 'x') == '   42|x  |')\n"
        "  assert(f('%s', 'a\\0b') == 'a\\0b' and f('100%%') == '100%')\n"
        "  assert(f('%s %g', 'x', 0.25) == 'x 0.25')\n"
        "  assert(f('%d|%d', 2^53, -0.0) == '9007199254740992|0')\n"
        "  assert(not pcall(f, '%d', 2^63) and not pcall(f, '%d', 0/0))\n"
        "  assert(f('%s%%', string.rep('x', 600)) == string.rep('x', 600) .. '%')\n"
        "  assert(f('%d%s', 1, string.rep('y', 511)) == '1' .. string.rep('y', 511))\n"
        /* %g built directly must be C's %.6g (built by snprintf) */
        "  local function same(x)\n"
        "    if f('%g', x) ~= f('%.6g', x) then\n"
        "      error(f('%%g of %.17g: %s, C gives %s', x, f('%g', x), f('%.6g', x)))\n"
        "    end\n"
        "  end\n"
        "  for _, x in ipairs({0, -0.0, 1, -1, 0.1, 0.2 + 0.1, 1/3, 0.5, 1.25,\n"
        "      123456, 1234567, 999999.5, 999999.4, 0.0001, 0.00009999, 1e-5,\n"
        "      0.001, 99999.95, 123.456, 2^53, 1e300, 1/0, -1/0, 0/0, 7,\n"
        "      0.000123456, 0.0001234567, 100000, 1e6, 12.5, -3.75}) do\n"
        "    same(x)\n"
        "  end\n"
        "  for i = 1, 3000 do\n"
        "    same(i / 1000) same(i / 7) same(i * 0.37) same(-i / 64)\n"
        "    same(i / 1e6) same(i * 333.333)\n"
        "  end\n"
        "  assert(not pcall(f, '%d', 1.5) and not pcall(f, '%d'))\n"
        "  assert(not pcall(f, '%s') and not pcall(f, 'x%'))\n"
        "  assert(add_years('2024-02-29', -4) == '2020-02-29')\n"
        "  assert(add_years('2026-12-31', 3) == '2029-12-31')\n"
        "  assert(not pcall(add_years, '2026-01-01', 1000))\n"
        "  assert(not pcall(add_years, '2026-02-30', 1))\n"
        PRICE "end\n"), 1);
}

/* Plans read the sandbox's functions as constants (sandbox_prelude.c);
 * a plan that defines a function of the same name is compiled as written
 * and uses its own. Either way a top-level local starts every quote with
 * the value the top level gave it. */
static void test_sandbox__builtins_as_constants(void **state)
{
    (void)state;
    expect_rates(TEST_PLAN(
        "local calls = 0\n"
        "function rate(d)\n"
        "  calls = calls + 1\n"
        "  assert(calls == 1 and yen(1000) == '1,000')\n"
        PRICE "end\n"), 3);
    expect_rates(TEST_PLAN(
        "local calls = 0\n"
        "function yen(n) calls = calls + 1; return 'own' end\n"
        "function rate(d)\n"
        "  assert(yen(5) == 'own' and calls == 1)\n"
        PRICE "end\n"), 3);
}

/* Coverages are found by name however the name was made (a constant, a
 * concatenation, a long string that Lua does not intern), in every quote
 * (each quote declares them again), and 'policy' only after combine(). */
static void test_sandbox__coverage_names(void **state)
{
    (void)state;
    expect_rates(TEST_PLAN(
        "function rate(d)\n"
        "  local long = string.rep('c', 60)\n"
        "  assert(not pcall(set, 'policy', 'p', 1))\n"
        "  cover(long, 1) cover('a' .. 'b', 1) cover(7, 1)\n"
        "  assert(not pcall(cover, 'ab', 1) and not pcall(cover, 'policy', 1))\n"
        "  set(string.rep('c', 60), 'x', 5) set('ab', 'y', 7) set('7', 'z', 9)\n"
        "  assert(premium(long) == 5 and premium('a' .. 'b') == 7)\n"
        "  assert(premium(7) == 9 and limit('ab') == 1)\n"
        "  assert(not pcall(set, 'abc', 'p', 1) and not pcall(set, {}, 'p', 1))\n"
        "  combine('c')\n"
        "  assert(not pcall(set, 'ab', 'p', 1) and premium('policy') == 21)\n"
        "  round('policy', 'r', 10)\n"
        "end\n"), 3);
}

static void expect_result_error(const char *lua, const char *needle)
{
    char src[4096];
    fixture *f;
    ratel_quote *q = NULL;
    int rc;
    snprintf(src, sizeof src, TEST_PLAN("function rate(d)\n%s\nend\n"), lua);
    f = open_plan(src, NULL);
    rc = rate(f, &q);
    assert_true(rc == RATEL_ERESULT || rc == RATEL_ESCRIPT);
    assert_null(q);
    if (!strstr(ratel_ctx_errmsg(f->ctx), needle))
        fail_msg("message '%s' lacks '%s'", ratel_ctx_errmsg(f->ctx), needle);
    close_plan(f);
}

static void test_sandbox__bad_results_rejected(void **state)
{
    (void)state;
    expect_result_error("cover('x', 1) set('x', 'p', 10.5) combine('c')",
                        "not whole yen");
    expect_result_error("cover('x', 1) set('x', 'p', 0/0)", "not a finite");
    expect_result_error("cover('x', 1) set('x', 'p', 1e300)",
                        "money bound");
    expect_result_error("cover('x', 1) set('x', 'p', 1e9) mul('x', 'f', 1e9)",
                        "money bound");
    expect_result_error("cover('x', 1) set('x', 'p', -10) combine('c')",
                        "out of range");
    expect_result_error("cover('x', 1) set('x', 'p', 10)", "combine()");
    expect_result_error("cover('x', 1) combine('c') combine('c')", "twice");
    expect_result_error("cover('x', 1) combine('c') set('x', 'p', 1)",
                        "before combine");
    expect_result_error("round_amount(1, 7)", "unit must be");
}

/* One declaration of the sequence below: what changes from quote to
 * quote, and the text the plan is expected to warn. */
typedef struct seen_decl {
    const char *effective_date, *name, *incidents, *mfa, *certifications;
    long long revenue, deductible;
    const char *expect;
} seen_decl;

/* A plan that warns what it sees of the declaration, incidents by ipairs
 * (so a stale entry past the end would show). */
#define SEEN_PLAN TEST_PLAN(                                                 \
    "function rate(d)\n"                                                     \
    "  local a, r, t = d.applicant, d.coverages.liability, {}\n"             \
    "  t[1] = d.effective_date .. ' ' .. a.name .. ' ' .. a.revenue\n"       \
    "  for _, i in ipairs(d.incidents) do\n"                                 \
    "    t[#t + 1] = i.date .. ' ' .. i.type .. ' ' .. i.paid\n"             \
    "  end\n"                                                                \
    "  t[#t + 1] = #d.incidents .. ' ' .. tostring(d.controls.mfa) .. ' '\n" \
    "    .. tostring(d.certifications.isms)\n"                               \
    "  t[#t + 1] = r.limit .. ' ' .. r.deductible .. ' '\n"                  \
    "    .. r.coinsurance_pct\n"                                             \
    "  warn(table.concat(t, '|'))\n" PRICE "end\n")

/* Rates `d` as JSON on f's context and checks the plan saw d->expect. */
static void expect_seen(fixture *f, const seen_decl *d)
{
    char json[1024];
    ratel_quote *q = NULL;
    int n = snprintf(json, sizeof json,
        "{\"effective_date\":\"%s\",\"applicant\":{\"name\":\"%s\","
        "\"revenue\":%lld,\"industry\":\"manufacturing\",\"employees\":45},"
        "\"incidents\":[%s],\"controls\":{\"mfa\":%s},"
        "\"certifications\":[%s],\"request\":{\"liability_limit\":100000000,"
        "\"expense_limit\":30000000,\"deductible\":%lld}}",
        d->effective_date, d->name, d->revenue, d->incidents, d->mfa,
        d->certifications, d->deductible);
    assert_true(n > 0 && (size_t)n < sizeof json);
    if (test_rate_json(&q, f->ctx, json, (size_t)n, NULL, 0) != RATEL_OK)
        fail_msg("%s: %s", d->expect, ratel_ctx_errmsg(f->ctx));
    assert_int_equal(ratel_quote_warning_count(q), 1);
    assert_string_equal(ratel_quote_warning(q, 0), d->expect);
    ratel_quote_free(q);
}

/* The declaration's tables are refreshed in place from quote to quote and
 * per option of a menu: every quote sees its own declaration, whichever
 * came before (dates 1,024 days apart, fewer incidents, the same
 * declaration twice, a name and its prefix, a request a menu rewrote). */
static void test_sandbox__declaration_refreshed(void **state)
{
#define INC(date, type, paid) \
    "{\"date\":\"" date "\",\"type\":\"" type "\",\"paid\":" #paid "}"
    static const seen_decl seq[] = {
        {"2026-07-01", "A", INC("2023-09-11", "ransomware", 1) ","
         INC("2026-01-05", "malware", 2), "true", "\"isms\"", 5, 100000,
         "2026-07-01 A 5|2023-09-11 ransomware 1|2026-01-05 malware 2|"
         "2 true true|100000000 100000 100"},
        {"2026-07-02", "B", "", "false", "", 6, 300000,
         "2026-07-02 B 6|0 false false|100000000 300000 100"},
        {"2026-07-01", "A", INC("2023-09-11", "other", 3), "true", "",
         5, 300000,
         "2026-07-01 A 5|2023-09-11 other 3|1 true false|"
         "100000000 300000 100"},
        {"2026-07-01", "A", INC("2023-09-11", "other", 3), "true", "",
         5, 300000,
         "2026-07-01 A 5|2023-09-11 other 3|1 true false|"
         "100000000 300000 100"},
        {"2026-07-03", "AB", "", "false", "\"isms\"", 5, 100000,
         "2026-07-03 AB 5|0 false true|100000000 100000 100"},
        {"2026-07-03", "A", "", "false", "\"isms\"", 5, 100000,
         "2026-07-03 A 5|0 false true|100000000 100000 100"},
    };
    ratel_options *options = NULL;
    fixture *f = open_plan(SEEN_PLAN, NULL);
    ratel_decl *decl = NULL;
    ratel_menu *menu = NULL;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof seq / sizeof *seq; i++)
        expect_seen(f, &seq[i]);
    assert_int_equal(ratel_options_new(&options), RATEL_OK);
    assert_int_equal(ratel_options_add(options, NULL), RATEL_OK);
    assert_int_equal(ratel_options_set_int(options, "request.deductible",
                                           1000000), RATEL_OK);
    assert_int_equal(ratel_options_add(options, NULL), RATEL_OK);
    assert_int_equal(ratel_options_set_int(options, "request.coinsurance_pct",
                                           70), RATEL_OK);
    assert_int_equal(ratel_decl_parse(&decl, f->ctx, NULL, f->neutral,
                                      f->neutral_len), RATEL_OK);
    assert_int_equal(ratel_rate_menu(&menu, f->ctx, decl, NULL, options),
                     RATEL_OK);
    assert_string_equal(ratel_quote_warning(ratel_menu_quote(menu, 0), 0),
                        "2026-07-01 株式会社さくら精機 500000000|0 true false|"
                        "100000000 1000000 100");
    assert_string_equal(ratel_quote_warning(ratel_menu_quote(menu, 1), 0),
                        "2026-07-01 株式会社さくら精機 500000000|0 true false|"
                        "100000000 100000 70");
    ratel_menu_free(menu);
    ratel_options_free(options);
    ratel_decl_free(decl);
    for (i = 0; i < sizeof seq / sizeof *seq; i++)
        expect_seen(f, &seq[i]);
    close_plan(f);
#undef INC
}

/* A plan with the control and certification tables, rating 1,000 yen
 * after `body`. */
#define SETS_PLAN(body)                                                     \
    "plan = { id = 't', insurer = 'Test', product = 'Test', version = '1',"  \
    " effective_date = '2020-01-01', tables = { 'sme_control_points', "      \
    "'sme_certification_credit', 'sme_terms' } }\n"                          \
    "function rate(d)\n" body "\n" PRICE "end\n"

/* total() sums a table over the keys of a set that are true: the same
 * number, bit for bit, as a pairs() loop over the set; the integer 0 for
 * none; an error naming the table and key for a key with no row (also
 * for the declaration's own sets, summed from C); an error for a set
 * that is not a table. */
static void test_sandbox__total(void **state)
{
    fixture *f;
    ratel_quote *q = NULL;
    (void)state;
    expect_rates(SETS_PLAN(
        "  local function loop(name, set)\n"
        "    local m, s = map(name), 0\n"
        "    for k, v in pairs(set) do if v then s = s + m[k] end end\n"
        "    return s\n"
        "  end\n"
        "  local sets = { d.controls, d.certifications,\n"
        "    { isms = true, pmark = true, iso27017 = false },\n"
        "    { mfa = 1, edr = false }, {} }\n"
        "  local names = { 'sme_control_points', 'sme_certification_credit',\n"
        "    'sme_certification_credit', 'sme_control_points',\n"
        "    'sme_control_points' }\n"
        "  for i, set in ipairs(sets) do\n"
        "    local a, b = total(names[i], set), loop(names[i], set)\n"
        "    assert(a == b and math.type(a) == math.type(b),\n"
        "      i .. ': ' .. a .. ' ~= ' .. b)\n"
        "  end\n"
        "  local ok, e = pcall(total, 'sme_certification_credit', d.controls)\n"
        "  assert(not ok and e:find(\"no row for key 'mfa'\", 1, true), e)\n"
        "  assert(total('sme_control_points', {}) == 0)\n"
        "  assert(math.type(total('sme_control_points', {})) == 'integer')"),
                 2);
    f = open_plan(SETS_PLAN("  total('sme_control_points', { mfa = true, "
                            "bogus = true })"), NULL);
    assert_int_equal(rate(f, &q), RATEL_ESCRIPT);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "table "
                           "'sme_control_points' (version 2025.1) has no "
                           "row for key 'bogus'"));
    close_plan(f);
    f = open_plan(SETS_PLAN("  total('sme_control_points', 'mfa')"), NULL);
    assert_int_equal(rate(f, &q), RATEL_ESCRIPT);
    assert_non_null(strstr(ratel_ctx_errmsg(f->ctx), "table expected"));
    close_plan(f);
}

/* map() keeps the first 16 maps by registry reference and the rest in a
 * table: with more than 16 tables mapped, every map is made once (the
 * same table each time, in a quote and in the next) and reads what
 * lookup() reads. */
static void test_sandbox__many_maps(void **state)
{
    (void)state;
    expect_rates(
        "local names = { 'cc_cert_credit', 'cc_deductible', 'cc_industry',\n"
        "  'cc_info_credit', 'cc_menu', 'cc_premium', 'cc_terms',\n"
        "  'q_coinsurance', 'q_deductible', 'q_expense_limit', 'q_industry',\n"
        "  'q_liability_limit', 'q_points', 'q_terms',\n"
        "  'sme_certification_credit', 'sme_coinsurance',\n"
        "  'sme_control_points', 'sme_coverage_share', 'sme_deductible',\n"
        "  'sme_expense_limit', 'sme_incident_load', 'sme_industry',\n"
        "  'sme_liability_limit', 'sme_terms' }\n"
        "plan = { id = 't', insurer = 'Test', product = 'Test', version = '1',"
        " effective_date = '2020-01-01', tables = names }\n"
        "local first\n"
        "function rate(d)\n"
        "  local seen, made, checked = {}, 0, 0\n"
        "  for _, name in ipairs(names) do\n"
        "    local ok, m = pcall(map, name)\n"
        "    if ok then\n"
        "      made = made + 1\n"
        "      assert(map(name) == m, name)\n"
        "      for _, row in ipairs(rows(name)) do\n"
        "        for k, v in pairs(row) do\n"
        "          local ok, found = pcall(find, name, v)\n"
        "          if ok and found then\n"
        "            assert(m[v] == found, name)\n"
        "            checked = checked + 1\n"
        "          end\n"
        "        end\n"
        "      end\n"
        "      seen[name] = m\n"
        "    end\n"
        "  end\n"
        "  assert(made > 16 and checked > 100, made .. ' ' .. checked)\n"
        "  for name, m in pairs(seen) do assert(map(name) == m, name) end\n"
        "  cover('liability', 1) set('liability', 'p', 1000)\n"
        "  combine('c') round('policy', 'r', 10)\n"
        "end\n", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sandbox__no_io_os_require_load),
        cmocka_unit_test(test_sandbox__shared_tables_read_only),
        cmocka_unit_test(test_sandbox__error_names_script_and_line),
        cmocka_unit_test(test_sandbox__no_state_between_quotes),
        cmocka_unit_test(test_sandbox__top_level_frozen),
        cmocka_unit_test(test_sandbox__instruction_limit_and_recovery),
        cmocka_unit_test(test_sandbox__memory_limit_and_recovery),
        cmocka_unit_test(test_sandbox__time_limit),
        cmocka_unit_test(test_sandbox__memory_error_caught_still_fails),
        cmocka_unit_test(test_sandbox__costly_c_functions_refused),
        cmocka_unit_test(test_sandbox__pairs_is_ordered),
        cmocka_unit_test(test_sandbox__declaration_visible),
        cmocka_unit_test(test_sandbox__format_and_dates),
        cmocka_unit_test(test_sandbox__coverage_names),
        cmocka_unit_test(test_sandbox__builtins_as_constants),
        cmocka_unit_test(test_sandbox__bad_results_rejected),
        cmocka_unit_test(test_sandbox__declaration_refreshed),
        cmocka_unit_test(test_sandbox__total),
        cmocka_unit_test(test_sandbox__many_maps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
