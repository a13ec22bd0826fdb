/* cli.h - shared pieces of the `ratel` command-line tool: exit codes,
 * option parsing, file reading, default paths and number formatting.
 * The tool talks to the engine only through ratel.h. */
#ifndef RATEL_CLI_H
#define RATEL_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ratel.h"

#define CLI_PROG "ratel"

/* Exit statuses of every command. */
enum {
    CLI_EXIT_OK = 0,    /* success (a quote of any decision, a passed check) */
    CLI_EXIT_FAIL = 1,  /* an error: bad input, engine or table failure */
    CLI_EXIT_USAGE = 2  /* a usage error on the command line */
};

/* Largest input file the tool reads (declarations). */
#define CLI_MAX_INPUT ((size_t)16 << 20)

/* ---- option parsing --------------------------------------------------- */

/*
 * One option of a command: `--name VALUE`, `--name=VALUE`, and `-s VALUE`
 * when `short_name` is not 0. An option with an argument stores it in
 * *value (the last occurrence wins); one without sets *flag to 1.
 * `--help` and `-h` are always recognised. `--` ends the options and a
 * lone `-` is a positional argument (stdin).
 */
typedef struct cli_opt {
    const char *name;
    char short_name;
    int has_arg;
    const char **value;
    int *flag;
} cli_opt;

enum { CLI_PARSE_OK = 0, CLI_PARSE_HELP = 1, CLI_PARSE_ERROR = 2 };

/*
 * Parses argv[0..argc) (the arguments after the command words). On
 * CLI_PARSE_OK the positional arguments are moved, in order, to
 * argv[0..*npos). On CLI_PARSE_ERROR a message and a hint naming
 * `ratel CMD --help` are already on stderr. `cmd` is the command as the
 * user typed it, e.g. "quote" or "tables build".
 */
int cli_parse_opts(int argc, char **argv, const cli_opt *opts, size_t nopts,
                   const char *cmd, int *npos);

/* The --help lines of the options that find the tables and the plans
 * (cli_tables_path, cli_plans_path), shared by the commands that take
 * them. */
#define CLI_HELP_TABLES                                                      \
    "  --tables DB          rate-table database (default: $RATEL_TABLES,\n" \
    "                       else tables/ratel.db, else the installed one)\n"
#define CLI_HELP_PLANS                                                       \
    "  --plans PATH         plan directory or .lua file (default:\n"         \
    "                       $RATEL_PLANS, else rating-scripts, else the\n"   \
    "                       installed plans)\n"

/*
 * cli_parse_opts() and what every command does with its outcome: on
 * --help prints usage(stdout) and returns CLI_EXIT_OK; on a parse error
 * (already reported) returns CLI_EXIT_USAGE; on success returns
 * CLI_GO_ON, and the command goes on with argv[0..*npos).
 */
#define CLI_GO_ON (-1)
int cli_parse_command(int argc, char **argv, const cli_opt *opts,
                      size_t nopts, const char *cmd, void (*usage)(FILE *),
                      int *npos);

/* Prints "ratel CMD: <message>" and the --help hint to stderr; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "ratel: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a library message to stderr line by line, each line prefixed
 * "ratel: " when `prefixed` (messages that name file:line are printed as
 * they are). When msg is NULL or empty prints "ratel: <fallback>". */
void cli_error_lines(const char *msg, const char *fallback, int prefixed);

/* Flushes stdout; on a write error reports it and returns CLI_EXIT_FAIL,
 * else returns `status`. */
int cli_finish_stdout(int status);

/* ---- input ------------------------------------------------------------ */

/*
 * Reads a whole file ("-" is stdin) into a new NUL-terminated buffer of
 * *len bytes (the caller frees it). Refuses files larger than
 * CLI_MAX_INPUT. Returns 0, or -1 after printing the reason to stderr.
 */
int cli_read_file(const char *path, char **buf, size_t *len);

/* The name to show for an input path ("<stdin>" for "-"). */
const char *cli_input_name(const char *path);

/*
 * Room for element n of an array of `size`-byte elements with capacity
 * *cap: arr when n < *cap, else arr reallocated to twice *cap (`first`
 * when empty) with *cap updated, or NULL when out of memory or past
 * SIZE_MAX bytes (arr is then untouched and still the caller's).
 */
void *cli_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

/* ---- default paths ---------------------------------------------------- */

/* The rate-table database: `opt` (from --tables) if not NULL, else
 * $RATEL_TABLES, else tables/ratel.db if it exists, else
 * RATEL_DATADIR "/ratel.db". Never NULL; the string is not owned. */
const char *cli_tables_path(const char *opt);

/* Opens an engine on `tables` and `plans` (ratel_engine_open), with the
 * product schemas from $RATEL_SCHEMAS, else the schemas/ folder beside
 * the plans, else the shipped ones (rating-scripts/schemas, else the
 * installed). */
int cli_engine_open(ratel_engine **out, const char *tables,
                    const char *plans);

/* The plan to rate with: `requested` (NULL: the engine's default plan,
 * the one whose plan.default is true; see docs/plans.md). */
const char *cli_plan_id(const ratel_engine *engine, const char *requested);
/* The id of the schema plan `plan_id` rates, or NULL (the default
 * plan's, or the one a document names). */
const char *cli_plan_schema(const ratel_engine *engine, const char *plan_id);
/* Parses `json` with the plan's schema and rates it (ratel_decl_parse +
 * ratel_rate); errors on ctx. */
int cli_rate_json(ratel_quote **out, ratel_ctx *ctx,
                  const ratel_engine *engine, const char *json, size_t len,
                  const char *plan_id, unsigned int flags);
/* The field at `path` of schema `schema` (NULL: the default plan's):
 * 0, or -1 when there is none. */
int cli_schema_field(const ratel_engine *engine, const char *schema,
                     const char *path, ratel_schema_field *f);
/* Writes the quote's JSON and a newline to stdout: 0, or -1. */
int cli_print_quote_json(const ratel_quote *q);


/* The plans: `opt` (from --plans), else $RATEL_PLANS, else rating-scripts
 * if it exists, else RATEL_DATADIR "/rating-scripts". */
const char *cli_plans_path(const char *opt);

/* ---- formatting ------------------------------------------------------- */

/* Integer yen with thousands separators: 1234560 -> "1,234,560". A buffer
 * of 32 bytes always suffices. Returns buf. */
char *cli_fmt_money(char *buf, size_t size, int64_t amount);
/* An amount in minor units with `digits` decimals ("6,311.00"). */
char *cli_fmt_amount(char *buf, size_t size, int64_t amount, int digits);

/* A number with up to 6 decimals, trailing zeros trimmed ("1.25", "3");
 * with `group` the integer part gets thousands separators. A buffer of
 * 64 bytes always suffices. Returns buf. */
char *cli_fmt_number(char *buf, size_t size, double value, int group);
/* A running premium in yen as worksheets show it: to the sen at most
 * ("50,416.73"), grouped; the JSON keeps every digit. Returns buf. */
char *cli_fmt_premium(char *buf, size_t size, double premium);

/* JSON output: a string with escapes (NULL prints null), and a number
 * with up to 6 decimals (NaN and infinities print null). Return 0, or -1
 * on a write error. */
int cli_json_string(FILE *out, const char *s);
int cli_json_number(FILE *out, double value);

/* ---- quotes (quote_print.c) ------------------------------------------ */

/* Prints a quote as `quote --format table` does (the worksheet when
 * `worksheet`), or as its JSON document and a newline. Return 0, or -1 on
 * a write error or no memory. */
int quote_print_table(const ratel_quote *q, int worksheet);
int quote_print_json(const ratel_quote *q);

/* Prints, under "\nTITLE:", the reasons of q (kind, code, text) that are
 * not also reasons of `exclude` (NULL: all); nothing when none is left. */
int quote_print_reasons(const ratel_quote *q, const char *title,
                        const ratel_quote *exclude);

/* 1 when q has a reason with the same kind, code and text as r. */
int quote_has_reason(const ratel_quote *q, const ratel_reason *r);

/* A step's value as the worksheet shows it: factors (mul) plainly,
 * amounts grouped, nothing for notes. Returns buf (64 bytes suffice). */
const char *quote_step_value(char *buf, size_t size, const ratel_step *s);

/* Reports a failed ratel_rate*() on stderr as `ratel quote` does: every
 * declaration error with its JSON path, "script:line: message" for plan
 * errors. `input` names the declaration. */
void quote_report_error(const ratel_ctx *ctx, int rc, const char *input);

/* ---- plan files (quote_print.c), for `try` and `diff` ---------------- */

/* Source lines shown before and after the line a plan failed on. */
#define PLAN_CONTEXT_LINES 2

/* The line number in an error message "PLAN:LINE: ..." about the plan file
 * plan_path (also when Lua shortened the path to "...NAME"), or 0. */
int plan_error_line(const char *msg, const char *plan_path);

/* Prints to stderr the lines of plan_path around `line`, numbered, the
 * failing one marked '>'. Nothing when line <= 0. */
void plan_show_source(const char *plan_path, int line);

/* Opens an engine on the one plan file plan_path. On failure prints the
 * engine's message (and the plan source around a plan error), leaves *out
 * NULL and returns -1. */
int plan_engine_open(ratel_engine **out, const char *tables,
                     const char *plan_path);

/* Reads the declaration file `input` and rates it with plan_id (NULL: the
 * default plan), recording the worksheet. On failure prints the error as
 * quote_report_error() does, plus the plan source around a plan error,
 * leaves *out NULL and returns -1. */
int plan_rate_file(ratel_quote **out, ratel_engine *eng, const char *input,
                   const char *plan_id, const char *plan_path);

/* ---- batch rating (batch_*.c): `batch` and `impact` ----------------- */

/* Lines read and rated at a time, and the longest line accepted. */
#define BATCH_CHUNK_LINES 4096
#define BATCH_MAX_LINE ((size_t)1 << 20)

/* One input line: its text (not NUL-terminated, no newline), its 1-based
 * line number, and `error` (a static message) when it was refused while
 * reading (too long), in which case text is empty. */
typedef struct batch_line {
    const char *text;
    size_t len;
    long lineno;
    const char *error;
} batch_line;

/* A streaming line reader ("-" is stdin): fixed memory whatever the size
 * of the input. total_bytes is the size of a regular file (0: unknown). */
typedef struct batch_reader {
    FILE *f;
    const char *name;
    char *buf;
    size_t start, end, cap;
    long lineno;
    unsigned long long bytes, total_bytes;
    int eof, is_stdin;
} batch_reader;

/* The text of one chunk's lines: grows to the largest chunk, reused. */
typedef struct batch_arena {
    char *p;
    size_t used, cap;
} batch_arena;

/* Opens `path`; returns 0, or -1 after printing the reason. */
int batch_reader_open(batch_reader *r, const char *path);
/* Reads up to `max` non-blank lines into lines[0..*n), their text into
 * `arena` (emptied first); *n is 0 at the end of the input. Lines stay
 * valid until the arena is read into again or freed. Returns 0, or -1
 * after printing a read error or "out of memory". */
int batch_reader_chunk(batch_reader *r, batch_arena *arena, batch_line *lines,
                       size_t max, size_t *n);
void batch_reader_close(batch_reader *r);
void batch_arena_free(batch_arena *a);

/* Worker threads that stay for a whole book: the caller hands them one
 * chunk at a time and is free meanwhile (to write the previous chunk's
 * results and read the next). fn(arg, worker, i) runs for every i in
 * [0, nitems), items taken from a shared atomic index; `worker` is the
 * thread's number, 0 .. started - 1, for its own context. */
typedef void (*batch_job_fn)(void *arg, size_t worker, size_t index);
typedef struct batch_pool batch_pool;
/* Starts up to `nworkers` threads (those that cannot start leave their
 * share to the others; with none, batch_pool_wait runs the items on the
 * caller's thread as worker 0). Returns NULL when out of memory. */
batch_pool *batch_pool_start(size_t nworkers);
/* Hands the items to the workers and returns at once; one submission at
 * a time: batch_pool_wait() before the next. */
void batch_pool_submit(batch_pool *p, size_t nitems, batch_job_fn fn,
                       void *arg);
/* Returns when every item of the last submission is done. */
void batch_pool_wait(batch_pool *p);
/* Stops and joins the threads (none may be working) and frees the pool. */
void batch_pool_stop(batch_pool *p);

/* A book streamed through a pool: chunks of BATCH_CHUNK_LINES lines are
 * read, rated on the workers and handed back in input order, the next
 * chunk being read and the previous one taken while one is rated. Each
 * line has a result of `result_size` bytes (zeroed once, then reused by
 * later chunks). */
typedef struct batch_stream {
    batch_reader *rd;
    size_t nthreads;
    size_t result_size;
    /* rates lines[i] into `result`, on thread `worker` */
    void (*rate)(void *arg, size_t worker, const batch_line *line,
                 void *result);
    /* takes the n results of a chunk, in input order, on the caller's
     * thread (it may free what they hold: they are not read again until
     * `rate` fills them anew); `bytes`: the input read up to the end of
     * this chunk. Returns 0, or -1 to stop (after printing why) */
    int (*take)(void *arg, const batch_line *lines, void *results,
                size_t n, unsigned long long bytes);
    /* optional: frees what a result holds, for each one at the end */
    void (*release)(void *result);
    void *arg;
} batch_stream;

/* Runs the stream to the end of the book. Returns 0, or -1 after a read
 * error, out of memory (printed) or a take() that stopped it. */
int batch_stream_run(const batch_stream *s);

/* The number of online cores (at least 1), and --threads N parsed:
 * returns 0, or a usage error status after printing it. */
size_t batch_default_threads(void);
int batch_parse_threads(const char *cmd, const char *text, size_t *out);

/* Per-thread scratch for turning a line into a declaration. */
typedef struct batch_scratch {
    char *buf;
    size_t cap;
    char **cells;
    size_t ncells;
} batch_scratch;

/* CSV input: the columns of the header row, each a declaration path.
 * See docs/cli.md for the mapping. */
typedef struct batch_csv batch_csv;

/* Parses the header row; on an unknown column prints an error naming it
 * and returns -1. *out is freed with batch_csv_free. */
int batch_csv_open(batch_csv **out, const batch_line *header,
                   const char *input, const ratel_engine *eng,
                   const char *schema);
void batch_csv_free(batch_csv *csv);
/* Reads the header row of a CSV book from rd and opens *csv on it (the
 * fields of `schema`); prints the error and returns -1. */
int batch_csv_read_header(batch_reader *rd, batch_csv **csv,
                          const ratel_engine *eng, const char *schema);
/* Rates a CSV row as batch_rate_line() does. */
int batch_csv_rate(ratel_quote **out, ratel_ctx *ctx, const batch_csv *csv,
                   batch_scratch *scratch, const batch_line *line,
                   const char *plan_id, unsigned int flags, char *err,
                   size_t errsize);

/* Rates one line (JSON, or a CSV row when csv is not NULL) with `ctx`.
 * On success returns 0 and the quote in *out; else -1 and a one-line
 * message in err (naming the column or JSON path at fault). */
int batch_rate_line(ratel_quote **out, ratel_ctx *ctx, const batch_csv *csv,
                    batch_scratch *scratch, const batch_line *line,
                    const char *plan_id, unsigned int flags, char *err,
                    size_t errsize);
void batch_scratch_free(batch_scratch *s);

/* The error of a failed rating call on ctx as one line, into err. */
void batch_ctx_error(const ratel_ctx *ctx, int rc, const char *prefix,
                     char *err, size_t errsize);

/* One output row being built; `oom` is set once an allocation failed
 * (the content is then incomplete and must not be used). */
typedef struct batch_text {
    char *data;
    size_t len, cap;
    int oom;
} batch_text;

/* Makes room for n more bytes: 0, or -1 with oom set. */
int batch_text_grow(batch_text *t, size_t n);
static inline void batch_text_put(batch_text *t, const char *s, size_t n)
{
    if (t->len + n > t->cap && batch_text_grow(t, n) != 0)
        return;
    memcpy(t->data + t->len, s, n);
    t->len += n;
}
#define BATCH_TEXT_LIT(t, lit) batch_text_put((t), (lit), sizeof(lit) - 1)
void batch_text_int(batch_text *t, long long v);
/* A JSON string, escaped as cli_json_string() writes it (NULL: null). */
void batch_text_json_string(batch_text *t, const char *s);
/* A CSV cell, quoted when it holds a comma, a quote or a line break. */
void batch_text_csv_cell(batch_text *t, const char *s);
void batch_text_free(batch_text *t);

/* The result of one line: its output row (a JSON line, or a CSV row when
 * `csv`), made by the worker that rated it and kept until its chunk is
 * written in order. When the row could not be made for lack of memory,
 * the line is written as the error "out of memory". */
typedef struct batch_result {
    long lineno;             /* set before the row is made */
    int ok;                  /* 1: rated; 0: an error row */
    ratel_decision decision;
    batch_text row;
} batch_result;

void batch_result_set(batch_result *r, const ratel_quote *q, int csv);
void batch_result_error(batch_result *r, const char *msg, int csv);
void batch_result_free(batch_result *r);
/* Writes r's row (the CSV header first with batch_result_csv_header).
 * Return 0, or -1 on a write error. */
int batch_result_write(FILE *out, const batch_result *r, int csv);
int batch_result_csv_header(FILE *out);

/* ---- association schemes (scheme_print.c): `scheme quote` ------------ */
/* Makes the fee row of roster line `lineno` in t (after its line number):
 * the member's applicant, decision, tier and the parts of its fee, or
 * `err` when q is NULL. */
void scheme_fee_row(batch_text *t, long lineno, const ratel_quote *q,
                    const char *err, int csv);
int scheme_fee_csv_header(FILE *out);
/* Print the scheme's account; return a CLI exit status. */
int scheme_print_table(const ratel_scheme *s);
int scheme_print_json(const ratel_scheme *s);

/* Progress on stderr, drawn only when stderr is a terminal. */
typedef struct batch_progress {
    int on;
    double start, last;
    unsigned long long total_bytes;
} batch_progress;

double batch_now(void);
void batch_progress_init(batch_progress *p, unsigned long long total_bytes);
void batch_progress_update(batch_progress *p, long rows,
                           unsigned long long bytes);
void batch_progress_done(batch_progress *p);

/* Contexts for `n` threads on one engine: returns 0, or -1 after printing
 * the error (nothing is left allocated). */
int batch_contexts_new(ratel_ctx ***out, ratel_engine *eng, size_t n);
void batch_contexts_free(ratel_ctx **ctxs, size_t n);

/* Opens an output file ("-" or NULL: stdout); returns NULL after printing
 * the reason. batch_output_close flushes and closes it, returning 0 or -1
 * after printing a write error. */
FILE *batch_output_open(const char *path);
int batch_output_close(FILE *f, const char *path);

/* ---- rate-change impact (impact_*.c) --------------------------------- */

/* Per-policy change buckets: < -20%, -20..-10, -10..-5, -5..0, 0, 0..5,
 * 5..10, 10..20, > +20% (percent), and the percentiles reported. */
#define IMPACT_NBUCKETS 9
#define IMPACT_NPCT 7
extern const char *const impact_bucket_names[IMPACT_NBUCKETS];
extern const int impact_pct_points[IMPACT_NPCT];

/* One side of the comparison: a plan (at a version) on an engine. */
typedef struct impact_side {
    const char *spec;   /* as given: PLAN or PLAN@VERSION */
    char *plan_id;
    const char *tables, *plans;
    ratel_engine *eng;
    ratel_ctx **ctxs;
    char effective[11]; /* @VERSION: the date it takes effect, else "" */
    const char *as_of;  /* NULL, or a declaration dated earlier is rated
                           as renewed on this date (impact_side_rate) */
} impact_side;

/* Opens the side's engine (only the plan file of VERSION when given) and
 * nthreads contexts. Returns 0, or -1 after printing the error. */
int impact_side_open(impact_side *s, size_t nthreads);
/* The versions of the side's plan it rates ("2025.2 (from 2025-04-01,
 * PATH)", "; " between them), in buf. */
const char *impact_side_versions(const impact_side *s, char *buf,
                                 size_t size);
/* What the breakdowns group a policy by. */
typedef struct impact_facts {
    char industry[40]; /* applicant.industry, or "-" */
    int64_t revenue;   /* applicant.revenue, or 0 */
} impact_facts;

/* Rates the declaration (JSON) with the side's plan on ctx, dated s->as_of
 * when it is dated earlier (*renewed then 1), and fills *facts (may be
 * NULL). Returns a ratel error code; the quote in *out is the caller's. */
int impact_side_rate(ratel_quote **out, const impact_side *s, ratel_ctx *ctx,
                     const char *json, size_t len, unsigned int flags,
                     int *renewed, impact_facts *facts);
void impact_side_close(impact_side *s, size_t nthreads);

/* Outcome columns of the decision matrix: the three decisions, failed. */
#define IMPACT_FAILED 3

typedef struct impact_mover {
    long lineno;
    char *decl;          /* the line's text, NUL-terminated */
    char *applicant;
    int64_t before, after;
    double pct;
    int dec_before, dec_after;
    int has_step;        /* the step that moved it most: */
    char *coverage, *label;
    double value_before, value_after, premium_before, premium_after;
    double step_pct;     /* its own relative change, percent */
} impact_mover;

/* Breakdowns (impact_groups.c): policies rated both ways, by industry,
 * revenue band and decision before, with their premium before and after. */
#define IMPACT_NBANDS 6
#define IMPACT_MAX_INDUSTRIES 64
typedef struct impact_group {
    char name[40]; /* an industry; "" for bands and decisions */
    long policies;
    double before, after;
} impact_group;

typedef struct impact_report {
    const char *book;
    const impact_side *from, *to;
    long rows, rated, failed, zero_before;
    long renewed;                     /* rated as of from->as_of */
    double total_before, total_after; /* over policies rated both ways */
    long matrix[4][4];                /* [from][to] */
    double *changes;                  /* per-policy change, percent */
    size_t nchanges, cap;
    double pct[IMPACT_NPCT];
    long buckets[IMPACT_NBUCKETS];
    impact_mover *movers;             /* sorted, largest first */
    size_t nmovers, top;
    double seconds;
    char first_error[256];
    impact_group industries[IMPACT_MAX_INDUSTRIES]; /* in order seen */
    size_t nindustries;
    impact_group bands[IMPACT_NBANDS];
    impact_group decisions[3];
} impact_report;

void impact_add_to_groups(impact_report *r, const impact_facts *f,
                          int64_t before, int64_t after, int dec_before);
int impact_write_groups_text(FILE *out, const impact_report *r);
/* esc: writes text escaped for HTML. */
int impact_write_groups_html(FILE *out, const impact_report *r,
                             int (*esc)(FILE *, const char *));

/* Statistics (impact_stats.c). */
int impact_add_change(impact_report *r, double pct);
void impact_finish_stats(impact_report *r);
double impact_total_change(const impact_report *r); /* percent */
/* Offers a candidate mover (copies decl when kept). Returns 0, or -1
 * when out of memory. */
int impact_offer_mover(impact_report *r, long lineno, const char *decl,
                       size_t len, int64_t before, int64_t after,
                       int dec_before, int dec_after);
void impact_sort_movers(impact_report *r);
void impact_report_free(impact_report *r);
/* "quoted", "referred", "declined" or "failed". */
const char *impact_outcome_name(int outcome);

/* Re-rates a mover with the worksheet on both sides and finds the step
 * that moved it most (impact_steps.c). Returns 0, or -1 when it cannot be
 * rated again (the mover keeps has_step 0). */
int impact_explain(impact_mover *m, const impact_side *from,
                   const impact_side *to);

/* Rates the book both ways (impact_run.c). Returns 0, or -1 after
 * printing an input error. */
int impact_run(impact_report *r, const char *book, size_t nthreads);

/* Reports (impact_text.c, impact_json.c, impact_html.c). Return 0, or
 * -1 on a write error. */
int impact_write_text(FILE *out, const impact_report *r);
int impact_write_json(FILE *out, const impact_report *r);
int impact_write_html(FILE *out, const impact_report *r);

/* ---- synthetic books (book_*.c) -------------------------------------- */

/* xoshiro256** seeded through splitmix64: the same seed gives the same
 * numbers everywhere. The math below uses only + - * / and sqrt, whose
 * IEEE results are exact-rounded, so outputs are portable. */
typedef struct book_rng {
    uint64_t s[4];
} book_rng;

void book_rng_seed(book_rng *r, uint64_t seed);
uint64_t book_rng_next(book_rng *r);
double book_uniform(book_rng *r);                 /* [0, 1) */
uint64_t book_below(book_rng *r, uint64_t n);     /* [0, n) */
double book_normal(book_rng *r);                  /* about N(0, 1) */
double book_exp(double x);                        /* e^x, portable */
double book_log(double x);                        /* ln x, portable */
unsigned book_poisson(book_rng *r, double mean);
/* An index drawn with the given weights (need not sum to 1). */
size_t book_pick(book_rng *r, const double *weights, size_t n);

/* Writes policy number `i` (0-based) of the book as one JSON line. Returns
 * 0, or -1 on a write error. */
int book_write_policy(FILE *out, book_rng *r, unsigned long long i);

/* ---- `structure` (cmd_structure_text.c, cmd_structure_html.c) -------- */

/* The comparison as tables for people, and as a self-contained HTML page
 * (inline CSS and SVG charts, no script, no network). `decl` names the
 * declaration; seed and years are the simulation's. Return 0, or -1 on
 * a write error or no memory. */
int cmd_structure_table(FILE *out, const ratel_structure_result *r,
                          uint64_t seed, uint64_t years);
int cmd_structure_html(FILE *out, const ratel_structure_result *r,
                         const char *decl, uint64_t seed, uint64_t years);

/* ---- commands --------------------------------------------------------- */

/* Each takes the arguments after its command words and returns the exit
 * status. */
int cmd_quote(int argc, char **argv);
int cmd_schemas(int argc, char **argv);
void cmd_schemas_usage(FILE *out);
int cmd_plans(int argc, char **argv);
int cmd_tables(int argc, char **argv);
int cmd_try(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_scheme(int argc, char **argv);
int cmd_book(int argc, char **argv);
int cmd_impact(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_structure(int argc, char **argv);

void cmd_quote_usage(FILE *out);
void cmd_plans_usage(FILE *out);
void cmd_tables_usage(FILE *out);
void cmd_try_usage(FILE *out);
void cmd_diff_usage(FILE *out);
void cmd_batch_usage(FILE *out);
void cmd_scheme_usage(FILE *out);
void cmd_book_usage(FILE *out);
void cmd_impact_usage(FILE *out);
void cmd_test_usage(FILE *out);
void cmd_structure_usage(FILE *out);

#endif
