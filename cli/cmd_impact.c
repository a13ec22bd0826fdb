/* cmd_impact.c - `ratel impact`: the effect of a rate change on a book,
 * rating it with the plan (or tables) before and after. */
#include "cli.h"
#include "impact.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_TOP 10

void cmd_impact_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " impact --book BOOK --from PLAN[@VERSION] "
          "--to PLAN[@VERSION] [options]\n"
          "\n"
          "Rates every declaration of BOOK (JSON Lines) before and after a\n"
          "rate change and reports the total premium before and after, the\n"
          "distribution of the per-policy change (percentiles, histogram),\n"
          "the decisions that changed, and the largest movers with the\n"
          "worksheet step that moved each most.\n"
          "\n"
          "Options:\n"
          "  --book BOOK          the book (JSON Lines; '-' reads stdin)\n"
          "  --from, --to SPEC    plan id, or id@version to load only the\n"
          "                       plan file of that version\n"
          "  --from-tables DB     tables before (default: --tables)\n"
          "  --to-tables DB       tables after (default: --tables)\n"
          "  --from-plans PATH    plans before: directory or .lua file\n"
          "  --to-plans PATH      plans after (default: --plans)\n"
          "  --tables DB          rate-table database of both sides\n"
          "  --plans PATH         plans of both sides\n"
          "  --format text|json   text (default) or one JSON object\n"
          "  --html FILE          also write a self-contained HTML page\n"
          "  --threads N          rating threads (default: online cores)\n"
          "  --top K              largest movers to show (default 10)\n"
          "  -o, --output OUT     write the report to OUT (default: stdout)\n"
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 the report was produced, 1 an error, 2 a usage\n"
          "error.\n",
          out);
}

typedef struct impact_args {
    const char *book, *from, *to, *from_tables, *to_tables, *from_plans;
    const char *to_plans, *tables, *plans, *format, *html, *threads, *top;
    const char *output;
    size_t nthreads, ntop;
    int json;
} impact_args;

static int parse_args(int argc, char **argv, impact_args *a)
{
    int npos = 0, rc;
    char *end;
    long top;
    const cli_opt opts[] = {
        {"book", 0, 1, &a->book, NULL},
        {"from", 0, 1, &a->from, NULL},
        {"to", 0, 1, &a->to, NULL},
        {"from-tables", 0, 1, &a->from_tables, NULL},
        {"to-tables", 0, 1, &a->to_tables, NULL},
        {"from-plans", 0, 1, &a->from_plans, NULL},
        {"to-plans", 0, 1, &a->to_plans, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"html", 0, 1, &a->html, NULL},
        {"threads", 0, 1, &a->threads, NULL},
        {"top", 0, 1, &a->top, NULL},
        {"output", 'o', 1, &a->output, NULL},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "impact", cmd_impact_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 0)
        return cli_usage_error("impact", "unexpected argument '%s'", argv[0]);
    if (a->book == NULL || a->from == NULL || a->to == NULL)
        return cli_usage_error("impact", "needs --book, --from and --to");
    if (batch_parse_threads("impact", a->threads, &a->nthreads) != 0)
        return CLI_EXIT_USAGE;
    a->ntop = DEFAULT_TOP;
    if (a->top != NULL) {
        top = strtol(a->top, &end, 10);
        if (end == a->top || *end != '\0' || top < 0 || top > 10000)
            return cli_usage_error("impact", "--top needs a number from 0 to "
                                             "10000, got '%s'", a->top);
        a->ntop = (size_t)top;
    }
    if (a->format == NULL || strcmp(a->format, "text") == 0)
        a->json = 0;
    else if (strcmp(a->format, "json") == 0)
        a->json = 1;
    else
        return cli_usage_error("impact", "unknown format '%s' (text, json)",
                               a->format);
    return -1; /* go on */
}

static int write_html(const impact_report *r, const char *path)
{
    cli_output f;
    int bad;
    if (cli_output_open(&f, path) != 0)
        return -1;
    bad = impact_write_html(f.f, r) != 0;
    return cli_output_close(&f, !bad) != 0 || bad ? -1 : 0;
}

static int report(const impact_report *r, const impact_args *a)
{
    cli_output out;
    int bad;
    if (cli_output_open(&out, a->output) != 0)
        return CLI_EXIT_FAIL;
    bad = (a->json ? impact_write_json(out.f, r) : impact_write_text(out.f, r))
          != 0;
    if (cli_output_close(&out, !bad) != 0 || bad)
        return CLI_EXIT_FAIL;
    if (a->html != NULL && write_html(r, a->html) != 0)
        return CLI_EXIT_FAIL;
    return CLI_EXIT_OK;
}

int cmd_impact(int argc, char **argv)
{
    impact_args a;
    impact_side from, to;
    impact_report r;
    int status;

    memset(&a, 0, sizeof a);
    memset(&from, 0, sizeof from);
    memset(&to, 0, sizeof to);
    memset(&r, 0, sizeof r);
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    from.spec = a.from;
    from.tables = cli_tables_path(a.from_tables ? a.from_tables : a.tables);
    from.plans = cli_plans_path(a.from_plans ? a.from_plans : a.plans);
    to.spec = a.to;
    to.tables = cli_tables_path(a.to_tables ? a.to_tables : a.tables);
    to.plans = cli_plans_path(a.to_plans ? a.to_plans : a.plans);
    status = CLI_EXIT_FAIL;
    if (impact_side_open(&from, a.nthreads) != 0 ||
        impact_side_open(&to, a.nthreads) != 0)
        goto done;
    /* A version that takes effect later than a policy is dated: the
     * policy as renewed on that date, on both sides alike. */
    from.as_of = to.as_of = strcmp(from.effective, to.effective) > 0
                                ? from.effective : to.effective;
    if (from.as_of[0] == '\0')
        from.as_of = to.as_of = NULL;
    r.book = a.book;
    r.from = &from;
    r.to = &to;
    r.top = a.ntop;
    if (impact_run(&r, a.book, a.nthreads) != 0)
        goto done;
    status = report(&r, &a);
done:
    impact_report_free(&r);
    impact_side_close(&from, a.nthreads);
    impact_side_close(&to, a.nthreads);
    return status;
}
