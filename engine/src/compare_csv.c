/* compare_csv.c - the comparison as CSV for a spreadsheet: a header,
 * then one row per offer and scenario (the PML last), with the offer's
 * decision, premium and gaps on each row (docs/compare.md). */
#include "compare.h"

/* A cell, quoted when it holds a comma, a quote or a line break. */
static void put_cell(buf *b, const char *s, int last)
{
    const char *p;
    if (!s)
        s = "";
    if (s[strcspn(s, ",\"\r\n")]) {
        buf_putc(b, '"');
        for (p = s; *p; p++) {
            if (*p == '"')
                buf_putc(b, '"');
            buf_putc(b, *p);
        }
        buf_putc(b, '"');
    } else {
        buf_puts(b, s);
    }
    buf_puts(b, last ? "\n" : ",");
}

static void put_int(buf *b, int64_t v)
{
    buf_put_i64(b, v);
    buf_putc(b, ',');
}

static void put_row(buf *b, const ratel_comparison *c, const compare_offer *o,
                    size_t s)
{
    const settle_result *r = &o->results[s];
    size_t g;
    buf gaps;
    put_cell(b, o->plan, 0);
    put_cell(b, o->insurer, 0);
    put_cell(b, o->option, 0);
    put_cell(b, o->quote ? ratel_decision_name(ratel_quote_decision(o->quote))
                         : "error", 0);
    if (o->quote)
        put_int(b, ratel_quote_total_premium(o->quote));
    else
        buf_putc(b, ',');
    put_cell(b, c->scenarios[s].id, 0);
    put_int(b, r->total_loss);
    put_int(b, r->total_pays);
    put_int(b, r->total_keeps);
    buf_put_double(b, compare_share_pct(r->total_keeps, c->cash));
    buf_putc(b, ',');
    buf_init(&gaps);
    for (g = 0; g < o->ngaps; g++) {
        buf_puts(&gaps, g ? "; " : "");
        buf_puts(&gaps, o->gaps[g].text);
    }
    if (!o->quote)
        buf_puts(&gaps, o->message);
    put_cell(b, gaps.oom ? "" : buf_cstr(&gaps), 1);
    buf_free(&gaps);
}

void compare_write_csv(const ratel_comparison *c, buf *b)
{
    size_t i, s;
    buf_puts(b, "plan,insurer,option,decision,premium,scenario,loss,"
                "insurer_pays,client_keeps,client_keeps_pct_of_cash,"
                "gaps\n");
    for (i = 0; i < c->noffers; i++)
        for (s = 0; s < c->nscenarios; s++)
            put_row(b, c, &c->offers[i], s);
}
