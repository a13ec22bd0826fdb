/* bench_one_quote.c - the C side of the Python binding's overhead
 * measure (bench/python_bench.py): one declaration's JSON text parsed,
 * rated with the worksheet on and its quote written as JSON, through the
 * C API, N times; prints the best of 3 rounds in microseconds a quote.
 * Usage: bench_one_quote [N [FILE]] (default 20000 examples/neutral.json) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ratel.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    long i, n = argc > 1 ? atol(argv[1]) : 20000;
    const char *path = argc > 2 ? argv[2] : "examples/neutral.json";
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_rate_options o;
    char text[65536], *json;
    size_t len;
    double best = 1e9;
    int round;
    FILE *f = fopen(path, "rb");

    if (f == NULL || (len = fread(text, 1, sizeof text, f)) == 0 ||
        ratel_engine_open(&e, "tables/ratel.db", "rating-scripts", NULL) ||
        ratel_ctx_new(&c, e)) {
        fprintf(stderr, "bench_one_quote: cannot start\n");
        return 1;
    }
    fclose(f);
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    for (round = 0; round < 3; round++) {
        double t = now();
        for (i = 0; i < n; i++) {
            ratel_decl *d = NULL;
            ratel_quote *q = NULL;
            if (ratel_decl_parse(&d, c, NULL, text, len) ||
                ratel_rate(&q, c, d, &o) ||
                ratel_quote_json(q, &json, NULL)) {
                fprintf(stderr, "bench_one_quote: %s\n", ratel_ctx_errmsg(c));
                return 1;
            }
            ratel_free(json);
            ratel_quote_free(q);
            ratel_decl_free(d);
        }
        t = (now() - t) * 1e6 / (double)n;
        if (t < best)
            best = t;
    }
    printf("bench_one_quote: %s parsed, rated, written as JSON through the "
           "C API: %.2f us/quote\n", path, best);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    return 0;
}
