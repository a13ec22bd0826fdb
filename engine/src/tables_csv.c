/* tables_csv.c - an RFC 4180 CSV reader for table sources: quoted cells
 * with "" escapes and line breaks, '#' comment lines and blank lines
 * skipped, CRLF or LF, physical line numbers for messages. */
#include "tables_int.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"

/* Line of the first invalid UTF-8 sequence, NUL byte or carriage return
 * without a line feed after it, or 0; *what names the problem. */
static long first_bad_byte(const unsigned char *p, size_t n, const char **what)
{
    long line = 1;
    size_t k = 0;
    *what = "invalid UTF-8";
    while (k < n) {
        unsigned c = p[k];
        size_t need, j;
        unsigned min;
        uint32_t cp;
        if (c < 0x80) {
            if (c == 0) {
                *what = "NUL byte in the file";
                return line;
            }
            if (c == '\r' && (k + 1 == n || p[k + 1] != '\n')) {
                *what = "carriage return without a line feed (lines must "
                        "end with LF or CRLF; CR alone, as old Mac files "
                        "have, is not read)";
                return line;
            }
            if (c == '\n')
                line++;
            k++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1; cp = c & 0x1f; min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2; cp = c & 0x0f; min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3; cp = c & 0x07; min = 0x10000;
        } else {
            return line;
        }
        if (n - k <= need)
            return line;
        for (j = 1; j <= need; j++) {
            if ((p[k + j] & 0xc0) != 0x80)
                return line;
            cp = (cp << 6) | (p[k + j] & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return line;
        k += need + 1;
    }
    return 0;
}

int tbl_csv_open(tbl_csv *c, const char *path, const char *file,
                 tbl_report *r)
{
    long bad;
    const char *what;
    int rc;

    memset(c, 0, sizeof *c);
    buf_init(&c->text);
    c->file = file;
    c->line = 1;
    rc = file_read_regular(path, TBL_MAX_FILE_BYTES, &c->data, &c->len);
    if (rc)
        return rc;
    if (c->len >= 3 && memcmp(c->data, "\xef\xbb\xbf", 3) == 0)
        c->pos = 3;
    bad = first_bad_byte((const unsigned char *)c->data + c->pos,
                         c->len - c->pos, &what);
    if (bad) {
        tbl_report_add(r, file, bad, "%s", what);
        c->pos = c->len;
        c->refused = 1;
    }
    return 0;
}

void tbl_csv_close(tbl_csv *c)
{
    free(c->data);
    c->data = NULL;
    buf_free(&c->text);
}

/* The length of the line break at pos (1 or 2), 0 if none. (A carriage
 * return is always followed by a line feed: tbl_csv_open checked.) */
static size_t eol_len(const tbl_csv *c, size_t pos)
{
    if (pos < c->len && c->data[pos] == '\n')
        return 1;
    if (pos < c->len && c->data[pos] == '\r')
        return 2;
    return 0;
}

/* Moves past the rest of the physical line (and its break). */
static void skip_line(tbl_csv *c)
{
    while (c->pos < c->len && c->data[c->pos] != '\n')
        c->pos++;
    if (c->pos < c->len) {
        c->pos++;
        c->line++;
    }
}

/* True when the line at pos is blank (spaces and tabs only) or a comment;
 * the line is then skipped. */
static int skip_if_ignorable(tbl_csv *c)
{
    size_t q = c->pos;
    if (c->data[q] == '#') {
        skip_line(c);
        return 1;
    }
    while (q < c->len && (c->data[q] == ' ' || c->data[q] == '\t'))
        q++;
    if (q == c->len) {
        c->pos = q;
        return 1;
    }
    if (eol_len(c, q)) {
        c->pos = q;
        skip_line(c);
        return 1;
    }
    return 0;
}

/* Reads one quoted cell (pos at the opening quote) into c->text.
 * Returns 0, or -1 after reporting a problem. */
static int read_quoted(tbl_csv *c, tbl_report *r)
{
    long start = c->line;
    c->pos++;
    for (;;) {
        char ch;
        if (c->pos >= c->len) {
            tbl_report_add(r, c->file, start, "unterminated quoted field");
            return -1;
        }
        ch = c->data[c->pos];
        if (ch == '"') {
            if (c->pos + 1 < c->len && c->data[c->pos + 1] == '"') {
                buf_putc(&c->text, '"');
                c->pos += 2;
                continue;
            }
            c->pos++;
            break;
        }
        if (ch == '\n')
            c->line++;
        buf_putc(&c->text, ch);
        c->pos++;
    }
    if (c->pos < c->len && c->data[c->pos] != ',' && !eol_len(c, c->pos)) {
        tbl_report_add(r, c->file, c->line,
                       "unexpected character after a closing quote");
        return -1;
    }
    return 0;
}

/* Reads one unquoted cell into c->text. 0, or -1 after a report. */
static int read_plain(tbl_csv *c, tbl_report *r)
{
    size_t start = c->pos;
    while (c->pos < c->len && c->data[c->pos] != ',' && !eol_len(c, c->pos)) {
        if (c->data[c->pos] == '"') {
            tbl_report_add(r, c->file, c->line,
                           "quote inside an unquoted field (quote the whole "
                           "field and double the quote)");
            return -1;
        }
        c->pos++;
    }
    buf_put(&c->text, c->data + start, c->pos - start);
    return 0;
}

/* Reads the cells of one record; 0, or -1 after a report. */
static int read_record(tbl_csv *c, tbl_report *r)
{
    for (;;) {
        int rc;
        size_t eol;
        if (c->ncells == TBL_MAX_CELLS) {
            tbl_report_add(r, c->file, c->line, "more than %d cells in a row",
                           TBL_MAX_CELLS);
            return -1;
        }
        c->offs[c->ncells] = c->text.len;
        if (c->pos < c->len && c->data[c->pos] == '"')
            rc = read_quoted(c, r);
        else
            rc = read_plain(c, r);
        if (rc)
            return -1;
        buf_putc(&c->text, '\0');
        c->ncells++;
        if (c->text.len > TBL_MAX_RECORD_BYTES) {
            tbl_report_add(r, c->file, c->rec_line,
                           "row longer than %d bytes", TBL_MAX_RECORD_BYTES);
            return -1;
        }
        if (c->pos < c->len && c->data[c->pos] == ',') {
            c->pos++;
            continue;
        }
        eol = eol_len(c, c->pos);
        if (eol) {
            c->pos += eol;
            c->line++;
        }
        return 0;
    }
}

int tbl_csv_next(tbl_csv *c, tbl_report *r)
{
    size_t k;
    for (;;) {
        if (c->pos >= c->len)
            return 0;
        if (skip_if_ignorable(c))
            continue;
        buf_reset(&c->text);
        c->ncells = 0;
        c->rec_line = c->line;
        if (read_record(c, r)) {
            if (c->text.oom)
                return -1;
            skip_line(c);
            continue;
        }
        if (c->text.oom)
            return -1;
        for (k = 0; k < c->ncells; k++) {
            c->cells[k] = c->text.data + c->offs[k];
            c->lens[k] = (k + 1 < c->ncells ? c->offs[k + 1] : c->text.len) -
                         c->offs[k] - 1;
        }
        return 1;
    }
}
