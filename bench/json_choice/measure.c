/* measure.c - picks the JSON library for the declaration reader: parses
 * the same declaration N times with each candidate and prints the best of
 * three runs in microseconds per parse. Not part of `make`; see README.md
 * in this directory for the command (with measure_jsonc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <jansson.h>
#include <yajl/yajl_parse.h>
#include <yajl/yajl_tree.h>

#include "decl.h"

static const char *text;
static size_t len;
static volatile size_t sink; /* keeps the work from being optimised away */

static void run_jansson(void)
{
    json_error_t err;
    json_t *j = json_loadb(text, len, 0, &err);
    sink += j != NULL;
    json_decref(j);
}

static void run_cjson(void)
{
    cJSON *j = cJSON_ParseWithLength(text, len);
    sink += j != NULL;
    cJSON_Delete(j);
}

static void run_yajl_tree(void)
{
    /* yajl_tree_parse wants a NUL-terminated string. */
    char err[128];
    yajl_val v = yajl_tree_parse(text, err, sizeof err);
    sink += v != NULL;
    yajl_tree_free(v);
}

static int noop(void *ctx) { (void)ctx; return 1; }
static int noop_bool(void *ctx, int b) { (void)ctx; (void)b; return 1; }
static int noop_str(void *ctx, const unsigned char *s, size_t n)
{
    (void)ctx; (void)s; (void)n;
    return 1;
}
static int noop_num(void *ctx, const char *s, size_t n)
{
    (void)ctx; (void)s; (void)n;
    return 1;
}

static void run_yajl_stream(void)
{
    static const yajl_callbacks cb = {noop, noop_bool, NULL, NULL, noop_num,
                                      noop_str, noop, noop_str, noop, noop,
                                      noop};
    yajl_handle h = yajl_alloc(&cb, NULL, NULL);
    yajl_config(h, yajl_dont_validate_strings, 1);
    sink += yajl_parse(h, (const unsigned char *)text, len) == yajl_status_ok &&
            yajl_complete_parse(h) == yajl_status_ok;
    yajl_free(h);
}

/* In measure_jsonc.c: json-c's names clash with jansson's. */
size_t jsonc_parse(const char *json, size_t n);

static void run_json_c(void)
{
    sink += jsonc_parse(text, len);
}

static void run_decl(void)
{
    struct ratel_decl d;
    ratel_err e;
    err_init(&e);
    sink += decl_parse_json(&d, text, len, &e) == RATEL_OK;
    decl_dispose(&d);
    err_dispose(&e);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Best of three runs of n parses, in microseconds per parse. */
static double measure(void (*fn)(void), long n)
{
    double best = 1e30;
    int r;
    long i;
    for (r = 0; r < 3; r++) {
        double t0 = now(), t;
        for (i = 0; i < n; i++)
            fn();
        t = (now() - t0) / (double)n * 1e6;
        if (t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } c[] = {
        {"jansson json_loadb (tree)", run_jansson},
        {"cJSON cJSON_ParseWithLength (tree)", run_cjson},
        {"yajl yajl_tree_parse (tree)", run_yajl_tree},
        {"yajl streaming, no-op callbacks", run_yajl_stream},
        {"json-c json_tokener_parse_ex (tree)", run_json_c},
        {"ratel decl_parse_json (yajl stream + full validation)", run_decl},
    };
    const char *path = argc > 1 ? argv[1] : "examples/full.json";
    long n = argc > 2 ? atol(argv[2]) : 200000;
    static char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    size_t i;
    if (!f) {
        perror(path);
        return 1;
    }
    len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    text = buf;
    run_decl();
    if (!sink) {
        fprintf(stderr, "%s: not a valid declaration\n", path);
        return 1;
    }
    printf("%s: %zu bytes, %ld parses per run, best of 3\n", path, len, n);
    printf("| %-55s | %8s |\n", "parser", "us/parse");
    printf("|%s|%s|\n", "---------------------------------------------------------", "----------");
    for (i = 0; i < sizeof c / sizeof c[0]; i++)
        printf("| %-55s | %8.3f |\n", c[i].name, measure(c[i].fn, n));
    return 0;
}
