/* fuzz_scheme_json.c - libFuzzer target: an association scheme's account
 * read back from JSON (ratel_scheme_parse). An account it accepts must
 * write the bytes it reads back to the same account, and merge into an
 * empty account unchanged; one it refuses must come back empty with a
 * message. Never a crash, a leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ratel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *json_of(const ratel_scheme *s, size_t *len)
{
    char *text = NULL;
    if (ratel_scheme_json(s, &text, len) != RATEL_OK)
        abort();
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ratel_scheme *s = NULL, *back = NULL, *merged = NULL;
    char *text, *again, *sum;
    size_t len, len2, len3;
    int rc = ratel_scheme_parse(&s, (const char *)data, size);
    if (rc != RATEL_OK) {
        if (rc != RATEL_ENOMEM &&
            (!s || ratel_scheme_errmsg(s)[0] == '\0' ||
             ratel_scheme_tier_count(s) || ratel_scheme_case_count(s)))
            abort(); /* an error comes with its message and nothing else */
        ratel_scheme_free(s);
        return 0;
    }
    text = json_of(s, &len);
    if (ratel_scheme_parse(&back, text, len) != RATEL_OK)
        abort(); /* what the library writes, it reads */
    again = json_of(back, &len2);
    if (ratel_scheme_new(&merged) != RATEL_OK ||
        ratel_scheme_merge(merged, back) != RATEL_OK)
        abort();
    sum = json_of(merged, &len3);
    if (len2 != len || memcmp(text, again, len) != 0 || len3 != len ||
        memcmp(text, sum, len) != 0)
        abort();
    ratel_free(text);
    ratel_free(again);
    ratel_free(sum);
    ratel_scheme_free(s);
    ratel_scheme_free(back);
    ratel_scheme_free(merged);
    return 0;
}
