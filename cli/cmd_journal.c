/* cmd_journal.c - `ratel journal list|show|export`: the quotes a journal
 * recorded (docs/journal.md), for people (list), one quote with what made
 * it (show) and many as JSON Lines (export). Also the journal helpers the
 * other commands share: the clock, and opening a journal. */
#include "cli.h"
#include "journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cmd_journal_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " journal list DB [--since DATE] [--limit N]\n"
          "       " CLI_PROG " journal show DB ID\n"
          "       " CLI_PROG " journal export DB [--since DATE] [-o OUT]\n"
          "\n"
          "Reads the quote journal DB (written by quote --journal and batch\n"
          "--journal; see docs/journal.md).\n"
          "  list    one line a quote: id, timestamp, decision, premium,\n"
          "          plan and version, reference\n"
          "  show    quote ID with what made it, as one JSON document: the\n"
          "          declaration, the plan, schema and tables (version and\n"
          "          hash), options, authority and the quote\n"
          "  export  the same documents, one a line (JSON Lines)\n"
          "\n"
          "Options:\n"
          "  --since DATE      only quotes stamped at or after DATE\n"
          "                    (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS[.sss]Z, UTC)\n"
          "  --limit N         list at most N quotes\n"
          "  -o, --output OUT  export to OUT (default: stdout)\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 done, 1 an error (the journal missing, not a\n"
          "journal, damaged; no such quote), 2 a usage error.\n",
          out);
}

int64_t cli_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

ratel_journal *cli_journal_open(const char *path, int read_only)
{
    ratel_journal_options o;
    ratel_journal *j = NULL;
    int rc;
    ratel_journal_options_init(&o, RATEL_JOURNAL_OPTIONS_VERSION);
    o.read_only = read_only;
    o.durable = 1;
    o.verify = !read_only; /* never append to a damaged journal */
    if ((rc = ratel_journal_open(&j, path, &o)) != RATEL_OK) {
        cli_error_lines(j ? ratel_journal_errmsg(j) : NULL,
                        ratel_strerror(rc), 1);
        ratel_journal_close(j);
        return NULL;
    }
    return j;
}

/* An error reading the journal (after the cursor or a call failed). */
static int read_failed(ratel_journal *j, int rc)
{
    cli_error_lines(ratel_journal_errmsg(j), ratel_strerror(rc), 1);
    return CLI_EXIT_FAIL;
}

static int list(ratel_journal *j, const char *since, long limit)
{
    ratel_journal_cursor *c = NULL;
    ratel_journal_entry e;
    long n = 0;
    int rc;
    if ((rc = ratel_journal_read(&c, j, 0, since)) != RATEL_OK)
        return read_failed(j, rc);
    printf("%8s  %-24s  %-8s  %17s  %-22s  %s\n", "id", "timestamp",
           "decision", "premium", "plan", "reference");
    while ((limit < 0 || n < limit) && (rc = ratel_journal_next(c, &e)) == 1) {
        char money[40], plan[128];
        snprintf(plan, sizeof plan, "%s@%s", e.plan_id, e.plan_version);
        cli_fmt_money(money, sizeof money, e.total_premium);
        if (printf("%8lld  %-24s  %-8s  %3s %13s  %-22s  %s\n",
                   (long long)e.id, e.timestamp, e.decision, e.currency,
                   money, plan, e.reference ? e.reference : "-") < 0)
            break;
        n++;
    }
    ratel_journal_cursor_free(c);
    return rc < 0 ? read_failed(j, rc) : cli_finish_stdout(CLI_EXIT_OK);
}

/* Writes the documents of the quotes read: one (show) or one a line. */
static int write_entries(ratel_journal *j, int64_t id, const char *since,
                         FILE *out, int one_line)
{
    ratel_journal_cursor *c = NULL;
    ratel_journal_entry e;
    long n = 0;
    int rc;
    if ((rc = ratel_journal_read(&c, j, id, since)) != RATEL_OK)
        return read_failed(j, rc);
    while ((rc = ratel_journal_next(c, &e)) == 1) {
        char *doc = NULL;
        size_t len = 0;
        if ((rc = ratel_journal_entry_json(c, one_line, &doc, &len)) != 0)
            break;
        n++;
        rc = fwrite(doc, 1, len, out) == len && putc('\n', out) != EOF;
        ratel_free(doc);
        if (!rc) {
            cli_error("error writing: %s", strerror(errno));
            ratel_journal_cursor_free(c);
            return CLI_EXIT_FAIL;
        }
    }
    ratel_journal_cursor_free(c);
    if (rc < 0)
        return read_failed(j, rc);
    if (id > 0 && n == 0) {
        cli_error("no quote %lld in the journal", (long long)id);
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

int cmd_journal(int argc, char **argv)
{
    const char *since = NULL, *limit = NULL, *output = NULL, *sub;
    ratel_journal *j;
    long max = -1;
    int64_t id = 0;
    int npos = 0, rc, status;
    char *end;
    const cli_opt opts[] = {
        {"since", 0, 1, &since, NULL},
        {"limit", 0, 1, &limit, NULL},
        {"output", 'o', 1, &output, NULL},
    };
    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "journal", cmd_journal_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos == 0)
        return cli_usage_error("journal", "missing subcommand (list, show, "
                               "export)");
    sub = argv[0];
    if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "export"))
        return cli_usage_error("journal", "unknown subcommand '%s' (list, "
                               "show, export)", sub);
    if (npos != (strcmp(sub, "show") == 0 ? 3 : 2))
        return cli_usage_error("journal", npos < 2 ? "missing DB"
                               : strcmp(sub, "show") == 0 && npos == 2
                                   ? "missing ID" : "too many arguments");
    if (strcmp(sub, "show") == 0 &&
        ((id = strtoll(argv[2], &end, 10)) <= 0 || *end))
        return cli_usage_error("journal", "ID is a quote id (1, 2, ...), "
                               "got '%s'", argv[2]);
    if (limit && ((max = strtol(limit, &end, 10)) < 0 || *end || !*limit))
        return cli_usage_error("journal", "--limit needs a count, got '%s'",
                               limit);
    if (!(j = cli_journal_open(argv[1], 1)))
        return CLI_EXIT_FAIL;
    if (strcmp(sub, "list") == 0) {
        status = list(j, since, max);
    } else if (strcmp(sub, "show") == 0) {
        status = write_entries(j, id, NULL, stdout, 0);
        status = cli_finish_stdout(status);
    } else {
        cli_output out;
        status = CLI_EXIT_FAIL;
        if (cli_output_open(&out, output) == 0) {
            status = write_entries(j, 0, since, out.f, 1);
            if (cli_output_close(&out, status == CLI_EXIT_OK) != 0)
                status = CLI_EXIT_FAIL;
        }
    }
    ratel_journal_close(j);
    return status;
}
