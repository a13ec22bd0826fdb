/* scheme.c - the account of an association scheme (docs/structures.md,
 * "Association schemes"): the members of a roster, each rated on its
 * own by the scheme's plan, added in roster order; the account keeps the
 * totals by tier, the scheme's totals and minimum premium, and the
 * members it could not accept (referred, refused, failed) with why.
 *
 * What a member's quote must say, as attributes set by the plan:
 *   scheme.tier             the member's tier (text; accepted members)
 *   scheme.tier_order       optional: where the tier sorts (integer)
 *   scheme.top_up           the part of the fee for optional top-up cover
 *   scheme.admin_fee        the association's administration share
 *   scheme.minimum_premium  the scheme's minimum premium to the insurer
 * The member's fee is the quote's total premium. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ratel.h"
#include "scheme.h"

int scheme_fail(ratel_scheme *s, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return rc;
}

int ratel_scheme_new(ratel_scheme **out)
{
    if (!out)
        return RATEL_EARG;
    *out = calloc(1, sizeof **out);
    return *out ? RATEL_OK : RATEL_ENOMEM;
}

void scheme_free_case(scheme_case *c)
{
    size_t i;
    free(c->member);
    free(c->applicant);
    free(c->error);
    for (i = 0; i < c->nreasons; i++) {
        free(c->reasons[i].code);
        free(c->reasons[i].text);
    }
    free(c->reasons);
    memset(c, 0, sizeof *c);
}

/* Copies n reasons; -1 when out of memory (then nothing is kept). */
static int copy_reasons(scheme_case *c, const scheme_reason *from, size_t n)
{
    size_t i;
    c->nreasons = 0;
    if (n && !(c->reasons = calloc(n, sizeof *c->reasons)))
        return -1;
    for (i = 0; i < n; i++) {
        scheme_reason *r = &c->reasons[c->nreasons++];
        r->decline = from[i].decline;
        r->code = strdup(from[i].code);
        r->text = strdup(from[i].text);
        if (!r->code || !r->text)
            return -1;
    }
    return 0;
}

int scheme_copy_case(scheme_case *dst, const scheme_case *src)
{
    memset(dst, 0, sizeof *dst);
    dst->kind = src->kind;
    dst->fee = src->fee;
    dst->member = strdup(src->member);
    dst->applicant = strdup(src->applicant);
    dst->error = src->error ? strdup(src->error) : NULL;
    if (!dst->member || !dst->applicant || (src->error && !dst->error) ||
        copy_reasons(dst, src->reasons, src->nreasons) != 0) {
        scheme_free_case(dst);
        return -1;
    }
    return 0;
}

void scheme_forget_plan(ratel_scheme *s)
{
    free(s->plan_id);
    free(s->plan_version);
    free(s->currency);
    s->plan_id = s->plan_version = s->currency = NULL;
}

void ratel_scheme_free(ratel_scheme *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->ntiers; i++)
        free(s->tiers[i].name);
    for (i = 0; i < s->ncases; i++)
        scheme_free_case(&s->cases[i]);
    free(s->tiers);
    free(s->by_order);
    free(s->cases);
    scheme_forget_plan(s);
    free(s);
}

const char *ratel_scheme_errmsg(const ratel_scheme *s)
{
    return s ? s->err : "no scheme";
}

int scheme_add_to(int64_t *a, int64_t b)
{
    return __builtin_add_overflow(*a, b, a) ? -1 : 0;
}

/* An integer attribute of q, or `dflt` when the plan set none; -1 when
 * it is text. */
static int int_attr(const ratel_quote *q, const char *name, int64_t dflt,
                    int64_t *out, int *given)
{
    ratel_attribute a;
    *given = ratel_quote_attribute_find(q, name, &a) == RATEL_OK;
    if (!*given) {
        *out = dflt;
        return 0;
    }
    *out = a.integer;
    return a.text ? -1 : 0;
}

scheme_tier *scheme_tier_find(const ratel_scheme *s, const char *name)
{
    size_t i;
    for (i = 0; i < s->ntiers; i++)
        if (strcmp(s->tiers[i].name, name) == 0)
            return &s->tiers[i];
    return NULL;
}

int scheme_reserve_tiers(ratel_scheme *s, size_t n)
{
    scheme_tier *t;
    size_t *o, cap = s->captiers ? s->captiers : 8;
    if (n <= s->captiers)
        return 0;
    while (cap < n)
        cap *= 2;
    if (!(t = realloc(s->tiers, cap * sizeof *t)))
        return -1;
    s->tiers = t;
    if (!(o = realloc(s->by_order, cap * sizeof *o)))
        return -1; /* the larger tiers array is kept, unused */
    s->by_order = o;
    s->captiers = cap;
    return 0;
}

/* Whether tier a comes before tier b: by order, then first seen. */
static int tier_before(const ratel_scheme *s, size_t a, size_t b)
{
    return s->tiers[a].order < s->tiers[b].order ||
           (s->tiers[a].order == s->tiers[b].order && a < b);
}

void scheme_place_tier(ratel_scheme *s, size_t k, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tier_before(s, s->by_order[mid], k))
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(&s->by_order[lo + 1], &s->by_order[lo],
            (n - lo) * sizeof *s->by_order);
    s->by_order[lo] = k;
}

/* Gives tier k another order, and its new place in by_order. */
static void reorder_tier(ratel_scheme *s, size_t k, int64_t order)
{
    size_t i = 0;
    while (s->by_order[i] != k)
        i++;
    memmove(&s->by_order[i], &s->by_order[i + 1],
            (s->ntiers - i - 1) * sizeof *s->by_order);
    s->tiers[k].order = order;
    scheme_place_tier(s, k, s->ntiers - 1);
}

/* The tier named `name`, made empty when new (its order: its rank) and
 * placed in by_order. NULL when out of memory. */
static scheme_tier *scheme_tier_of(ratel_scheme *s, const char *name)
{
    scheme_tier *t = scheme_tier_find(s, name);
    if (t)
        return t;
    if (scheme_reserve_tiers(s, s->ntiers + 1) != 0)
        return NULL;
    t = &s->tiers[s->ntiers];
    memset(t, 0, sizeof *t);
    if (!(t->name = strdup(name)))
        return NULL;
    t->order = (int64_t)s->ntiers;
    scheme_place_tier(s, s->ntiers, s->ntiers);
    s->ntiers++;
    return t;
}

/* The refer and decline reasons of q, into c; -1 when out of memory
 * (c then holds what was copied, for scheme_free_case). */
static int quote_reasons(scheme_case *c, const ratel_quote *q)
{
    size_t i, n = ratel_quote_reason_count(q);
    if (n && !(c->reasons = calloc(n, sizeof *c->reasons)))
        return -1;
    for (i = 0; i < n; i++) {
        scheme_reason *r = &c->reasons[c->nreasons++];
        ratel_reason x;
        ratel_quote_reason(q, i, &x);
        r->decline = strcmp(x.kind, "decline") == 0;
        r->code = strdup(x.code);
        r->text = strdup(x.text);
        if (!r->code || !r->text)
            return -1;
    }
    return 0;
}

int scheme_reserve_cases(ratel_scheme *s, size_t more)
{
    scheme_case *c;
    size_t cap = s->capcases ? s->capcases : 16;
    if (s->ncases + more <= s->capcases)
        return 0;
    while (cap < s->ncases + more)
        cap *= 2;
    if (!(c = realloc(s->cases, cap * sizeof *c)))
        return -1;
    s->cases = c;
    s->capcases = cap;
    return 0;
}

static scheme_case *new_case(ratel_scheme *s)
{
    scheme_case *c;
    if (scheme_reserve_cases(s, 1) != 0)
        return NULL;
    c = &s->cases[s->ncases];
    memset(c, 0, sizeof *c);
    return c;
}

/* Records a member the scheme did not accept. */
static int add_case(ratel_scheme *s, scheme_case_kind kind,
                    const char *member, const ratel_quote *q,
                    const char *message)
{
    scheme_case *c = new_case(s);
    const char *applicant = q ? ratel_quote_applicant(q) : NULL;
    if (!c)
        return RATEL_ENOMEM;
    c->kind = kind;
    c->fee = q ? ratel_quote_total_premium(q) : 0;
    c->member = strdup(member);
    c->applicant = strdup(applicant ? applicant : "");
    if (!c->member || !c->applicant ||
        (q ? quote_reasons(c, q) != 0 : !(c->error = strdup(message)))) {
        scheme_free_case(c);
        return RATEL_ENOMEM;
    }
    s->ncases++;
    s->count[kind]++;
    return RATEL_OK;
}

/* The first member fixes the scheme's plan and currency; later members
 * must agree. */
static int same_plan(ratel_scheme *s, const char *member,
                     const ratel_quote *q)
{
    const char *id = ratel_quote_plan_id(q);
    const char *version = ratel_quote_plan_version(q);
    const char *currency = ratel_quote_currency(q);
    if (!s->plan_id) {
        s->plan_id = strdup(id);
        s->plan_version = strdup(version);
        s->currency = strdup(currency);
        if (s->plan_id && s->plan_version && s->currency)
            return RATEL_OK;
        scheme_forget_plan(s);
        return RATEL_ENOMEM;
    }
    if (strcmp(id, s->plan_id) != 0 || strcmp(version, s->plan_version) != 0)
        return scheme_fail(s, RATEL_EARG, "%s: rated by plan %s %s where the scheme's "
                    "members are rated by %s %s", member, id, version,
                    s->plan_id, s->plan_version);
    if (strcmp(currency, s->currency) != 0)
        return scheme_fail(s, RATEL_EARG, "%s: a fee in %s where the scheme's fees "
                    "are in %s", member, currency, s->currency);
    return RATEL_OK;
}

/* The scheme minimum premium a quote states (*given 0: none) must be
 * the one earlier members stated. */
static int minimum_premium(ratel_scheme *s, const char *member,
                           const ratel_quote *q, int64_t *min, int *given)
{
    if (int_attr(q, "scheme.minimum_premium", 0, min, given) != 0 ||
        *min < 0)
        return scheme_fail(s, RATEL_ERESULT, "%s: the plan's "
                           "scheme.minimum_premium is not an amount",
                           member);
    if (*given && s->has_minimum && *min != s->minimum_premium)
        return scheme_fail(s, RATEL_ERESULT, "%s: the plan states a scheme "
                           "minimum premium of %lld where earlier members' "
                           "was %lld", member, (long long)*min,
                           (long long)s->minimum_premium);
    return RATEL_OK;
}

/* Adds an accepted member's fee to its tier and to the totals. */
static int add_fee(ratel_scheme *s, const char *member, const ratel_quote *q)
{
    ratel_attribute tier;
    int64_t fee = ratel_quote_total_premium(q), top_up, admin, order;
    int64_t fees = 0, top_ups = 0, admins = 0, total;
    int g_top, g_admin, g_order;
    scheme_tier *t;

    if (ratel_quote_attribute_find(q, "scheme.tier", &tier) != RATEL_OK ||
        !tier.text)
        return scheme_fail(s, RATEL_ERESULT, "%s: the plan set no scheme.tier "
                    "(a word) for an accepted member", member);
    if (int_attr(q, "scheme.top_up", 0, &top_up, &g_top) != 0 ||
        int_attr(q, "scheme.admin_fee", 0, &admin, &g_admin) != 0 ||
        int_attr(q, "scheme.tier_order", 0, &order, &g_order) != 0)
        return scheme_fail(s, RATEL_ERESULT, "%s: the plan's scheme.top_up, "
                    "admin_fee and tier_order must be numbers", member);
    if (top_up < 0 || top_up > fee || admin < 0 || admin > fee)
        return scheme_fail(s, RATEL_ERESULT, "%s: the plan's scheme.top_up or "
                    "scheme.admin_fee is not a part of the member's fee",
                    member);
    /* The sums first, so that a member refused leaves no new tier. */
    if ((t = scheme_tier_find(s, tier.text)) != NULL) {
        fees = t->fees;
        top_ups = t->top_up_fees;
        admins = t->admin_fees;
    }
    total = s->fees;
    if (scheme_add_to(&fees, fee) || scheme_add_to(&top_ups, top_up) ||
        scheme_add_to(&admins, admin) || scheme_add_to(&total, fee))
        return scheme_fail(s, RATEL_ERESULT, "%s: the scheme's fees pass 2^63",
                    member);
    if (!t && !(t = scheme_tier_of(s, tier.text)))
        return RATEL_ENOMEM;
    t->fees = fees;
    t->top_up_fees = top_ups;
    t->admin_fees = admins;
    s->fees = total;
    if (g_order && (!t->ordered || t->order != order)) {
        reorder_tier(s, (size_t)(t - s->tiers), order);
        t->ordered = 1;
    }
    t->members++;
    t->top_ups += top_up > 0;
    return RATEL_OK;
}

/* Adds q as add does, the plan checked (and fixed by a first member). */
static int add_member(ratel_scheme *s, const char *member,
                      const ratel_quote *q)
{
    int64_t min, referred;
    int given, rc;
    if ((rc = same_plan(s, member, q)) != RATEL_OK ||
        (rc = minimum_premium(s, member, q, &min, &given)) != RATEL_OK)
        return rc;
    switch (ratel_quote_decision(q)) {
    case RATEL_QUOTED:
        rc = add_fee(s, member, q);
        if (rc == RATEL_OK)
            s->count[SCHEME_ACCEPTED]++;
        break;
    case RATEL_REFERRED:
        referred = s->referred_fees;
        if (scheme_add_to(&referred, ratel_quote_total_premium(q)))
            return scheme_fail(s, RATEL_ERESULT, "%s: the referred fees "
                               "pass 2^63", member);
        rc = add_case(s, SCHEME_REFERRED, member, q, NULL);
        if (rc == RATEL_OK)
            s->referred_fees = referred;
        break;
    default:
        rc = add_case(s, SCHEME_REFUSED, member, q, NULL);
    }
    if (rc == RATEL_OK && given) {
        s->minimum_premium = min;
        s->has_minimum = 1;
    }
    return rc;
}

int ratel_scheme_add(ratel_scheme *s, const char *member,
                     const ratel_quote *q)
{
    int first, rc;
    if (!s || !member || !q)
        return RATEL_EARG;
    s->err[0] = '\0';
    first = s->plan_id == NULL;
    rc = add_member(s, member, q);
    /* A first member refused fixes no plan: the account stays empty. */
    if (rc != RATEL_OK && first)
        scheme_forget_plan(s);
    return rc == RATEL_ENOMEM ? scheme_fail(s, rc, "%s: out of memory",
                                            member)
                              : rc;
}

int ratel_scheme_add_failure(ratel_scheme *s, const char *member,
                             const char *message)
{
    if (!s || !member || !message)
        return RATEL_EARG;
    s->err[0] = '\0';
    return add_case(s, SCHEME_FAILED, member, NULL, message) == RATEL_OK
               ? RATEL_OK
               : scheme_fail(s, RATEL_ENOMEM, "%s: out of memory", member);
}
