/* tables_util.c - small helpers of the table module: the problem
 * reporter, name and number parsing, table disposal. */
#include "tables_int.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tbl_report_init(tbl_report *r, buf *out)
{
    r->out = out;
    r->count = 0;
    r->prefix = NULL;
}

void tbl_report_add(tbl_report *r, const char *file, long line,
                    const char *fmt, ...)
{
    char small[256];
    char *text = small;
    va_list ap;
    int n;

    if (++r->count > TBL_MAX_PROBLEMS)
        return;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        text = malloc((size_t)n + 1);
        if (!text) {
            r->out->oom = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (r->prefix)
        buf_puts(r->out, r->prefix);
    buf_puts(r->out, file);
    if (line > 0)
        buf_printf(r->out, ":%ld", line);
    buf_puts(r->out, ": ");
    buf_puts(r->out, text);
    buf_putc(r->out, '\n');
    if (text != small)
        free(text);
}

void tbl_report_finish(tbl_report *r)
{
    if (r->count > TBL_MAX_PROBLEMS)
        buf_printf(r->out, "... and %zu more problems not shown\n",
                   r->count - TBL_MAX_PROBLEMS);
}

int tbl_valid_name(const char *s, size_t len)
{
    size_t k;
    if (len == 0 || len > TBL_MAX_NAME)
        return 0;
    for (k = 0; k < len; k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
              s[k] == '_'))
            return 0;
    return 1;
}

int tbl_valid_version(const char *s, size_t len)
{
    size_t k;
    if (len == 0 || len > TBL_MAX_NAME)
        return 0;
    for (k = 0; k < len; k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
              (s[k] >= '0' && s[k] <= '9') || s[k] == '.' || s[k] == '_' ||
              s[k] == '-'))
            return 0;
    return 1;
}

static const char *const kind_names[] = {"exact", "band", "interpolate"};
static const char *const type_names[] = {"integer", "text", "real"};
static const char *const role_names[] = {"key", "value", "from", "to"};

const char *tbl_kind_name(tbl_kind k) { return kind_names[k]; }
const char *tbl_type_name(tbl_type t) { return type_names[t]; }
const char *tbl_role_name(tbl_role r) { return role_names[r]; }

/* Index of s in names[0..n-1], or -1. */
static int find_name(const char *const *names, int n, const char *s)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int tbl_kind_parse(const char *s, tbl_kind *k)
{
    int i = find_name(kind_names, 3, s);
    if (i >= 0)
        *k = (tbl_kind)i;
    return i >= 0 ? 0 : -1;
}

int tbl_type_parse(const char *s, tbl_type *t)
{
    int i = find_name(type_names, 3, s);
    if (i >= 0)
        *t = (tbl_type)i;
    return i >= 0 ? 0 : -1;
}

int tbl_role_parse(const char *s, tbl_role *r)
{
    int i = find_name(role_names, 4, s);
    if (i >= 0)
        *r = (tbl_role)i;
    return i >= 0 ? 0 : -1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int tbl_parse_number(const char *s, size_t len, double *out)
{
    char tmp[128], radix[8];
    size_t k = 0;
    int digits = 0, edigits = 0, nonzero = 0;
    char *end;
    double v;

    if (len == 0 || len >= sizeof tmp)
        return -1;
    if (s[k] == '+' || s[k] == '-')
        k++;
    for (; k < len && is_digit(s[k]); k++, digits++)
        nonzero |= s[k] != '0';
    if (k < len && s[k] == '.')
        for (k++; k < len && is_digit(s[k]); k++, digits++)
            nonzero |= s[k] != '0';
    if (!digits)
        return -1;
    if (k < len && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < len && (s[k] == '+' || s[k] == '-'))
            k++;
        for (; k < len && is_digit(s[k]); k++)
            edigits++;
        if (!edigits)
            return -1;
    }
    if (k != len)
        return -1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    /* strtod follows the locale's radix character: use it in place of
     * '.' (found by formatting 0.5 under the same locale). */
    snprintf(radix, sizeof radix, "%.1f", 0.5);
    if (radix[1] != '.' && radix[1] != '\0' && radix[2] == '5') {
        char *dot = strchr(tmp, '.');
        if (dot)
            *dot = radix[1];
    }
    v = strtod(tmp, &end);
    if (*end != '\0' || !isfinite(v))
        return -1;
    if (nonzero && fabs(v) < DBL_MIN)
        return TBL_UNDERFLOW; /* 0 or subnormal: the digits are lost */
    *out = v;
    return 0;
}

int tbl_parse_int(const char *s, size_t len, int64_t *out)
{
    size_t k = 0;
    uint64_t v = 0, limit;
    int neg = 0;
    if (len == 0)
        return -1;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        k++;
    }
    if (k == len)
        return -1;
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; k < len; k++) {
        unsigned d;
        if (!is_digit(s[k]))
            return -1;
        d = (unsigned)(s[k] - '0');
        if (v > (limit - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

const char *tbl_num_text(double v, char out[40])
{
    buf b;
    const char *s;
    buf_init(&b);
    buf_put_double(&b, v);
    s = buf_cstr(&b);
    snprintf(out, 40, "%s", s ? s : "?");
    buf_free(&b);
    return out;
}

void tbl_table_dispose(tbl_table *t)
{
    int k;
    free(t->name);
    free(t->version);
    free(t->source);
    for (k = 0; k < TBL_MAX_KEYS; k++)
        free(t->key_names[k]);
    if (t->value_names)
        for (k = 0; k < t->nvalues; k++)
            free(t->value_names[k]);
    free(t->value_names);
    free(t->domains);
    free(t->keys);
    free(t->lo);
    free(t->hi);
    free(t->values);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

int tbl_finish_keys(tbl_table *t, const buf *pool)
{
    size_t n = t->nrows * (size_t)t->nkeys, k;
    size_t cells = n * sizeof(tbl_cell);
    tbl_cell *blk;
    char *strings;

    if (n == 0)
        return RATEL_OK;
    blk = malloc(cells + pool->len + 1);
    if (!blk)
        return RATEL_ENOMEM;
    memcpy(blk, t->keys, cells);
    strings = (char *)blk + cells;
    if (pool->len)
        memcpy(strings, pool->data, pool->len);
    strings[pool->len] = '\0';
    for (k = 0; k < n; k++)
        if (t->key_types[k % (size_t)t->nkeys] == TBL_TEXT) {
            blk[k].s = strings + blk[k].i;
            blk[k].i = (int64_t)strlen(blk[k].s);
        }
    free(t->keys);
    t->keys = blk;
    return RATEL_OK;
}
