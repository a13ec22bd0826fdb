/* cmd_compare_html.c - `ratel compare --format html`: the report a
 * broker sends the client. One self-contained page (inline CSS and SVG,
 * no script, no external resource; fonts Debian ships, named first in
 * the stack so Japanese names render) that prints on A4: a summary of
 * the offers, a bar chart of premiums, a stacked chart of who pays in
 * each scenario, the gaps and the PML shortfalls, each offer's
 * conditions to bind, the four questions, and the scenarios' sources. */
#include "cli.h"
#include "compare_print.h"
#include "quote_print.h"

#include <stdarg.h>
#include <string.h>

#define W 720             /* chart width (viewBox units) */
#define LABEL_W 250       /* room for the offer's name on the left */
#define BAR_H 16
#define ROW_H 22
#define NO_CATEGORY ((size_t)-1)

static const char style[] =
    "body{font-family:\"Noto Sans CJK JP\",\"Noto Sans JP\",\"Noto Sans\","
    "\"DejaVu Sans\",sans-serif;margin:2em auto;color:#222;max-width:"
    "1000px;line-height:1.45;font-size:14px}"
    "h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin-top:"
    "1.6em;border-bottom:2px solid #1f4e79;color:#1f4e79}"
    "h3{font-size:1.05em;margin:1.1em 0 .3em}"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.92em}"
    "td,th{border:1px solid #c8c8c8;padding:3px 6px;vertical-align:top}"
    "th{background:#eef2f7;text-align:left}td.n{text-align:right;"
    "white-space:nowrap}tr.declined td,tr.error td{color:#999}"
    ".who{color:#444}.ans{font-weight:bold;text-transform:uppercase}"
    ".yes{color:#2a7a2a}.doubt{color:#b35c00}.unknown{color:#555}"
    ".advice{border-left:4px solid #1f4e79;padding:.4em .8em;background:"
    "#f4f7fb}.legend span{display:inline-block;width:12px;height:12px;"
    "margin:0 4px 0 12px;vertical-align:middle}"
    "svg{display:block;margin:.4em 0}svg text{font-size:11px;"
    "font-family:inherit}.small{font-size:.85em;color:#555}"
    "li{margin:.15em 0}"
    "@page{size:A4;margin:14mm 12mm}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "h2{break-after:avoid}table,svg,.offer,.scenario{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}}";

typedef struct page {
    FILE *out;
    const ratel_comparison *c;
    ratel_comparison_info info;
    int bad;
} page;

/* Writes printf-style text; remembers a write error. */
static void put(page *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void put(page *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vfprintf(p->out, fmt, ap) < 0)
        p->bad = 1;
    va_end(ap);
}

static void text(page *p, const char *s)
{
    if (cli_html_text(p->out, s))
        p->bad = 1;
}

/* <li>PREFIX TEXT</li>, both escaped. */
static void item(page *p, const char *prefix, const char *s)
{
    put(p, "<li>");
    text(p, prefix);
    text(p, s);
    put(p, "</li>");
}

/* "JPY 1,234,000". */
static void money(page *p, int64_t v)
{
    char m[48];
    put(p, "%s %s", p->info.currency,
        cli_fmt_amount(m, sizeof m, v, p->info.currency_digits));
}

/* The offer's name as a reader sees it: insurer, plan, option. */
static void offer_name(page *p, const ratel_offer *o)
{
    text(p, o->insurer);
    put(p, " &middot; ");
    text(p, o->plan);
    if (o->option) {
        put(p, " &middot; ");
        text(p, o->option);
    }
}

/* The same for an SVG label, shortened to fit LABEL_W. */
static void svg_label(page *p, size_t i, const ratel_offer *o, double y)
{
    char name[200];
    snprintf(name, sizeof name, "%zu. %s%s%s", i + 1, o->plan,
             o->option ? " " : "", o->option ? o->option : "");
    put(p, "<text x=\"0\" y=\"%.1f\">", y);
    text(p, name);
    put(p, "</text>\n");
}

static const char *decision(const ratel_offer *o)
{
    return o->quote ? ratel_decision_name(ratel_quote_decision(o->quote))
                    : "error";
}

static int is_offered(const ratel_offer *o)
{
    return o->quote && ratel_quote_decision(o->quote) != RATEL_DECLINED;
}

static void head(page *p, const char *decl)
{
    char records[32];
    put(p, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<title>Cyber insurance comparison: ");
    text(p, p->info.applicant);
    put(p, "</title><style>%s</style></head><body>\n<header><h1>Cyber "
           "insurance comparison</h1>\n<p class=\"who\"><strong>", style);
    text(p, p->info.applicant);
    put(p, "</strong> &middot; effective %s &middot; revenue ",
        p->info.effective_date);
    money(p, p->info.revenue);
    put(p, " &middot; %s personal records &middot; %lld employees",
        cli_fmt_money(records, sizeof records, p->info.personal_records),
        (long long)p->info.employees);
    if (p->info.companies > 1)
        put(p, " &middot; a group of %zu companies", p->info.companies);
    put(p, "</p>\n<p class=\"small\">Declaration: ");
    text(p, decl);
    put(p, ". Cash yardstick: ");
    money(p, p->info.cash);
    put(p, " (%u months of revenue: Japanese companies hold about two "
           "months of sales in cash, seed 003). Amounts in %s.</p></header>\n",
        p->info.cash_months, p->info.currency);
}

static void priced_cell(page *p, const ratel_quote *q, const char *cov,
                        const char *term, const char *suffix)
{
    char b[48];
    put(p, "<td class=\"n\">%s</td>",
        q ? quote_priced_term(b, sizeof b, q, cov, term, suffix) : "-");
}

static void summary(page *p)
{
    size_t i, n = ratel_comparison_offer_count(p->c);
    put(p, "<section><h2>Summary</h2>\n<table><tr><th>#</th><th>Offer</th>"
           "<th>Decision</th><th>Premium</th><th>Liability</th><th>Expense"
           "</th><th>Business interruption</th><th>Deductible</th>"
           "<th>Coinsurance</th><th>Gaps</th></tr>\n");
    for (i = 0; i < n; i++) {
        ratel_offer o;
        ratel_comparison_offer(p->c, i, &o);
        put(p, "<tr class=\"%s\"><td class=\"n\">%zu</td><td>", decision(&o),
            i + 1);
        offer_name(p, &o);
        put(p, "</td><td>%s</td><td class=\"n\">", decision(&o));
        if (is_offered(&o))
            money(p, ratel_quote_total_premium(o.quote));
        else
            put(p, "-");
        put(p, "</td>");
        priced_cell(p, o.quote, "liability", "limit", "");
        priced_cell(p, o.quote, "expense", "limit", "");
        priced_cell(p, o.quote, "bi", "limit", "");
        priced_cell(p, o.quote, "liability", "deductible", "");
        priced_cell(p, o.quote, "liability", "coinsurance_pct", "%");
        put(p, "<td class=\"n\">%zu</td></tr>\n", o.ngaps);
    }
    put(p, "</table>\n<p class=\"small\">Limits, deductible and coinsurance "
           "are the terms each offer priced (none: the offer has no such "
           "cover).</p></section>\n");
}

/* What the client keeps in each scenario under each offer. */
static void keeps(page *p)
{
    size_t i, s, n = ratel_comparison_offer_count(p->c);
    size_t ns = ratel_comparison_scenario_count(p->c);
    put(p, "<section><h2>What the client keeps</h2>\n<table><tr><th>#</th>"
           "<th>Offer</th>");
    for (s = 0; s < ns; s++) {
        ratel_scenario_info si;
        ratel_comparison_scenario(p->c, s, &si);
        put(p, "<th>");
        text(p, si.id);
        put(p, "<br><span class=\"small\">loss ");
        money(p, si.loss);
        put(p, "</span></th>");
    }
    put(p, "</tr>\n");
    for (i = 0; i < n; i++) {
        ratel_offer o;
        ratel_comparison_offer(p->c, i, &o);
        put(p, "<tr class=\"%s\"><td class=\"n\">%zu</td><td>", decision(&o),
            i + 1);
        offer_name(p, &o);
        put(p, "</td>");
        for (s = 0; s < ns; s++) {
            ratel_settlement st;
            ratel_comparison_settlement(p->c, i, s, NO_CATEGORY, &st);
            put(p, "<td class=\"n\">");
            money(p, st.client_keeps);
            put(p, "<br><span class=\"small\">%.1f%% of cash</span></td>",
                st.share_of_cash_pct);
        }
        put(p, "</tr>\n");
    }
    put(p, "</table>\n<p class=\"small\">The loss less what the policy "
           "pays, settled as a claim is: the deductible first, then the "
           "coinsurance, the sub-limits and the limit; the share is of the "
           "cash yardstick.</p></section>\n");
}

/* Horizontal bars of the offers' premiums. */
static void premium_chart(page *p)
{
    size_t i, n = ratel_comparison_offer_count(p->c);
    int64_t top = 1;
    int h = (int)n * ROW_H + 10;
    for (i = 0; i < n; i++) {
        ratel_offer o;
        ratel_comparison_offer(p->c, i, &o);
        if (is_offered(&o) && ratel_quote_total_premium(o.quote) > top)
            top = ratel_quote_total_premium(o.quote);
    }
    put(p, "<section><h2>Premiums</h2>\n<svg viewBox=\"0 0 %d %d\" "
           "width=\"100%%\" role=\"img\" aria-label=\"premium of each offer\" "
           "xmlns=\"http://www.w3.org/2000/svg\">\n", W, h);
    for (i = 0; i < n; i++) {
        ratel_offer o;
        double y = (double)i * ROW_H + 4, w;
        char m[48];
        ratel_comparison_offer(p->c, i, &o);
        svg_label(p, i, &o, y + 12);
        if (!is_offered(&o)) {
            put(p, "<text x=\"%d\" y=\"%.1f\" fill=\"#999\">%s</text>\n",
                LABEL_W, y + 12, decision(&o));
            continue;
        }
        w = (double)ratel_quote_total_premium(o.quote) / (double)top *
            (W - LABEL_W - 110);
        put(p, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
               "fill=\"#1f4e79\"/><text x=\"%.1f\" y=\"%.1f\">%s %s</text>\n",
            LABEL_W, y, w, BAR_H, LABEL_W + w + 6, y + 12, p->info.currency,
            cli_fmt_amount(m, sizeof m, ratel_quote_total_premium(o.quote),
                           p->info.currency_digits));
    }
    put(p, "</svg></section>\n");
}

/* One scenario: a bar per offer, what the insurer pays and what the
 * client keeps, on the scale of the scenario's loss. */
static void scenario_chart(page *p, size_t s)
{
    size_t i, n = ratel_comparison_offer_count(p->c);
    ratel_scenario_info si;
    int h = (int)n * ROW_H + 10;
    ratel_comparison_scenario(p->c, s, &si);
    put(p, "<div class=\"scenario\"><h3>");
    text(p, si.name);
    put(p, ": loss ");
    money(p, si.loss);
    put(p, "</h3>\n<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
           "aria-label=\"who pays in ", W, h);
    text(p, si.id);
    put(p, "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    for (i = 0; i < n; i++) {
        ratel_offer o;
        ratel_settlement st;
        double y = (double)i * ROW_H + 4, span = W - LABEL_W - 150, wi, wk;
        char m[48];
        ratel_comparison_offer(p->c, i, &o);
        ratel_comparison_settlement(p->c, i, s, NO_CATEGORY, &st);
        svg_label(p, i, &o, y + 12);
        wi = st.loss ? (double)st.insurer_pays / (double)st.loss * span : 0;
        wk = st.loss ? (double)st.client_keeps / (double)st.loss * span : 0;
        put(p, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
               "fill=\"#2e75b6\"><title>insurer pays</title></rect>"
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
               "fill=\"#e07b39\"><title>client keeps</title></rect>",
            LABEL_W, y, wi, BAR_H, LABEL_W + wi, y, wk, BAR_H);
        put(p, "<text x=\"%.1f\" y=\"%.1f\">keeps %s (%.1f%%)</text>\n",
            LABEL_W + span + 6, y + 12,
            cli_fmt_amount(m, sizeof m, st.client_keeps,
                           p->info.currency_digits),
            st.share_of_cash_pct);
    }
    put(p, "</svg></div>\n");
}

static void scenario_charts(page *p)
{
    size_t s, ns = ratel_comparison_scenario_count(p->c);
    put(p, "<section><h2>Who pays in each scenario</h2>\n<p class=\"legend "
           "small\"><span style=\"background:#2e75b6\"></span>the insurer "
           "pays<span style=\"background:#e07b39\"></span>the client keeps "
           "(in brackets: as a share of the cash yardstick)</p>\n");
    for (s = 0; s < ns; s++)
        scenario_chart(p, s);
    put(p, "</section>\n");
}

/* Opens an offer's block: <div class="offer"><h3>N. insurer · plan,
 * the heading left open for the caller to end. */
static void offer_heading(page *p, size_t i, const ratel_offer *o)
{
    put(p, "<div class=\"offer\"><h3>%zu. ", i + 1);
    offer_name(p, o);
}

static void gaps(page *p)
{
    size_t i, k, n = ratel_comparison_offer_count(p->c);
    put(p, "<section><h2>Coverage gaps and the probable maximum loss</h2>\n");
    for (i = 0; i < n; i++) {
        ratel_offer o;
        ratel_comparison_offer(p->c, i, &o);
        offer_heading(p, i, &o);
        put(p, "</h3>\n<ul>");
        if (!o.quote)
            item(p, "not rated: ", o.message);
        for (k = 0; k < o.ngaps; k++) {
            ratel_gap g = {NULL, NULL};
            ratel_comparison_gap(p->c, i, k, &g);
            item(p, "", g.text);
        }
        for (k = 0; k < o.nshortfalls; k++) {
            ratel_shortfall f;
            if (ratel_comparison_shortfall(p->c, i, k, &f) == RATEL_OK)
                item(p, "PML: ", f.text);
        }
        if (o.quote && o.ngaps + o.nshortfalls == 0)
            put(p, "<li>none found</li>");
        put(p, "</ul></div>\n");
    }
    put(p, "</section>\n");
}

/* Reasons, subjectivities and authority: what must happen to bind. */
static void conditions(page *p)
{
    size_t i, k, n = ratel_comparison_offer_count(p->c);
    put(p, "<section><h2>Conditions to bind</h2>\n");
    for (i = 0; i < n; i++) {
        ratel_offer o;
        ratel_comparison_offer(p->c, i, &o);
        if (!o.quote)
            continue;
        offer_heading(p, i, &o);
        put(p, ": %s</h3>\n<ul>", decision(&o));
        for (k = 0; k < ratel_quote_reason_count(o.quote); k++) {
            ratel_reason r;
            char what[96];
            ratel_quote_reason(o.quote, k, &r);
            snprintf(what, sizeof what, "%s %s: ", r.kind, r.code);
            item(p, what, r.text);
        }
        for (k = 0; k < ratel_quote_subjectivity_count(o.quote); k++) {
            ratel_reason r;
            ratel_quote_subjectivity(o.quote, k, &r);
            item(p, "subject to: ", r.text);
        }
        if (ratel_quote_authority_required(o.quote) > 0)
            put(p, "<li>underwriting authority level %d needed</li>",
                ratel_quote_authority_required(o.quote));
        if (ratel_quote_reason_count(o.quote) +
                ratel_quote_subjectivity_count(o.quote) == 0)
            put(p, "<li>none</li>");
        put(p, "</ul></div>\n");
    }
    put(p, "</section>\n");
}

static void questions(page *p)
{
    size_t i, n = ratel_comparison_question_count(p->c);
    put(p, "<section><h2>Should you buy cyber insurance at all?</h2>\n"
           "<p class=\"small\">Seed 003's four questions: all yes, decide on "
           "other needs; any doubt, consider insurance; any unknown, check "
           "first.</p>\n<table><tr><th>#</th><th>Question</th><th>Answer"
           "</th><th>Why</th></tr>\n");
    for (i = 0; i < n; i++) {
        ratel_question q = {0, "", "unknown", ""};
        ratel_comparison_question(p->c, i, &q);
        put(p, "<tr><td class=\"n\">%d</td><td>", q.number);
        text(p, q.question);
        put(p, "</td><td class=\"ans %s\">%s</td><td>", q.answer, q.answer);
        text(p, q.why);
        put(p, "</td></tr>\n");
    }
    put(p, "</table>\n<p class=\"advice\">");
    text(p, ratel_comparison_advice(p->c));
    put(p, "</p></section>\n");
}

static void sources(page *p)
{
    size_t s, k, ns = ratel_comparison_scenario_count(p->c);
    put(p, "<section><h2>The scenarios</h2>\n<ul>");
    for (s = 0; s < ns; s++) {
        ratel_scenario_info si;
        int first = 1;
        ratel_comparison_scenario(p->c, s, &si);
        put(p, "<li><strong>");
        text(p, si.name);
        put(p, "</strong>: ");
        money(p, si.loss);
        put(p, " (");
        for (k = 0; k < ratel_loss_category_count(); k++) {
            ratel_settlement st;
            ratel_comparison_settlement(p->c, 0, s, k, &st);
            if (st.loss <= 0)
                continue;
            put(p, "%s", first ? "" : "; ");
            text(p, ratel_loss_category_label(k));
            put(p, " ");
            money(p, st.loss);
            first = 0;
        }
        put(p, ")<br><span class=\"small\">");
        text(p, si.source ? si.source : "");
        put(p, "</span></li>\n");
    }
    put(p, "</ul></section>\n");
}

int cmd_compare_html(FILE *out, const ratel_comparison *c, const char *decl)
{
    page p;
    memset(&p, 0, sizeof p);
    p.out = out;
    p.c = c;
    if (ratel_comparison_get(c, &p.info) != RATEL_OK)
        return -1;
    head(&p, decl);
    summary(&p);
    keeps(&p);
    premium_chart(&p);
    scenario_charts(&p);
    gaps(&p);
    conditions(&p);
    questions(&p);
    sources(&p);
    put(&p, "<footer class=\"small\"><p>Made with ratel %s. Premiums are "
            "indications of the plans named; the policy wording decides "
            "what is paid.</p></footer>\n</body></html>\n", ratel_version());
    return p.bad ? -1 : 0;
}
