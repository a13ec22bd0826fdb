/* quote_print.c - the pieces `quote`, `try` and `diff` share: printing a
 * quote (table or JSON), reporting rating errors, and showing the plan
 * source around the line where a plan failed. */
#include "cli.h"
#include "quote_print.h"
#include "table_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- rating errors ---------------------------------------------------- */

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

void quote_report_error(const ratel_ctx *ctx, int rc, const char *input)
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

int quote_read_options(ratel_ctx *ctx, const char *path, ratel_options **out)
{
    char *json = NULL;
    size_t len = 0;
    int rc;
    if (cli_read_file(path, &json, &len) != 0)
        return -1;
    rc = ratel_options_parse(out, ctx, json, len);
    free(json);
    if (rc != RATEL_OK)
        quote_report_error(ctx, rc, cli_input_name(path));
    return rc == RATEL_OK ? 0 : -1;
}

/* ---- plan source ------------------------------------------------------ */

/* The digits of "NNN:" at p as a line number, or 0. */
static int line_at(const char *p)
{
    int line = 0;
    while (*p >= '0' && *p <= '9') {
        if (line > 100000000)
            return 0;
        line = line * 10 + (*p++ - '0');
    }
    return *p == ':' ? line : 0;
}

int plan_error_line(const char *msg, const char *plan_path)
{
    const char *base, *p;
    size_t n;

    if (msg == NULL || plan_path == NULL)
        return 0;
    n = strlen(plan_path);
    if (strncmp(msg, plan_path, n) == 0 && msg[n] == ':')
        return line_at(msg + n + 1);
    /* Lua shortens long chunk names to "...tail": look for the base name. */
    base = strrchr(plan_path, '/');
    base = base ? base + 1 : plan_path;
    n = strlen(base);
    for (p = strstr(msg, base); p != NULL && n > 0; p = strstr(p + 1, base))
        if ((p == msg || p[-1] == '/' || p[-1] == '.') && p[n] == ':' &&
            line_at(p + n + 1) > 0)
            return line_at(p + n + 1);
    return 0;
}

/* Prints source line `no` (text [s, e)) with the marker when it failed. */
static void show_line(int no, const char *s, const char *e, int failing)
{
    fprintf(stderr, "%c %4d | %.*s\n", failing ? '>' : ' ', no,
            (int)(e - s), s);
}

void plan_show_source(const char *plan_path, int line)
{
    char *src = NULL;
    size_t len = 0;
    const char *p, *end;
    int no = 1, shown = 0;

    if (line <= 0 || cli_read_file(plan_path, &src, &len) != 0)
        return;
    end = src + len;
    for (p = src; p < end && no <= line + PLAN_CONTEXT_LINES; no++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (e > p && e[-1] == '\r')
            e--;
        if (no >= line - PLAN_CONTEXT_LINES) {
            show_line(no, p, e, no == line);
            shown |= no == line;
        }
        p = nl ? nl + 1 : end;
    }
    if (!shown) /* a syntax error at the end of the file */
        fprintf(stderr, "> %4d | <end of file>\n", line);
    free(src);
}

int plan_engine_open(ratel_engine **out, const char *tables,
                     const char *plan_path)
{
    struct stat st;
    const char *msg;
    int rc;

    *out = NULL;
    if (stat(plan_path, &st) == 0 && !S_ISREG(st.st_mode)) {
        cli_error("%s: not a plan file (give one .lua file)", plan_path);
        return -1;
    }
    rc = cli_engine_open(out, tables, plan_path);
    if (rc == RATEL_OK)
        return 0;
    msg = *out ? ratel_engine_errmsg(*out) : NULL;
    cli_error_lines(msg, ratel_strerror(rc), 0);
    if (rc == RATEL_EPLAN)
        plan_show_source(plan_path, plan_error_line(msg, plan_path));
    ratel_engine_free(*out);
    *out = NULL;
    return -1;
}

int plan_rate_file(ratel_quote **out, ratel_engine *eng, const char *input,
                   const char *plan_id, const char *plan_path)
{
    ratel_ctx *ctx = NULL;
    char *json = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    if (cli_read_file(input, &json, &len) != 0)
        return -1;
    rc = ratel_ctx_new(&ctx, eng);
    if (rc != RATEL_OK) {
        cli_error("cannot create a context: %s", ratel_strerror(rc));
        free(json);
        return -1;
    }
    rc = cli_rate_json(out, ctx, eng, json, len, plan_id, 0u);
    if (rc != RATEL_OK) {
        quote_report_error(ctx, rc, cli_input_name(input));
        if (ratel_ctx_errline(ctx) > 0)
            plan_show_source(plan_path, ratel_ctx_errline(ctx));
    }
    ratel_ctx_free(ctx);
    free(json);
    return rc == RATEL_OK ? 0 : -1;
}

/* ---- table output ----------------------------------------------------- */

static int add_pair(text_table *t, const char *name, const char *value)
{
    const char *row[2];
    row[0] = name;
    row[1] = value;
    return text_table_add_row(t, row);
}

/* The decision, and for a referral whose every reason is the engine's
 * AUTHORITY, what it is: a level the underwriter lacks, not a worse risk
 * (the plan would quote it at that level). */
static const char *decision_text(const ratel_quote *q, char *buf, size_t size)
{
    size_t i, n = ratel_quote_reason_count(q);
    const char *name = ratel_decision_name(ratel_quote_decision(q));
    if (ratel_quote_decision(q) != RATEL_REFERRED)
        return name;
    for (i = 0; i < n; i++) {
        ratel_reason r;
        if (ratel_quote_reason(q, i, &r) != RATEL_OK ||
            strcmp(r.code, "AUTHORITY") != 0)
            return name;
    }
    snprintf(buf, size, "%s for authority only (needs level %d, held %d; "
             "quoted at that level)", name, ratel_quote_authority_required(q),
             ratel_quote_authority_held(q));
    return buf;
}

static int print_header(const ratel_quote *q)
{
    char money[32], total[40], plan[256], decision[128];
    const char *id = ratel_quote_plan_id(q);
    const char *ver = ratel_quote_plan_version(q);
    const char *hash = ratel_quote_plan_hash(q);
    text_table *t = text_table_new(2);
    int rc = -1;

    if (t == NULL)
        return -1;
    snprintf(plan, sizeof plan, "%s %s", id ? id : "?", ver ? ver : "?");
    snprintf(total, sizeof total, "%s %s", ratel_quote_currency(q),
             cli_fmt_amount(money, sizeof money, ratel_quote_total_premium(q),
                            ratel_quote_currency_digits(q)));
    if (add_pair(t, "Applicant:", ratel_quote_applicant(q)) == 0 &&
        add_pair(t, "Effective date:", ratel_quote_effective_date(q)) == 0 &&
        add_pair(t, "Plan:", plan) == 0 &&
        add_pair(t, "Plan hash:", hash ? hash : "") == 0 &&
        add_pair(t, "Decision:",
                 decision_text(q, decision, sizeof decision)) == 0 &&
        add_pair(t, "Total premium:", total) == 0)
        rc = text_table_print(t, stdout, NULL);
    text_table_free(t);
    return rc;
}

int quote_has_reason(const ratel_quote *q, const ratel_reason *r)
{
    size_t i, n = ratel_quote_reason_count(q);

    for (i = 0; i < n; i++) {
        ratel_reason o;
        if (ratel_quote_reason(q, i, &o) == RATEL_OK &&
            strcmp(o.kind ? o.kind : "", r->kind ? r->kind : "") == 0 &&
            strcmp(o.code ? o.code : "", r->code ? r->code : "") == 0 &&
            strcmp(o.text ? o.text : "", r->text ? r->text : "") == 0)
            return 1;
    }
    return 0;
}

int quote_print_reasons(const ratel_quote *q, const char *title,
                        const ratel_quote *exclude)
{
    size_t i, n = ratel_quote_reason_count(q);
    text_table *t;
    int rc = 0;

    if ((t = text_table_new(3)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_reason r;
        const char *row[3];
        if (ratel_quote_reason(q, i, &r) != RATEL_OK ||
            (exclude != NULL && quote_has_reason(exclude, &r)))
            continue;
        row[0] = r.kind;
        row[1] = r.code;
        row[2] = r.text;
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && text_table_rows(t) > 0) {
        if (printf("\n%s:\n", title) < 0)
            rc = -1;
        if (rc == 0)
            rc = text_table_print(t, stdout, "  ");
    }
    text_table_free(t);
    return rc;
}

static int print_warnings(const ratel_quote *q)
{
    size_t i, n = ratel_quote_warning_count(q);
    text_table *t;
    int rc = 0;

    if (n == 0)
        return 0;
    if ((t = text_table_new(2)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < n; i++) {
        const char *w = ratel_quote_warning(q, i);
        const char *row[2];
        row[0] = "-";
        row[1] = w;
        if (w != NULL)
            rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nWarnings:\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* The terms of coverage i other than its limit, as "deductible 100,000;
 * coinsurance 90%; sublimits.ransom 10,000,000". */
static void other_terms(const ratel_quote *q, size_t cov, char *out,
                        size_t size)
{
    size_t k, n = ratel_quote_term_count(q, cov), at = 0;
    int digits = ratel_quote_currency_digits(q);
    out[0] = '\0';
    for (k = 0; k < n && at + 1 < size; k++) {
        const char *name;
        int64_t v;
        char num[48];
        if (ratel_quote_term(q, cov, k, &name, &v) != RATEL_OK ||
            strcmp(name, "limit") == 0)
            continue;
        if (strcmp(name, "coinsurance_pct") == 0)
            snprintf(num, sizeof num, "%lld%%", (long long)v);
        else if (strcmp(name, "waiting_hours") == 0)
            snprintf(num, sizeof num, "%lld h", (long long)v);
        else if (strcmp(name, "indemnity_days") == 0)
            snprintf(num, sizeof num, "%lld days", (long long)v);
        else
            cli_fmt_amount(num, sizeof num, v, digits);
        at += (size_t)snprintf(out + at, size - at, "%s%s %s",
                               at ? "; " : "", name, num);
    }
}

static int print_coverages(const ratel_quote *q)
{
    size_t i, n = ratel_quote_coverage_count(q);
    int digits = ratel_quote_currency_digits(q);
    text_table *t;
    int rc = 0;

    if (n == 0)
        return 0;
    if ((t = text_table_new(4)) == NULL)
        return -1;
    if (text_table_column(t, 0, "coverage", TEXT_TABLE_LEFT) != 0 ||
        text_table_column(t, 1, "limit", TEXT_TABLE_RIGHT) != 0 ||
        text_table_column(t, 2, "premium", TEXT_TABLE_RIGHT) != 0 ||
        text_table_column(t, 3, "terms priced", TEXT_TABLE_LEFT) != 0)
        rc = -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_coverage c;
        char limit[48], premium[48], terms[512];
        const char *row[4];
        if (ratel_quote_coverage(q, i, &c) != RATEL_OK)
            continue;
        other_terms(q, i, terms, sizeof terms);
        row[0] = c.name;
        row[1] = cli_fmt_amount(limit, sizeof limit, c.limit, digits);
        row[2] = cli_fmt_amount(premium, sizeof premium, c.premium, digits);
        row[3] = terms;
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nCoverages (%s):\n", ratel_quote_currency(q)) < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* A group quote: one line per company, before the group's worksheet. */
static int print_entities(const ratel_quote *q)
{
    static const char *const heads[8] = {
        "company", "name", "role", "alone", "decision", "share", "saving",
        "in the group"};
    size_t i, n = ratel_quote_entity_count(q);
    int digits = ratel_quote_currency_digits(q);
    text_table *t;
    int rc = 0;
    if (n == 0)
        return 0;
    if ((t = text_table_new(8)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < 8; i++)
        rc = text_table_column(t, i, heads[i],
                        i >= 3 && i != 4 && i != 7 ? TEXT_TABLE_RIGHT : TEXT_TABLE_LEFT);
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_entity e;
        char alone[48], share[48], saving[48];
        const char *row[8];
        if (ratel_quote_entity(q, i, &e) != RATEL_OK)
            continue;
        row[0] = e.path;
        row[1] = e.name;
        row[2] = e.role;
        row[3] = cli_fmt_amount(alone, sizeof alone, e.standalone_premium,
                                digits);
        row[4] = ratel_decision_name(
            ratel_quote_decision(ratel_quote_entity_quote(q, i)));
        row[5] = e.included ? cli_fmt_amount(share, sizeof share, e.share,
                                             digits) : "-";
        row[6] = e.included ? cli_fmt_amount(saving, sizeof saving,
                                             e.saving, digits) : "-";
        row[7] = e.included ? "yes" : e.exclusion;
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nCompanies of the group (%s):\n",
                          ratel_quote_currency(q)) < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* Where the terms priced differ from those asked. */
static int print_differences(const ratel_quote *q)
{
    size_t i, n = ratel_quote_difference_count(q);
    int digits = ratel_quote_currency_digits(q);
    text_table *t;
    int rc = 0;
    if (n == 0)
        return 0;
    if ((t = text_table_new(5)) == NULL)
        return -1;
    if (text_table_column(t, 0, "coverage", TEXT_TABLE_LEFT) != 0 ||
        text_table_column(t, 1, "term", TEXT_TABLE_LEFT) != 0 ||
        text_table_column(t, 2, "asked", TEXT_TABLE_RIGHT) != 0 ||
        text_table_column(t, 3, "priced", TEXT_TABLE_RIGHT) != 0 ||
        text_table_column(t, 4, "reason", TEXT_TABLE_LEFT) != 0)
        rc = -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_term_difference d;
        char asked[48], priced[48];
        const char *row[5];
        if (ratel_quote_difference(q, i, &d) != RATEL_OK)
            continue;
        row[0] = d.coverage;
        row[1] = d.term;
        row[2] = d.has_asked ? cli_fmt_amount(asked, sizeof asked, d.asked,
                                              strstr(d.term, "limit") ||
                                              strstr(d.term, "deductible")
                                                  ? digits : 0)
                             : "none";
        row[3] = cli_fmt_amount(priced, sizeof priced, d.priced,
                                strstr(d.term, "limit") ||
                                strstr(d.term, "deductible") ? digits : 0);
        row[4] = d.reason;
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nTerms priced that differ from those asked:\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

/* A titled list of texts, one a line, with the code before each when
 * `codes`; nothing when empty. */
static int print_list(const char *title, size_t n, const char *const *codes,
                      const char *const *texts)
{
    size_t i;
    if (n == 0)
        return 0;
    if (printf("\n%s:\n", title) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if ((codes ? printf("  %-24s %s\n", codes[i], texts[i])
                   : printf("  - %s\n", texts[i])) < 0)
            return -1;
    return 0;
}

/* Subjectivities, authority, services and exclusions: what a broker acts
 * on besides the premium. */
int quote_print_conditions(const ratel_quote *q, int plan_lists)
{
    enum { MAX = 64 };
    const char *codes[MAX] = {NULL}, *texts[MAX] = {NULL};
    char levels[MAX][24];
    size_t i, n;
    n = ratel_quote_subjectivity_count(q);
    for (i = 0; i < n && i < MAX; i++) {
        ratel_reason r;
        if (ratel_quote_subjectivity(q, i, &r) != RATEL_OK)
            break;
        codes[i] = r.code;
        texts[i] = r.text;
    }
    if (print_list("Subjectivities (conditions to bind)", i, codes, texts))
        return -1;
    n = ratel_quote_authority_reason_count(q);
    for (i = 0; i < n && i < MAX; i++) {
        int level = 0;
        ratel_quote_authority_reason(q, i, &level, &texts[i]);
        snprintf(levels[i], sizeof levels[i], "level %d", level);
        codes[i] = levels[i];
    }
    if (n && printf("\nAuthority: level %d needed, level %d held\n",
                    ratel_quote_authority_required(q),
                    ratel_quote_authority_held(q)) < 0)
        return -1;
    if (n && print_list("Authority reasons", i, codes, texts))
        return -1;
    if (!plan_lists)
        return 0;
    n = ratel_quote_service_count(q);
    for (i = 0; i < n && i < MAX; i++)
        texts[i] = ratel_quote_service(q, i);
    if (print_list("Services", i, NULL, texts))
        return -1;
    n = ratel_quote_exclusion_count(q);
    for (i = 0; i < n && i < MAX; i++)
        texts[i] = ratel_quote_exclusion(q, i);
    return print_list("Exclusions", i, NULL, texts);
}

const char *quote_priced_term(char *buf, size_t size, const ratel_quote *q,
                              const char *cov, const char *term,
                              const char *suffix)
{
    size_t i, n = ratel_quote_coverage_count(q);
    int64_t v;
    for (i = 0; i < n; i++) {
        ratel_coverage c;
        if (ratel_quote_coverage(q, i, &c) != RATEL_OK ||
            strcmp(c.name, cov) != 0)
            continue;
        if (ratel_quote_term_value(q, i, term, &v) != RATEL_OK)
            return "none";
        if (*suffix) {
            snprintf(buf, size, "%lld%s", (long long)v, suffix);
            return buf;
        }
        return cli_fmt_money(buf, size, v);
    }
    return "none";
}

const char *quote_step_value(char *buf, size_t size, const ratel_step *s)
{
    const char *op = s->op ? s->op : "";
    /* A note records any figure: a count, a credit, an amount. */
    if (strcmp(op, "note") == 0)
        return cli_fmt_number(buf, size, s->value, fabs(s->value) >= 1000);
    return cli_fmt_number(buf, size, s->value, strcmp(op, "mul") != 0);
}

static int print_worksheet(const ratel_quote *q)
{
    size_t i, n = ratel_quote_step_count(q);
    text_table *t;
    int rc = 0;
    static const char *const heads[6] = {
        "#", "coverage", "step", "table[key]", "value", "premium"
    };

    if (n == 0)
        return 0;
    if ((t = text_table_new(6)) == NULL)
        return -1;
    for (i = 0; rc == 0 && i < 6; i++)
        rc = text_table_column(t, i, heads[i],
                        (i == 0 || i >= 4) ? TEXT_TABLE_RIGHT : TEXT_TABLE_LEFT);
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
        row[4] = quote_step_value(value, sizeof value, &s);
        row[5] = cli_fmt_premium(premium, sizeof premium, s.premium);
        rc = text_table_add_row(t, row);
    }
    if (rc == 0 && printf("\nWorksheet:\n") < 0)
        rc = -1;
    if (rc == 0)
        rc = text_table_print(t, stdout, "  ");
    text_table_free(t);
    return rc;
}

int quote_print_cover(const ratel_quote *q)
{
    return quote_print_reasons(q, "Reasons", NULL) != 0 ||
                   print_warnings(q) != 0 || print_entities(q) != 0 ||
                   print_coverages(q) != 0 || print_differences(q) != 0
               ? -1 : 0;
}

int quote_print_table(const ratel_quote *q, int worksheet)
{
    if (print_header(q) != 0 || quote_print_cover(q) != 0 ||
        quote_print_conditions(q, 1) != 0)
        return -1;
    if (worksheet && print_worksheet(q) != 0)
        return -1;
    return 0;
}

int quote_print_json(const ratel_quote *q)
{
    return cli_print_quote_json(q);
}
