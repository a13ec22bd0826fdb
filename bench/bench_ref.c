/* bench_ref.c - the distance from the hardware's limit: the reference plan
 * sme-cyber run by the engine (Lua) against the same plan hand-coded in C
 * (bench/ref_sme.h, bench/lib/ref_sme.c) on the same tables.
 *
 * 1. Builds a benchmark book of N declarations (default 100,000; argv[1])
 *    from a fixed-seed PRNG, as JSON text parsed by the engine's reader.
 * 2. Rates every declaration with the engine (worksheet off) and with the
 *    C reference, and checks that decision, referral/decline reasons in
 *    order with their texts, subjectivities, authority required and its
 *    reasons, total premium and every coverage's allocated premium are
 *    equal. Prints the first mismatches and exits 1 if there is any.
 * 3. Times both, best of 5 rounds (CLOCK_MONOTONIC), one thread, the
 *    measures taking turns in each round: the C reference
 *    (with the texts, and codes only), the engine with the worksheet off
 *    and on; prints the ratios.
 * Figures are printed, never asserted. Run from the repository root
 * (`make bench`, or build/bench/bench_ref [N]). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decl.h"
#include "ratel.h"
#include "ref_sme.h"
#include "lib/ref_sme.c" /* the reference itself (each bench/<name>.c is a program) */

#define TABLES_DB "tables/ratel.db"
#define PLANS_DIR "rating-scripts"
#define PLAN_ID "sme-cyber"
#define ROUNDS 5 /* timing rounds; each measure's best is kept */

/* ---- a small deterministic PRNG (splitmix64) -------------------------- */

static uint64_t rng_state = 0x5EED0F2A7E1ULL;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double rng_unit(void) /* [0, 1) */
{
    return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static long rng_below(long n) /* 0 .. n-1 */
{
    return (long)(rng_next() % (uint64_t)n);
}

static int rng_chance(double p) { return rng_unit() < p; }

static int64_t log_uniform(double lo, double hi)
{
    return (int64_t)llround(exp(log(lo) + rng_unit() * (log(hi) - log(lo))));
}

#define PICK(a) (a)[rng_below((long)(sizeof(a) / sizeof *(a)))]

/* ---- the benchmark book ------------------------------------------------ */

/* The schema's code lists (industries, controls, ...), from the engine. */
static ref_codes codes;

typedef struct jbuf {
    char *p;
    size_t len, cap;
} jbuf;

static void jput(jbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void jput(jbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= b->cap - b->len) {
        fprintf(stderr, "bench_ref: declaration text too long\n");
        exit(1);
    }
    b->len += (size_t)n;
}

static void put_date(jbuf *b, int32_t days)
{
    char text[11];
    decl_date_format(days, text);
    jput(b, "\"%s\"", text);
}

static const int64_t deductible_menu[] = {0, 50000, 100000, 100000,
                                          300000, 500000, 1000000,
                                          3000000, 5000000, 10000000};
static const int64_t deductible_off[] = {25000, 200000, 750000, 2000000,
                                         20000000};
static const int coinsurance_menu[] = {100, 90, 80, 70, 50};

/* A deductible and coinsurance of a coverage part, a few off the menu. */
static void put_part_terms(jbuf *b)
{
    double u = rng_unit();
    jput(b, ",\"deductible\":%lld",
         (long long)(rng_chance(0.1) ? PICK(deductible_off)
                                     : PICK(deductible_menu)));
    if (u < 0.1)
        jput(b, ",\"coinsurance_pct\":%ld", 1 + rng_below(99));
    else if (u < 0.6)
        jput(b, ",\"coinsurance_pct\":%d", PICK(coinsurance_menu));
}

/* The cover of a declaration with the new terms: coverage parts with
 * terms of their own (or the same), a ransom sub-limit, a policy period
 * of a year or of 0 to 800 days. */
static void make_terms(int32_t eff, jbuf *b)
{
    static const int64_t limits[] = {5000000,  10000000,  30000000,
                                     50000000, 100000000, 300000000,
                                     500000000, 700000000};
    static const int64_t bi_limits[] = {1000000, 10000000, 30000000,
                                        100000000};
    static const int waiting[] = {1, 6, 12, 24, 300};
    int32_t inception = eff + (int32_t)rng_below(90), expiry;
    int same = rng_chance(0.3);
    int64_t expense = PICK(limits);
    size_t mark, end;
    jput(b, ",\"coverages\":{\"liability\":{\"limit\":%lld",
         (long long)PICK(limits));
    mark = b->len;
    put_part_terms(b);
    end = b->len;
    jput(b, "},\"expense\":{\"limit\":%lld", (long long)expense);
    if (same) /* the liability part's terms again */
        jput(b, "%.*s", (int)(end - mark), b->p + mark);
    else
        put_part_terms(b);
    if (rng_chance(0.5))
        jput(b, ",\"sublimits\":{\"ransom\":%lld}",
             (long long)(rng_chance(0.2) ? expense + 1000000
                                         : expense / (1 + rng_below(4))));
    jput(b, "}");
    if (rng_chance(0.4)) {
        jput(b, ",\"bi\":{\"limit\":%lld,\"waiting_hours\":%d",
             (long long)PICK(bi_limits), PICK(waiting));
        if (same)
            jput(b, "%.*s", (int)(end - mark), b->p + mark);
        else
            put_part_terms(b);
        jput(b, "}");
    }
    jput(b, "},\"policy\":{\"inception\":");
    put_date(b, inception);
    expiry = rng_chance(0.5) ? add_years(inception, 1)
                             : inception + (int32_t)rng_below(801);
    jput(b, ",\"expiry\":");
    put_date(b, expiry);
    jput(b, "}}");
}

/* One declaration of the book as JSON text into b. With `terms`, the
 * terms today's book does not use: a hazard class, a deductible and
 * coinsurance per coverage part, a ransom sub-limit, a policy period
 * (without, no draw is made for them: the book is the same as before). */
static void make_declaration(long index, int32_t first_day, int terms,
                             jbuf *b)
{
    static const int64_t liability_menu[] = {
        10000000, 30000000, 50000000, 50000000, 100000000, 100000000,
        100000000, 200000000, 300000000, 300000000, 500000000, 1000000000};
    static const int64_t liability_off[] = {5000000, 20000000, 75000000,
                                            150000000, 400000000, 700000000,
                                            2000000000};
    static const int64_t expense_menu[] = {5000000, 10000000, 10000000,
                                           20000000, 30000000, 30000000,
                                           50000000, 100000000, 200000000,
                                           300000000, 500000000};
    static const int64_t expense_off[] = {1000000, 15000000, 40000000,
                                          250000000, 1000000000};
    static const int64_t bi_menu[] = {1000000, 5000000, 10000000, 20000000,
                                      30000000, 50000000, 70000000,
                                      100000000};
    static const int waiting_menu[] = {2, 6, 12, 24, 48, 72, 120, 240};
    static const int waiting_odd[] = {0, 1, 3, 36, 200, 250, 500, 8760};
    static const int64_t revenue_points[] = {
        10000000, 50000000, 500000000, 1000000000, 10000000000,
        100000000000, 100000000001, 200000000000};
    static const int64_t paid_edges[] = {1000000, 10000000, 50000000};
    int32_t eff;
    int64_t revenue;
    int i, nincidents;
    double p_control, u;

    /* effective date: two years from the plan's, so both versions of
     * sme_base_premium are used; some on 29 February 2028 (add_years) */
    eff = rng_chance(0.01) ? days_from_civil(2028, 2, 29)
                           : first_day + (int32_t)rng_below(730);
    jput(b, "{\"effective_date\":");
    put_date(b, eff);

    revenue = rng_chance(0.04) ? PICK(revenue_points)
                               : log_uniform(1e7, 2e11);
    jput(b, ",\"applicant\":{\"name\":\"Bench Company %ld\",\"revenue\":%lld,"
         "\"industry\":\"%s\",\"employees\":%ld", index, (long long)revenue,
         codes.industries[rng_below(codes.nindustries)], 1 + rng_below(3000));
    if (terms && rng_chance(0.5))
        jput(b, ",\"hazard_class\":\"%s\"",
             codes.hazard_classes[rng_below(codes.nhazard_classes)]);
    u = rng_unit();
    if (u < 0.1)
        jput(b, ",\"personal_records\":1000000");
    else if (u < 0.4)
        jput(b, ",\"personal_records\":%lld",
             (long long)log_uniform(1e5, 5e6));
    else if (u < 0.9)
        jput(b, ",\"personal_records\":%ld", rng_below(200000));
    u = rng_unit();
    if (u < 0.25)
        jput(b, ",\"overseas_revenue_share\":%.2f", rng_unit() * 0.49);
    else if (u < 0.30)
        jput(b, ",\"overseas_revenue_share\":0.5");
    else if (u < 0.35)
        jput(b, ",\"overseas_revenue_share\":%.3f", 0.5 + rng_unit() * 0.5);
    jput(b, "}");

    /* 0-4 incidents in the last 6 years, a few on the lookback edges */
    u = rng_unit();
    nincidents = u < 0.55 ? 0 : u < 0.80 ? 1 : u < 0.90 ? 2 : u < 0.96 ? 3
                                                                      : 4;
    jput(b, ",\"incidents\":[");
    for (i = 0; i < nincidents; i++) {
        int32_t date;
        int64_t paid;
        if (rng_chance(0.05))
            date = add_years(eff, rng_chance(0.5) ? -5 : -3) +
                   (int32_t)rng_below(3) - 1;
        else
            date = eff - (int32_t)rng_below(6 * 365 + 2);
        u = rng_unit();
        paid = u < 0.2 ? 0 : u < 0.3 ? PICK(paid_edges)
                                     : log_uniform(1e4, 3e8);
        jput(b, "%s{\"date\":", i ? "," : "");
        put_date(b, date);
        jput(b, ",\"type\":\"%s\",\"paid\":%lld}",
             codes.incident_types[rng_below(codes.nincident_types)],
             (long long)paid);
    }
    jput(b, "]");

    /* controls: a firm-wide propensity, some keys left out */
    p_control = 0.05 + 0.9 * rng_unit();
    jput(b, ",\"controls\":{");
    {
        int first = 1;
        for (i = 0; i < codes.ncontrols; i++) {
            if (rng_chance(0.15))
                continue;
            jput(b, "%s\"%s\":%s", first ? "" : ",", codes.controls[i],
                 rng_chance(p_control) ? "true" : "false");
            first = 0;
        }
    }
    jput(b, "},\"certifications\":[");
    {
        int first = 1;
        for (i = 0; i < codes.ncertifications; i++)
            if (rng_chance(0.15)) {
                jput(b, "%s\"%s\"", first ? "" : ",",
                     codes.certifications[i]);
                first = 0;
            }
    }
    jput(b, "]");

    if (terms) {
        make_terms(eff, b);
        return;
    }
    /* the request: from the menus, a few off them; BI on 30% */
    jput(b, ",\"request\":{\"liability_limit\":%lld,\"expense_limit\":%lld,"
         "\"deductible\":%lld",
         (long long)(rng_chance(0.04) ? PICK(liability_off)
                                      : PICK(liability_menu)),
         (long long)(rng_chance(0.04) ? PICK(expense_off)
                                      : PICK(expense_menu)),
         (long long)(rng_chance(0.04) ? PICK(deductible_off)
                                      : PICK(deductible_menu)));
    u = rng_unit();
    if (u < 0.04)
        jput(b, ",\"coinsurance_pct\":%ld", 1 + rng_below(99));
    else if (u < 0.40)
        jput(b, ",\"coinsurance_pct\":%d", PICK(coinsurance_menu));
    if (rng_chance(0.30)) {
        int64_t bi = rng_chance(0.8) ? PICK(bi_menu)
                                     : 100000 * (5 + rng_below(1500));
        jput(b, ",\"bi_limit\":%lld,\"bi_waiting_hours\":%d", (long long)bi,
             rng_chance(0.85) ? PICK(waiting_menu) : PICK(waiting_odd));
    }
    jput(b, "}}");
}

/* ---- checking ----------------------------------------------------------- */

static const char *const coverage_names[REF_MAX_COVERAGES] = {
    "liability", "expense", "bi"};

/* One term priced of coverage `i`: the quote's against the reference's
 * (and its reason code when it differs from what was asked). */
static int same_term(const ratel_quote *q, size_t i, const char *name,
                     int64_t value, const char *reason, char *why,
                     size_t size)
{
    int64_t got = -1;
    size_t k, n = ratel_quote_difference_count(q);
    const char *got_reason = NULL;
    if (ratel_quote_term_value(q, i, name, &got) || got != value) {
        snprintf(why, size, "%s term %s: engine %lld, reference %lld",
                 coverage_names[i], name, (long long)got, (long long)value);
        return 0;
    }
    for (k = 0; k < n; k++) {
        ratel_term_difference x;
        if (ratel_quote_difference(q, k, &x) == 0 &&
            strcmp(x.coverage, coverage_names[i]) == 0 &&
            strcmp(x.term, name) == 0)
            got_reason = x.reason ? x.reason : "(none)";
    }
    if ((got_reason == NULL) != (reason == NULL) ||
        (reason && strcmp(got_reason, reason) != 0)) {
        snprintf(why, size, "%s term %s: engine's difference %s, "
                 "reference's %s", coverage_names[i], name,
                 got_reason ? got_reason : "none", reason ? reason : "none");
        return 0;
    }
    return 1;
}

/* The terms each coverage was priced for, and the differences from what
 * was asked, with their reason codes. */
static int same_terms(const ratel_quote *q, const ref_result *r, char *why,
                      size_t size)
{
    size_t i, n = 0, k;
    for (i = 0; i < (size_t)r->ncoverages; i++) {
        const ref_terms *t = &r->terms[i];
        ratel_coverage c = {0};
        if (ratel_quote_coverage(q, i, &c) || c.limit != t->limit) {
            snprintf(why, size, "%s limit: engine %lld, reference %lld",
                     coverage_names[i], (long long)c.limit,
                     (long long)t->limit);
            return 0;
        }
        if (!same_term(q, i, "limit", t->limit, t->why_limit, why, size) ||
            !same_term(q, i, "deductible", t->deductible, t->why_deductible,
                       why, size) ||
            !same_term(q, i, "coinsurance_pct", t->coinsurance_pct,
                       t->why_coinsurance, why, size) ||
            (i == REF_BI &&
             !same_term(q, i, "waiting_hours", t->waiting_hours, NULL, why,
                        size)) ||
            (t->has_ransom &&
             !same_term(q, i, "sublimits.ransom", t->ransom, t->why_ransom,
                        why, size)))
            return 0;
        n += (t->why_limit != NULL) + (t->why_deductible != NULL) +
             (t->why_coinsurance != NULL) +
             (t->has_ransom && t->why_ransom != NULL);
    }
    k = ratel_quote_difference_count(q);
    if (k != n) {
        snprintf(why, size, "differences from the terms asked: engine %zu, "
                 "reference %zu", k, n);
        return 0;
    }
    return 1;
}

static int same(const ratel_quote *q, const ref_result *r, char *why,
                size_t size)
{
    size_t i, n;
    if (ratel_quote_decision(q) != r->decision) {
        snprintf(why, size, "decision: engine %s, reference %s",
                 ratel_decision_name(ratel_quote_decision(q)),
                 ratel_decision_name(r->decision));
        return 0;
    }
    if (ratel_quote_total_premium(q) != r->total) {
        snprintf(why, size, "total premium: engine %lld, reference %lld",
                 (long long)ratel_quote_total_premium(q),
                 (long long)r->total);
        return 0;
    }
    n = ratel_quote_coverage_count(q);
    if (n != (size_t)r->ncoverages) {
        snprintf(why, size, "coverages: engine %zu, reference %d", n,
                 r->ncoverages);
        return 0;
    }
    for (i = 0; i < n; i++) {
        ratel_coverage c = {0};
        if (ratel_quote_coverage(q, i, &c) || c.premium != r->allocated[i]) {
            snprintf(why, size, "coverage %zu premium: engine %lld, "
                     "reference %lld", i, (long long)c.premium,
                     (long long)r->allocated[i]);
            return 0;
        }
    }
    n = ratel_quote_reason_count(q);
    if (n != (size_t)r->nreasons) {
        snprintf(why, size, "reasons: engine %zu, reference %d", n,
                 r->nreasons);
        return 0;
    }
    for (i = 0; i < n; i++) {
        ratel_reason x;
        if (ratel_quote_reason(q, i, &x) ||
            strcmp(x.code, ref_code_names[r->reasons[i]]) != 0 ||
            strcmp(x.kind, r->reason_decline[i] ? "decline" : "refer") != 0 ||
            strcmp(x.text, r->reason_text[i]) != 0) {
            snprintf(why, size, "reason %zu: engine %s %s \"%s\", "
                     "reference %s %s \"%s\"", i, x.kind, x.code, x.text,
                     r->reason_decline[i] ? "decline" : "refer",
                     ref_code_names[r->reasons[i]], r->reason_text[i]);
            return 0;
        }
    }
    n = ratel_quote_subjectivity_count(q);
    if (n != (size_t)r->nsubjectivities) {
        snprintf(why, size, "subjectivities: engine %zu, reference %d", n,
                 r->nsubjectivities);
        return 0;
    }
    for (i = 0; i < n; i++) {
        ratel_reason x;
        if (ratel_quote_subjectivity(q, i, &x) ||
            strcmp(x.code, ref_code_names[r->subjectivities[i]]) != 0 ||
            strcmp(x.text, r->subjectivity_text[i]) != 0) {
            snprintf(why, size, "subjectivity %zu differs", i);
            return 0;
        }
    }
    if (ratel_quote_authority_required(q) != r->authority_required) {
        snprintf(why, size, "authority required: engine %d, reference %d",
                 ratel_quote_authority_required(q), r->authority_required);
        return 0;
    }
    n = ratel_quote_authority_reason_count(q);
    if (n != (size_t)r->nauthority) {
        snprintf(why, size, "authority reasons: engine %zu, reference %d", n,
                 r->nauthority);
        return 0;
    }
    for (i = 0; i < n; i++) {
        int level = 0;
        const char *text = NULL;
        if (ratel_quote_authority_reason(q, i, &level, &text) ||
            level != r->authority_level[i] ||
            strcmp(text, r->authority_text[i]) != 0) {
            snprintf(why, size, "authority reason %zu: engine %d \"%s\", "
                     "reference %d \"%s\"", i, level, text ? text : "",
                     r->authority_level[i], r->authority_text[i]);
            return 0;
        }
    }
    return same_terms(q, r, why, size);
}

static int bits_differ(double a, double b)
{
    return memcmp(&a, &b, sizeof a) != 0;
}

/* The unrounded figures against the engine's worksheet (worksheet on):
 * each coverage's premium before combine(), the incident and security
 * factors, and the policy premium before rounding, bit for bit. */
static int same_bits(const ratel_quote *q, const ref_result *r, char *why,
                     size_t size)
{
    static const char *const names[REF_MAX_COVERAGES] = {"liability",
                                                         "expense", "bi"};
    double cov[REF_MAX_COVERAGES] = {0, 0, 0}, inc = -1, sec = -1, pol = -1;
    size_t i, n = ratel_quote_step_count(q);
    int k;
    for (i = 0; i < n; i++) {
        ratel_step st;
        if (ratel_quote_step(q, i, &st))
            return 0;
        if (strcmp(st.coverage, "policy") == 0) {
            if (strcmp(st.label, "Incident history surcharge") == 0)
                inc = st.value;
            else if (strncmp(st.label, "Security credit", 15) == 0)
                sec = st.value;
            else if (strcmp(st.op, "at_least") == 0)
                pol = st.premium;
            continue;
        }
        if (strcmp(st.op, "allocate") == 0)
            continue;
        for (k = 0; k < REF_MAX_COVERAGES; k++)
            if (strcmp(st.coverage, names[k]) == 0)
                cov[k] = st.premium;
    }
    for (k = 0; k < REF_MAX_COVERAGES; k++)
        if (bits_differ(cov[k], r->premium[k])) {
            snprintf(why, size, "%s premium before combine: engine %.17g, "
                     "reference %.17g", names[k], cov[k], r->premium[k]);
            return 0;
        }
    if (bits_differ(inc, r->incident_factor)) {
        snprintf(why, size, "incident factor: engine %.17g, reference %.17g",
                 inc, r->incident_factor);
        return 0;
    }
    if (bits_differ(sec, r->security_factor)) {
        snprintf(why, size, "security factor: engine %.17g, reference %.17g",
                 sec, r->security_factor);
        return 0;
    }
    if (bits_differ(pol, r->before_rounding)) {
        snprintf(why, size, "policy premium before rounding: engine %.17g, "
                 "reference %.17g", pol, r->before_rounding);
        return 0;
    }
    return 1;
}

static void print_reference(const ref_result *r)
{
    int i;
    fprintf(stderr, "    reference: %s, total %lld, coverages",
            ratel_decision_name(r->decision), (long long)r->total);
    for (i = 0; i < r->ncoverages; i++)
        fprintf(stderr, " %lld", (long long)r->allocated[i]);
    fprintf(stderr, ", reasons");
    for (i = 0; i < r->nreasons; i++)
        fprintf(stderr, " %s", ref_code_names[r->reasons[i]]);
    fprintf(stderr, ", authority %d\n", r->authority_required);
}

/* ---- timing ------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile int64_t sink;

/* Seconds per quote of `passes` passes of the reference over the book
 * (its inputs, filled once per declaration before the timing). */
static double time_reference(const tbl_set *set, const ref_decl *inputs,
                             long n, long passes, int texts)
{
    double t0 = now();
    int64_t sum = 0;
    long i, k;
    ref_result r;
    for (k = 0; k < passes; k++)
        for (i = 0; i < n; i++) {
            if (ref_quote(set, &codes, &inputs[i], texts, &r))
                exit(1);
            sum += r.total + r.allocated[0];
        }
    sink = sum;
    return (now() - t0) / (double)(n * passes);
}

/* Seconds per quote of the engine over the book. */
static double time_engine(ratel_ctx *c, ratel_decl **book, long n,
                          unsigned flags)
{
    ratel_rate_options o;
    double t0 = now();
    int64_t sum = 0;
    long i;
    ratel_rate_options_init(&o);
    o.plan_id = PLAN_ID;
    o.flags = flags;
    for (i = 0; i < n; i++) {
        ratel_quote *q = NULL;
        if (ratel_rate(&q, c, book[i], &o)) {
            fprintf(stderr, "bench_ref: %s\n", ratel_ctx_errmsg(c));
            exit(1);
        }
        sum += ratel_quote_total_premium(q);
        ratel_quote_free(q);
    }
    sink = sum;
    return (now() - t0) / (double)n;
}

static void keep_best(double *best, double t)
{
    if (t < *best)
        *best = t;
}

static void report(const char *what, double seconds_per_quote)
{
    printf("  %-40s %8.3f us/quote %12.0f quotes/s\n", what,
           1e6 * seconds_per_quote, 1 / seconds_per_quote);
}

/* A book of n declarations (parsed with c) and the reference's inputs;
 * with `terms`, declarations using the new terms. Each declaration's
 * PRNG state in seeds[i], to write its text again. Exits on failure. */
static void make_book(ratel_ctx *c, long n, int32_t first_day, int terms,
                      ratel_decl **book, ref_decl *inputs, uint64_t *seeds)
{
    char text[4096];
    jbuf b;
    long i;
    b.p = text;
    b.cap = sizeof text;
    for (i = 0; i < n; i++) {
        b.len = 0;
        seeds[i] = rng_state;
        make_declaration(i, first_day, terms, &b);
        if (ratel_decl_parse(&book[i], c, NULL, b.p, b.len) != RATEL_OK) {
            fprintf(stderr, "bench_ref: declaration %ld: %s\n%.*s\n", i,
                    ratel_ctx_errmsg(c), (int)b.len, b.p);
            exit(1);
        }
        if (inputs && ref_decl_fill(&inputs[i], &codes, book[i])) {
            fprintf(stderr, "bench_ref: declaration %ld: the reference "
                    "cannot read it\n%.*s\n", i, (int)b.len, b.p);
            exit(1);
        }
    }
}

typedef struct tally {
    long decisions[3], with_bi, off_menu, mismatches, bit_mismatches;
} tally;

/* The proof: the engine (worksheet off and on) and the reference give
 * the same results on every declaration of a book. */
static void check_book(ratel_ctx *c, const tbl_set *set, long n,
                       int32_t first_day, int terms, ratel_decl **book,
                       const ref_decl *inputs, const uint64_t *seeds,
                       tally *t)
{
    ratel_rate_options off, on;
    long i;
    ratel_rate_options_init(&off);
    off.plan_id = PLAN_ID;
    off.flags = RATEL_RATE_NO_WORKSHEET;
    on = off;
    on.flags = 0;
    memset(t, 0, sizeof *t);
    for (i = 0; i < n; i++) {
        ratel_quote *q = NULL, *ws = NULL;
        ref_result r;
        char why[600];
        int equal, k;
        if (ratel_rate(&q, c, book[i], &off) ||
            ratel_rate(&ws, c, book[i], &on)) {
            fprintf(stderr, "bench_ref: declaration %ld: %s\n", i,
                    ratel_ctx_errmsg(c));
            exit(1);
        }
        if (ref_quote(set, &codes, &inputs[i], 1, &r)) {
            fprintf(stderr, "bench_ref: declaration %ld: the reference "
                    "failed\n", i);
            exit(1);
        }
        equal = same(q, &r, why, sizeof why) && same(ws, &r, why, sizeof why);
        if (equal && !same_bits(ws, &r, why, sizeof why)) {
            equal = 0;
            t->bit_mismatches++;
        }
        ratel_quote_free(ws);
        if (!equal && ++t->mismatches <= 5) {
            size_t j;
            char text[4096];
            jbuf b;
            uint64_t saved = rng_state;
            rng_state = seeds[i]; /* the same text again */
            b.p = text;
            b.cap = sizeof text;
            b.len = 0;
            make_declaration(i, first_day, terms, &b);
            rng_state = saved;
            fprintf(stderr, "MISMATCH declaration %ld: %s\n", i, why);
            fprintf(stderr, "    engine: %s, total %lld, coverages",
                    ratel_decision_name(ratel_quote_decision(q)),
                    (long long)ratel_quote_total_premium(q));
            for (j = 0; j < ratel_quote_coverage_count(q); j++) {
                ratel_coverage cv;
                if (!ratel_quote_coverage(q, j, &cv))
                    fprintf(stderr, " %lld", (long long)cv.premium);
            }
            fprintf(stderr, ", reasons");
            for (j = 0; j < ratel_quote_reason_count(q); j++) {
                ratel_reason x;
                if (!ratel_quote_reason(q, j, &x))
                    fprintf(stderr, " %s", x.code);
            }
            fprintf(stderr, ", authority %d\n",
                    ratel_quote_authority_required(q));
            print_reference(&r);
            fprintf(stderr, "    declaration: %.*s\n", (int)b.len, b.p);
        }
        t->decisions[r.decision]++;
        t->with_bi += r.ncoverages == 3;
        for (k = 0; k < r.nreasons; k++)
            if (r.reasons[k] == REF_LIMIT_OFF_MENU ||
                r.reasons[k] == REF_DEDUCTIBLE_OFF_MENU ||
                r.reasons[k] == REF_COINSURANCE_OFF_MENU) {
                t->off_menu++;
                break;
            }
        ratel_quote_free(q);
    }
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000, i, nterms;
    ratel_engine *e = NULL;
    ratel_ctx *c = NULL;
    tbl_set *set = NULL;
    ratel_err err;
    ratel_decl **book, **book_free, **book_terms;
    ref_decl *inputs, *inputs_terms;
    uint64_t *seeds, *seeds_terms;
    int32_t first_day;
    long passes;
    int round;
    double t_ref, t_codes, t_off, t_on, t_free;
    ratel_engine_options free_opts = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine *e_free = NULL;
    ratel_ctx *c_free = NULL;
    tally t, tt;

    if (n < 1) {
        fprintf(stderr, "usage: bench_ref [declarations]\n");
        return 2;
    }
    err_init(&err);
    if (tbl_load(&set, TABLES_DB, &err) != RATEL_OK) {
        fprintf(stderr, "bench_ref: %s\n", err.message);
        return 1;
    }
    free_opts.max_instructions = 0; /* no limits: no instruction hook */
    free_opts.max_memory = 0;
    free_opts.max_milliseconds = 0;
    if (ratel_engine_open(&e, TABLES_DB, PLANS_DIR, NULL) != RATEL_OK ||
        ratel_ctx_new(&c, e) != RATEL_OK ||
        ratel_engine_open(&e_free, TABLES_DB, PLANS_DIR, &free_opts) !=
            RATEL_OK ||
        ratel_ctx_new(&c_free, e_free) != RATEL_OK) {
        fprintf(stderr, "bench_ref: cannot open the engine: %s\n",
                e ? ratel_engine_errmsg(e) : "out of memory");
        return 1;
    }
    if (ref_codes_load(&codes, e)) {
        fprintf(stderr, "bench_ref: the engine's schema cyber-sme lacks a "
                "code list or a code the plan names\n");
        return 1;
    }
    if (decl_date_parse("2025-04-01", 10, &first_day))
        return 1;

    /* the book, parsed by each engine (a declaration belongs to the
     * engine whose schema it was read with), the reference's inputs; and
     * a smaller book with the new terms, for the proof only */
    nterms = n / 50 > 100 ? n / 50 : 100;
    book = calloc((size_t)n, sizeof *book);
    book_free = calloc((size_t)n, sizeof *book_free);
    inputs = calloc((size_t)n, sizeof *inputs);
    seeds = calloc((size_t)n, sizeof *seeds);
    book_terms = calloc((size_t)nterms, sizeof *book_terms);
    inputs_terms = calloc((size_t)nterms, sizeof *inputs_terms);
    seeds_terms = calloc((size_t)nterms, sizeof *seeds_terms);
    if (!book || !book_free || !inputs || !seeds || !book_terms ||
        !inputs_terms || !seeds_terms)
        return 1;
    {
        uint64_t start = rng_state;
        make_book(c, n, first_day, 0, book, inputs, seeds);
        rng_state = start;
        make_book(c_free, n, first_day, 0, book_free, NULL, seeds);
        make_book(c, nterms, first_day, 1, book_terms, inputs_terms,
                  seeds_terms);
    }

    /* (a) the proof: the same results on every declaration of the book */
    check_book(c, set, n, first_day, 0, book, inputs, seeds, &t);
    check_book(c, set, nterms, first_day, 1, book_terms, inputs_terms,
               seeds_terms, &tt);
    printf("bench_ref: plan %s, book of %ld declarations (seeded PRNG): "
           "%ld quoted, %ld referred, %ld declined; %ld with BI, %ld with "
           "an off-menu request\n", PLAN_ID, n, t.decisions[RATEL_QUOTED],
           t.decisions[RATEL_REFERRED], t.decisions[RATEL_DECLINED],
           t.with_bi, t.off_menu);
    printf("  equality check (decision, reasons, subjectivities, authority "
           "with their texts, total, coverage premiums, terms priced and "
           "their differences, worksheet off and on; unrounded figures bit "
           "for bit): %ld of %ld equal, %ld mismatches (%ld in unrounded "
           "figures only)\n", n - t.mismatches, n, t.mismatches,
           t.bit_mismatches);
    printf("  the same on %ld declarations with the new terms (hazard "
           "class, terms per coverage part, ransom sub-limit, policy "
           "period): %ld equal, %ld mismatches (%ld quoted, %ld referred, "
           "%ld declined)\n", nterms, nterms - tt.mismatches, tt.mismatches,
           tt.decisions[RATEL_QUOTED], tt.decisions[RATEL_REFERRED],
           tt.decisions[RATEL_DECLINED]);
    if (t.mismatches || tt.mismatches)
        return 1;

    /* (b) timing, one thread: the five measures in turn, ROUNDS times,
     * the best of each (in turn, so that a slower minute of a shared
     * machine does not fall on one measure only) */
    passes = n >= 1000000 ? 1 : (1000000 + n - 1) / n;
    t_ref = t_codes = t_off = t_on = t_free = 1e300;
    for (round = 0; round < ROUNDS; round++) {
        keep_best(&t_ref, time_reference(set, inputs, n, passes, 1));
        keep_best(&t_codes, time_reference(set, inputs, n, passes, 0));
        keep_best(&t_off, time_engine(c, book, n, RATEL_RATE_NO_WORKSHEET));
        keep_best(&t_on, time_engine(c, book, n, 0));
        keep_best(&t_free,
                  time_engine(c_free, book_free, n, RATEL_RATE_NO_WORKSHEET));
    }
    printf("  timing: best of %d rounds, one thread, CLOCK_MONOTONIC\n",
           ROUNDS);
    report("C reference (ref_quote)", t_ref);
    report("C reference, codes only (no texts)", t_codes);
    report("engine, worksheet off", t_off);
    report("engine, worksheet on", t_on);
    report("engine, worksheet off, no limits", t_free);
    printf("  ratio engine/C per quote: worksheet off %.1fx, worksheet on "
           "%.1fx (target: within 10x); without the instruction and time "
           "limits %.1fx; against the codes-only reference, worksheet off "
           "%.1fx\n", t_off / t_ref, t_on / t_ref, t_free / t_ref,
           t_off / t_codes);

    for (i = 0; i < n; i++) {
        ratel_decl_free(book[i]);
        ratel_decl_free(book_free[i]);
        ref_decl_dispose(&inputs[i]);
    }
    for (i = 0; i < nterms; i++) {
        ratel_decl_free(book_terms[i]);
        ref_decl_dispose(&inputs_terms[i]);
    }
    free(book);
    free(book_free);
    free(inputs);
    free(seeds);
    free(book_terms);
    free(inputs_terms);
    free(seeds_terms);
    tbl_set_free(set);
    err_dispose(&err);
    ratel_ctx_free(c);
    ratel_engine_free(e);
    ratel_ctx_free(c_free);
    ratel_engine_free(e_free);
    return 0;
}
