/* ref_sme.c - rating-scripts/sme_cyber.lua hand-coded in C (see
 * bench/ref_sme.h). Each block names the Lua it mirrors; the order of the
 * floating-point operations is the plan's and the engine's (sandbox_api.c
 * apply_step, api_combine; rate.c allocate), so results are bit-identical.
 * Included by the program that uses it (each bench/<name>.c is a program). */
#include "../ref_sme.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "result.h"

const char *const ref_code_names[REF_NCODES] = {
    "REVENUE_ABOVE_SME", "OVERSEAS", "RECORDS_UNPROTECTED",
    "DEDUCTIBLE_OFF_MENU", "COINSURANCE_OFF_MENU", "LIMIT_OFF_MENU",
    "BI_LIMIT", "BI_WAITING", "RANSOMWARE_UNREMEDIATED", "LOSS_FREQUENCY",
    "AUTHORITY", "MFA_REMOTE", "OFFLINE_BACKUP"};

/* plan.tables, in the plan's order */
enum {
    T_BASE, T_SHARE, T_INDUSTRY, T_LIABILITY, T_EXPENSE, T_BI_LIMIT,
    T_BI_WAITING, T_INC_LOAD, T_INC_SEVERITY, T_CTL_POINTS, T_CTL_CREDIT,
    T_CERT_CREDIT, T_DEDUCTIBLE, T_COINSURANCE, T_TERMS, T_N
};
static const char *const table_names[T_N] = {
    "sme_base_premium", "sme_coverage_share", "sme_industry",
    "sme_liability_limit", "sme_expense_limit", "sme_bi_limit",
    "sme_bi_waiting", "sme_incident_load", "sme_incident_severity",
    "sme_control_points", "sme_control_credit", "sme_certification_credit",
    "sme_deductible", "sme_coinsurance", "sme_terms"};

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
    int32_t lo, hi;
    const tbl_table *t[T_N];
    double term[K_N];
    int lookback_years, recent_years;
    unsigned char control_order[DECL_NCONTROLS];
    unsigned char cert_order[DECL_NCERTIFICATIONS];
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

static const ref_plan *resolve(const tbl_set *set, int32_t date)
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
    sort_names(decl_controls, DECL_NCONTROLS, p->control_order);
    sort_names(decl_certifications, DECL_NCERTIFICATIONS, p->cert_order);
    p->set = set;
    return p;
}

/* The resolved plan for `date`: from the cache, else resolved now. */
static const ref_plan *plan_for(const tbl_set *set, int32_t date)
{
    int i;
    for (i = 0; i < REF_CACHE; i++) {
        const ref_plan *p = &cache[i];
        if (p->set == set && date >= p->lo && date < p->hi)
            return p;
    }
    return resolve(set, date);
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

/* limit_factor(cov, label, table, limit): the factor of the limit, or of
 * the next menu limit up (the top of the menu) with LIMIT_OFF_MENU. */
static int limit_factor(const char *cov, const tbl_table *t, int64_t limit,
                        double *f, ref_result *o, int texts)
{
    int64_t menu_limit;
    size_t r, chosen;
    int rc = look_int(t, limit, f);
    if (rc != -1)
        return rc;
    chosen = t->nrows - 1;
    for (r = 0; r < t->nrows; r++) {
        int64_t v = t->keys[r * (size_t)t->nkeys].i;
        if (v >= limit && v < t->keys[chosen * (size_t)t->nkeys].i)
            chosen = r;
    }
    menu_limit = t->keys[chosen * (size_t)t->nkeys].i;
    reason(o, REF_LIMIT_OFF_MENU, 0,
           texts ? say(o, "%s limit of JPY %y is not on the menu; "
                       "indicated at JPY %y", cov, limit, menu_limit)
                 : NULL);
    return look_int(t, menu_limit, f);
}

/* menu_entry(table, column, value, up) */
static int64_t menu_entry(const tbl_table *t, int64_t value, int up)
{
    size_t r;
    int have = 0;
    int64_t chosen = 0;
    for (r = 0; r < t->nrows; r++) {
        int64_t v = t->keys[r * (size_t)t->nkeys].i;
        if ((up && v >= value && (!have || v < chosen)) ||
            (!up && v <= value && (!have || v > chosen))) {
            chosen = v;
            have = 1;
        }
    }
    return have ? chosen : t->keys[0].i;
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

#define CONTROL(d, i) (((d)->controls >> (i)) & 1u)
enum { C_MFA = 5, C_EDR = 6, C_OFFLINE_BACKUP = 7, C_ACCESS_CONTROL = 10,
       C_ENCRYPTION = 11 };

int ref_quote(const tbl_set *tables, const struct ratel_decl *d,
              int texts, ref_result *o)
{
    const ref_plan *p = plan_for(tables, d->effective_date);
    const double *term;
    double base, industry, v, total, surcharge, points, certification;
    double questionnaire, credit, premium[REF_MAX_COVERAGES], policy;
    double share_liability, share_expense;
    int32_t since, recent;
    int nincidents = 0, declined = 0, referred, i, ded_on_menu, co_on_menu;
    unsigned char unremediated[DECL_MAX_INCIDENTS];
    int32_t unremediated_date[DECL_MAX_INCIDENTS];
    size_t k;

    if (!p)
        return -1;
    term = p->term;
    o->nreasons = 0;
    o->nsubjectivities = 0;
    o->nauthority = 0;
    o->authority_required = 0;
    o->text_used = 0;

    /* ---- shared(d) ---- */
    if (look_int(p->t[T_BASE], d->revenue, &base) ||
        look_text(p->t[T_INDUSTRY], decl_industries[d->industry], &industry))
        return -1;
    since = add_years(d->effective_date, -p->lookback_years);
    recent = add_years(d->effective_date, -p->recent_years);
    total = 0;
    for (k = 0; k < d->nincidents; k++) {
        const decl_incident *inc = &d->incidents[k];
        double load, weight, age;
        if (!(inc->date > since))
            continue;
        if (nincidents == DECL_MAX_INCIDENTS)
            return -1;
        if (look_text(p->t[T_INC_LOAD], decl_incident_types[inc->type],
                      &load) ||
            look_int(p->t[T_INC_SEVERITY], inc->paid, &weight))
            return -1;
        age = inc->date > recent ? 1 : term[K_OLDER_WEIGHT];
        unremediated_date[nincidents] = inc->date;
        unremediated[nincidents++] =
            inc->type == 0 /* ransomware */ && inc->date > recent &&
            !(CONTROL(d, C_EDR) && CONTROL(d, C_OFFLINE_BACKUP));
        total = total + load * weight * age;
    }
    /* math.min(total, cap): the first unless the second is smaller */
    surcharge = term[K_MAX_SURCHARGE] < total ? term[K_MAX_SURCHARGE] : total;
    points = 0;
    for (i = 0; i < DECL_NCONTROLS; i++) { /* pairs(): sorted key order */
        int c = p->control_order[i];
        if (CONTROL(d, c)) {
            if (look_text(p->t[T_CTL_POINTS], decl_controls[c], &v))
                return -1;
            points = points + v;
        }
    }
    certification = 0;
    for (i = 0; i < DECL_NCERTIFICATIONS; i++) {
        int c = p->cert_order[i];
        if ((d->certifications >> c) & 1u) {
            if (look_text(p->t[T_CERT_CREDIT], decl_certifications[c], &v))
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

    /* ---- rate(d, s): underwrite(d) ---- */
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
        !(CONTROL(d, C_ENCRYPTION) && CONTROL(d, C_ACCESS_CONTROL)))
        reason(o, REF_RECORDS_UNPROTECTED, 0,
               texts ? say(o, "%y personal records held without encryption "
                           "and access control", d->personal_records)
                     : NULL);
    if (d->liability_limit > 500000000)
        authority(o, 3, TEXT(texts, "liability limit above JPY 500m"));
    if (!CONTROL(d, C_MFA))
        subjectivity(o, REF_MFA_REMOTE,
                     TEXT(texts, "multi-factor authentication on all remote "
                                 "access within 60 days of inception"));
    if (!CONTROL(d, C_OFFLINE_BACKUP))
        subjectivity(o, REF_OFFLINE_BACKUP,
                     TEXT(texts, "offline backups of key systems within 30 "
                                 "days of inception"));
    {
        double ded_factor, co_factor;
        int rc1 = look_int(p->t[T_DEDUCTIBLE], d->deductible, &ded_factor);
        int rc2 = look_int(p->t[T_COINSURANCE], d->coinsurance_pct, &co_factor);
        if ((rc1 && rc1 != -1) || (rc2 && rc2 != -1))
            return -1;
        ded_on_menu = rc1 == 0;
        co_on_menu = rc2 == 0;
        if (!ded_on_menu)
            reason(o, REF_DEDUCTIBLE_OFF_MENU, 0,
                   texts ? say(o, "deductible of JPY %y is not on the menu",
                               d->deductible) : NULL);
        if (!co_on_menu)
            reason(o, REF_COINSURANCE_OFF_MENU, 0,
                   texts ? say(o, "coinsurance of %d%% is not on the menu",
                               (int)d->coinsurance_pct) : NULL);
    }

    /* ---- liability and expense: rate_part + limit_factor ---- */
    if (look_text(p->t[T_SHARE], "liability", &share_liability) ||
        look_text(p->t[T_SHARE], "expense", &share_expense))
        return -1;
    premium[REF_LIABILITY] = base;
    premium[REF_LIABILITY] = premium[REF_LIABILITY] * share_liability;
    premium[REF_LIABILITY] = premium[REF_LIABILITY] * industry;
    if (limit_factor("liability", p->t[T_LIABILITY], d->liability_limit, &v,
                     o, texts))
        return -1;
    premium[REF_LIABILITY] = premium[REF_LIABILITY] * v;

    premium[REF_EXPENSE] = base;
    premium[REF_EXPENSE] = premium[REF_EXPENSE] * share_expense;
    premium[REF_EXPENSE] = premium[REF_EXPENSE] * industry;
    if (limit_factor("expense", p->t[T_EXPENSE], d->expense_limit, &v, o,
                     texts))
        return -1;
    premium[REF_EXPENSE] = premium[REF_EXPENSE] * v;
    o->ncoverages = 2;

    /* ---- rate_bi(d, s) ---- */
    if (d->bi_limit > 0) {
        double max_limit = term[K_BI_MAX_SHARE] * (double)d->liability_limit;
        double hours = (double)d->bi_waiting_hours;
        if (!(max_limit < term[K_BI_MAX_LIMIT]))
            max_limit = term[K_BI_MAX_LIMIT];
        if ((double)d->bi_limit > max_limit) {
            /* yen() refuses a fraction: the engine fails the quote */
            if (texts && max_limit != floor(max_limit))
                return -1;
            reason(o, REF_BI_LIMIT, 0,
                   texts ? say(o, "business-interruption limit JPY %y is "
                               "above the plan's maximum of JPY %y (50%% of "
                               "liability, at most JPY 100m)", d->bi_limit,
                               (int64_t)max_limit) : NULL);
        }
        if (hours < term[K_BI_MIN_WAITING] || hours > term[K_BI_MAX_WAITING])
            reason(o, REF_BI_WAITING, 0,
                   texts ? say(o, "waiting period of %d hours is outside 2 "
                               "to 240 hours", (int)d->bi_waiting_hours)
                         : NULL);
        premium[REF_BI] = base;
        premium[REF_BI] = premium[REF_BI] * industry;
        if (look_int(p->t[T_BI_LIMIT], d->bi_limit, &v))
            return -1;
        premium[REF_BI] = premium[REF_BI] * v;
        if (look_int(p->t[T_BI_WAITING], d->bi_waiting_hours, &v))
            return -1;
        premium[REF_BI] = premium[REF_BI] * v;
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
    {
        int64_t deductible = d->deductible, share = d->coinsurance_pct;
        if (!ded_on_menu)
            deductible = menu_entry(p->t[T_DEDUCTIBLE], deductible, 0);
        if (!co_on_menu)
            share = menu_entry(p->t[T_COINSURANCE], share, 1);
        if (look_int(p->t[T_DEDUCTIBLE], deductible, &v))
            return -1;
        policy = policy * v;
        if (look_int(p->t[T_COINSURANCE], share, &v))
            return -1;
        policy = policy * v;
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
