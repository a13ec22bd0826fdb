/* menu_cost.c - instructions of a menu's option against a separate quote
 * (bench/README.md, "bench_compare"). Not part of make: run.sh builds it
 * against a build's libratel.a and counts with callgrind.
 * Usage: menu_cost PLAN menu|sep N [PLANS]: after one quote (the plan
 * loaded), N menus of sme-cyber's 24 options on examples/neutral.json, or
 * N times the same 24 requests as separate quotes (three setters,
 * ratel_rate); the plans of directory PLANS (default rating-scripts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ratel.h"

#include "../lib/bench_menu.h"

int main(int argc, char **argv)
{
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    ratel_decl *d = NULL;
    ratel_options *o = NULL;
    ratel_quote *q = NULL;
    ratel_rate_options ro;
    char text[4096];
    size_t k, len = 0;
    long i, n;
    int menu;
    FILE *f = fopen("examples/neutral.json", "rb");
    if ((argc != 4 && argc != 5) || !f)
        return 2;
    len = fread(text, 1, sizeof text, f);
    fclose(f);
    menu = strcmp(argv[2], "menu") == 0;
    n = atol(argv[3]);
    if (ratel_engine_open(&e, "tables/ratel.db",
                          argc == 5 ? argv[4] : "rating-scripts", NULL) ||
        ratel_ctx_new(&c, e) || ratel_decl_parse(&d, c, NULL, text, len) ||
        !(o = bench_menu_options()))
        return 1;
    ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
    ro.plan_id = argv[1];
    if (ratel_rate(&q, c, d, &ro)) /* the plan loaded before counting */
        return 1;
    ratel_quote_free(q);
    for (i = 0; i < n; i++) {
        if (menu) {
            ratel_menu *m = NULL;
            if (ratel_rate_menu(&m, c, d, &ro, o))
                return 1;
            ratel_menu_free(m);
            continue;
        }
        for (k = 0; k < BENCH_MENU_OPTIONS; k++) {
            if (bench_menu_request(d, c, k) || ratel_rate(&q, c, d, &ro))
                return 1;
            ratel_quote_free(q);
        }
    }
    ratel_options_free(o);
    ratel_decl_free(d);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    return 0;
}
