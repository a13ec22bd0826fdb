/* ref_sme.c - rating-scripts/sme_cyber.lua hand-coded in C (see
 * bench/ref_sme.h). Each block names the Lua it mirrors; the order of the
 * floating-point operations is the plan's and the engine's (sandbox_api.c
 * apply_step, api_combine; rate.c allocate), so results are bit-identical.
 * Included by the program that uses it (each bench/<name>.c is a program). */
#include "../ref_sme.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "result.h"

const char *const ref_code_names[REF_NCODES] = {
    "REVENUE_ABOVE_SME", "OVERSEAS", "RECORDS_UNPROTECTED",
    "DEDUCTIBLE_OFF_MENU", "COINSURANCE_OFF_MENU", "LIMIT_OFF_MENU",
    "BI_LIMIT", "BI_WAITING", "RANSOMWARE_UNREMEDIATED", "LOSS_FREQUENCY",
    "POLICY_PERIOD", "AUTHORITY", "MFA_REMOTE", "OFFLINE_BACKUP"};

/* plan.tables, in the plan's order */
enum {
    T_BASE, T_SHARE, T_INDUSTRY, T_LIABILITY, T_EXPENSE, T_BI_LIMIT,
    T_BI_WAITING, T_INC_LOAD, T_INC_SEVERITY, T_CTL_POINTS, T_CTL_CREDIT,
    T_CERT_CREDIT, T_DEDUCTIBLE, T_COINSURANCE, T_TERMS, T_HAZARD,
    T_SHORT_PERIOD, T_PERIOD_TERMS, T_RANSOM, T_N
};
static const char *const table_names[T_N] = {
    "sme_base_premium", "sme_coverage_share", "sme_industry",
    "sme_liability_limit", "sme_expense_limit", "sme_bi_limit",
    "sme_bi_waiting", "sme_incident_load", "sme_incident_severity",
    "sme_control_points", "sme_control_credit", "sme_certification_credit",
    "sme_deductible", "sme_coinsurance", "sme_terms", "sme_hazard_class",
    "sme_short_period", "sme_period_terms", "sme_ransom_sublimit"};

/* the terms the plan reads with term(name) */
enum {
    K_MINIMUM_PREMIUM, K_MAX_REVENUE, K_BI_MAX_SHARE, K_BI_MAX_LIMIT,
    K_BI_MIN_WAITING, K_BI_MAX_WAITING, K_OVERSEAS_LOAD, K_OVERSEAS_REFER,
    K_LARGE_RECORDS, K_LOOKBACK_YEARS, K_RECENT_YEARS, K_OLDER_WEIGHT,
    K_MAX_SURCHARGE, K_DECLINE_COUNT, K_CERT_CAP, K_CREDIT_CAP,
    K_CREDIT_AUTHORITY, K_N
};
static const char *const term_names[K_N] = {
    "minimum_premium", "max_revenue", "bi_max_share_of_liability",
    "bi_max_limit", "bi_min_waiting_hours", "bi_max_waiting_hours",
    "overseas_load", "overseas_refer_share", "large_records",
    "lookback_years", "recent_years", "older_incident_weight",
    "max_incident_surcharge", "decline_incident_count",
    "certification_credit_cap", "security_credit_cap",
    "credit_needing_authority"};

/* What a hand-coded implementation resolves once: the table versions in
 * force, valid for effective dates in [lo, hi) (no table of the plan
 * changes version inside), the terms, and the sorted iteration orders. */
typedef struct ref_plan {
    const tbl_set *set;
    const ref_codes *codes;
    int32_t lo, hi;
    const tbl_table *t[T_N];
    double term[K_N];
    int lookback_years, recent_years;
    unsigned char control_order[REF_MAX_CODES];
    unsigned char cert_order[REF_MAX_CODES];
} ref_plan;

/* one entry per range of dates seen (a book spans a few table versions) */
#define REF_CACHE 8
static _Thread_local ref_plan cache[REF_CACHE];
static _Thread_local unsigned cache_next;

/* ---- lookups, keyed as the sandbox's read_keys() keys them ----------- */

static int look_int(const tbl_table *t, int64_t v, double *out)
{
    tbl_key k;
    memset(&k, 0, sizeof k);
    k.num = (double)v;
    k.is_int = 1;
    k.i = v;
    return tbl_lookup(t, &k, 1, out);
}

static int look_num(const tbl_table *t, double v, double *out)
{
    tbl_key k;
    memset(&k, 0, sizeof k);
    k.num = v;
    if (v >= -9.2e18 && v <= 9.2e18 && v == floor(v)) {
        k.is_int = 1;
        k.i = (int64_t)v;
    }
    return tbl_lookup(t, &k, 1, out);
}

static int look_text(const tbl_table *t, const char *s, double *out)
{
    tbl_key k;
    memset(&k, 0, sizeof k);
    k.is_text = 1;
    k.s = s;
    k.len = strlen(s);
    return tbl_lookup(t, &k, 1, out);
}

/* ---- dates ------------------------------------------------------------ */

static int32_t days_from_civil(long y, unsigned m, unsigned d)
{
    long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (long)doe - 719468);
}

static void civil_from_days(int32_t z0, long *y, unsigned *m, unsigned *d)
{
    long z = (long)z0 + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp;
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

/* add_years(date, n) of sandbox_api.c: the same month and day n years
 * away, 29 Feb becoming 28 Feb in a year without one. */
static int32_t add_years(int32_t date, int n)
{
    long y;
    unsigned m, d;
    civil_from_days(date, &y, &m, &d);
    y += n;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        d = 28;
    return days_from_civil(y, m, d);
}

/* ---- resolving the plan's tables for a date --------------------------- */

static void sort_names(const char *const *names, int n, unsigned char *order)
{
    int i, j;
    for (i = 0; i < n; i++)
        order[i] = (unsigned char)i;
    for (i = 1; i < n; i++) /* strcmp: bytewise, as the sandbox's pairs() */
        for (j = i; j > 0 && strcmp(names[order[j - 1]], names[order[j]]) > 0;
             j--) {
            unsigned char x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
}

static const ref_plan *resolve(const tbl_set *set, const ref_codes *codes,
                               int32_t date)
{
    ref_plan *p = &cache[cache_next++ % REF_CACHE];
    int i;
    p->set = NULL;
    p->lo = INT32_MIN;
    p->hi = INT32_MAX;
    for (i = 0; i < T_N; i++) {
        const tbl_table *t = tbl_find(set, table_names[i], date);
        if (!t || t->nvalues != 1)
            return NULL;
        p->t[i] = t;
        if (t->effective_from > p->lo)
            p->lo = t->effective_from;
        /* tables are sorted by name, then effective_from: the next
         * version, if any, is the next entry */
        if (t + 1 < set->tables + set->n && strcmp(t[1].name, t->name) == 0 &&
            t[1].effective_from < p->hi)
            p->hi = t[1].effective_from;
    }
    for (i = 0; i < K_N; i++)
        if (look_text(p->t[T_TERMS], term_names[i], &p->term[i]))
            return NULL;
    /* add_years takes an integer: luaL_checkinteger of the float term */
    if (p->term[K_LOOKBACK_YEARS] != floor(p->term[K_LOOKBACK_YEARS]) ||
        p->term[K_RECENT_YEARS] != floor(p->term[K_RECENT_YEARS]))
        return NULL;
    p->lookback_years = (int)p->term[K_LOOKBACK_YEARS];
    p->recent_years = (int)p->term[K_RECENT_YEARS];
    sort_names(codes->controls, codes->ncontrols, p->control_order);
    sort_names(codes->certifications, codes->ncertifications, p->cert_order);
    p->set = set;
    p->codes = codes;
    return p;
}

/* The resolved plan for `date`: from the cache, else resolved now. */
static const ref_plan *plan_for(const tbl_set *set, const ref_codes *codes,
                                int32_t date)
{
    int i;
    for (i = 0; i < REF_CACHE; i++) {
        const ref_plan *p = &cache[i];
        if (p->set == set && p->codes == codes && date >= p->lo &&
            date < p->hi)
            return p;
    }
    return resolve(set, codes, date);
}

/* ---- texts ------------------------------------------------------------ */

/* Writes n in decimal ending at `end`, with thousands separators when
 * `grouped` ("1,234,567", as yen() of sandbox_helpers.c); returns where
 * it starts. */
static char *put_int(char *end, int64_t n, int grouped)
{
    char *p = end;
    uint64_t u = n < 0 ? 0u - (uint64_t)n : (uint64_t)n;
    int digits = 0;
    do {
        if (grouped && digits > 0 && digits % 3 == 0)
            *--p = ',';
        *--p = (char)('0' + u % 10);
        digits++;
    } while ((u /= 10) != 0);
    if (n < 0)
        *--p = '-';
    return p;
}

/* The next text of the quote, kept in o->text: `fmt` with %s (a string),
 * %d (an int), %y (an int64_t as yen()) and %%, formatted by hand as a
 * quoting system's C would do it, not through printf. Callers ask for a
 * text only when texts are on: `texts ? say(...) : NULL`. */
static const char *say(ref_result *o, const char *fmt, ...)
{
    char *start = o->text + o->text_used, *p = start;
    const char *limit = o->text + sizeof o->text - 32; /* room for a number */
    va_list ap;
    va_start(ap, fmt);
    while (*fmt) {
        char digits[32], *from = digits + sizeof digits;
        const char *piece = fmt, *pct = strchr(fmt, '%');
        size_t len = pct ? (size_t)(pct - fmt) : strlen(fmt);
        if (len > 0) { /* the literal text up to the next % */
            fmt += len;
        } else if (fmt[1] == '%') {
            len = 1;
            fmt += 2;
        } else if (fmt[1] == 's') {
            piece = va_arg(ap, const char *);
            len = strlen(piece);
            fmt += 2;
        } else { /* %y: yen, %d: an int */
            piece = fmt[1] == 'y' ? put_int(from, va_arg(ap, int64_t), 1)
                                  : put_int(from, va_arg(ap, int), 0);
            len = (size_t)(from - piece);
            fmt += 2;
        }
        if (len > (size_t)(limit - p))
            len = (size_t)(limit - p);
        memcpy(p, piece, len);
        p += len;
    }
    va_end(ap);
    *p++ = '\0';
    o->text_used += (size_t)(p - start);
    return start;
}

/* A constant text, or NULL when `texts` is 0. */
#define TEXT(texts, s) ((texts) ? (s) : NULL)

/* ---- the plan ---------------------------------------------------------- */

static void reason(ref_result *o, ref_code c, int decline, const char *text)
{
    if (o->nreasons < REF_MAX_REASONS) {
        o->reason_decline[o->nreasons] = (unsigned char)decline;
        o->reason_text[o->nreasons] = text;
        o->reasons[o->nreasons++] = (unsigned char)c;
    }
}

static void subjectivity(ref_result *o, ref_code c, const char *text)
{
    o->subjectivity_text[o->nsubjectivities] = text;
    o->subjectivities[o->nsubjectivities++] = (unsigned char)c;
}

static void authority(ref_result *o, int level, const char *text)
{
    if (level > o->authority_required)
        o->authority_required = level;
    o->authority_level[o->nauthority] = level;
    o->authority_text[o->nauthority++] = text;
}

/* nearest(table, value, "up"|"down") of sandbox_api.c: the menu entry
 * nearest to `value` that way, itself included; when none lies that way,
 * the far end of the menu the other way. */
static int64_t menu_entry(const tbl_table *t, int64_t value, int up)
{
    size_t r;
    int have = 0;
    int64_t chosen = 0, other = t->keys[0].i;
    for (r = 0; r < t->nrows; r++) {
        int64_t v = t->keys[r * (size_t)t->nkeys].i;
        if ((up && v >= value && (!have || v < chosen)) ||
            (!up && v <= value && (!have || v > chosen))) {
            chosen = v;
            have = 1;
        }
        if (up ? v > other : v < other)
            other = v;
    }
    return have ? chosen : other;
}

/* rate.c allocate(): pro rata, whole yen, largest remainders. */
static void allocate(const double *premium, int n, int64_t total,
                     int64_t *allocated)
{
    double sum = 0, frac[REF_MAX_COVERAGES];
    int64_t given = 0;
    int i;
    for (i = 0; i < n; i++)
        sum += premium[i] > 0 ? premium[i] : 0;
    for (i = 0; i < n; i++) {
        double p = premium[i] > 0 ? premium[i] : 0;
        double quota = sum > 0 ? (double)total * (p / sum)
                               : (i == 0 ? (double)total : 0);
        double whole = floor(quota);
        if (whole > (double)(total - given))
            whole = (double)(total - given);
        allocated[i] = (int64_t)whole;
        frac[i] = quota - whole;
        given += (int64_t)whole;
    }
    while (given < total) {
        int best = 0;
        for (i = 1; i < n; i++)
            if (frac[i] > frac[best])
                best = i;
        allocated[best]++;
        frac[best] = -1;
        given++;
        if (n == 1)
            break;
    }
    if (given < total)
        allocated[0] += total - given;
}

/* ---- the inputs ------------------------------------------------------ */

static int find_code(const char *const *names, int n, const char *code)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], code) == 0)
            return i;
    return -1;
}

int ref_codes_load(ref_codes *c, const ratel_engine *engine)
{
    size_t k, i, nschemas = ratel_engine_schema_count(engine);
    memset(c, 0, sizeof *c);
    for (k = 0; k < nschemas; k++) {
        ratel_schema_info info;
        if (ratel_engine_schema(engine, k, &info) ||
            strcmp(info.id, "cyber-sme") != 0)
            continue;
        for (i = 0; i < info.nfields; i++) {
            ratel_schema_field f;
            const char *const **names = NULL;
            int *n = NULL;
            if (ratel_engine_schema_field(engine, k, i, &f))
                continue; /* nfields also counts the item of each list */
            if (strcmp(f.path, "applicant.industry") == 0)
                names = &c->industries, n = &c->nindustries;
            else if (strcmp(f.path, "applicant.hazard_class") == 0)
                names = &c->hazard_classes, n = &c->nhazard_classes;
            else if (strcmp(f.path, "incidents[].type") == 0)
                names = &c->incident_types, n = &c->nincident_types;
            else if (strcmp(f.path, "controls") == 0)
                names = &c->controls, n = &c->ncontrols;
            else if (strcmp(f.path, "certifications") == 0)
                names = &c->certifications, n = &c->ncertifications;
            if (names) {
                *names = f.codes;
                *n = (int)f.ncodes;
            }
        }
    }
    if (!c->industries || !c->hazard_classes || !c->incident_types ||
        !c->controls || !c->certifications || c->ncontrols > REF_MAX_CODES ||
        c->ncertifications > REF_MAX_CODES)
        return -1;
    c->ransomware = find_code(c->incident_types, c->nincident_types,
                              "ransomware");
    c->mfa = find_code(c->controls, c->ncontrols, "mfa");
    c->edr = find_code(c->controls, c->ncontrols, "edr");
    c->offline_backup = find_code(c->controls, c->ncontrols,
                                  "offline_backup");
    c->access_control = find_code(c->controls, c->ncontrols,
                                  "access_control");
    c->encryption = find_code(c->controls, c->ncontrols, "encryption");
    c->standard = find_code(c->hazard_classes, c->nhazard_classes,
                            "standard");
    return c->ransomware < 0 || c->mfa < 0 || c->edr < 0 ||
                   c->offline_backup < 0 || c->access_control < 0 ||
                   c->encryption < 0 || c->standard < 0
               ? -1 : 0;
}

static int get_code(const ratel_decl *d, const char *path,
                    const char *const *names, int n, int *out)
{
    const char *code;
    if (ratel_decl_get_string(d, path, &code))
        return -1;
    return (*out = find_code(names, n, code)) < 0 ? -1 : 0;
}

static int get_date(const ratel_decl *d, const char *path, int32_t *out)
{
    int64_t v;
    if (ratel_decl_get_int(d, path, &v))
        return -1;
    *out = (int32_t)v;
    return 0;
}

static int get_part(const ratel_decl *d, const char *part, ref_part *out)
{
    char path[64];
    snprintf(path, sizeof path, "coverages.%s.limit", part);
    if (ratel_decl_get_int(d, path, &out->limit))
        return -1;
    snprintf(path, sizeof path, "coverages.%s.deductible", part);
    if (ratel_decl_get_int(d, path, &out->deductible))
        return -1;
    snprintf(path, sizeof path, "coverages.%s.coinsurance_pct", part);
    return ratel_decl_get_int(d, path, &out->coinsurance_pct) ? -1 : 0;
}

int ref_decl_fill(ref_decl *o, const ref_codes *c, const ratel_decl *d)
{
    char path[96];
    size_t n, i;
    int rc;
    memset(o, 0, sizeof *o);
    if (get_date(d, "effective_date", &o->effective_date) ||
        ratel_decl_get_int(d, "applicant.revenue", &o->revenue) ||
        get_code(d, "applicant.industry", c->industries, c->nindustries,
                 &o->industry) ||
        get_code(d, "applicant.hazard_class", c->hazard_classes,
                 c->nhazard_classes, &o->hazard_class) ||
        ratel_decl_get_int(d, "applicant.personal_records",
                           &o->personal_records) ||
        ratel_decl_get_number(d, "applicant.overseas_revenue_share",
                              &o->overseas_revenue_share) ||
        ratel_decl_get_count(d, "incidents", &n) || n > REF_MAX_INCIDENTS)
        return -1;
    o->nincidents = (int)n;
    if (n && !(o->incidents = calloc(n, sizeof *o->incidents)))
        return -1;
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof path, "incidents[%zu].date", i);
        if (get_date(d, path, &o->incidents[i].date))
            return -1;
        snprintf(path, sizeof path, "incidents[%zu].type", i);
        if (get_code(d, path, c->incident_types, c->nincident_types,
                     &o->incidents[i].type))
            return -1;
        snprintf(path, sizeof path, "incidents[%zu].paid", i);
        if (ratel_decl_get_int(d, path, &o->incidents[i].paid))
            return -1;
    }
    for (i = 0; i < (size_t)c->ncontrols; i++) {
        int on;
        snprintf(path, sizeof path, "controls.%s", c->controls[i]);
        if (ratel_decl_get_bool(d, path, &on))
            return -1;
        o->controls |= (uint64_t)(on != 0) << i;
    }
    for (i = 0; i < (size_t)c->ncertifications; i++) {
        int on;
        snprintf(path, sizeof path, "certifications.%s",
                 c->certifications[i]);
        if (ratel_decl_get_bool(d, path, &on))
            return -1;
        o->certifications |= (uint64_t)(on != 0) << i;
    }
    if (get_part(d, "liability", &o->liability) ||
        get_part(d, "expense", &o->expense) || get_part(d, "bi", &o->bi) ||
        ratel_decl_get_int(d, "coverages.bi.waiting_hours",
                           &o->bi_waiting_hours) ||
        get_date(d, "policy.inception", &o->inception) ||
        get_date(d, "policy.expiry", &o->expiry))
        return -1;
    rc = ratel_decl_get_int(d, "coverages.expense.sublimits.ransom",
                            &o->ransom);
    if (rc != RATEL_OK && rc != RATEL_ENOTFOUND) /* not found: none given */
        return -1;
    o->has_ransom = rc == RATEL_OK;
    return 0;
}

void ref_decl_dispose(ref_decl *d)
{
    free(d->incidents);
    d->incidents = NULL;
    d->nincidents = 0;
}

/* ---- the plan ---------------------------------------------------------- */

#define CONTROL(d, i) (((d)->controls >> (i)) & 1u)

/* menu_limit(cov, table, limit): the limit priced for `limit` asked of an
 * exact limit table: the limit itself when on the menu, else the next
 * menu limit up (or the top of the menu), referred, with the reason code
 * of the difference in *why. 0, or -1 when the lookup fails. */
static int menu_limit(const char *cov, const tbl_table *t, int64_t limit,
                      int64_t *priced, const char **why, ref_result *o,
                      int texts)
{
    double f;
    int rc = look_int(t, limit, &f);
    *priced = limit;
    *why = NULL;
    if (rc != -1)
        return rc;
    *priced = menu_entry(t, limit, 1);
    *why = "LIMIT_OFF_MENU";
    reason(o, REF_LIMIT_OFF_MENU, 0,
           texts ? say(o, "%s limit of JPY %y is not on the menu; "
                       "indicated at JPY %y", cov, limit, *priced)
                 : NULL);
    return 0;
}

/* menu_terms(part, cov): the deductible and coinsurance priced for those
 * asked of a part (the policy's when `cov` is NULL): as asked when on the
 * menu, else referred and priced at the nearest entries that do not
 * undercharge. Fills the terms' deductible and coinsurance. */
static int menu_terms(const ref_plan *p, const ref_part *part,
                      const char *cov, ref_terms *t, ref_result *o,
                      int texts)
{
    double f;
    int rc;
    t->deductible = part->deductible;
    t->coinsurance_pct = part->coinsurance_pct;
    t->why_deductible = t->why_coinsurance = NULL;
    rc = look_int(p->t[T_DEDUCTIBLE], part->deductible, &f);
    if (rc && rc != -1)
        return -1;
    if (rc) {
        reason(o, REF_DEDUCTIBLE_OFF_MENU, 0,
               texts ? say(o, "%s%sdeductible of JPY %y is not on the menu",
                           cov ? cov : "", cov ? " " : "", part->deductible)
                     : NULL);
        t->deductible = menu_entry(p->t[T_DEDUCTIBLE], part->deductible, 0);
        t->why_deductible = "DEDUCTIBLE_OFF_MENU";
    }
    rc = look_int(p->t[T_COINSURANCE], part->coinsurance_pct, &f);
    if (rc && rc != -1)
        return -1;
    if (rc) {
        reason(o, REF_COINSURANCE_OFF_MENU, 0,
               texts ? say(o, "%s%scoinsurance of %d%% is not on the menu",
                           cov ? cov : "", cov ? " " : "",
                           (int)part->coinsurance_pct)
                     : NULL);
        t->coinsurance_pct = menu_entry(p->t[T_COINSURANCE],
                                        part->coinsurance_pct, 1);
        t->why_coinsurance = "COINSURANCE_OFF_MENU";
    }
    return 0;
}

/* rate_part(cov, a, s): the base, the part's share, the industry and
 * the hazard class; then the limit factor at the limit priced. */
static int rate_part(const ref_plan *p, const ref_decl *d, const char *cov,
                     int table, int64_t limit, double base, double industry,
                     double *premium)
{
    double v;
    if (look_text(p->t[T_SHARE], cov, &v))
        return -1;
    *premium = base;
    *premium = *premium * v;
    *premium = *premium * industry;
    if (d->hazard_class != p->codes->standard) {
        if (look_text(p->t[T_HAZARD],
                      p->codes->hazard_classes[d->hazard_class], &v))
            return -1;
        *premium = *premium * v;
    }
    if (look_int(p->t[table], limit, &v))
        return -1;
    *premium = *premium * v;
    return 0;
}

/* part_terms(cov, deductible, share): a part's own deductible and
 * coinsurance, when the parts differ. */
static int part_terms(const ref_plan *p, const ref_terms *t, double *premium)
{
    double v;
    if (look_int(p->t[T_DEDUCTIBLE], t->deductible, &v))
        return -1;
    *premium = *premium * v;
    if (look_int(p->t[T_COINSURANCE], t->coinsurance_pct, &v))
        return -1;
    *premium = *premium * v;
    return 0;
}

int ref_quote(const tbl_set *tables, const ref_codes *codes,
              const ref_decl *d, int texts, ref_result *o)
{
    const ref_plan *p = plan_for(tables, codes, d->effective_date);
    const double *term;
    double base, industry, v, total, surcharge, points, certification;
    double questionnaire, credit, premium[REF_MAX_COVERAGES], policy;
    int32_t since, recent;
    int nincidents = 0, declined = 0, referred, i, policy_terms, has_bi;
    unsigned char unremediated[REF_MAX_INCIDENTS];
    int32_t unremediated_date[REF_MAX_INCIDENTS];
    ref_terms *lt, *et, *bt;

    if (!p)
        return -1;
    term = p->term;
    o->nreasons = 0;
    o->nsubjectivities = 0;
    o->nauthority = 0;
    o->authority_required = 0;
    o->text_used = 0;
    lt = &o->terms[REF_LIABILITY];
    et = &o->terms[REF_EXPENSE];
    bt = &o->terms[REF_BI];

    /* ---- shared(d) ---- */
    if (look_int(p->t[T_BASE], d->revenue, &base) ||
        look_text(p->t[T_INDUSTRY], codes->industries[d->industry],
                  &industry))
        return -1;
    since = add_years(d->effective_date, -p->lookback_years);
    recent = add_years(d->effective_date, -p->recent_years);
    total = 0;
    for (i = 0; i < d->nincidents; i++) {
        double load, weight, age;
        int32_t date = d->incidents[i].date;
        int type = d->incidents[i].type;
        if (!(date > since))
            continue;
        if (look_text(p->t[T_INC_LOAD], codes->incident_types[type],
                      &load) ||
            look_int(p->t[T_INC_SEVERITY], d->incidents[i].paid, &weight))
            return -1;
        age = date > recent ? 1 : term[K_OLDER_WEIGHT];
        unremediated_date[nincidents] = date;
        unremediated[nincidents++] =
            type == codes->ransomware && date > recent &&
            !(CONTROL(d, codes->edr) && CONTROL(d, codes->offline_backup));
        total = total + load * weight * age;
    }
    /* math.min(total, cap): the first unless the second is smaller */
    surcharge = term[K_MAX_SURCHARGE] < total ? term[K_MAX_SURCHARGE] : total;
    points = 0;
    for (i = 0; i < codes->ncontrols; i++) { /* pairs(): sorted key order */
        int c = p->control_order[i];
        if (CONTROL(d, c)) {
            if (look_text(p->t[T_CTL_POINTS], codes->controls[c], &v))
                return -1;
            points = points + v;
        }
    }
    certification = 0;
    for (i = 0; i < codes->ncertifications; i++) {
        int c = p->cert_order[i];
        if ((d->certifications >> c) & 1u) {
            if (look_text(p->t[T_CERT_CREDIT], codes->certifications[c], &v))
                return -1;
            certification = certification + v;
        }
    }
    if (look_num(p->t[T_CTL_CREDIT], points, &questionnaire))
        return -1;
    if (term[K_CERT_CAP] < certification)
        certification = term[K_CERT_CAP];
    credit = questionnaire + certification;
    if (term[K_CREDIT_CAP] < credit)
        credit = term[K_CREDIT_CAP];

    /* ---- rate(d, s): one deductible and coinsurance for the policy, or
     * one per coverage part when the parts differ ---- */
    has_bi = d->bi.limit > 0;
    policy_terms =
        d->expense.deductible == d->liability.deductible &&
        d->expense.coinsurance_pct == d->liability.coinsurance_pct &&
        (!has_bi || (d->bi.deductible == d->liability.deductible &&
                     d->bi.coinsurance_pct == d->liability.coinsurance_pct));

    /* underwrite(d) */
    if ((double)d->revenue > term[K_MAX_REVENUE]) {
        reason(o, REF_REVENUE_ABOVE_SME, 1,
               texts ? say(o, "revenue of JPY %y is above the SME package's "
                           "JPY 100bn", d->revenue) : NULL);
        declined = 1;
    }
    if (d->overseas_revenue_share >= term[K_OVERSEAS_REFER])
        reason(o, REF_OVERSEAS, 0,
               TEXT(texts, "half or more of revenue is overseas"));
    if ((double)d->personal_records >= term[K_LARGE_RECORDS] &&
        !(CONTROL(d, codes->encryption) &&
          CONTROL(d, codes->access_control)))
        reason(o, REF_RECORDS_UNPROTECTED, 0,
               texts ? say(o, "%y personal records held without encryption "
                           "and access control", d->personal_records)
                     : NULL);
    if (d->liability.limit > 500000000)
        authority(o, 3, TEXT(texts, "liability limit above JPY 500m"));
    if (!CONTROL(d, codes->mfa))
        subjectivity(o, REF_MFA_REMOTE,
                     TEXT(texts, "multi-factor authentication on all remote "
                                 "access within 60 days of inception"));
    if (!CONTROL(d, codes->offline_backup))
        subjectivity(o, REF_OFFLINE_BACKUP,
                     TEXT(texts, "offline backups of key systems within 30 "
                                 "days of inception"));

    /* ---- liability ---- */
    if (menu_terms(p, &d->liability, policy_terms ? NULL : "liability", lt,
                   o, texts) ||
        menu_limit("liability", p->t[T_LIABILITY], d->liability.limit,
                   &lt->limit, &lt->why_limit, o, texts) ||
        rate_part(p, d, "liability", T_LIABILITY, lt->limit, base, industry,
                  &premium[REF_LIABILITY]) ||
        (!policy_terms && part_terms(p, lt, &premium[REF_LIABILITY])))
        return -1;
    lt->has_ransom = 0;

    /* ---- expense, with a ransom sub-limit ---- */
    if (menu_limit("expense", p->t[T_EXPENSE], d->expense.limit, &et->limit,
                   &et->why_limit, o, texts))
        return -1;
    if (policy_terms) {
        et->deductible = lt->deductible;
        et->coinsurance_pct = lt->coinsurance_pct;
        et->why_deductible = lt->why_deductible;
        et->why_coinsurance = lt->why_coinsurance;
    } else if (menu_terms(p, &d->expense, "expense", et, o, texts)) {
        return -1;
    }
    if (rate_part(p, d, "expense", T_EXPENSE, et->limit, base, industry,
                  &premium[REF_EXPENSE]))
        return -1;
    et->has_ransom = d->has_ransom;
    if (d->has_ransom) { /* ransom_sublimit(limit, sub) */
        double share;
        et->ransom = d->ransom;
        et->why_ransom = NULL;
        if (d->ransom > et->limit) {
            et->ransom = et->limit;
            et->why_ransom = "SUBLIMIT_ABOVE_LIMIT";
        }
        share = et->limit > 0 ? (double)et->ransom / (double)et->limit : 1;
        if (look_num(p->t[T_RANSOM], share, &v))
            return -1;
        premium[REF_EXPENSE] = premium[REF_EXPENSE] * v;
    }
    if (!policy_terms && part_terms(p, et, &premium[REF_EXPENSE]))
        return -1;
    o->ncoverages = 2;

    /* ---- rate_bi(d, s, ...) ---- */
    if (has_bi) {
        double max_limit = term[K_BI_MAX_SHARE] * (double)d->liability.limit;
        double hours = (double)d->bi_waiting_hours;
        if (policy_terms) {
            bt->deductible = lt->deductible;
            bt->coinsurance_pct = lt->coinsurance_pct;
            bt->why_deductible = lt->why_deductible;
            bt->why_coinsurance = lt->why_coinsurance;
        } else if (menu_terms(p, &d->bi, "bi", bt, o, texts)) {
            return -1;
        }
        if (!(max_limit < term[K_BI_MAX_LIMIT]))
            max_limit = term[K_BI_MAX_LIMIT];
        if ((double)d->bi.limit > max_limit) {
            /* yen() refuses a fraction: the engine fails the quote */
            if (texts && max_limit != floor(max_limit))
                return -1;
            reason(o, REF_BI_LIMIT, 0,
                   texts ? say(o, "business-interruption limit JPY %y is "
                               "above the plan's maximum of JPY %y (50%% of "
                               "liability, at most JPY 100m)", d->bi.limit,
                               (int64_t)max_limit) : NULL);
        }
        if (hours < term[K_BI_MIN_WAITING] || hours > term[K_BI_MAX_WAITING])
            reason(o, REF_BI_WAITING, 0,
                   texts ? say(o, "waiting period of %d hours is outside 2 "
                               "to 240 hours", (int)d->bi_waiting_hours)
                         : NULL);
        bt->limit = d->bi.limit;
        bt->why_limit = NULL;
        bt->waiting_hours = d->bi_waiting_hours;
        bt->has_ransom = 0;
        premium[REF_BI] = base;
        premium[REF_BI] = premium[REF_BI] * industry;
        if (look_int(p->t[T_BI_LIMIT], d->bi.limit, &v))
            return -1;
        premium[REF_BI] = premium[REF_BI] * v;
        if (look_int(p->t[T_BI_WAITING], d->bi_waiting_hours, &v))
            return -1;
        premium[REF_BI] = premium[REF_BI] * v;
        if (!policy_terms && part_terms(p, bt, &premium[REF_BI]))
            return -1;
        o->ncoverages = 3;
    }

    /* ---- combine, then the policy-level steps ---- */
    policy = 0;
    for (i = 0; i < o->ncoverages; i++)
        policy += premium[i];
    /* incident_surcharge(s) */
    for (i = 0; i < nincidents; i++)
        if (unremediated[i]) {
            char date[11];
            if (texts)
                decl_date_format(unremediated_date[i], date);
            reason(o, REF_RANSOMWARE_UNREMEDIATED, 0,
                   texts ? say(o, "ransomware on %s and EDR or offline "
                               "backups not in place", date) : NULL);
        }
    if ((double)nincidents >= term[K_DECLINE_COUNT]) {
        reason(o, REF_LOSS_FREQUENCY, 1,
               texts ? say(o, "%d incidents in %d years", nincidents,
                           p->lookback_years) : NULL);
        declined = 1;
    }
    o->incident_factor = 1 + surcharge;
    policy = policy * o->incident_factor;
    /* security_factor(s) */
    if (credit > term[K_CREDIT_AUTHORITY]) {
        if (texts) { /* %.0f: the C library's rounding, as string.format */
            char percent[32];
            snprintf(percent, sizeof percent, "%.0f", credit * 100);
            authority(o, 2, say(o, "security credit of %s%% is above 40%%",
                                percent));
        } else {
            authority(o, 2, NULL);
        }
    }
    o->security_factor = 1 - credit;
    policy = policy * o->security_factor;
    policy = policy * (1 + term[K_OVERSEAS_LOAD] * d->overseas_revenue_share);
    if (policy_terms) {
        if (look_int(p->t[T_DEDUCTIBLE], lt->deductible, &v))
            return -1;
        policy = policy * v;
        if (look_int(p->t[T_COINSURANCE], lt->coinsurance_pct, &v))
            return -1;
        policy = policy * v;
    }
    /* period_factor(d): the short-period table below a year, pro rata
     * above it (referred beyond max_days) */
    if (d->expiry != add_years(d->inception, 1)) {
        int32_t days = d->expiry - d->inception;
        if (days <= 0) {
            reason(o, REF_POLICY_PERIOD, 1,
                   TEXT(texts, "the policy expires on or before its "
                               "inception"));
            declined = 1;
        } else if (days < 365) {
            if (look_int(p->t[T_SHORT_PERIOD], days, &v))
                return -1;
            policy = policy * v;
        } else {
            if (look_text(p->t[T_PERIOD_TERMS], "max_days", &v))
                return -1;
            if ((double)days > v)
                reason(o, REF_POLICY_PERIOD, 0,
                       texts ? say(o, "a policy period of %d days is longer "
                                   "than 18 months", (int)days) : NULL);
            policy = policy * ((double)days / 365);
        }
    }
    if (policy < term[K_MINIMUM_PREMIUM])
        policy = term[K_MINIMUM_PREMIUM];
    o->before_rounding = policy;
    if (res_round(policy, 10, "half_up", &policy))
        return -1;

    /* ---- the engine: decide(), check_total(), allocate() ---- */
    referred = 0;
    for (i = 0; i < o->nreasons; i++)
        if (!o->reason_decline[i])
            referred = 1;
    if (o->authority_required > REF_CONTEXT_AUTHORITY) {
        reason(o, REF_AUTHORITY, 0,
               texts ? say(o, "needs underwriting authority level %d; the "
                           "underwriter holds level %d",
                           o->authority_required, REF_CONTEXT_AUTHORITY)
                     : NULL);
        referred = 1;
    }
    o->decision = declined ? RATEL_DECLINED
                           : referred ? RATEL_REFERRED : RATEL_QUOTED;
    for (i = 0; i < REF_MAX_COVERAGES; i++) {
        o->premium[i] = i < o->ncoverages ? premium[i] : 0;
        o->allocated[i] = 0;
    }
    if (declined) {
        o->total = 0;
        return 0;
    }
    o->total = (int64_t)policy;
    allocate(premium, o->ncoverages, o->total, o->allocated);
    return 0;
}
