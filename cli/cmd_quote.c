/* cmd_quote.c - `ratel quote`: rate one declaration and print the quote,
 * or (--options) rate it under a menu of options and print the menu. */
#include "cli.h"
#include "journal.h"
#include "quote_print.h"
#include "table_out.h"

#include <stdlib.h>
#include <string.h>

#include "ratel.h"

void cmd_quote_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " quote FILE [options]\n"
          "\n"
          "Rates the declaration in FILE (JSON; '-' reads stdin) and prints\n"
          "the quote.\n"
          "\n"
          "Options:\n"
          "  --plan ID            rate with plan ID (default: the plan whose\n"
          "                       file sets plan.default, sme-cyber among\n"
          "                       the shipped; else the first by id)\n"
          "  --format json|table  json (default): the quote document;\n"
          "                       table: a summary and worksheet for people\n"
          "  --no-worksheet       do not record or print the worksheet\n"
          "  --options all|FILE   rate under a menu of options: all, the\n"
          "                       plan's own menu (plan.options); FILE, a\n"
          "                       JSON array of options (name,\n"
          "                       liability_limit, expense_limit, bi_limit,\n"
          "                       bi_waiting_hours, deductible,\n"
          "                       coinsurance_pct); --format table prints\n"
          "                       one row per option\n"
          "  --authority N        the underwriter's authority level, 0..9\n"
          "                       (default 1); a quote needing more is referred\n"
          "  --journal DB         record the quote in the quote journal DB\n"
          "                       (created if need be; docs/journal.md)\n"
          "  --reference REF      the reference recorded with it (default:\n"
          "                       FILE)\n"
          CLI_HELP_TABLES
          CLI_HELP_PLANS
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 a quote (or, with --options, the menu) was produced\n"
          "(quoted, referred or declined), 1 an error, 2 a usage error.\n",
          out);
}

/* ---- the command ------------------------------------------------------ */

typedef struct quote_args {
    const char *input;
    const char *plan;
    const char *format;
    const char *tables;
    const char *plans;
    const char *options;
    const char *authority;
    const char *journal, *reference;
    int no_worksheet;
    int table;
} quote_args;

static int parse_args(int argc, char **argv, quote_args *a)
{
    int npos = 0, rc;
    const cli_opt opts[] = {
        {"plan", 0, 1, &a->plan, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
        {"no-worksheet", 0, 0, NULL, &a->no_worksheet},
        {"options", 0, 1, &a->options, NULL},
        {"authority", 0, 1, &a->authority, NULL},
        {"journal", 0, 1, &a->journal, NULL},
        {"reference", 0, 1, &a->reference, NULL},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "quote", cmd_quote_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("quote", npos == 0 ? "missing FILE"
                                                  : "too many arguments");
    a->input = argv[0];
    if (a->plan && (strchr(a->plan, ',') || strcmp(a->plan, "all") == 0))
        return cli_usage_error("quote", "--plan names one plan; to see "
                               "several side by side, run: ratel compare "
                               "%s --plans %s", a->input, a->plan);
    if (a->authority && (strlen(a->authority) != 1 || a->authority[0] < '0' ||
                         a->authority[0] > '9'))
        return cli_usage_error("quote", "--authority takes a level 0 to 9");
    if (a->journal && a->options)
        return cli_usage_error("quote", "--journal records quotes, not menus: "
                               "quote the option chosen");
    if (a->format == NULL || strcmp(a->format, "json") == 0)
        a->table = 0;
    else if (strcmp(a->format, "table") == 0)
        a->table = 1;
    else
        return cli_usage_error("quote", "unknown format '%s' (json, table)",
                               a->format);
    return -1; /* go on */
}

/* A context with the underwriter's authority; NULL after an error. */
static ratel_ctx *new_ctx(ratel_engine *eng, const quote_args *a)
{
    ratel_ctx *ctx = NULL;
    int rc = ratel_ctx_new(&ctx, eng);
    if (rc != RATEL_OK) {
        cli_error("cannot create a context: %s", ratel_strerror(rc));
        return NULL;
    }
    if (a->authority)
        ratel_ctx_set_authority(ctx, a->authority[0] - '0');
    return ctx;
}

static int rate_and_print(ratel_engine *eng, const quote_args *a,
                          const char *json, size_t len)
{
    ratel_ctx *ctx = NULL;
    ratel_quote *q = NULL;
    unsigned int flags = a->no_worksheet ? RATEL_RATE_NO_WORKSHEET : 0u;
    int rc, status = CLI_EXIT_FAIL;

    ratel_journal *j = NULL;

    if (!(ctx = new_ctx(eng, a)))
        return CLI_EXIT_FAIL;
    if (a->journal && (!(j = cli_journal_open(a->journal, 0)) ||
                       ratel_journal_attach(ctx, j) != RATEL_OK ||
                       ratel_journal_stamp(ctx, a->reference ? a->reference
                                                             : a->input,
                                           cli_now_ms()) != RATEL_OK)) {
        if (j)
            cli_error("%s: cannot record the quote (a reference of at most "
                      "1,000 bytes?)", a->journal);
        ratel_ctx_free(ctx);
        ratel_journal_close(j);
        return CLI_EXIT_FAIL;
    }
    rc = cli_rate_json(&q, ctx, eng, json, len, cli_plan_id(eng, a->plan),
                       flags);
    if (rc == RATEL_OK && j)
        fprintf(stderr, CLI_PROG " quote: recorded as quote %lld in %s\n",
                (long long)ratel_journal_last_id(ctx), a->journal);
    if (rc != RATEL_OK) {
        quote_report_error(ctx, rc, cli_input_name(a->input));
    } else if ((a->table ? quote_print_table(q, !a->no_worksheet)
                         : quote_print_json(q)) != 0) {
        cli_error("error writing the quote");
    } else {
        status = cli_finish_stdout(CLI_EXIT_OK);
    }
    ratel_quote_free(q);
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
    return status;
}

/* ---- --options: a menu ------------------------------------------------ */

/* Whether the quote priced term `term` of coverage `cov` otherwise than
 * the option asked (one of its differences). */
static int differs(const ratel_quote *q, const char *cov, const char *term)
{
    size_t i, n = ratel_quote_difference_count(q);
    for (i = 0; i < n; i++) {
        ratel_term_difference d;
        if (ratel_quote_difference(q, i, &d) == RATEL_OK &&
            strcmp(d.coverage, cov) == 0 && strcmp(d.term, term) == 0)
            return 1;
    }
    return 0;
}

/* quote_priced_term(), marked '*' when that is not what the option
 * asked ("none": no cover of it, which is not the same as the term
 * asked). */
static const char *priced(char *buf, size_t size, const ratel_quote *q,
                          const char *cov, const char *term,
                          const char *suffix)
{
    const char *text = quote_priced_term(buf, size, q, cov, term, suffix);
    size_t len;
    if (text == buf && differs(q, cov, term) &&
        (len = strlen(buf)) + 1 < size)
        memcpy(buf + len, "*", 2);
    return text;
}

/* The codes of the quote's reasons, "," between them. */
static const char *reason_codes(char *buf, size_t size, const ratel_quote *q)
{
    size_t i, at = 0, n = ratel_quote_reason_count(q);
    buf[0] = '\0';
    for (i = 0; i < n && at + 1 < size; i++) {
        ratel_reason r;
        if (ratel_quote_reason(q, i, &r) == RATEL_OK)
            at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? "," : "",
                                   r.code);
    }
    return buf[0] ? buf : "-";
}

/* A row of the menu: what the option's quote priced, its decision,
 * premium and reasons. */
static int add_menu_row(text_table *t, const ratel_menu *m, size_t i)
{
    const ratel_quote *q = ratel_menu_quote(m, i);
    char cell[6][32], premium[32], why[256];
    const char *row[10];
    size_t k;
    row[0] = ratel_menu_option_name(m, i);
    if (!q) {
        const char *msg = NULL;
        ratel_menu_error(m, i, &msg);
        for (k = 1; k < 7; k++)
            row[k] = "-";
        row[7] = "error";
        row[8] = "-";
        row[9] = msg ? msg : "failed";
        return text_table_add_row(t, row);
    }
    row[1] = priced(cell[0], sizeof cell[0], q, "liability", "limit", "");
    row[2] = priced(cell[1], sizeof cell[1], q, "expense", "limit", "");
    row[3] = priced(cell[2], sizeof cell[2], q, "bi", "limit", "");
    row[4] = priced(cell[3], sizeof cell[3], q, "bi", "waiting_hours", " h");
    row[5] = priced(cell[4], sizeof cell[4], q, "liability", "deductible", "");
    row[6] = priced(cell[5], sizeof cell[5], q, "liability",
                    "coinsurance_pct", "%");
    row[7] = ratel_decision_name(ratel_quote_decision(q));
    row[8] = cli_fmt_money(premium, sizeof premium,
                           ratel_quote_total_premium(q));
    row[9] = reason_codes(why, sizeof why, q);
    return text_table_add_row(t, row);
}

static int print_menu_table(const ratel_menu *m)
{
    static const char *const heads[10] = {
        "option", "liability", "expense", "BI", "waiting", "deductible",
        "coinsurance", "decision", "premium", "reasons"};
    size_t i, n = ratel_menu_count(m);
    text_table *t = text_table_new(10);
    int rc = t ? 0 : -1;
    for (i = 0; rc == 0 && i < 10; i++)
        rc = text_table_column(t, i, heads[i], i == 0 || (i >= 7 && i != 8)
                                            ? TEXT_TABLE_LEFT : TEXT_TABLE_RIGHT);
    for (i = 0; rc == 0 && i < n; i++)
        rc = add_menu_row(t, m, i);
    if (rc == 0)
        rc = text_table_print(t, stdout, NULL);
    if (rc == 0 && printf("(* priced otherwise than the option asked, "
                          "for the reasons shown; none: no such cover)\n") < 0)
        rc = -1;
    text_table_free(t);
    for (i = 0; rc == 0 && i < n; i++) {
        const char *msg = NULL;
        if (ratel_menu_error(m, i, &msg) != RATEL_OK &&
            printf("%s: %s\n", ratel_menu_option_name(m, i),
                   msg ? msg : "failed") < 0)
            rc = -1;
    }
    return rc;
}

static int print_menu(const quote_args *a, const ratel_menu *m)
{
    size_t len = 0;
    char *json = NULL;
    int rc;
    if (a->table)
        return print_menu_table(m);
    if (ratel_menu_json(m, &json, &len) != RATEL_OK)
        return -1;
    rc = fwrite(json, 1, len, stdout) != len || putchar('\n') == EOF ? -1 : 0;
    ratel_free(json);
    return rc;
}

static int menu_and_print(ratel_engine *eng, const quote_args *a,
                          const char *json, size_t len)
{
    ratel_rate_options ro = RATEL_RATE_OPTIONS_INIT;
    ratel_ctx *ctx = NULL;
    ratel_decl *d = NULL;
    ratel_menu *m = NULL;
    ratel_options *opts = NULL;
    int rc, status = CLI_EXIT_FAIL;

    if (!(ctx = new_ctx(eng, a)))
        return CLI_EXIT_FAIL;
    ro.plan_id = cli_plan_id(eng, a->plan);
    ro.flags = a->no_worksheet ? RATEL_RATE_NO_WORKSHEET : 0u;
    if (strcmp(a->options, "all") == 0 ||
        quote_read_options(ctx, a->options, &opts) == 0) {
        if ((rc = ratel_decl_parse(&d, ctx, cli_plan_schema(eng, ro.plan_id),
                                   json, len)) == RATEL_OK)
            rc = ratel_rate_menu(&m, ctx, d, &ro, opts);
        if (rc != RATEL_OK)
            quote_report_error(ctx, rc, cli_input_name(a->input));
        else if (print_menu(a, m) != 0)
            cli_error("error writing the menu");
        else
            status = cli_finish_stdout(CLI_EXIT_OK);
    }
    ratel_menu_free(m);
    ratel_decl_free(d);
    ratel_options_free(opts);
    ratel_ctx_free(ctx);
    return status;
}

int cmd_quote(int argc, char **argv)
{
    quote_args a;
    ratel_engine *eng = NULL;
    char *json = NULL;
    size_t len = 0;
    int status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    if (cli_read_file(a.input, &json, &len) != 0)
        return CLI_EXIT_FAIL;
    if (cli_engine_load(&eng, cli_tables_path(a.tables),
                        cli_plans_path(a.plans)) != 0) {
        free(json);
        return CLI_EXIT_FAIL;
    }
    status = a.options ? menu_and_print(eng, &a, json, len)
                       : rate_and_print(eng, &a, json, len);
    ratel_engine_free(eng);
    free(json);
    return status;
}
