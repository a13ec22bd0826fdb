/* compare_print.h - `ratel compare` as tables and as an HTML report. */
#ifndef RATEL_CLI_COMPARE_PRINT_H
#define RATEL_CLI_COMPARE_PRINT_H

#include "cli.h"

/* ---- `compare` (cmd_compare_table.c, cmd_compare_html.c) ------------- */

/* The broker's comparison as tables for people, on stdout (it shows each
 * offer as `quote --format table` does), and as a self-contained HTML
 * report to send the client (inline CSS and SVG charts, no script, no
 * network, A4). `decl` names the declaration. Return 0, or -1 on a
 * write error or no memory. */
int cmd_compare_table(const ratel_comparison *c);
int cmd_compare_html(FILE *out, const ratel_comparison *c, const char *decl);

#endif
