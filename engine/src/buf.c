/* buf.c - growable text buffer and locale-independent number output. */
#include "buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(buf *b)
{
    b->len = 0;
    b->oom = 0;
    if (b->data)
        b->data[0] = '\0';
}

int buf_reserve(buf *b, size_t extra)
{
    size_t need, cap;
    char *nd;
    if (b->oom)
        return -1;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->oom = 1;
        return -1;
    }
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    nd = realloc(b->data, cap);
    if (!nd) {
        b->oom = 1;
        return -1;
    }
    b->data = nd;
    b->cap = cap;
    return 0;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_put_i64(buf *b, int64_t v)
{
    /* two digits a division: a quote's JSON has a dozen amounts */
    static const char pairs[] = "00010203040506070809101112131415161718192021"
                                "22232425262728293031323334353637383940414243"
                                "44454647484950515253545556575859606162636465"
                                "666768697071727374757677787980818283848586878889"
                                "90919293949596979899";
    char tmp[24];
    char *p = tmp + sizeof tmp;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    while (u >= 100) {
        const char *d = pairs + 2 * (u % 100);
        u /= 100;
        *--p = d[1];
        *--p = d[0];
    }
    if (u >= 10) {
        *--p = pairs[2 * u + 1];
        *--p = pairs[2 * u];
    } else
        *--p = (char)('0' + u);
    if (v < 0)
        *--p = '-';
    buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Writes |m| / 10^k with k decimals, trailing zeros removed. */
static void put_scaled(buf *b, int negative, uint64_t m, int k)
{
    char digits[24];
    int n = 0, i;
    uint64_t u = m;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n <= k)
        digits[n++] = '0';
    if (negative)
        buf_putc(b, '-');
    for (i = n - 1; i >= k; i--)
        buf_putc(b, digits[i]);
    if (k > 0) {
        int last = 0;
        while (last < k && digits[last] == '0')
            last++;
        if (last < k) {
            buf_putc(b, '.');
            for (i = k - 1; i >= last; i--)
                buf_putc(b, digits[i]);
        }
    }
}

/* Exponent-free fallback-free formatting of the common case: a value that
 * equals m / 10^k exactly (as IEEE division rounds it) for some k <= 9 and
 * |m| < 2^53. Then the decimal text m/10^k reads back as the same double,
 * because both are the correctly rounded value of the same rational. */
static int put_decimal_fast(buf *b, double v)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4,
                                   1e5, 1e6, 1e7, 1e8, 1e9};
    double a = fabs(v);
    int k;
    for (k = 0; k <= 9; k++) {
        double scaled = a * pow10[k];
        double m;
        if (scaled >= 9007199254740992.0)
            return -1;
        m = nearbyint(scaled);
        if (m / pow10[k] == a) {
            put_scaled(b, v < 0, (uint64_t)m, k);
            return 0;
        }
    }
    return -1;
}

/* Fallback: the shortest of 15, 16 or 17 significant digits that reads
 * back as v, laid out without an exponent unless the number is tiny or
 * huge. Callers run with the "C" numeric locale (rating and the quote
 * writer switch to it), and the digits are taken without the radix
 * character anyway. */
static void put_double_slow(buf *b, double v)
{
    char tmp[40], digits[20];
    int prec, exp10 = 0, nd = 0, i;
    for (prec = 15; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
    for (i = 0; tmp[i] && tmp[i] != 'e'; i++)
        if (tmp[i] >= '0' && tmp[i] <= '9' && nd < (int)sizeof digits)
            digits[nd++] = tmp[i];
    if (tmp[i] == 'e')
        exp10 = atoi(tmp + i + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (v < 0)
        buf_putc(b, '-');
    if (exp10 < -6 || exp10 >= 21) {
        buf_putc(b, digits[0]);
        if (nd > 1) {
            buf_putc(b, '.');
            buf_put(b, digits + 1, (size_t)nd - 1);
        }
        buf_putc(b, 'e');
        buf_put_i64(b, exp10);
    } else if (exp10 < 0) {
        buf_puts(b, "0.");
        for (i = -1; i > exp10; i--)
            buf_putc(b, '0');
        buf_put(b, digits, (size_t)nd);
    } else {
        for (i = 0; i <= exp10 || i < nd; i++) {
            if (i == exp10 + 1)
                buf_putc(b, '.');
            buf_putc(b, i < nd ? digits[i] : '0');
        }
    }
}

void buf_put_grouped(buf *b, uint64_t v)
{
    char digits[24];
    int n = 0, i;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = n - 1; i >= 0; i--) {
        buf_putc(b, digits[i]);
        if (i && i % 3 == 0)
            buf_putc(b, ',');
    }
}

void buf_put_double(buf *b, double v)
{
    if (!isfinite(v)) {
        buf_puts(b, "null");
        return;
    }
    if (v == 0) {
        buf_putc(b, '0');
        return;
    }
    if (put_decimal_fast(b, v) == 0)
        return;
    put_double_slow(b, v);
}

/* Whether any of the 8 bytes of w needs escaping in a JSON string: a
 * control character (below 0x20), '"' or '\\' (the classic "has a byte
 * less than n" and "has a zero byte" word tricks). */
static int word_needs_escape(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
            ((slash - ones) & ~slash)) & highs ? 1 : 0;
}

void buf_put_json_string(buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + strlen(s);
    const unsigned char *run = p;
    buf_putc(b, '"');
    while (p < end) {
        const char *esc = NULL;
        char u[6];
        uint64_t w;
        if (end - p >= 8) { /* eight plain bytes at a time */
            memcpy(&w, p, 8);
            if (!word_needs_escape(w)) {
                p += 8;
                continue;
            }
        }
        if (*p >= 0x20 && *p != '"' && *p != '\\') {
            p++;
            continue;
        }
        buf_put(b, (const char *)run, (size_t)(p - run));
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[*p >> 4]; u[5] = hex[*p & 15];
            buf_put(b, u, 6);
        }
        if (esc)
            buf_puts(b, esc);
        run = ++p;
    }
    buf_put(b, (const char *)run, (size_t)(p - run));
    buf_putc(b, '"');
}

const char *buf_cstr(buf *b)
{
    if (b->oom)
        return NULL;
    if (!b->data)
        return "";
    return b->data;
}

char *buf_take(buf *b)
{
    char *d = b->data;
    if (b->oom) {
        free(d);
        buf_init(b);
        return NULL;
    }
    if (!d)
        d = calloc(1, 1);
    buf_init(b);
    return d;
}

void *mem_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first)
{
    size_t ncap;
    void *na;
    if (n < *cap)
        return arr;
    ncap = *cap ? *cap * 2 : first;
    na = realloc(arr, ncap * size);
    if (na)
        *cap = ncap;
    return na;
}
