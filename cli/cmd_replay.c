/* cmd_replay.c - `ratel replay DB`: rates the journal's quotes again and
 * reports each one whose bytes differ from what was recorded, with the
 * first worksheet step that differs; by default on the plan source,
 * schema and tables stored with each quote, with --plans/--tables on
 * today's (what recorded quotes would cost now). docs/journal.md. */
#include "cli.h"
#include "journal.h"

#include <stdlib.h>
#include <string.h>

void cmd_replay_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " replay DB [--id ID | --since DATE]\n"
          "                    [--plans DIR] [--tables DB] [options]\n"
          "\n"
          "Rates the quotes recorded in the journal DB again and compares\n"
          "each new quote's JSON with the recorded one, byte for byte. Each\n"
          "quote that differs is printed with where it first differs: the\n"
          "worksheet step (its label, values and premiums both ways), then\n"
          "the member (\"total_premium: 67380 -> 67000\"). By default each\n"
          "quote is rated with the plan source, schema and tables stored\n"
          "with it, so files that moved on since do not matter; with\n"
          "--plans or --tables, with today's: the effect of a change on\n"
          "real quotes.\n"
          "\n"
          "Options:\n"
          "  --id ID          replay quote ID alone\n"
          "  --since DATE     replay the quotes stamped at or after DATE\n"
          "                   (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS[.sss]Z)\n"
          "  --plans DIR      rate with these plans instead of the stored\n"
          "  --tables DB      rate with these tables instead of the stored\n"
          "  --threads N      rating threads (default: online cores)\n"
          "  --all            print the quotes that are the same too\n"
          "  -h, --help       show this help\n"
          "\n"
          "Exit status: 0 every quote replayed to the same bytes, 1 some\n"
          "differ or could not be rated again (or an error), 2 a usage\n"
          "error.\n",
          out);
}

typedef struct replay_args {
    const char *db, *id, *since, *plans, *tables, *threads;
    int all;
    size_t nthreads;
    int64_t quote;
} replay_args;

static int parse_args(int argc, char **argv, replay_args *a)
{
    int npos = 0, rc;
    char *end;
    const cli_opt opts[] = {
        {"id", 0, 1, &a->id, NULL},
        {"since", 0, 1, &a->since, NULL},
        {"plans", 0, 1, &a->plans, NULL},
        {"tables", 0, 1, &a->tables, NULL},
        {"threads", 0, 1, &a->threads, NULL},
        {"all", 0, 0, NULL, &a->all},
    };
    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "replay", cmd_replay_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1)
        return cli_usage_error("replay", npos == 0 ? "missing DB"
                                                   : "too many arguments");
    a->db = argv[0];
    if (a->id && a->since)
        return cli_usage_error("replay", "--id and --since exclude each "
                               "other");
    if (a->id && ((a->quote = strtoll(a->id, &end, 10)) <= 0 || *end))
        return cli_usage_error("replay", "--id needs a quote id (1, 2, ...), "
                               "got '%s'", a->id);
    if (batch_parse_threads("replay", a->threads, &a->nthreads) != 0)
        return CLI_EXIT_USAGE;
    if (a->nthreads > 64)
        a->nthreads = 64;
    return CLI_GO_ON;
}

static int print_item(const ratel_replay_item *it)
{
    static const char *const status[] = {"same", "differs", "failed"};
    return printf("quote %lld (%s, %s): %s%s%s\n", (long long)it->id,
                  it->reference ? it->reference : "no reference",
                  it->timestamp, status[it->status],
                  it->difference[0] ? ": " : "", it->difference) < 0
               ? -1
               : 0;
}

static int replay(ratel_journal *j, ratel_engine *eng, const replay_args *a)
{
    ratel_replay_options o;
    ratel_replay *r = NULL;
    ratel_replay_item it;
    uint64_t same = 0, differ = 0, failed = 0;
    int rc;
    ratel_replay_options_init(&o, RATEL_REPLAY_OPTIONS_VERSION);
    o.id = a->quote;
    o.since = a->since;
    o.engine = eng;
    o.threads = (unsigned)a->nthreads;
    o.all = a->all;
    if ((rc = ratel_replay_open(&r, j, &o)) != RATEL_OK) {
        cli_error_lines(ratel_journal_errmsg(j), ratel_strerror(rc), 1);
        return CLI_EXIT_FAIL;
    }
    while ((rc = ratel_replay_next(r, &it)) == 1)
        if (print_item(&it) != 0)
            break;
    ratel_replay_counts(r, &same, &differ, &failed);
    ratel_replay_free(r);
    if (rc < 0) {
        cli_error_lines(ratel_journal_errmsg(j), ratel_strerror(rc), 1);
        return CLI_EXIT_FAIL;
    }
    printf("replay: %llu quotes: %llu the same, %llu differ, %llu failed "
           "(%s)\n", (unsigned long long)(same + differ + failed),
           (unsigned long long)same, (unsigned long long)differ,
           (unsigned long long)failed,
           eng ? "today's plans and tables" : "the stored plans and tables");
    if (a->quote > 0 && same + differ + failed == 0) {
        cli_error("no quote %lld in the journal", (long long)a->quote);
        return CLI_EXIT_FAIL;
    }
    return cli_finish_stdout(differ || failed ? CLI_EXIT_FAIL : CLI_EXIT_OK);
}

int cmd_replay(int argc, char **argv)
{
    replay_args a;
    ratel_journal *j;
    ratel_engine *eng = NULL;
    int status;
    memset(&a, 0, sizeof a);
    if ((status = parse_args(argc, argv, &a)) != CLI_GO_ON)
        return status;
    if (a.plans || a.tables) {
        if (cli_engine_load(&eng, cli_tables_path(a.tables),
                            cli_plans_path(a.plans)) != 0)
            return CLI_EXIT_FAIL;
    }
    if (!(j = cli_journal_open(a.db, 1))) {
        ratel_engine_free(eng);
        return CLI_EXIT_FAIL;
    }
    status = replay(j, eng, &a);
    ratel_journal_close(j);
    ratel_engine_free(eng);
    return status;
}
