/* journal_diff.c - where two quote JSON texts first differ, said in one
 * line: the worksheet step (its coverage, label, values and premiums on
 * both sides), or the member ("total_premium: 148950 -> 150000"). A
 * quote's JSON has one member a line and one worksheet step a line
 * (docs/quote.md), so the first differing line tells which. */
#include <stdio.h>
#include <string.h>

#include "journal_replay.h"
#include "jtree.h"

#define SHOWN 80 /* bytes of a value shown */

/* Line k of text (len bytes): its start and length without '\n';
 * -1 when there is none. */
static int line_at(const char *text, size_t len, size_t k, const char **s,
                   size_t *n)
{
    const char *p = text, *end = text + len, *nl;
    for (; k > 0; k--) {
        if (!(nl = memchr(p, '\n', (size_t)(end - p))))
            return -1;
        p = nl + 1;
    }
    if (p > end || (p == end && len > 0 && end[-1] == '\n'))
        return -1;
    nl = memchr(p, '\n', (size_t)(end - p));
    *s = p;
    *n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    return 0;
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
static jt_doc *read_step(const char *s, size_t n, step_line *out)
{
    char msg[8];
    jt_doc *doc = NULL;
    const jt_node *r, *x;
    if (n >= 2 && s[n - 1] == ',')
        n--;
    if (jt_parse(&doc, s, n, msg, sizeof msg) != 0)
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

/* Both lines are steps: says how they differ. 0, or -1 when either is
 * not a step line. */
static int step_diff(const char *a, size_t an, const char *b, size_t bn,
                     buf *out, size_t *step)
{
    step_line x, y;
    jt_doc *da = read_step(a, an, &x), *db = da ? read_step(b, bn, &y) : NULL;
    if (!da || !db) {
        jt_free(da);
        return -1;
    }
    *step = x.step > 0 ? (size_t)x.step : 0;
    buf_printf(out, "step %lld %s \"%s\"", (long long)x.step, x.coverage,
               x.label);
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
    jt_free(da);
    jt_free(db);
    return 0;
}

/* A member line "\"name\":value," as name and value. */
static void member(const char *s, size_t n, const char **name,
                   size_t *name_len, const char **value, size_t *value_len)
{
    const char *q = n > 1 && s[0] == '"' ? memchr(s + 1, '"', n - 1) : NULL;
    if (!q || q + 1 >= s + n || q[1] != ':') {
        *name = "line";
        *name_len = 4;
        *value = s;
        *value_len = n;
        return;
    }
    *name = s + 1;
    *name_len = (size_t)(q - s - 1);
    *value = q + 2;
    *value_len = n - (size_t)(q + 2 - s);
    if (*value_len > 0 && (*value)[*value_len - 1] == ',')
        (*value_len)--;
}

void journal_diff(const char *a, size_t alen, const char *b, size_t blen,
                  buf *out, size_t *step)
{
    const char *la = NULL, *lb = NULL, *name, *va, *vb, *unused;
    size_t na = 0, nb = 0, name_len, va_len, vb_len, k, unused_len;
    int ha, hb;
    buf_reset(out);
    *step = 0;
    for (k = 0;; k++) {
        ha = line_at(a, alen, k, &la, &na) == 0;
        hb = line_at(b, blen, k, &lb, &nb) == 0;
        if (!ha || !hb || na != nb || memcmp(la, lb, na) != 0)
            break;
    }
    if (!ha && !hb)
        return; /* the same */
    if (!ha || !hb) {
        buf_printf(out, "the %s quote has more lines: %.*s",
                   ha ? "recorded" : "replayed", shown(ha ? la : lb,
                                                       ha ? na : nb),
                   ha ? la : lb);
        return;
    }
    if (strncmp(la, "  {\"step\":", 10) == 0 &&
        strncmp(lb, "  {\"step\":", 10) == 0 &&
        step_diff(la, na, lb, nb, out, step) == 0)
        return;
    member(la, na, &name, &name_len, &va, &va_len);
    member(lb, nb, &unused, &unused_len, &vb, &vb_len);
    buf_printf(out, "%.*s: %.*s -> %.*s", (int)name_len, name,
               shown(va, va_len), va, shown(vb, vb_len), vb);
}
