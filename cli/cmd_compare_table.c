/* cmd_compare_table.c - `ratel compare --format table`: the comparison
 * as tables for a broker, on stdout: the offers side by side, what the
 * client keeps in each scenario, each offer in full (as `quote --format
 * table` shows a quote, and its gaps, shortfalls and settlements), the
 * scenarios, and the four questions. */
#include "cli.h"
#include "compare_print.h"
#include "quote_print.h"
#include "table_out.h"

#include <string.h>

#define NO_CATEGORY ((size_t)-1)

/* An amount in the comparison's currency, with separators. */
static const char *money(char *buf, size_t size, const ratel_comparison *c,
                         int64_t v)
{
    ratel_comparison_info info = {0};
    ratel_comparison_get(c, &info);
    return cli_fmt_amount(buf, size, v, info.currency_digits);
}

/* The comparison's currency ("JPY"). */
static const char *currency(const ratel_comparison *c)
{
    ratel_comparison_info info = {0};
    ratel_comparison_get(c, &info);
    return info.currency ? info.currency : "";
}

static int print_header(const ratel_comparison *c)
{
    ratel_comparison_info info = {0};
    char cash[32], revenue[32], records[32];
    ratel_comparison_get(c, &info);
    return printf("Comparison for:  %s\nEffective date:  %s\n"
                  "Exposure:        revenue %s %s, %s personal records, "
                  "%lld employees (%zu %s)\n"
                  "Cash yardstick:  %s %s (%u months of revenue, seed 003)\n",
                  info.applicant, info.effective_date, info.currency,
                  money(revenue, sizeof revenue, c, info.revenue),
                  cli_fmt_money(records, sizeof records,
                                info.personal_records),
                  (long long)info.employees, info.companies,
                  info.companies == 1 ? "company" : "companies",
                  info.currency, money(cash, sizeof cash, c, info.cash),
                  info.cash_months) < 0 ? -1 : 0;
}

/* The offers side by side: what each priced and costs. */
static int print_offers(const ratel_comparison *c)
{
    static const char *const heads[10] = {
        "#", "plan", "option", "decision", "premium", "liability",
        "expense", "BI", "deductible", "gaps"};
    size_t i, n = ratel_comparison_offer_count(c);
    text_table *t = text_table_new(10);
    int rc = t ? 0 : -1;
    for (i = 0; rc == 0 && i < 10; i++)
        rc = text_table_column(t, i, heads[i],
                        i == 0 || (i >= 4 && i <= 9) ? TEXT_TABLE_RIGHT : TEXT_TABLE_LEFT);
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_offer o;
        char num[24], cells[5][32], gaps[24];
        const char *row[10];
        ratel_comparison_offer(c, i, &o);
        snprintf(num, sizeof num, "%zu", i + 1);
        snprintf(gaps, sizeof gaps, "%zu", o.ngaps);
        row[0] = num;
        row[1] = o.plan;
        row[2] = o.option ? o.option : "-";
        row[3] = o.quote ? ratel_decision_name(ratel_quote_decision(o.quote))
                         : "error";
        if (o.quote) {
            row[4] = money(cells[0], 32, c, ratel_quote_total_premium(o.quote));
            row[5] = quote_priced_term(cells[1], 32, o.quote, "liability",
                                       "limit", "");
            row[6] = quote_priced_term(cells[2], 32, o.quote, "expense",
                                       "limit", "");
            row[7] = quote_priced_term(cells[3], 32, o.quote, "bi", "limit",
                                       "");
            row[8] = quote_priced_term(cells[4], 32, o.quote, "liability",
                                       "deductible", "");
        } else {
            row[4] = row[5] = row[6] = row[7] = row[8] = "-";
        }
        row[9] = gaps;
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nOffers (%s; BI none: no business "
                          "interruption):\n", currency(c)) < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* Offers by scenario: what the client keeps, and its share of cash. */
static int print_keeps(const ratel_comparison *c)
{
    size_t i, s, ns = ratel_comparison_scenario_count(c);
    size_t n = ratel_comparison_offer_count(c);
    text_table *t = text_table_new(ns + 2);
    char cells[18][48];
    const char *row[18];
    int rc = t ? 0 : -1;
    if (ns + 2 > 18)
        ns = 16;
    rc = rc || text_table_column(t, 0, "#", TEXT_TABLE_RIGHT) ||
         text_table_column(t, 1, "offer", TEXT_TABLE_LEFT);
    for (s = 0; rc == 0 && s < ns; s++) {
        ratel_scenario_info si;
        ratel_comparison_scenario(c, s, &si);
        rc = text_table_column(t, s + 2, si.id, TEXT_TABLE_RIGHT);
    }
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_offer o;
        char num[24], name[160];
        ratel_comparison_offer(c, i, &o);
        snprintf(num, sizeof num, "%zu", i + 1);
        snprintf(name, sizeof name, "%s%s%s", o.plan, o.option ? " " : "",
                 o.option ? o.option : "");
        row[0] = num;
        row[1] = name;
        for (s = 0; s < ns; s++) {
            ratel_settlement st;
            char m[32];
            ratel_comparison_settlement(c, i, s, NO_CATEGORY, &st);
            snprintf(cells[s], sizeof cells[s], "%s (%.1f%%)",
                     money(m, sizeof m, c, st.client_keeps),
                     st.share_of_cash_pct);
            row[s + 2] = cells[s];
        }
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nWhat the client keeps in each scenario (%s, "
                          "and as a share of the cash yardstick):\n",
                          currency(c)) < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* "deductible 500,000; limit 20,000,000": why the client keeps it. */
static const char *kept_because(char *buf, size_t size,
                                const ratel_comparison *c,
                                const ratel_settlement *st)
{
    const int64_t v[6] = {st->kept_not_covered, st->kept_waiting_period,
                          st->kept_deductible, st->kept_coinsurance,
                          st->kept_sublimit, st->kept_limit};
    static const char *const names[6] = {
        "not covered", "waiting period", "deductible", "coinsurance",
        "sub-limit", "limit"};
    size_t at = 0, k;
    buf[0] = '\0';
    for (k = 0; k < 6 && at + 1 < size; k++) {
        char m[32];
        if (v[k] > 0)
            at += (size_t)snprintf(buf + at, size - at, "%s%s %s",
                                   at ? "; " : "", names[k],
                                   money(m, sizeof m, c, v[k]));
    }
    return buf[0] ? buf : "-";
}

/* One offer's settlement of every scenario. */
static int print_settlements(const ratel_comparison *c, size_t i)
{
    static const char *const heads[6] = {
        "scenario", "loss", "insurer pays", "client keeps", "of cash",
        "kept because"};
    size_t s, ns = ratel_comparison_scenario_count(c), k;
    text_table *t = text_table_new(6);
    int rc = t ? 0 : -1;
    for (k = 0; rc == 0 && k < 6; k++)
        rc = text_table_column(t, k, heads[k],
                        k == 0 || k == 5 ? TEXT_TABLE_LEFT : TEXT_TABLE_RIGHT);
    for (s = 0; rc == 0 && s < ns; s++) {
        ratel_scenario_info si;
        ratel_settlement st;
        char m[3][32], pct[16], why[512];
        const char *row[6];
        ratel_comparison_scenario(c, s, &si);
        ratel_comparison_settlement(c, i, s, NO_CATEGORY, &st);
        row[0] = si.id;
        row[1] = money(m[0], 32, c, st.loss);
        row[2] = money(m[1], 32, c, st.insurer_pays);
        row[3] = money(m[2], 32, c, st.client_keeps);
        snprintf(pct, sizeof pct, "%.1f%%", st.share_of_cash_pct);
        row[4] = pct;
        row[5] = kept_because(why, sizeof why, c, &st);
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nIn the scenarios (%s):\n", currency(c)) < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* One offer in full. Services and exclusions once per plan. */
static int print_offer(const ratel_comparison *c, size_t i)
{
    ratel_offer o, prev;
    size_t k;
    int first_of_plan;
    ratel_comparison_offer(c, i, &o);
    first_of_plan = i == 0 || (ratel_comparison_offer(c, i - 1, &prev) ==
                                   RATEL_OK &&
                               strcmp(prev.plan, o.plan) != 0);
    if (printf("\n== Offer %zu: %s%s%s (%s, %s)\n", i + 1, o.plan,
               o.option ? ", option " : "", o.option ? o.option : "",
               o.insurer, o.product) < 0)
        return -1;
    if (!o.quote)
        return printf("Not rated: %s\n", o.message ? o.message : "error") < 0
                   ? -1 : 0;
    {
        char m[32];
        if (printf("Decision: %s; premium %s %s\n",
                   ratel_decision_name(ratel_quote_decision(o.quote)),
                   ratel_quote_currency(o.quote),
                   money(m, sizeof m, c,
                         ratel_quote_total_premium(o.quote))) < 0)
            return -1;
    }
    if (quote_print_cover(o.quote) ||
        quote_print_conditions(o.quote, first_of_plan))
        return -1;
    if (o.ngaps && printf("\nCoverage gaps:\n") < 0)
        return -1;
    for (k = 0; k < o.ngaps; k++) {
        ratel_gap g = {NULL, NULL};
        if (ratel_comparison_gap(c, i, k, &g) != RATEL_OK)
            continue;
        if (printf("  - %s\n", g.text) < 0)
            return -1;
    }
    if (o.nshortfalls && printf("\nAgainst the probable maximum loss:\n") < 0)
        return -1;
    for (k = 0; k < o.nshortfalls; k++) {
        ratel_shortfall f;
        if (ratel_comparison_shortfall(c, i, k, &f) != RATEL_OK)
            continue;
        if (printf("  - %s\n", f.text) < 0)
            return -1;
    }
    return print_settlements(c, i);
}

/* Each scenario: its loss by category and its source. */
static int print_scenarios(const ratel_comparison *c)
{
    size_t s, k, ns = ratel_comparison_scenario_count(c);
    size_t nc = ratel_loss_category_count(), n0 = 0;
    if (printf("\nScenarios (%s):\n", currency(c)) < 0)
        return -1;
    for (s = 0; s < ns; s++) {
        ratel_scenario_info si;
        char m[32];
        ratel_comparison_scenario(c, s, &si);
        if (printf("  %s: %s\n    loss %s:", si.id, si.name,
                   money(m, sizeof m, c, si.loss)) < 0)
            return -1;
        for (k = 0, n0 = 0; k < nc; k++) {
            ratel_settlement st;
            ratel_comparison_settlement(c, 0, s, k, &st);
            if (st.loss > 0 &&
                printf("%s %s %s", n0++ ? ";" : "",
                       ratel_loss_category_label(k),
                       money(m, sizeof m, c, st.loss)) < 0)
                return -1;
        }
        if (printf("\n    source: %s\n", si.source ? si.source : "-") < 0)
            return -1;
    }
    return 0;
}

static int print_questions(const ratel_comparison *c)
{
    size_t i, n = ratel_comparison_question_count(c);
    if (printf("\nShould the client buy at all? (seed 003's four "
               "questions)\n") < 0)
        return -1;
    for (i = 0; i < n; i++) {
        ratel_question q;
        ratel_comparison_question(c, i, &q);
        if (printf("  %d. %s %s\n     %s\n", q.number, q.question, q.answer,
                   q.why) < 0)
            return -1;
    }
    return printf("  Advice: %s\n", ratel_comparison_advice(c)) < 0 ? -1
                                                                     : 0;
}

int cmd_compare_table(const ratel_comparison *c)
{
    size_t i, n = ratel_comparison_offer_count(c);
    if (print_header(c) || print_offers(c) || print_keeps(c))
        return -1;
    for (i = 0; i < n; i++)
        if (print_offer(c, i))
            return -1;
    return print_scenarios(c) || print_questions(c) ? -1 : 0;
}
