/* test_properties.c - what every shipped plan must keep, checked over
 * sweeps of declarations built from examples/neutral.json (issue 18):
 *   - the premium never falls with more revenue, higher limits or more
 *     loss history, never rises with a higher deductible, more controls
 *     or more certifications;
 *   - no jump above 15% for a 1% change of a continuous input (revenue,
 *     BI limit and waiting period, personal records, overseas share, an
 *     incident's amount; a day of an incident's age) away from a
 *     documented band edge, none above 25% at one (for the same cover: a
 *     step where the plan prices another limit, as a scheme's fixed
 *     cover at a tier edge, is counted, not bounded);
 *   - risk decisions (reasons other than AUTHORITY: an authority level is
 *     who may sign, not a worse risk) never worse with more controls or
 *     certifications, never better with more loss history;
 *   - a term off the plan's menu is never quoted, and a term priced other
 *     than asked is stated (a difference on the quote); a plan that does
 *     not sell business interruption refers a request for it;
 *   - an incident of any size shows in the premium, the decision or the
 *     worksheet, even at the minimum premium;
 *   - terms that make no sense for the risk (a deductible as large as the
 *     limits, 1% coinsurance, 1.5bn of cover for 10m of revenue, a
 *     trillion-yen loss) are not quoted, and a BI limit, personal records
 *     or a liability limit of 0 are not priced as something else.
 *
 * The plans are listed in `plans` below with their menu and band tables:
 * add a plan there. A plan marked REPORT has its findings printed
 * ("REPORT plan property: ...") without failing the test; ENFORCE fails
 * it. The number of declarations rated and the time taken are printed
 * at the end (never asserted). */
#include <math.h>
#include <time.h>

#include "testutil.h"

#define ENFORCE 1
#define REPORT 0

/* A plan, and where its menus and documented band edges are. */
typedef struct prop_plan {
    const char *id;
    int enforce;
    const char *liability_menu;   /* exact table keyed by liability limit */
    const char *expense_menu;     /* NULL: not a term of this plan */
    const char *deductible_menu;
    const char *coinsurance_menu; /* NULL: 100% only */
    const char *revenue_bands;    /* band table: its bounds are band edges */
    const char *waiting_bands;    /* the same for BI waiting hours */
    int offers_bi;                /* 0: a BI request is referred, unpriced */
} prop_plan;

static const prop_plan plans[] = {
    {"sme-cyber", ENFORCE, "sme_liability_limit", "sme_expense_limit",
     "sme_deductible", "sme_coinsurance", NULL, NULL, 1},
    {"questionnaire-cyber", ENFORCE, "q_liability_limit", "q_expense_limit",
     "q_deductible", "q_coinsurance", "q_base_premium", "q_bi_waiting", 1},
    {"chamber-scheme", ENFORCE, "cc_menu", NULL, "cc_deductible", NULL,
     "cc_revenue_band", NULL, 0},
};
#define NPLANS (sizeof plans / sizeof plans[0])

#define JUMP 1.15      /* at most, for a 1% change away from a band edge */
#define EDGE_JUMP 1.25 /* at most, at a documented band edge */
#define SHOW 4         /* findings printed per plan and property */
#define MAXKEYS 64

static ratel_engine *engine;
static ratel_ctx *ctx;
static char *neutral;
static size_t neutral_len;
static long rated;
static clock_t started;
static const char *const *controls, *const *certifications;
static size_t ncontrols, ncertifications;

/* ---- findings ----------------------------------------------------------- */

typedef struct run {
    const prop_plan *plan;
    const char *property;
    long checks, found;
    long cover_changes; /* steps where the limit priced changed */
} run;

static void finding(run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void finding(run *r, const char *fmt, ...)
{
    va_list ap;
    if (r->found++ >= SHOW)
        return;
    printf("%s %s %s: ", r->plan->enforce ? "FINDING" : "REPORT",
           r->plan->id, r->property);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Prints the run's counts; returns the number of enforced findings. */
static long finish(const run *r)
{
    printf("properties: %-20s %-24s %6ld checks, %ld finding(s)%s\n",
           r->plan->id, r->property, r->checks, r->found,
           r->found && !r->plan->enforce ? " (reported only)" : "");
    if (r->cover_changes)
        printf("properties: %-20s %-24s %6ld steps change the limit priced "
               "(not bounded)\n", r->plan->id, r->property,
               r->cover_changes);
    return r->plan->enforce ? r->found : 0;
}

/* ---- declarations ------------------------------------------------------- */

/* Applies "path=value ..." to d: a value is an integer, true/false, a
 * decimal or else a string; "controls=all|none" sets every control;
 * "incident=DATE/TYPE/PAID" appends an incident. */
static void apply(ratel_decl *d, const char *settings)
{
    char buf[512], *save = NULL, *tok;
    snprintf(buf, sizeof buf, "%s", settings);
    for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '='), *end, path[96];
        long long v;
        int rc = RATEL_OK;
        size_t i;
        assert_non_null(eq);
        *eq++ = '\0';
        if (strcmp(tok, "controls") == 0) {
            for (i = 0; i < ncontrols && rc == RATEL_OK; i++) {
                snprintf(path, sizeof path, "controls.%s", controls[i]);
                rc = ratel_decl_set_bool(d, ctx, path, strcmp(eq, "all") == 0);
            }
        } else if (strcmp(tok, "incident") == 0) {
            char date[11], type[40];
            long long paid;
            assert_int_equal(sscanf(eq, "%10[^/]/%39[^/]/%lld", date, type,
                                    &paid), 3);
            assert_int_equal(ratel_decl_append(d, ctx, "incidents", &i),
                             RATEL_OK);
            snprintf(path, sizeof path, "incidents[%zu].date", i);
            rc = ratel_decl_set_string(d, ctx, path, date);
            snprintf(path, sizeof path, "incidents[%zu].type", i);
            rc = rc ? rc : ratel_decl_set_string(d, ctx, path, type);
            snprintf(path, sizeof path, "incidents[%zu].paid", i);
            rc = rc ? rc : ratel_decl_set_int(d, ctx, path, paid);
        } else if (strcmp(eq, "true") == 0 || strcmp(eq, "false") == 0) {
            rc = ratel_decl_set_bool(d, ctx, tok, strcmp(eq, "true") == 0);
        } else if ((v = strtoll(eq, &end, 10)), *end == '\0' && end != eq) {
            rc = ratel_decl_set_int(d, ctx, tok, (int64_t)v);
        } else if (strchr(eq, '.') && (strtod(eq, &end), *end == '\0')) {
            rc = ratel_decl_set_number(d, ctx, tok, strtod(eq, NULL));
        } else {
            rc = ratel_decl_set_string(d, ctx, tok, eq);
        }
        if (rc != RATEL_OK)
            fail_msg("%s=%s: %s", tok, eq, ratel_ctx_errmsg(ctx));
    }
}

/* The neutral declaration with `settings` applied (and `more`, if any). */
static ratel_decl *decl_of(const char *settings, const char *more)
{
    ratel_decl *d = NULL;
    assert_int_equal(ratel_decl_parse(&d, ctx, "cyber-sme", neutral,
                                      neutral_len), RATEL_OK);
    apply(d, settings);
    if (more)
        apply(d, more);
    return d;
}

/* "YYYY-MM-DD" of `days` after 1970-01-01 (days from civil, Hinnant). */
static void date_text(long days, char out[16])
{
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    snprintf(out, 16, "%04d-%02d-%02d", (int)(y + (mm <= 2)) % 10000,
             (int)mm % 100, (int)dd % 100);
}

/* ---- outcomes ----------------------------------------------------------- */

enum { QUOTED = 0, REFERRED = 1, DECLINED = 2 };

typedef struct outcome {
    int64_t premium;
    int64_t limit;      /* the first coverage's limit priced; 0: none */
    int bi_priced;      /* a "bi" coverage was priced */
    int risk;           /* the decision without AUTHORITY reasons */
    int authority_only; /* referred for AUTHORITY alone */
    ratel_quote *q;     /* kept when asked for (the caller frees it) */
} outcome;

static void outcome_free(outcome *o)
{
    ratel_quote_free(o->q);
    o->q = NULL;
}

static const char *risk_name(int r)
{
    return r == QUOTED ? "quoted" : r == REFERRED ? "referred" : "declined";
}

/* Rates d with the plan (its worksheet and quote kept when `keep`); a
 * plan error fails the test. */
static outcome rate(const prop_plan *p, const ratel_decl *d, int keep)
{
    outcome o = {0, 0, 0, QUOTED, 0, NULL};
    ratel_quote *q = NULL;
    size_t i, n;
    int refer = 0, decline = 0, authority = 0;
    if (test_rate(&q, ctx, d, p->id, keep ? 0 : RATEL_RATE_NO_WORKSHEET) !=
        RATEL_OK)
        fail_msg("%s: %s", p->id, ratel_ctx_errmsg(ctx));
    rated++;
    n = ratel_quote_reason_count(q);
    for (i = 0; i < n; i++) {
        ratel_reason r;
        assert_int_equal(ratel_quote_reason(q, i, &r), RATEL_OK);
        if (strcmp(r.kind, "decline") == 0)
            decline = 1;
        else if (strcmp(r.code, "AUTHORITY") == 0)
            authority = 1;
        else
            refer = 1;
    }
    o.premium = ratel_quote_total_premium(q);
    for (i = 0; i < ratel_quote_coverage_count(q); i++) {
        ratel_coverage c;
        assert_int_equal(ratel_quote_coverage(q, i, &c), RATEL_OK);
        if (i == 0)
            o.limit = c.limit;
        o.bi_priced |= strcmp(c.name, "bi") == 0;
    }
    o.risk = decline ? DECLINED : refer ? REFERRED : QUOTED;
    o.authority_only = authority && !refer && !decline;
    if (keep)
        o.q = q;
    else
        ratel_quote_free(q);
    return o;
}

/* 1 when the two quotes' worksheets differ in a step's label or value. */
static int worksheets_differ(const ratel_quote *a, const ratel_quote *b)
{
    size_t i, n = ratel_quote_step_count(a);
    if (n != ratel_quote_step_count(b))
        return 1;
    for (i = 0; i < n; i++) {
        ratel_step x, y;
        assert_int_equal(ratel_quote_step(a, i, &x), RATEL_OK);
        assert_int_equal(ratel_quote_step(b, i, &y), RATEL_OK);
        if (strcmp(x.label, y.label) != 0 || x.value != y.value)
            return 1;
    }
    return 0;
}

/* ---- tables ------------------------------------------------------------- */

/* The keys of the latest version of table `name` (its first key column;
 * for a band table, the lower bounds), ascending; their number. */
static size_t table_keys(const char *name, int64_t *out, size_t cap)
{
    size_t i, n = 0, found = (size_t)-1, row;
    ratel_table_info t;
    if (!name)
        return 0;
    for (i = 0; i < ratel_engine_table_count(engine); i++)
        if (ratel_engine_table(engine, i, &t) == RATEL_OK &&
            strcmp(t.name, name) == 0)
            found = i; /* sorted by date: the last is the latest */
    if (found == (size_t)-1)
        fail_msg("no table %s", name);
    assert_int_equal(ratel_engine_table(engine, found, &t), RATEL_OK);
    for (row = 0; row < t.rows && n < cap; row++) {
        char text[64];
        size_t k;
        int64_t v;
        assert_int_equal(ratel_engine_table_key(engine, found, row, 0, text,
                                                sizeof text), RATEL_OK);
        v = (int64_t)strtod(text, NULL);
        for (k = n; k > 0 && out[k - 1] > v; k--)
            out[k] = out[k - 1];
        out[k] = v;
        n++;
    }
    return n;
}

/* 1 when a value of edges[] lies in (lo, hi]. */
static int edge_between(const int64_t *edges, size_t n, double lo, double hi)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((double)edges[i] > lo && (double)edges[i] <= hi)
            return 1;
    return 0;
}

/* ---- sweeps of one input ------------------------------------------------ */

typedef struct sweep {
    const char *path;     /* the input; a date when `date` */
    double from, to;      /* its range (a date: days before the effective date) */
    double step;          /* 0: 1% steps; else steps of this size */
    int direction;        /* +1 premium non-decreasing, -1 non-increasing */
    int decisions;        /* +1/-1: the risk decision moves that way too */
    int date;
    const int64_t *edges; /* documented band edges */
    size_t nedges;
} sweep;

static void set_input(ratel_decl *d, const sweep *s, double v, char *shown,
                      size_t cap)
{
    int rc;
    if (s->date) {
        char text[16];
        date_text(20635 - (long)v, text); /* 2026-07-01, neutral's date */
        rc = ratel_decl_set_string(d, ctx, s->path, text);
        snprintf(shown, cap, "%s", text);
    } else if (strstr(s->path, "share")) {
        rc = ratel_decl_set_number(d, ctx, s->path, v);
        snprintf(shown, cap, "%.3f", v);
    } else {
        rc = ratel_decl_set_int(d, ctx, s->path, (int64_t)llround(v));
        snprintf(shown, cap, "%.0f", v);
    }
    if (rc != RATEL_OK)
        fail_msg("%s=%s: %s", s->path, shown, ratel_ctx_errmsg(ctx));
}

/* Walks the input over its range on the declaration of `settings`: the
 * premium moves only in the sweep's direction and by at most JUMP a step
 * (EDGE_JUMP across a documented band edge); the risk decision only in
 * its direction when the sweep says so. */
static void run_sweep(run *r, const char *settings, const sweep *s)
{
    ratel_decl *d = decl_of(settings, NULL);
    double v = s->from, prev_v = 0;
    outcome prev = {0, 0, 0, QUOTED, 0, NULL};
    char shown[32], prev_shown[32] = "";
    int have = 0;
    for (; v <= s->to;
         v = s->step ? v + s->step : fmax(v + 1, floor(v * 1.01))) {
        outcome o;
        set_input(d, s, v, shown, sizeof shown);
        o = rate(r->plan, d, 0);
        r->checks++;
        if (have && s->decisions && (o.risk - prev.risk) * s->decisions < 0)
            finding(r, "[%s] %s %s -> %s: %s -> %s", settings, s->path,
                    prev_shown, shown, risk_name(prev.risk), risk_name(o.risk));
        if (have && prev.risk != DECLINED && o.risk != DECLINED &&
            o.limit != prev.limit)
            r->cover_changes++;
        else if (have && prev.risk != DECLINED && o.risk != DECLINED &&
            prev.premium > 0 && o.premium != prev.premium) {
            double ratio = (double)o.premium / (double)prev.premium;
            int edge = edge_between(s->edges, s->nedges, fmin(prev_v, v),
                                    fmax(prev_v, v));
            if ((ratio - 1) * s->direction < 0)
                finding(r, "[%s] %s %s -> %s: premium %lld -> %lld (the "
                        "wrong way)", settings, s->path, prev_shown, shown,
                        (long long)prev.premium, (long long)o.premium);
            else if (fmax(ratio, 1 / ratio) > (edge ? EDGE_JUMP : JUMP))
                finding(r, "[%s] %s %s -> %s: premium %lld -> %lld (%+.1f%%%s)",
                        settings, s->path, prev_shown, shown,
                        (long long)prev.premium, (long long)o.premium,
                        (ratio - 1) * 100, edge ? " at a band edge" : "");
        }
        prev = o;
        prev_v = v;
        snprintf(prev_shown, sizeof prev_shown, "%s", shown);
        have = 1;
    }
    ratel_decl_free(d);
}

/* ---- the properties ----------------------------------------------------- */

/* Declarations the sweeps start from. */
static const char *const profiles[] = {
    "",
    "applicant.revenue=10000000",
    "applicant.revenue=10000000 request.liability_limit=10000000 "
    "request.expense_limit=5000000",
    "applicant.revenue=3000000000 applicant.industry=retail controls=all "
    "certifications.isms=true",
    "applicant.revenue=200000000 controls=none request.deductible=1000000",
};
#define NPROFILES (sizeof profiles / sizeof profiles[0])

static void test_properties__revenue(void **state)
{
    long enforced = 0;
    size_t p, b;
    int64_t edges[MAXKEYS];
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        run r = {&plans[p], "revenue", 0, 0, 0};
        sweep s = {"applicant.revenue", 5e6, 1e11, 0, +1, 0, 0, edges, 0};
        s.nedges = table_keys(plans[p].revenue_bands, edges, MAXKEYS);
        for (b = 0; b < NPROFILES; b++)
            run_sweep(&r, profiles[b], &s);
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* The continuous inputs other than revenue. */
static void test_properties__continuous(void **state)
{
    static const char *const bi = "request.liability_limit=300000000 "
        "request.bi_limit=10000000 request.bi_waiting_hours=12";
    long enforced = 0;
    size_t p;
    int64_t waits[MAXKEYS];
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        run r = {&plans[p], "continuous inputs", 0, 0, 0};
        sweep limit = {"request.bi_limit", 1, 1e8, 0, +1, 0, 0, NULL, 0};
        sweep wait = {"request.bi_waiting_hours", 2, 240, 1, -1, 0, 0, waits,
                      0};
        sweep records = {"applicant.personal_records", 100, 1e10, 0, +1, 0, 0,
                         NULL, 0};
        sweep overseas = {"applicant.overseas_revenue_share", 0, 0.495, 0.005,
                          +1, 0, 0, NULL, 0};
        wait.nedges = table_keys(plans[p].waiting_bands, waits, MAXKEYS);
        run_sweep(&r, bi, &limit);
        run_sweep(&r, bi, &wait);
        run_sweep(&r, "controls=all", &records);
        run_sweep(&r, "", &records);
        run_sweep(&r, "", &overseas);
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* Loss history: an incident's amount and its age, swept. */
static void test_properties__loss_history(void **state)
{
    static const char *const incidents[] = {
        "incident=2026-06-01/data_breach/1000",
        "incident=2026-06-01/ransomware/1000",
    };
    static const char *const aged[] = {
        "incident=2026-06-01/data_breach/20000000",
        "incident=2026-06-01/ransomware/5000000",
    };
    long enforced = 0;
    size_t p, i, b;
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        run r = {&plans[p], "loss history", 0, 0, 0};
        sweep paid = {"incidents[0].paid", 1000, 1e12, 0, +1, +1, 0, NULL, 0};
        sweep age = {"incidents[0].date", 0, 6 * 365.25, 1, -1, -1, 1, NULL,
                     0};
        for (i = 0; i < 2; i++)
            for (b = 0; b < 2; b++) {
                char settings[256];
                snprintf(settings, sizeof settings, "%s %s", profiles[b],
                         incidents[i]);
                run_sweep(&r, settings, &paid);
                snprintf(settings, sizeof settings, "%s %s", profiles[b],
                         aged[i]);
                run_sweep(&r, settings, &age);
            }
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* An incident of any size, type and recency added to a declaration:
 * the premium does not fall, the risk decision does not improve, and the
 * incident shows in the premium, the decision or the worksheet. */
static void test_properties__incident_visible(void **state)
{
    static const char *const types[] = {"ransomware", "data_breach", "malware"};
    static const long long paid[] = {1, 100000, 3000000, 60000000,
                                     1000000000, 1000000000000LL};
    static const char *const dates[] = {"2026-06-01", "2023-01-01",
                                        "2021-08-01"};
    long enforced = 0;
    size_t p, b, t, k, w;
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        run r = {&plans[p], "incident visible", 0, 0, 0};
        for (b = 0; b < NPROFILES; b++) {
            ratel_decl *clean = decl_of(profiles[b], NULL);
            outcome before = rate(&plans[p], clean, 1);
            for (t = 0; t < 3; t++)
                for (k = 0; k < 6; k++)
                    for (w = 0; w < 3; w++) {
                        char inc[96];
                        ratel_decl *d;
                        outcome o;
                        snprintf(inc, sizeof inc, "incident=%s/%s/%lld",
                                 dates[w], types[t], paid[k]);
                        d = decl_of(profiles[b], inc);
                        o = rate(&plans[p], d, 1);
                        r.checks++;
                        if (o.risk < before.risk ||
                            (o.risk != DECLINED && before.risk != DECLINED &&
                             o.premium < before.premium))
                            finding(&r, "[%s] %s: %s %lld -> %s %lld "
                                    "(better with the incident)", profiles[b],
                                    inc, risk_name(before.risk),
                                    (long long)before.premium,
                                    risk_name(o.risk), (long long)o.premium);
                        else if (o.risk == before.risk &&
                                 o.premium == before.premium &&
                                 !worksheets_differ(o.q, before.q))
                            finding(&r, "[%s] %s: the incident changes "
                                    "nothing (%s %lld)", profiles[b], inc,
                                    risk_name(o.risk), (long long)o.premium);
                        outcome_free(&o);
                        ratel_decl_free(d);
                    }
            outcome_free(&before);
            ratel_decl_free(clean);
        }
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* Adding one control (certification) to sets of them never raises the
 * premium nor worsens the risk decision; the quotes that turn into
 * referrals for authority alone are counted (an authority level, not a
 * worse risk). */
static void add_each(run *r, const char *const *codes, size_t n,
                     const char *prefix, const char *settings,
                     unsigned long sets, long *authority_flips)
{
    unsigned long seed = 12345, s;
    size_t i, j;
    for (s = 0; s < sets; s++) {
        char have[64][64];
        ratel_decl *d = decl_of(settings, NULL);
        outcome before;
        size_t nhave = 0;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        for (i = 0; i < n; i++) {
            char path[96];
            int on = sets >= (1UL << n) ? (s >> i) & 1
                                        : (int)((seed >> (i + 11)) & 1);
            snprintf(path, sizeof path, "%s.%s", prefix, codes[i]);
            assert_int_equal(ratel_decl_set_bool(d, ctx, path, on), RATEL_OK);
            if (on)
                snprintf(have[nhave++], 64, "%s", codes[i]);
        }
        before = rate(r->plan, d, 0);
        for (i = 0; i < n; i++) {
            char path[96];
            outcome o;
            int on = 0;
            for (j = 0; j < nhave; j++)
                on |= strcmp(have[j], codes[i]) == 0;
            if (on)
                continue;
            snprintf(path, sizeof path, "%s.%s", prefix, codes[i]);
            assert_int_equal(ratel_decl_set_bool(d, ctx, path, 1), RATEL_OK);
            o = rate(r->plan, d, 0);
            r->checks++;
            if (o.risk > before.risk)
                finding(r, "[%s, %zu in place] adding %s: %s -> %s",
                        settings, nhave, codes[i], risk_name(before.risk),
                        risk_name(o.risk));
            else if (o.risk != DECLINED && o.premium > before.premium)
                finding(r, "[%s, %zu in place] adding %s: premium %lld -> "
                        "%lld", settings, nhave, codes[i],
                        (long long)before.premium, (long long)o.premium);
            if (o.authority_only && !before.authority_only &&
                before.risk == QUOTED)
                (*authority_flips)++;
            assert_int_equal(ratel_decl_set_bool(d, ctx, path, 0), RATEL_OK);
        }
        ratel_decl_free(d);
    }
}

static void test_properties__controls_and_certifications(void **state)
{
    long enforced = 0;
    size_t p, b;
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        run r = {&plans[p], "controls, certifications", 0, 0, 0};
        long flips = 0;
        for (b = 0; b < NPROFILES; b++) {
            add_each(&r, controls, ncontrols, "controls", profiles[b], 24,
                     &flips);
            add_each(&r, certifications, ncertifications, "certifications",
                     profiles[b], 1UL << ncertifications, &flips);
        }
        printf("properties: %-20s %ld of %ld additions turn a quote into a "
               "referral for authority alone\n", plans[p].id, flips, r.checks);
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* Menus: a higher limit never costs less, a higher deductible never more
 * (every menu entry, each profile). */
static void menu_order(run *r, const char *settings, const char *path,
                       const char *table, int direction)
{
    int64_t keys[MAXKEYS];
    size_t n = table_keys(table, keys, MAXKEYS), i;
    ratel_decl *d = decl_of(settings, NULL);
    outcome prev = {0, 0, 0, QUOTED, 0, NULL};
    for (i = 0; i < n; i++) {
        outcome o;
        assert_int_equal(ratel_decl_set_int(d, ctx, path, keys[i]), RATEL_OK);
        o = rate(r->plan, d, 0);
        r->checks++;
        if (i > 0 && o.risk != DECLINED && prev.risk != DECLINED &&
            (o.premium - prev.premium) * direction < 0)
            finding(r, "[%s] %s %lld -> %lld: premium %lld -> %lld",
                    settings, path, (long long)keys[i - 1],
                    (long long)keys[i], (long long)prev.premium,
                    (long long)o.premium);
        prev = o;
    }
    ratel_decl_free(d);
}

static void test_properties__menus(void **state)
{
    long enforced = 0;
    size_t p, b;
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        const prop_plan *pl = &plans[p];
        run r = {pl, "limits, deductible", 0, 0, 0};
        for (b = 0; b < NPROFILES; b++) {
            menu_order(&r, profiles[b], "request.liability_limit",
                       pl->liability_menu, +1);
            if (pl->expense_menu)
                menu_order(&r, profiles[b], "request.expense_limit",
                           pl->expense_menu, +1);
            menu_order(&r, profiles[b], "request.deductible",
                       pl->deductible_menu, -1);
        }
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* A term off the menu: never quoted; when priced, the term priced is
 * stated where it differs from the one asked. `stated` is the term's
 * name in the quote's differences. */
static void off_menu(run *r, const char *settings, const char *stated)
{
    ratel_decl *d = decl_of(settings, NULL);
    outcome o = rate(r->plan, d, 1);
    size_t i, n = ratel_quote_difference_count(o.q);
    int found = 0;
    r->checks++;
    for (i = 0; i < n; i++) {
        ratel_term_difference diff;
        assert_int_equal(ratel_quote_difference(o.q, i, &diff), RATEL_OK);
        found |= strcmp(diff.term, stated) == 0;
    }
    if (o.risk == QUOTED)
        finding(r, "[%s] quoted at %lld", settings, (long long)o.premium);
    else if (o.risk != DECLINED && !found)
        finding(r, "[%s] %s at %lld with no %s priced stated", settings,
                risk_name(o.risk), (long long)o.premium, stated);
    outcome_free(&o);
    ratel_decl_free(d);
}

/* A plan that does not sell business interruption: a request for it is
 * referred (or declined), and no BI is priced. */
static void bi_not_sold(run *r, const char *settings)
{
    ratel_decl *d = decl_of(settings, NULL);
    outcome o = rate(r->plan, d, 0);
    r->checks++;
    if (o.risk == QUOTED || o.bi_priced)
        finding(r, "[%s] %s at %lld%s", settings, risk_name(o.risk),
                (long long)o.premium, o.bi_priced ? " with BI priced" : "");
    ratel_decl_free(d);
}

/* Between two entries of a menu, above its top, and below its bottom. */
static void off_menu_values(run *r, const char *path, const char *table,
                            const char *stated)
{
    int64_t keys[MAXKEYS];
    size_t n = table_keys(table, keys, MAXKEYS), i;
    char settings[160];
    for (i = 0; i + 1 < n; i++) {
        snprintf(settings, sizeof settings, "%s=%lld", path,
                 (long long)(keys[i] + (keys[i + 1] - keys[i]) / 2));
        off_menu(r, settings, stated);
    }
    if (strstr(path, "coinsurance") == NULL) { /* 100% is the most */
        snprintf(settings, sizeof settings, "%s=%lld", path,
                 (long long)(keys[n - 1] + keys[n - 1] / 2));
        off_menu(r, settings, stated);
    }
    if (keys[0] > 1) {
        snprintf(settings, sizeof settings, "%s=%lld", path,
                 (long long)(keys[0] - 1));
        off_menu(r, settings, stated);
    }
}

static void test_properties__off_menu(void **state)
{
    long enforced = 0;
    size_t p;
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        const prop_plan *pl = &plans[p];
        run r = {pl, "off-menu terms", 0, 0, 0};
        off_menu_values(&r, "request.liability_limit", pl->liability_menu,
                        "limit");
        if (pl->expense_menu)
            off_menu_values(&r, "request.expense_limit", pl->expense_menu,
                            "limit");
        off_menu_values(&r, "request.deductible", pl->deductible_menu,
                        "deductible");
        if (pl->coinsurance_menu)
            off_menu_values(&r, "request.coinsurance_pct",
                            pl->coinsurance_menu, "coinsurance_pct");
        else
            off_menu(&r, "request.coinsurance_pct=70", "coinsurance_pct");
        if (pl->offers_bi) {
            off_menu(&r, "request.bi_limit=10000000 "
                     "request.bi_waiting_hours=1", "waiting_hours");
            off_menu(&r, "request.bi_limit=10000000 "
                     "request.bi_waiting_hours=500", "waiting_hours");
        } else {
            bi_not_sold(&r, "request.bi_limit=10000000 "
                        "request.bi_waiting_hours=12");
        }
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* Terms that make no sense for the risk are not quoted as if they did
 * (issue 18): each case a declaration that must not be quoted, or two
 * whose premiums must differ the way given. */
typedef struct sanity {
    const char *what;
    const char *settings;
    const char *against; /* NULL: `settings` must not be quoted */
    int more;            /* +1 settings costs more than against, -1 less,
                            0 at most 1% more */
} sanity;

static const sanity sanities[] = {
    {"a deductible as large as the limits",
     "request.liability_limit=10000000 request.expense_limit=5000000 "
     "request.deductible=10000000", NULL, 0},
    {"an insurer's share of 1%", "request.coinsurance_pct=1", NULL, 0},
    {"an expense limit 50 times the liability limit",
     "request.liability_limit=10000000 request.expense_limit=500000000",
     NULL, 0},
    {"1.5bn of cover for 10m of revenue",
     "applicant.revenue=10000000 request.liability_limit=1000000000 "
     "request.expense_limit=500000000", NULL, 0},
    {"a loss of 1 trillion yen last month",
     "incident=2026-06-01/data_breach/1000000000000", NULL, 0},
    {"a BI limit of 1 yen", "request.bi_limit=1 request.bi_waiting_hours=12",
     "", 0},
    {"a BI limit of 1bn against 100m",
     "request.liability_limit=1000000000 request.bi_limit=1000000000 "
     "request.bi_waiting_hours=12",
     "request.liability_limit=1000000000 request.bi_limit=100000000 "
     "request.bi_waiting_hours=12", +1},
    {"no liability cover against the 10m option",
     "request.liability_limit=0", "request.liability_limit=10000000", -1},
    {"10bn personal records against none", "applicant.personal_records="
     "10000000000 controls=all", "applicant.personal_records=0 controls=all",
     +1},
};
#define NSANITIES (sizeof sanities / sizeof sanities[0])

static void test_properties__terms_that_make_sense(void **state)
{
    long enforced = 0;
    size_t p, i;
    (void)state;
    for (p = 0; p < NPLANS; p++) {
        run r = {&plans[p], "terms that make sense", 0, 0, 0};
        for (i = 0; i < NSANITIES; i++) {
            const sanity *c = &sanities[i];
            ratel_decl *d = decl_of(c->settings, NULL), *other;
            outcome o = rate(&plans[p], d, 0), x;
            r.checks++;
            if (!c->against) {
                if (o.risk == QUOTED)
                    finding(&r, "%s [%s]: quoted at %lld", c->what,
                            c->settings, (long long)o.premium);
            } else if (o.risk == QUOTED) {
                other = decl_of(c->against, NULL);
                x = rate(&plans[p], other, 0);
                if (x.risk != DECLINED &&
                    (c->more > 0 ? o.premium <= x.premium
                     : c->more < 0 ? o.premium >= x.premium
                                   : o.premium > x.premium + x.premium / 100))
                    finding(&r, "%s: quoted at %lld against %lld", c->what,
                            (long long)o.premium, (long long)x.premium);
                ratel_decl_free(other);
            }
            ratel_decl_free(d);
        }
        enforced += finish(&r);
    }
    assert_int_equal(enforced, 0);
}

/* ---- setup -------------------------------------------------------------- */

/* The codes of field `path` of the cyber-sme schema. */
static void schema_codes(const char *path, const char *const **codes,
                         size_t *n)
{
    size_t s, f;
    for (s = 0; s < ratel_engine_schema_count(engine); s++) {
        ratel_schema_info info;
        assert_int_equal(ratel_engine_schema(engine, s, &info), RATEL_OK);
        if (strcmp(info.id, "cyber-sme") != 0)
            continue;
        for (f = 0; f < info.nfields; f++) {
            ratel_schema_field field;
            assert_int_equal(ratel_engine_schema_field(engine, s, f, &field),
                             RATEL_OK);
            if (strcmp(field.path, path) == 0) {
                *codes = field.codes;
                *n = field.ncodes;
                return;
            }
        }
    }
    fail_msg("no field %s", path);
}

static int setup(void **state)
{
    (void)state;
    started = clock();
    if (ratel_engine_open(&engine, TEST_TABLES_DIR "/ratel.db",
                          TEST_PLANS_DIR, NULL) ||
        ratel_ctx_new(&ctx, engine))
        return -1;
    neutral = test_slurp(TEST_NEUTRAL, &neutral_len);
    schema_codes("controls", &controls, &ncontrols);
    schema_codes("certifications", &certifications, &ncertifications);
    return neutral ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    printf("properties: %ld declarations rated in %.1f s of CPU\n", rated,
           (double)(clock() - started) / CLOCKS_PER_SEC);
    free(neutral);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_properties__revenue),
        cmocka_unit_test(test_properties__continuous),
        cmocka_unit_test(test_properties__loss_history),
        cmocka_unit_test(test_properties__incident_visible),
        cmocka_unit_test(test_properties__controls_and_certifications),
        cmocka_unit_test(test_properties__menus),
        cmocka_unit_test(test_properties__off_menu),
        cmocka_unit_test(test_properties__terms_that_make_sense),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
