/* decl_date.c - "YYYY-MM-DD" <-> days since 1970-01-01 in the proleptic
 * Gregorian calendar, without time() or the locale. */
#include "decl.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil). */
static int32_t days_from_civil(int y, int m, int d)
{
    int era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

/* Reads n ASCII digits; -1 if any byte is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int decl_date_parse(const char *s, size_t len, int32_t *days)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    *days = days_from_civil(y, m, d);
    return 0;
}

/* Year, month and day of `days` (H. Hinnant's civil_from_days), as
 * "YYYY-MM-DD" shows them: 0000-01-01 outside years 0 to 9999. */
static void civil_from_days(int32_t days, int *year, int *month, int *day)
{
    int32_t z = days + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t y = yoe + era * 400;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t d = doy - (153 * mp + 2) / 5 + 1;
    int32_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 0 || y > 9999) { /* outside what the format can show */
        y = 0;
        m = 1;
        d = 1;
    }
    *year = (int)y;
    *month = (int)m;
    *day = (int)d;
}

void decl_date_format(int32_t days, char out[11])
{
    int y, m, d, i;
    civil_from_days(days, &y, &m, &d);
    for (i = 3; i >= 0; i--, y /= 10)
        out[i] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int decl_date_add_years(int32_t days, int years, int32_t *out)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d); /* as decl_date_format shows them */
    y += years;
    if (y < 1900 || y > 2999)
        return -1;
    if (d > days_in_month(y, m))
        d = days_in_month(y, m);
    *out = days_from_civil(y, m, d);
    return 0;
}
