/* tables_validate.c - structural rules shared by the build (on sources)
 * and the load (on a database that may have been edited by hand). */
#include "tables_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct sort_item {
    double key;
    uint32_t line;
    size_t row;
} sort_item;

static int cmp_item(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

int tbl_sort_rows(tbl_table *t, uint32_t *lines)
{
    size_t n = t->nrows, nv = (size_t)t->nvalues, k;
    sort_item *items;
    double *lo, *hi = NULL, *values;
    uint32_t *ln;

    if (t->kind == TBL_EXACT || n < 2)
        return RATEL_OK;
    items = malloc(n * sizeof *items);
    lo = malloc(n * sizeof *lo);
    values = malloc(n * nv * sizeof *values);
    ln = malloc(n * sizeof *ln);
    if (t->hi)
        hi = malloc(n * sizeof *hi);
    if (!items || !lo || !values || !ln || (t->hi && !hi)) {
        free(items); free(lo); free(values); free(ln); free(hi);
        return RATEL_ENOMEM;
    }
    for (k = 0; k < n; k++) {
        items[k].key = t->lo[k];
        items[k].line = lines[k];
        items[k].row = k;
    }
    qsort(items, n, sizeof *items, cmp_item);
    for (k = 0; k < n; k++) {
        size_t from = items[k].row;
        lo[k] = t->lo[from];
        if (hi)
            hi[k] = t->hi[from];
        ln[k] = lines[from];
        memcpy(values + k * nv, t->values + from * nv, nv * sizeof *values);
    }
    memcpy(lines, ln, n * sizeof *ln);
    free(ln);
    free(items);
    free(t->lo);
    free(t->hi);
    free(t->values);
    t->lo = lo;
    t->hi = hi;
    t->values = values;
    return RATEL_OK;
}

/* Bands: sane bounds, only the last band open, no gaps or overlaps. */
static void check_bands(const tbl_table *t, const uint32_t *lines,
                        tbl_report *r)
{
    size_t n = t->nrows, k;
    int ok = 1;
    char a[40], b[40];
    const char *key = t->key_names[0];

    for (k = 0; k < n; k++) {
        if (!isfinite(t->lo[k]) || isnan(t->hi[k])) {
            tbl_report_add(r, t->source, (long)lines[k],
                           "band bounds are not numbers");
            ok = 0;
        } else if (!(t->lo[k] < t->hi[k])) {
            tbl_report_add(r, t->source, (long)lines[k],
                           "band %s_from %s is not below %s_to %s", key,
                           tbl_num_text(t->lo[k], a), key,
                           tbl_num_text(t->hi[k], b));
            ok = 0;
        } else if (isinf(t->hi[k]) && k + 1 < n) {
            tbl_report_add(r, t->source, (long)lines[k],
                           "open-ended band (empty %s_to) must be the last "
                           "band, but the band at line %lu starts above it",
                           key, (unsigned long)lines[n - 1]);
            ok = 0;
        }
    }
    if (!ok)
        return; /* gaps and overlaps would only repeat the problems above */
    for (k = 0; k + 1 < n; k++) {
        double end = t->hi[k], next = t->lo[k + 1];
        if (end == next)
            continue;
        tbl_report_add(r, t->source, (long)lines[k + 1],
                       "%s: the band at line %lu ends at %s, this band "
                       "starts at %s",
                       end < next ? "gap between bands" : "overlapping bands",
                       (unsigned long)lines[k], tbl_num_text(end, a),
                       tbl_num_text(next, b));
    }
}

/* Interpolation: finite, strictly increasing points, at least two. */
static void check_points(const tbl_table *t, const uint32_t *lines,
                         tbl_report *r)
{
    size_t n = t->nrows, k;
    char a[40], b[40];
    if (n < 2)
        tbl_report_add(r, t->source, (long)lines[0],
                       "an interpolate table needs at least 2 points, "
                       "found %zu", n);
    for (k = 0; k < n; k++) {
        if (!isfinite(t->lo[k])) {
            tbl_report_add(r, t->source, (long)lines[k],
                           "point is not a finite number");
        } else if (k > 0 && t->lo[k] == t->lo[k - 1]) {
            tbl_report_add(r, t->source, (long)lines[k],
                           "duplicate point %s, first at line %lu",
                           tbl_num_text(t->lo[k], a),
                           (unsigned long)lines[k - 1]);
        } else if (k > 0 && t->lo[k] < t->lo[k - 1]) {
            tbl_report_add(r, t->source, (long)lines[k],
                           "points out of order: %s after %s",
                           tbl_num_text(t->lo[k], a),
                           tbl_num_text(t->lo[k - 1], b));
        }
    }
}

/* A value must be finite and in its column's domain. */
static void check_value(const tbl_table *t, size_t col, double v, long line,
                        tbl_report *r)
{
    const tbl_domain *d = &t->domains[col];
    char text[40];
    buf dom;
    if (!isfinite(v)) {
        tbl_report_add(r, t->source, line,
                       "value in column %s is not a finite number",
                       t->value_names[col]);
        return;
    }
    if (tbl_domain_holds(d, v))
        return;
    buf_init(&dom);
    tbl_domain_text(d, &dom);
    tbl_report_add(r, t->source, line,
                   "column %s: %s is %s %s (if it may be, declare the "
                   "column's domain in the manifest, e.g. %s:any)",
                   t->value_names[col], tbl_num_text(v, text),
                   d->kind == TBL_DOM_RANGE ? "outside" : "not",
                   dom.oom ? "its domain" : buf_cstr(&dom),
                   t->value_names[col]);
    buf_free(&dom);
}

int tbl_validate(tbl_table *t, const uint32_t *lines, long header_line,
                 tbl_report *r)
{
    size_t k, nv = (size_t)t->nvalues;
    if (t->nrows == 0) {
        tbl_report_add(r, t->source, header_line, "table has no rows");
        return RATEL_OK;
    }
    for (k = 0; k < t->nrows * nv; k++)
        check_value(t, k % nv, t->values[k], (long)lines[k / nv], r);
    switch (t->kind) {
    case TBL_BAND:
        check_bands(t, lines, r);
        return RATEL_OK;
    case TBL_INTERP:
        check_points(t, lines, r);
        return RATEL_OK;
    default:
        tbl_check_text_keys(t, lines, r);
        return tbl_index_build(t, lines, r);
    }
}
