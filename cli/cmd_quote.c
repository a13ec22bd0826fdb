/* cmd_quote.c - `ratel quote`: rate one declaration and print the quote. */
#include "cli.h"
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
          "  --plan ID            rate with plan ID (default: the engine's\n"
          "                       default plan, the first by id)\n"
          "  --format json|table  json (default): the quote document;\n"
          "                       table: a summary and worksheet for people\n"
          "  --no-worksheet       do not record or print the worksheet\n"
          "  --tables DB          rate-table database (default: $RATEL_TABLES,\n"
          "                       else tables/ratel.db, else the installed one)\n"
          "  --plans PATH         plan directory or .lua file (default:\n"
          "                       $RATEL_PLANS, else rating-scripts, else the\n"
          "                       installed plans)\n"
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 a quote was produced (quoted, referred or declined),\n"
          "1 an error, 2 a usage error.\n",
          out);
}

/* ---- errors ----------------------------------------------------------- */

static void report_decl_errors(const ratel_ctx *ctx, const char *input)
{
    size_t i, n = ratel_ctx_field_error_count(ctx);

    for (i = 0; i < n; i++) {
        ratel_field_error fe;
        if (ratel_ctx_field_error(ctx, i, &fe) != RATEL_OK)
            continue;
        if (fe.line > 0)
            fprintf(stderr, "%s:%d:%d: %s\n", input, fe.line, fe.column,
                    fe.message ? fe.message : "syntax error");
        else
            fprintf(stderr, "%s: %s: %s\n", input, fe.path ? fe.path : "$",
                    fe.message ? fe.message : "invalid");
    }
    if (n == 0) {
        const char *msg = ratel_ctx_errmsg(ctx);
        fprintf(stderr, "%s: %s\n", input,
                msg && *msg ? msg : ratel_strerror(RATEL_EDECL));
    }
}

static void report_rate_error(const ratel_ctx *ctx, int rc, const char *input)
{
    const char *msg = ratel_ctx_errmsg(ctx);
    const char *script = ratel_ctx_errscript(ctx);

    if (msg == NULL || *msg == '\0')
        msg = ratel_strerror(rc);
    switch (rc) {
    case RATEL_EDECL:
        report_decl_errors(ctx, input);
        break;
    case RATEL_ESCRIPT:
    case RATEL_ELIMIT:
    case RATEL_ERESULT:
        if (script != NULL && *script != '\0' &&
            strncmp(msg, script, strlen(script)) == 0)
            fprintf(stderr, "%s\n", msg); /* already "script:line: ..." */
        else if (script != NULL && *script != '\0')
            fprintf(stderr, "%s:%d: %s\n", script, ratel_ctx_errline(ctx),
                    msg);
        else
            cli_error_lines(msg, ratel_strerror(rc), 1);
        break;
    default:
        cli_error_lines(msg, ratel_strerror(rc), 1);
        break;
    }
}

/* ---- table output ----------------------------------------------------- */

static int add_pair(tbl *t, const char *name, const char *value)
{
    const char *row[2];
    row[0] = name;
    row[1] = value;
    return tbl_add_row(t, row);
}

static int print_header(const ratel_quote *q)
{
    char money[32], total[40], plan[256];
    const char *id = ratel_quote_plan_id(q);
    const char *ver = ratel_quote_plan_version(q);
    const char *hash = ratel_quote_plan_hash(q);
    tbl *t = tbl_new(2);
    int rc = -1;

    if (t == NULL)
        return -1;
    snprintf(plan, sizeof plan, "%s %s", id ? id : "?", ver ? ver : "?");
    snprintf(total, sizeof total, "JPY %s",
             cli_fmt_money(money, sizeof money, ratel_quote_total_premium(q)));
    if (add_pair(t, "Applicant:", ratel_quote_applicant(q)) == 0 &&
        add_pair(t, "Effective date:", ratel_quote_effective_date(q)) == 0 &&
        add_pair(t, "Plan:", plan) == 0 &&
        add_pair(t, "Plan hash:", hash ? hash : "") == 0 &&
        add_pair(t, "Decision:",
                 ratel_decision_name(ratel_quote_decision(q))) == 0 &&
        add_pair(t, "Total premium:", total) == 0)
        rc = tbl_print(t, stdout, NULL);
    tbl_free(t);
    return rc;
}

static int print_reasons(const ratel_quote *q)
{
    size_t i, n = ratel_quote_reason_count(q);
    tbl *t;
    int rc = 0;

    if (n == 0)
        return 0;
    if ((t = tbl_new(3)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_reason r;
        const char *row[3];
        if (ratel_quote_reason(q, i, &r) != RATEL_OK)
            continue;
        row[0] = r.kind;
        row[1] = r.code;
        row[2] = r.text;
        rc = tbl_add_row(t, row);
    }
    if (rc == 0 && printf("\nReasons:\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = tbl_print(t, stdout, "  ");
    tbl_free(t);
    return rc;
}

static int print_warnings(const ratel_quote *q)
{
    size_t i, n = ratel_quote_warning_count(q);
    tbl *t;
    int rc = 0;

    if (n == 0)
        return 0;
    if ((t = tbl_new(2)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < n; i++) {
        const char *w = ratel_quote_warning(q, i);
        const char *row[2];
        row[0] = "-";
        row[1] = w;
        if (w != NULL)
            rc = tbl_add_row(t, row);
    }
    if (rc == 0 && printf("\nWarnings:\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = tbl_print(t, stdout, "  ");
    tbl_free(t);
    return rc;
}

static int print_coverages(const ratel_quote *q)
{
    size_t i, n = ratel_quote_coverage_count(q);
    tbl *t;
    int rc = 0;

    if (n == 0)
        return 0;
    if ((t = tbl_new(3)) == NULL)
        return -1;
    if (tbl_column(t, 0, "coverage", TBL_LEFT) != 0 ||
        tbl_column(t, 1, "limit", TBL_RIGHT) != 0 ||
        tbl_column(t, 2, "premium", TBL_RIGHT) != 0)
        rc = -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_coverage c;
        char limit[32], premium[32];
        const char *row[3];
        if (ratel_quote_coverage(q, i, &c) != RATEL_OK)
            continue;
        row[0] = c.name;
        row[1] = cli_fmt_money(limit, sizeof limit, c.limit);
        row[2] = cli_fmt_money(premium, sizeof premium, c.premium);
        rc = tbl_add_row(t, row);
    }
    if (rc == 0 && printf("\nCoverages (JPY):\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = tbl_print(t, stdout, "  ");
    tbl_free(t);
    return rc;
}

/* The value of a step as text: factors (mul) plainly, amounts grouped;
 * a note has no value. */
static const char *step_value(char *buf, size_t size, const ratel_step *s)
{
    const char *op = s->op ? s->op : "";
    if (strcmp(op, "note") == 0)
        return "";
    return cli_fmt_number(buf, size, s->value, strcmp(op, "mul") != 0);
}

static int print_worksheet(const ratel_quote *q)
{
    size_t i, n = ratel_quote_step_count(q);
    tbl *t;
    int rc = 0;
    static const char *const heads[6] = {
        "#", "coverage", "step", "table[key]", "value", "premium"
    };

    if (n == 0)
        return 0;
    if ((t = tbl_new(6)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < 6; i++)
        rc = tbl_column(t, i, heads[i],
                        (i == 0 || i >= 4) ? TBL_RIGHT : TBL_LEFT);
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_step s;
        char num[24], tk[512], value[64], premium[64];
        const char *row[6];
        if (ratel_quote_step(q, i, &s) != RATEL_OK)
            continue;
        snprintf(num, sizeof num, "%zu", i + 1);
        if (s.table != NULL && s.key != NULL)
            snprintf(tk, sizeof tk, "%s[%s]", s.table, s.key);
        else
            snprintf(tk, sizeof tk, "%s", s.table ? s.table : "");
        row[0] = num;
        row[1] = s.coverage;
        row[2] = s.label;
        row[3] = tk;
        row[4] = step_value(value, sizeof value, &s);
        row[5] = cli_fmt_number(premium, sizeof premium, s.premium, 1);
        rc = tbl_add_row(t, row);
    }
    if (rc == 0 && printf("\nWorksheet:\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = tbl_print(t, stdout, "  ");
    tbl_free(t);
    return rc;
}

static int print_table(const ratel_quote *q, int worksheet)
{
    if (print_header(q) != 0 || print_reasons(q) != 0 ||
        print_warnings(q) != 0 || print_coverages(q) != 0)
        return -1;
    if (worksheet && print_worksheet(q) != 0)
        return -1;
    return 0;
}

static int print_json(const ratel_quote *q)
{
    size_t len = 0;
    const char *json = ratel_quote_json(q, &len);
    if (json == NULL)
        return -1;
    if (fwrite(json, 1, len, stdout) != len || putchar('\n') == EOF)
        return -1;
    return 0;
}

/* ---- the command ------------------------------------------------------ */

typedef struct quote_args {
    const char *input;
    const char *plan;
    const char *format;
    const char *tables;
    const char *plans;
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
    };

    rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0],
                        "quote", &npos);
    if (rc == CLI_PARSE_HELP) {
        cmd_quote_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (rc != CLI_PARSE_OK)
        return CLI_EXIT_USAGE;
    if (npos != 1)
        return cli_usage_error("quote", npos == 0 ? "missing FILE"
                                                  : "too many arguments");
    a->input = argv[0];
    if (a->format == NULL || strcmp(a->format, "json") == 0)
        a->table = 0;
    else if (strcmp(a->format, "table") == 0)
        a->table = 1;
    else
        return cli_usage_error("quote", "unknown format '%s' (json, table)",
                               a->format);
    return -1; /* go on */
}

static int rate_and_print(ratel_engine *eng, const quote_args *a,
                          const char *json, size_t len)
{
    ratel_ctx *ctx = NULL;
    ratel_quote *q = NULL;
    unsigned int flags = a->no_worksheet ? RATEL_RATE_NO_WORKSHEET : 0u;
    int rc, status = CLI_EXIT_FAIL;

    rc = ratel_ctx_new(&ctx, eng);
    if (rc != RATEL_OK) {
        cli_error("cannot create a context: %s", ratel_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    rc = ratel_rate_json(&q, ctx, json, len, a->plan, flags);
    if (rc != RATEL_OK) {
        report_rate_error(ctx, rc, cli_input_name(a->input));
    } else if ((a->table ? print_table(q, !a->no_worksheet)
                         : print_json(q)) != 0) {
        cli_error("error writing the quote");
    } else {
        status = cli_finish_stdout(CLI_EXIT_OK);
    }
    ratel_quote_free(q);
    ratel_ctx_free(ctx);
    return status;
}

int cmd_quote(int argc, char **argv)
{
    quote_args a;
    ratel_engine *eng = NULL;
    char *json = NULL;
    size_t len = 0;
    int rc, status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    if (cli_read_file(a.input, &json, &len) != 0)
        return CLI_EXIT_FAIL;
    rc = ratel_engine_open(&eng, cli_tables_path(a.tables),
                           cli_plans_path(a.plans), NULL);
    if (rc != RATEL_OK) {
        cli_error_lines(eng ? ratel_engine_errmsg(eng) : NULL,
                        ratel_strerror(rc), 0);
        ratel_engine_free(eng);
        free(json);
        return CLI_EXIT_FAIL;
    }
    status = rate_and_print(eng, &a, json, len);
    ratel_engine_free(eng);
    free(json);
    return status;
}
