/* quote_json.c - the quote as JSON: fixed key order, integers for money,
 * shortest round-trip decimals for factors, no locale influence. */
#include <stdlib.h>

#include "quote.h"
#include "terms.h"

/* The quote document's "format_version": raised when a change could trip
 * a reader (a member removed, renamed or retyped; docs/api.md). */
#define QUOTE_FORMAT_VERSION 1

/* One "key":value pair; `sep` (',' or 0) is written first. A NULL string
 * is written as null. Keys are this writer's own literals, plain ASCII
 * names with nothing to escape. */
static void str_field(buf *b, char sep, const char *k, const char *v)
{
    buf_put_json_key(b, sep, k);
    if (v)
        buf_put_json_string(b, v);
    else
        buf_puts(b, "null");
}

static void int_field(buf *b, char sep, const char *k, int64_t v)
{
    buf_put_json_key(b, sep, k);
    buf_put_i64(b, v);
}

static void num_field(buf *b, char sep, const char *k, double v)
{
    buf_put_json_key(b, sep, k);
    buf_put_double(b, v);
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

/* {"name": "text" or integer, ...} in the order the plan first set them. */
static void write_attributes(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '{');
    for (i = 0; i < q->nattrs; i++) {
        const res_attr *a = &q->attrs[i];
        if (a->text != RES_NONE)
            str_field(b, i ? ',' : 0, quote_str(q, a->name),
                      quote_str(q, a->text));
        else
            int_field(b, i ? ',' : 0, quote_str(q, a->name), a->integer);
    }
    buf_putc(b, '}');
}

/* Notes [first, first + n): {"kind"?, "code"? or "level"?, "text"}. */
static void write_notes(const ratel_quote *q, buf *b, size_t first,
                        size_t n)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        const res_reason *r = &q->notes[first + i];
        buf_puts(b, i ? ",{" : "{");
        if (r->kind == RES_REFER || r->kind == RES_DECLINE) {
            str_field(b, 0, "kind",
                      r->kind == RES_DECLINE ? "decline" : "refer");
            str_field(b, ',', "code", quote_str(q, r->code));
        } else if (r->kind == RES_SUBJECTIVITY) {
            str_field(b, 0, "code", quote_str(q, r->code));
        } else {
            int_field(b, 0, "level", r->level);
        }
        str_field(b, ',', "text", quote_str(q, r->text));
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* A coverage's terms priced {"name": value}, and where they differ from
 * those asked [{"term", "asked", "priced", "reason"}]. */
static void write_terms(const ratel_quote *q, buf *b, int cov)
{
    size_t i;
    int n = 0;
    buf_put_json_key(b, ',', "terms");
    buf_putc(b, '{');
    for (i = 0; i < q->nterms; i++)
        if (q->terms[i].coverage == cov) {
            if (n++)
                buf_putc(b, ',');
            buf_put_json_string(b, quote_str(q, q->terms[i].name));
            buf_putc(b, ':');
            buf_put_i64(b, q->terms[i].priced);
        }
    buf_putc(b, '}');
    buf_put_json_key(b, ',', "differences");
    buf_putc(b, '[');
    n = 0;
    for (i = 0; i < q->nterms; i++) {
        const res_term *t = &q->terms[i];
        if (t->coverage != cov || !terms_is_difference(t))
            continue;
        buf_puts(b, n++ ? ",{" : "{");
        str_field(b, 0, "term", quote_str(q, t->name));
        buf_put_json_key(b, ',', "asked");
        if (t->has_asked)
            buf_put_i64(b, t->asked);
        else
            buf_puts(b, "null");
        int_field(b, ',', "priced", t->priced);
        str_field(b, ',', "reason", t->reason != RES_NONE
                                        ? quote_str(q, t->reason)
                                        : "PLAN_TERMS");
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_coverages(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->ncoverages; i++) {
        const res_coverage *c = &q->coverages[i];
        buf_puts(b, i ? ",{" : "{");
        str_field(b, 0, "name", quote_str(q, c->name));
        int_field(b, ',', "limit", c->limit);
        int_field(b, ',', "premium", c->allocated);
        write_terms(q, b, (int)i);
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
        buf_puts(b, i ? ",\n  {" : "\n  {");
        int_field(b, 0, "step", (int64_t)i + 1);
        str_field(b, ',', "coverage",
                  s->coverage == RES_POLICY
                      ? "policy"
                      : quote_str(q, q->coverages[s->coverage].name));
        str_field(b, ',', "label", quote_str(q, s->label));
        str_field(b, ',', "op", res_op_names[s->op]);
        str_field(b, ',', "table", quote_str(q, s->table));
        str_field(b, ',', "key", quote_str(q, s->key));
        num_field(b, ',', "value", s->value);
        num_field(b, ',', "premium", s->premium);
        if (s->override_reason != RES_NONE) {
            buf_put_json_key(b, ',', "override");
            buf_putc(b, '{');
            num_field(b, 0, "calculated", s->calculated);
            str_field(b, ',', "reason", quote_str(q, s->override_reason));
            buf_putc(b, '}');
        }
        buf_putc(b, '}');
    }
    buf_puts(b, q->nsteps ? "\n]" : "]");
}

/* The tables used, in the plan's order (bits of `used`). */
static void write_tables(const quote_meta *m, uint64_t used, buf *b)
{
    size_t i, n = 0;
    buf_putc(b, '[');
    for (i = 0; used; i++, used >>= 1) {
        const qmeta_table *t = &m->tables[i];
        if (!(used & 1u))
            continue;
        buf_puts(b, n++ ? ",{" : "{");
        str_field(b, 0, "name", t->name);
        str_field(b, ',', "version", t->version);
        str_field(b, ',', "effective_from", t->effective);
        str_field(b, ',', "hash", t->hash);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* A list of plain strings. */
static void write_texts(buf *b, const char *const *texts, size_t n)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        buf_put_json_string(b, texts[i]);
    }
    buf_putc(b, ']');
}

static void write_plan(const quote_meta *m, buf *b)
{
    buf_putc(b, '{');
    str_field(b, 0, "id", m->plan_id);
    str_field(b, ',', "version", m->plan_version);
    str_field(b, ',', "insurer", m->plan_insurer);
    str_field(b, ',', "product", m->plan_product);
    str_field(b, ',', "hash", m->plan_hash);
    buf_put_json_key(b, ',', "services");
    write_texts(b, m->lists, m->nservices);
    buf_put_json_key(b, ',', "exclusions");
    write_texts(b, m->lists + m->nservices, m->nexclusions);
    buf_putc(b, '}');
}

/* A group quote's companies: each with its standalone quote, its share
 * of the group premium and what the group saves it. */
static void write_entities(const ratel_quote *q, buf *b)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < q->group.n; i++) {
        const group_member *m = &q->group.m[i];
        int64_t alone = ratel_quote_total_premium(m->standalone);
        buf_puts(b, i ? ",\n{" : "\n{");
        str_field(b, 0, "path", m->path);
        str_field(b, ',', "name", m->name);
        str_field(b, ',', "role", m->role);
        buf_put_json_key(b, ',', "included");
        buf_puts(b, m->excluded ? "false" : "true");
        str_field(b, ',', "exclusion", m->excluded ? m->exclusion : NULL);
        int_field(b, ',', "standalone_premium", alone);
        int_field(b, ',', "share", m->share);
        int_field(b, ',', "saving", m->excluded ? 0 : alone - m->share);
        buf_put_json_key(b, ',', "standalone");
        quote_write_json(m->standalone, b);
        buf_putc(b, '}');
    }
    buf_puts(b, q->group.n ? "\n]" : "]");
}

void quote_write_plan_member(const quote_meta *m, buf *b)
{
    buf_put_json_key(b, 0, "plan");
    write_plan(m, b);
    buf_puts(b, ",\n");
}

void quote_write_tables_member(const quote_meta *m, uint64_t used, buf *b)
{
    buf_put_json_key(b, 0, "tables");
    write_tables(m, used, b);
    buf_puts(b, ",\n");
}

/* Top-level members come one per line, in this fixed order, after the
 * version of the document's format (docs/quote.md; its JSON Schema in
 * docs/schemas-json/quote.schema.json). The "plan" and "tables" lines
 * are left out of a core (cut not NULL), their offsets noted. */
void quote_write_core(const ratel_quote *q, buf *b, quote_cut *cut)
{
    buf_putc(b, '{');
    int_field(b, 0, "format_version", QUOTE_FORMAT_VERSION);
    buf_putc(b, ',');
    str_field(b, '\n', "decision", ratel_decision_name(q->decision));
    buf_putc(b, ',');
    buf_put_json_key(b, '\n', "reasons");
    write_notes(q, b, 0, q->nreasons);
    buf_putc(b, ',');
    buf_put_json_key(b, '\n', "subjectivities");
    write_notes(q, b, q->nreasons, q->nsubjectivities);
    buf_putc(b, ',');
    buf_put_json_key(b, '\n', "authority");
    buf_putc(b, '{');
    int_field(b, 0, "required", q->authority_required);
    int_field(b, ',', "held", q->authority_held);
    buf_put_json_key(b, ',', "reasons");
    write_notes(q, b, q->nreasons + q->nsubjectivities, q->nauthority);
    buf_puts(b, "},");
    int_field(b, '\n', "total_premium", q->total_premium);
    buf_putc(b, ',');
    int_field(b, '\n', "calculated_premium", q->calculated_premium);
    buf_putc(b, ',');
    str_field(b, '\n', "currency", quote_str(q, q->currency));
    buf_putc(b, ',');
    str_field(b, '\n', "applicant", quote_str(q, q->applicant));
    buf_putc(b, ',');
    str_field(b, '\n', "effective_date", quote_str(q, q->effective_date));
    buf_puts(b, ",\n");
    if (cut)
        cut->plan_at = b->len;
    else
        quote_write_plan_member(q->meta, b);
    buf_put_json_key(b, 0, "coverages");
    write_coverages(q, b);
    buf_puts(b, ",\n");
    if (cut)
        cut->tables_at = b->len;
    else
        quote_write_tables_member(q->meta, q->tables_used, b);
    buf_put_json_key(b, 0, "warnings");
    write_strings(q, b, q->warnings, 0, q->nwarnings);
    buf_putc(b, ',');
    if (q->nattrs) {
        buf_put_json_key(b, '\n', "attributes");
        write_attributes(q, b);
        buf_putc(b, ',');
    }
    if (q->group.n) {
        str_field(b, '\n', "group_allocation",
                  group_rule_names[q->group.rule]);
        buf_putc(b, ',');
        buf_put_json_key(b, '\n', "entities");
        write_entities(q, b);
        buf_putc(b, ',');
    }
    buf_put_json_key(b, '\n', "worksheet");
    write_worksheet(q, b);
    buf_putc(b, '}');
}

void quote_write_json(const ratel_quote *q, buf *b)
{
    quote_write_core(q, b, NULL);
}

int ratel_quote_json(const ratel_quote *q, char **out, size_t *len)
{
    buf b;
    if (out)
        *out = NULL;
    if (!q || !out)
        return RATEL_EARG;
    buf_init(&b);
    quote_write_json(q, &b); /* numbers written without the locale */
    if (b.oom) {
        buf_free(&b);
        return RATEL_ENOMEM;
    }
    if (len)
        *len = b.len;
    *out = buf_take(&b);
    return *out ? RATEL_OK : RATEL_ENOMEM;
}
