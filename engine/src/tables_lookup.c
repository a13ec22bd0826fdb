/* tables_lookup.c - finding a table version by name and date, and looking
 * keys up in it. No allocation and no SQL on this path. */
#include "tables_int.h"

#include <math.h>
#include <string.h>

/* Index of the first table whose name is >= name. */
static size_t lower_bound(const tbl_set *set, const char *name)
{
    size_t lo = 0, hi = set->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(set->tables[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int tbl_has_name(const tbl_set *set, const char *name)
{
    size_t k;
    if (!set || !name)
        return 0;
    k = lower_bound(set, name);
    return k < set->n && strcmp(set->tables[k].name, name) == 0;
}

const tbl_table *tbl_find(const tbl_set *set, const char *name, int32_t date)
{
    size_t first, lo, hi;
    if (!set || !name)
        return NULL;
    first = lower_bound(set, name);
    /* versions of `name` are tables[first .. end); find the last one with
     * effective_from <= date: lo ends as the first one after date */
    lo = first;
    hi = set->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const tbl_table *t = &set->tables[mid];
        if (strcmp(t->name, name) == 0 && t->effective_from <= date)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == first)
        return NULL;
    return &set->tables[lo - 1];
}

/* Copies the n values of a row (most tables have one). */
static void copy_values(double *out, const double *row, size_t n)
{
    if (n == 1)
        *out = *row;
    else
        memcpy(out, row, n * sizeof *out);
}

/* Exact tables: hash the caller's key tuple, probe the index. */
static int lookup_exact(const tbl_table *t, const tbl_key *keys, double *out)
{
    uint64_t h = TBL_FNV_OFFSET;
    size_t mask, idx;
    int j;

    for (j = 0; j < t->nkeys; j++) {
        const tbl_key *k = &keys[j];
        if (t->key_types[j] == TBL_INT) {
            if (k->is_text || isnan(k->num))
                return -2;
            if (!k->is_int)
                return -1; /* a fractional number matches no integer key */
            h = tbl_hash_int(h, k->i);
        } else {
            if (!k->is_text || (!k->s && k->len))
                return -2;
            h = tbl_hash_bytes(h, k->s, k->len);
        }
    }
    if (!t->slots)
        return -1;
    mask = t->nslots - 1;
    for (idx = (size_t)(h & mask);; idx = (idx + 1) & mask) {
        uint32_t s = t->slots[idx];
        const tbl_cell *c;
        if (!s)
            return -1;
        c = t->keys + (size_t)(s - 1) * (size_t)t->nkeys;
        for (j = 0; j < t->nkeys; j++) {
            if (t->key_types[j] == TBL_INT) {
                if (c[j].i != keys[j].i)
                    break;
            } else if ((size_t)c[j].i != keys[j].len ||
                       memcmp(c[j].s, keys[j].s, keys[j].len) != 0) {
                break;
            }
        }
        if (j == t->nkeys) {
            copy_values(out, t->values + (size_t)(s - 1) * (size_t)t->nvalues,
                        (size_t)t->nvalues);
            return 0;
        }
    }
}

/* Index of the last row whose lo <= x, or -1 when x is below them all. */
static long last_at_or_below(const tbl_table *t, double x)
{
    size_t lo = 0, hi = t->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lo[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

/* Bands: [lo, hi); below the first band or at/after a closed top: -1. */
static int lookup_band(const tbl_table *t, double x, double *out)
{
    long k = last_at_or_below(t, x);
    if (k < 0 || !(x < t->hi[k] || isinf(t->hi[k])))
        return -1;
    copy_values(out, t->values + (size_t)k * (size_t)t->nvalues,
                (size_t)t->nvalues);
    return 0;
}

/* Interpolation: linear between the surrounding points, clamped at the
 * first and last; a key equal to a point gives that point's values. */
static int lookup_interp(const tbl_table *t, double x, double *out)
{
    size_t nv = (size_t)t->nvalues, j;
    long k = last_at_or_below(t, x);
    const double *a, *b;
    double x0, x1, f;

    if (k < 0)
        k = 0;
    a = t->values + (size_t)k * nv;
    if ((size_t)k + 1 >= t->nrows || t->lo[k] == x || x < t->lo[0]) {
        copy_values(out, a, nv);
        return 0;
    }
    b = a + nv;
    x0 = t->lo[k];
    x1 = t->lo[k + 1];
    f = (x - x0) / (x1 - x0);
    for (j = 0; j < nv; j++)
        out[j] = a[j] + (b[j] - a[j]) * f;
    return 0;
}

int tbl_lookup(const tbl_table *t, const tbl_key *keys, int nkeys,
               double *out)
{
    if (!t || !keys || !out || nkeys != t->nkeys)
        return -2;
    if (t->nrows == 0)
        return -1;
    if (t->kind == TBL_EXACT)
        return lookup_exact(t, keys, out);
    if (keys[0].is_text || isnan(keys[0].num))
        return -2;
    if (t->kind == TBL_BAND)
        return lookup_band(t, keys[0].num, out);
    return lookup_interp(t, keys[0].num, out);
}
