/* impact_steps.c - why a policy moved: rate it again with the worksheet
 * on both sides, align the steps as `ratel diff` does (worksheet.h), and
 * find the step where the ratio of the two running premiums jumps most. */
#include "cli.h"
#include "impact.h"
#include "worksheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COVERAGES 16

static int str_eq(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

static double ratio(double a, double b)
{
    if (a == b)
        return 1.0;
    if (a <= 0.0)
        return 1e9;
    return b / a;
}

/* The ratio slot of a coverage name (a small linear table). */
static double *slot(const char **names, double *ratios, size_t *n,
                    const char *cov)
{
    size_t i;
    for (i = 0; i < *n; i++)
        if (str_eq(names[i], cov))
            return &ratios[i];
    if (*n == MAX_COVERAGES)
        return NULL;
    names[*n] = cov;
    ratios[*n] = 1.0;
    return &ratios[(*n)++];
}

static int keep_step(impact_mover *m, const ratel_step *a,
                     const ratel_step *b, double jump)
{
    free(m->coverage);
    free(m->label);
    m->coverage = strdup(a->coverage ? a->coverage : "");
    m->label = strdup(a->label ? a->label : "");
    if (m->coverage == NULL || m->label == NULL)
        return -1;
    m->value_before = a->value;
    m->value_after = b->value;
    m->premium_before = a->premium;
    m->premium_after = b->premium;
    m->step_pct = (jump - 1.0) * 100.0;
    m->has_step = 1;
    return 0;
}

static int find_mover_step(impact_mover *m, const ratel_quote *qa,
                           const ratel_quote *qb)
{
    const char *names[MAX_COVERAGES];
    double ratios[MAX_COVERAGES], best = 1e-9;
    worksheet wa = {NULL, 0}, wb = {NULL, 0};
    worksheet_row *rows = NULL;
    size_t i, n = 0, ncov = 0;
    int rc = -1;

    if (worksheet_read(&wa, qa) != 0 || worksheet_read(&wb, qb) != 0 ||
        worksheet_align(&rows, &n, &wa, &wb) != 0)
        goto done;
    for (i = 0; i < n; i++) {
        const ratel_step *a, *b;
        double r, jump, score, *prev;
        if (rows[i].a < 0 || rows[i].b < 0)
            continue; /* a step on one side only */
        a = &wa.steps[rows[i].a];
        b = &wb.steps[rows[i].b];
        if ((prev = slot(names, ratios, &ncov, a->coverage)) == NULL)
            continue;
        r = ratio(a->premium, b->premium);
        jump = r / *prev;
        *prev = r;
        /* combining coverages passes their changes on: not a cause */
        if (str_eq(a->op, "combine") || str_eq(a->op, "allocate"))
            continue;
        score = fabs(log(jump));
        if (score > best) {
            best = score;
            if (keep_step(m, a, b, jump) != 0)
                goto done;
        }
    }
    rc = 0;
done:
    free(rows);
    worksheet_free(&wa);
    worksheet_free(&wb);
    return rc;
}

int impact_explain(impact_mover *m, const impact_side *from,
                   const impact_side *to)
{
    ratel_quote *qa = NULL, *qb = NULL;
    size_t len = strlen(m->decl);
    int rc = -1, renewed;
    const char *name;

    if (impact_side_rate(&qa, from, from->ctxs[0], m->decl, len, 0u,
                         &renewed, NULL) == RATEL_OK &&
        impact_side_rate(&qb, to, to->ctxs[0], m->decl, len, 0u,
                         &renewed, NULL) == RATEL_OK) {
        name = ratel_quote_applicant(qa);
        m->applicant = strdup(name ? name : "");
        rc = m->applicant != NULL ? find_mover_step(m, qa, qb) : -1;
    }
    ratel_quote_free(qa);
    ratel_quote_free(qb);
    return rc;
}
