/* tables_hash.c - a fingerprint of a table's content: kind, column names,
 * every key and value in row order, hashed with SHA-256. */
#include <math.h>
#include <string.h>

#include "sha256.h"
#include "tables.h"

int tbl_hash_content(tbl_table *t)
{
    char hex[65];
    size_t r;
    int k;
    buf b;
    buf_init(&b);
    buf_puts(&b, tbl_kind_name(t->kind));
    for (k = 0; k < t->nkeys; k++) {
        buf_putc(&b, '|');
        buf_puts(&b, t->key_names[k]);
    }
    for (k = 0; k < t->nvalues; k++) {
        buf_putc(&b, '|');
        buf_puts(&b, t->value_names[k]);
    }
    for (r = 0; r < t->nrows; r++) {
        buf_putc(&b, '\n');
        if (t->kind == TBL_EXACT) {
            for (k = 0; k < t->nkeys; k++) {
                const tbl_cell *c = &t->keys[r * (size_t)t->nkeys + k];
                if (t->key_types[k] == TBL_TEXT)
                    buf_puts(&b, c->s);
                else
                    buf_put_i64(&b, c->i);
                buf_putc(&b, ',');
            }
        } else {
            buf_put_double(&b, t->lo[r]);
            buf_putc(&b, ',');
            if (t->kind == TBL_BAND) {
                if (isfinite(t->hi[r]))
                    buf_put_double(&b, t->hi[r]);
                buf_putc(&b, ',');
            }
        }
        for (k = 0; k < t->nvalues; k++) {
            buf_put_double(&b, t->values[r * (size_t)t->nvalues + k]);
            buf_putc(&b, ',');
        }
    }
    if (b.oom) {
        buf_free(&b);
        return -1;
    }
    sha256_hex(b.data, b.len, hex);
    memcpy(t->hash, hex, 16);
    t->hash[16] = '\0';
    buf_free(&b);
    return 0;
}
