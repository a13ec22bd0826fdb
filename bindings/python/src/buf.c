/* buf.c - a growing byte buffer: JSON made from Python values, and the
 * rows of rate_many. An allocation failure is remembered (oom) rather
 * than reported at every call. */
#include "pyr.h"

#include <stdlib.h>
#include <string.h>

int pyr_buf_grow(pyr_buf *b, size_t n)
{
    size_t ncap = b->cap ? b->cap : 256;
    char *p;
    if (b->oom)
        return -1;
    if (b->len + n <= b->cap)
        return 0;
    while (ncap < b->len + n)
        ncap *= 2;
    p = realloc(b->data, ncap);
    if (p == NULL) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = ncap;
    return 0;
}

void pyr_buf_put(pyr_buf *b, const char *s, size_t n)
{
    if (n == 0 || pyr_buf_grow(b, n) != 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void pyr_buf_str(pyr_buf *b, const char *s)
{
    pyr_buf_put(b, s, strlen(s));
}

void pyr_buf_int(pyr_buf *b, long long v)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    pyr_buf_put(b, p, (size_t)(digits + sizeof digits - p));
}

void pyr_buf_free(pyr_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
