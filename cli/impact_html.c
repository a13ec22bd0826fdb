/* impact_html.c - `ratel impact --html FILE`: one self-contained page
 * (inline CSS, an inline SVG histogram; no script, no external resource)
 * with the content of the text report. */
#include "cli.h"
#include "impact.h"

#include <string.h>

#define SVG_W 640
#define SVG_H 240
#define SVG_PAD 30
#define SVG_MIN_BAR 3 /* px: a bucket with any policy in it shows */

static int esc(FILE *out, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        int rc;
        switch (*s) {
        case '<': rc = fputs("&lt;", out); break;
        case '>': rc = fputs("&gt;", out); break;
        case '&': rc = fputs("&amp;", out); break;
        case '"': rc = fputs("&quot;", out); break;
        default: rc = putc(*s, out); break;
        }
        if (rc == EOF)
            return -1;
    }
    return 0;
}

static const char style[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}"
    "td,th{border:1px solid #ccc;padding:4px 8px}"
    "td.n{text-align:right}th{background:#f0f0f0}"
    "rect.up{fill:#c0504d}rect.down{fill:#4f81bd}rect.zero{fill:#999}"
    "svg text{font-size:11px}";

/* A count with thousands separators. */
static const char *count(char *buf, size_t size, long n)
{
    return cli_fmt_money(buf, size, (int64_t)n);
}

static int write_summary(FILE *out, const impact_report *r)
{
    char b[32], a[32], n[3][32], v[512];
    if (fprintf(out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                     "<title>Rate-change impact</title><style>%s</style>"
                     "</head><body>\n<h1>Rate-change impact: ", style) < 0 ||
        esc(out, r->from->spec) || fputs(" &rarr; ", out) == EOF ||
        esc(out, r->to->spec) || fputs("</h1>\n<p>From: ", out) == EOF ||
        esc(out, r->from->plan_id) || fputc(' ', out) == EOF ||
        esc(out, impact_side_versions(r->from, v, sizeof v)) ||
        fputs("<br>To: ", out) == EOF || esc(out, r->to->plan_id) ||
        fputc(' ', out) == EOF ||
        esc(out, impact_side_versions(r->to, v, sizeof v)) ||
        fputs("</p>\n<p>Book: ", out) == EOF ||
        esc(out, cli_input_name(r->book)))
        return -1;
    cli_fmt_money(b, sizeof b, (int64_t)r->total_before);
    cli_fmt_money(a, sizeof a, (int64_t)r->total_after);
    if (fprintf(out, ": %s policies, %s rated both ways, %s failed.</p>\n",
                count(n[0], sizeof n[0], r->rows),
                count(n[1], sizeof n[1], r->rated),
                count(n[2], sizeof n[2], r->failed)) < 0 ||
        (r->renewed &&
         fprintf(out, "<p>Renewed: %s policies dated before %s rated as "
                      "renewed on that date, on both sides.</p>\n",
                 count(n[0], sizeof n[0], r->renewed), r->from->as_of) < 0))
        return -1;
    return fprintf(out, "<p>Total premium: JPY %s &rarr; JPY %s "
                        "(<b>%+.2f%%</b>)</p>\n",
                   b, a, impact_total_change(r)) < 0 ? -1 : 0;
}

static int write_chart(FILE *out, const impact_report *r)
{
    long most = 1;
    int i, bw = (SVG_W - 2 * SVG_PAD) / IMPACT_NBUCKETS;

    for (i = 0; i < IMPACT_NBUCKETS; i++)
        if (r->buckets[i] > most)
            most = r->buckets[i];
    if (fprintf(out, "<h2>Per-policy change</h2>\n<svg width=\"%d\" "
                     "height=\"%d\" role=\"img\" aria-label=\"histogram\">\n",
                SVG_W, SVG_H) < 0)
        return -1;
    for (i = 0; i < IMPACT_NBUCKETS; i++) {
        char n[32];
        int h = (int)((double)r->buckets[i] / most * (SVG_H - 3 * SVG_PAD));
        int x = SVG_PAD + i * bw, y;
        if (r->buckets[i] > 0 && h < SVG_MIN_BAR)
            h = SVG_MIN_BAR;
        y = SVG_H - 2 * SVG_PAD - h;
        if (fprintf(out, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
                         "height=\"%d\"/><text x=\"%d\" y=\"%d\" "
                         "text-anchor=\"middle\">%s</text><text x=\"%d\" "
                         "y=\"%d\" text-anchor=\"middle\">",
                    i < 4 ? "down" : i == 4 ? "zero" : "up", x + 2, y,
                    bw - 4, h, x + bw / 2, y - 4,
                    count(n, sizeof n, r->buckets[i]), x + bw / 2,
                    SVG_H - SVG_PAD - 10) < 0 ||
            esc(out, impact_bucket_names[i]) ||
            fputs("</text>\n", out) == EOF)
            return -1;
    }
    if (fputs("</svg>\n<table><tr>", out) == EOF)
        return -1;
    for (i = 0; i < IMPACT_NPCT; i++)
        if (fprintf(out, "<th>p%d</th>", impact_pct_points[i]) < 0)
            return -1;
    if (fputs("</tr><tr>", out) == EOF)
        return -1;
    for (i = 0; i < IMPACT_NPCT; i++)
        if (fprintf(out, "<td class=\"n\">%+.2f%%</td>", r->pct[i]) < 0)
            return -1;
    return fputs("</tr></table>\n", out) == EOF ? -1 : 0;
}

static int write_matrix(FILE *out, const impact_report *r)
{
    int i, j;
    if (fputs("<h2>Decisions</h2>\n<table><tr><th>before \\ after</th>",
              out) == EOF)
        return -1;
    for (j = 0; j < 4; j++)
        if (fprintf(out, "<th>%s</th>", impact_outcome_name(j)) < 0)
            return -1;
    for (i = 0; i < 4; i++) {
        if (fprintf(out, "</tr>\n<tr><th>%s</th>", impact_outcome_name(i)) < 0)
            return -1;
        for (j = 0; j < 4; j++) {
            char n[32];
            if (fprintf(out, "<td class=\"n\">%s</td>",
                        count(n, sizeof n, r->matrix[i][j])) < 0)
                return -1;
        }
    }
    return fputs("</tr></table>\n", out) == EOF ? -1 : 0;
}

static int write_movers(FILE *out, const impact_report *r)
{
    size_t i;
    if (fputs("<h2>Largest movers</h2>\n<table><tr><th>line</th>"
              "<th>applicant</th><th>before</th><th>after</th><th>change</th>"
              "<th>decision</th><th>step that moved it most</th>"
              "<th>step change</th></tr>\n", out) == EOF)
        return -1;
    for (i = 0; i < r->nmovers; i++) {
        const impact_mover *m = &r->movers[i];
        char b[32], a[32];
        if (fprintf(out, "<tr><td class=\"n\">%ld</td><td>", m->lineno) < 0 ||
            esc(out, m->applicant) ||
            fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                         "<td class=\"n\">%+.2f%%</td><td>%s &rarr; %s</td>"
                         "<td>",
                    cli_fmt_money(b, sizeof b, m->before),
                    cli_fmt_money(a, sizeof a, m->after), m->pct,
                    impact_outcome_name(m->dec_before),
                    impact_outcome_name(m->dec_after)) < 0 ||
            esc(out, m->has_step ? m->coverage : "-") ||
            fputs(" / ", out) == EOF ||
            esc(out, m->has_step ? m->label : "-") ||
            fprintf(out, "</td><td class=\"n\">%+.2f%%</td></tr>\n",
                    m->has_step ? m->step_pct : 0.0) < 0)
            return -1;
    }
    return fputs("</table>\n", out) == EOF ? -1 : 0;
}

int impact_write_html(FILE *out, const impact_report *r)
{
    if (write_summary(out, r) || write_chart(out, r) ||
        write_matrix(out, r) || impact_write_groups_html(out, r, esc) ||
        write_movers(out, r))
        return -1;
    return fputs("</body></html>\n", out) == EOF ? -1 : 0;
}
