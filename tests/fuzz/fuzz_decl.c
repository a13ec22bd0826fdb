/* fuzz_decl.c - libFuzzer target: the declaration reader and one quote.
 * Any input must give either a quote or an error with a message; never a
 * crash, a leak or a hang. The engine is opened once, from the source
 * tree (the fuzzers run from the repository root). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ratel.h"

static ratel_engine *engine;
static ratel_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ratel_engine_open(&engine, "tables/ratel.db", "rating-scripts", NULL)
        || ratel_ctx_new(&ctx, engine))
        abort(); /* the harness's own setup, not the code under test */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ratel_quote *q = NULL;
    int rc = ratel_rate_json(&q, ctx, (const char *)data, size, NULL, 0);
    if (rc == RATEL_OK) {
        if (!q || !ratel_quote_json(q, NULL))
            abort();
    } else if (q || ratel_ctx_errmsg(ctx)[0] == '\0') {
        abort(); /* an error must come with a message and no quote */
    }
    ratel_quote_free(q);
    return 0;
}
