/* fuzz_decl.c - libFuzzer target: the declaration reader, its getters,
 * and one quote. Any input must give either a quote or an error with a
 * message; never a crash, a leak or a hang. The engine is opened once,
 * from the source tree (the fuzzers run from the repository root). */
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

/* Reads a few fields back: whatever the reader stored is readable. */
static void read_back(const ratel_decl *d)
{
    static const char *const ints[] = {
        "effective_date", "applicant.revenue", "coverages.liability.limit",
        "coverages.bi.waiting_hours", "policy.expiry", "incidents[0].paid"};
    const char *text;
    int64_t i;
    size_t k, n;
    int b;
    for (k = 0; k < sizeof ints / sizeof *ints; k++) {
        int rc = ratel_decl_get_int(d, ints[k], &i);
        if (rc != RATEL_OK && rc != RATEL_ENOTFOUND && rc != RATEL_EARG)
            abort();
    }
    if (ratel_decl_get_string(d, "applicant.name", &text) == RATEL_OK &&
        !text)
        abort();
    if (ratel_decl_get_count(d, "incidents", &n) == RATEL_OK && n > 100)
        abort(); /* the schema's max_items */
    (void)ratel_decl_get_bool(d, "controls.mfa", &b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    char *json = NULL;
    int rc = ratel_decl_parse(&d, ctx, NULL, (const char *)data, size);
    if (rc != RATEL_OK) {
        if (d || ratel_ctx_errmsg(ctx)[0] == '\0')
            abort(); /* an error must come with a message and no decl */
        return 0;
    }
    if (!d)
        abort();
    read_back(d);
    rc = ratel_rate(&q, ctx, d, NULL);
    if (rc == RATEL_OK) {
        if (!q || ratel_quote_json(q, &json, NULL) != RATEL_OK || !json)
            abort();
    } else if (q || ratel_ctx_errmsg(ctx)[0] == '\0') {
        abort(); /* an error must come with a message and no quote */
    }
    ratel_free(json);
    ratel_quote_free(q);
    ratel_decl_free(d);
    return 0;
}
