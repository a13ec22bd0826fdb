/* quote.c - building a quote from a rating result, and its accessors. */
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "quote.h"

/* Copies n records of `size` bytes; NULL only when n > 0 and out of
 * memory (then *fail is set). */
static void *dup_records(const void *src, size_t n, size_t size, int *fail)
{
    void *p;
    if (n == 0)
        return NULL;
    p = malloc(n * size);
    if (!p)
        *fail = 1;
    else
        memcpy(p, src, n * size);
    return p;
}

ratel_quote *quote_from_result(rate_result *r, ratel_decision decision,
                               int64_t total, const plan_def *plan,
                               const tbl_table *const *tables,
                               const struct ratel_decl *d)
{
    ratel_quote *q = calloc(1, sizeof *q);
    char date[11];
    size_t i, nt = 0;
    int fail = 0, k;
    if (!q)
        return NULL;
    q->decision = decision;
    q->total_premium = q->calculated_premium = total;
    q->plan_id = res_str(r, plan->id, strlen(plan->id));
    q->plan_version = res_str(r, plan->version, strlen(plan->version));
    q->plan_hash = res_str(r, plan->hash, strlen(plan->hash));
    q->plan_insurer = res_str(r, plan->insurer, strlen(plan->insurer));
    q->plan_product = res_str(r, plan->product, strlen(plan->product));
    q->applicant = res_str(r, d->name ? d->name : "",
                           d->name ? strlen(d->name) : 0);
    decl_date_format(d->effective_date, date);
    q->effective_date = res_str(r, date, 10);
    q->tables = calloc(plan->ntables ? plan->ntables : 1, sizeof *q->tables);
    if (!q->tables)
        fail = 1;
    for (i = 0; !fail && i < plan->ntables && i < 64; i++) {
        const tbl_table *t = tables[i];
        if (!(r->tables_used >> i & 1u))
            continue;
        q->tables[nt].name = res_str(r, t->name, strlen(t->name));
        q->tables[nt].version = res_str(r, t->version, strlen(t->version));
        q->tables[nt].effective = res_str(r, t->effective_str, 10);
        q->tables[nt].hash = res_str(r, t->hash, strlen(t->hash));
        nt++;
    }
    q->ntables = nt;
    q->nservices = plan->nservices;
    q->nexclusions = plan->nexclusions;
    if (q->nservices + q->nexclusions) {
        q->plan_lists = malloc((q->nservices + q->nexclusions) *
                               sizeof *q->plan_lists);
        if (!q->plan_lists)
            fail = 1;
        for (i = 0; !fail && i < q->nservices + q->nexclusions; i++) {
            const char *s = i < q->nservices
                                ? plan->services[i]
                                : plan->exclusions[i - q->nservices];
            q->plan_lists[i] = res_str(r, s, strlen(s));
        }
    }
    if (r->arena.oom || fail) {
        ratel_quote_free(q);
        return NULL;
    }
    q->arena = malloc(r->arena.len + 1);
    if (!q->arena) {
        ratel_quote_free(q);
        return NULL;
    }
    memcpy(q->arena, r->arena.data, r->arena.len + 1);
    q->steps = dup_records(r->steps, r->nsteps, sizeof *r->steps, &fail);
    q->nsteps = r->nsteps;
    q->coverages = dup_records(r->coverages, r->ncoverages,
                               sizeof *r->coverages, &fail);
    q->ncoverages = r->ncoverages;
    if (r->nreasons && !(q->notes = malloc(r->nreasons * sizeof *q->notes)))
        fail = 1;
    for (k = 0; !fail && k < 3; k++) {
        static const res_kind groups[3][2] = {{RES_REFER, RES_DECLINE},
                                              {RES_SUBJECTIVITY, RES_SUBJECTIVITY},
                                              {RES_AUTHORITY, RES_AUTHORITY}};
        size_t *count = k == 0 ? &q->nreasons
                                : k == 1 ? &q->nsubjectivities : &q->nauthority;
        for (i = 0; i < r->nreasons; i++)
            if (r->reasons[i].kind == groups[k][0] ||
                r->reasons[i].kind == groups[k][1]) {
                q->notes[q->nreasons + q->nsubjectivities + q->nauthority] =
                    r->reasons[i];
                (*count)++;
            }
    }
    q->authority_required = r->authority_required;
    q->authority_held = r->authority;
    q->warnings = dup_records(r->warnings, r->nwarnings,
                              sizeof *r->warnings, &fail);
    q->nwarnings = r->nwarnings;
    if (fail) {
        ratel_quote_free(q);
        return NULL;
    }
    return q;
}

void ratel_quote_free(ratel_quote *q)
{
    if (!q)
        return;
    free(q->arena);
    free(q->steps);
    free(q->coverages);
    free(q->notes);
    free(q->warnings);
    free(q->tables);
    free(q->plan_lists);
    free(q->json);
    free(q);
}

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

int ratel_quote_reason(const ratel_quote *q, size_t i, ratel_reason *out)
{
    if (!q || !out || i >= q->nreasons)
        return RATEL_EARG;
    fill_reason(q, &q->notes[i], out);
    return RATEL_OK;
}

size_t ratel_quote_subjectivity_count(const ratel_quote *q)
{
    return q ? q->nsubjectivities : 0;
}

int ratel_quote_subjectivity(const ratel_quote *q, size_t i,
                             ratel_reason *out)
{
    if (!q || !out || i >= q->nsubjectivities)
        return RATEL_EARG;
    fill_reason(q, &q->notes[q->nreasons + i], out);
    return RATEL_OK;
}

int ratel_quote_authority_required(const ratel_quote *q)
{
    return q ? q->authority_required : 0;
}

size_t ratel_quote_warning_count(const ratel_quote *q)
{
    return q ? q->nwarnings : 0;
}

const char *ratel_quote_warning(const ratel_quote *q, size_t i)
{
    return q && i < q->nwarnings ? quote_str(q, q->warnings[i]) : NULL;
}

size_t ratel_quote_coverage_count(const ratel_quote *q)
{
    return q ? q->ncoverages : 0;
}

int ratel_quote_coverage(const ratel_quote *q, size_t i, ratel_coverage *out)
{
    if (!q || !out || i >= q->ncoverages)
        return RATEL_EARG;
    out->name = quote_str(q, q->coverages[i].name);
    out->limit = q->coverages[i].limit;
    out->premium = q->coverages[i].allocated;
    return RATEL_OK;
}

size_t ratel_quote_step_count(const ratel_quote *q)
{
    return q ? q->nsteps : 0;
}

int ratel_quote_step(const ratel_quote *q, size_t i, ratel_step *out)
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

const char *ratel_quote_plan_id(const ratel_quote *q)
{
    return q ? quote_str(q, q->plan_id) : NULL;
}

const char *ratel_quote_plan_version(const ratel_quote *q)
{
    return q ? quote_str(q, q->plan_version) : NULL;
}

const char *ratel_quote_plan_hash(const ratel_quote *q)
{
    return q ? quote_str(q, q->plan_hash) : NULL;
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

int ratel_quote_table(const ratel_quote *q, size_t i, ratel_table_used *out)
{
    if (!q || !out || i >= q->ntables)
        return RATEL_EARG;
    out->name = quote_str(q, q->tables[i].name);
    out->version = quote_str(q, q->tables[i].version);
    out->effective_from = quote_str(q, q->tables[i].effective);
    out->hash = quote_str(q, q->tables[i].hash);
    return RATEL_OK;
}

int64_t ratel_quote_calculated_premium(const ratel_quote *q)
{
    return q ? q->calculated_premium : 0;
}
