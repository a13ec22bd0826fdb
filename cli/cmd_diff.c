/* cmd_diff.c - `ratel diff`: rate one declaration with two plan files and
 * show, step by step, where they price it differently. */
#include "cli.h"
#include "quote_print.h"
#include "table_out.h"
#include "worksheet.h"

#include <stdlib.h>
#include <string.h>

void cmd_diff_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " diff PLAN_A.lua PLAN_B.lua --decl DECL.json "
          "[options]\n"
          "\n"
          "Rates the declaration with both plan files and shows where they\n"
          "price it differently: the worksheet steps aligned by coverage and\n"
          "label (marked '*' when the step itself differs: its value, table\n"
          "or key; '-' when only in A, '+' when only in B; a step whose\n"
          "running premium moved only because of an earlier one is not\n"
          "marked), the decisions, the totals with the change in yen and\n"
          "percent, and the reasons that differ.\n"
          "\n"
          "Options:\n"
          "  --decl FILE          the declaration (a JSON file); required\n"
          CLI_HELP_TABLES
          "  --tables-b DB        B's rate-table database (default: A's), to\n"
          "                       diff a table change on a declaration\n"
          "  --format table|json  table (default), or one JSON object with\n"
          "                       steps, decisions, totals and reasons\n"
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 the comparison was produced (whether or not the\n"
          "plans differ), 1 an error, 2 a usage error.\n",
          out);
}

typedef struct diff_args {
    const char *plan[2];
    const char *decl;
    const char *tables, *tables_b;
    const char *format;
    int json;
} diff_args;

/* One plan's side of the comparison. */
typedef struct side {
    ratel_engine *eng;
    ratel_quote *q;
    worksheet ws;
} side;

/* by worksheet_change */
static const char *const change_name[] = {"same", "changed", "removed",
                                          "added", "carried"};
static const char *const change_mark[] = {"", "*", "-", "+", ""};

static int parse_args(int argc, char **argv, diff_args *a)
{
    int npos = 0, rc;
    const cli_opt opts[] = {
        {"decl", 0, 1, &a->decl, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"tables-b", 0, 1, &a->tables_b, NULL},
        {"format", 0, 1, &a->format, NULL},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "diff", cmd_diff_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 2)
        return cli_usage_error("diff", npos < 2 ? "need two plan files"
                                                : "too many arguments");
    if (a->decl == NULL)
        return cli_usage_error("diff", "missing --decl DECL.json");
    if (strcmp(a->decl, "-") == 0)
        return cli_usage_error("diff", "--decl needs a file, not '-'");
    a->plan[0] = argv[0];
    a->plan[1] = argv[1];
    if (a->format == NULL || strcmp(a->format, "table") == 0)
        a->json = 0;
    else if (strcmp(a->format, "json") == 0)
        a->json = 1;
    else
        return cli_usage_error("diff", "unknown format '%s' (table, json)",
                               a->format);
    return -1; /* go on */
}

/* ---- rating both sides ------------------------------------------------ */

static int load_side(side *s, const char *tables, const char *plan,
                     const char *json_path)
{
    int rc;

    if (plan_engine_open(&s->eng, cli_tables_path(tables), plan) != 0 ||
        plan_rate_file(&s->q, s->eng, json_path, NULL, plan) != 0)
        return -1;
    if ((rc = worksheet_read(&s->ws, s->q)) == -1)
        cli_error("out of memory");
    else if (rc != 0)
        cli_error("%s: cannot read worksheet step %zu", plan, s->ws.n + 1);
    return rc;
}

static void free_side(side *s)
{
    worksheet_free(&s->ws);
    ratel_quote_free(s->q);
    ratel_engine_free(s->eng);
}

/* ---- the summary ------------------------------------------------------ */

typedef struct summary {
    size_t changed, removed, added;
    int decision_changed;
    size_t reasons_a, reasons_b; /* reasons only in A, only in B */
    int64_t total_a, total_b;
} summary;

static size_t reasons_only(const ratel_quote *q, const ratel_quote *other)
{
    size_t i, n = 0;
    for (i = 0; i < ratel_quote_reason_count(q); i++) {
        ratel_reason r;
        if (ratel_quote_reason(q, i, &r) == RATEL_OK &&
            !quote_has_reason(other, &r))
            n++;
    }
    return n;
}

static void summarise(summary *s, const side *A, const side *B,
                      const worksheet_row *rows, size_t n)
{
    size_t i;
    memset(s, 0, sizeof *s);
    for (i = 0; i < n; i++) {
        s->changed += rows[i].change == WORKSHEET_CHANGED;
        s->removed += rows[i].change == WORKSHEET_REMOVED;
        s->added += rows[i].change == WORKSHEET_ADDED;
    }
    s->decision_changed =
        ratel_quote_decision(A->q) != ratel_quote_decision(B->q);
    s->reasons_a = reasons_only(A->q, B->q);
    s->reasons_b = reasons_only(B->q, A->q);
    s->total_a = ratel_quote_total_premium(A->q);
    s->total_b = ratel_quote_total_premium(B->q);
}

static int any_difference(const summary *s)
{
    return s->changed || s->removed || s->added || s->decision_changed ||
           s->reasons_a || s->reasons_b || s->total_a != s->total_b;
}

/* "+20 yen (+0.03%)"; the percent is left out when A's total is 0. */
static char *fmt_change(char *buf, size_t size, const summary *s)
{
    char money[32];
    int64_t d = s->total_b - s->total_a;
    int len = snprintf(buf, size, "%s%s yen", d > 0 ? "+" : "",
                       cli_fmt_money(money, sizeof money, d));
    if (s->total_a != 0 && len > 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, " (%+.2f%%)",
                 (double)d * 100.0 / (double)s->total_a);
    return buf;
}

/* ---- table output ----------------------------------------------------- */

static const char *plan_name(char *buf, size_t size, const char *path,
                             const ratel_quote *q)
{
    const char *id = ratel_quote_plan_id(q), *ver = ratel_quote_plan_version(q);
    snprintf(buf, size, "%s  (%s %s)", path, id ? id : "?", ver ? ver : "?");
    return buf;
}

static int print_steps(const side *A, const side *B,
                       const worksheet_row *rows, size_t n)
{
    static const char *const heads[7] = {
        "diff", "coverage", "step", "value A", "value B", "premium A", "premium B"
    };
    text_table *t = text_table_new(7);
    size_t i;
    int rc = 0;

    if (t == NULL)
        return -1;
    for (i = 0; rc == 0 && i < 7; i++)
        rc = text_table_column(t, i, heads[i], i >= 3 ? TEXT_TABLE_RIGHT : TEXT_TABLE_LEFT);
    for (i = 0; rc == 0 && i < n; i++) {
        const ratel_step *sa =
            rows[i].a >= 0 ? &A->ws.steps[rows[i].a] : NULL;
        const ratel_step *sb =
            rows[i].b >= 0 ? &B->ws.steps[rows[i].b] : NULL;
        const ratel_step *s = sa ? sa : sb;
        char va[64], vb[64], pa[64], pb[64];
        const char *cells[7];
        cells[0] = change_mark[rows[i].change];
        cells[1] = s->coverage;
        cells[2] = s->label;
        cells[3] = sa ? quote_step_value(va, sizeof va, sa) : "";
        cells[4] = sb ? quote_step_value(vb, sizeof vb, sb) : "";
        cells[5] = sa ? cli_fmt_premium(pa, sizeof pa, sa->premium) : "";
        cells[6] = sb ? cli_fmt_premium(pb, sizeof pb, sb->premium) : "";
        rc = text_table_add_row(t, cells);
    }
    if (rc == 0 && n > 0)
        rc = printf("\nWorksheet ('*' differs, '-' only in A, '+' only in "
                    "B):\n") < 0 ? -1 : text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

static int print_totals(const side *A, const side *B, const summary *s)
{
    char ta[40], tb[40], money[32], change[64];
    const char *head[4] = {"", "A", "B", "change"};
    const char *r1[4], *r2[4];
    text_table *t = text_table_new(4);
    int rc = -1;

    if (t == NULL)
        return -1;
    snprintf(ta, sizeof ta, "JPY %s",
             cli_fmt_money(money, sizeof money, s->total_a));
    snprintf(tb, sizeof tb, "JPY %s",
             cli_fmt_money(money, sizeof money, s->total_b));
    r1[0] = "Decision:";
    r1[1] = ratel_decision_name(ratel_quote_decision(A->q));
    r1[2] = ratel_decision_name(ratel_quote_decision(B->q));
    r1[3] = s->decision_changed ? "changed" : "same";
    r2[0] = "Total premium:";
    r2[1] = ta;
    r2[2] = tb;
    r2[3] = s->total_a == s->total_b ? "same"
                                     : fmt_change(change, sizeof change, s);
    if (text_table_column(t, 1, NULL, TEXT_TABLE_RIGHT) == 0 &&
        text_table_column(t, 2, NULL, TEXT_TABLE_RIGHT) == 0 && text_table_add_row(t, head) == 0 &&
        text_table_add_row(t, r1) == 0 && text_table_add_row(t, r2) == 0 &&
        putchar('\n') != EOF)
        rc = text_table_print(t, stdout, NULL);
    text_table_free(t);
    return rc;
}

static int print_table(const diff_args *a, const side *A, const side *B,
                       const worksheet_row *rows, size_t n, const summary *s)
{
    char pa[512], pb[512];

    if (printf("Plan A:       %s\nPlan B:       %s\nDeclaration:  %s\n",
               plan_name(pa, sizeof pa, a->plan[0], A->q),
               plan_name(pb, sizeof pb, a->plan[1], B->q),
               cli_input_name(a->decl)) < 0 ||
        print_steps(A, B, rows, n) != 0 || print_totals(A, B, s) != 0 ||
        quote_print_reasons(A->q, "Reasons only in A", B->q) != 0 ||
        quote_print_reasons(B->q, "Reasons only in B", A->q) != 0)
        return -1;
    if (!any_difference(s))
        return printf("\nNo differences: both plans price this declaration "
                      "the same.\n") < 0 ? -1 : 0;
    return printf("\nDifferences: %zu step%s changed, %zu only in A, %zu "
                  "only in B.\n", s->changed, s->changed == 1 ? "" : "s",
                  s->removed, s->added) < 0 ? -1 : 0;
}

/* ---- JSON output ------------------------------------------------------ */

static int json_key(const char *key)
{
    return (cli_json_string(stdout, key) != 0 || putchar(':') == EOF) ? -1
                                                                       : 0;
}

static int json_plan(const char *key, const char *path, const ratel_quote *q)
{
    return (json_key(key) != 0 || fputs("{\"file\":", stdout) == EOF ||
            cli_json_string(stdout, path) != 0 ||
            fputs(",\"id\":", stdout) == EOF ||
            cli_json_string(stdout, ratel_quote_plan_id(q)) != 0 ||
            fputs(",\"version\":", stdout) == EOF ||
            cli_json_string(stdout, ratel_quote_plan_version(q)) != 0 ||
            fputs(",\"hash\":", stdout) == EOF ||
            cli_json_string(stdout, ratel_quote_plan_hash(q)) != 0 ||
            fputs("},\n", stdout) == EOF) ? -1 : 0;
}

/* "name":number or "name":null when the step is absent. */
static int json_field(const char *key, const ratel_step *s, int premium)
{
    if (fputc(',', stdout) == EOF || json_key(key) != 0)
        return -1;
    if (s == NULL)
        return fputs("null", stdout) == EOF ? -1 : 0;
    return cli_json_number(stdout, premium ? s->premium : s->value);
}

static int json_steps(const side *A, const side *B,
                      const worksheet_row *rows, size_t n)
{
    size_t i;
    if (fputs("\"steps\":[", stdout) == EOF)
        return -1;
    for (i = 0; i < n; i++) {
        const ratel_step *sa =
            rows[i].a >= 0 ? &A->ws.steps[rows[i].a] : NULL;
        const ratel_step *sb =
            rows[i].b >= 0 ? &B->ws.steps[rows[i].b] : NULL;
        const ratel_step *s = sa ? sa : sb;
        if (fputs(i ? ",\n{\"change\":" : "\n{\"change\":", stdout) == EOF ||
            cli_json_string(stdout, change_name[rows[i].change]) != 0 ||
            fputs(",\"coverage\":", stdout) == EOF ||
            cli_json_string(stdout, s->coverage) != 0 ||
            fputs(",\"label\":", stdout) == EOF ||
            cli_json_string(stdout, s->label) != 0 ||
            json_field("value_a", sa, 0) != 0 ||
            json_field("value_b", sb, 0) != 0 ||
            json_field("premium_a", sa, 1) != 0 ||
            json_field("premium_b", sb, 1) != 0 || putchar('}') == EOF)
            return -1;
    }
    return fputs("],\n", stdout) == EOF ? -1 : 0;
}

static int json_reasons(const char *key, const ratel_quote *q,
                        const ratel_quote *other)
{
    size_t i, n = 0;
    if (json_key(key) != 0 || putchar('[') == EOF)
        return -1;
    for (i = 0; i < ratel_quote_reason_count(q); i++) {
        ratel_reason r;
        if (ratel_quote_reason(q, i, &r) != RATEL_OK ||
            quote_has_reason(other, &r))
            continue;
        if (fputs(n++ ? ",{\"kind\":" : "{\"kind\":", stdout) == EOF ||
            cli_json_string(stdout, r.kind) != 0 ||
            fputs(",\"code\":", stdout) == EOF ||
            cli_json_string(stdout, r.code) != 0 ||
            fputs(",\"text\":", stdout) == EOF ||
            cli_json_string(stdout, r.text) != 0 || putchar('}') == EOF)
            return -1;
    }
    return putchar(']') == EOF ? -1 : 0;
}

static int print_json(const diff_args *a, const side *A, const side *B,
                      const worksheet_row *rows, size_t n, const summary *s)
{
    int64_t d = s->total_b - s->total_a;

    if (fputs("{\"format_version\":1,", stdout) == EOF ||
        json_plan("plan_a", a->plan[0], A->q) != 0 ||
        json_plan("plan_b", a->plan[1], B->q) != 0 ||
        json_key("declaration") != 0 ||
        cli_json_string(stdout, cli_input_name(a->decl)) != 0 ||
        fputs(",\n", stdout) == EOF || json_steps(A, B, rows, n) != 0)
        return -1;
    if (printf("\"decisions\":{\"a\":\"%s\",\"b\":\"%s\",\"changed\":%s},\n"
               "\"totals\":{\"a\":%lld,\"b\":%lld,\"change\":%lld,"
               "\"change_percent\":",
               ratel_decision_name(ratel_quote_decision(A->q)),
               ratel_decision_name(ratel_quote_decision(B->q)),
               s->decision_changed ? "true" : "false",
               (long long)s->total_a, (long long)s->total_b,
               (long long)d) < 0)
        return -1;
    if ((s->total_a != 0
             ? cli_json_number(stdout, (double)d * 100.0 / (double)s->total_a)
             : (fputs("null", stdout) == EOF ? -1 : 0)) != 0)
        return -1;
    if (fputs("},\n\"reasons\":{", stdout) == EOF ||
        json_reasons("only_a", A->q, B->q) != 0 || putchar(',') == EOF ||
        json_reasons("only_b", B->q, A->q) != 0)
        return -1;
    return printf("},\n\"differences\":%s}\n",
                  any_difference(s) ? "true" : "false") < 0 ? -1 : 0;
}

/* ---- the command ------------------------------------------------------ */

int cmd_diff(int argc, char **argv)
{
    diff_args a;
    side A, B;
    worksheet_row *rows = NULL;
    size_t n = 0;
    summary s;
    int status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    memset(&A, 0, sizeof A);
    memset(&B, 0, sizeof B);
    status = CLI_EXIT_FAIL;
    if (load_side(&A, a.tables, a.plan[0], a.decl) != 0 ||
        load_side(&B, a.tables_b ? a.tables_b : a.tables, a.plan[1],
                  a.decl) != 0) {
        /* reported */
    } else if (worksheet_align(&rows, &n, &A.ws, &B.ws) != 0) {
        cli_error("out of memory");
    } else {
        summarise(&s, &A, &B, rows, n);
        if ((a.json ? print_json(&a, &A, &B, rows, n, &s)
                    : print_table(&a, &A, &B, rows, n, &s)) != 0)
            cli_error("error writing the comparison");
        else
            status = cli_finish_stdout(CLI_EXIT_OK);
    }
    free(rows);
    free_side(&A);
    free_side(&B);
    return status;
}
