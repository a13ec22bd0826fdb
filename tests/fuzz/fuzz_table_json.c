/* fuzz_table_json.c - libFuzzer target: the reader of a table version's
 * JSON document (tables_json.c), which the quote journal stores and the
 * replay reads back. Any input gives a table (that writes out and reads
 * back to the same hash) or an error naming the table; never a crash, a
 * leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tbl_set *set = calloc(1, sizeof *set);
    ratel_err e;
    err_init(&e);
    if (!set)
        abort();
    if (tbl_set_add_json(set, (const char *)data, size, "fuzz", &e) ==
        RATEL_OK) {
        buf b;
        buf_init(&b);
        if (tbl_json_write(&set->tables[0], &b) == RATEL_OK) {
            if (tbl_set_add_json(set, b.data, b.len, "again", &e) !=
                    RATEL_OK ||
                strcmp(set->tables[0].hash, set->tables[1].hash) != 0)
                abort(); /* what it writes reads back the same */
        }
        buf_free(&b);
    } else if (e.code != RATEL_ENOMEM &&
               (!e.message || strncmp(e.message, "fuzz", 4) != 0)) {
        abort(); /* every error names the table */
    }
    tbl_set_free(set);
    err_dispose(&e);
    return 0;
}
