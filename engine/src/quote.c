/* quote.c - the accessors of a quote. */
#include <string.h>

#include "abi.h"
#include "quote.h"
#include "terms.h"

const char *ratel_decision_name(ratel_decision d)
{
    switch (d) {
    case RATEL_QUOTED: return "quoted";
    case RATEL_REFERRED: return "referred";
    case RATEL_DECLINED: return "declined";
    }
    return "unknown";
}

ratel_decision ratel_quote_decision(const ratel_quote *q)
{
    return q ? q->decision : RATEL_DECLINED;
}

int64_t ratel_quote_total_premium(const ratel_quote *q)
{
    return q ? q->total_premium : 0;
}

size_t ratel_quote_reason_count(const ratel_quote *q)
{
    return q ? q->nreasons : 0;
}

static const char *const kind_names[] = {"refer", "decline", "subjectivity",
                                         "authority"};

static void fill_reason(const ratel_quote *q, const res_reason *x,
                        ratel_reason *out)
{
    out->kind = kind_names[x->kind];
    out->code = quote_str(q, x->code);
    out->text = quote_str(q, x->text);
}

static int quote_reason_fill(const ratel_quote *q, size_t i, ratel_reason *out)
{
    if (!q || !out || i >= q->nreasons)
        return RATEL_EARG;
    fill_reason(q, &q->notes[i], out);
    return RATEL_OK;
}

int (ratel_quote_reason)(const ratel_quote *q, size_t i, ratel_reason *out,
                         size_t size)
{
    ratel_reason full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_reason, text)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_reason_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

size_t ratel_quote_subjectivity_count(const ratel_quote *q)
{
    return q ? q->nsubjectivities : 0;
}

static int quote_subjectivity_fill(const ratel_quote *q, size_t i,
                                   ratel_reason *out)
{
    if (!q || !out || i >= q->nsubjectivities)
        return RATEL_EARG;
    fill_reason(q, &q->notes[q->nreasons + i], out);
    return RATEL_OK;
}

int (ratel_quote_subjectivity)(const ratel_quote *q, size_t i,
                               ratel_reason *out, size_t size)
{
    ratel_reason full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_reason, text)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_subjectivity_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

int ratel_quote_authority_required(const ratel_quote *q)
{
    return q ? q->authority_required : 0;
}

int ratel_quote_authority_held(const ratel_quote *q)
{
    return q ? q->authority_held : 0;
}

size_t ratel_quote_authority_reason_count(const ratel_quote *q)
{
    return q ? q->nauthority : 0;
}

int ratel_quote_authority_reason(const ratel_quote *q, size_t i, int *level,
                                 const char **text)
{
    const res_reason *r;
    if (!q || i >= q->nauthority)
        return RATEL_EARG;
    r = &q->notes[q->nreasons + q->nsubjectivities + i];
    if (level)
        *level = r->level;
    if (text)
        *text = quote_str(q, r->text);
    return RATEL_OK;
}

size_t ratel_quote_service_count(const ratel_quote *q)
{
    return q ? q->meta->nservices : 0;
}

const char *ratel_quote_service(const ratel_quote *q, size_t i)
{
    return q && i < q->meta->nservices ? q->meta->lists[i] : NULL;
}

size_t ratel_quote_exclusion_count(const ratel_quote *q)
{
    return q ? q->meta->nexclusions : 0;
}

const char *ratel_quote_exclusion(const ratel_quote *q, size_t i)
{
    return q && i < q->meta->nexclusions
               ? q->meta->lists[q->meta->nservices + i] : NULL;
}

size_t ratel_quote_warning_count(const ratel_quote *q)
{
    return q ? q->nwarnings : 0;
}

const char *ratel_quote_warning(const ratel_quote *q, size_t i)
{
    return q && i < q->nwarnings ? quote_str(q, q->warnings[i]) : NULL;
}

size_t ratel_quote_attribute_count(const ratel_quote *q)
{
    return q ? q->nattrs : 0;
}

static int quote_attribute_fill(const ratel_quote *q, size_t i,
                                ratel_attribute *out)
{
    const res_attr *a;
    if (!q || !out || i >= q->nattrs)
        return RATEL_EARG;
    a = &q->attrs[i];
    out->name = quote_str(q, a->name);
    out->text = a->text == RES_NONE ? NULL : quote_str(q, a->text);
    out->integer = a->integer;
    return RATEL_OK;
}

int (ratel_quote_attribute)(const ratel_quote *q, size_t i,
                            ratel_attribute *out, size_t size)
{
    ratel_attribute full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_attribute, integer)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_attribute_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

static int quote_attribute_find_fill(const ratel_quote *q, const char *name,
                                     ratel_attribute *out)
{
    size_t i;
    if (!q || !name || !out)
        return RATEL_EARG;
    for (i = 0; i < q->nattrs; i++)
        if (strcmp(quote_str(q, q->attrs[i].name), name) == 0)
            return ratel_quote_attribute(q, i, out);
    return RATEL_ENOTFOUND;
}

int (ratel_quote_attribute_find)(const ratel_quote *q, const char *name,
                                 ratel_attribute *out, size_t size)
{
    ratel_attribute full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_attribute, integer)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_attribute_find_fill(q, name, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

size_t ratel_quote_coverage_count(const ratel_quote *q)
{
    return q ? q->ncoverages : 0;
}

static int quote_coverage_fill(const ratel_quote *q, size_t i, ratel_coverage *out)
{
    if (!q || !out || i >= q->ncoverages)
        return RATEL_EARG;
    out->name = quote_str(q, q->coverages[i].name);
    out->limit = q->coverages[i].limit;
    out->premium = q->coverages[i].allocated;
    return RATEL_OK;
}

int (ratel_quote_coverage)(const ratel_quote *q, size_t i, ratel_coverage *out,
                           size_t size)
{
    ratel_coverage full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_coverage, premium)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_coverage_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

size_t ratel_quote_step_count(const ratel_quote *q)
{
    return q ? q->nsteps : 0;
}

static int quote_step_fill(const ratel_quote *q, size_t i, ratel_step *out)
{
    const res_step *s;
    if (!q || !out || i >= q->nsteps)
        return RATEL_EARG;
    s = &q->steps[i];
    out->coverage = s->coverage == RES_POLICY
                        ? "policy"
                        : quote_str(q, q->coverages[s->coverage].name);
    out->label = quote_str(q, s->label);
    out->op = res_op_names[s->op];
    out->table = quote_str(q, s->table);
    out->key = quote_str(q, s->key);
    out->value = s->value;
    out->premium = s->premium;
    out->calculated = s->calculated;
    out->override_reason = quote_str(q, s->override_reason);
    return RATEL_OK;
}

int (ratel_quote_step)(const ratel_quote *q, size_t i, ratel_step *out,
                       size_t size)
{
    ratel_step full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_step, override_reason)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_step_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

const char *ratel_quote_plan_id(const ratel_quote *q)
{
    return q ? q->meta->plan_id : NULL;
}

const char *ratel_quote_plan_version(const ratel_quote *q)
{
    return q ? q->meta->plan_version : NULL;
}

const char *ratel_quote_plan_hash(const ratel_quote *q)
{
    return q ? q->meta->plan_hash : NULL;
}

const char *ratel_quote_applicant(const ratel_quote *q)
{
    return q ? quote_str(q, q->applicant) : NULL;
}

const char *ratel_quote_effective_date(const ratel_quote *q)
{
    return q ? quote_str(q, q->effective_date) : NULL;
}

size_t ratel_quote_table_count(const ratel_quote *q)
{
    return q ? q->ntables : 0;
}

/* The i-th table the quote used (i < q->ntables), in the plan's order. */
static const qmeta_table *quote_table_used(const ratel_quote *q, size_t i)
{
    uint64_t used = q->tables_used;
    size_t t;
    for (t = 0; used; t++, used >>= 1)
        if ((used & 1u) && i-- == 0)
            return &q->meta->tables[t];
    return NULL;
}

static int quote_table_fill(const ratel_quote *q, size_t i, ratel_table_used *out)
{
    const qmeta_table *t;
    if (!q || !out || i >= q->ntables)
        return RATEL_EARG;
    t = quote_table_used(q, i);
    out->name = t->name;
    out->version = t->version;
    out->effective_from = t->effective;
    out->hash = t->hash;
    return RATEL_OK;
}

int (ratel_quote_table)(const ratel_quote *q, size_t i, ratel_table_used *out,
                        size_t size)
{
    ratel_table_used full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_table_used, hash)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_table_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

int64_t ratel_quote_calculated_premium(const ratel_quote *q)
{
    return q ? q->calculated_premium : 0;
}

size_t ratel_quote_term_count(const ratel_quote *q, size_t cov)
{
    size_t i, n = 0;
    if (!q || cov >= q->ncoverages)
        return 0;
    for (i = 0; i < q->nterms; i++)
        n += q->terms[i].coverage == (int)cov;
    return n;
}

/* The n-th term of coverage `cov`, or NULL. */
static const res_term *term_at(const ratel_quote *q, size_t cov, size_t n)
{
    size_t i;
    for (i = 0; q && cov < q->ncoverages && i < q->nterms; i++)
        if (q->terms[i].coverage == (int)cov && n-- == 0)
            return &q->terms[i];
    return NULL;
}

int ratel_quote_term(const ratel_quote *q, size_t cov, size_t n,
                     const char **name, int64_t *value)
{
    const res_term *t = term_at(q, cov, n);
    if (!t)
        return RATEL_EARG;
    if (name)
        *name = quote_str(q, t->name);
    if (value)
        *value = t->priced;
    return RATEL_OK;
}

int ratel_quote_term_value(const ratel_quote *q, size_t cov,
                           const char *name, int64_t *value)
{
    size_t i;
    if (!q || !name || cov >= q->ncoverages)
        return RATEL_EARG;
    for (i = 0; i < q->nterms; i++)
        if (q->terms[i].coverage == (int)cov &&
            strcmp(quote_str(q, q->terms[i].name), name) == 0) {
            if (value)
                *value = q->terms[i].priced;
            return RATEL_OK;
        }
    return RATEL_ENOTFOUND;
}

size_t ratel_quote_difference_count(const ratel_quote *q)
{
    size_t i, n = 0;
    for (i = 0; q && i < q->nterms; i++)
        n += terms_is_difference(&q->terms[i]);
    return n;
}

static int quote_difference_fill(const ratel_quote *q, size_t index,
                                 ratel_term_difference *out)
{
    size_t i;
    for (i = 0; q && out && i < q->nterms; i++) {
        const res_term *t = &q->terms[i];
        if (!terms_is_difference(t) || index-- > 0)
            continue;
        out->coverage = quote_str(q, q->coverages[t->coverage].name);
        out->term = quote_str(q, t->name);
        out->asked = t->asked;
        out->has_asked = t->has_asked;
        out->priced = t->priced;
        out->reason = t->reason != RES_NONE ? quote_str(q, t->reason)
                                            : "PLAN_TERMS";
        return RATEL_OK;
    }
    return RATEL_EARG;
}

int (ratel_quote_difference)(const ratel_quote *q, size_t index,
                             ratel_term_difference *out, size_t size)
{
    ratel_term_difference full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_term_difference, reason)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_difference_fill(q, index, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

const char *ratel_quote_currency(const ratel_quote *q)
{
    return q ? quote_str(q, q->currency) : "";
}

int ratel_quote_currency_digits(const ratel_quote *q)
{
    /* ISO 4217 minor units of the currencies without two decimals */
    static const struct { const char *code; int digits; } odd[] = {
        {"JPY", 0}, {"KRW", 0}, {"VND", 0}, {"CLP", 0}, {"ISK", 0},
        {"UGX", 0}, {"XAF", 0}, {"XOF", 0}, {"BHD", 3}, {"KWD", 3},
        {"OMR", 3}, {"JOD", 3}, {"TND", 3}};
    const char *c = ratel_quote_currency(q);
    size_t i;
    for (i = 0; i < sizeof odd / sizeof *odd; i++)
        if (strcmp(odd[i].code, c) == 0)
            return odd[i].digits;
    return 2;
}

size_t ratel_quote_entity_count(const ratel_quote *q)
{
    return q ? q->group.n : 0;
}

static int quote_entity_fill(const ratel_quote *q, size_t i, ratel_entity *out)
{
    const group_member *m;
    if (!q || !out || i >= q->group.n)
        return RATEL_EARG;
    m = &q->group.m[i];
    out->path = m->path;
    out->name = m->name;
    out->role = m->role;
    out->included = !m->excluded;
    out->exclusion = m->excluded ? m->exclusion : NULL;
    out->standalone_premium = ratel_quote_total_premium(m->standalone);
    out->share = m->share;
    out->saving = m->excluded ? 0 : out->standalone_premium - m->share;
    return RATEL_OK;
}

int (ratel_quote_entity)(const ratel_quote *q, size_t i, ratel_entity *out,
                         size_t size)
{
    ratel_entity full;
    int rc;
    if (!abi_size_ok(out, size, ABI_END(ratel_entity, saving)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = quote_entity_fill(q, i, &full);
    if (rc == RATEL_OK)
        abi_copy_out(out, size, &full, sizeof full);
    return rc;
}

const ratel_quote *ratel_quote_entity_quote(const ratel_quote *q, size_t i)
{
    return q && i < q->group.n ? q->group.m[i].standalone : NULL;
}
