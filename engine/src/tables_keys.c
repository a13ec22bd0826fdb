/* tables_keys.c - the key cells of exact tables. A key column's type is
 * declared or agreed by all its cells, never changed by one odd cell.
 * Cells are taken as they are (nothing is trimmed), so a key holding an
 * invisible character would silently be another key than the one it looks
 * like: a byte-order mark, a control character (a stray carriage return,
 * a tab) or a space at either end is refused, naming the key. */
#include "tables_int.h"

#include <stdio.h>
#include <string.h>

/* What a key cell looks like: an integer that fits 64 bits, digits that
 * do not fit, or text. */
enum { CELL_INT, CELL_BIG, CELL_TEXT };

static int classify(const char *txt, int64_t *v)
{
    size_t len = strlen(txt), k = txt[0] == '+' || txt[0] == '-';
    if (tbl_parse_int(txt, len, v) == 0)
        return CELL_INT;
    if (k == len)
        return CELL_TEXT;
    for (; k < len; k++)
        if (txt[k] < '0' || txt[k] > '9')
            return CELL_TEXT;
    return CELL_BIG;
}

/* Decides the type of key column j of an exact table: the declared one,
 * else INT when every cell is an integer and TEXT when none looks like
 * one. Cells that do not fit the type are reported, so that a column never
 * turns to text because of one cell. */
static void type_key_column(tbl_src *s, int j, const buf *pool, tbl_report *r)
{
    tbl_table *t = &s->t;
    size_t row, count[3] = {0, 0, 0};
    long first_line[3] = {0, 0, 0};
    const char *first[3] = {NULL, NULL, NULL};
    tbl_type type;
    int64_t v;
    int num;

    for (row = 0; row < t->nrows; row++) {
        const tbl_cell *cell = &t->keys[row * (size_t)t->nkeys + (size_t)j];
        const char *txt = pool->data + cell->i;
        int cls = classify(txt, &v);
        if (!count[cls]++) {
            first[cls] = txt;
            first_line[cls] = (long)s->lines[row];
        }
    }
    if (s->key_decl[j] == TBL_KEY_TEXT ||
        (s->key_decl[j] == TBL_KEY_UNDECLARED && !count[CELL_INT] &&
         !count[CELL_BIG]))
        type = TBL_TEXT;
    else
        type = TBL_INT;
    t->key_types[j] = type;
    if (type == TBL_TEXT)
        return;
    num = count[CELL_INT] ? CELL_INT : CELL_BIG; /* an integer-like cell */
    if (count[CELL_TEXT] && s->key_decl[j] == TBL_KEY_INTEGER)
        tbl_report_add(r, t->source, first_line[CELL_TEXT],
                       "column %s: key \"%.60s\" is not an integer (the "
                       "manifest declares %s:integer)", t->key_names[j],
                       first[CELL_TEXT], t->key_names[j]);
    else if (count[CELL_TEXT]) /* named at the later of the two kinds */
        tbl_report_add(r, t->source,
                       first_line[CELL_TEXT] > first_line[num]
                           ? first_line[CELL_TEXT] : first_line[num],
                       "column %s mixes integer keys (\"%.60s\", line %ld) "
                       "and text keys (\"%.60s\", line %ld): declare its "
                       "type in the manifest (%s:integer or %s:text)",
                       t->key_names[j], first[num], first_line[num],
                       first[CELL_TEXT], first_line[CELL_TEXT],
                       t->key_names[j], t->key_names[j]);
    if (count[CELL_BIG])
        tbl_report_add(r, t->source, first_line[CELL_BIG],
                       "column %s: integer key \"%.60s\" does not fit in 64 "
                       "bits (-9223372036854775808 to 9223372036854775807)%s",
                       t->key_names[j], first[CELL_BIG],
                       count[CELL_BIG] > 1 ? ", nor do others" : "");
    for (row = 0; row < t->nrows; row++) {
        tbl_cell *cell = &t->keys[row * (size_t)t->nkeys + (size_t)j];
        const char *txt = pool->data + cell->i;
        cell->i = classify(txt, &v) == CELL_INT ? v : 0;
    }
}

int tbl_type_keys(tbl_src *s, const buf *pool, tbl_report *r)
{
    int j;
    for (j = 0; j < s->t.nkeys; j++)
        type_key_column(s, j, pool, r);
    return tbl_finish_keys(&s->t, pool);
}

/* Length of the space (ASCII, U+00A0 no-break, U+3000 ideographic) that
 * starts at p (n bytes left), or 0. */
static size_t space_at(const unsigned char *p, size_t n)
{
    if (n >= 1 && p[0] == ' ')
        return 1;
    if (n >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
        return 2;
    if (n >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* Whether a space ends the n bytes at p. */
static int ends_with_space(const unsigned char *p, size_t n)
{
    return (n >= 1 && space_at(p + n - 1, 1)) ||
           (n >= 2 && space_at(p + n - 2, 2) == 2) ||
           (n >= 3 && space_at(p + n - 3, 3) == 3);
}

/* The code point of an invisible character at p (a C0 or C1 control, DEL
 * or the byte-order mark) and its length in *len, or 0. */
static unsigned invisible_at(const unsigned char *p, size_t n, size_t *len)
{
    *len = 1;
    if (p[0] < 0x20 || p[0] == 0x7f)
        return p[0]; /* a NUL never gets this far */
    *len = 2;
    if (n >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        return p[1];
    *len = 3;
    if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
        return 0xfeff;
    return 0;
}

/* Appends the key as a message shows it: at most 60 bytes, invisible
 * characters written as \uXXXX. */
static void show_key(buf *b, const unsigned char *p, size_t n)
{
    size_t k = 0, len;
    while (k < n && k < 60) {
        unsigned cp = invisible_at(p + k, n - k, &len);
        if (cp)
            buf_printf(b, "\\u%04X", cp);
        else
            buf_putc(b, (char)p[k]);
        k += cp ? len : 1;
    }
    if (k < n)
        buf_puts(b, "...");
}

/* Reports what is wrong with one key, if anything. */
static void check_key(const tbl_table *t, int col, const tbl_cell *c,
                      long line, tbl_report *r)
{
    const unsigned char *p = (const unsigned char *)c->s;
    size_t n = (size_t)c->i, k, len;
    unsigned cp = 0;
    char why[64];
    buf shown;

    for (k = 0; k < n && !cp; k += len)
        if (!(cp = invisible_at(p + k, n - k, &len)))
            len = 1;
    if (cp == 0xfeff)
        snprintf(why, sizeof why, "holds a byte-order mark (U+FEFF)");
    else if (cp)
        snprintf(why, sizeof why, "holds a control character (U+%04X)", cp);
    else if (space_at(p, n))
        snprintf(why, sizeof why, "begins with a space");
    else if (ends_with_space(p, n))
        snprintf(why, sizeof why, "ends with a space");
    else
        return;
    buf_init(&shown);
    show_key(&shown, p, n);
    tbl_report_add(r, t->source, line, "column %s: key \"%s\" %s",
                   t->key_names[col], shown.oom ? "?" : buf_cstr(&shown), why);
    buf_free(&shown);
}

void tbl_check_text_keys(const tbl_table *t, const uint32_t *lines,
                         tbl_report *r)
{
    size_t row;
    int j;
    for (j = 0; j < t->nkeys; j++)
        if (t->key_types[j] == TBL_TEXT)
            for (row = 0; row < t->nrows; row++)
                check_key(t, j, &t->keys[row * (size_t)t->nkeys + (size_t)j],
                          (long)lines[row], r);
}
