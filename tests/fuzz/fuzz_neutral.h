/* fuzz_neutral.h - the set-up three targets share (fuzz_scenarios,
 * fuzz_structures, fuzz_compare_menus): the shipped engine, a context and
 * examples/neutral.json parsed, to rate what the reader under test
 * accepts, opened by the LLVMFuzzerInitialize defined here; each target
 * defines only LLVMFuzzerTestOneInput. Run from the repository root. */
#ifndef RATEL_FUZZ_NEUTRAL_H
#define RATEL_FUZZ_NEUTRAL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "ratel.h"

static ratel_engine *engine;
static ratel_ctx *ctx;
static ratel_decl *decl;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Opens the engine, a context on it and the neutral declaration; aborts
 * when it cannot (the harness's own set-up, not the code under test). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char text[4096];
    size_t n;
    FILE *f = fopen("examples/neutral.json", "rb");
    (void)argc;
    (void)argv;
    if (!f || (n = fread(text, 1, sizeof text, f)) == 0 ||
        ratel_engine_open(&engine, "tables/ratel.db", "rating-scripts", NULL) ||
        ratel_ctx_new(&ctx, engine) ||
        ratel_decl_parse(&decl, ctx, NULL, text, n))
        abort();
    fclose(f);
    return 0;
}

#endif
