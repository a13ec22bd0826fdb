/* compare_text.c - the comparison's texts: money as people read it,
 * shares of the cash yardstick, formatted copies (compare.h). All
 * independent of the C locale. */
#include "compare.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void compare_put_money(buf *b, const ratel_comparison *c, int64_t amount)
{
    uint64_t v = amount < 0 ? (uint64_t)0 - (uint64_t)amount
                            : (uint64_t)amount;
    uint64_t unit = 1;
    int d;
    for (d = 0; d < c->digits; d++)
        unit *= 10;
    buf_puts(b, c->currency);
    buf_putc(b, ' ');
    if (amount < 0)
        buf_putc(b, '-');
    buf_put_grouped(b, v / unit);
    if (c->digits > 0)
        buf_printf(b, ".%0*llu", c->digits, (unsigned long long)(v % unit));
}

double compare_share_pct(int64_t part, int64_t cash)
{
    int64_t tenths;
    if (cash <= 0 || part <= 0)
        return 0;
    /* part / cash in tenths of a percent, half up: (2000 p / c + 1) / 2 */
    tenths = (settle_muldiv(part, 2000, cash) + 1) / 2;
    return (double)tenths / 10;
}

char *compare_printf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(s = malloc((size_t)n + 1)))
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
