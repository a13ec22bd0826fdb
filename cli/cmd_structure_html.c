/* cmd_structure_html.c - `ratel structure --html FILE`: one self-contained
 * page (inline CSS and SVG, no script, no external resource; fonts Debian
 * ships, named in the font stack) with the comparison: the loss model,
 * the structures, the distribution of each structure's annual cost as
 * exceedance curves and as ranges, the notes, and each scenario's split
 * of who pays. */
#include "cli.h"
#include "structure_print.h"

#include <math.h>
#include <string.h>

#define W 820            /* chart width */
#define PAD_L 96         /* room for the amounts on the left */
#define PAD_R 24
#define MAXS 64          /* structures drawn */

static const char *const colours[] = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
#define NCOLOURS (sizeof colours / sizeof *colours)

static const char style[] =
    "body{font-family:\"Noto Sans CJK JP\",\"Noto Sans\",\"DejaVu Sans\","
    "sans-serif;margin:2em;color:#222;max-width:1100px}"
    "table{border-collapse:collapse;margin:1em 0}"
    "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}"
    "td.n{text-align:right;white-space:nowrap}th{background:#f0f0f0}"
    "svg{display:block;margin:1em 0}svg text{font-size:12px}"
    ".axis{stroke:#999;stroke-width:1}.grid{stroke:#e5e5e5;stroke-width:1}"
    ".declined{color:#a00}li{margin:.3em 0}";

/* A log10 scale from 10^lo to 10^hi onto [y0 (hi), y1 (lo)]. */
typedef struct scale {
    int lo, hi;
    double y0, y1;
} scale;

static double scale_y(const scale *s, double v)
{
    double l = v > 1 ? log10(v) : 0;
    if (l < s->lo)
        l = s->lo;
    return s->y1 - (l - s->lo) / (s->hi - s->lo) * (s->y1 - s->y0);
}

static const char *amount_label(char *buf, size_t size, int power)
{
    static const char *const units[] = {"1", "10", "100", "1k", "10k",
                                        "100k", "1m", "10m", "100m", "1bn",
                                        "10bn", "100bn", "1tn", "10tn",
                                        "100tn", "1,000tn"};
    snprintf(buf, size, "JPY %s", power >= 0 && power < 16 ? units[power]
                                                           : "?");
    return buf;
}

/* The decades the non-declined structures' positive costs span. */
static scale cost_scale(const ratel_structure_result *r, double y0, double y1)
{
    scale s = {15, 0, y0, y1};
    size_t i, k, np = ratel_structure_exceedance_count();
    for (i = 0; i < ratel_structure_count(r); i++) {
        ratel_structure_info info;
        if (ratel_structure_get(r, i, &info) || info.declined)
            continue;
        for (k = 0; k < np; k++) {
            int64_t c = 0;
            int d;
            ratel_structure_exceedance(r, i, k, NULL, &c);
            if (c <= 1)
                continue; /* years costing nothing sit on the bottom line */
            d = (int)floor(log10((double)c));
            if (d < s.lo)
                s.lo = d;
            if (d + 1 > s.hi)
                s.hi = d + 1;
        }
    }
    if (s.hi <= s.lo) {
        s.lo = 4;
        s.hi = 8;
    }
    return s;
}

static int grid(FILE *out, const scale *s, double x0, double x1)
{
    char label[32];
    int d;
    for (d = s->lo; d <= s->hi; d++) {
        double y = scale_y(s, pow(10, d));
        if (fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
                         "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" "
                         "y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    x0, y, x1, y, x0 - 6, y + 4,
                    amount_label(label, sizeof label, d)) < 0)
            return -1;
    }
    return 0;
}

/* Exceedance curves: the annual cost against how rarely it is exceeded. */
static int exceedance_chart(FILE *out, const ratel_structure_result *r)
{
    const int h = 360, top = 20, bottom = 300;
    const double x0 = PAD_L, x1 = W - PAD_R;
    const double lmin = log10(2.0), lmax = log10(1000.0);
    size_t i, k, np = ratel_structure_exceedance_count(), drawn = 0;
    scale s = cost_scale(r, top, bottom);
    if (fprintf(out, "<h2>Distribution of the annual cost</h2>\n<p>Each "
                     "line is a structure: the annual cost (fixed costs plus "
                     "losses not paid by insurers or bond investors) "
                     "exceeded once in the number of years below; colours as "
                     "in the table above.</p>\n"
                     "<svg width=\"%d\" height=\"%d\" role=\"img\" "
                     "aria-label=\"exceedance curves\" "
                     "xmlns=\"http://www.w3.org/2000/svg\">\n", W, h) < 0 ||
        grid(out, &s, x0, x1))
        return -1;
    for (k = 0; k < np; k++) {
        double p = 1, x;
        ratel_structure_exceedance(r, 0, k, &p, NULL);
        x = x0 + (log10(1 / p) - lmin) / (lmax - lmin) * (x1 - x0);
        if (fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" "
                         "x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" "
                         "text-anchor=\"middle\">1 in %.0f</text>\n",
                    x, top, x, bottom, x, bottom + 18, 1 / p) < 0)
            return -1;
    }
    if (fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                     "years (log scale)</text>\n", (x0 + x1) / 2,
                bottom + 40) < 0)
        return -1;
    for (i = 0; i < ratel_structure_count(r) && i < MAXS; i++) {
        ratel_structure_info info;
        const char *c = colours[i % NCOLOURS];
        if (ratel_structure_get(r, i, &info) || info.declined)
            continue;
        if (fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" "
                         "stroke-width=\"2\" points=\"", c) < 0)
            return -1;
        for (k = 0; k < np; k++) {
            double p = 1, x;
            int64_t cost = 0;
            ratel_structure_exceedance(r, i, k, &p, &cost);
            x = x0 + (log10(1 / p) - lmin) / (lmax - lmin) * (x1 - x0);
            if (fprintf(out, "%s%.1f,%.1f", k ? " " : "", x,
                        scale_y(&s, (double)cost)) < 0)
                return -1;
        }
        if (fputs("\"><title>", out) == EOF || cli_html_text(out, info.name) ||
            fputs("</title></polyline>\n", out) == EOF)
            return -1;
        drawn++;
    }
    return fputs("</svg>\n", out) == EOF ? -1 : 0;
}

/* One row per structure: its costs from the median year to 1 in 1000,
 * the expected cost marked. */
static int range_chart(FILE *out, const ratel_structure_result *r)
{
    const int row = 26, top = 10;
    size_t i, n = ratel_structure_count(r), np;
    const double x0 = 300, x1 = W - PAD_R;
    scale s;
    np = ratel_structure_exceedance_count();
    s = cost_scale(r, 0, 0);
    int height = top + row * (int)(n < MAXS ? n : MAXS);
    char label[32];
    int d;
    if (fprintf(out, "<h2>Annual cost, from a typical year to 1 in 1000</h2>"
                     "\n<svg width=\"%d\" height=\"%d\" role=\"img\" "
                     "aria-label=\"cost ranges\" "
                     "xmlns=\"http://www.w3.org/2000/svg\">\n", W,
                height + 30) < 0)
        return -1;
    /* the same log scale as the curves, laid horizontally */
    s.y0 = x1;
    s.y1 = x0;
    for (d = s.lo; d <= s.hi; d++) {
        double x = scale_y(&s, pow(10, d));
        if (fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" "
                         "x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" "
                         "text-anchor=\"middle\">%s</text>\n", x, top, x,
                    height, x, height + 18,
                    amount_label(label, sizeof label, d)) < 0)
            return -1;
    }
    for (i = 0; i < n && i < MAXS; i++) {
        ratel_structure_info info;
        double y = top + row * (double)i + row / 2.0, lo, hi, mean;
        int64_t c0 = 0, c1 = 0;
        const char *c = colours[i % NCOLOURS];
        if (ratel_structure_get(r, i, &info))
            continue;
        if (fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                    x0 - 10, y + 4) < 0 || cli_html_text(out, info.name) ||
            fputs("</text>\n", out) == EOF)
            return -1;
        if (info.declined) {
            if (fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#a00\">"
                             "declined</text>\n", x0, y + 4) < 0)
                return -1;
            continue;
        }
        ratel_structure_exceedance(r, i, 0, NULL, &c0);
        ratel_structure_exceedance(r, i, np - 1, NULL, &c1);
        lo = scale_y(&s, (double)c0);
        hi = scale_y(&s, (double)c1);
        mean = scale_y(&s, (double)info.expected_cost);
        if (fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                         "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"8\" "
                         "stroke-opacity=\"0.5\"/><circle cx=\"%.1f\" "
                         "cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n",
                    lo, y, hi > lo + 2 ? hi : lo + 2, y, c, mean, y, c) < 0)
            return -1;
    }
    return fputs("</svg>\n<p>Bar: the annual cost from the median year to "
                 "the 1-in-1000 year (log scale, as above); dot: the "
                 "expected cost.</p>\n", out) == EOF ? -1 : 0;
}

static int money_cell(FILE *out, int64_t v)
{
    char b[32];
    return fprintf(out, "<td class=\"n\">%s</td>",
                   cli_fmt_money(b, sizeof b, v)) < 0 ? -1 : 0;
}

static int summary_table(FILE *out, const ratel_structure_result *r)
{
    size_t i;
    if (fputs("<h2>Structures (JPY a year)</h2>\n<table><tr><th></th>"
              "<th>structure</th><th>fixed cost</th><th>expected cost</th>"
              "<th>1 year in 20</th><th>1 year in 100</th><th>capital</th>"
              "<th>unfunded, 1 year in 200</th></tr>\n", out) == EOF)
        return -1;
    for (i = 0; i < ratel_structure_count(r); i++) {
        ratel_structure_info s;
        if (ratel_structure_get(r, i, &s))
            continue;
        if (fprintf(out, "<tr><td style=\"background:%s\"></td><td>",
                    colours[i % NCOLOURS]) < 0 || cli_html_text(out, s.name) ||
            fputs("</td>", out) == EOF)
            return -1;
        if (s.declined) {
            if (fputs("<td colspan=\"6\" class=\"declined\">declined</td>"
                      "</tr>\n", out) == EOF)
                return -1;
            continue;
        }
        if (money_cell(out, s.fixed_cost) ||
            money_cell(out, s.expected_cost) || money_cell(out, s.cost_p95) ||
            money_cell(out, s.cost_p99) || money_cell(out, s.capital) ||
            money_cell(out, s.largest_uncovered) ||
            fputs("</tr>\n", out) == EOF)
            return -1;
    }
    return fputs("</table>\n", out) == EOF ? -1 : 0;
}

static int model_table(FILE *out, const ratel_structure_result *r)
{
    size_t i;
    int64_t total = 0;
    if (fputs("<h2>Loss model</h2>\n<table><tr><th>peril</th><th>incidents "
              "a year</th><th>mean loss (JPY)</th><th>expected a year "
              "(JPY)</th></tr>\n", out) == EOF)
        return -1;
    for (i = 0; i < ratel_structure_peril_count(r); i++) {
        ratel_structure_peril p;
        if (ratel_structure_peril_get(r, i, &p))
            continue;
        total += p.expected_loss;
        if (fprintf(out, "<tr><td>%s</td><td class=\"n\">%.5f</td>", p.name,
                    p.frequency) < 0 || money_cell(out, p.mean_severity) ||
            money_cell(out, p.expected_loss) || fputs("</tr>\n", out) == EOF)
            return -1;
    }
    return fputs("<tr><th colspan=\"3\">all perils</th>", out) == EOF ||
                   money_cell(out, total) ||
                   fputs("</tr></table>\n", out) == EOF
               ? -1
               : 0;
}

static int notes(FILE *out, const ratel_structure_result *r)
{
    size_t i, k;
    if (fputs("<h2>Notes</h2>\n", out) == EOF)
        return -1;
    for (i = 0; i < ratel_structure_count(r); i++) {
        ratel_structure_info s;
        if (ratel_structure_get(r, i, &s))
            continue;
        if (fputs("<h3>", out) == EOF || cli_html_text(out, s.name) ||
            fputs("</h3>\n<ul>\n", out) == EOF)
            return -1;
        for (k = 0; k < s.nnotes; k++)
            if (fputs("<li>", out) == EOF ||
                cli_html_text(out, ratel_structure_note(r, i, k)) ||
                fputs("</li>\n", out) == EOF)
                return -1;
        if (fputs("</ul>\n", out) == EOF)
            return -1;
    }
    return 0;
}

/* Who pays a scenario: a stacked bar per structure and the figures. */
static int scenario(FILE *out, const ratel_structure_result *r, size_t sc)
{
    static const char *const parts[] = {"insurers", "captive", "CAT bond",
                                        "reserve", "loan", "own cash"};
    static const char *const fills[] = {"#2ca02c", "#1f77b4", "#9467bd",
                                        "#bcbd22", "#ff7f0e", "#d62728"};
    const double x0 = 300, x1 = W - PAD_R;
    int64_t loss = 0;
    const char *name = ratel_structure_scenario_name(r, sc, &loss);
    size_t i, k, n = ratel_structure_count(r);
    char b[32];
    if (fputs("<h2>Scenario: ", out) == EOF || cli_html_text(out, name) ||
        fprintf(out, "</h2>\n<p>Total loss JPY %s. Who pays it under each "
                     "structure:</p>\n<svg width=\"%d\" height=\"%d\" "
                     "role=\"img\" aria-label=\"who pays\" "
                     "xmlns=\"http://www.w3.org/2000/svg\">\n",
                cli_fmt_money(b, sizeof b, loss), W,
                26 * (int)(n < MAXS ? n : MAXS) + 40) < 0)
        return -1;
    for (k = 0; k < 6; k++)
        if (fprintf(out, "<rect x=\"%.1f\" y=\"4\" width=\"12\" height=\"12\" "
                         "fill=\"%s\"/><text x=\"%.1f\" y=\"14\">%s</text>\n",
                    x0 + 90.0 * (double)k, fills[k], x0 + 90.0 * (double)k + 16,
                    parts[k]) < 0)
            return -1;
    for (i = 0; i < n && i < MAXS; i++) {
        ratel_structure_info s;
        ratel_structure_outcome o;
        int64_t v[6];
        double y = 30 + 26.0 * (double)i, x = x0;
        if (ratel_structure_get(r, i, &s) ||
            ratel_structure_outcome_get(r, sc, i, &o))
            continue;
        v[0] = o.insurers;
        v[1] = o.captive;
        v[2] = o.bond;
        v[3] = o.reserve;
        v[4] = o.loan;
        v[5] = o.cash;
        if (fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                    x0 - 10, y + 14) < 0 || cli_html_text(out, s.name) ||
            fputs("</text>\n", out) == EOF)
            return -1;
        for (k = 0; k < 6 && loss > 0; k++) {
            double w = (double)v[k] / (double)loss * (x1 - x0);
            if (v[k] > 0 &&
                fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                             "height=\"18\" fill=\"%s\"><title>%s: JPY %s"
                             "</title></rect>\n", x, y, w, fills[k], parts[k],
                        cli_fmt_money(b, sizeof b, v[k])) < 0)
                return -1;
            x += w;
        }
    }
    if (fputs("</svg>\n<table><tr><th>structure</th><th>insurers</th>"
              "<th>captive</th><th>CAT bond</th><th>reserve</th><th>loan "
              "(repaid)</th><th>interest</th><th>own cash</th><th>left to "
              "the company</th><th>bridge needed</th></tr>\n", out) == EOF)
        return -1;
    for (i = 0; i < n; i++) {
        ratel_structure_info s;
        ratel_structure_outcome o;
        if (ratel_structure_get(r, i, &s) ||
            ratel_structure_outcome_get(r, sc, i, &o))
            continue;
        if (fputs("<tr><td>", out) == EOF || cli_html_text(out, s.name) ||
            fputs("</td>", out) == EOF || money_cell(out, o.insurers) ||
            money_cell(out, o.captive) || money_cell(out, o.bond) ||
            money_cell(out, o.reserve) || money_cell(out, o.loan) ||
            money_cell(out, o.interest) || money_cell(out, o.cash) ||
            money_cell(out, o.company) || money_cell(out, o.bridge) ||
            fputs("</tr>\n", out) == EOF)
            return -1;
    }
    return fputs("</table>\n", out) == EOF ? -1 : 0;
}

int cmd_structure_html(FILE *out, const ratel_structure_result *r,
                         const char *decl, uint64_t seed, uint64_t years)
{
    char cash[32], count[32];
    size_t i;
    if (fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                     "charset=\"utf-8\"><title>Structures compared</title>"
                     "<style>%s</style></head><body>\n<h1>Structures "
                     "compared</h1>\n<p>Declaration: ", style) < 0 ||
        cli_html_text(out, decl) ||
        fprintf(out, ". %s simulated years (seed %llu). Cash on hand: JPY "
                     "%s.</p>\n",
                cli_fmt_money(count, sizeof count, (int64_t)years),
                (unsigned long long)seed,
                cli_fmt_money(cash, sizeof cash,
                              ratel_structure_cash_on_hand(r))) < 0 ||
        summary_table(out, r) || exceedance_chart(out, r) ||
        range_chart(out, r) || model_table(out, r) || notes(out, r))
        return -1;
    for (i = 0; i < ratel_structure_scenario_count(r); i++)
        if (scenario(out, r, i))
            return -1;
    return fprintf(out, "<p>Made by ratel %s. Formulas and sources: "
                        "docs/structures.md.</p>\n</body></html>\n",
                   ratel_version()) < 0 ? -1 : 0;
}
