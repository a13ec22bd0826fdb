/* scheme_parse.c - an association scheme's account read back from its
 * JSON document (ratel_scheme_parse), so that the accounts of a roster's
 * parts, rated in other processes or on other machines, can be merged in
 * roster order as if they had been made here. Read whole with jtree and
 * checked: every figure must be what the tiers and members add up to,
 * and each problem is reported with its JSON path. The document:
 * docs/structures.md, "The account document". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl_fields.h"
#include "jtree.h"
#include "scheme.h"

#define MAX_ERRORS 20 /* field errors reported; the rest are counted */

typedef struct reader {
    ratel_scheme *s;
    int bad, oom;
    char errs[sizeof ((ratel_scheme *)0)->err]; /* "path: message" lines */
    size_t len;
} reader;

static void bad(reader *r, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds a line "path: message" to the errors (cut at the buffer's end). */
static void bad(reader *r, const char *path, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (r->bad++ >= MAX_ERRORS || r->len + 1 >= sizeof r->errs)
        return;
    n = snprintf(r->errs + r->len, sizeof r->errs - r->len, "%s%s: ",
                 r->len ? "\n" : "", path);
    r->len = n < 0 ? r->len : r->len + (size_t)n;
    if (r->len + 1 >= sizeof r->errs) {
        r->len = sizeof r->errs - 1;
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(r->errs + r->len, sizeof r->errs - r->len, fmt, ap);
    va_end(ap);
    r->len = n < 0 ? r->len : r->len + (size_t)n;
    if (r->len >= sizeof r->errs)
        r->len = sizeof r->errs - 1;
}

static void at(char *out, size_t cap, const char *path, const char *key)
{
    snprintf(out, cap, "%s", path);
    decl_path_append_key(out, cap, key, strlen(key));
}

/* Whether x is an object with only the keys listed (else reported). */
static int object_of(reader *r, const jt_node *x, const char *path,
                     const char *const *keys, size_t nkeys, const char *what)
{
    const jt_node *m;
    char p[256];
    size_t k;
    if (!x || x->kind != JT_OBJECT) {
        bad(r, path, "%s: an object (%s)", x ? "expected" : "required",
            what);
        return 0;
    }
    for (m = x->first; m; m = m->next) {
        for (k = 0; k < nkeys && strcmp(m->key, keys[k]) != 0; k++)
            ;
        if (k == nkeys) {
            at(p, sizeof p, path, m->key);
            bad(r, p, "unknown key for %s", what);
        }
    }
    return 1;
}

/* A whole number, 0 or more, at obj.key; 0 after an error. */
static int64_t count_of(reader *r, const jt_node *obj, const char *path,
                        const char *key)
{
    const jt_node *v = jt_get(obj, key);
    char p[256];
    if (v && v->kind == JT_INT && !v->overflow && v->i >= 0)
        return v->i;
    at(p, sizeof p, path, key);
    bad(r, p, "%s", v ? "expected a whole number, 0 or more" : "required");
    return 0;
}

/* Text at obj.key, copied into *out (owned); null gives NULL when
 * `nullable`. -1 after an error (reported, or out of memory). */
static int text_of(reader *r, const jt_node *obj, const char *path,
                   const char *key, int nullable, char **out)
{
    const jt_node *v = jt_get(obj, key);
    char p[256];
    *out = NULL;
    if (v && v->kind == JT_STRING && strlen(v->text) == v->len) {
        if (!(*out = strdup(v->text)))
            r->oom = 1;
        return *out ? 0 : -1;
    }
    if (v && v->kind == JT_NULL && nullable)
        return 0;
    at(p, sizeof p, path, key);
    bad(r, p, "%s", !v ? "required"
                       : nullable ? "expected text (without NUL) or null"
                                  : "expected text (without NUL)");
    return -1;
}

/* An array at root.key (reported when it is not). */
static const jt_node *array_of(reader *r, const jt_node *root,
                               const char *key)
{
    const jt_node *v = jt_get(root, key);
    char p[64];
    if (v && v->kind == JT_ARRAY)
        return v;
    at(p, sizeof p, "$", key);
    bad(r, p, "%s: an array", v ? "expected" : "required");
    return NULL;
}

/* One tier of the list (listed `i`th), into tiers[first_seen]. */
static void read_tier(reader *r, const jt_node *x, size_t i, size_t n)
{
    static const char *const keys[] = {
        "tier", "members", "fees", "fixed_fees", "top_ups", "top_up_fees",
        "admin_fees", "tier_order", "first_seen"};
    ratel_scheme *s = r->s;
    const jt_node *order = jt_get(x, "tier_order");
    const jt_node *seen = jt_get(x, "first_seen");
    scheme_tier t;
    int64_t fixed;
    char path[48], p[256];
    size_t j, k = i;

    snprintf(path, sizeof path, "$.tiers[%zu]", i);
    if (!object_of(r, x, path, keys, sizeof keys / sizeof *keys, "a tier"))
        return;
    memset(&t, 0, sizeof t);
    if (seen && (seen->kind != JT_INT || seen->overflow || seen->i < 0 ||
                 (uint64_t)seen->i >= n || s->tiers[seen->i].name)) {
        at(p, sizeof p, path, "first_seen");
        bad(r, p, "expected a place from 0 to %zu that no other tier has",
            n - 1);
        return;
    }
    if (seen)
        k = (size_t)seen->i;
    if (s->tiers[k].name) { /* a listing place another took */
        bad(r, path, "first_seen: give every tier its place or none");
        return;
    }
    if (text_of(r, x, path, "tier", 0, &t.name) != 0)
        return;
    t.members = count_of(r, x, path, "members");
    t.fees = count_of(r, x, path, "fees");
    fixed = count_of(r, x, path, "fixed_fees");
    t.top_ups = count_of(r, x, path, "top_ups");
    t.top_up_fees = count_of(r, x, path, "top_up_fees");
    t.admin_fees = count_of(r, x, path, "admin_fees");
    if (t.top_up_fees > t.fees || t.admin_fees > t.fees)
        bad(r, path, "top_up_fees and admin_fees are parts of the fees");
    else if (fixed != t.fees - t.top_up_fees)
        bad(r, path, "fixed_fees is %lld where fees - top_up_fees is %lld",
            (long long)fixed, (long long)(t.fees - t.top_up_fees));
    if (t.top_ups > t.members)
        bad(r, path, "more members with a top-up (%lld) than members (%lld)",
            (long long)t.top_ups, (long long)t.members);
    if (order && order->kind == JT_INT && !order->overflow) {
        t.order = order->i;
        t.ordered = 1;
    } else if (order && order->kind != JT_NULL) {
        at(p, sizeof p, path, "tier_order");
        bad(r, p, "expected an integer, or null (sorted by first seen)");
    } else {
        t.order = (int64_t)k; /* an unordered tier sorts by its rank */
    }
    for (j = 0; j < n; j++) /* the tiers are not counted in yet */
        if (s->tiers[j].name && strcmp(s->tiers[j].name, t.name) == 0) {
            at(p, sizeof p, path, "tier");
            bad(r, p, "tier '%s' is listed twice", t.name);
            break;
        }
    s->tiers[k] = t;
}

/* The tiers: each in its place, checked to be listed in the account's
 * order (by tier_order, then first seen). */
static void read_tiers(reader *r, const jt_node *list)
{
    ratel_scheme *s = r->s;
    const jt_node *x;
    size_t i, n = list->n;
    if (n == 0)
        return;
    if (scheme_reserve_tiers(s, n) != 0) {
        r->oom = 1;
        return;
    }
    memset(s->tiers, 0, n * sizeof *s->tiers);
    for (i = 0, x = list->first; x && !r->oom; x = x->next, i++)
        read_tier(r, x, i, n);
    for (i = 0; i < n; i++)
        if (!s->tiers[i].name) { /* a tier not read: nothing to order */
            if (!r->bad)
                bad(r, "$.tiers", "a tier is missing");
            break;
        }
    if (i < n) {
        s->ntiers = i; /* the tiers read, freed with the account */
        while (++i < n)
            free(s->tiers[i].name);
        return;
    }
    s->ntiers = n;
    if (r->bad)
        return; /* places not all known: no order to check */
    for (i = 0; i < n; i++)
        scheme_place_tier(s, i, i);
    for (i = 0, x = list->first; x; x = x->next, i++) {
        const jt_node *seen = jt_get(x, "first_seen");
        if (s->by_order[i] != (seen ? (size_t)seen->i : i)) {
            char p[48];
            snprintf(p, sizeof p, "$.tiers[%zu]", i);
            bad(r, p, "out of order: tiers are listed by tier_order, then "
                "first seen");
            return;
        }
    }
}

/* A case's reasons: [{kind, code, text}]. */
static void read_reasons(reader *r, const jt_node *x, const char *path,
                         scheme_case *c)
{
    static const char *const keys[] = {"kind", "code", "text"};
    const jt_node *list = jt_get(x, "reasons"), *y;
    char p[256], q[288];
    size_t k;
    at(p, sizeof p, path, "reasons");
    if (!list || list->kind != JT_ARRAY) {
        bad(r, p, "%s: an array of reasons", list ? "expected" : "required");
        return;
    }
    if (list->n && !(c->reasons = calloc(list->n, sizeof *c->reasons))) {
        r->oom = 1;
        return;
    }
    for (k = 0, y = list->first; y && !r->oom; y = y->next, k++) {
        scheme_reason *reason = &c->reasons[c->nreasons];
        const jt_node *kind = jt_get(y, "kind");
        snprintf(q, sizeof q, "%s[%zu]", p, k);
        if (!object_of(r, y, q, keys, 3, "a reason"))
            continue;
        c->nreasons++;
        if (!kind || kind->kind != JT_STRING ||
            (strcmp(kind->text, "refer") && strcmp(kind->text, "decline")))
            bad(r, q, "kind: 'refer' or 'decline'");
        else
            reason->decline = kind->text[0] == 'd';
        text_of(r, y, q, "code", 0, &reason->code);
        text_of(r, y, q, "text", 0, &reason->text);
    }
}

/* One member the scheme did not accept, listed under `kind`. */
static void read_case(reader *r, const jt_node *x, scheme_case_kind kind,
                      size_t i)
{
    static const char *const keys[3][4] = {
        {"member", "applicant", "fee", "reasons"},
        {"member", "applicant", "reasons"},
        {"member", "error"}};
    static const size_t nkeys[3] = {4, 3, 2};
    ratel_scheme *s = r->s;
    scheme_case *c;
    char path[64];
    snprintf(path, sizeof path, "$.%s[%zu]", scheme_kind_names[kind], i);
    if (!object_of(r, x, path, keys[kind - 1], nkeys[kind - 1], "a member"))
        return;
    if (scheme_reserve_cases(s, 1) != 0) {
        r->oom = 1;
        return;
    }
    c = &s->cases[s->ncases++]; /* freed with the account, however read */
    memset(c, 0, sizeof *c);
    c->kind = kind;
    s->count[kind]++;
    text_of(r, x, path, "member", 0, &c->member);
    if (kind == SCHEME_FAILED) {
        text_of(r, x, path, "error", 0, &c->error);
    } else {
        text_of(r, x, path, "applicant", 1, &c->applicant);
        read_reasons(r, x, path, c);
    }
    if (!c->applicant && !(c->applicant = strdup("")))
        r->oom = 1;
    if (kind == SCHEME_REFERRED) {
        c->fee = count_of(r, x, path, "fee");
        if (scheme_add_to(&s->referred_fees, c->fee))
            bad(r, path, "the referred fees pass 2^63");
    }
}

static void read_cases(reader *r, const jt_node *root, scheme_case_kind kind)
{
    const jt_node *list = array_of(r, root, scheme_kind_names[kind]), *x;
    size_t i;
    for (i = 0, x = list ? list->first : NULL; x && !r->oom;
         x = x->next, i++)
        read_case(r, x, kind, i);
}

/* The plan, version and currency: all given (an account with a rated
 * member) or all null. */
static void read_plan(reader *r, const jt_node *root)
{
    static const char *const keys[] = {"id", "version"};
    const jt_node *plan = jt_get(root, "plan");
    ratel_scheme *s = r->s;
    if (!object_of(r, plan, "$.plan", keys, 2, "the members' plan"))
        return;
    text_of(r, plan, "$.plan", "id", 1, &s->plan_id);
    text_of(r, plan, "$.plan", "version", 1, &s->plan_version);
    text_of(r, root, "$", "currency", 1, &s->currency);
    if (!s->plan_id != !s->plan_version || !s->plan_id != !s->currency)
        bad(r, "$.plan", "the plan's id and version and the currency are "
            "given together, or are all null");
}

/* obj.key, a figure of the document, against what the account adds up
 * to. */
static void agrees(reader *r, const jt_node *obj, const char *path,
                   const char *key, int64_t sum)
{
    int64_t given = count_of(r, obj, path, key);
    char p[64];
    if (given != sum) {
        at(p, sizeof p, path, key);
        bad(r, p, "is %lld where the account adds up to %lld",
            (long long)given, (long long)sum);
    }
}

/* members and totals: what the tiers and cases add up to. */
static void read_figures(reader *r, const jt_node *root)
{
    static const char *const mkeys[] = {"rated", "accepted", "referred",
                                        "refused", "failed"};
    static const char *const tkeys[] = {
        "fees", "fixed_fees", "top_up_fees", "admin_fees", "insurer_premium",
        "minimum_premium", "shortfall", "referred_fees"};
    const jt_node *members = jt_get(root, "members");
    const jt_node *totals = jt_get(root, "totals");
    ratel_scheme *s = r->s;
    ratel_scheme_totals t;
    int64_t accepted = 0, rated;
    size_t i;
    if (!object_of(r, members, "$.members", mkeys, 5, "the member counts") ||
        !object_of(r, totals, "$.totals", tkeys, 8, "the totals"))
        return;
    for (i = 0; i < s->ntiers; i++)
        if (scheme_add_to(&accepted, s->tiers[i].members) ||
            scheme_add_to(&s->fees, s->tiers[i].fees)) {
            bad(r, "$.tiers", "the tiers' members or fees pass 2^63");
            return;
        }
    s->count[SCHEME_ACCEPTED] = accepted;
    s->minimum_premium = count_of(r, totals, "$.totals", "minimum_premium");
    s->has_minimum = s->minimum_premium > 0;
    if (s->count[SCHEME_ACCEPTED] + s->count[SCHEME_REFERRED] +
            s->count[SCHEME_REFUSED] > 0 && !s->plan_id)
        bad(r, "$.plan.id", "required: the account has rated members");
    rated = accepted; /* the cases are counted by the arrays' lengths */
    for (i = SCHEME_REFERRED; i < SCHEME_NKINDS; i++)
        if (scheme_add_to(&rated, s->count[i]))
            bad(r, "$.members", "the members pass 2^63");
    /* the sums below are of figures read whole */
    if (r->bad || ratel_scheme_totals_get(s, &t) != RATEL_OK)
        return;
    {
        const int64_t counts[] = {rated, t.accepted, t.referred, t.refused,
                                  t.failed};
        const int64_t sums[] = {t.fees, t.fixed_fees, t.top_up_fees,
                                t.admin_fees, t.insurer_premium,
                                t.minimum_premium, t.shortfall,
                                t.referred_fees};
        for (i = 0; i < 5; i++)
            agrees(r, members, "$.members", mkeys[i], counts[i]);
        for (i = 0; i < 8; i++)
            agrees(r, totals, "$.totals", tkeys[i], sums[i]);
    }
}

static void read_account(reader *r, const jt_node *root)
{
    static const char *const keys[] = {
        "format_version", "plan", "currency", "members", "totals", "tiers",
        "referred", "refused", "failed"};
    const jt_node *v, *tiers;
    if (!object_of(r, root, "$", keys, sizeof keys / sizeof *keys,
                   "a scheme's account"))
        return;
    v = jt_get(root, "format_version");
    if (!v || v->kind != JT_INT || v->overflow || v->i < 1)
        bad(r, "$.format_version", "%s: 1", v ? "expected" : "required");
    else if (v->i > 1)
        bad(r, "$.format_version", "version %lld is newer than this "
            "library reads (1)", (long long)v->i);
    read_plan(r, root);
    if ((tiers = array_of(r, root, "tiers")) != NULL)
        read_tiers(r, tiers);
    read_cases(r, root, SCHEME_REFERRED);
    read_cases(r, root, SCHEME_REFUSED);
    read_cases(r, root, SCHEME_FAILED);
    if (!r->bad && !r->oom)
        read_figures(r, root);
}

int ratel_scheme_parse(ratel_scheme **out, const char *json, size_t len)
{
    jt_doc *doc = NULL;
    reader r;
    char msg[256];
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    if (!json && len)
        return RATEL_EARG;
    memset(&r, 0, sizeof r);
    if (ratel_scheme_new(&r.s) != RATEL_OK)
        return RATEL_ENOMEM;
    rc = jt_parse(&doc, json ? json : "", len, msg, sizeof msg);
    if (rc == -2)
        r.oom = 1;
    else if (rc == -1)
        bad(&r, "$", "%s", msg);
    else
        read_account(&r, jt_root(doc));
    jt_free(doc);
    if (r.oom) {
        ratel_scheme_free(r.s);
        return RATEL_ENOMEM;
    }
    if (!r.bad) {
        *out = r.s;
        return RATEL_OK;
    }
    /* An empty account in *out says what is wrong, as a failed engine
     * says why it did not open. */
    ratel_scheme_free(r.s);
    if (ratel_scheme_new(out) != RATEL_OK)
        return RATEL_ENOMEM;
    if (r.bad > MAX_ERRORS)
        snprintf(r.errs + r.len, sizeof r.errs - r.len, "\n$: and %d more "
                 "errors", r.bad - MAX_ERRORS);
    return scheme_fail(*out, RATEL_EDECL, "%s", r.errs);
}
