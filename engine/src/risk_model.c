/* risk_model.c - the loss model of one company from rate tables: for each
 * peril a frequency (base x industry x revenue band x controls x loss
 * history) and a severity (scaled by personal records where the table
 * says so). The tables and their sources: docs/structures.md and the
 * headers of tables/risk_*.csv. An underwriter adjusts the model as any
 * rate: a new version of a table. */
#include "risk.h"

#include <stdio.h>
#include <string.h>

const char *const risk_peril_names[RISK_NPERILS] = {
    "ransomware", "data_breach", "business_email_compromise", "ddos",
    "malware", "other"};

typedef struct model_tables {
    const tbl_table *frequency, *severity, *industry, *revenue, *controls,
        *history, *records;
} model_tables;

static int find_table(const tbl_table **out, const tbl_set *set,
                      const char *name, int32_t date, ratel_err *e)
{
    if ((*out = tbl_find(set, name, date)) != NULL)
        return RATEL_OK;
    return err_set(e, RATEL_ENOTFOUND, "loss model: table %s has no version "
                   "in force on the effective date", name);
}

static int find_all(model_tables *t, const tbl_set *set, int32_t date,
                    ratel_err *e)
{
    int rc;
    if ((rc = find_table(&t->frequency, set, "risk_frequency", date, e)) ||
        (rc = find_table(&t->severity, set, "risk_severity", date, e)) ||
        (rc = find_table(&t->industry, set, "risk_industry", date, e)) ||
        (rc = find_table(&t->revenue, set, "risk_revenue", date, e)) ||
        (rc = find_table(&t->controls, set, "risk_controls", date, e)) ||
        (rc = find_table(&t->history, set, "risk_history", date, e)) ||
        (rc = find_table(&t->records, set, "risk_records", date, e)))
        return rc;
    return RATEL_OK;
}

/* The index of value column `name` of t, or -1. */
static int value_index(const tbl_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->nvalues; i++)
        if (strcmp(t->value_names[i], name) == 0)
            return i;
    return -1;
}

static int key_index(const tbl_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->nkeys; i++)
        if (strcmp(t->key_names[i], name) == 0)
            return i;
    return -1;
}

/* The values of the row of text key `key`, by the names in `names`. */
static int lookup_text(const tbl_table *t, const char *key,
                       const char *const *names, size_t n, double *out,
                       ratel_err *e)
{
    tbl_key k;
    double row[32];
    size_t i;
    memset(&k, 0, sizeof k);
    k.is_text = 1;
    k.s = key;
    k.len = strlen(key);
    if (t->nkeys != 1 || t->nvalues > 32 || tbl_lookup(t, &k, 1, row) != 0)
        return err_set(e, RATEL_ENOTFOUND, "loss model: table %s has no row "
                       "for %s", t->name, key);
    for (i = 0; i < n; i++) {
        int v = value_index(t, names[i]);
        if (v < 0)
            return err_set(e, RATEL_ETABLE, "loss model: table %s has no "
                           "column %s", t->name, names[i]);
        out[i] = row[v];
    }
    return RATEL_OK;
}

static int lookup_number(const tbl_table *t, double x, const char *name,
                         double *out, ratel_err *e)
{
    tbl_key k;
    double row[32];
    int v = value_index(t, name);
    memset(&k, 0, sizeof k);
    k.num = x;
    if (v < 0 || t->nkeys != 1 || t->nvalues > 32 ||
        tbl_lookup(t, &k, 1, row) != 0)
        return err_set(e, RATEL_ENOTFOUND, "loss model: table %s has no %s "
                       "for %.0f", t->name, name, x);
    *out = row[v];
    return RATEL_OK;
}

static int in_place(const risk_exposure *x, const char *control)
{
    size_t i;
    for (i = 0; i < x->ncontrols; i++)
        if (strcmp(x->controls[i], control) == 0)
            return 1;
    return 0;
}

/* The product of the controls' factors for `peril`: the rows of
 * risk_controls naming it, "with" when the control is in place. */
static int controls_factor(const tbl_table *t, const risk_exposure *x,
                           const char *peril, double *out, ratel_err *e)
{
    int kc = key_index(t, "control"), kp = key_index(t, "peril");
    int vw = value_index(t, "with"), vo = value_index(t, "without");
    size_t r;
    if (kc < 0 || kp < 0 || vw < 0 || vo < 0 || t->kind != TBL_EXACT)
        return err_set(e, RATEL_ETABLE, "loss model: table %s needs keys "
                       "control, peril and values with, without", t->name);
    *out = 1.0;
    for (r = 0; r < t->nrows; r++) {
        const tbl_cell *keys = t->keys + r * (size_t)t->nkeys;
        const double *v = t->values + r * (size_t)t->nvalues;
        if (!keys[kp].s || strcmp(keys[kp].s, peril) != 0 || !keys[kc].s)
            continue;
        *out *= in_place(x, keys[kc].s) ? v[vw] : v[vo];
    }
    return RATEL_OK;
}

static size_t incidents_in_lookback(const risk_exposure *x)
{
    size_t i, n = 0;
    for (i = 0; i < x->nincidents; i++)
        if (x->incident_dates[i] <= x->date &&
            x->incident_dates[i] > x->date - RISK_LOOKBACK_DAYS)
            n++;
    return n;
}

static int bad_parameter(ratel_err *e, const char *table, const char *peril,
                         const char *why)
{
    return err_set(e, RATEL_ETABLE, "loss model: %s[%s]: %s", table, peril,
                   why);
}

static int build_peril(risk_model *m, size_t p, const model_tables *t,
                       const risk_exposure *x, double industry,
                       double revenue, double history, ratel_err *e)
{
    static const char *const fnames[] = {"mean", "dispersion"};
    static const char *const snames[] = {"kind", "mu", "sigma", "alpha",
                                         "theta", "per_record"};
    const char *name = risk_peril_names[p];
    risk_peril *pe = &m->perils[p];
    risk_peril_basis *b = &m->basis[p];
    double f[2], s[6], controls = 1.0;
    char why[128];
    int rc;
    if ((rc = lookup_text(t->frequency, name, fnames, 2, f, e)) ||
        (rc = lookup_text(t->severity, name, snames, 6, s, e)) ||
        (rc = controls_factor(t->controls, x, name, &controls, e)))
        return rc;
    pe->name = name;
    pe->freq.kind = f[1] > 0 ? RISK_FREQ_NEGBIN : RISK_FREQ_POISSON;
    pe->freq.beta = f[1];
    pe->freq.mean = f[0] * industry * revenue * controls * history;
    if (risk_freq_init(&pe->freq, why, sizeof why))
        return bad_parameter(e, "risk_frequency", name, why);
    memset(&pe->sev, 0, sizeof pe->sev);
    pe->sev.kind = (risk_sev_kind)(int)s[0];
    pe->sev.mu = s[1];
    pe->sev.sigma = s[2];
    pe->sev.alpha = s[3];
    pe->sev.theta = s[4];
    if ((double)(int)s[0] != s[0] || risk_sev_init(&pe->sev, why, sizeof why))
        return bad_parameter(e, "risk_severity", name,
                             (double)(int)s[0] != s[0] ? "kind must be 1, 2 "
                             "or 3" : why);
    b->base_mean = f[0];
    b->industry = industry;
    b->revenue = revenue;
    b->controls = controls;
    b->history = history;
    b->severity_scale = 1.0;
    if (s[5] != 0) {
        if ((rc = lookup_number(t->records, (double)x->personal_records,
                                "scale", &b->severity_scale, e)))
            return rc;
        if (!(b->severity_scale > 0))
            return bad_parameter(e, "risk_records", name,
                                 "the scale must be above 0");
        risk_sev_scale(&pe->sev, b->severity_scale);
    }
    return RATEL_OK;
}

int risk_model_build(risk_model *m, const tbl_set *tables,
                     const risk_exposure *x, ratel_err *e)
{
    static const char *const factor[] = {"factor"};
    model_tables t;
    double industry, revenue, history;
    size_t p;
    int rc;
    memset(m, 0, sizeof *m);
    if ((rc = find_all(&t, tables, x->date, e)))
        return rc;
    m->incidents_counted = incidents_in_lookback(x);
    if ((rc = lookup_text(t.industry, x->industry, factor, 1, &industry, e)) ||
        (rc = lookup_number(t.revenue, (double)x->revenue, "factor",
                            &revenue, e)) ||
        (rc = lookup_number(t.history, (double)m->incidents_counted,
                            "factor", &history, e)))
        return rc;
    for (p = 0; p < RISK_NPERILS; p++)
        if ((rc = build_peril(m, p, &t, x, industry, revenue, history, e)))
            return rc;
    return RATEL_OK;
}
