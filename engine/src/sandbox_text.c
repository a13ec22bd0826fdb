/* sandbox_text.c - text that leaves the sandbox: well-formed UTF-8 only,
 * and error messages cleaned of control bytes. */
#include "sandbox_int.h"

int sbx_clean_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p++;
        int extra;
        unsigned cp;
        if (c == 0)
            return 0;
        if (c < 0x80)
            continue;
        if (c >= 0xC2 && c <= 0xDF) { extra = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { extra = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { extra = 3; cp = c & 0x07; }
        else return 0;
        if (end - p < extra)
            return 0;
        while (extra--) {
            if ((*p & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (*p++ & 0x3F);
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
            (cp < 0x800 && c >= 0xE0) || (cp < 0x10000 && c >= 0xF0))
            return 0;
    }
    return 1;
}

void sbx_clean_message(char *msg)
{
    unsigned char *p = (unsigned char *)msg;
    while (p && *p) {
        size_t n = 1;
        if (*p >= 0x80) { /* length of a well-formed sequence, else 1 */
            size_t k = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2, i;
            for (i = 1; i < k && p[i]; i++)
                ;
            n = i == k && sbx_clean_utf8((const char *)p, k) ? k : 0;
        } else if (*p < 0x20 && *p != '\n' && *p != '\t') {
            n = 0;
        }
        if (n == 0) {
            *p = '?';
            n = 1;
        }
        p += n;
    }
}
