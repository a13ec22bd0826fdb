/* lint_smoke.c - `ratel lint` check 5: rates a built-in set of sample
 * declarations (each industry, small and large revenue, an incident of
 * each type, all controls, all certifications, BI cover) with the plan, on
 * its effective date and on each later date a declared table changes
 * version. A plan error, a limit hit or an invalid result is an error. */
#include "lint_checks.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMOKE_MAX_DATES 16
#define SMALL_REVENUE 300000000       /* JPY 300m */
#define LARGE_REVENUE 20000000000LL   /* JPY 20bn */

typedef struct sample {
    char label[96];
    const char *industry;
    int64_t revenue;
    const char *incident; /* a type, or NULL for none */
    int controls, certifications, bi;
} sample;

/* The codes of the field at `path` of the plan's schema; NULL when the
 * schema has no such field. */
static const char *const *codes_of(const ratel_engine *eng,
                                   const char *schema, const char *path,
                                   size_t *n)
{
    ratel_schema_field f;
    if (cli_schema_field(eng, schema, path, &f) != 0 || f.ncodes == 0)
        return NULL;
    *n = f.ncodes;
    return f.codes;
}

/* Sets the fields of s on d; the first failing setter's code. */
static int fill(ratel_decl *d, ratel_ctx *ctx, const sample *s,
                const char *date, const char *incident_date,
                const char *schema)
{
    const struct {
        const char *path;
        int64_t value;
    } ints[] = {
        {"applicant.revenue", s->revenue},
        {"applicant.employees", s->revenue > SMALL_REVENUE ? 800 : 40},
        {"applicant.personal_records", 20000},
        {"request.liability_limit", 100000000},
        {"request.expense_limit", 30000000},
        {"request.deductible", 100000},
        {"request.coinsurance_pct", 100},
        {"request.bi_limit", s->bi ? 20000000 : 0},
        {"request.bi_waiting_hours", s->bi ? 12 : 0},
    };
    size_t i, n = 0, index;
    const char *const *w;
    const ratel_engine *eng = ratel_ctx_engine(ctx);
    int rc = ratel_decl_set_string(d, ctx, "effective_date", date);

    if (rc == RATEL_OK)
        rc = ratel_decl_set_string(d, ctx, "applicant.name",
                                   "ratel lint sample");
    if (rc == RATEL_OK)
        rc = ratel_decl_set_string(d, ctx, "applicant.industry",
                                   s->industry);
    for (i = 0; rc == RATEL_OK && i < sizeof ints / sizeof ints[0]; i++)
        rc = ratel_decl_set_int(d, ctx, ints[i].path, ints[i].value);
    if (rc == RATEL_OK && s->incident != NULL &&
        (rc = ratel_decl_append(d, ctx, "incidents", &index)) == RATEL_OK) {
        char path[64];
        snprintf(path, sizeof path, "incidents[%zu].date", index);
        rc = ratel_decl_set_string(d, ctx, path, incident_date);
        snprintf(path, sizeof path, "incidents[%zu].type", index);
        if (rc == RATEL_OK)
            rc = ratel_decl_set_string(d, ctx, path, s->incident);
        snprintf(path, sizeof path, "incidents[%zu].paid", index);
        if (rc == RATEL_OK)
            rc = ratel_decl_set_int(d, ctx, path, 2000000);
    }
    w = codes_of(eng, schema, "controls", &n);
    for (i = 0; rc == RATEL_OK && w && i < n; i++) {
        char path[128];
        snprintf(path, sizeof path, "controls.%s", w[i]);
        rc = ratel_decl_set_bool(d, ctx, path, s->controls);
    }
    w = codes_of(eng, schema, "certifications", &n);
    for (i = 0; rc == RATEL_OK && w && s->certifications && i < n; i++) {
        char path[128];
        snprintf(path, sizeof path, "certifications.%s", w[i]);
        rc = ratel_decl_set_bool(d, ctx, path, 1);
    }
    return rc;
}

/* The samples; *n receives how many (0 when the plan's schema is not
 * the cyber schema the samples are written for). The caller frees the
 * array. */
static sample *make_samples(const ratel_engine *eng, const char *schema,
                            size_t *n)
{
    size_t ni = 0, nt = 0, i, k = 0;
    const char *const *ind = codes_of(eng, schema, "applicant.industry", &ni);
    const char *const *typ = codes_of(eng, schema, "incidents[].type", &nt);
    sample *s;

    *n = 0;
    if (!ind || !typ)
        return calloc(1, sizeof *s);
    s = calloc(ni + nt + 4, sizeof *s);
    if (s == NULL)
        return NULL;
    for (i = 0; i < ni + nt + 4; i++) {
        s[i].industry = ind[i % ni];
        s[i].revenue = SMALL_REVENUE;
    }
    for (i = 0; i < ni; i++, k++)
        snprintf(s[k].label, sizeof s[k].label, "industry %s", ind[i]);
    for (i = 0; i < nt; i++, k++) {
        s[k].incident = typ[i];
        snprintf(s[k].label, sizeof s[k].label, "an incident of type %s",
                 typ[i]);
    }
    s[k].revenue = LARGE_REVENUE;
    snprintf(s[k++].label, sizeof s[0].label, "revenue JPY 20bn");
    s[k].controls = 1;
    snprintf(s[k++].label, sizeof s[0].label, "all controls in place");
    s[k].certifications = 1;
    snprintf(s[k++].label, sizeof s[0].label, "every certification");
    s[k].bi = 1;
    snprintf(s[k++].label, sizeof s[0].label, "BI cover JPY 20m");
    *n = k;
    return s;
}

/* The plan's effective date and every later effective_from of a table it
 * declares; returns how many (at most SMOKE_MAX_DATES). */
static size_t rating_dates(const ratel_engine *eng, const ratel_plan_info *pi,
                           char dates[][11])
{
    size_t n = 0, t, nt = ratel_engine_table_count(eng), i, j;

    snprintf(dates[n++], 11, "%s", pi->effective_date);
    for (t = 0; t < nt && n < SMOKE_MAX_DATES; t++) {
        ratel_table_info ti;
        int seen = 0;
        if (ratel_engine_table(eng, t, &ti) != RATEL_OK ||
            strcmp(ti.effective_from, pi->effective_date) <= 0)
            continue;
        for (i = 0; i < pi->ntables; i++)
            if (strcmp(pi->tables[i], ti.name) == 0)
                seen = -1; /* declared */
        for (j = 0; seen < 0 && j < n; j++)
            if (strcmp(dates[j], ti.effective_from) == 0)
                seen = 1;
        if (seen < 0)
            snprintf(dates[n++], 11, "%s", ti.effective_from);
    }
    return n;
}

/* A year before `date`, for an incident inside any lookback. */
static void year_before(const char *date, char out[32])
{
    int y = atoi(date);
    snprintf(out, 32, "%04d%s", y > 1900 ? y - 1 : y,
             strcmp(date + 4, "-02-29") == 0 ? "-02-28" : date + 4);
}

static int report(lint_report *r, const lint_source *src, ratel_ctx *ctx,
                  int rc, const sample *s, const char *date)
{
    int fatal = rc == RATEL_ESCRIPT || rc == RATEL_ELIMIT ||
                rc == RATEL_ERESULT;
    int line = fatal ? ratel_ctx_errline(ctx) : 0;
    const char *msg = lint_strip_where(ratel_ctx_errmsg(ctx), src->path);

    if (msg == NULL || *msg == '\0')
        msg = ratel_strerror(rc);
    if (lint_has(r, LINT_CHECK_SMOKE, line, msg))
        return 0;
    if (fatal)
        return lint_add(r, line, LINT_ERROR, LINT_CHECK_SMOKE,
                        "%s (rating the sample with %s, effective %s)", msg,
                        s->label, date);
    return lint_add(r, line, LINT_WARNING, LINT_CHECK_SMOKE,
                    "%s (the sample with %s, effective %s, was not rated)",
                    msg, s->label, date);
}

static int rate_sample(lint_report *r, const lint_source *src,
                       ratel_ctx *ctx, const ratel_plan_info *pi,
                       const sample *s, const char *date)
{
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    char incident_date[32];
    int rc;

    ratel_rate_options o;
    year_before(date, incident_date);
    if ((rc = ratel_decl_new(&d, ctx, pi->schema)) != RATEL_OK)
        return lint_add(r, 0, LINT_WARNING, LINT_CHECK_SMOKE,
                        "smoke run stopped: %s", ratel_strerror(rc));
    rc = fill(d, ctx, s, date, incident_date, pi->schema);
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = pi->id;
    o.flags = RATEL_RATE_NO_WORKSHEET;
    if (rc == RATEL_OK)
        rc = ratel_rate(&q, ctx, d, &o);
    ratel_quote_free(q);
    ratel_decl_free(d);
    return rc == RATEL_OK ? 0 : report(r, src, ctx, rc, s, date);
}

int lint_check_smoke(lint_report *r, const lint_source *src,
                     ratel_engine *eng, const ratel_plan_info *pi)
{
    char dates[SMOKE_MAX_DATES][11];
    size_t ns = 0, nd, i, j;
    sample *s = make_samples(eng, pi->schema, &ns);
    ratel_ctx *ctx = NULL;
    int rc = 0, err;

    if (s == NULL)
        return lint_add(r, 0, LINT_WARNING, LINT_CHECK_SMOKE,
                        "smoke run skipped: out of memory");
    if ((err = ratel_ctx_new(&ctx, eng)) != RATEL_OK) {
        free(s);
        return lint_add(r, 0, LINT_WARNING, LINT_CHECK_SMOKE,
                        "smoke run skipped: %s", ratel_strerror(err));
    }
    nd = rating_dates(eng, pi, dates);
    for (j = 0; j < nd; j++)
        for (i = 0; i < ns; i++)
            rc |= rate_sample(r, src, ctx, pi, &s[i], dates[j]);
    ratel_ctx_free(ctx);
    free(s);
    return rc;
}
