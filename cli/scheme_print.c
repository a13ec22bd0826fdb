/* scheme_print.c - what `ratel scheme quote` writes: one fee row per
 * member (JSON Lines or CSV), and the scheme's account as a table or as
 * JSON. */
#include "cli.h"
#include "table_out.h"

#include <string.h>

int scheme_fee_csv_header(FILE *out)
{
    return fputs("line,applicant,decision,tier,fee,fixed_fee,top_up_fee,"
                 "admin_fee,insurer_premium,reasons,error\n",
                 out) == EOF ? -1 : 0;
}

static int64_t int_attr(const ratel_quote *q, const char *name)
{
    ratel_attribute a;
    return ratel_quote_attribute_find(q, name, &a) == RATEL_OK && !a.text
               ? a.integer : 0;
}

static const char *tier_of(const ratel_quote *q)
{
    ratel_attribute a;
    return ratel_quote_attribute_find(q, "scheme.tier", &a) == RATEL_OK &&
                   a.text ? a.text : "";
}

/* The amounts of a fee row: fee, fixed, top-up, admin, insurer (none
 * for a refused member). */
static void fee_parts(const ratel_quote *q, int64_t v[5])
{
    if (ratel_quote_decision(q) == RATEL_DECLINED) {
        memset(v, 0, 5 * sizeof *v);
        return;
    }
    v[0] = ratel_quote_total_premium(q);
    v[2] = int_attr(q, "scheme.top_up");
    v[1] = v[0] - v[2];
    v[3] = int_attr(q, "scheme.admin_fee");
    v[4] = v[0] - v[3];
}

static void csv_row(batch_text *t, const ratel_quote *q, const char *err)
{
    int64_t v[5];
    size_t i;
    if (!q) {
        BATCH_TEXT_LIT(t, ",,,,,,,,,");
        batch_text_csv_cell(t, err);
        BATCH_TEXT_LIT(t, "\n");
        return;
    }
    fee_parts(q, v);
    batch_text_csv_cell(t, ratel_quote_applicant(q));
    BATCH_TEXT_LIT(t, ",");
    batch_text_csv_cell(t, ratel_decision_name(ratel_quote_decision(q)));
    BATCH_TEXT_LIT(t, ",");
    batch_text_csv_cell(t, tier_of(q));
    for (i = 0; i < 5; i++) {
        BATCH_TEXT_LIT(t, ",");
        batch_text_int(t, v[i]);
    }
    BATCH_TEXT_LIT(t, ",");
    for (i = 0; i < ratel_quote_reason_count(q); i++) {
        ratel_reason r;
        ratel_quote_reason(q, i, &r);
        if (i)
            BATCH_TEXT_LIT(t, ";");
        batch_text_csv_cell(t, r.code);
    }
    BATCH_TEXT_LIT(t, ",\n");
}

static void json_row(batch_text *t, const ratel_quote *q, const char *err)
{
    static const char *const keys[5] = {
        ",\"fee\":", ",\"fixed_fee\":", ",\"top_up_fee\":",
        ",\"admin_fee\":", ",\"insurer_premium\":"};
    int64_t v[5];
    size_t i;
    if (!q) {
        BATCH_TEXT_LIT(t, "\"error\":");
        batch_text_json_string(t, err);
        BATCH_TEXT_LIT(t, "}\n");
        return;
    }
    fee_parts(q, v);
    BATCH_TEXT_LIT(t, "\"applicant\":");
    batch_text_json_string(t, ratel_quote_applicant(q));
    BATCH_TEXT_LIT(t, ",\"decision\":");
    batch_text_json_string(t, ratel_decision_name(ratel_quote_decision(q)));
    BATCH_TEXT_LIT(t, ",\"tier\":");
    batch_text_json_string(t, tier_of(q));
    for (i = 0; i < 5; i++) {
        batch_text_put(t, keys[i], strlen(keys[i]));
        batch_text_int(t, v[i]);
    }
    BATCH_TEXT_LIT(t, ",\"reasons\":[");
    for (i = 0; i < ratel_quote_reason_count(q); i++) {
        ratel_reason r;
        ratel_quote_reason(q, i, &r);
        if (i)
            BATCH_TEXT_LIT(t, ",");
        batch_text_json_string(t, r.code);
    }
    BATCH_TEXT_LIT(t, "]}\n");
}

void scheme_fee_row(batch_text *t, long lineno, const ratel_quote *q,
                    const char *err, int csv)
{
    if (!csv)
        BATCH_TEXT_LIT(t, "{\"line\":");
    batch_text_int(t, lineno);
    BATCH_TEXT_LIT(t, ",");
    if (csv)
        csv_row(t, q, err);
    else
        json_row(t, q, err);
}

int scheme_print_json(const ratel_scheme *s)
{
    char *text = NULL;
    size_t len = 0;
    int rc = ratel_scheme_json(s, &text, &len);
    if (rc != RATEL_OK) {
        cli_error("%s", ratel_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    fwrite(text, 1, len, stdout);
    ratel_free(text);
    return cli_finish_stdout(CLI_EXIT_OK);
}

static int print_tiers(const ratel_scheme *s, const ratel_scheme_totals *t)
{
    static const char *const heads[7] = {
        "tier", "members", "fixed fees", "top-ups", "top-up fees",
        "admin fees", "fees"};
    size_t i, k, n = ratel_scheme_tier_count(s);
    tbl *tb = tbl_new(7);
    int rc = tb ? 0 : -1;
    for (k = 0; rc == 0 && k < 7; k++)
        rc = tbl_column(tb, k, heads[k], k ? TBL_RIGHT : TBL_LEFT);
    for (i = 0; rc == 0 && i <= n; i++) {
        ratel_scheme_tier x;
        char cell[6][32];
        const char *row[7];
        int64_t v[6];
        if (i < n) {
            ratel_scheme_tier_get(s, i, &x);
        } else { /* the total line */
            x.name = "total";
            x.members = t->accepted;
            x.top_ups = 0;
            for (k = 0; k < n; k++) {
                ratel_scheme_tier y;
                ratel_scheme_tier_get(s, k, &y);
                x.top_ups += y.top_ups;
            }
            x.fixed_fees = t->fixed_fees;
            x.top_up_fees = t->top_up_fees;
            x.admin_fees = t->admin_fees;
            x.fees = t->fees;
        }
        v[0] = x.members;
        v[1] = x.fixed_fees;
        v[2] = x.top_ups;
        v[3] = x.top_up_fees;
        v[4] = x.admin_fees;
        v[5] = x.fees;
        row[0] = x.name;
        for (k = 0; k < 6; k++)
            row[k + 1] = cli_fmt_amount(cell[k], sizeof cell[k], v[k], 0);
        rc = tbl_add_row(tb, row);
    }
    if (rc == 0)
        rc = tbl_print(tb, stdout, "  ");
    tbl_free(tb);
    return rc;
}

static void amount_line(const char *label, int64_t v)
{
    char cell[32];
    printf("  %-34s %15s\n", label, cli_fmt_amount(cell, sizeof cell, v, 0));
}

/* A table lists this many members of a kind; JSON and the fees file
 * have them all. */
#define SHOWN_CASES 20

/* The members of one kind the scheme did not accept. */
static int print_cases(const ratel_scheme *s, const char *kind,
                       const char *title)
{
    size_t i, k, n = ratel_scheme_case_count(s), shown = 0, more = 0;
    tbl *tb = tbl_new(5);
    int rc = tb ? 0 : -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_scheme_case c;
        ratel_reason r;
        char fee[32];
        const char *row[5];
        if (ratel_scheme_case_get(s, i, &c) != RATEL_OK ||
            strcmp(c.kind, kind) != 0)
            continue;
        if (shown == SHOWN_CASES) {
            more++;
            continue;
        }
        shown++;
        row[0] = c.member;
        row[1] = c.applicant;
        row[2] = strcmp(kind, "referred") == 0
                     ? cli_fmt_amount(fee, sizeof fee, c.fee, 0) : "";
        row[3] = "";
        row[4] = c.error;
        /* One line per reason, the member on the first. */
        for (k = 0; rc == 0 && (k < c.reason_count || k == 0); k++) {
            if (k < c.reason_count &&
                ratel_scheme_case_reason(s, i, k, &r) == RATEL_OK) {
                row[3] = r.code;
                row[4] = r.text;
            }
            rc = tbl_add_row(tb, row);
            row[0] = row[1] = row[2] = "";
        }
    }
    if (rc == 0 && tbl_rows(tb) > 0) {
        printf("\n%s:\n", title);
        rc = tbl_print(tb, stdout, "  ");
    }
    if (rc == 0 && more)
        printf("  ... and %zu more (all of them with --format json, and in "
               "the fees file)\n", more);
    tbl_free(tb);
    return rc;
}

int scheme_print_table(const ratel_scheme *s)
{
    ratel_scheme_totals t;
    ratel_scheme_totals_get(s, &t);
    printf("Scheme plan:  %s %s\n", t.plan_id ? t.plan_id : "-",
           t.plan_version ? t.plan_version : "");
    printf("Members:      %lld rated: %lld accepted, %lld referred, "
           "%lld refused, %lld failed\n",
           (long long)t.members, (long long)t.accepted,
           (long long)t.referred, (long long)t.refused, (long long)t.failed);
    printf("\nAccepted members by tier (%s):\n",
           t.currency ? t.currency : "JPY");
    if (print_tiers(s, &t) != 0)
        return CLI_EXIT_FAIL;
    printf("\nThe scheme (%s):\n", t.currency ? t.currency : "JPY");
    amount_line("Fees of the accepted members", t.fees);
    amount_line("Association's administration share", t.admin_fees);
    amount_line("Premium to the insurer", t.insurer_premium);
    amount_line("Scheme minimum premium", t.minimum_premium);
    amount_line("Shortfall to the minimum", t.shortfall);
    amount_line("Fees indicated, members referred", t.referred_fees);
    if (print_cases(s, "referred", "Referred (fee indicated, pending the "
                                   "underwriter)") != 0 ||
        print_cases(s, "refused", "Refused") != 0 ||
        print_cases(s, "failed", "Failed (not rated)") != 0)
        return CLI_EXIT_FAIL;
    return cli_finish_stdout(CLI_EXIT_OK);
}
