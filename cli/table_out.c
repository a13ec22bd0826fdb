/* table_out.c - display-width-aware text tables. */
#include "cli.h"
#include "table_out.h"

#include <stdlib.h>
#include <string.h>

/* ---- display width ---------------------------------------------------- */

typedef struct cp_range {
    uint32_t first, last;
} cp_range;

/* Zero-width: combining marks, zero-width spaces and joiners, variation
 * selectors, the kana voicing marks. Sorted, non-overlapping. */
static const cp_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
    {0x1160, 0x11FF}, /* Hangul medial vowels and final consonants */
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E},
    {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
    {0xE0001, 0xE007F}, {0xE0100, 0xE01EF},
};

/* Wide (2 columns): East Asian Wide and Fullwidth, and the emoji blocks.
 * Sorted, non-overlapping. */
static const cp_range wide[] = {
    {0x1100, 0x115F},   /* Hangul Jamo initial consonants */
    {0x231A, 0x231B},   {0x2329, 0x232A}, {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
    {0x2614, 0x2615},   {0x2648, 0x2653}, {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1}, {0x26AA, 0x26AB},
    {0x26BD, 0x26BE},   {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA}, {0x26F2, 0x26F3},
    {0x26F5, 0x26F5},   {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
    {0x2705, 0x2705},   {0x270A, 0x270B}, {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E}, {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797}, {0x27B0, 0x27B0},
    {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50},
    {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   /* CJK radicals, Kangxi, CJK symbols, ideographic space */
    {0x3041, 0x33FF},   /* kana, Bopomofo, Hangul compat. Jamo, Kanbun, CJK compat. */
    {0x3400, 0x4DBF},   /* CJK extension A */
    {0x4E00, 0x9FFF},   /* CJK unified ideographs */
    {0xA000, 0xA4CF},   /* Yi */
    {0xA960, 0xA97F},   /* Hangul Jamo extended A */
    {0xAC00, 0xD7A3},   /* Hangul syllables */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFE10, 0xFE19},   /* vertical forms */
    {0xFE30, 0xFE6F},   /* CJK compatibility forms, small form variants */
    {0xFF00, 0xFF60},   /* fullwidth forms */
    {0xFFE0, 0xFFE6},   /* fullwidth signs */
    {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, /* Tangut */
    {0x1B000, 0x1B2FF}, /* kana supplement and extensions, Nushu */
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265},
    {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
    {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
    {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
    {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
    {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
    {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, /* CJK extensions B-F, compatibility supplement */
    {0x30000, 0x3FFFD}, /* CJK extension G and later */
};

static int in_ranges(uint32_t cp, const cp_range *r, size_t n)
{
    size_t lo = 0, hi = n;
    if (n == 0 || cp < r[0].first || cp > r[n - 1].last)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].first)
            hi = mid;
        else if (cp > r[mid].last)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int text_table_cp_width(uint32_t cp)
{
    if (cp < 0x300)
        return 1;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
        return 2;
    return 1;
}

/*
 * Decodes one well-formed UTF-8 sequence at s (n bytes available). Returns
 * its length and the code point in *cp, or 0 when the bytes do not start a
 * well-formed sequence (bad lead, bad continuation, overlong, surrogate,
 * beyond U+10FFFF, truncated).
 */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len, i;
    uint32_t v, min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1Fu; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0Fu; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07u; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t text_table_width_n(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, w = 0;

    while (i < len) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, len - i, &cp);
        if (k == 0) {
            w += 1;
            i += 1;
        } else {
            w += (size_t)text_table_cp_width(cp);
            i += k;
        }
    }
    return w;
}

size_t text_table_width(const char *s)
{
    return text_table_width_n(s, strlen(s));
}

/* ---- tables ----------------------------------------------------------- */

struct text_table {
    size_t ncols;
    char **headers;      /* ncols entries, NULL for none */
    text_table_align *align;    /* ncols entries */
    char **cells;        /* nrows * ncols, row-major */
    size_t nrows, caprows;
};

/* A copy of s with C0/C1 control characters and DEL replaced by '?'. */
static char *clean_copy(const char *s)
{
    size_t n, i;
    char *c;

    if (s == NULL)
        s = "";
    n = strlen(s);
    c = malloc(n + 1);
    if (c == NULL)
        return NULL;
    memcpy(c, s, n + 1);
    for (i = 0; i < n; i++) {
        unsigned char b = (unsigned char)c[i];
        if (b < 0x20 || b == 0x7F) {
            c[i] = '?';
        } else if (b == 0xC2 && i + 1 < n &&
                   (unsigned char)c[i + 1] >= 0x80 &&
                   (unsigned char)c[i + 1] <= 0x9F) {
            /* U+0080..U+009F (C1 controls): the two bytes become one
             * '?', keeping the display width at 1. */
            memmove(c + i + 1, c + i + 2, n - i - 1);
            c[i] = '?';
            n--;
        }
    }
    return c;
}

text_table *text_table_new(size_t ncols)
{
    text_table *t;
    if (ncols == 0)
        return NULL;
    t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->ncols = ncols;
    t->headers = calloc(ncols, sizeof *t->headers);
    t->align = calloc(ncols, sizeof *t->align);
    if (t->headers == NULL || t->align == NULL) {
        text_table_free(t);
        return NULL;
    }
    return t;
}

void text_table_free(text_table *t)
{
    size_t i;
    if (t == NULL)
        return;
    if (t->headers != NULL)
        for (i = 0; i < t->ncols; i++)
            free(t->headers[i]);
    if (t->cells != NULL)
        for (i = 0; i < t->nrows * t->ncols; i++)
            free(t->cells[i]);
    free(t->headers);
    free(t->align);
    free(t->cells);
    free(t);
}

int text_table_column(text_table *t, size_t col, const char *header, text_table_align align)
{
    char *h = NULL;
    if (t == NULL || col >= t->ncols)
        return -1;
    if (header != NULL && (h = clean_copy(header)) == NULL)
        return -1;
    free(t->headers[col]);
    t->headers[col] = h;
    t->align[col] = align;
    return 0;
}

int text_table_add_row(text_table *t, const char *const *cells)
{
    size_t i, base;
    char **p;

    if (t == NULL || cells == NULL)
        return -1;
    p = cli_grow(t->cells, &t->caprows, t->nrows, t->ncols * sizeof *p, 16);
    if (p == NULL)
        return -1;
    t->cells = p;
    base = t->nrows * t->ncols;
    for (i = 0; i < t->ncols; i++) {
        t->cells[base + i] = clean_copy(cells[i]);
        if (t->cells[base + i] == NULL) {
            while (i > 0)
                free(t->cells[base + --i]);
            return -1;
        }
    }
    t->nrows++;
    return 0;
}

size_t text_table_rows(const text_table *t)
{
    return t == NULL ? 0 : t->nrows;
}

static int put_spaces(FILE *out, size_t n)
{
    while (n-- > 0)
        if (putc(' ', out) == EOF)
            return -1;
    return 0;
}

/* Prints one line of cells (NULL entries are empty). */
static int print_line(const text_table *t, FILE *out, const char *indent,
                      char *const *cells, const size_t *widths)
{
    size_t i, last = t->ncols;
    size_t pending = 0; /* spaces owed before the next visible text */

    /* The last column with text: nothing is printed after it. */
    while (last > 0 && (cells[last - 1] == NULL || *cells[last - 1] == '\0'))
        last--;
    if (indent != NULL && fputs(indent, out) == EOF)
        return -1;
    for (i = 0; i < last; i++) {
        const char *c = cells[i] ? cells[i] : "";
        size_t w = text_table_width(c), pad = widths[i] > w ? widths[i] - w : 0;
        if (i > 0)
            pending += 2;
        if (t->align[i] == TEXT_TABLE_RIGHT)
            pending += pad;
        if (*c != '\0') {
            if (put_spaces(out, pending) != 0 || fputs(c, out) == EOF)
                return -1;
            pending = 0;
        }
        if (t->align[i] == TEXT_TABLE_LEFT)
            pending += pad;
    }
    return putc('\n', out) == EOF ? -1 : 0;
}

int text_table_print(const text_table *t, FILE *out, const char *indent)
{
    size_t *widths, i, r;
    int has_header = 0, rc = 0;

    if (t == NULL || out == NULL)
        return -1;
    widths = calloc(t->ncols, sizeof *widths);
    if (widths == NULL)
        return -1;
    for (i = 0; i < t->ncols; i++) {
        if (t->headers[i] != NULL) {
            has_header = 1;
            widths[i] = text_table_width(t->headers[i]);
        }
    }
    for (r = 0; r < t->nrows; r++)
        for (i = 0; i < t->ncols; i++) {
            size_t w = text_table_width(t->cells[r * t->ncols + i]);
            if (w > widths[i])
                widths[i] = w;
        }
    if (has_header) {
        rc = print_line(t, out, indent, t->headers, widths);
        if (rc == 0 && indent != NULL && fputs(indent, out) == EOF)
            rc = -1;
        for (i = 0; rc == 0 && i < t->ncols; i++) {
            size_t k;
            if (i > 0 && fputs("  ", out) == EOF)
                rc = -1;
            for (k = 0; rc == 0 && k < widths[i]; k++)
                if (putc('-', out) == EOF)
                    rc = -1;
        }
        if (rc == 0 && putc('\n', out) == EOF)
            rc = -1;
    }
    for (r = 0; rc == 0 && r < t->nrows; r++)
        rc = print_line(t, out, indent, t->cells + r * t->ncols, widths);
    free(widths);
    return rc;
}
