/* journal_diff.c - where two quote JSON texts differ, said in one line:
 * the first worksheet step that differs (its coverage, label, values and
 * premiums on both sides), then the first member that differs
 * ("total_premium: 148950 -> 150000"), the plan's and tables' citations
 * only when nothing else differs. A quote's JSON has one member a line
 * and one worksheet step a line (docs/quote.md). */
#include <stdlib.h>
#include <string.h>

#include "journal_replay.h"
#include "jtree.h"

#define SHOWN 80        /* bytes of a value shown */
#define STEP_PREFIX "  {\"step\":"

typedef struct line {
    const char *s;
    size_t n;
} line;

/* The lines of text: steps into steps[], the others into members[]
 * (arrays of at most `cap`). */
static void split(const char *text, size_t len, line *members, size_t *nm,
                  line *steps, size_t *ns, size_t cap)
{
    const char *p = text, *end = text + len;
    *nm = *ns = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int step = n >= sizeof STEP_PREFIX - 1 &&
                   memcmp(p, STEP_PREFIX, sizeof STEP_PREFIX - 1) == 0;
        line *v = step ? steps : members;
        size_t *k = step ? ns : nm;
        if (*k < cap) {
            v[*k].s = p;
            v[(*k)++].n = n;
        }
        p = nl ? nl + 1 : end;
    }
}

/* The line breaks in text. */
static size_t lines(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    size_t n = 0;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        n++;
        p++;
    }
    return n;
}

static int same(const line *a, const line *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* n cut to at most SHOWN bytes at a UTF-8 character boundary. */
static int shown(const char *s, size_t n)
{
    if (n <= SHOWN)
        return (int)n;
    n = SHOWN;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

typedef struct step_line {
    int64_t step;
    const char *coverage, *label;
    const jt_node *value, *premium;
} step_line;

/* A worksheet step line ("  {\"step\":N,...},") read into *out. */
static jt_doc *read_step(const line *l, step_line *out)
{
    char msg[8];
    jt_doc *doc = NULL;
    const jt_node *r, *x;
    size_t n = l->n;
    if (n >= 2 && l->s[n - 1] == ',')
        n--;
    if (jt_parse(&doc, l->s, n, msg, sizeof msg) != 0)
        return NULL;
    r = jt_root(doc);
    if (r->kind != JT_OBJECT || !(x = jt_get(r, "step")) ||
        x->kind != JT_INT) {
        jt_free(doc);
        return NULL;
    }
    out->step = x->i;
    x = jt_get(r, "coverage");
    out->coverage = x && x->kind == JT_STRING ? x->text : "?";
    x = jt_get(r, "label");
    out->label = x && x->kind == JT_STRING ? x->text : "?";
    out->value = jt_get(r, "value");
    out->premium = jt_get(r, "premium");
    return doc;
}

static void put_number(buf *out, const jt_node *x)
{
    if (x && (x->kind == JT_INT || x->kind == JT_FLOAT))
        buf_put(out, x->text, x->len);
    else
        buf_putc(out, '?');
}

/* Step k differs (either may be missing: NULL). */
static void step_diff(const line *a, const line *b, size_t k, buf *out,
                      size_t *step)
{
    step_line x, y;
    jt_doc *da = a ? read_step(a, &x) : NULL, *db = b ? read_step(b, &y) : NULL;
    *step = k + 1;
    if (!da || !db) {
        const line *l = a ? a : b;
        buf_printf(out, "step %zu only in the %s quote: %.*s", k + 1,
                   a ? "recorded" : "replayed", shown(l->s, l->n), l->s);
    } else {
        buf_printf(out, "step %zu %s \"%s\"", k + 1, x.coverage, x.label);
        if (strcmp(x.label, y.label) != 0 || strcmp(x.coverage, y.coverage))
            buf_printf(out, " -> %s \"%s\"", y.coverage, y.label);
        buf_puts(out, ": value ");
        put_number(out, x.value);
        buf_puts(out, " -> ");
        put_number(out, y.value);
        buf_puts(out, ", premium ");
        put_number(out, x.premium);
        buf_puts(out, " -> ");
        put_number(out, y.premium);
    }
    jt_free(da);
    jt_free(db);
}

/* A member line "\"name\":value," as name and value. */
static void member(const line *l, line *name, line *value)
{
    const char *s = l->s, *q = l->n > 1 && s[0] == '"'
                                   ? memchr(s + 1, '"', l->n - 1)
                                   : NULL;
    if (!q || q + 1 >= s + l->n || q[1] != ':') {
        name->s = "line";
        name->n = 4;
        *value = *l;
        return;
    }
    name->s = s + 1;
    name->n = (size_t)(q - s - 1);
    value->s = q + 2;
    value->n = l->n - (size_t)(q + 2 - s);
    if (value->n > 0 && value->s[value->n - 1] == ',')
        value->n--;
}

static int is_citation(const line *l)
{
    return (l->n >= 7 && memcmp(l->s, "\"plan\":", 7) == 0) ||
           (l->n >= 9 && memcmp(l->s, "\"tables\":", 9) == 0);
}

/* The first differing member, citations of the plan and tables last,
 * after what out holds ("; " between). */
static void member_diff(const line *ma, size_t na, const line *mb, size_t nb,
                        buf *out)
{
    size_t k, n = na < nb ? na : nb, first = n;
    line name, va, vb;
    for (k = 0; k < n; k++)
        if (!same(&ma[k], &mb[k])) {
            if (first == n)
                first = k;
            if (!is_citation(&ma[k]))
                break;
        }
    if (k == n)
        k = first;
    if (k == n) {
        if (na != nb)
            buf_printf(out, "%sthe %s quote has more members",
                       out->len ? "; " : "", na > nb ? "recorded" : "replayed");
        return;
    }
    member(&ma[k], &name, &va);
    member(&mb[k], &name, &vb);
    buf_printf(out, "%s%.*s: %.*s -> %.*s", out->len ? "; " : "",
               (int)name.n, name.s,
               shown(va.s, va.n), va.s, shown(vb.s, vb.n), vb.s);
}

void journal_diff(const char *a, size_t alen, const char *b, size_t blen,
                  buf *out, size_t *step)
{
    size_t cap = 1 + lines(a, alen) + lines(b, blen), na, nb, sa, sb, k;
    line *v = malloc(4 * cap * sizeof *v);
    buf_reset(out);
    *step = 0;
    if (!v) {
        buf_puts(out, "the quotes differ");
        return;
    }
    split(a, alen, v, &na, v + cap, &sa, cap);
    split(b, blen, v + 2 * cap, &nb, v + 3 * cap, &sb, cap);
    for (k = 0; k < sa && k < sb && same(&v[cap + k], &v[3 * cap + k]); k++)
        ;
    if (k < sa || k < sb)
        step_diff(k < sa ? &v[cap + k] : NULL, k < sb ? &v[3 * cap + k] : NULL,
                  k, out, step);
    member_diff(v, na, v + 2 * cap, nb, out);
    buf_cstr(out);
    free(v);
}
