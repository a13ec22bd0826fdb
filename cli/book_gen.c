/* book_gen.c - one synthetic policy of `ratel book generate` as a JSON
 * line. The distributions are documented in docs/cli.md ("book
 * generate"); every draw comes from book_rng.c, in a fixed order. */
#include "cli.h"
#include "book.h"

#include <string.h>

#define NIND 12

static const char *const industries[NIND] = {
    "manufacturing", "retail", "wholesale", "logistics", "food_service",
    "construction", "it_services", "finance", "healthcare",
    "professional_services", "education", "other"};
/* Share of Japanese SMEs by industry, percent (census, rounded). */
static const double industry_weight[NIND] = {11, 15, 8, 3, 12, 13,
                                             2, 1, 7, 9, 3, 16};
/* Revenue per employee, JPY m. */
static const double revenue_per_employee[NIND] = {25, 20, 60, 18, 8, 25,
                                                  15, 40, 10, 12, 8, 15};
/* Personal records held per JPY 1m of revenue. */
static const double records_per_m[NIND] = {2, 50, 5, 20, 30, 2,
                                           40, 100, 80, 20, 60, 5};

#define NCTRL 18
static const char *const controls[NCTRL] = {
    "security_policy", "risk_assessment", "csirt", "incident_response_plan",
    "ir_drills", "mfa", "edr", "offline_backup", "patch_management",
    "vpn_maintenance", "access_control", "encryption", "log_collection",
    "log_retention", "log_analysis", "staff_training",
    "supplier_management", "physical_security"};
/* Share of firms of median size with the control in place. */
static const double control_base[NCTRL] = {
    .55, .30, .12, .25, .10, .40, .30, .45, .55,
    .45, .60, .35, .45, .40, .15, .40, .15, .50};

#define NTYPE 6
static const char *const incident_types[NTYPE] = {
    "ransomware", "data_breach", "business_email_compromise", "ddos",
    "malware", "other"};
static const double type_weight[NTYPE] = {20, 15, 15, 5, 35, 10};
/* NPA 2022: cost to respond, JPY m buckets and shares. */
static const double paid_lo[5] = {0.1, 1, 5, 10, 50};
static const double paid_hi[5] = {1, 5, 10, 50, 300};
static const double paid_weight[5] = {24, 16, 14, 33, 13};

static const int64_t liability_menu[5] = {30000000, 50000000, 100000000,
                                          300000000, 500000000};
static const double liability_by_size[3][5] = {
    {25, 35, 35, 5, 0}, {5, 25, 50, 15, 5}, {0, 5, 35, 35, 25}};
static const int64_t liability_off[4] = {70000000, 150000000, 1000000000,
                                         2000000000};
static const int64_t expense_menu[3] = {10000000, 30000000, 50000000};
static const double expense_weight[3] = {35, 50, 15};
static const int64_t deductible_menu[5] = {0, 100000, 300000, 500000,
                                           1000000};
static const double deductible_weight[5] = {5, 50, 25, 10, 10};
static const int64_t bi_menu[4] = {10000000, 20000000, 30000000, 50000000};
static const int64_t waiting_menu[4] = {12, 24, 48, 72};

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* Days since 1970-01-01 of a civil date and back (H. Hinnant). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    long era, yoe, doy;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long z, char out[64])
{
    long era, doe, yoe, y, doy, mp, d, m;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(out, 64, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* exp(N(mu, sigma)) */
static double lognormal(book_rng *r, double mu, double sigma)
{
    return book_exp(mu + sigma * book_normal(r));
}

/* Log-uniform on [lo, hi). */
static double log_uniform(book_rng *r, double lo, double hi)
{
    double a = book_log(lo), b = book_log(hi);
    return book_exp(a + (b - a) * book_uniform(r));
}

/* ---- the parts of a policy -------------------------------------------- */

typedef struct policy {
    size_t industry;
    int64_t revenue, liability;
    double size; /* log10(revenue) - 8.5: 0 at the median JPY ~300m */
    long effective; /* days */
} policy;

static int write_applicant(FILE *out, book_rng *r, policy *p,
                           unsigned long long i)
{
    double rev, employees, records;
    unsigned share = 0;
    double u;

    p->industry = book_pick(r, industry_weight, NIND);
    if (book_uniform(r) < 0.002) /* a large enterprise: out of SME scope */
        rev = log_uniform(r, 1e11, 5e11);
    else
        rev = lognormal(r, book_log(3e8), 1.7);
    rev = clamp(rev, 5e6, 9e14);
    p->revenue = (int64_t)(rev / 1e5 + 0.5) * 100000; /* JPY 100k */
    p->size = book_log((double)p->revenue) / book_log(10.0) - 8.5;
    employees = rev / (revenue_per_employee[p->industry] * 1e6) *
                lognormal(r, 0.0, 0.4);
    employees = clamp(employees + 1.0, 1.0, 1e6);
    records = rev / 1e6 * records_per_m[p->industry] *
              lognormal(r, 0.0, 1.0);
    records = clamp(records, 0.0, 1e9);
    u = book_uniform(r);
    if (u >= 0.97)
        share = 30 + (unsigned)book_below(r, 51);
    else if (u >= 0.82)
        share = 1 + (unsigned)book_below(r, 30);
    return fprintf(out, "\"applicant\":{\"name\":\"株式会社サンプル%07llu\","
                        "\"revenue\":%lld,\"industry\":\"%s\","
                        "\"employees\":%lld,\"personal_records\":%lld,"
                        "\"overseas_revenue_share\":%u.%02u},",
                   i + 1, (long long)p->revenue, industries[p->industry],
                   (long long)employees, (long long)records, share / 100,
                   share % 100) < 0 ? -1 : 0;
}

static int write_incidents(FILE *out, book_rng *r, const policy *p)
{
    double risk = (p->industry == 6 || p->industry == 7 || p->industry == 8)
                      ? 1.3 : 1.0;
    double s = clamp((p->size + 1.5) / 3.0, 0.0, 1.0);
    double lambda = clamp(0.015 + 0.215 * s * s * risk, 0.015, 0.23);
    unsigned k, n = book_poisson(r, 5.0 * lambda);
    char date[64];

    if (n > 8)
        n = 8;
    if (fputs("\"incidents\":[", out) == EOF)
        return -1;
    for (k = 0; k < n; k++) {
        size_t type = book_pick(r, type_weight, NTYPE);
        size_t b = book_pick(r, paid_weight, 5);
        double paid = log_uniform(r, paid_lo[b] * 1e6, paid_hi[b] * 1e6);
        civil_from_days(p->effective - 1 - (long)book_below(r, 5 * 365),
                        date);
        if (fprintf(out, "%s{\"date\":\"%s\",\"type\":\"%s\",\"paid\":%lld}",
                    k ? "," : "", date, incident_types[type],
                    (long long)(paid / 1000 + 0.5) * 1000) < 0)
            return -1;
    }
    return fputs("],", out) == EOF ? -1 : 0;
}

static int write_controls(FILE *out, book_rng *r, const policy *p)
{
    double maturity = 0.6 + 0.8 * book_uniform(r);
    double z = clamp(p->size, -1.5, 1.5);
    size_t k;
    int first = 1;
    double u;

    if (fputs("\"controls\":{", out) == EOF)
        return -1;
    for (k = 0; k < NCTRL; k++) {
        double pr = clamp(control_base[k] * (1 + 0.6 * z) * maturity, 0.02,
                          0.97);
        if (book_uniform(r) < pr) {
            if (fprintf(out, "%s\"%s\":true", first ? "" : ",",
                        controls[k]) < 0)
                return -1;
            first = 0;
        }
    }
    if (fputs("},\"certifications\":[", out) == EOF)
        return -1;
    first = 1;
    if (book_uniform(r) < 0.03 + 0.10 * clamp(z, 0.0, 1.5)) {
        first = 0;
        if (fputs("\"isms\"", out) == EOF)
            return -1;
    }
    if (book_uniform(r) < (p->industry == 6 || p->industry == 9 ? 0.15 : 0.04)) {
        if (fprintf(out, "%s\"pmark\"", first ? "" : ",") < 0)
            return -1;
        first = 0;
    }
    u = book_uniform(r);
    if (u < 0.37) {
        if (fprintf(out, "%s\"%s\"", first ? "" : ",",
                    u < 0.12 ? "security_action_2" : "security_action_1") < 0)
            return -1;
        first = 0;
    }
    if (book_uniform(r) < 0.02 &&
        fprintf(out, "%s\"cyber_certification\"", first ? "" : ",") < 0)
        return -1;
    return fputs("],", out) == EOF ? -1 : 0;
}

static int write_request(FILE *out, book_rng *r, const policy *p)
{
    int band = p->size < -0.5 ? 0 : p->size < 0.5 ? 1 : 2;
    int64_t liability = liability_menu[book_pick(r, liability_by_size[band], 5)];
    int64_t expense = expense_menu[book_pick(r, expense_weight, 3)];
    int64_t deductible = deductible_menu[book_pick(r, deductible_weight, 5)];
    double u = book_uniform(r);
    int coins = u < 0.90 ? 100 : u < 0.97 ? 90 : u < 0.99 ? 80 : 95;

    if (book_uniform(r) < 0.05) /* off the menus */
        liability = liability_off[book_below(r, 4)];
    if (book_uniform(r) < 0.03)
        expense = book_uniform(r) < 0.5 ? 15000000 : 40000000;
    if (book_uniform(r) < 0.03)
        deductible = book_uniform(r) < 0.5 ? 200000 : 250000;
    if (fprintf(out, "\"request\":{\"liability_limit\":%lld,"
                     "\"expense_limit\":%lld,",
                (long long)liability, (long long)expense) < 0)
        return -1;
    if (book_uniform(r) < 0.15 + 0.15 * clamp(p->size, 0.0, 1.0)) {
        int64_t bi = bi_menu[book_below(r, 4)];
        int64_t hours = book_uniform(r) < 0.01 ? 1
                                               : waiting_menu[book_below(r, 4)];
        if (fprintf(out, "\"bi_limit\":%lld,\"bi_waiting_hours\":%lld,",
                    (long long)bi, (long long)hours) < 0)
            return -1;
    }
    return fprintf(out, "\"deductible\":%lld,\"coinsurance_pct\":%d}",
                   (long long)deductible, coins) < 0 ? -1 : 0;
}

int book_write_policy(FILE *out, book_rng *r, unsigned long long i)
{
    policy p;
    char date[64];

    memset(&p, 0, sizeof p);
    p.effective = days_from_civil(2026, 1, 1) + (long)book_below(r, 365);
    civil_from_days(p.effective, date);
    if (fprintf(out, "{\"effective_date\":\"%s\",", date) < 0 ||
        write_applicant(out, r, &p, i) != 0 ||
        write_incidents(out, r, &p) != 0 || write_controls(out, r, &p) != 0 ||
        write_request(out, r, &p) != 0 || fputs("}\n", out) == EOF)
        return -1;
    return 0;
}
