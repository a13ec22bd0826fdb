/* table_out.h - text tables for terminals, with columns aligned by the
 * display width of UTF-8 text (East Asian wide and fullwidth characters
 * take two columns). Independent of the locale. */
#ifndef RATEL_CLI_TABLE_OUT_H
#define RATEL_CLI_TABLE_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Columns a code point takes on a terminal: 0 (combining marks, zero-width
 * characters), 2 (wide and fullwidth: CJK, kana, Hangul, fullwidth forms,
 * most emoji) or 1 (everything else, control characters included). */
int text_table_cp_width(uint32_t cp);

/* Display width of `len` bytes of UTF-8 text. Each byte that is not part
 * of a well-formed sequence counts 1. */
size_t text_table_width_n(const char *s, size_t len);

/* Display width of a NUL-terminated UTF-8 string. */
size_t text_table_width(const char *s);

typedef enum text_table_align { TEXT_TABLE_LEFT = 0, TEXT_TABLE_RIGHT = 1 } text_table_align;

typedef struct text_table text_table;

/* A table of `ncols` columns, all left-aligned and without a header until
 * text_table_column() says otherwise. Returns NULL when out of memory. */
text_table *text_table_new(size_t ncols);
void text_table_free(text_table *t);

/* Sets the header text (NULL: none) and alignment of column `col`.
 * Returns 0, or -1 for a bad column or no memory. */
int text_table_column(text_table *t, size_t col, const char *header, text_table_align align);

/* Appends a row of ncols cells (a NULL cell is empty). The text is copied;
 * control characters are replaced by '?' so they cannot break the layout.
 * Returns 0, or -1 when out of memory. */
int text_table_add_row(text_table *t, const char *const *cells);

size_t text_table_rows(const text_table *t);

/* Prints the table: each line starts with `indent` (may be NULL), columns
 * are separated by two spaces, and when any column has a header a header
 * line and a line of dashes come first. Trailing blanks are not printed.
 * Returns 0, or -1 on a write error. */
int text_table_print(const text_table *t, FILE *out, const char *indent);

#endif
