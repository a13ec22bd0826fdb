/* util.c - option parsing, messages, file reading, default paths and
 * number formatting for the `ratel` tool. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- messages --------------------------------------------------------- */

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs(CLI_PROG ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, CLI_PROG " %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '" CLI_PROG " %s --help'.\n", cmd);
    return CLI_EXIT_USAGE;
}

void cli_error_lines(const char *msg, const char *fallback, int prefixed)
{
    const char *p, *nl;

    if (msg == NULL || *msg == '\0') {
        cli_error("%s", fallback);
        return;
    }
    for (p = msg; *p != '\0'; p = nl + 1) {
        nl = strchr(p, '\n');
        if (nl == NULL) {
            fprintf(stderr, "%s%s\n", prefixed ? CLI_PROG ": " : "", p);
            break;
        }
        if (nl > p)
            fprintf(stderr, "%s%.*s\n", prefixed ? CLI_PROG ": " : "",
                    (int)(nl - p), p);
    }
}

int cli_finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing output: %s", strerror(errno));
        return CLI_EXIT_FAIL;
    }
    return status;
}

/* ---- option parsing --------------------------------------------------- */

static const cli_opt *find_long(const cli_opt *opts, size_t nopts,
                                const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len &&
            strncmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

static const cli_opt *find_short(const cli_opt *opts, size_t nopts, char c)
{
    size_t i;
    for (i = 0; i < nopts; i++)
        if (opts[i].short_name != 0 && opts[i].short_name == c)
            return &opts[i];
    return NULL;
}

int cli_parse_opts(int argc, char **argv, const cli_opt *opts, size_t nopts,
                   const char *cmd, int *npos)
{
    int i, n = 0, only_pos = 0;

    for (i = 0; i < argc; i++) {
        char *a = argv[i];
        const cli_opt *o = NULL;
        const char *inline_val = NULL;
        const char *shown = a;

        if (only_pos || a[0] != '-' || a[1] == '\0') {
            argv[n++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return CLI_PARSE_HELP;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            o = find_long(opts, nopts, name, len);
            if (eq != NULL)
                inline_val = eq + 1;
        } else if (a[2] == '\0') {
            o = find_short(opts, nopts, a[1]);
        }
        if (o == NULL) {
            cli_usage_error(cmd, "unknown option '%s'", shown);
            return CLI_PARSE_ERROR;
        }
        if (!o->has_arg) {
            if (inline_val != NULL) {
                cli_usage_error(cmd, "option '--%s' takes no value", o->name);
                return CLI_PARSE_ERROR;
            }
            *o->flag = 1;
            continue;
        }
        if (inline_val == NULL) {
            if (i + 1 >= argc) {
                cli_usage_error(cmd, "option '%s' needs a value", shown);
                return CLI_PARSE_ERROR;
            }
            inline_val = argv[++i];
        }
        *o->value = inline_val;
    }
    *npos = n;
    return CLI_PARSE_OK;
}

int cli_parse_command(int argc, char **argv, const cli_opt *opts,
                      size_t nopts, const char *cmd, void (*usage)(FILE *),
                      int *npos)
{
    int rc = cli_parse_opts(argc, argv, opts, nopts, cmd, npos);
    if (rc == CLI_PARSE_HELP) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    return rc == CLI_PARSE_OK ? CLI_GO_ON : CLI_EXIT_USAGE;
}

/* ---- input ------------------------------------------------------------ */

const char *cli_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

void *cli_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first)
{
    size_t ncap;
    void *na;
    if (n < *cap)
        return arr;
    ncap = *cap ? *cap * 2 : first;
    if (size && ncap > SIZE_MAX / size)
        return NULL;
    na = realloc(arr, ncap * size);
    if (na)
        *cap = ncap;
    return na;
}

int cli_read_file(const char *path, char **buf, size_t *len)
{
    const char *name = cli_input_name(path);
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    char *data = NULL;
    size_t used = 0, cap = 0;
    int failed = 0;

    *buf = NULL;
    *len = 0;
    if (f == NULL) {
        cli_error("%s: %s", name, strerror(errno));
        return -1;
    }
    for (;;) {
        size_t got;
        if (cap - used < 2) {
            size_t ncap = cap == 0 ? 65536 : cap * 2;
            char *p;
            if (ncap > CLI_MAX_INPUT + 2)
                ncap = CLI_MAX_INPUT + 2;
            if (ncap <= cap) {
                cli_error("%s: input larger than %zu MiB", name,
                          CLI_MAX_INPUT >> 20);
                failed = 1;
                break;
            }
            p = realloc(data, ncap);
            if (p == NULL) {
                cli_error("%s: out of memory", name);
                failed = 1;
                break;
            }
            data = p;
            cap = ncap;
        }
        got = fread(data + used, 1, cap - used - 1, f);
        used += got;
        if (used > CLI_MAX_INPUT) {
            cli_error("%s: input larger than %zu MiB", name,
                      CLI_MAX_INPUT >> 20);
            failed = 1;
            break;
        }
        if (got == 0) {
            if (ferror(f)) {
                cli_error("%s: %s", name, strerror(errno));
                failed = 1;
            }
            break;
        }
    }
    if (!is_stdin && fclose(f) != 0 && !failed) {
        cli_error("%s: %s", name, strerror(errno));
        failed = 1;
    }
    if (failed) {
        free(data);
        return -1;
    }
    if (data == NULL) { /* cannot happen: the loop allocates first */
        cli_error("%s: out of memory", name);
        return -1;
    }
    data[used] = '\0';
    *buf = data;
    *len = used;
    return 0;
}

/* ---- default paths ---------------------------------------------------- */

static const char *env_nonempty(const char *name)
{
    const char *v = getenv(name);
    return (v != NULL && *v != '\0') ? v : NULL;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The installed paths, written once by the tool's main thread. */
static char installed_tables[4096], installed_plans[4096],
    installed_schemas[4096];

/* cli_datadir()/name in buf. */
static const char *installed(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", cli_datadir(), name);
    return buf;
}

const char *cli_tables_path(const char *opt)
{
    const char *v;
    if (opt != NULL)
        return opt;
    if ((v = env_nonempty("RATEL_TABLES")) != NULL)
        return v;
    if (exists("tables/ratel.db"))
        return "tables/ratel.db";
    return installed(installed_tables, sizeof installed_tables, "ratel.db");
}

const char *cli_plans_path(const char *opt)
{
    const char *v;
    if (opt != NULL)
        return opt;
    if ((v = env_nonempty("RATEL_PLANS")) != NULL)
        return v;
    if (exists("rating-scripts"))
        return "rating-scripts";
    return installed(installed_plans, sizeof installed_plans,
                     "rating-scripts");
}

/* ---- formatting ------------------------------------------------------- */

/* Copies the decimal digits `digits` into buf with a comma every three
 * digits from the right, after an optional '-'. */
static char *group_digits(char *buf, size_t size, int negative,
                          const char *digits)
{
    size_t nd = strlen(digits), o = 0, i;

    if (size == 0)
        return buf;
    if (negative && o + 1 < size)
        buf[o++] = '-';
    for (i = 0; i < nd && o + 1 < size; i++) {
        if (i > 0 && (nd - i) % 3 == 0) {
            buf[o++] = ',';
            if (o + 1 >= size)
                break;
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

char *cli_fmt_money(char *buf, size_t size, int64_t amount)
{
    char digits[24];
    uint64_t mag = amount < 0 ? (uint64_t)0 - (uint64_t)amount
                              : (uint64_t)amount;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    return group_digits(buf, size, amount < 0, digits);
}

char *cli_fmt_amount(char *buf, size_t size, int64_t amount, int digits)
{
    char whole[40];
    uint64_t mag = amount < 0 ? (uint64_t)0 - (uint64_t)amount
                              : (uint64_t)amount, unit = 1;
    int i;
    if (digits <= 0)
        return cli_fmt_money(buf, size, amount);
    for (i = 0; i < digits; i++)
        unit *= 10;
    snprintf(whole, sizeof whole, "%llu", (unsigned long long)(mag / unit));
    group_digits(buf, size, amount < 0, whole);
    i = (int)strlen(buf);
    if (digits < 10 && (size_t)i + (size_t)digits + 2 <= size)
        snprintf(buf + i, size - (size_t)i, ".%0*llu", digits,
                 (unsigned long long)(mag % unit));
    return buf;
}

char *cli_fmt_number(char *buf, size_t size, double value, int group)
{
    char tmp[64], *dot, *end;
    size_t o;
    int negative;

    if (size == 0)
        return buf;
    if (isnan(value)) {
        snprintf(buf, size, "nan");
        return buf;
    }
    if (isinf(value)) {
        snprintf(buf, size, value < 0 ? "-inf" : "inf");
        return buf;
    }
    if (fabs(value) >= 1e18) { /* too wide for fixed notation */
        snprintf(buf, size, "%.6g", value);
        return buf;
    }
    snprintf(tmp, sizeof tmp, "%.6f", fabs(value));
    dot = strchr(tmp, '.');
    end = tmp + strlen(tmp);
    if (dot != NULL) {
        while (end > dot + 1 && end[-1] == '0')
            end--;
        if (end == dot + 1)
            end = dot; /* no decimals left: drop the point */
        *end = '\0';
    }
    /* "-0" after rounding is shown as "0". */
    negative = value < 0 && strcmp(tmp, "0") != 0;
    if (dot != NULL && end > dot)
        *dot = '\0'; /* tmp: integer part; dot+1: decimals */
    else
        dot = NULL;
    if (group) {
        group_digits(buf, size, negative, tmp);
    } else {
        snprintf(buf, size, "%s%s", negative ? "-" : "", tmp);
    }
    if (dot != NULL) {
        o = strlen(buf);
        if (o + 1 < size)
            snprintf(buf + o, size - o, ".%s", dot + 1);
    }
    return buf;
}

char *cli_fmt_premium(char *buf, size_t size, double premium)
{
    return cli_fmt_number(buf, size, round(premium * 100.0) / 100.0, 1);
}

/* ---- JSON output ------------------------------------------------------ */

int cli_html_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        const char *rep = *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                          : *s == '&' ? "&amp;" : *s == '"' ? "&quot;" : NULL;
        if (rep ? fputs(rep, out) == EOF : putc(*s, out) == EOF)
            return -1;
    }
    return 0;
}

int cli_json_string(FILE *out, const char *s)
{
    const unsigned char *p;

    if (s == NULL)
        return fputs("null", out) == EOF ? -1 : 0;
    if (putc('"', out) == EOF)
        return -1;
    for (p = (const unsigned char *)s; *p != '\0'; p++) {
        int rc;
        if (*p == '"' || *p == '\\')
            rc = fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            rc = fputs("\\n", out);
        else if (*p == '\t')
            rc = fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7F)
            rc = fprintf(out, "\\u%04x", (unsigned)*p);
        else
            rc = putc(*p, out);
        if (rc < 0)
            return -1;
    }
    return putc('"', out) == EOF ? -1 : 0;
}

int cli_json_number(FILE *out, double value)
{
    char buf[64];
    if (!isfinite(value))
        return fputs("null", out) == EOF ? -1 : 0;
    return fputs(cli_fmt_number(buf, sizeof buf, value, 0), out) == EOF ? -1
                                                                        : 0;
}

/* A directory that exists. */
static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_engine_open(ratel_engine **out, const char *tables,
                    const char *plans)
{
    ratel_engine_options o;
    char beside[4096];
    const char *env = getenv("RATEL_SCHEMAS"), *slash;
    ratel_engine_options_init(&o, RATEL_ENGINE_OPTIONS_VERSION);
    if (env && *env) {
        o.schemas_path = env;
    } else {
        if (is_dir(plans))
            snprintf(beside, sizeof beside, "%s/schemas", plans);
        else if ((slash = strrchr(plans, '/')) != NULL)
            snprintf(beside, sizeof beside, "%.*s/schemas",
                     (int)(slash - plans), plans);
        else
            snprintf(beside, sizeof beside, "schemas");
        /* plans kept elsewhere rate the shipped schemas */
        if (!is_dir(beside))
            o.schemas_path = is_dir("rating-scripts/schemas")
                                 ? "rating-scripts/schemas"
                                 : installed(installed_schemas,
                                             sizeof installed_schemas,
                                             "rating-scripts/schemas");
    }
    return ratel_engine_open(out, tables, plans, &o);
}

int cli_engine_load(ratel_engine **out, const char *tables,
                    const char *plans)
{
    int rc = cli_engine_open(out, tables, plans);
    if (rc == RATEL_OK)
        return 0;
    cli_error_lines(*out ? ratel_engine_errmsg(*out) : NULL,
                    ratel_strerror(rc), 0);
    ratel_engine_free(*out);
    *out = NULL;
    return -1;
}

const char *cli_plan_id(const ratel_engine *engine, const char *requested)
{
    (void)engine; /* NULL: the engine's default plan (plan.default) */
    return requested;
}

const char *cli_plan_schema(const ratel_engine *engine, const char *plan_id)
{
    size_t i, n = ratel_engine_plan_count(engine);
    ratel_plan_info info;
    for (i = 0; plan_id && i < n; i++)
        if (ratel_engine_plan(engine, i, &info) == RATEL_OK &&
            strcmp(info.id, plan_id) == 0)
            return info.schema;
    return NULL; /* the default plan's, or the one the document names */
}

int cli_rate_json(ratel_quote **out, ratel_ctx *ctx,
                  const ratel_engine *engine, const char *json, size_t len,
                  const char *plan_id, unsigned int flags)
{
    ratel_rate_options o;
    ratel_decl *d = NULL;
    int rc;
    *out = NULL;
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = plan_id;
    o.flags = flags;
    rc = ratel_decl_parse(&d, ctx, cli_plan_schema(engine, plan_id), json,
                          len);
    if (rc == RATEL_OK)
        rc = ratel_rate(out, ctx, d, &o);
    ratel_decl_free(d);
    return rc;
}

int cli_schema_field(const ratel_engine *engine, const char *schema,
                     const char *path, ratel_schema_field *f)
{
    size_t i, k, n = ratel_engine_schema_count(engine);
    ratel_schema_info info;
    if (!schema)
        schema = cli_plan_schema(engine, ratel_engine_default_plan(engine));
    for (i = 0; i < n; i++) {
        if (ratel_engine_schema(engine, i, &info) != RATEL_OK ||
            (schema && strcmp(info.id, schema) != 0))
            continue;
        for (k = 0; k < info.nfields; k++)
            if (ratel_engine_schema_field(engine, i, k, f) == RATEL_OK &&
                strcmp(f->path, path) == 0)
                return 0;
        return -1;
    }
    return -1;
}

int cli_print_quote_json(const ratel_quote *q)
{
    char *json = NULL;
    size_t len = 0;
    int rc = ratel_quote_json(q, &json, &len);
    if (rc == RATEL_OK)
        rc = fwrite(json, 1, len, stdout) != len || putchar('\n') == EOF
                 ? -1 : 0;
    ratel_free(json);
    return rc == RATEL_OK ? 0 : -1;
}
