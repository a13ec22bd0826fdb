/* tables_index.c - the open-addressing hash index of exact tables. Slots
 * hold row + 1 (0 = empty); the table size is a power of two at least
 * twice the row count; collisions probe linearly. */
#include "tables_int.h"

#include <stdlib.h>
#include <string.h>

/* Hash of the key tuple of one row, as tbl_lookup hashes a caller's keys. */
static uint64_t row_hash(const tbl_table *t, size_t row)
{
    const tbl_cell *c = t->keys + row * (size_t)t->nkeys;
    uint64_t h = TBL_FNV_OFFSET;
    int j;
    for (j = 0; j < t->nkeys; j++)
        h = t->key_types[j] == TBL_INT
                ? tbl_hash_int(h, c[j].i)
                : tbl_hash_bytes(h, c[j].s, (size_t)c[j].i);
    return h;
}

static int rows_equal(const tbl_table *t, size_t a, size_t b)
{
    const tbl_cell *x = t->keys + a * (size_t)t->nkeys;
    const tbl_cell *y = t->keys + b * (size_t)t->nkeys;
    int j;
    for (j = 0; j < t->nkeys; j++) {
        if (x[j].i != y[j].i)
            return 0; /* the integer, or the length of a text */
        if (t->key_types[j] == TBL_TEXT &&
            memcmp(x[j].s, y[j].s, (size_t)x[j].i) != 0)
            return 0;
    }
    return 1;
}

/* Writes the key tuple of row `row` as text ("a, 10") for messages. */
static void tbl_key_text(const tbl_table *t, size_t row, buf *b)
{
    const tbl_cell *c = t->keys + row * (size_t)t->nkeys;
    int j;
    for (j = 0; j < t->nkeys; j++) {
        if (j)
            buf_puts(b, ", ");
        if (t->key_types[j] == TBL_INT)
            buf_put_i64(b, c[j].i);
        else
            buf_put(b, c[j].s, (size_t)c[j].i);
    }
}

int tbl_index_build(tbl_table *t, const uint32_t *lines, tbl_report *r)
{
    size_t nslots = 16, row, mask;
    free(t->slots);
    t->slots = NULL;
    t->nslots = 0;
    while (nslots < t->nrows * 2)
        nslots *= 2;
    t->slots = calloc(nslots, sizeof *t->slots);
    if (!t->slots)
        return RATEL_ENOMEM;
    t->nslots = nslots;
    mask = nslots - 1;
    for (row = 0; row < t->nrows; row++) {
        size_t idx = (size_t)(row_hash(t, row) & mask);
        for (;;) {
            uint32_t s = t->slots[idx];
            if (!s) {
                t->slots[idx] = (uint32_t)row + 1;
                break;
            }
            if (rows_equal(t, s - 1, row)) {
                buf kb;
                buf_init(&kb);
                tbl_key_text(t, row, &kb);
                tbl_report_add(r, t->source, (long)lines[row],
                               "duplicate key (%s), first at line %lu",
                               kb.oom ? "?" : buf_cstr(&kb),
                               (unsigned long)lines[s - 1]);
                buf_free(&kb);
                break;
            }
            idx = (idx + 1) & mask;
        }
    }
    return RATEL_OK;
}
