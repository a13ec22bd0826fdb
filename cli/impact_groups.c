/* impact_groups.c - the breakdowns of `ratel impact`: the policies rated
 * both ways, their premium before and after and the change, by industry,
 * by revenue band and by the decision before; in text and HTML (the JSON
 * keeps the shape bindings/python/ratel/impact.py mirrors byte for byte). */
#include "cli.h"
#include "impact.h"
#include "table_out.h"

#include <string.h>

/* Upper bounds (yen, inclusive) of the revenue bands but the last. */
static const int64_t band_top[IMPACT_NBANDS - 1] = {
    100000000, 300000000, 1000000000, 3000000000, 10000000000};
static const char *const band_names[IMPACT_NBANDS] = {
    "up to 100m", "100m-300m", "300m-1bn", "1bn-3bn", "3bn-10bn",
    "above 10bn"};

static void add(impact_group *g, int64_t before, int64_t after)
{
    g->policies++;
    g->before += (double)before;
    g->after += (double)after;
}

void impact_add_to_groups(impact_report *r, const impact_facts *f,
                          int64_t before, int64_t after, int dec_before)
{
    size_t i;
    int b = 0;
    for (i = 0; i < r->nindustries; i++)
        if (strcmp(r->industries[i].name, f->industry) == 0)
            break;
    if (i == r->nindustries && i < IMPACT_MAX_INDUSTRIES) {
        snprintf(r->industries[i].name, sizeof r->industries[i].name, "%s",
                 f->industry);
        r->nindustries++;
    }
    if (i < r->nindustries)
        add(&r->industries[i], before, after);
    while (b < IMPACT_NBANDS - 1 && f->revenue > band_top[b])
        b++;
    add(&r->bands[b], before, after);
    add(&r->decisions[dec_before], before, after);
}

static double change(const impact_group *g)
{
    return g->before > 0 ? (g->after - g->before) / g->before * 100.0 : 0.0;
}

/* One breakdown: its title, its key column, its groups. */
typedef struct breakdown {
    const char *title, *key;
    const impact_group *groups;
    size_t n;
} breakdown;

static size_t breakdowns(const impact_report *r, breakdown *b)
{
    b[0] = (breakdown){"By industry", "industry", r->industries,
                       r->nindustries};
    b[1] = (breakdown){"By revenue band", "revenue_band", r->bands,
                       IMPACT_NBANDS};
    b[2] = (breakdown){"By decision before", "decision", r->decisions, 3};
    return 3;
}

static const char *group_name(const breakdown *b, size_t i)
{
    if (b->groups[i].name[0])
        return b->groups[i].name;
    return strcmp(b->key, "revenue_band") == 0 ? band_names[i]
                                               : impact_outcome_name((int)i);
}

int impact_write_groups_text(FILE *out, const impact_report *r)
{
    static const char *const heads[5] = {"", "policies", "before", "after",
                                         "change"};
    breakdown b[3];
    size_t k, i, n = breakdowns(r, b);
    for (k = 0; k < n; k++) {
        text_table *t = text_table_new(5);
        int rc = t ? 0 : -1;
        for (i = 0; rc == 0 && i < 5; i++)
            rc = text_table_column(t, i, i ? heads[i] : b[k].key,
                            i ? TEXT_TABLE_RIGHT : TEXT_TABLE_LEFT);
        for (i = 0; rc == 0 && i < b[k].n; i++) {
            const impact_group *g = &b[k].groups[i];
            char c[4][32];
            const char *row[5];
            if (g->policies == 0)
                continue;
            row[0] = group_name(&b[k], i);
            row[1] = cli_fmt_money(c[0], sizeof c[0], g->policies);
            row[2] = cli_fmt_money(c[1], sizeof c[1], (int64_t)g->before);
            row[3] = cli_fmt_money(c[2], sizeof c[2], (int64_t)g->after);
            snprintf(c[3], sizeof c[3], "%+.2f%%", change(g));
            row[4] = c[3];
            rc = text_table_add_row(t, row);
        }
        if (rc == 0 && fprintf(out, "\n%s (policies rated both ways; "
                                    "premium in JPY):\n", b[k].title) < 0)
            rc = -1;
        if (rc == 0)
            rc = text_table_print(t, out, "  ");
        text_table_free(t);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int impact_write_groups_html(FILE *out, const impact_report *r,
                             int (*esc)(FILE *, const char *))
{
    breakdown b[3];
    size_t k, i, n = breakdowns(r, b);
    for (k = 0; k < n; k++) {
        if (fprintf(out, "<h2>%s</h2>\n<table><tr><th>%s</th><th>policies"
                         "</th><th>before (JPY)</th><th>after (JPY)</th>"
                         "<th>change</th></tr>\n", b[k].title, b[k].key) < 0)
            return -1;
        for (i = 0; i < b[k].n; i++) {
            const impact_group *g = &b[k].groups[i];
            char c[3][32];
            if (g->policies == 0)
                continue;
            if (fputs("<tr><td>", out) == EOF ||
                esc(out, group_name(&b[k], i)) ||
                fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s"
                             "</td><td class=\"n\">%s</td><td class=\"n\">"
                             "%+.2f%%</td></tr>\n",
                        cli_fmt_money(c[0], sizeof c[0], g->policies),
                        cli_fmt_money(c[1], sizeof c[1], (int64_t)g->before),
                        cli_fmt_money(c[2], sizeof c[2], (int64_t)g->after),
                        change(g)) < 0)
                return -1;
        }
        if (fputs("</table>\n", out) == EOF)
            return -1;
    }
    return 0;
}
