/* cmd_compare.c - `ratel compare`: the broker's comparison of one
 * declaration under every chosen plan (and option), what each offer pays
 * in loss scenarios, the gaps, the PML and the four questions, printed as
 * tables, JSON, CSV or a self-contained HTML report. The comparison is
 * the library's (ratel_compare); this file reads the command line and
 * the files. */
#include "cli.h"
#include "compare_print.h"
#include "quote_print.h"

#include <stdlib.h>
#include <string.h>

#include "ratel.h"

void cmd_compare_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " compare DECL [options]\n"
          "\n"
          "Rates the declaration DECL (JSON, a company or a group; '-'\n"
          "reads stdin) under every chosen plan and prints the offers side\n"
          "by side: decision, premium, the terms priced, subjectivities,\n"
          "authority, services and exclusions; the coverage gaps; what each\n"
          "offer pays and what the client keeps in each loss scenario; the\n"
          "probable maximum loss against the limits; and seed 003's four\n"
          "questions on whether to buy at all (docs/compare.md).\n"
          "\n"
          "Options:\n"
          "  --plans all|ID,ID...  the plans to compare (default all:\n"
          "                       every plan of the declaration's schema)\n"
          "  --options all|FILE   all: each plan's own menu (plan.options);\n"
          "                       FILE: a JSON array of options rated under\n"
          "                       every plan (as quote --options), or menus\n"
          "                       per plan: {\"format_version\": 1, \"plans\":\n"
          "                       {\"ID\": [options...]}} (the others give\n"
          "                       one offer); default: the cover the\n"
          "                       declaration asks\n"
          "  --scenarios default|FILE  the shipped scenarios (ransomware,\n"
          "                       leak, bec, bi_30_days), or a scenarios\n"
          "                       file; the PML is always added\n"
          "  --authority N        the underwriter's authority level, 0..9\n"
          "                       (as quote --authority)\n"
          "  --cash-months N      cash on hand, in months of revenue\n"
          "                       (default 2, seed 003's yardstick)\n"
          "  --format table|json|csv|html  table (default): for people;\n"
          "                       json: the comparison's document; csv: a\n"
          "                       row per offer and scenario; html: a report\n"
          "                       to send the client (A4, no network)\n"
          "  -o, --output FILE    write there instead of stdout\n"
          CLI_HELP_TABLES
          "  --plans-dir PATH     plan directory or .lua file (default:\n"
          "                       $RATEL_PLANS, else rating-scripts, else the\n"
          "                       installed plans)\n"
          "  -h, --help           show this help\n"
          "\n"
          "Plans rate the declaration as `quote` does; without a menu each\n"
          "plan gives one offer. The default plan (plan.default: sme-cyber\n"
          "among the shipped) is the one `quote` rates without --plan.\n"
          "\n"
          "Exit status: 0 the comparison was made (declined offers\n"
          "included), 1 an error, 2 a usage error.\n",
          out);
}

typedef enum { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_HTML } compare_format;

typedef struct compare_args {
    const char *input, *plans, *options, *scenarios, *cash_months;
    const char *authority;
    const char *format, *output, *tables, *plans_dir;
    compare_format fmt;
    char **ids;      /* --plans split at commas */
    size_t nids;
    char *ids_text;  /* the copy they point into */
} compare_args;

/* --plans ID,ID,...: the ids, in order; "all" gives none. */
static int split_plans(compare_args *a)
{
    char *p;
    size_t n = 1;
    if (!a->plans || strcmp(a->plans, "all") == 0)
        return 0;
    for (p = (char *)a->plans; *p; p++)
        n += *p == ',';
    if (!(a->ids_text = strdup(a->plans)) ||
        !(a->ids = calloc(n, sizeof *a->ids))) {
        cli_error("out of memory");
        return CLI_EXIT_FAIL;
    }
    for (p = strtok(a->ids_text, ","); p; p = strtok(NULL, ","))
        a->ids[a->nids++] = p;
    if (a->nids != n)
        return cli_usage_error("compare", "--plans takes all or plan ids "
                               "separated by commas, got '%s'", a->plans);
    return 0;
}

static int parse_args(int argc, char **argv, compare_args *a,
                      ratel_compare_options *o)
{
    static const char *const formats[] = {"table", "json", "csv", "html"};
    int npos = 0, rc, k;
    const cli_opt opts[] = {
        {"plans", 0, 1, &a->plans, NULL},
        {"options", 0, 1, &a->options, NULL},
        {"scenarios", 0, 1, &a->scenarios, NULL},
        {"authority", 0, 1, &a->authority, NULL},
        {"cash-months", 0, 1, &a->cash_months, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"output", 'o', 1, &a->output, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans-dir", 0, 1, &a->plans_dir, NULL},
    };
    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "compare", cmd_compare_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("compare", npos == 0 ? "missing DECL"
                                                    : "too many arguments");
    a->input = argv[0];
    for (k = 0; k < 4 && a->format && strcmp(a->format, formats[k]); k++)
        ;
    if (k == 4)
        return cli_usage_error("compare", "unknown format '%s' (table, "
                               "json, csv, html)", a->format);
    a->fmt = a->format ? (compare_format)k : FMT_TABLE;
    if (a->authority && (strlen(a->authority) != 1 || a->authority[0] < '0' ||
                         a->authority[0] > '9'))
        return cli_usage_error("compare", "--authority takes a level 0 to 9");
    ratel_compare_options_init(o, RATEL_COMPARE_OPTIONS_VERSION);
    if (a->cash_months) {
        char *end;
        long v = strtol(a->cash_months, &end, 10);
        if (end == a->cash_months || *end || v < 1 || v > 120)
            return cli_usage_error("compare", "--cash-months takes a whole "
                                   "number from 1 to 120, got '%s'",
                                   a->cash_months);
        o->cash_months = (unsigned)v;
    }
    if ((rc = split_plans(a)))
        return rc;
    o->plans = (const char *const *)a->ids;
    o->nplans = a->nids;
    o->menus = a->options && strcmp(a->options, "all") == 0;
    return CLI_GO_ON;
}

/* Reads the scenarios file `path`; on failure prints its errors with
 * their JSON paths. */
static int read_scenarios(ratel_ctx *ctx, const char *path,
                          ratel_scenarios **out)
{
    char *json = NULL;
    size_t len = 0;
    int rc;
    if (cli_read_file(path, &json, &len) != 0)
        return -1;
    rc = ratel_scenarios_parse(out, ctx, json, len);
    free(json);
    if (rc != RATEL_OK)
        quote_report_error(ctx, rc, cli_input_name(path));
    return rc == RATEL_OK ? 0 : -1;
}

/* Reads --options FILE: a menu rated under every plan (a JSON array, as
 * quote --options), or menus per plan (a JSON object: {"format_version",
 * "plans": {id: menu}}); on failure prints its errors with their JSON
 * paths. */
static int read_options(ratel_ctx *ctx, const char *path,
                        ratel_options **menu, ratel_compare_menus **menus)
{
    char *json = NULL;
    size_t len = 0, i;
    int rc;
    if (cli_read_file(path, &json, &len) != 0)
        return -1;
    for (i = 0; i < len && strchr(" \t\r\n", json[i]); i++)
        ;
    rc = i < len && json[i] == '{'
             ? ratel_compare_menus_parse(menus, ctx, json, len)
             : ratel_options_parse(menu, ctx, json, len);
    free(json);
    if (rc != RATEL_OK)
        quote_report_error(ctx, rc, cli_input_name(path));
    return rc == RATEL_OK ? 0 : -1;
}

/* Writes the comparison in the chosen format to a->output (the table
 * view writes to stdout, so -o reopens stdout there). */
static int write_result(const ratel_comparison *c, const compare_args *a)
{
    cli_output out = {0};
    FILE *f;
    char *text = NULL;
    size_t len = 0;
    int bad = 0;
    if (a->fmt == FMT_TABLE && a->output && strcmp(a->output, "-") != 0 &&
        !freopen(a->output, "w", stdout)) {
        cli_error("%s: cannot write", a->output);
        return -1;
    }
    if (a->fmt == FMT_TABLE)
        f = stdout;
    else if (cli_output_open(&out, a->output) != 0)
        return -1;
    else
        f = out.f;
    switch (a->fmt) {
    case FMT_TABLE:
        bad = cmd_compare_table(c) != 0;
        break;
    case FMT_HTML:
        bad = cmd_compare_html(f, c, cli_input_name(a->input)) != 0;
        break;
    default:
        bad = (a->fmt == FMT_JSON ? ratel_comparison_json(c, &text, &len)
                                  : ratel_comparison_csv(c, &text, &len)) ||
              fwrite(text, 1, len, f) != len ||
              (a->fmt == FMT_JSON && putc('\n', f) == EOF);
        ratel_free(text);
        break;
    }
    if (bad)
        cli_error("error writing the comparison");
    if (a->fmt != FMT_TABLE && cli_output_close(&out, !bad) != 0)
        return -1;
    return bad ? -1 : 0;
}

static int run(ratel_engine *eng, compare_args *a, ratel_compare_options *o,
               const char *json, size_t len)
{
    ratel_ctx *ctx = NULL;
    ratel_decl *d = NULL;
    ratel_options *menu = NULL;
    ratel_compare_menus *menus = NULL;
    ratel_scenarios *scen = NULL;
    ratel_comparison *c = NULL;
    int rc, status = CLI_EXIT_FAIL;
    if ((rc = ratel_ctx_new(&ctx, eng)) != RATEL_OK) {
        cli_error("cannot create a context: %s", ratel_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    if (a->authority)
        ratel_ctx_set_authority(ctx, a->authority[0] - '0');
    if ((a->options && !o->menus &&
         read_options(ctx, a->options, &menu, &menus) != 0) ||
        (a->scenarios && strcmp(a->scenarios, "default") != 0 &&
         read_scenarios(ctx, a->scenarios, &scen) != 0))
        goto done;
    o->options = menu;
    o->plan_menus = menus;
    o->scenarios = scen;
    rc = ratel_decl_parse(&d, ctx, a->nids ? cli_plan_schema(eng, a->ids[0])
                                           : NULL, json, len);
    if (rc == RATEL_OK)
        rc = ratel_compare(&c, ctx, d, o);
    if (rc != RATEL_OK)
        quote_report_error(ctx, rc, cli_input_name(a->input));
    else if (write_result(c, a) == 0)
        status = a->output ? CLI_EXIT_OK : cli_finish_stdout(CLI_EXIT_OK);
done:
    ratel_comparison_free(c);
    ratel_decl_free(d);
    ratel_scenarios_free(scen);
    ratel_options_free(menu);
    ratel_compare_menus_free(menus);
    ratel_ctx_free(ctx);
    return status;
}

int cmd_compare(int argc, char **argv)
{
    compare_args a;
    ratel_compare_options o;
    ratel_engine *eng = NULL;
    char *json = NULL;
    size_t len = 0;
    int status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a, &o)) != CLI_GO_ON)
        goto out;
    status = CLI_EXIT_FAIL;
    if (cli_read_file(a.input, &json, &len) != 0)
        goto out;
    if (cli_engine_load(&eng, cli_tables_path(a.tables),
                        cli_plans_path(a.plans_dir)) == 0)
        status = run(eng, &a, &o, json, len);
    ratel_engine_free(eng);
out:
    free(json);
    free(a.ids);
    free(a.ids_text);
    return status;
}
