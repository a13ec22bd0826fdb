/* fuzz_decl_csv.c - libFuzzer target: the CSV row reader. The input's
 * first line is the header row, each further line a data row (at most
 * 16; the first one made a declaration is rated). Any input must give a
 * header or an error with a message, then per row a declaration or an
 * error with a message; never a crash, a leak or a hang. The engine is
 * opened once, from the source tree (the fuzzers run from the repository
 * root). */
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

/* An error must come with a message and without a result. */
static void check_failure(const void *result)
{
    if (result || ratel_ctx_errmsg(ctx)[0] == '\0')
        abort();
}

/* Rates d: a quote, or an error with a message. */
static void rate(const ratel_decl *d)
{
    ratel_quote *q = NULL;
    char *json = NULL;
    if (ratel_rate(&q, ctx, d, NULL) == RATEL_OK) {
        if (!q || ratel_quote_json(q, &json, NULL) != RATEL_OK || !json)
            abort();
    } else {
        check_failure(q);
    }
    ratel_free(json);
    ratel_quote_free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *end = text + size, *nl;
    ratel_csv_header *h = NULL;
    int rows, rated = 0;

    nl = memchr(text, '\n', size);
    if (ratel_csv_header_parse(&h, ctx, NULL, text,
                               nl ? (size_t)(nl - text) : size) != RATEL_OK) {
        check_failure(h);
        return 0;
    }
    if (!h || ratel_csv_header_columns(h) == 0)
        abort(); /* even an empty line is one (unknown) column */
    for (rows = 0; nl && rows < 16; rows++) {
        const char *line = nl + 1;
        ratel_decl *d = NULL;
        nl = memchr(line, '\n', (size_t)(end - line));
        if (ratel_decl_parse_csv(&d, ctx, h, line,
                                 (size_t)((nl ? nl : end) - line)) !=
            RATEL_OK) {
            check_failure(d);
            continue;
        }
        if (!d)
            abort();
        if (!rated++)
            rate(d);
        ratel_decl_free(d);
    }
    ratel_csv_header_free(h);
    return 0;
}
