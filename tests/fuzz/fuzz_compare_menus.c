/* fuzz_compare_menus.c - libFuzzer target: the reader of menus per plan
 * (`ratel compare --options FILE` with {"format_version", "plans": {id:
 * menu}}), and for a file it accepts a comparison of the neutral
 * declaration under sme-cyber and chamber-scheme through those menus,
 * written as JSON. Any input must give either a result or an error with
 * a message; never a crash, a leak or a hang. Run from the repository
 * root. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_neutral.h"

/* Larger accepted files are only read: a comparison of up to 1,000
 * options a plan would make each run too slow to fuzz the reader. */
#define COMPARED_BELOW 2048

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const plans[] = {"sme-cyber", "chamber-scheme"};
    ratel_compare_menus *m = NULL;
    ratel_comparison *c = NULL;
    ratel_compare_options o;
    char *json = NULL;
    int rc = ratel_compare_menus_parse(&m, ctx, (const char *)data, size);
    if (rc != RATEL_OK) {
        if (m || ratel_ctx_errmsg(ctx)[0] == '\0')
            abort(); /* an error must come with a message and nothing else */
        return 0;
    }
    if (size < COMPARED_BELOW) {
        ratel_compare_options_init(&o, RATEL_COMPARE_OPTIONS_VERSION);
        o.plans = plans;
        o.nplans = 2;
        o.plan_menus = m;
        rc = ratel_compare(&c, ctx, decl, &o);
        if (rc == RATEL_OK ? !c || ratel_comparison_json(c, &json, NULL)
                           : c || ratel_ctx_errmsg(ctx)[0] == '\0')
            abort();
        ratel_free(json);
        ratel_comparison_free(c);
    }
    ratel_compare_menus_free(m);
    return 0;
}
