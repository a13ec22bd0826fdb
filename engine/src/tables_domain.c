/* tables_domain.c - the domain of a value column: what its values may be
 * ("positive" by default, "non-negative", "any", or a range "LO..HI"), so
 * that the build accepts only values a plan can use as written. */
#include "tables_int.h"

#include <string.h>

static const char *const domain_names[] = {"positive", "non-negative", "any"};

int tbl_domain_parse(const char *s, size_t len, tbl_domain *d)
{
    size_t dots;
    int k;
    for (k = 0; k < 3; k++)
        if (strlen(domain_names[k]) == len &&
            memcmp(s, domain_names[k], len) == 0) {
            d->kind = (tbl_domain_kind)k;
            d->lo = d->hi = 0;
            return 0;
        }
    for (dots = 0; dots + 1 < len; dots++)
        if (s[dots] == '.' && s[dots + 1] == '.')
            break;
    if (dots + 1 >= len || tbl_parse_number(s, dots, &d->lo) != 0 ||
        tbl_parse_number(s + dots + 2, len - dots - 2, &d->hi) != 0 ||
        !(d->lo < d->hi))
        return -1;
    /* -0 reads back from its text as 0: keep one zero */
    d->lo += 0.0;
    d->hi += 0.0;
    d->kind = TBL_DOM_RANGE;
    return 0;
}

void tbl_domain_text(const tbl_domain *d, buf *out)
{
    if (d->kind != TBL_DOM_RANGE) {
        buf_puts(out, domain_names[d->kind]);
        return;
    }
    buf_put_double(out, d->lo);
    buf_puts(out, "..");
    buf_put_double(out, d->hi);
}

int tbl_domain_holds(const tbl_domain *d, double v)
{
    switch (d->kind) {
    case TBL_DOM_POSITIVE:
        return v > 0;
    case TBL_DOM_NONNEG:
        return v >= 0;
    case TBL_DOM_RANGE:
        return v >= d->lo && v <= d->hi;
    default:
        return 1;
    }
}
