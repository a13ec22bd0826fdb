/* decl_accept.c - which values each field of the declaration accepts,
 * and their conversion for storing: the one place that decides validity.
 * No message is built here; decl_fields.c words a refusal, and only
 * once a value was refused. */
#include "decl_fields.h"

size_t decl_utf8_seq(const unsigned char *s, size_t n)
{
    size_t len, k;
    uint32_t c;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2, c = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, c = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, c = s[0] & 0x07u;
    else
        return 0;
    if (n < len)
        return 0;
    for (k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[k] & 0x3Fu);
    }
    if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
        (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
        return 0;
    return len;
}

/* Text of min..max bytes, valid UTF-8 without a NUL character. */
static int valid_text(const unsigned char *s, size_t len, int64_t min,
                      int64_t max)
{
    size_t i = 0, n;
    if ((int64_t)len < min || (int64_t)len > max)
        return 0;
    while (i < len) {
        if (s[i] >= 0x01 && s[i] < 0x80) { /* ASCII other than NUL */
            i++;
            continue;
        }
        /* three bytes led by E1..EC or EE..EF (kana, kanji): any two
         * continuation bytes make a valid character, neither overlong nor
         * a surrogate */
        if (s[i] >= 0xE1 && s[i] != 0xED && s[i] <= 0xEF && len - i >= 3 &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        n = decl_utf8_seq(s + i, len - i);
        if (n < 2) /* invalid, or NUL */
            return 0;
        i += n;
    }
    return 1;
}

int decl_code_accept(const sch_schema *s, const sch_node *n,
                     const decl_value *v, decl_scalar *out)
{
    int code;
    if (v->kind != DECL_V_STRING || n->codes < 0 || v->len == 0 ||
        (code = sch_code_find(&s->codes[n->codes], v->text, v->len)) < 0)
        return -1;
    out->i = code;
    return 0;
}

int decl_node_accept(const sch_schema *s, const sch_node *n,
                     const decl_value *v, decl_scalar *out)
{
    int32_t days;
    switch (n->type) {
    case SCH_MONEY:
    case SCH_INTEGER:
        if (v->kind != DECL_V_INT || v->overflow || v->i < n->min ||
            v->i > n->max)
            return -1;
        out->i = v->i;
        return 0;
    case SCH_BOOLEAN:
        if (v->kind != DECL_V_BOOL)
            return -1;
        out->i = v->b != 0;
        return 0;
    case SCH_OBJECT:
    case SCH_FLAGS: return v->kind == DECL_V_OBJECT ? 0 : -1;
    case SCH_LIST:
    case SCH_SET: return v->kind == DECL_V_ARRAY ? 0 : -1;
    case SCH_DATE:
        if (v->kind != DECL_V_STRING ||
            decl_date_parse(v->text, v->len, &days) != 0)
            return -1;
        out->i = days;
        return 0;
    case SCH_TEXT:
        if (v->kind != DECL_V_STRING ||
            !valid_text((const unsigned char *)v->text, v->len, n->min,
                        n->max))
            return -1;
        out->s = v->text;
        out->len = v->len;
        return 0;
    case SCH_NUMBER:
        if (v->kind == DECL_V_INT && !v->overflow)
            out->f = (double)v->i;
        else if (v->kind == DECL_V_FLOAT)
            out->f = v->f;
        else
            return -1;
        if (!(out->f >= n->fmin && out->f <= n->fmax)) /* also NaN */
            return -1;
        if (out->f == 0.0)
            out->f = 0.0; /* no negative zero */
        return 0;
    case SCH_CODE: return decl_code_accept(s, n, v, out);
    default: return -1;
    }
}
