/* batch_csv.c - CSV books: the header row names each column by its
 * declaration path; each row is built into a declaration with the
 * ratel_decl_* setters. Errors name the column (1-based) and its path. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum col_kind {
    COL_STRING,    /* dates, names, codes */
    COL_INT,       /* money and counts */
    COL_NUMBER,    /* the overseas share */
    COL_BOOL,      /* controls.NAME: true/false, 1/0, yes/no */
    COL_CONTROLS,  /* "mfa;edr": the controls in place */
    COL_CERTS,     /* "isms;pmark" */
    COL_INCIDENTS, /* "2024-06-03:malware:850000;..." */
    COL_IGNORE     /* "line" and any column starting with '#' */
} col_kind;

static const struct {
    const char *path;
    col_kind kind;
} known[] = {
    {"effective_date", COL_STRING},
    {"applicant.name", COL_STRING},
    {"applicant.revenue", COL_INT},
    {"applicant.industry", COL_STRING},
    {"applicant.employees", COL_INT},
    {"applicant.personal_records", COL_INT},
    {"applicant.overseas_revenue_share", COL_NUMBER},
    {"controls", COL_CONTROLS},
    {"certifications", COL_CERTS},
    {"incidents", COL_INCIDENTS},
    {"request.liability_limit", COL_INT},
    {"request.expense_limit", COL_INT},
    {"request.bi_limit", COL_INT},
    {"request.bi_waiting_hours", COL_INT},
    {"request.deductible", COL_INT},
    {"request.coinsurance_pct", COL_INT},
    {"line", COL_IGNORE},
};

struct batch_csv {
    size_t ncols;
    col_kind *kind;
    char **path;
};

/* Splits a row into NUL-terminated cells in scratch (RFC 4180 quoting,
 * within one line). Returns the number of cells, or -1 (no memory, or a
 * quote not closed: *bad_col is set). */
static long split(batch_scratch *s, const char *text, size_t len,
                  long *bad_col)
{
    size_t i = 0, o = 0, n = 0;

    if (s->cap < len + 1) {
        char *p = realloc(s->buf, len + 1);
        if (p == NULL)
            return -1;
        s->buf = p;
        s->cap = len + 1;
    }
    for (;;) {
        size_t start = o;
        if (n == s->ncells) {
            size_t nn = n ? n * 2 : 32;
            char **c = realloc(s->cells, nn * sizeof *c);
            if (c == NULL)
                return -1;
            s->cells = c;
            s->ncells = nn;
        }
        if (i < len && text[i] == '"') {
            for (i++;; i++) {
                if (i >= len) {
                    *bad_col = (long)n + 1;
                    return -1;
                }
                if (text[i] == '"') {
                    if (i + 1 < len && text[i + 1] == '"')
                        i++;
                    else
                        break;
                }
                s->buf[o++] = text[i];
            }
            i++; /* the closing quote */
            while (i < len && text[i] != ',')
                s->buf[o++] = text[i++];
        } else {
            while (i < len && text[i] != ',')
                s->buf[o++] = text[i++];
        }
        s->buf[o++] = '\0';
        s->cells[n++] = s->buf + start;
        if (i >= len)
            break;
        i++; /* the comma */
    }
    return (long)n;
}

static int is_control(const char *name)
{
    size_t i, n;
    const char *const *w = ratel_vocabulary_words(RATEL_VOCAB_CONTROL, &n);
    for (i = 0; i < n; i++)
        if (strcmp(w[i], name) == 0)
            return 1;
    return 0;
}

static int header_kind(const char *name, col_kind *kind)
{
    size_t i;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].path, name) == 0) {
            *kind = known[i].kind;
            return 0;
        }
    if (strncmp(name, "controls.", 9) == 0 && is_control(name + 9)) {
        *kind = COL_BOOL;
        return 0;
    }
    if (name[0] == '#') {
        *kind = COL_IGNORE;
        return 0;
    }
    return -1;
}

int batch_csv_open(batch_csv **out, const batch_line *header,
                   const char *input)
{
    batch_scratch s = {NULL, 0, NULL, 0};
    batch_csv *csv;
    long n, bad = 0, i;

    *out = NULL;
    n = split(&s, header->text, header->len, &bad);
    csv = calloc(1, sizeof *csv);
    if (n < 0 || csv == NULL ||
        (csv->kind = calloc((size_t)n, sizeof *csv->kind)) == NULL ||
        (csv->path = calloc((size_t)n, sizeof *csv->path)) == NULL) {
        if (bad)
            cli_error("%s:%ld: header, column %ld: quote not closed", input,
                      header->lineno, bad);
        else
            cli_error("out of memory");
        batch_scratch_free(&s);
        batch_csv_free(csv);
        return -1;
    }
    csv->ncols = (size_t)n;
    for (i = 0; i < n; i++) {
        if (header_kind(s.cells[i], &csv->kind[i]) != 0) {
            cli_error("%s:%ld: header, column %ld: unknown field '%s' "
                      "(see 'CSV input' in docs/cli.md)", input,
                      header->lineno, i + 1, s.cells[i]);
            batch_scratch_free(&s);
            batch_csv_free(csv);
            return -1;
        }
        if ((csv->path[i] = strdup(s.cells[i])) == NULL) {
            cli_error("out of memory");
            batch_scratch_free(&s);
            batch_csv_free(csv);
            return -1;
        }
    }
    batch_scratch_free(&s);
    *out = csv;
    return 0;
}

void batch_csv_free(batch_csv *csv)
{
    size_t i;
    if (csv == NULL)
        return;
    for (i = 0; csv->path != NULL && i < csv->ncols; i++)
        free(csv->path[i]);
    free(csv->path);
    free(csv->kind);
    free(csv);
}

/* ---- one row ---------------------------------------------------------- */

static int parse_int(const char *v, int64_t *out)
{
    char *end;
    long long x;
    errno = 0;
    x = strtoll(v, &end, 10);
    if (end == v || *end != '\0' || errno != 0)
        return -1;
    *out = (int64_t)x;
    return 0;
}

static int parse_bool(const char *v, int *out)
{
    if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
        strcmp(v, "yes") == 0)
        *out = 1;
    else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ||
             strcmp(v, "no") == 0)
        *out = 0;
    else
        return -1;
    return 0;
}

/* Sets one item of a ';' list. Returns a ratel code, or 1 for a malformed
 * incident (what = the expected form). */
static int set_item(ratel_decl *d, ratel_ctx *ctx, col_kind kind, char *item)
{
    char path[96], *type, *paid;
    int64_t amount;

    if (kind == COL_CONTROLS) {
        if (strlen(item) > 64)
            return RATEL_EARG;
        snprintf(path, sizeof path, "controls.%s", item);
        return ratel_decl_set_bool(d, ctx, path, 1);
    }
    if (kind == COL_CERTS)
        return ratel_decl_add_certification(d, ctx, item);
    type = strchr(item, ':');
    paid = type ? strchr(type + 1, ':') : NULL;
    if (paid == NULL)
        return 1;
    *type++ = '\0';
    *paid++ = '\0';
    if (parse_int(paid, &amount) != 0)
        return 1;
    return ratel_decl_add_incident(d, ctx, item, type, amount);
}

static int set_list(ratel_decl *d, ratel_ctx *ctx, col_kind kind, char *v,
                    const char *where, char *err, size_t errsize)
{
    char *item = v, *next;
    int rc;

    for (; item != NULL; item = next) {
        next = strchr(item, ';');
        if (next != NULL)
            *next++ = '\0';
        while (*item == ' ')
            item++;
        if (*item == '\0')
            continue;
        rc = set_item(d, ctx, kind, item);
        if (rc == 1) {
            snprintf(err, errsize, "%s: expected DATE:TYPE:PAID, got '%s'",
                     where, item);
            return -1;
        }
        if (rc == RATEL_EARG) {
            snprintf(err, errsize, "%s: unknown control '%s'", where, item);
            return -1;
        }
        if (rc != RATEL_OK) {
            batch_ctx_error(ctx, rc, where, err, errsize);
            return -1;
        }
    }
    return 0;
}

static int set_cell(ratel_decl *d, ratel_ctx *ctx, col_kind kind,
                    const char *path, char *v, const char *where, char *err,
                    size_t errsize)
{
    int64_t i64;
    int b, rc;
    double x;
    char *end;

    switch (kind) {
    case COL_IGNORE:
        return 0;
    case COL_STRING:
        rc = ratel_decl_set_string(d, ctx, path, v);
        break;
    case COL_INT:
        if (parse_int(v, &i64) != 0) {
            snprintf(err, errsize, "%s: expected an integer, got '%s'", where,
                     v);
            return -1;
        }
        rc = ratel_decl_set_int(d, ctx, path, i64);
        break;
    case COL_NUMBER:
        errno = 0;
        x = strtod(v, &end);
        if (end == v || *end != '\0' || errno != 0) {
            snprintf(err, errsize, "%s: expected a number, got '%s'", where,
                     v);
            return -1;
        }
        rc = ratel_decl_set_number(d, ctx, path, x);
        break;
    case COL_BOOL:
        if (parse_bool(v, &b) != 0) {
            snprintf(err, errsize, "%s: expected true or false, got '%s'",
                     where, v);
            return -1;
        }
        rc = ratel_decl_set_bool(d, ctx, path, b);
        break;
    default:
        return set_list(d, ctx, kind, v, where, err, errsize);
    }
    if (rc != RATEL_OK) {
        batch_ctx_error(ctx, rc, where, err, errsize);
        return -1;
    }
    return 0;
}

int batch_csv_rate(ratel_quote **out, ratel_ctx *ctx, const batch_csv *csv,
                   batch_scratch *scratch, const batch_line *line,
                   const char *plan_id, unsigned int flags, char *err,
                   size_t errsize)
{
    ratel_decl *d = NULL;
    long n, bad = 0;
    size_t i;
    int rc;
    char where[160];

    n = split(scratch, line->text, line->len, &bad);
    if (n < 0) {
        if (bad)
            snprintf(err, errsize, "column %ld: quote not closed", bad);
        else
            snprintf(err, errsize, "out of memory");
        return -1;
    }
    if ((size_t)n != csv->ncols) {
        snprintf(err, errsize, "%ld columns, the header has %zu", n,
                 csv->ncols);
        return -1;
    }
    if (ratel_decl_new(&d) != RATEL_OK) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    for (i = 0; i < csv->ncols; i++) {
        if (scratch->cells[i][0] == '\0')
            continue; /* empty: the field is absent */
        snprintf(where, sizeof where, "column %zu (%s)", i + 1,
                 csv->path[i]);
        if (set_cell(d, ctx, csv->kind[i], csv->path[i], scratch->cells[i],
                     where, err, errsize) != 0) {
            ratel_decl_free(d);
            return -1;
        }
    }
    rc = ratel_rate(out, ctx, d, plan_id, flags);
    ratel_decl_free(d);
    if (rc != RATEL_OK) {
        batch_ctx_error(ctx, rc, NULL, err, errsize);
        return -1;
    }
    return 0;
}
