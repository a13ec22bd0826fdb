/* fuzz_scenarios.c - libFuzzer target: the scenarios file reader, and
 * for a file it accepts a comparison of the neutral declaration under
 * its scenarios, written as JSON and CSV. Any input must give either a
 * result or an error with a message; never a crash, a leak or a hang.
 * Run from the repository root. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_neutral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ratel_scenarios *s = NULL;
    ratel_comparison *c = NULL;
    ratel_compare_options o;
    char *json = NULL, *csv = NULL;
    int rc = ratel_scenarios_parse(&s, ctx, (const char *)data, size);
    if (rc != RATEL_OK) {
        if (s || ratel_ctx_errmsg(ctx)[0] == '\0')
            abort(); /* an error must come with a message and nothing else */
        return 0;
    }
    ratel_compare_options_init(&o, RATEL_COMPARE_OPTIONS_VERSION);
    o.scenarios = s;
    rc = ratel_compare(&c, ctx, decl, &o);
    if (rc == RATEL_OK ? !c || ratel_comparison_json(c, &json, NULL) ||
                             ratel_comparison_csv(c, &csv, NULL)
                       : c || ratel_ctx_errmsg(ctx)[0] == '\0')
        abort();
    ratel_free(json);
    ratel_free(csv);
    ratel_comparison_free(c);
    ratel_scenarios_free(s);
    return 0;
}
