/* batch_text.c - building one output row of `ratel batch` in memory:
 * bytes, integers, JSON strings (escaped as cli_json_string writes them)
 * and CSV cells, so that a worker thread formats the row and the writer
 * only copies it out. */
#include "cli.h"
#include "batch.h"

#include <stdlib.h>
#include <string.h>

int batch_text_grow(batch_text *t, size_t n)
{
    size_t ncap = t->cap ? t->cap : 128;
    char *p;
    if (t->oom)
        return -1;
    if (t->len + n <= t->cap)
        return 0;
    while (ncap < t->len + n)
        ncap *= 2;
    p = realloc(t->data, ncap);
    if (p == NULL) {
        t->oom = 1;
        return -1;
    }
    t->data = p;
    t->cap = ncap;
    return 0;
}

void batch_text_int(batch_text *t, long long v)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    batch_text_put(t, p, (size_t)(digits + sizeof digits - p));
}

/* Whether byte c stands for itself in a JSON string. */
static int json_plain(unsigned char c)
{
    return c >= 0x20 && c != 0x7F && c != '"' && c != '\\';
}

/* The escape of a byte that is not plain, into e; returns its length. */
static size_t json_escape(unsigned char c, char e[6])
{
    static const char hex[] = "0123456789abcdef";
    if (c == '"' || c == '\\' || c == '\n' || c == '\t') {
        e[0] = '\\';
        e[1] = c == '\n' ? 'n' : c == '\t' ? 't' : (char)c;
        return 2;
    }
    memcpy(e, "\\u00", 4);
    e[4] = hex[c >> 4];
    e[5] = hex[c & 15];
    return 6;
}

void batch_text_json_string(batch_text *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *run;
    char e[6];
    if (s == NULL) {
        batch_text_put(t, "null", 4);
        return;
    }
    batch_text_put(t, "\"", 1);
    for (;;) {
        size_t n;
        for (run = p; *p != '\0' && json_plain(*p); p++)
            ;
        batch_text_put(t, (const char *)run, (size_t)(p - run));
        if (*p == '\0')
            break;
        n = json_escape(*p++, e);
        batch_text_put(t, e, n);
    }
    batch_text_put(t, "\"", 1);
}

void batch_text_csv_cell(batch_text *t, const char *s)
{
    const char *q;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        batch_text_put(t, s, strlen(s));
        return;
    }
    batch_text_put(t, "\"", 1);
    while ((q = strchr(s, '"')) != NULL) { /* each quote doubled */
        batch_text_put(t, s, (size_t)(q - s + 1));
        batch_text_put(t, "\"", 1);
        s = q + 1;
    }
    batch_text_put(t, s, strlen(s));
    batch_text_put(t, "\"", 1);
}

void batch_text_free(batch_text *t)
{
    free(t->data);
    memset(t, 0, sizeof *t);
}
