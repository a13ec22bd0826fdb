/* scenario_build.c - a scenario made into a loss by category for one
 * declaration: the exposure read from the declaration (a group's
 * companies summed), amounts per personal record, the JNSA leak model,
 * business interruption from revenue, and the PML (scenario.h). */
#include "scenario.h"

#include <stdio.h>
#include <string.h>

#define M 1000000

/* Adds the money or integer field `path` (absent: 0) to *sum; RATEL_OK
 * or the getter's error. */
static int add_field(const ratel_decl *d, const char *path, int64_t *sum)
{
    int64_t v = 0;
    int rc = ratel_decl_get_int(d, path, &v);
    if (rc == RATEL_ENOTFOUND && ratel_decl_given(d, path) == 0)
        rc = RATEL_OK; /* a field without a default, not given */
    if (rc == RATEL_OK)
        *sum += v;
    return rc;
}

int scenario_exposure_read(scenario_exposure *x, const ratel_decl *decl,
                           ratel_err *e)
{
    static const char *const fields[] = {"revenue", "personal_records",
                                         "employees"};
    size_t i, k, n = 0;
    const char *industry = NULL;
    memset(x, 0, sizeof *x);
    if (ratel_decl_get_count(decl, "entities", &n) != RATEL_OK)
        n = 0; /* a schema without groups */
    for (i = 0; i <= n; i++) {
        int64_t *sums[3];
        sums[0] = &x->revenue;
        sums[1] = &x->records;
        sums[2] = &x->employees;
        for (k = 0; k < 3; k++) {
            char path[96];
            if (i == 0)
                snprintf(path, sizeof path, "applicant.%s", fields[k]);
            else
                snprintf(path, sizeof path, "entities[%zu].applicant.%s",
                         i - 1, fields[k]);
            if (add_field(decl, path, sums[k]) != RATEL_OK)
                return err_set(e, RATEL_EDECL, "the comparison needs %s, "
                               "which the declaration's schema '%s' does "
                               "not have", path, ratel_decl_schema(decl));
        }
    }
    x->companies = n + 1;
    if (ratel_decl_get_string(decl, "applicant.industry", &industry) ==
        RATEL_OK && industry)
        x->finance = strcmp(industry, "finance") == 0;
    return RATEL_OK;
}

int64_t scenario_jnsa_per_person(int distress, int economic,
                                 int identifiability, int social,
                                 int response)
{
    static const int64_t tens[] = {1, 10, 100}, fives[] = {1, 5, 25};
    return 500 * (tens[distress - 1] + fives[economic - 1]) *
           identifiability * social * response;
}

/* The term of a leak, or its default. */
static int leak_term(int given, int dflt)
{
    return given > 0 ? given : dflt;
}

/* JNSA's 2024 SME reference costs, at the top of each range. */
#define LEAK_FORENSICS (4 * M)          /* investigation 3-4m */
#define LEAK_LEGAL (2 * M)              /* legal 0.3-1m + consulting 0.1-1m */
#define LEAK_NOTIFY_PER_PERSON 780      /* letters 130 + gifts 650 */
#define LEAK_CALL_CENTRE (10 * M)       /* three months: 7-10m */
#define LEAK_REPUTATION (9 * M)         /* 3-9m */
#define LEAK_MONITORING (15 * M)        /* three months at 1-5m a month,
                                           for credit information */

static void build_leak(const scenario_def *d, int64_t records,
                       const scenario_exposure *x, scenario_loss *out)
{
    int64_t *a = out->loss.amount;
    int economic = leak_term(d->economic, 1);
    /* a large company (more than 300 staff) or finance is "higher than
     * general" (2), an SME "general" (1) */
    int social = leak_term(d->social,
                           x->finance || x->employees > 300 ? 2 : 1);
    out->per_person = scenario_jnsa_per_person(
        leak_term(d->distress, 1), economic,
        leak_term(d->identifiability, 6), social, leak_term(d->response, 1));
    if (records == 0)
        return;
    a[SETTLE_THIRD_PARTY_DAMAGES] = settle_muldiv(out->per_person, records,
                                                  1);
    a[SETTLE_FORENSIC_INVESTIGATION] = LEAK_FORENSICS;
    a[SETTLE_LEGAL_CONSULTING] = LEAK_LEGAL;
    a[SETTLE_NOTIFICATION_APOLOGY] = LEAK_NOTIFY_PER_PERSON * records;
    a[SETTLE_CALL_CENTRE] = LEAK_CALL_CENTRE;
    a[SETTLE_REPUTATION_RESPONSE] = LEAK_REPUTATION;
    if (economic == 3)
        a[SETTLE_CREDIT_MONITORING] = LEAK_MONITORING;
}

/* Lost profit and extra expense over `days` from the revenue lost. */
static void build_bi(const scenario_def *d, int64_t days,
                     const scenario_exposure *x, scenario_loss *out)
{
    int lost = d->revenue_lost_pct >= 0 ? d->revenue_lost_pct : 100;
    int margin = d->margin_pct >= 0 ? d->margin_pct : 30;
    int extra = d->extra_expense_pct >= 0 ? d->extra_expense_pct : 5;
    int64_t revenue_lost = settle_muldiv(x->revenue, days * lost, 365 * 100);
    out->loss.amount[SETTLE_LOST_PROFIT] =
        settle_muldiv(revenue_lost, margin, 100);
    out->loss.amount[SETTLE_EXTRA_EXPENSE] =
        settle_muldiv(revenue_lost, extra, 100);
    out->loss.outage_hours = days * 24;
}

int scenario_build(const scenario_def *d, const scenario_exposure *x,
                   scenario_loss *out, ratel_err *e)
{
    int64_t records = d->records >= 0 ? d->records : x->records;
    int64_t days = d->outage_days >= 0 ? d->outage_days : 0;
    int c;
    memset(out, 0, sizeof *out);
    switch (d->kind) {
    case SCENARIO_LEAK:
        build_leak(d, records, x, out);
        break;
    case SCENARIO_BI:
        build_bi(d, days > 0 ? days : 30, x, out);
        break;
    default:
        for (c = 0; c < SETTLE_NCATEGORIES; c++) {
            int64_t *a = &out->loss.amount[c];
            if (d->amount[c] > 0)
                *a += d->amount[c];
            if (d->per_record[c] > 0 && records > 0) {
                if (d->per_record[c] > RATEL_MONEY_MAX / records)
                    *a = RATEL_MONEY_MAX + 1; /* refused below */
                else
                    *a += d->per_record[c] * records;
            }
        }
        out->loss.outage_hours = days * 24;
        break;
    }
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        if (out->loss.amount[c] > RATEL_MONEY_MAX ||
            out->total > RATEL_MONEY_MAX - out->loss.amount[c])
            return err_set(e, RATEL_ERESULT, "%s (%s): the loss is above "
                           "10^15 yen", d->path[0] ? d->path : d->id, d->id);
        out->total += out->loss.amount[c];
    }
    out->records = d->kind == SCENARIO_BI ? 0 : records;
    return RATEL_OK;
}

int scenario_pml(const scenario_exposure *x, scenario_loss *out,
                 ratel_err *e)
{
    scenario_def d;
    scenario_loss worst, one;
    int c, rc;
    const char *const ids[] = {"ransomware", "leak"};
    size_t i;
    memset(&worst, 0, sizeof worst);
    for (i = 0; i < 2; i++) {
        if (scenario_shipped_def(ids[i], &d) ||
            (rc = scenario_build(&d, x, &one, e)))
            return err_set(e, RATEL_ERESULT, "the PML: %s", e->message);
        for (c = 0; c < SETTLE_NCATEGORIES; c++)
            if (one.loss.amount[c] > worst.loss.amount[c])
                worst.loss.amount[c] = one.loss.amount[c];
        if (one.per_person)
            worst.per_person = one.per_person;
        worst.records = one.records;
    }
    scenario_def_init(&d, SCENARIO_BI);
    strcpy(d.id, "pml");
    d.outage_days = SCENARIO_PML_DAYS;
    if ((rc = scenario_build(&d, x, &one, e)))
        return rc;
    worst.loss.amount[SETTLE_LOST_PROFIT] = one.loss.amount[SETTLE_LOST_PROFIT];
    worst.loss.amount[SETTLE_EXTRA_EXPENSE] =
        one.loss.amount[SETTLE_EXTRA_EXPENSE];
    worst.loss.outage_hours = one.loss.outage_hours;
    *out = worst;
    out->total = 0;
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        if (out->total > RATEL_MONEY_MAX - out->loss.amount[c])
            return err_set(e, RATEL_ERESULT, "the PML is above 10^15 yen");
        out->total += out->loss.amount[c];
    }
    return RATEL_OK;
}
