/* tables_json.c - one table version as a JSON document and back, so that
 * the quote journal can keep the exact content a quote was rated with and
 * rebuild it without the database it came from (docs/journal.md, "Table
 * contents"). The text is canonical: the same table gives the same bytes,
 * numbers written as the shortest text that reads back exactly. A table
 * read back is checked as strictly as one loaded from a database. */
#include "tables_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "jtree.h"

#define TBL_JSON_FORMAT 1

static void put_name_list(buf *b, const char *const *names, int n)
{
    int k;
    buf_putc(b, '[');
    for (k = 0; k < n; k++) {
        if (k)
            buf_putc(b, ',');
        buf_put_json_string(b, names[k]);
    }
    buf_putc(b, ']');
}

int tbl_json_write(const tbl_table *t, buf *b)
{
    const char *types[TBL_MAX_KEYS];
    size_t r;
    int k;
    buf_puts(b, "{\"format_version\":1,\"name\":");
    buf_put_json_string(b, t->name);
    buf_put_json_key(b, ',', "version");
    buf_put_json_string(b, t->version);
    buf_put_json_key(b, ',', "effective_from");
    buf_put_json_string(b, t->effective_str);
    buf_put_json_key(b, ',', "kind");
    buf_put_json_string(b, tbl_kind_name(t->kind));
    buf_put_json_key(b, ',', "source");
    buf_put_json_string(b, t->source);
    buf_put_json_key(b, ',', "keys");
    put_name_list(b, (const char *const *)t->key_names, t->nkeys);
    for (k = 0; k < t->nkeys; k++)
        types[k] = tbl_type_name(t->key_types[k]);
    buf_put_json_key(b, ',', "key_types");
    put_name_list(b, types, t->nkeys);
    buf_put_json_key(b, ',', "values");
    put_name_list(b, (const char *const *)t->value_names, t->nvalues);
    /* each value column's domain as the manifest writes it ("positive",
     * "any", "0..1"): part of the table's content hash */
    buf_put_json_key(b, ',', "domains");
    buf_putc(b, '[');
    for (k = 0; k < t->nvalues; k++) {
        buf dom;
        buf_init(&dom);
        tbl_domain_text(&t->domains[k], &dom);
        if (k)
            buf_putc(b, ',');
        buf_put_json_string(b, dom.oom ? "" : buf_cstr(&dom));
        b->oom |= dom.oom;
        buf_free(&dom);
    }
    buf_putc(b, ']');
    buf_put_json_key(b, ',', "rows");
    buf_putc(b, '[');
    for (r = 0; r < t->nrows; r++) {
        buf_puts(b, r ? ",\n[" : "\n[");
        if (t->kind == TBL_EXACT) {
            for (k = 0; k < t->nkeys; k++) {
                const tbl_cell *c = &t->keys[r * (size_t)t->nkeys + k];
                if (k)
                    buf_putc(b, ',');
                if (t->key_types[k] == TBL_TEXT)
                    buf_put_json_string(b, c->s);
                else
                    buf_put_i64(b, c->i);
            }
        } else {
            buf_put_double(b, t->lo[r]);
            if (t->kind == TBL_BAND) {
                buf_putc(b, ',');
                if (isfinite(t->hi[r]))
                    buf_put_double(b, t->hi[r]);
                else
                    buf_puts(b, "null");
            }
        }
        for (k = 0; k < t->nvalues; k++) {
            buf_putc(b, ',');
            buf_put_double(b, t->values[r * (size_t)t->nvalues + k]);
        }
        buf_putc(b, ']');
    }
    buf_puts(b, "]}");
    return b->oom ? RATEL_ENOMEM : RATEL_OK;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct reader {
    tbl_table *t;
    ratel_err *e;
    const char *what; /* "table NAME VERSION" once known, for messages */
} reader;

static int fail(reader *R, const jt_node *at, const char *msg)
{
    return err_set(R->e, RATEL_ETABLE, "%s, line %d: %s", R->what,
                   at ? at->line : 0, msg);
}

/* A member that must be a string satisfying `valid` (NULL: non-empty
 * without NUL); a copy in *out. */
static int string_member(reader *R, const jt_node *obj, const char *key,
                         int (*valid)(const char *, size_t), char **out)
{
    const jt_node *v = jt_get(obj, key);
    char msg[96];
    if (!v || v->kind != JT_STRING || v->len == 0 ||
        strlen(v->text) != v->len || (valid && !valid(v->text, v->len))) {
        snprintf(msg, sizeof msg, "\"%s\" must be a valid string", key);
        return fail(R, v ? v : obj, msg);
    }
    if (!(*out = strdup(v->text)))
        return err_set(R->e, RATEL_ENOMEM, "out of memory");
    return RATEL_OK;
}

/* "domains": one per value column (absent: each the default, positive,
 * as in a database built before domains). */
static int read_domains(reader *R, const jt_node *root, size_t nvalues)
{
    const jt_node *domains = jt_get(root, "domains"), *d;
    size_t i = 0;
    if (!domains)
        return RATEL_OK;
    if (domains->kind != JT_ARRAY || domains->n != nvalues)
        return fail(R, root, "\"domains\" must give one domain for each "
                    "value column");
    for (d = domains->first; d; d = d->next, i++)
        if (d->kind != JT_STRING ||
            tbl_domain_parse(d->text, d->len, &R->t->domains[i]) != 0)
            return fail(R, d, "a value column's domain is not valid");
    return RATEL_OK;
}

/* "keys", "key_types" and "values": the columns. */
static int read_columns(reader *R, const jt_node *root)
{
    tbl_table *t = R->t;
    const jt_node *keys = jt_get(root, "keys");
    const jt_node *types = jt_get(root, "key_types");
    const jt_node *values = jt_get(root, "values");
    const jt_node *k, *ty;
    if (!keys || keys->kind != JT_ARRAY || keys->n < 1 ||
        keys->n > (t->kind == TBL_EXACT ? TBL_MAX_KEYS : 1) || !types ||
        types->kind != JT_ARRAY || types->n != keys->n)
        return fail(R, root, "\"keys\" and \"key_types\" must name the "
                    "table's key columns");
    if (!values || values->kind != JT_ARRAY || values->n < 1 ||
        values->n > TBL_MAX_VALUES)
        return fail(R, root, "\"values\" must name 1 to 32 value columns");
    for (k = keys->first, ty = types->first; k; k = k->next, ty = ty->next) {
        tbl_type type;
        if (k->kind != JT_STRING || !tbl_valid_name(k->text, k->len) ||
            ty->kind != JT_STRING || tbl_type_parse(ty->text, &type) != 0 ||
            (t->kind == TBL_EXACT ? type == TBL_REAL : type != TBL_REAL))
            return fail(R, k, "a key column's name or type is not valid "
                        "for the table's kind");
        t->key_types[t->nkeys] = type;
        if (!(t->key_names[t->nkeys++] = strdup(k->text)))
            return err_set(R->e, RATEL_ENOMEM, "out of memory");
    }
    if (!(t->value_names = calloc(TBL_MAX_VALUES, sizeof *t->value_names)) ||
        !(t->domains = calloc(TBL_MAX_VALUES, sizeof *t->domains)))
        return err_set(R->e, RATEL_ENOMEM, "out of memory");
    for (k = values->first; k; k = k->next) {
        if (k->kind != JT_STRING || !tbl_valid_name(k->text, k->len))
            return fail(R, k, "a value column's name is not valid");
        if (!(t->value_names[t->nvalues++] = strdup(k->text)))
            return err_set(R->e, RATEL_ENOMEM, "out of memory");
    }
    return read_domains(R, root, values->n);
}

/* A finite number cell (an integer is read as its double). */
static int number(const jt_node *c, double *out)
{
    if ((c->kind != JT_INT && c->kind != JT_FLOAT) || !isfinite(c->f))
        return -1;
    if (c->kind == JT_INT && c->overflow) /* an integer past int64: its
                                             text read as a double */
        return tbl_parse_number(c->text, c->len, out) == 0 ? 0 : -1;
    *out = c->f;
    return 0;
}

/* One row: its key cells (text into `pool`) and values. 0 or -1. */
static int read_row(tbl_table *t, const jt_node *row, size_t r, buf *pool)
{
    size_t want = (size_t)t->nkeys + (t->kind == TBL_BAND) +
                  (size_t)t->nvalues;
    const jt_node *c;
    int k;
    if (row->kind != JT_ARRAY || row->n != want)
        return -1;
    c = row->first;
    if (t->kind == TBL_EXACT) {
        for (k = 0; k < t->nkeys; k++, c = c->next) {
            tbl_cell *cell = &t->keys[r * (size_t)t->nkeys + k];
            if (t->key_types[k] == TBL_INT) {
                if (c->kind != JT_INT || c->overflow)
                    return -1;
                cell->i = c->i;
            } else {
                if (c->kind != JT_STRING || c->len == 0 ||
                    strlen(c->text) != c->len)
                    return -1;
                cell->s = NULL;
                cell->i = (int64_t)pool->len;
                buf_put(pool, c->text, c->len + 1);
            }
        }
    } else {
        if (number(c, &t->lo[r]) != 0)
            return -1;
        c = c->next;
        if (t->kind == TBL_BAND) {
            if (c->kind == JT_NULL)
                t->hi[r] = INFINITY;
            else if (number(c, &t->hi[r]) != 0)
                return -1;
            c = c->next;
        }
    }
    for (k = 0; k < t->nvalues; k++, c = c->next)
        if (number(c, &t->values[r * (size_t)t->nvalues + k]) != 0)
            return -1;
    return 0;
}

/* "rows", checked as a loaded database's rows are (tbl_validate). */
static int read_rows(reader *R, const jt_node *root)
{
    tbl_table *t = R->t;
    const jt_node *rows = jt_get(root, "rows"), *row;
    uint32_t *lines = NULL;
    size_t n, r;
    tbl_report rep;
    buf pool, msg;
    int rc = RATEL_OK;
    if (!rows || rows->kind != JT_ARRAY || rows->n == 0 ||
        rows->n > TBL_MAX_ROWS)
        return fail(R, root, "\"rows\" must be an array of 1 to "
                    "1,000,000 rows");
    n = rows->n;
    lines = malloc(n * sizeof *lines);
    if (tbl_rows_alloc(t, n) != 0 || !lines) {
        free(lines);
        return err_set(R->e, RATEL_ENOMEM, "out of memory");
    }
    buf_init(&pool);
    buf_init(&msg);
    for (r = 0, row = rows->first; row; r++, row = row->next) {
        lines[r] = (uint32_t)row->line;
        if (read_row(t, row, r, &pool) != 0) {
            rc = fail(R, row, "a row does not match the columns (a key of "
                      "the wrong type, a value that is not a finite "
                      "number)");
            break;
        }
    }
    if (rc == RATEL_OK && pool.oom)
        rc = err_set(R->e, RATEL_ENOMEM, "out of memory");
    if (rc == RATEL_OK && t->kind == TBL_EXACT &&
        (rc = tbl_finish_keys(t, &pool)) != RATEL_OK)
        rc = err_set(R->e, rc, "out of memory");
    if (rc == RATEL_OK) {
        tbl_report_init(&rep, &msg);
        rc = tbl_validate(t, lines, 0, &rep);
        if (rc == RATEL_OK && rep.count)
            rc = err_set(R->e, RATEL_ETABLE, "%s: %s", R->what,
                         msg.oom ? "invalid rows" : buf_cstr(&msg));
        else if (rc != RATEL_OK)
            rc = err_set(R->e, rc, "out of memory");
    }
    buf_free(&pool);
    buf_free(&msg);
    free(lines);
    return rc;
}

static int read_table(reader *R, const jt_node *root)
{
    tbl_table *t = R->t;
    const jt_node *fv = jt_get(root, "format_version");
    const jt_node *eff, *kind;
    int rc;
    if (root->kind != JT_OBJECT)
        return fail(R, root, "not a JSON object");
    if (!fv || fv->kind != JT_INT || fv->i != TBL_JSON_FORMAT)
        return fail(R, fv ? fv : root, "\"format_version\" must be 1 (a "
                    "table written by a newer ratel?)");
    if ((rc = string_member(R, root, "name", tbl_valid_name, &t->name)) ||
        (rc = string_member(R, root, "version", tbl_valid_version,
                            &t->version)) ||
        (rc = string_member(R, root, "source", NULL, &t->source)))
        return rc;
    eff = jt_get(root, "effective_from");
    kind = jt_get(root, "kind");
    if (!eff || eff->kind != JT_STRING ||
        decl_date_parse(eff->text, eff->len, &t->effective_from) != 0)
        return fail(R, eff ? eff : root, "\"effective_from\" must be a "
                    "date YYYY-MM-DD");
    decl_date_format(t->effective_from, t->effective_str);
    if (!kind || kind->kind != JT_STRING ||
        tbl_kind_parse(kind->text, &t->kind) != 0)
        return fail(R, kind ? kind : root, "\"kind\" must be exact, band "
                    "or interpolate");
    if ((rc = read_columns(R, root)) || (rc = read_rows(R, root)))
        return rc;
    return tbl_hash_content(t) ? err_set(R->e, RATEL_ENOMEM, "out of memory")
                               : RATEL_OK;
}

int tbl_json_read(tbl_table *t, const char *json, size_t len,
                  const char *what, ratel_err *e)
{
    reader R = {t, e, what};
    jt_doc *doc = NULL;
    char msg[160];
    int rc;
    memset(t, 0, sizeof *t);
    rc = jt_parse(&doc, json, len, msg, sizeof msg);
    if (rc == -2)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if (rc != 0)
        return err_set(e, RATEL_ETABLE, "%s: not a table (%s)", what, msg);
    rc = read_table(&R, jt_root(doc));
    jt_free(doc);
    if (rc != RATEL_OK)
        tbl_table_dispose(t);
    return rc;
}

int tbl_set_add_json(tbl_set *set, const char *json, size_t len,
                     const char *what, ratel_err *e)
{
    tbl_table *grown = realloc(set->tables, (set->n + 1) * sizeof *grown);
    int rc;
    if (!grown)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    set->tables = grown;
    if ((rc = tbl_json_read(&grown[set->n], json, len, what, e)) == RATEL_OK)
        set->n++;
    return rc;
}

int tbl_set_sort(tbl_set *set, ratel_err *e)
{
    size_t k;
    if (set->n > 1)
        qsort(set->tables, set->n, sizeof *set->tables, tbl_version_cmp);
    for (k = 1; k < set->n; k++)
        if (tbl_version_cmp(&set->tables[k - 1], &set->tables[k]) == 0)
            return err_set(e, RATEL_ETABLE, "table %s has two versions "
                           "effective %s", set->tables[k].name,
                           set->tables[k].effective_str);
    return RATEL_OK;
}
