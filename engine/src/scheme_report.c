/* scheme_report.c - what an association scheme's account says: its
 * totals, its tiers in order, the members it did not accept, as
 * accessors and as JSON; and the merge of two accounts (two parts of one
 * roster rated apart). */
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "buf.h"
#include "scheme.h"

const char *const scheme_kind_names[SCHEME_NKINDS] = {
    "accepted", "referred", "refused", "failed"};

/* Whether from's plan, currency and minimum premium agree with into's. */
static int agree(ratel_scheme *into, const ratel_scheme *from)
{
    if (into->plan_id && from->plan_id &&
        (strcmp(into->plan_id, from->plan_id) != 0 ||
         strcmp(into->plan_version, from->plan_version) != 0 ||
         strcmp(into->currency, from->currency) != 0))
        return scheme_fail(into, RATEL_EARG, "the accounts were rated by "
                           "plans %s %s and %s %s", into->plan_id,
                           into->plan_version, from->plan_id,
                           from->plan_version);
    if (into->has_minimum && from->has_minimum &&
        into->minimum_premium != from->minimum_premium)
        return scheme_fail(into, RATEL_ERESULT, "the accounts state scheme "
                           "minimum premiums of %lld and %lld",
                           (long long)into->minimum_premium,
                           (long long)from->minimum_premium);
    return RATEL_OK;
}

/* Whether every sum of the merge fits in int64: the fees and the
 * referred fees (a tier's fees, top-ups and administration shares are
 * parts of the fees). */
static int sums_fit(const ratel_scheme *into, const ratel_scheme *from)
{
    int64_t fees = into->fees, referred = into->referred_fees;
    return !scheme_add_to(&fees, from->fees) &&
           !scheme_add_to(&referred, from->referred_fees);
}

/* Copies from's cases; -1 when out of memory (nothing kept). */
static int copy_cases(const ratel_scheme *from, scheme_case *to)
{
    size_t i;
    for (i = 0; i < from->ncases; i++)
        if (scheme_copy_case(&to[i], &from->cases[i]) != 0) {
            while (i-- > 0)
                scheme_free_case(&to[i]);
            return -1;
        }
    return 0;
}

/* Adds from's tiers to into's, as adding from's members one by one
 * would: a tier new to `into` comes after its tiers, ranked there unless
 * a scheme.tier_order placed it, and a tier_order of from's replaces
 * into's. into's tiers array has room for them. */
static void add_tiers(ratel_scheme *into, const ratel_scheme *from,
                      char **names)
{
    size_t i;
    for (i = 0; i < from->ntiers; i++) {
        const scheme_tier *f = &from->tiers[i];
        scheme_tier *t = scheme_tier_find(into, f->name);
        if (!t) {
            t = &into->tiers[into->ntiers];
            *t = *f;
            if (!f->ordered)
                t->order = (int64_t)into->ntiers;
            into->ntiers++;
            t->name = names[i];
            names[i] = NULL;
            continue;
        }
        if (f->ordered) {
            t->order = f->order;
            t->ordered = 1;
        }
        t->members += f->members;
        t->top_ups += f->top_ups;
        t->fees += f->fees;
        t->top_up_fees += f->top_up_fees;
        t->admin_fees += f->admin_fees;
    }
}

int ratel_scheme_merge(ratel_scheme *into, const ratel_scheme *from)
{
    scheme_case *cases = NULL;
    char **names = NULL;
    size_t i;
    int rc, k;

    if (!into || !from || into == from)
        return RATEL_EARG;
    into->err[0] = '\0';
    if ((rc = agree(into, from)) != RATEL_OK)
        return rc;
    if (!sums_fit(into, from))
        return scheme_fail(into, RATEL_ERESULT, "the scheme's fees pass "
                           "2^63");
    /* Everything that can fail first, so that a failure changes nothing. */
    if (from->ncases && !(cases = malloc(from->ncases * sizeof *cases)))
        return scheme_fail(into, RATEL_ENOMEM, "out of memory");
    if (from->ntiers && !(names = calloc(from->ntiers, sizeof *names)))
        goto oom;
    for (i = 0; i < from->ntiers; i++)
        if (!(names[i] = strdup(from->tiers[i].name)))
            goto oom;
    if (scheme_reserve_tiers(into, into->ntiers + from->ntiers) != 0 ||
        scheme_reserve_cases(into, from->ncases) != 0 ||
        copy_cases(from, cases) != 0)
        goto oom;
    if (!into->plan_id && from->plan_id) {
        into->plan_id = strdup(from->plan_id);
        into->plan_version = strdup(from->plan_version);
        into->currency = strdup(from->currency);
        if (!into->plan_id || !into->plan_version || !into->currency) {
            scheme_forget_plan(into);
            for (i = 0; i < from->ncases; i++)
                scheme_free_case(&cases[i]);
            goto oom;
        }
    }
    add_tiers(into, from, names);
    for (i = 0; i < into->ntiers; i++) /* orders may have changed */
        scheme_place_tier(into, i, i);
    if (from->ncases)
        memcpy(into->cases + into->ncases, cases,
               from->ncases * sizeof *cases);
    into->ncases += from->ncases;
    for (k = 0; k < SCHEME_NKINDS; k++)
        into->count[k] += from->count[k];
    into->fees += from->fees;
    into->referred_fees += from->referred_fees;
    if (from->has_minimum) {
        into->minimum_premium = from->minimum_premium;
        into->has_minimum = 1;
    }
    rc = RATEL_OK;
    goto done;
oom:
    rc = scheme_fail(into, RATEL_ENOMEM, "out of memory");
done:
    for (i = 0; names && i < from->ntiers; i++)
        free(names[i]);
    free(names);
    free(cases);
    return rc;
}

static int scheme_totals_get_fill(const ratel_scheme *s, ratel_scheme_totals *out)
{
    size_t i;
    if (!s || !out)
        return RATEL_EARG;
    memset(out, 0, sizeof *out);
    out->plan_id = s->plan_id;
    out->plan_version = s->plan_version;
    out->currency = s->currency;
    out->accepted = s->count[SCHEME_ACCEPTED];
    out->referred = s->count[SCHEME_REFERRED];
    out->refused = s->count[SCHEME_REFUSED];
    out->failed = s->count[SCHEME_FAILED];
    out->members = out->accepted + out->referred + out->refused +
                   out->failed;
    /* Parts of the fees: their sums cannot pass the fees'. */
    for (i = 0; i < s->ntiers; i++) {
        out->top_up_fees += s->tiers[i].top_up_fees;
        out->admin_fees += s->tiers[i].admin_fees;
    }
    out->fees = s->fees;
    out->fixed_fees = s->fees - out->top_up_fees;
    out->insurer_premium = s->fees - out->admin_fees;
    out->minimum_premium = s->minimum_premium;
    out->shortfall = s->minimum_premium > out->insurer_premium
                         ? s->minimum_premium - out->insurer_premium
                         : 0;
    out->referred_fees = s->referred_fees;
    return RATEL_OK;
}

int (ratel_scheme_totals_get)(const ratel_scheme *s, ratel_scheme_totals *out,
                              size_t size)
{
    ratel_scheme_totals full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_scheme_totals, referred_fees)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = scheme_totals_get_fill(s, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

size_t ratel_scheme_tier_count(const ratel_scheme *s)
{
    return s ? s->ntiers : 0;
}

static int scheme_tier_get_fill(const ratel_scheme *s, size_t i, ratel_scheme_tier *out)
{
    const scheme_tier *t;
    if (!s || !out || i >= s->ntiers)
        return RATEL_EARG;
    t = &s->tiers[s->by_order[i]];
    out->name = t->name;
    out->has_tier_order = t->ordered;
    out->tier_order = t->ordered ? t->order : 0;
    out->first_seen = s->by_order[i];
    out->members = t->members;
    out->top_ups = t->top_ups;
    out->fees = t->fees;
    out->fixed_fees = t->fees - t->top_up_fees;
    out->top_up_fees = t->top_up_fees;
    out->admin_fees = t->admin_fees;
    return RATEL_OK;
}

int (ratel_scheme_tier_get)(const ratel_scheme *s, size_t i,
                            ratel_scheme_tier *out, size_t size)
{
    ratel_scheme_tier full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_scheme_tier, admin_fees)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = scheme_tier_get_fill(s, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

size_t ratel_scheme_case_count(const ratel_scheme *s)
{
    return s ? s->ncases : 0;
}

static int scheme_case_get_fill(const ratel_scheme *s, size_t i, ratel_scheme_case *out)
{
    const scheme_case *c;
    if (!s || !out || i >= s->ncases)
        return RATEL_EARG;
    c = &s->cases[i];
    out->kind = scheme_kind_names[c->kind];
    out->member = c->member;
    out->applicant = c->applicant;
    out->fee = c->fee;
    out->reason_count = c->nreasons;
    out->error = c->error;
    return RATEL_OK;
}

int (ratel_scheme_case_get)(const ratel_scheme *s, size_t i,
                            ratel_scheme_case *out, size_t size)
{
    ratel_scheme_case full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_scheme_case, error)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = scheme_case_get_fill(s, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

static int scheme_case_reason_fill(const ratel_scheme *s, size_t i, size_t k,
                                   ratel_reason *out)
{
    const scheme_case *c;
    if (!s || !out || i >= s->ncases || k >= s->cases[i].nreasons)
        return RATEL_EARG;
    c = &s->cases[i];
    out->kind = c->reasons[k].decline ? "decline" : "refer";
    out->code = c->reasons[k].code;
    out->text = c->reasons[k].text;
    return RATEL_OK;
}

int (ratel_scheme_case_reason)(const ratel_scheme *s, size_t i, size_t k,
                               ratel_reason *out, size_t size)
{
    ratel_reason full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_reason, text)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = scheme_case_reason_fill(s, i, k, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

static void int_field(buf *b, char sep, const char *k, int64_t v)
{
    buf_put_json_key(b, sep, k);
    buf_put_i64(b, v);
}

static void str_field(buf *b, char sep, const char *k, const char *v)
{
    buf_put_json_key(b, sep, k);
    if (v)
        buf_put_json_string(b, v);
    else
        buf_puts(b, "null");
}

static void write_totals(buf *b, const ratel_scheme_totals *t)
{
    buf_put_json_key(b, '\n', "members");
    int_field(b, '{', "rated", t->members);
    int_field(b, ',', "accepted", t->accepted);
    int_field(b, ',', "referred", t->referred);
    int_field(b, ',', "refused", t->refused);
    int_field(b, ',', "failed", t->failed);
    buf_puts(b, "},");
    buf_put_json_key(b, '\n', "totals");
    int_field(b, '{', "fees", t->fees);
    int_field(b, ',', "fixed_fees", t->fixed_fees);
    int_field(b, ',', "top_up_fees", t->top_up_fees);
    int_field(b, ',', "admin_fees", t->admin_fees);
    int_field(b, ',', "insurer_premium", t->insurer_premium);
    int_field(b, ',', "minimum_premium", t->minimum_premium);
    int_field(b, ',', "shortfall", t->shortfall);
    int_field(b, ',', "referred_fees", t->referred_fees);
    buf_puts(b, "},");
}

static void write_tiers(buf *b, const ratel_scheme *s)
{
    size_t i;
    buf_put_json_key(b, '\n', "tiers");
    buf_putc(b, '[');
    for (i = 0; i < s->ntiers; i++) {
        ratel_scheme_tier t;
        scheme_tier_get_fill(s, i, &t);
        buf_puts(b, i ? ",\n  " : "\n  ");
        str_field(b, '{', "tier", t.name);
        int_field(b, ',', "members", t.members);
        int_field(b, ',', "fees", t.fees);
        int_field(b, ',', "fixed_fees", t.fixed_fees);
        int_field(b, ',', "top_ups", t.top_ups);
        int_field(b, ',', "top_up_fees", t.top_up_fees);
        int_field(b, ',', "admin_fees", t.admin_fees);
        /* where it sorts, and where the account first saw it (0
         * first): what a merge needs of an account read back
         * (ratel_scheme_parse); tier_order null: by first seen */
        buf_put_json_key(b, ',', "tier_order");
        if (t.has_tier_order)
            buf_put_i64(b, t.tier_order);
        else
            buf_puts(b, "null");
        int_field(b, ',', "first_seen", (int64_t)t.first_seen);
        buf_putc(b, '}');
    }
    buf_puts(b, "],");
}

/* "reasons":[{"kind":..,"code":..,"text":..},...] */
static void write_reasons(buf *b, const scheme_case *c)
{
    size_t k;
    buf_put_json_key(b, ',', "reasons");
    buf_putc(b, '[');
    for (k = 0; k < c->nreasons; k++) {
        if (k)
            buf_putc(b, ',');
        str_field(b, '{', "kind", c->reasons[k].decline ? "decline"
                                                        : "refer");
        str_field(b, ',', "code", c->reasons[k].code);
        str_field(b, ',', "text", c->reasons[k].text);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* The cases of one kind: "referred", "refused" or "failed". */
static void write_cases(buf *b, const ratel_scheme *s, scheme_case_kind kind,
                        char sep)
{
    size_t i;
    int n = 0;
    buf_put_json_key(b, sep, scheme_kind_names[kind]);
    buf_putc(b, '[');
    for (i = 0; i < s->ncases; i++) {
        const scheme_case *c = &s->cases[i];
        if (c->kind != kind)
            continue;
        buf_puts(b, n++ ? ",\n  " : "\n  ");
        str_field(b, '{', "member", c->member);
        if (kind == SCHEME_FAILED) {
            str_field(b, ',', "error", c->error);
        } else {
            str_field(b, ',', "applicant", c->applicant);
            if (kind == SCHEME_REFERRED)
                int_field(b, ',', "fee", c->fee);
            write_reasons(b, c);
        }
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

int ratel_scheme_json(const ratel_scheme *s, char **out, size_t *len)
{
    ratel_scheme_totals t;
    buf b;
    if (out)
        *out = NULL;
    if (!s || !out)
        return RATEL_EARG;
    scheme_totals_get_fill(s, &t);
    buf_init(&b);
    int_field(&b, '{', "format_version", 1);
    buf_putc(&b, ',');
    buf_put_json_key(&b, '\n', "plan");
    str_field(&b, '{', "id", t.plan_id);
    str_field(&b, ',', "version", t.plan_version);
    buf_puts(&b, "},");
    str_field(&b, '\n', "currency", t.currency);
    buf_putc(&b, ',');
    write_totals(&b, &t);
    write_tiers(&b, s);
    write_cases(&b, s, SCHEME_REFERRED, '\n');
    buf_putc(&b, ',');
    write_cases(&b, s, SCHEME_REFUSED, '\n');
    buf_putc(&b, ',');
    write_cases(&b, s, SCHEME_FAILED, '\n');
    buf_puts(&b, "}\n");
    if (b.oom) {
        buf_free(&b);
        return RATEL_ENOMEM;
    }
    if (len)
        *len = b.len;
    *out = buf_take(&b);
    return RATEL_OK;
}
