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

const decl_vocab *decl_field_vocab(const decl_field *f)
{
    switch (f->type) {
    case DF_INDUSTRY: return &decl_vocab_industries;
    case DF_INCIDENT_TYPE: return &decl_vocab_incident_types;
    case DF_CERTIFICATION: return &decl_vocab_certifications;
    default: return NULL;
    }
}

/* A name: non-empty, at most DECL_MAX_NAME_BYTES, valid UTF-8 without a
 * NUL character. */
static int valid_name(const unsigned char *s, size_t len)
{
    size_t i = 0, n;
    if (len == 0 || len > DECL_MAX_NAME_BYTES)
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

int decl_field_accept(const decl_field *f, const decl_value *v,
                      decl_scalar *out)
{
    int32_t days;
    int code;
    switch (f->type) {
    case DF_MONEY:
    case DF_INT:
        if (v->kind != DECL_V_INT || v->overflow || v->i < f->min ||
            v->i > f->max)
            return -1;
        out->i = v->i;
        return 0;
    case DF_BOOL:
        if (v->kind != DECL_V_BOOL)
            return -1;
        out->i = v->b != 0;
        return 0;
    case DF_OBJECT: return v->kind == DECL_V_OBJECT ? 0 : -1;
    case DF_ARRAY: return v->kind == DECL_V_ARRAY ? 0 : -1;
    case DF_DATE:
        if (v->kind != DECL_V_STRING ||
            decl_date_parse(v->text, v->len, &days) != 0)
            return -1;
        out->i = days;
        return 0;
    case DF_NAME:
        if (v->kind != DECL_V_STRING ||
            !valid_name((const unsigned char *)v->text, v->len))
            return -1;
        out->s = v->text;
        out->len = v->len;
        return 0;
    case DF_SHARE:
        if (v->kind == DECL_V_INT && !v->overflow)
            out->f = (double)v->i;
        else if (v->kind == DECL_V_FLOAT)
            out->f = v->f;
        else
            return -1;
        if (!(out->f >= 0.0 && out->f <= 1.0)) /* also NaN */
            return -1;
        if (out->f == 0.0)
            out->f = 0.0; /* no negative zero */
        return 0;
    default: /* a vocabulary */
        if (v->kind != DECL_V_STRING ||
            (code = decl_vocab_find(decl_field_vocab(f), v->text, v->len)) <
                0)
            return -1;
        out->i = code;
        return 0;
    }
}
