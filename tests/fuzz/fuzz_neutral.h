/* fuzz_neutral.h - the set-up three targets share (fuzz_scenarios,
 * fuzz_structures, fuzz_compare_menus): the shipped engine, a context and
 * examples/neutral.json parsed, to rate what the reader under test
 * accepts. Run from the repository root. */
#ifndef RATEL_FUZZ_NEUTRAL_H
#define RATEL_FUZZ_NEUTRAL_H

#include <stdio.h>
#include <stdlib.h>
#include "ratel.h"

/* Opens the engine, a context on it and the neutral declaration; aborts
 * when it cannot (the harness's own set-up, not the code under test). */
static inline void fuzz_open_neutral(ratel_engine **engine, ratel_ctx **ctx,
                                     ratel_decl **decl)
{
    char text[4096];
    size_t n;
    FILE *f = fopen("examples/neutral.json", "rb");
    if (!f || (n = fread(text, 1, sizeof text, f)) == 0 ||
        ratel_engine_open(engine, "tables/ratel.db", "rating-scripts", NULL) ||
        ratel_ctx_new(ctx, *engine) ||
        ratel_decl_parse(decl, *ctx, NULL, text, n))
        abort();
    fclose(f);
}

#endif
