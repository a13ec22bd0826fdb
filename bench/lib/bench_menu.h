/* bench_menu.h - sme-cyber's 24-option menu (4 liability limits x 2
 * expense limits x 3 deductibles, rating-scripts/sme_cyber.lua) as the
 * benchmarks of menus rate it: as options, and as the same requests set
 * on a declaration (included; each benchmark is a program of its own). */
#ifndef RATEL_BENCH_MENU_H
#define RATEL_BENCH_MENU_H

#include <stdint.h>
#include <stdlib.h>

#include "ratel.h"

#define BENCH_MENU_OPTIONS 24

static const int64_t bench_menu_liability[] = {50, 100, 300, 500};
static const int64_t bench_menu_expense[] = {10, 30};
static const int64_t bench_menu_deductible[] = {100000, 300000, 1000000};

/* The menu as options; exits when out of memory. */
static ratel_options *bench_menu_options(void)
{
    ratel_options *o = NULL;
    size_t k;
    if (ratel_options_new(&o))
        exit(1);
    for (k = 0; k < BENCH_MENU_OPTIONS; k++) {
        ratel_options_add(o, NULL);
        ratel_options_set_int(o, "request.liability_limit",
                              bench_menu_liability[k / 6] * 1000000);
        ratel_options_set_int(o, "request.expense_limit",
                              bench_menu_expense[k / 3 % 2] * 1000000);
        ratel_options_set_int(o, "request.deductible",
                              bench_menu_deductible[k % 3]);
    }
    return o;
}

/* Option k's request set on d: 0, or the setter's error. */
static int bench_menu_request(ratel_decl *d, ratel_ctx *c, size_t k)
{
    int rc = ratel_decl_set_int(d, c, "request.liability_limit",
                                bench_menu_liability[k / 6] * 1000000);
    if (rc == RATEL_OK)
        rc = ratel_decl_set_int(d, c, "request.expense_limit",
                                bench_menu_expense[k / 3 % 2] * 1000000);
    if (rc == RATEL_OK)
        rc = ratel_decl_set_int(d, c, "request.deductible",
                                bench_menu_deductible[k % 3]);
    return rc;
}

#endif
