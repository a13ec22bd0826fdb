/* plantest_expect.c - the "expect" object of a plan test case: its shape
 * is checked before rating (a misspelt expectation must not pass
 * silently), then the quote is compared with it, one report line per
 * difference. Part of the declaration room (see plantest.h). */
#include "plantest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PT_MAX_CODES 256

static const char *const expect_keys[] = {
    "decision", "total_premium", "reasons", "subjectivities", "authority",
    "warnings", "steps", "attributes"};

static void check_codes(pt_check *ck, yajl_val v, const char *name)
{
    char path[64], p[96];
    size_t i;
    snprintf(path, sizeof path, "$.expect.%s", name);
    if (!YAJL_IS_ARRAY(v)) {
        pt_bad(ck, path, "expected an array of codes");
        return;
    }
    if (v->u.array.len > PT_MAX_CODES)
        pt_bad(ck, path, "more than %d codes", PT_MAX_CODES);
    for (i = 0; i < v->u.array.len; i++) {
        if (YAJL_IS_STRING(v->u.array.values[i]))
            continue;
        pt_path_index(p, sizeof p, path, i);
        pt_bad(ck, p, "expected a code (a string)");
    }
}

static void check_count(pt_check *ck, yajl_val v, const char *name,
                        long long max)
{
    char path[64];
    snprintf(path, sizeof path, "$.expect.%s", name);
    if (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 0 ||
        YAJL_GET_INTEGER(v) > max)
        pt_bad(ck, path, "expected an integer 0..%lld", max);
}

/* "attributes": {name: text or integer, ...} */
static void check_attributes(pt_check *ck, yajl_val v)
{
    char p[256];
    size_t i;
    if (!YAJL_IS_OBJECT(v)) {
        pt_bad(ck, "$.expect.attributes", "expected an object: attribute "
               "name -> text or integer");
        return;
    }
    for (i = 0; i < v->u.object.len; i++) {
        yajl_val a = v->u.object.values[i];
        if (YAJL_IS_STRING(a) || YAJL_IS_INTEGER(a))
            continue;
        pt_path_key(p, sizeof p, "$.expect.attributes", v->u.object.keys[i]);
        pt_bad(ck, p, "expected a text or an integer (the attribute's "
               "value)");
    }
}

void pt_expect_check(pt_check *ck, yajl_val x)
{
    yajl_val v;
    size_t i;
    char p[256];
    if (!YAJL_IS_OBJECT(x)) {
        pt_bad(ck, "$.expect", x ? "expected an object" : "required; "
               "expected an object of expectations");
        return;
    }
    pt_known_keys(ck, x, "$.expect", expect_keys,
                  sizeof expect_keys / sizeof *expect_keys, "expectation");
    if ((v = pt_member(x, "decision")) &&
        (!YAJL_IS_STRING(v) || (strcmp(v->u.string, "quoted") != 0 &&
                                strcmp(v->u.string, "referred") != 0 &&
                                strcmp(v->u.string, "declined") != 0)))
        pt_bad(ck, "$.expect.decision", "expected quoted, referred or "
               "declined");
    if ((v = pt_member(x, "total_premium")))
        check_count(ck, v, "total_premium", (long long)RATEL_MONEY_MAX);
    if ((v = pt_member(x, "reasons")))
        check_codes(ck, v, "reasons");
    if ((v = pt_member(x, "subjectivities")))
        check_codes(ck, v, "subjectivities");
    if ((v = pt_member(x, "authority")))
        check_count(ck, v, "authority", 9);
    if ((v = pt_member(x, "warnings")))
        check_count(ck, v, "warnings", 100000);
    if ((v = pt_member(x, "attributes")))
        check_attributes(ck, v);
    if (!(v = pt_member(x, "steps")))
        return;
    if (!YAJL_IS_OBJECT(v)) {
        pt_bad(ck, "$.expect.steps", "expected an object: step label -> "
               "value");
        return;
    }
    for (i = 0; i < v->u.object.len; i++) {
        if (YAJL_IS_NUMBER(v->u.object.values[i]))
            continue;
        pt_path_key(p, sizeof p, "$.expect.steps", v->u.object.keys[i]);
        pt_bad(ck, p, "expected a number (the step's value)");
    }
}

/* ---- comparison ------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts and de-duplicates codes; returns the count. */
static size_t uniq(const char **codes, size_t n)
{
    size_t i, out = 0;
    qsort(codes, n, sizeof *codes, cmp_str);
    for (i = 0; i < n; i++)
        if (out == 0 || strcmp(codes[out - 1], codes[i]) != 0)
            codes[out++] = codes[i];
    return out;
}

static void put_set(buf *b, const char **codes, size_t n)
{
    size_t i;
    buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ' ');
        buf_puts(b, codes[i]);
    }
    buf_putc(b, ']');
}

/* Compares the set of codes got[0..ngot) with the JSON array want (NULL:
 * none expected). */
static int compare_codes(buf *r, const char *what, const char **got,
                         size_t ngot, yajl_val want)
{
    const char *exp[PT_MAX_CODES];
    size_t nexp = 0, i;
    int same;
    for (i = 0; want && i < want->u.array.len && nexp < PT_MAX_CODES; i++)
        exp[nexp++] = YAJL_GET_STRING(want->u.array.values[i]);
    ngot = uniq(got, ngot);
    nexp = uniq(exp, nexp);
    same = ngot == nexp;
    for (i = 0; same && i < ngot; i++)
        same = strcmp(got[i], exp[i]) == 0;
    if (same)
        return 0;
    buf_printf(r, "%s: expected ", what);
    put_set(r, exp, nexp);
    buf_puts(r, ", got ");
    put_set(r, got, ngot);
    buf_putc(r, '\n');
    return 1;
}

/* The codes of q's reasons (subj = 0) or subjectivities (subj = 1). */
static size_t quote_codes(const ratel_quote *q, int subj, const char **out)
{
    size_t i, k = 0;
    size_t n = subj ? ratel_quote_subjectivity_count(q)
                    : ratel_quote_reason_count(q);
    for (i = 0; i < n && k < PT_MAX_CODES; i++) {
        ratel_reason x;
        if ((subj ? ratel_quote_subjectivity(q, i, &x)
                  : ratel_quote_reason(q, i, &x)) == RATEL_OK)
            out[k++] = x.code;
    }
    return k;
}

static int close_enough(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-9 * scale || fabs(a - b) < 1e-12;
}

/* A step key is the exact label (the first step with that label), or
 * "coverage|label" for the step of that coverage. */
static int find_step(const ratel_quote *q, const char *key, ratel_step *out)
{
    const char *bar = strchr(key, '|');
    size_t i, n = ratel_quote_step_count(q);
    size_t clen = bar ? (size_t)(bar - key) : 0;
    for (i = 0; i < n; i++) {
        ratel_step s;
        if (ratel_quote_step(q, i, &s) != RATEL_OK)
            continue;
        if (bar ? strlen(s.coverage) == clen &&
                      strncmp(s.coverage, key, clen) == 0 &&
                      strcmp(s.label, bar + 1) == 0
                : strcmp(s.label, key) == 0) {
            *out = s;
            return 1;
        }
    }
    return 0;
}

static int compare_steps(buf *r, const ratel_quote *q, yajl_val steps)
{
    size_t i;
    int n = 0;
    for (i = 0; steps && i < steps->u.object.len; i++) {
        const char *label = steps->u.object.keys[i];
        double want = YAJL_GET_DOUBLE(steps->u.object.values[i]);
        ratel_step s;
        if (!find_step(q, label, &s)) {
            buf_printf(r, "step \"%s\": expected ", label);
            buf_put_double(r, want);
            buf_puts(r, ", not on the worksheet\n");
        } else if (!close_enough(s.value, want)) {
            buf_printf(r, "step \"%s\": expected ", label);
            buf_put_double(r, want);
            buf_puts(r, ", got ");
            buf_put_double(r, s.value);
            buf_putc(r, '\n');
        } else {
            continue;
        }
        n++;
    }
    return n;
}

static int compare_warnings(buf *r, const ratel_quote *q, yajl_val want)
{
    size_t i, n = ratel_quote_warning_count(q);
    if (!want || (size_t)YAJL_GET_INTEGER(want) == n)
        return 0;
    buf_printf(r, "warnings: expected %lld, got %zu\n",
               (long long)YAJL_GET_INTEGER(want), n);
    for (i = 0; i < n; i++)
        buf_printf(r, "  warning: %s\n", ratel_quote_warning(q, i));
    return 1;
}

/* An attribute's value as the report shows it: "text" or an integer. */
static void put_attr_value(buf *r, const char *text, long long integer)
{
    if (text)
        buf_put_json_string(r, text);
    else
        buf_printf(r, "%lld", integer);
}

/* Every attribute named in `want` must be on the quote with that value
 * (text for a JSON string, an integer for a JSON integer). */
static int compare_attributes(buf *r, const ratel_quote *q, yajl_val want)
{
    size_t i, k, n = ratel_quote_attribute_count(q);
    int bad = 0;
    for (i = 0; want && i < want->u.object.len; i++) {
        const char *name = want->u.object.keys[i];
        yajl_val v = want->u.object.values[i];
        const char *text = YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : NULL;
        long long integer = text ? 0 : YAJL_GET_INTEGER(v);
        ratel_attribute got;
        int found = ratel_quote_attribute_find(q, name, &got) == RATEL_OK;
        if (found && (text ? got.text && strcmp(got.text, text) == 0
                           : !got.text && got.integer == integer))
            continue;
        bad++;
        buf_printf(r, "attribute \"%s\": expected ", name);
        put_attr_value(r, text, integer);
        if (found) {
            buf_puts(r, ", got ");
            put_attr_value(r, got.text, (long long)got.integer);
            buf_putc(r, '\n');
            continue;
        }
        buf_puts(r, ", not on the quote (");
        if (n == 0)
            buf_puts(r, "it has no attributes");
        for (k = 0; k < n; k++) {
            ratel_attribute a;
            ratel_quote_attribute(q, k, &a);
            buf_printf(r, "%s%s", k ? ", " : "it has: ", a.name);
        }
        buf_puts(r, ")\n");
    }
    return bad;
}

int pt_expect_compare(buf *r, const ratel_quote *q, yajl_val x)
{
    const char *codes[PT_MAX_CODES];
    yajl_val v;
    int n = 0;
    if ((v = pt_member(x, "decision"))) {
        const char *got = ratel_decision_name(ratel_quote_decision(q));
        if (strcmp(v->u.string, got) != 0 && ++n)
            buf_printf(r, "decision: expected %s, got %s\n", v->u.string,
                       got);
    }
    if ((v = pt_member(x, "total_premium")) &&
        YAJL_GET_INTEGER(v) != ratel_quote_total_premium(q) && ++n)
        buf_printf(r, "total_premium: expected %lld, got %lld\n",
                   (long long)YAJL_GET_INTEGER(v),
                   (long long)ratel_quote_total_premium(q));
    /* no "reasons": the quote must have none */
    n += compare_codes(r, "reasons", codes, quote_codes(q, 0, codes),
                       pt_member(x, "reasons"));
    if ((v = pt_member(x, "subjectivities")))
        n += compare_codes(r, "subjectivities", codes,
                           quote_codes(q, 1, codes), v);
    if ((v = pt_member(x, "authority")) &&
        YAJL_GET_INTEGER(v) != ratel_quote_authority_required(q) && ++n)
        buf_printf(r, "authority: expected level %lld, got %d\n",
                   (long long)YAJL_GET_INTEGER(v),
                   ratel_quote_authority_required(q));
    n += compare_warnings(r, q, pt_member(x, "warnings"));
    n += compare_steps(r, q, pt_member(x, "steps"));
    n += compare_attributes(r, q, pt_member(x, "attributes"));
    return n;
}
