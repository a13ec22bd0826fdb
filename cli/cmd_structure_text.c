/* cmd_structure_text.c - `ratel structure --format table`: the loss
 * model, the structures side by side, each one's notes, and each
 * scenario's split of who pays, as aligned text tables. */
#include "cli.h"
#include "table_out.h"

#include <string.h>

#define MONEY 32

/* Prints a table of `ncols` columns (the first left-aligned) under a
 * title; rows come from fill(). Returns 0 or -1. */
static int print_table(FILE *out, const char *title, const char *const *heads,
                       size_t ncols,
                       int (*fill)(tbl *, const ratel_structure_result *,
                                   size_t),
                       const ratel_structure_result *r, size_t arg)
{
    tbl *t = tbl_new(ncols);
    size_t i;
    int rc = t ? 0 : -1;
    for (i = 0; rc == 0 && i < ncols; i++)
        rc = tbl_column(t, i, heads[i], i ? TBL_RIGHT : TBL_LEFT);
    if (rc == 0)
        rc = fill(t, r, arg);
    if (rc == 0 && fprintf(out, "\n%s\n", title) < 0)
        rc = -1;
    if (rc == 0)
        rc = tbl_print(t, out, "  ");
    tbl_free(t);
    return rc;
}

static int fill_model(tbl *t, const ratel_structure_result *r, size_t arg)
{
    char freq[64], sev[MONEY], el[MONEY];
    int64_t total = 0;
    size_t i;
    (void)arg;
    for (i = 0; i < ratel_structure_peril_count(r); i++) {
        ratel_structure_peril p;
        const char *row[4];
        if (ratel_structure_peril_get(r, i, &p) != RATEL_OK)
            continue;
        total += p.expected_loss;
        row[0] = p.name;
        row[1] = cli_fmt_number(freq, sizeof freq, p.frequency, 0);
        row[2] = cli_fmt_money(sev, sizeof sev, p.mean_severity);
        row[3] = cli_fmt_money(el, sizeof el, p.expected_loss);
        if (tbl_add_row(t, row))
            return -1;
    }
    {
        const char *row[4] = {"all perils", NULL, NULL, el};
        cli_fmt_money(el, sizeof el, total);
        return tbl_add_row(t, row);
    }
}

/* A row: `name`, then n amounts (none: "declined" when declined). */
static int money_row(tbl *t, const char *name, const int64_t *v, size_t n,
                     int declined)
{
    char cell[8][MONEY];
    const char *row[9] = {name};
    size_t k;
    for (k = 0; k < n && !declined; k++)
        row[k + 1] = cli_fmt_money(cell[k], MONEY, v[k]);
    if (declined)
        row[1] = "declined";
    return tbl_add_row(t, row);
}

static int fill_structures(tbl *t, const ratel_structure_result *r,
                           size_t arg)
{
    size_t i;
    (void)arg;
    for (i = 0; i < ratel_structure_count(r); i++) {
        ratel_structure_info s;
        int64_t v[6];
        if (ratel_structure_get(r, i, &s) != RATEL_OK)
            continue;
        v[0] = s.fixed_cost;
        v[1] = s.expected_cost;
        v[2] = s.cost_p95;
        v[3] = s.cost_p99;
        v[4] = s.capital;
        v[5] = s.largest_uncovered;
        if (money_row(t, s.name, v, 6, s.declined))
            return -1;
    }
    return 0;
}

static int fill_scenario(tbl *t, const ratel_structure_result *r,
                         size_t scenario)
{
    size_t i;
    for (i = 0; i < ratel_structure_count(r); i++) {
        ratel_structure_info s;
        ratel_structure_outcome o;
        int64_t v[8];
        if (ratel_structure_get(r, i, &s) != RATEL_OK ||
            ratel_structure_outcome_get(r, scenario, i, &o) != RATEL_OK)
            continue;
        v[0] = o.insurers;
        v[1] = o.captive;
        v[2] = o.bond;
        v[3] = o.reserve;
        v[4] = o.loan;
        v[5] = o.cash;
        v[6] = o.company;
        v[7] = o.bridge;
        if (money_row(t, s.name, v, 8, 0))
            return -1;
    }
    return 0;
}

static int print_notes(FILE *out, const ratel_structure_result *r)
{
    size_t i, k;
    if (fputs("\nNotes:\n", out) == EOF)
        return -1;
    for (i = 0; i < ratel_structure_count(r); i++) {
        ratel_structure_info s;
        if (ratel_structure_get(r, i, &s) != RATEL_OK)
            continue;
        if (fprintf(out, "  %s\n", s.name) < 0)
            return -1;
        for (k = 0; k < s.nnotes; k++)
            if (fprintf(out, "    - %s\n", ratel_structure_note(r, i, k)) < 0)
                return -1;
    }
    return 0;
}

int cmd_structure_table(FILE *out, const ratel_structure_result *r,
                          uint64_t seed, uint64_t years)
{
    static const char *const model[] = {"peril", "incidents a year",
                                        "mean loss", "expected a year"};
    static const char *const cols[] = {
        "structure", "fixed cost", "expected cost", "1 year in 20",
        "1 year in 100", "capital", "unfunded 1 in 200"};
    static const char *const split[] = {
        "structure", "insurers", "captive", "CAT bond", "reserve", "loan",
        "own cash", "left to company", "bridge"};
    char cash[MONEY], count[MONEY], loss[MONEY], title[512];
    size_t i;
    cli_fmt_money(cash, sizeof cash, ratel_structure_cash_on_hand(r));
    cli_fmt_money(count, sizeof count, (int64_t)years);
    if (fprintf(out, "Simulated years: %s (seed %llu)\nCash on hand:    "
                     "JPY %s\n", count, (unsigned long long)seed, cash) < 0 ||
        print_table(out, "Loss model (JPY):", model, 4, fill_model, r, 0) ||
        print_table(out, "Structures (JPY a year; cost = fixed cost + "
                         "losses not paid by insurers or bond investors):",
                    cols, 7, fill_structures, r, 0) ||
        print_notes(out, r))
        return -1;
    for (i = 0; i < ratel_structure_scenario_count(r); i++) {
        int64_t total = 0;
        const char *name = ratel_structure_scenario_name(r, i, &total);
        snprintf(title, sizeof title, "Scenario: %s, JPY %s (who pays):",
                 name, cli_fmt_money(loss, sizeof loss, total));
        if (print_table(out, title, split, 9, fill_scenario, r, i))
            return -1;
    }
    return 0;
}
