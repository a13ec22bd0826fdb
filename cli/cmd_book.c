/* cmd_book.c - `ratel book generate`: a synthetic, reproducible book of
 * declarations as JSON Lines. */
#include "cli.h"
#include "book.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void cmd_book_usage(FILE *out)
{
    fputs("Usage: " CLI_PROG " book generate --n N --seed S [-o OUT]\n"
          "\n"
          "Writes a synthetic book of N declarations (JSON Lines) shaped like\n"
          "the Japanese SME market: industries, revenues, employees, controls,\n"
          "incidents and requests drawn from the distributions documented in\n"
          "docs/cli.md. The same seed gives the same bytes on every machine.\n"
          "\n"
          "Options:\n"
          "  --n N             number of declarations (1 to 100,000,000)\n"
          "  --seed S          seed (0 to 2^64-1)\n"
          "  -o, --output OUT  write to OUT (default: stdout)\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 written, 1 a write error, 2 a usage error.\n",
          out);
}

static int parse_u64(const char *s, unsigned long long max,
                     unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (*end != '\0' || errno != 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

int cmd_book(int argc, char **argv)
{
    const char *n_text = NULL, *seed_text = NULL, *output = NULL;
    unsigned long long n, seed, i;
    int npos = 0, rc;
    book_rng rng;
    cli_output out;
    const cli_opt opts[] = {
        {"n", 0, 1, &n_text, NULL},
        {"seed", 0, 1, &seed_text, NULL},
        {"output", 'o', 1, &output, NULL},
    };

    rc = cli_parse_command(argc, argv, opts, sizeof opts / sizeof opts[0],
                           "book", cmd_book_usage, &npos);
    if (rc != CLI_GO_ON)
        return rc;
    if (npos != 1 || strcmp(argv[0], "generate") != 0)
        return cli_usage_error("book", "expected 'book generate'");
    if (parse_u64(n_text, 100000000ull, &n) != 0 || n == 0)
        return cli_usage_error("book", "--n needs a number from 1 to "
                                       "100000000");
    if (parse_u64(seed_text, ~0ull, &seed) != 0)
        return cli_usage_error("book", "--seed needs a number from 0 to "
                                       "18446744073709551615");
    if (cli_output_open(&out, output) != 0)
        return CLI_EXIT_FAIL;
    book_rng_seed(&rng, (uint64_t)seed);
    for (i = 0; i < n; i++)
        if (book_write_policy(out.f, &rng, i) != 0)
            break;
    return cli_output_close(&out, i == n) == 0 && i == n ? CLI_EXIT_OK
                                                         : CLI_EXIT_FAIL;
}
