/* worksheet.h - two worksheets' steps aligned, for `ratel diff` and the
 * step breakdown of `ratel impact`. */
#ifndef CLI_WORKSHEET_H
#define CLI_WORKSHEET_H

#include "ratel.h"

#include <stddef.h>

/* A quote's worksheet steps, copied out. */
typedef struct worksheet {
    ratel_step *steps;
    size_t n;
} worksheet;

/* CARRIED: the same step, whose running premium differs only because an
 * earlier step changed it (issue 18: not a change of its own). */
typedef enum worksheet_change {
    WORKSHEET_SAME, WORKSHEET_CHANGED, WORKSHEET_REMOVED, WORKSHEET_ADDED,
    WORKSHEET_CARRIED
} worksheet_change;

/* An aligned row: a step of A, of B, or of both (an index, or -1). */
typedef struct worksheet_row {
    long a, b;
    worksheet_change change;
} worksheet_row;

/* Reads q's steps into *w: 0; -1 out of memory (w->n is 0); -2 when step
 * w->n (0-based) cannot be read. Free with worksheet_free() in any case. */
int worksheet_read(worksheet *w, const ratel_quote *q);
void worksheet_free(worksheet *w);

/* Aligns A's steps with B's by (coverage, label): the common prefix and
 * suffix as they stand, the differing middle by a longest common
 * subsequence (beyond WORKSHEET_MAX_CELLS, removed then added), each row
 * flagged with its change. *out (free()) gets the rows in order; 0, or -1
 * out of memory. */
int worksheet_align(worksheet_row **out, size_t *nout, const worksheet *a,
                    const worksheet *b);

#endif
