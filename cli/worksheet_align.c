/* worksheet_align.c - which step of one worksheet is which of another's,
 * and what changed in it (worksheet.h). */
#include "worksheet.h"

#include <stdlib.h>
#include <string.h>

/* Largest LCS table (cells) used to align the differing middle of two
 * worksheets; beyond it the middle shows as removed then added. */
#define WORKSHEET_MAX_CELLS ((size_t)4 << 20)

int worksheet_read(worksheet *w, const ratel_quote *q)
{
    size_t i, n = ratel_quote_step_count(q);

    w->n = 0;
    w->steps = calloc(n ? n : 1, sizeof *w->steps);
    if (w->steps == NULL)
        return -1;
    for (i = 0; i < n; i++, w->n++)
        if (ratel_quote_step(q, i, &w->steps[i]) != RATEL_OK)
            return -2;
    return 0;
}

void worksheet_free(worksheet *w)
{
    free(w->steps);
    w->steps = NULL;
    w->n = 0;
}

static int str_eq(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

static int same_key(const ratel_step *x, const ratel_step *y)
{
    return str_eq(x->coverage, y->coverage) && str_eq(x->label, y->label);
}

/* The step itself differs: its operation, value, table or key. The value
 * of a combine step (the sum of the running premiums) and of an allocate
 * step (the coverage's premium before its share) follows the steps before
 * it: when only it differs, the step is carried, not changed. */
static int step_differs(const ratel_step *x, const ratel_step *y)
{
    if (!str_eq(x->op, y->op) || !str_eq(x->table, y->table) ||
        !str_eq(x->key, y->key))
        return 1;
    return x->value != y->value && !str_eq(x->op, "combine") &&
           !str_eq(x->op, "allocate");
}

static void push(worksheet_row *rows, size_t *n, long a, long b,
                 const worksheet *A, const worksheet *B)
{
    worksheet_row *r = &rows[(*n)++];
    r->a = a;
    r->b = b;
    if (a < 0)
        r->change = WORKSHEET_ADDED;
    else if (b < 0)
        r->change = WORKSHEET_REMOVED;
    else if (step_differs(&A->steps[a], &B->steps[b]))
        r->change = WORKSHEET_CHANGED;
    else if (A->steps[a].premium != B->steps[b].premium)
        r->change = WORKSHEET_CARRIED;
    else
        r->change = WORKSHEET_SAME;
}

/* Aligns A[lo_a, hi_a) with B[lo_b, hi_b) by a longest common subsequence
 * of (coverage, label); appends the rows. */
static int align_middle(const worksheet *A, const worksheet *B, size_t lo_a,
                        size_t hi_a, size_t lo_b, size_t hi_b,
                        worksheet_row *rows, size_t *n)
{
    size_t na = hi_a - lo_a, nb = hi_b - lo_b, w = nb + 1, i, j;
    unsigned *lcs;

    if (na != 0 && nb != 0 && (na + 1) <= WORKSHEET_MAX_CELLS / w &&
        (lcs = calloc((na + 1) * w, sizeof *lcs)) != NULL) {
        for (i = na; i-- > 0;)
            for (j = nb; j-- > 0;)
                lcs[i * w + j] =
                    same_key(&A->steps[lo_a + i], &B->steps[lo_b + j])
                        ? lcs[(i + 1) * w + j + 1] + 1
                    : lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]
                        ? lcs[(i + 1) * w + j]
                        : lcs[i * w + j + 1];
        for (i = 0, j = 0; i < na || j < nb;) {
            if (i < na && j < nb &&
                same_key(&A->steps[lo_a + i], &B->steps[lo_b + j])) {
                push(rows, n, (long)(lo_a + i++), (long)(lo_b + j++), A, B);
            } else if (j == nb || (i < na && lcs[(i + 1) * w + j] >=
                                                 lcs[i * w + j + 1])) {
                push(rows, n, (long)(lo_a + i++), -1, A, B);
            } else {
                push(rows, n, -1, (long)(lo_b + j++), A, B);
            }
        }
        free(lcs);
        return 0;
    }
    if (na != 0 && nb != 0 && (na + 1) <= WORKSHEET_MAX_CELLS / w)
        return -1; /* out of memory */
    for (i = lo_a; i < hi_a; i++)
        push(rows, n, (long)i, -1, A, B);
    for (j = lo_b; j < hi_b; j++)
        push(rows, n, -1, (long)j, A, B);
    return 0;
}

int worksheet_align(worksheet_row **out, size_t *nout, const worksheet *A,
                    const worksheet *B)
{
    size_t pre = 0, suf = 0, n = 0, k;
    worksheet_row *rows = malloc((A->n + B->n + 1) * sizeof *rows);

    *out = NULL;
    *nout = 0;
    if (rows == NULL)
        return -1;
    while (pre < A->n && pre < B->n &&
           same_key(&A->steps[pre], &B->steps[pre]))
        pre++;
    while (suf < A->n - pre && suf < B->n - pre &&
           same_key(&A->steps[A->n - 1 - suf], &B->steps[B->n - 1 - suf]))
        suf++;
    for (k = 0; k < pre; k++)
        push(rows, &n, (long)k, (long)k, A, B);
    if (align_middle(A, B, pre, A->n - suf, pre, B->n - suf, rows, &n) != 0) {
        free(rows);
        return -1;
    }
    for (k = suf; k > 0; k--)
        push(rows, &n, (long)(A->n - k), (long)(B->n - k), A, B);
    *out = rows;
    *nout = n;
    return 0;
}
