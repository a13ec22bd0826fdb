/* tables_hash.c - fingerprints of table content: of one table (kind,
 * column names, every key and value in row order), shown in quotes; and
 * of a whole database (every table's identity, domains and fingerprint),
 * stored by the build so that the load notices any change made after it. */
#include <math.h>
#include <string.h>

#include "sha256.h"
#include "tables_int.h"

int tbl_hash_content(tbl_table *t)
{
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
                    buf_put(&b, c->s, (size_t)c->i);
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
    sha256_hex(b.data, b.len, t->digest);
    memcpy(t->hash, t->digest, 16);
    t->hash[16] = '\0';
    buf_free(&b);
    return 0;
}

void tbl_hash_set_add(buf *text, const tbl_table *t)
{
    int j;
    buf_printf(text, "%s|%s|%s|%s|%s", t->name, t->version, t->effective_str,
               tbl_kind_name(t->kind), t->digest);
    for (j = 0; j < t->nvalues; j++) {
        buf_putc(text, '|');
        tbl_domain_text(&t->domains[j], text);
    }
    buf_putc(text, '\n');
}
