/* impact_text.c - the terminal report of `ratel impact`. */
#include "cli.h"
#include "impact.h"
#include "table_out.h"

#include <string.h>

#define BAR_MAX 40

static char *fmt_pct(char *buf, size_t size, double pct)
{
    snprintf(buf, size, "%+.2f%%", pct);
    return buf;
}

static int print_totals(FILE *out, const impact_report *r)
{
    char n[5][32], before[32], after[32], pct[32], vf[512], vt[512];
    cli_fmt_money(n[0], sizeof n[0], r->rows);
    cli_fmt_money(n[1], sizeof n[1], r->rated);
    cli_fmt_money(n[2], sizeof n[2], r->failed);
    cli_fmt_money(before, sizeof before, (int64_t)r->total_before);
    cli_fmt_money(after, sizeof after, (int64_t)r->total_after);
    if (fprintf(out, "Rate-change impact: %s -> %s\n"
                     "From: %s %s\nTo:   %s %s\n"
                     "Book: %s: %s policies, %s rated both ways, "
                     "%s failed on a side\n",
                r->from->spec, r->to->spec, r->from->plan_id,
                impact_side_versions(r->from, vf, sizeof vf), r->to->plan_id,
                impact_side_versions(r->to, vt, sizeof vt),
                cli_input_name(r->book), n[0], n[1], n[2]) < 0)
        return -1;
    if (r->renewed &&
        fprintf(out, "Renewed: %s policies dated before %s rated as "
                     "renewed on that date, on both sides\n",
                cli_fmt_money(n[3], sizeof n[3], r->renewed),
                r->from->as_of) < 0)
        return -1;
    return fprintf(out, "\nTotal premium: JPY %s -> JPY %s (%s)\n", before,
                   after, fmt_pct(pct, sizeof pct, impact_total_change(r))) < 0
               ? -1 : 0;
}

static int print_distribution(FILE *out, const impact_report *r)
{
    text_table *t = text_table_new(IMPACT_NPCT);
    text_table *h = text_table_new(3);
    char cells[IMPACT_NPCT][32], head[IMPACT_NPCT][8], count[32];
    char bar[BAR_MAX + 1];
    const char *row[IMPACT_NPCT];
    long most = 1;
    size_t i;
    int rc = -1;

    if (t == NULL || h == NULL)
        goto done;
    for (i = 0; i < IMPACT_NPCT; i++) {
        snprintf(head[i], sizeof head[i], "p%d", impact_pct_points[i]);
        if (text_table_column(t, i, head[i], TEXT_TABLE_RIGHT) != 0)
            goto done;
        row[i] = fmt_pct(cells[i], sizeof cells[i], r->pct[i]);
    }
    if (text_table_add_row(t, row) != 0 || text_table_column(h, 1, NULL, TEXT_TABLE_RIGHT) != 0)
        goto done;
    for (i = 0; i < IMPACT_NBUCKETS; i++)
        if (r->buckets[i] > most)
            most = r->buckets[i];
    for (i = 0; i < IMPACT_NBUCKETS; i++) {
        const char *cells3[3];
        size_t w = (size_t)(r->buckets[i] * BAR_MAX / most);
        memset(bar, '#', w);
        bar[w] = '\0';
        cells3[0] = impact_bucket_names[i];
        cells3[1] = cli_fmt_money(count, sizeof count, r->buckets[i]);
        cells3[2] = bar;
        if (text_table_add_row(h, cells3) != 0)
            goto done;
    }
    if (fprintf(out, "\nPer-policy change (%zu policies with a premium "
                     "before):\n", r->nchanges) < 0 ||
        text_table_print(t, out, "  ") != 0 || fputs("\n", out) == EOF ||
        text_table_print(h, out, "  ") != 0)
        goto done;
    rc = 0;
done:
    text_table_free(t);
    text_table_free(h);
    return rc;
}

static int print_matrix(FILE *out, const impact_report *r)
{
    text_table *t = text_table_new(5);
    char cells[4][32];
    const char *row[5];
    int i, j, rc = -1;

    if (t == NULL || text_table_column(t, 0, "from \\ to", TEXT_TABLE_LEFT) != 0)
        goto done;
    for (j = 0; j < 4; j++)
        if (text_table_column(t, (size_t)j + 1, impact_outcome_name(j), TEXT_TABLE_RIGHT)
                != 0)
            goto done;
    for (i = 0; i < 4; i++) {
        row[0] = impact_outcome_name(i);
        for (j = 0; j < 4; j++)
            row[j + 1] = cli_fmt_money(cells[j], sizeof cells[j],
                                       r->matrix[i][j]);
        if (text_table_add_row(t, row) != 0)
            goto done;
    }
    if (fputs("\nDecisions (rows: before, columns: after):\n", out) == EOF ||
        text_table_print(t, out, "  ") != 0)
        goto done;
    rc = 0;
done:
    text_table_free(t);
    return rc;
}

static int print_movers(FILE *out, const impact_report *r)
{
    text_table *t;
    static const char *const head[8] = {"line", "applicant", "before",
                                        "after", "change", "decision",
                                        "step that moved it most",
                                        "step change"};
    char c[8][160];
    const char *row[8];
    size_t i;
    int rc = -1;

    if (r->nmovers == 0)
        return fputs("\nLargest movers: none (no policy changed premium)\n",
                     out) == EOF ? -1 : 0;
    if ((t = text_table_new(8)) == NULL)
        goto done;
    for (i = 0; i < 8; i++)
        if (text_table_column(t, i, head[i], i >= 2 && i <= 4 ? TEXT_TABLE_RIGHT
                                                       : TEXT_TABLE_LEFT) != 0)
            goto done;
    for (i = 0; i < r->nmovers; i++) {
        const impact_mover *m = &r->movers[i];
        size_t k;
        snprintf(c[0], sizeof c[0], "%ld", m->lineno);
        snprintf(c[1], sizeof c[1], "%s", m->applicant ? m->applicant : "");
        cli_fmt_money(c[2], sizeof c[2], m->before);
        cli_fmt_money(c[3], sizeof c[3], m->after);
        fmt_pct(c[4], sizeof c[4], m->pct);
        if (m->dec_before == m->dec_after)
            snprintf(c[5], sizeof c[5], "%s", impact_outcome_name(m->dec_before));
        else
            snprintf(c[5], sizeof c[5], "%s->%s",
                     impact_outcome_name(m->dec_before),
                     impact_outcome_name(m->dec_after));
        snprintf(c[6], sizeof c[6], "%s / %s", m->has_step ? m->coverage : "-",
                 m->has_step ? m->label : "-");
        if (m->has_step)
            fmt_pct(c[7], sizeof c[7], m->step_pct);
        else
            snprintf(c[7], sizeof c[7], "-");
        for (k = 0; k < 8; k++)
            row[k] = c[k];
        if (text_table_add_row(t, row) != 0)
            goto done;
    }
    if (fprintf(out, "\nLargest movers (top %zu by |change|):\n",
                r->nmovers) < 0 ||
        text_table_print(t, out, "  ") != 0)
        goto done;
    rc = 0;
done:
    text_table_free(t);
    return rc;
}

int impact_write_text(FILE *out, const impact_report *r)
{
    if (print_totals(out, r) != 0 || print_distribution(out, r) != 0 ||
        print_matrix(out, r) != 0 || impact_write_groups_text(out, r) != 0 ||
        print_movers(out, r) != 0)
        return -1;
    if (r->first_error[0] != '\0' &&
        fprintf(out, "\nFirst failure: %s\n", r->first_error) < 0)
        return -1;
    return 0;
}
