/* compare_json.c - the comparison as one JSON document with
 * "format_version" (docs/compare.md, "The JSON document"): members in a
 * fixed order, one top-level member or offer per line, each offer's
 * quote as the quote writer writes it. */
#include "compare.h"

#include "quote.h"

#define COMPARE_FORMAT_VERSION 1

static void put_scenario(buf *b, const compare_scenario *s)
{
    int c, first = 1;
    buf_put_json_key(b, '{', "id");
    buf_put_json_string(b, s->id);
    buf_put_json_key(b, ',', "name");
    buf_put_json_string(b, s->name);
    buf_put_json_key(b, ',', "source");
    if (s->source)
        buf_put_json_string(b, s->source);
    else
        buf_puts(b, "null");
    buf_put_json_key(b, ',', "kind");
    buf_put_json_string(b, s->is_pml ? "pml" : scenario_kind_names[s->kind]);
    buf_put_json_key(b, ',', "loss");
    buf_put_i64(b, s->loss.total);
    buf_put_json_key(b, ',', "records");
    buf_put_i64(b, s->loss.records);
    buf_put_json_key(b, ',', "jnsa_per_person");
    buf_put_i64(b, s->loss.per_person);
    buf_put_json_key(b, ',', "outage_hours");
    buf_put_i64(b, s->loss.loss.outage_hours);
    buf_put_json_key(b, ',', "categories");
    buf_putc(b, '{');
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        if (s->loss.loss.amount[c] == 0)
            continue;
        buf_put_json_key(b, first ? 0 : ',', settle_categories[c].id);
        buf_put_i64(b, s->loss.loss.amount[c]);
        first = 0;
    }
    buf_puts(b, "}}");
}

static void put_settlement(buf *b, const ratel_comparison *cmp,
                           const compare_scenario *s, const settle_result *r)
{
    int c, k, first = 1;
    buf_put_json_key(b, '{', "scenario");
    buf_put_json_string(b, s->id);
    buf_put_json_key(b, ',', "loss");
    buf_put_i64(b, r->total_loss);
    buf_put_json_key(b, ',', "insurer_pays");
    buf_put_i64(b, r->total_pays);
    buf_put_json_key(b, ',', "client_keeps");
    buf_put_i64(b, r->total_keeps);
    buf_put_json_key(b, ',', "client_keeps_pct_of_cash");
    buf_put_double(b, compare_share_pct(r->total_keeps, cmp->cash));
    buf_put_json_key(b, ',', "categories");
    buf_putc(b, '[');
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        if (r->loss[c] == 0)
            continue;
        buf_puts(b, first ? "{\"category\":" : ",{\"category\":");
        first = 0;
        buf_put_json_string(b, settle_categories[c].id);
        buf_put_json_key(b, ',', "loss");
        buf_put_i64(b, r->loss[c]);
        buf_put_json_key(b, ',', "insurer_pays");
        buf_put_i64(b, r->pays[c]);
        buf_put_json_key(b, ',', "client_keeps");
        buf_put_i64(b, r->keeps[c]);
        buf_put_json_key(b, ',', "kept_because");
        for (k = 0; k < SETTLE_NSTAGES; k++) {
            buf_put_json_key(b, k ? ',' : '{', settle_stage_names[k]);
            buf_put_i64(b, r->kept_by[c][k]);
        }
        buf_puts(b, "}}");
    }
    buf_puts(b, "]}");
}

static void put_offer(buf *b, const ratel_comparison *c,
                      const compare_offer *o)
{
    size_t i;
    buf_put_json_key(b, '{', "plan");
    buf_put_json_string(b, o->plan);
    buf_put_json_key(b, ',', "insurer");
    buf_put_json_string(b, o->insurer);
    buf_put_json_key(b, ',', "product");
    buf_put_json_string(b, o->product);
    buf_put_json_key(b, ',', "option");
    if (o->option)
        buf_put_json_string(b, o->option);
    else
        buf_puts(b, "null");
    buf_put_json_key(b, ',', "decision");
    if (o->quote) {
        buf_put_json_string(b,
                            ratel_decision_name(ratel_quote_decision(o->quote)));
        buf_put_json_key(b, ',', "premium");
        buf_put_i64(b, ratel_quote_total_premium(o->quote));
        buf_puts(b, ",\"error\":null");
    } else {
        buf_puts(b, "null,\"premium\":null,\"error\":");
        buf_put_json_key(b, '{', "code");
        buf_put_i64(b, o->error);
        buf_put_json_key(b, ',', "message");
        buf_put_json_string(b, o->message ? o->message : "");
        buf_putc(b, '}');
    }
    buf_put_json_key(b, ',', "gaps");
    buf_putc(b, '[');
    for (i = 0; i < o->ngaps; i++) {
        buf_puts(b, i ? ",{\"code\":" : "{\"code\":");
        buf_put_json_string(b, o->gaps[i].code);
        buf_put_json_key(b, ',', "text");
        buf_put_json_string(b, o->gaps[i].text);
        buf_putc(b, '}');
    }
    buf_puts(b, "],\"shortfalls\":[");
    for (i = 0; i < o->nshortfalls; i++) {
        const compare_shortfall *f = &o->shortfalls[i];
        buf_puts(b, i ? ",{\"part\":" : "{\"part\":");
        if (f->part[0])
            buf_put_json_string(b, f->part);
        else
            buf_puts(b, "null");
        buf_put_json_key(b, ',', "pml");
        buf_put_i64(b, f->pml);
        buf_put_json_key(b, ',', "pays");
        buf_put_i64(b, f->pays);
        buf_put_json_key(b, ',', "shortfall");
        buf_put_i64(b, f->shortfall);
        buf_put_json_key(b, ',', "text");
        buf_put_json_string(b, f->text);
        buf_putc(b, '}');
    }
    buf_puts(b, "],\"scenarios\":[");
    for (i = 0; i < c->nscenarios; i++) {
        if (i)
            buf_putc(b, ',');
        put_settlement(b, c, &c->scenarios[i], &o->results[i]);
    }
    buf_puts(b, "],\"quote\":");
    if (o->quote)
        quote_write_json(o->quote, b);
    else
        buf_puts(b, "null");
    buf_putc(b, '}');
}

void compare_write_json(const ratel_comparison *c, buf *b)
{
    size_t i;
    int k;
    buf_printf(b, "{\"format_version\":%d,\n\"applicant\":",
               COMPARE_FORMAT_VERSION);
    buf_put_json_string(b, c->applicant);
    buf_puts(b, ",\n\"effective_date\":");
    buf_put_json_string(b, c->effective_date);
    buf_puts(b, ",\n\"currency\":");
    buf_put_json_string(b, c->currency);
    buf_puts(b, ",\n\"exposure\":");
    buf_put_json_key(b, '{', "revenue");
    buf_put_i64(b, c->exposure.revenue);
    buf_put_json_key(b, ',', "personal_records");
    buf_put_i64(b, c->exposure.records);
    buf_put_json_key(b, ',', "employees");
    buf_put_i64(b, c->exposure.employees);
    buf_put_json_key(b, ',', "companies");
    buf_put_i64(b, (int64_t)c->exposure.companies);
    buf_puts(b, "},\n\"cash_months\":");
    buf_put_i64(b, c->cash_months);
    buf_puts(b, ",\n\"cash\":");
    buf_put_i64(b, c->cash);
    buf_puts(b, ",\n\"categories\":[");
    for (k = 0; k < SETTLE_NCATEGORIES; k++) {
        buf_puts(b, k ? ",{\"id\":" : "{\"id\":");
        buf_put_json_string(b, settle_categories[k].id);
        buf_put_json_key(b, ',', "label");
        buf_put_json_string(b, settle_categories[k].label);
        buf_putc(b, '}');
    }
    buf_puts(b, "],\n\"scenarios\":[");
    for (i = 0; i < c->nscenarios; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        put_scenario(b, &c->scenarios[i]);
    }
    buf_puts(b, "\n],\n\"offers\":[");
    for (i = 0; i < c->noffers; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        put_offer(b, c, &c->offers[i]);
    }
    buf_puts(b, "\n],\n\"questions\":[");
    for (k = 0; k < COMPARE_NQUESTIONS; k++) {
        const compare_question *q = &c->questions[k];
        buf_puts(b, k ? ",\n{\"number\":" : "\n{\"number\":");
        buf_put_i64(b, q->number);
        buf_put_json_key(b, ',', "question");
        buf_put_json_string(b, q->question);
        buf_put_json_key(b, ',', "answer");
        buf_put_json_string(b, q->answer);
        buf_put_json_key(b, ',', "why");
        buf_put_json_string(b, q->why);
        buf_putc(b, '}');
    }
    buf_puts(b, "\n],\n\"advice\":");
    buf_put_json_string(b, c->advice);
    buf_puts(b, "}");
}
