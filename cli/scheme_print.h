/* scheme_print.h - an association scheme's fees and account as
 * `ratel scheme quote` prints them. */
#ifndef RATEL_CLI_SCHEME_PRINT_H
#define RATEL_CLI_SCHEME_PRINT_H

#include "cli.h"
#include "batch.h"
#include "batch.h"

/* ---- association schemes (scheme_print.c): `scheme quote` ------------ */
/* Makes the fee row of roster line `lineno` in t (after its line number):
 * the member's applicant, decision, tier and the parts of its fee, or
 * `err` when q is NULL. */
void scheme_fee_row(batch_text *t, long lineno, const ratel_quote *q,
                    const char *err, int csv);
int scheme_fee_csv_header(FILE *out);
/* Print the scheme's account; return a CLI exit status. */
int scheme_print_table(const ratel_scheme *s);
int scheme_print_json(const ratel_scheme *s);

#endif
