/* quote_json.c - the quote as JSON: fixed key order, integers for money,
 * shortest round-trip decimals for factors, no locale influence. */
#include <locale.h>
#include <stdlib.h>

#include "quote.h"

static void key(buf *b, const char *k)
{
    buf_put_json_string(b, k);
    buf_putc(b, ':');
}

static void str_or_null(buf *b, const char *s)
{
    if (s)
        buf_put_json_string(b, s);
    else
        buf_puts(b, "null");
}

/* A list of arena strings: offs[first .. first + n). */
static void write_strings(const ratel_quote *q, buf *b, const uint32_t *offs,
                          size_t first, size_t n)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        buf_put_json_string(b, quote_str(q, offs[first + i]));
    }
    buf_putc(b, ']');
}

static void write_reasons(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->nreasons; i++) {
        const res_reason *r = &q->notes[i];
        if (i)
            buf_putc(b, ',');
        buf_putc(b, '{');
        key(b, "kind");
        buf_puts(b, r->kind == RES_DECLINE ? "\"decline\"" : "\"refer\"");
        buf_putc(b, ',');
        key(b, "code");
        buf_put_json_string(b, quote_str(q, r->code));
        buf_putc(b, ',');
        key(b, "text");
        buf_put_json_string(b, quote_str(q, r->text));
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_subjectivities(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->nsubjectivities; i++) {
        const res_reason *r = &q->notes[q->nreasons + i];
        if (i)
            buf_putc(b, ',');
        buf_putc(b, '{');
        key(b, "code");
        buf_put_json_string(b, quote_str(q, r->code));
        buf_putc(b, ',');
        key(b, "text");
        buf_put_json_string(b, quote_str(q, r->text));
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_authority(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '{');
    key(b, "required");
    buf_put_i64(b, q->authority_required);
    buf_putc(b, ',');
    key(b, "held");
    buf_put_i64(b, q->authority_held);
    buf_putc(b, ',');
    key(b, "reasons");
    buf_putc(b, '[');
    for (i = 0; i < q->nauthority; i++) {
        const res_reason *r = &q->notes[q->nreasons + q->nsubjectivities + i];
        if (i)
            buf_putc(b, ',');
        buf_putc(b, '{');
        key(b, "level");
        buf_put_i64(b, r->level);
        buf_putc(b, ',');
        key(b, "text");
        buf_put_json_string(b, quote_str(q, r->text));
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

static void write_coverages(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->ncoverages; i++) {
        const res_coverage *c = &q->coverages[i];
        if (i)
            buf_putc(b, ',');
        buf_putc(b, '{');
        key(b, "name");
        buf_put_json_string(b, quote_str(q, c->name));
        buf_putc(b, ',');
        key(b, "limit");
        buf_put_i64(b, c->limit);
        buf_putc(b, ',');
        key(b, "premium");
        buf_put_i64(b, c->allocated);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_worksheet(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->nsteps; i++) {
        const res_step *s = &q->steps[i];
        if (i)
            buf_putc(b, ',');
        buf_puts(b, "\n  {");
        key(b, "step");
        buf_put_i64(b, (int64_t)i + 1);
        buf_putc(b, ',');
        key(b, "coverage");
        buf_put_json_string(b, s->coverage == RES_POLICY
                                   ? "policy"
                                   : quote_str(q, q->coverages[s->coverage].name));
        buf_putc(b, ',');
        key(b, "label");
        buf_put_json_string(b, quote_str(q, s->label));
        buf_putc(b, ',');
        key(b, "op");
        buf_put_json_string(b, res_op_names[s->op]);
        buf_putc(b, ',');
        key(b, "table");
        str_or_null(b, quote_str(q, s->table));
        buf_putc(b, ',');
        key(b, "key");
        str_or_null(b, quote_str(q, s->key));
        buf_putc(b, ',');
        key(b, "value");
        buf_put_double(b, s->value);
        buf_putc(b, ',');
        key(b, "premium");
        buf_put_double(b, s->premium);
        if (s->override_reason != RES_NONE) {
            buf_putc(b, ',');
            key(b, "override");
            buf_putc(b, '{');
            key(b, "calculated");
            buf_put_double(b, s->calculated);
            buf_putc(b, ',');
            key(b, "reason");
            buf_put_json_string(b, quote_str(q, s->override_reason));
            buf_putc(b, '}');
        }
        buf_putc(b, '}');
    }
    buf_puts(b, q->nsteps ? "\n]" : "]");
}

static void write_tables(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->ntables; i++) {
        if (i)
            buf_putc(b, ',');
        buf_putc(b, '{');
        key(b, "name");
        buf_put_json_string(b, quote_str(q, q->tables[i].name));
        buf_putc(b, ',');
        key(b, "version");
        buf_put_json_string(b, quote_str(q, q->tables[i].version));
        buf_putc(b, ',');
        key(b, "effective_from");
        buf_put_json_string(b, quote_str(q, q->tables[i].effective));
        buf_putc(b, ',');
        key(b, "hash");
        buf_put_json_string(b, quote_str(q, q->tables[i].hash));
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

void quote_write_json(const ratel_quote *q, buf *b)
{
    buf_putc(b, '{');
    key(b, "decision");
    buf_put_json_string(b, ratel_decision_name(q->decision));
    buf_puts(b, ",\n");
    key(b, "reasons");
    write_reasons(q, b);
    buf_puts(b, ",\n");
    key(b, "subjectivities");
    write_subjectivities(q, b);
    buf_puts(b, ",\n");
    key(b, "authority");
    write_authority(q, b);
    buf_puts(b, ",\n");
    key(b, "total_premium");
    buf_put_i64(b, q->total_premium);
    buf_puts(b, ",\n");
    key(b, "calculated_premium");
    buf_put_i64(b, q->calculated_premium);
    buf_puts(b, ",\n");
    key(b, "currency");
    buf_puts(b, "\"JPY\",\n");
    key(b, "applicant");
    buf_put_json_string(b, quote_str(q, q->applicant));
    buf_puts(b, ",\n");
    key(b, "effective_date");
    buf_put_json_string(b, quote_str(q, q->effective_date));
    buf_puts(b, ",\n");
    key(b, "plan");
    buf_putc(b, '{');
    key(b, "id");
    buf_put_json_string(b, quote_str(q, q->plan_id));
    buf_putc(b, ',');
    key(b, "version");
    buf_put_json_string(b, quote_str(q, q->plan_version));
    buf_putc(b, ',');
    key(b, "insurer");
    buf_put_json_string(b, quote_str(q, q->plan_insurer));
    buf_putc(b, ',');
    key(b, "product");
    buf_put_json_string(b, quote_str(q, q->plan_product));
    buf_putc(b, ',');
    key(b, "hash");
    buf_put_json_string(b, quote_str(q, q->plan_hash));
    buf_putc(b, ',');
    key(b, "services");
    write_strings(q, b, q->plan_lists, 0, q->nservices);
    buf_putc(b, ',');
    key(b, "exclusions");
    write_strings(q, b, q->plan_lists, q->nservices, q->nexclusions);
    buf_puts(b, "},\n");
    key(b, "coverages");
    write_coverages(q, b);
    buf_puts(b, ",\n");
    key(b, "tables");
    write_tables(q, b);
    buf_puts(b, ",\n");
    key(b, "warnings");
    write_strings(q, b, q->warnings, 0, q->nwarnings);
    buf_puts(b, ",\n");
    key(b, "worksheet");
    write_worksheet(q, b);
    buf_puts(b, "}");
}

const char *ratel_quote_json(const ratel_quote *cq, size_t *len)
{
    ratel_quote *q = (ratel_quote *)cq; /* the text is cached on first use */
    if (!q)
        return NULL;
    if (!q->json) {
        locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
        locale_t old = c ? uselocale(c) : (locale_t)0;
        buf b;
        buf_init(&b);
        quote_write_json(q, &b);
        if (c) {
            uselocale(old);
            freelocale(c);
        }
        q->json_len = b.len;
        q->json = buf_take(&b);
        if (!q->json)
            return NULL;
    }
    if (len)
        *len = q->json_len;
    return q->json;
}
