/* structure_print.h - `ratel structure` as tables and as an HTML page. */
#ifndef RATEL_CLI_STRUCTURE_PRINT_H
#define RATEL_CLI_STRUCTURE_PRINT_H

#include "cli.h"

/* ---- `structure` (cmd_structure_text.c, cmd_structure_html.c) -------- */

/* The comparison as tables for people, and as a self-contained HTML page
 * (inline CSS and SVG charts, no script, no network). `decl` names the
 * declaration; seed and years are the simulation's. Return 0, or -1 on
 * a write error or no memory. */
int cmd_structure_table(FILE *out, const ratel_structure_result *r,
                          uint64_t seed, uint64_t years);
int cmd_structure_html(FILE *out, const ratel_structure_result *r,
                         const char *decl, uint64_t seed, uint64_t years);

#endif
