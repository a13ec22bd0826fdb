/* fuzz_plan_source.c - libFuzzer target: generated plan source, valid
 * and near-valid, through the engine's load of a plan and one quote.
 *
 * The first byte of an input picks how the rest becomes a plan:
 *   0..84    a program generated from the bytes: loops of every kind,
 *            functions, recursion with varargs, strings with the lexer's
 *            corners (\z, an escaped CR LF, long brackets, comments ended
 *            by CR), costly library calls, comparisons of NUL strings,
 *            pcall and error, stray tokens; at the top level or in rate();
 *   85..169  the rest as the body of rate(d);
 *   170..255 the rest as the plan's text after its `plan` table.
 * Every load and every quote must end, with a quote or an error with a
 * message, never a crash, a leak, or a run past its time limit by more
 * than SLACK_MS (a generous bound: sanitizers make frames and calls
 * slower; a limit that does not hold shows as seconds or a hang, which
 * the runner's -timeout catches too). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ratel.h"

#define LIMIT_MS 100
#define SLACK_MS 1000
#define MAX_SOURCE 65536

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[128];
static char *neutral;
static size_t neutral_len;

#define HEAD                                                               \
    "plan = { id = 'f', insurer = 'F', product = 'F', version = '1', "     \
    "effective_date = '2020-01-01', tables = { 'sme_terms', "              \
    "'sme_deductible' } }\n"
#define PRICE "cover('x', 1) set('x', 'p', 1000) combine('c') " \
              "round('policy', 'r', 10)\n"

/* ---- a small text builder ---------------------------------------------- */

typedef struct text {
    char buf[MAX_SOURCE];
    size_t len;
} text;

static void put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n < sizeof t->buf) {
        memcpy(t->buf + t->len, s, n);
        t->len += n;
    }
}

static void put_bytes(text *t, const uint8_t *p, size_t n)
{
    if (t->len + n < sizeof t->buf) {
        memcpy(t->buf + t->len, p, n);
        t->len += n;
    }
}

/* ---- the generator ------------------------------------------------------ */

typedef struct gen {
    const uint8_t *p, *end;
    text *out;
    int labels;
} gen;

static unsigned next(gen *g, unsigned n)
{
    return g->p < g->end ? *g->p++ % n : 0;
}

static const char *const strings[] = {
    "'x'", "\"a\\z\n  \"", "'b\\z\r\n\t'", "\"c\\\r\n\"", "[==[ do ]] end ]==]",
    "('\\0'):rep(1 << 16)", "('x'):rep(1 << 20)", "(' '):rep(4096)",
    "('1'):rep(300)", "'\\0\\0\\0'", "\"]]\"", "'--[['", "tostring(n)",
};

static const char *const calls[] = {
    "string.rep('x', 1 << 19)", "string.rep('', 1000000, 'y')",
    "utf8.len(S)", "S:find('[abcdefghijklmnop]')", "S:gsub('x', 'yz')",
    "S:upper()", "S:byte(1, -1)", "table.concat(T)", "table.unpack(T)",
    "table.insert(T, 1, n)", "table.remove(T, 1)", "table.sort(T)",
    "string.format('%s%s%c', S, S, 0)", "tonumber(S)", "S < S .. ''",
    "S == S .. ''", "select('#', table.unpack(T))", "string.char(0, 1)",
    "nearest('sme_deductible', n, 'up')", "round_amount(n * 1.5, 10)",
    "add_years('2024-02-29', n % 2000)", "yen(n)", "math.max(n, 1)",
    "S + 0", "#S", "{table.unpack(T)}",
};

static const char *const junk[] = {
    "end", "do", "(", ")", "--", "\r", "\n", "[[", "]]", "\"", "\\z", "goto",
    "function", "local", "_ratel_budget", "::a::", "return", "...", ",",
    "then", "until", "=", "{", "}", "[=[", "]=]", "'", "\0",
};

static void stmts(gen *g, int depth);

static void expr_string(gen *g)
{
    put(g->out, strings[next(g, sizeof strings / sizeof *strings)]);
}

static void stmt(gen *g, int depth)
{
    char line[160];
    unsigned k = next(g, 15);
    if (depth > 5)
        k = 7;
    switch (k) {
    case 0:
        put(g->out, "while true do ");
        stmts(g, depth + 1);
        put(g->out, " end\n");
        break;
    case 1:
        snprintf(line, sizeof line, "for i = 1, %u do ",
                 next(g, 4) == 0 ? 1000000000u : next(g, 100000));
        put(g->out, line);
        stmts(g, depth + 1);
        put(g->out, " end\n");
        break;
    case 2:
        put(g->out, "repeat ");
        stmts(g, depth + 1);
        put(g->out, " until n > 1e15\n");
        break;
    case 3:
        snprintf(line, sizeof line, "do ::l%d:: ", ++g->labels);
        put(g->out, line);
        stmts(g, depth + 1);
        snprintf(line, sizeof line, " goto l%d end\n", g->labels);
        put(g->out, line);
        break;
    case 4:
        put(g->out, "local function f(...) ");
        stmts(g, depth + 1);
        put(g->out, " return ... end n = n + (f(n, S) or 0)\n");
        break;
    case 5:
        put(g->out, "pcall(function() ");
        stmts(g, depth + 1);
        put(g->out, " end)\n");
        break;
    case 6:
        put(g->out, "S = ");
        expr_string(g);
        put(g->out, "\n");
        break;
    case 7:
        put(g->out, "V = ");
        put(g->out, calls[next(g, sizeof calls / sizeof *calls)]);
        put(g->out, "\n");
        break;
    case 8:
        put(g->out, "if n % 2 == 0 then ");
        stmts(g, depth + 1);
        put(g->out, " else ");
        stmts(g, depth + 1);
        put(g->out, " end\n");
        break;
    case 9:
        put(g->out, "local function r(k, ...) if k > 0 then return r(k - 1, "
                    "k, k, k, k, k, k, k, k, ...) end ");
        stmts(g, depth + 1);
        put(g->out, " return select('#', ...) end n = n + r(n % 500)\n");
        break;
    case 10:
        put(g->out, "pcall(error, ");
        expr_string(g);
        put(g->out, ")\n");
        break;
    case 11:
        put(g->out, "for k in pairs(T) do n = n + 1 end\n");
        break;
    case 12:
        put(g->out, "for i = 1, 1000 do T[#T + 1] = i * 1.5 end\n");
        break;
    case 13:
        put(g->out, junk[next(g, sizeof junk / sizeof *junk)]);
        put(g->out, " ");
        break;
    default:
        put(g->out, "n = n + 1\n");
        break;
    }
}

static void stmts(gen *g, int depth)
{
    unsigned count = 1 + next(g, 3), i;
    for (i = 0; i < count && g->p < g->end; i++)
        stmt(g, depth);
}

/* The plan for an input, into t. */
static void make_plan(const uint8_t *data, size_t size, text *t)
{
    unsigned mode = size ? data[0] : 0;
    gen g;
    t->len = 0;
    put(t, HEAD);
    if (size)
        data++, size--;
    if (mode >= 170) {
        put_bytes(t, data, size);
        put(t, "\nfunction rate(d) " PRICE "end\n");
        return;
    }
    if (mode >= 85) {
        put(t, "function rate(d) local n, S, T = 0, 'x', {} ");
        put_bytes(t, data, size);
        put(t, "\n" PRICE "end\n");
        return;
    }
    g.p = data;
    g.end = data + size;
    g.out = t;
    g.labels = 0;
    put(t, "local n, S, T, V = 1, ('x'):rep(100), {3, 1, 2}, nil\n");
    if (mode & 1) /* at the top level: the load must end */
        stmts(&g, 0);
    put(t, "function rate(d)\n");
    stmts(&g, 0);
    put(t, "\n" PRICE "end\n");
}

/* ---- the harness -------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Aborts (a finding) when a call took longer than its limit allows. */
static void within_limit(double start, const char *what)
{
    double ms = now_ms() - start;
    if (ms > LIMIT_MS + SLACK_MS) {
        fprintf(stderr, "%s took %.0f ms, over its %d ms limit\n", what, ms,
                LIMIT_MS);
        abort();
    }
}

static void remove_dir(void)
{
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FILE *f;
    long n;
    (void)argc;
    (void)argv;
    strcpy(dir, "/tmp/ratel-fuzz-XXXXXX");
    f = fopen("examples/neutral.json", "rb");
    if (!mkdtemp(dir) || !f)
        abort(); /* the harness's own setup, not the code under test */
    atexit(remove_dir);
    snprintf(path, sizeof path, "%s/plan.lua", dir);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    neutral = malloc((size_t)n + 1);
    if (!neutral || fread(neutral, 1, (size_t)n, f) != (size_t)n)
        abort();
    neutral_len = (size_t)n;
    fclose(f);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static text t;
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    char *json = NULL;
    FILE *f;
    double start;
    int rc;
    make_plan(data, size, &t);
    f = fopen(path, "wb");
    if (!f || fwrite(t.buf, 1, t.len, f) != t.len)
        abort();
    fclose(f);
    o.max_instructions = 200000;
    o.max_memory = (size_t)4 << 20;
    o.max_milliseconds = LIMIT_MS;
    o.schemas_path = "rating-scripts/schemas";
    start = now_ms();
    rc = ratel_engine_open(&e, "tables/ratel.db", path, &o);
    within_limit(start, "the load");
    if (rc == RATEL_OK) {
        if (ratel_ctx_new(&c, e) != RATEL_OK ||
            ratel_decl_parse(&d, c, "cyber-sme", neutral, neutral_len) !=
                RATEL_OK)
            abort();
        start = now_ms();
        rc = ratel_rate(&q, c, d, NULL);
        within_limit(start, "the quote");
        if (rc == RATEL_OK ? !q || ratel_quote_json(q, &json, NULL)
                           : q || ratel_ctx_errmsg(c)[0] == '\0')
            abort(); /* a quote, or an error with a message and no quote */
    } else if (ratel_engine_errmsg(e)[0] == '\0') {
        abort();
    }
    ratel_free(json);
    ratel_quote_free(q);
    ratel_decl_free(d);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    return 0;
}
