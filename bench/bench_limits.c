/* bench_limits.c - how far past its time limit a hostile plan runs: for
 * each kind of costly work a plan can do (the classes of
 * tests/sandbox/1xx), an engine with only the time limit on (200 ms and
 * the default 1,000 ms) rates one quote; the overshoot is the wall time
 * of the call minus the limit. Best and worst of ROUNDS runs each;
 * figures are printed, never asserted (docs/sandbox.md quotes them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ratel.h"
#include "lib/bench_io.h"

#define ROUNDS 2

typedef struct attack {
    const char *name;
    const char *body; /* the body of rate(d) */
} attack;

static const attack attacks[] = {
    {"loop", "while true do end"},
    {"lexer \\z", "local s = \"a\\z\n\" while true do end"},
    {"string.rep 1 MiB", "while true do local s = ('x'):rep(1 << 20) end"},
    {"rep('', 1e6, 'x')",
     "while true do local s = string.rep('', 1000000, 'x') end"},
    {"utf8.len 1 MiB",
     "local s = ('x'):rep(1 << 20) while true do utf8.len(s) end"},
    {"gsub 1 MiB", "local s = ('ab'):rep(1 << 19) "
                   "while true do local r = s:gsub('a', 'c') end"},
    {"find, 990-byte class",
     "local s = ('z'):rep(10000) local c = '[' .. ('a'):rep(990) .. ']' "
     "while true do s:find(c) end"},
    {"pairs, 200,000 keys",
     "local t = {} for i = 1, 200000 do t[i * 1.5] = i end "
     "while true do for k in pairs(t) do break end end"},
    {"insert at the front",
     "local t = {} for i = 1, 500000 do t[i] = i end "
     "while true do table.insert(t, 1, 0) table.remove(t, 1) end"},
    {"a < b, 1 MiB of NUL",
     "local a = ('\\0'):rep(1 << 20) local b = ('\\0'):rep((1 << 20) - 1) "
     ".. '\\0' local n = 0 while true do if a < b then n = n + 1 end end"},
    {"a < b, 500 B of NUL, unrolled",
     "local a = ('\\0'):rep(500) local b = ('\\0'):rep(499) .. '\\0' "
     "local x local function f() x = a < b x = a < b x = a < b x = a < b "
     "x = a < b x = a < b x = a < b x = a < b end while true do f() end"},
    {"s + 0, 1 MiB of spaces",
     "local s = (' '):rep(1 << 20) local f = function() return s + 0 end "
     "while true do pcall(f) end"},
    {"sort of 1 MiB NUL strings",
     "local a = ('\\0'):rep(1 << 20) local t = {} for i = 1, 64 do "
     "t[i] = a end while true do table.sort(t) end"},
    {"varargs, 150,000 values",
     "local t = {} for i = 1, 150000 do t[i] = i end local function "
     "f(...) while true do local n = select('#', ...) end end "
     "f(table.unpack(t))"},
    {"hash 512 KiB keys", "local s = ('k'):rep(1 << 19) local i = 0 "
                          "while true do i = i + 1 local t = {} "
                          "t[s .. i] = true end"},
};
#define NATTACKS (sizeof attacks / sizeof *attacks)

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One quote of attack `a` with only a time limit of `ms`; returns the
 * overshoot in milliseconds (or a negative figure when the quote did
 * not end on the time limit). */
static double overshoot(const char *dir, const attack *a, uint32_t ms,
                        const char *decl, size_t len)
{
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    char path[256];
    FILE *f;
    double t0, took = -1;
    snprintf(path, sizeof path, "%s/a.lua", dir);
    f = fopen(path, "wb");
    if (!f)
        exit(1);
    fprintf(f, "plan = { id = 'a', insurer = 'B', product = 'B', version "
            "= '1', effective_date = '2020-01-01', tables = { 'sme_terms' "
            "} }\nfunction rate(d) %s end\n", a->body);
    fclose(f);
    o.max_instructions = 0;
    o.max_milliseconds = ms;
    o.schemas_path = "rating-scripts/schemas";
    if (ratel_engine_open(&e, "tables/ratel.db", dir, &o) == RATEL_OK &&
        ratel_ctx_new(&c, e) == RATEL_OK &&
        ratel_decl_parse(&d, c, "cyber-sme", decl, len) == RATEL_OK) {
        t0 = now_ms(); /* the call: the plan's load (its own run), then
                          the quote */
        if (ratel_rate(&q, c, d, NULL) == RATEL_ELIMIT &&
            strstr(ratel_ctx_errmsg(c), "time limit"))
            took = now_ms() - t0 - ms;
        else
            fprintf(stderr, "bench_limits: %s: %s\n", a->name,
                    ratel_ctx_errmsg(c));
    }
    ratel_quote_free(q);
    ratel_decl_free(d);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    unlink(path);
    return took;
}

int main(void)
{
    static const uint32_t limits[] = {200, 1000};
    char dir[] = "/tmp/ratel-bench-XXXXXX";
    size_t len, i, l;
    char *decl = slurp("examples/neutral.json", &len);
    double worst_all = 0;
    if (!decl || !mkdtemp(dir)) {
        fprintf(stderr, "bench_limits: setup failed\n");
        return 1;
    }
    printf("bench_limits: overshoot past the time limit (instructions off), "
           "ms, best / worst of %d runs\n", ROUNDS);
    printf("  %-32s %15s %15s\n", "attack", "limit 200 ms", "limit 1000 ms");
    for (i = 0; i < NATTACKS; i++) {
        printf("  %-32s", attacks[i].name);
        for (l = 0; l < 2; l++) {
            double best = 1e9, worst = -1e9;
            int r;
            for (r = 0; r < ROUNDS; r++) {
                double o = overshoot(dir, &attacks[i], limits[l], decl, len);
                best = o < best ? o : best;
                worst = o > worst ? o : worst;
            }
            printf(" %6.1f / %6.1f", best, worst);
            worst_all = worst > worst_all ? worst : worst_all;
        }
        printf("\n");
    }
    printf("  worst overshoot: %.1f ms\n", worst_all);
    rmdir(dir);
    free(decl);
    return 0;
}
