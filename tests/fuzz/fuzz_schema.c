/* fuzz_schema.c - libFuzzer target: the product-schema compiler. Any
 * input compiles into a schema or fails with a message naming the file;
 * a schema that compiles reads a small declaration without trouble.
 * Never a crash, a leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Code lists from a table: one fixed list of two keys. */
static int keys(void *ud, const char *table, const char **out, int *n)
{
    static const char *const k[] = {"standard", "high"};
    (void)ud;
    (void)table;
    *n = 2;
    if (out) {
        out[0] = k[0];
        out[1] = k[1];
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char doc[] = "{\"effective_date\":\"2025-04-01\"}";
    sch_schema *s = NULL;
    struct ratel_decl *d = NULL;
    ratel_err e;
    err_init(&e);
    if (sch_compile(&s, "fuzz.json", (const char *)data, size, &e) ==
        RATEL_OK) {
        if (sch_resolve_tables(s, keys, NULL, &e) == RATEL_OK) {
            err_clear(&e);
            decl_parse_json(&d, s, NULL, NULL, doc, sizeof doc - 1, &e);
            decl_free(d);
        }
        sch_free(s);
    } else if (!e.message || strncmp(e.message, "fuzz.json", 9) != 0) {
        if (e.code != RATEL_ENOMEM)
            abort(); /* every problem names the file */
    }
    err_dispose(&e);
    return 0;
}
