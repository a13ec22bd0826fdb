/* journal_time.c - the caller's timestamps (the library reads no clock):
 * milliseconds since 1970 written as a fixed-width UTC text that sorts as
 * time does, and the `since` bound of a read or a replay. */
#include <stdio.h>
#include <string.h>

#include "decl.h"
#include "journal_int.h"

#define MS_PER_DAY INT64_C(86400000)
#define DAYS_TO_3000 376200 /* 1970-01-01 to 3000-01-01 */

int journal_time_format(int64_t ms, char out[JOURNAL_TIME_LEN + 1])
{
    int64_t day, in_day;
    char date[11];
    if (ms < 0 || ms >= (int64_t)DAYS_TO_3000 * MS_PER_DAY)
        return -1;
    day = ms / MS_PER_DAY;
    in_day = ms % MS_PER_DAY;
    decl_date_format((int32_t)day, date);
    snprintf(out, JOURNAL_TIME_LEN + 1, "%sT%02d:%02d:%02d.%03dZ", date,
             (int)(in_day / 3600000), (int)(in_day / 60000 % 60),
             (int)(in_day / 1000 % 60), (int)(in_day % 1000));
    return 0;
}

static int digits(const char *s, int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* "HH:MM:SS" into milliseconds of the day; -1 when invalid. */
static int64_t time_of_day(const char *s)
{
    int h, m, sec;
    if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' ||
        !digits(s + 6, 2))
        return -1;
    h = (s[0] - '0') * 10 + s[1] - '0';
    m = (s[3] - '0') * 10 + s[4] - '0';
    sec = (s[6] - '0') * 10 + s[7] - '0';
    if (h > 23 || m > 59 || sec > 59)
        return -1;
    return ((int64_t)h * 3600 + m * 60 + sec) * 1000;
}

int journal_since_parse(const char *since, char out[JOURNAL_TIME_LEN + 1])
{
    size_t len = since ? strlen(since) : 0;
    int32_t day;
    int64_t ms = 0;
    if (len < 10 || decl_date_parse(since, 10, &day) != 0 || day < 0)
        return -1;
    if (len > 10) {
        const char *t = since + 11, *frac;
        int64_t scale = 100;
        if (since[10] != 'T' || len < 20 || (ms = time_of_day(t)) < 0)
            return -1;
        frac = t + 8;
        if (*frac == '.') { /* 1 to 3 digits of a second */
            int n = 0;
            for (frac++; *frac >= '0' && *frac <= '9'; frac++, n++) {
                if (n == 3)
                    return -1;
                ms += (*frac - '0') * scale;
                scale /= 10;
            }
            if (n == 0)
                return -1;
        }
        if (strcmp(frac, "Z") != 0)
            return -1;
    }
    return journal_time_format((int64_t)day * MS_PER_DAY + ms, out);
}

int journal_text_ok(const char *s)
{
    return !s || strlen(s) <= JOURNAL_MAX_TEXT;
}
