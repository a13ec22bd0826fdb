/* fuzz_structures.c - libFuzzer target: the structures file reader, and
 * for a file it accepts a short comparison on the neutral declaration.
 * Any input must give either a result or an error with a message; never a
 * crash, a leak or a hang. Run from the repository root. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_neutral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ratel_structures *s = NULL;
    ratel_structure_result *r = NULL;
    ratel_structure_options o;
    int rc = ratel_structures_parse(&s, ctx, (const char *)data, size);
    if (rc != RATEL_OK) {
        if (s || ratel_ctx_errmsg(ctx)[0] == '\0')
            abort(); /* an error must come with a message and nothing else */
        return 0;
    }
    ratel_structure_options_init(&o, RATEL_STRUCTURE_OPTIONS_VERSION);
    o.years = 200;
    rc = ratel_structure_compare(&r, ctx, decl, s, &o);
    if (rc == RATEL_OK ? !r || !ratel_structure_result_json(r, NULL)
                       : r || ratel_ctx_errmsg(ctx)[0] == '\0')
        abort();
    ratel_structure_result_free(r);
    ratel_structures_free(s);
    return 0;
}
