/* cmd_structure.c - `ratel structure`: compares, for one declaration, the
 * structures of a structures file (insurance from each plan, a higher
 * deductible, a captive with market excess, self-insurance, a commitment
 * line, a CAT bond) on the company's loss model, and prints the
 * comparison as a table or its JSON document, and optionally an HTML
 * report. The comparison itself is the library's
 * (ratel_structure_compare). */
#include "cli.h"
#include "batch.h"
#include "quote_print.h"
#include "structure_print.h"

#include <stdlib.h>
#include <string.h>

#include "ratel.h"

void cmd_structure_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " structure DECL --structures FILE [options]\n"
          "\n"
          "Compares, for the declaration DECL (JSON; '-' reads stdin), the\n"
          "structures in FILE (docs/structures.md): each one's expected\n"
          "annual cost, its cost in a bad year (1 in 20 and 1 in 100),\n"
          "the capital or cash it ties up, the loss it leaves unfunded\n"
          "(1 year in 200), plain-language notes, and what each leaves the\n"
          "company to pay in the file's scenarios.\n"
          "\n"
          "Options:\n"
          "  --structures FILE    the structures and scenarios (required)\n"
          "  --format table|json  table (default): for people; json: the\n"
          "                       comparison's document\n"
          "  --html FILE          also write a self-contained HTML report\n"
          "  --seed S             the simulation's seed (default 1)\n"
          "  --years N            simulated years, 1 to 10000000 (default\n"
          "                       1000000)\n"
          "  --threads N          threads (default: the cores); the output\n"
          "                       is the same on any number\n"
          CLI_HELP_TABLES
          CLI_HELP_PLANS
          "  -h, --help           show this help\n"
          "\n"
          "Exit status: 0 the comparison was made (declined structures\n"
          "included), 1 an error, 2 a usage error.\n",
          out);
}

typedef struct structure_args {
    const char *input, *structures, *format, *html, *seed, *years, *threads;
    const char *tables, *plans;
    int json;
} structure_args;

/* A whole decimal number within [lo, hi]; 0, or a usage error status. */
static int parse_count(const char *opt, const char *text, uint64_t lo,
                       uint64_t hi, uint64_t *out)
{
    char *end;
    unsigned long long v;
    if (text == NULL)
        return 0;
    v = strtoull(text, &end, 10);
    if (end == text || *end != '\0' || text[0] == '-' || v < lo || v > hi)
        return cli_usage_error("structure", "%s needs a whole number from "
                               "%llu to %llu, got '%s'", opt,
                               (unsigned long long)lo, (unsigned long long)hi,
                               text);
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, structure_args *a,
                      ratel_structure_options *o)
{
    int npos = 0, rc;
    uint64_t threads = batch_default_threads();
    const cli_opt opts[] = {
        {"structures", 0, 1, &a->structures, NULL},
        {"format", 0, 1, &a->format, NULL},
        {"html", 0, 1, &a->html, NULL},
        {"seed", 0, 1, &a->seed, NULL},
        {"years", 0, 1, &a->years, NULL},
        {"threads", 0, 1, &a->threads, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"plans", 0, 1, &a->plans, NULL},
    };
    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "structure", cmd_structure_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("structure", npos == 0 ? "missing DECL"
                                                      : "too many arguments");
    a->input = argv[0];
    if (!a->structures)
        return cli_usage_error("structure", "missing --structures FILE");
    if (a->format == NULL || strcmp(a->format, "table") == 0)
        a->json = 0;
    else if (strcmp(a->format, "json") == 0)
        a->json = 1;
    else
        return cli_usage_error("structure", "unknown format '%s' (table, "
                               "json)", a->format);
    ratel_structure_options_init(o, RATEL_STRUCTURE_OPTIONS_VERSION);
    if (threads > 64)
        threads = 64;
    if ((rc = parse_count("--seed", a->seed, 0, UINT64_MAX, &o->seed)) ||
        (rc = parse_count("--years", a->years, 1, 10000000, &o->years)) ||
        (rc = parse_count("--threads", a->threads, 1, 64, &threads)))
        return rc;
    o->threads = (unsigned)threads;
    return CLI_GO_ON;
}

/* The file a comparison error is about: its field errors name the
 * structures file's paths ($.structures, $.scenarios) or the
 * declaration's. */
static const char *error_input(const ratel_ctx *ctx, const structure_args *a)
{
    ratel_field_error fe;
    if (ratel_ctx_field_error_count(ctx) > 0 &&
        ratel_ctx_field_error(ctx, 0, &fe) == RATEL_OK && fe.path &&
        (strncmp(fe.path, "$.structures", 12) == 0 ||
         strncmp(fe.path, "$.scenarios", 11) == 0))
        return a->structures;
    return cli_input_name(a->input);
}

static int write_html(const ratel_structure_result *r, const structure_args *a,
                      const ratel_structure_options *o)
{
    cli_output f;
    int bad;
    if (cli_output_open(&f, a->html) != 0)
        return -1;
    bad = cmd_structure_html(f.f, r, cli_input_name(a->input), o->seed,
                             o->years) != 0;
    return cli_output_close(&f, !bad) != 0 || bad ? -1 : 0;
}

static int compare(ratel_engine *eng, const structure_args *a,
                   const ratel_structure_options *o, const char *decl_json,
                   size_t decl_len, const char *file_json, size_t file_len)
{
    ratel_ctx *ctx = NULL;
    ratel_decl *decl = NULL;
    ratel_structures *s = NULL;
    ratel_structure_result *r = NULL;
    int rc, status = CLI_EXIT_FAIL;
    if ((rc = ratel_ctx_new(&ctx, eng)) != RATEL_OK) {
        cli_error("cannot create a context: %s", ratel_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    if ((rc = ratel_decl_parse(&decl, ctx, "cyber-sme", decl_json,
                               decl_len)) != RATEL_OK)
        quote_report_error(ctx, rc, cli_input_name(a->input));
    else if ((rc = ratel_structures_parse(&s, ctx, file_json, file_len)))
        quote_report_error(ctx, rc, a->structures);
    else if ((rc = ratel_structure_compare(&r, ctx, decl, s, o)))
        quote_report_error(ctx, rc, error_input(ctx, a));
    else if ((a->json ? fputs(ratel_structure_result_json(r, NULL), stdout)
                                == EOF
                      : cmd_structure_table(stdout, r, o->seed, o->years)))
        cli_error("error writing the comparison");
    else if (a->html && write_html(r, a, o) != 0)
        ; /* reported */
    else
        status = cli_finish_stdout(CLI_EXIT_OK);
    ratel_structure_result_free(r);
    ratel_structures_free(s);
    ratel_decl_free(decl);
    ratel_ctx_free(ctx);
    return status;
}

int cmd_structure(int argc, char **argv)
{
    structure_args a;
    ratel_structure_options o;
    ratel_engine *eng = NULL;
    char *decl = NULL, *file = NULL;
    size_t decl_len = 0, file_len = 0;
    int status;

    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a, &o)) != CLI_GO_ON)
        return status;
    if (cli_read_file(a.input, &decl, &decl_len) != 0 ||
        cli_read_file(a.structures, &file, &file_len) != 0) {
        free(decl);
        return CLI_EXIT_FAIL;
    }
    if (cli_engine_load(&eng, cli_tables_path(a.tables),
                        cli_plans_path(a.plans)) != 0)
        status = CLI_EXIT_FAIL;
    else
        status = compare(eng, &a, &o, decl, decl_len, file, file_len);
    ratel_engine_free(eng);
    free(decl);
    free(file);
    return status;
}
