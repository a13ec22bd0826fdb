/* decl_number.c - JSON number text to integer or double, correctly
 * rounded and independent of the caller's locale (strtod reads the
 * locale's radix character, so it runs only in the C locale here). */
#include "decl_fields.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The nearest double to the decimal text s[0..len), by strtod in the C
 * locale (its radix is '.'), for the rare numbers the fast path cannot
 * round exactly. Falls back to a long double product `approx` (off by at
 * most an ulp) only when memory or the locale cannot be had. */
static double strtod_c(const char *s, size_t len, double approx)
{
    char small[128], *text = len < sizeof small ? small : malloc(len + 1);
    locale_t c = text ? newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)
                      : (locale_t)0;
    double r = approx;
    if (c != (locale_t)0) {
        locale_t old = uselocale(c);
        memcpy(text, s, len);
        text[len] = '\0';
        r = strtod(text, NULL);
        uselocale(old);
        freelocale(c);
    }
    if (text != small)
        free(text);
    return r;
}

/* Decimal text (JSON number syntax, already checked by the lexer) to the
 * nearest double. One correctly rounded operation when the digits fit in
 * 2^53 and the power of ten is at most 22 - every realistic share - else
 * strtod in the C locale, also correctly rounded. */
static double decimal_to_double(const char *s, size_t len)
{
    static const double p10[23] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    int neg = 0, ndig = 0, inexact = 0, frac = 0;
    long e10 = 0, ex = 0;
    uint64_t m = 0;
    double r;
    if (i < len && s[i] == '-') {
        neg = 1;
        i++;
    }
    for (; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] == '.') {
            frac = 1;
            continue;
        }
        if (m == 0 && s[i] == '0') { /* leading zeros: no significance */
            if (frac)
                e10--;
            continue;
        }
        if (ndig < 19) {
            m = m * 10 + (uint64_t)(s[i] - '0');
            ndig++;
            if (frac)
                e10--;
        } else {
            if (s[i] != '0')
                inexact = 1;
            if (!frac)
                e10++;
        }
    }
    if (i < len) { /* exponent */
        int eneg = 0;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        for (; i < len; i++)
            if (ex < 100000)
                ex = ex * 10 + (s[i] - '0');
        e10 += eneg ? -ex : ex;
    }
    if (m == 0)
        r = 0.0;
    else if (!inexact && m <= (UINT64_C(1) << 53) && e10 >= -22 && e10 <= 22)
        r = e10 >= 0 ? (double)m * p10[e10] : (double)m / p10[-e10];
    else if (e10 > 400)
        r = HUGE_VAL;
    else if (e10 < -450)
        r = 0.0;
    else
        return strtod_c(s, len, (neg ? -1 : 1) *
                        (double)((long double)m * powl(10.0L, e10)));
    return neg ? -r : r;
}

/* Digits of text[i..len) while they last, into *u with overflow past
 * `lim` flagged in *over; returns the index of the first non-digit. */
static size_t read_digits(const char *text, size_t i, size_t len,
                          uint64_t lim, uint64_t *u, int *over)
{
    size_t safe = i + 18 < len ? i + 18 : len; /* 18 digits fit */
    unsigned dgt;
    uint64_t n = 0;
    for (; i < safe && (dgt = (unsigned char)text[i] - '0') <= 9; i++)
        n = n * 10 + dgt;
    for (; i < len && (dgt = (unsigned char)text[i] - '0') <= 9; i++) {
        if (!*over && n > (lim - dgt) / 10)
            *over = 1;
        if (!*over)
            n = n * 10 + dgt;
    }
    *u = n;
    return i;
}

void decl_value_number(decl_value *v, const char *text, size_t len)
{
    int neg = len > 0 && text[0] == '-', over = 0;
    uint64_t u, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    v->text = text;
    v->len = len;
    v->overflow = 0;
    /* in a JSON number the digits after the sign end at '.', 'e', 'E' (a
     * float) or at the end (an integer) */
    if (read_digits(text, (size_t)neg, len, lim, &u, &over) < len) {
        v->kind = DECL_V_FLOAT;
        v->f = decimal_to_double(text, len);
        return;
    }
    v->kind = DECL_V_INT;
    if (over) {
        v->overflow = neg ? -1 : 1;
        v->i = neg ? INT64_MIN : INT64_MAX;
        return;
    }
    v->i = neg ? (u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u)
               : (int64_t)u;
}
