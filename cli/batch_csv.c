/* batch_csv.c - CSV books: the header row names each column by its
 * declaration path; each row is built into a declaration with the
 * ratel_decl_* setters. Errors name the column (1-based) and its path. */
#include "cli.h"
#include "batch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum col_kind {
    COL_STRING,    /* text, dates, codes */
    COL_INT,       /* money and integers */
    COL_NUMBER,    /* numbers */
    COL_BOOL,      /* booleans, and FLAGS.CODE: true/false, 1/0, yes/no */
    COL_CODES,     /* a flags or set field: "mfa;edr", the codes in it */
    COL_ITEMS,     /* a list: items ';', their fields ':' in schema order,
                      as "2024-06-03:malware:850000;..." */
    COL_IGNORE     /* "line" and any column starting with '#' */
} col_kind;

struct batch_csv {
    size_t ncols;
    col_kind *kind;
    char **path;
    char ***item_paths;  /* COL_ITEMS: the item fields' paths, NULL-ended */
    col_kind **item_kinds;
    const char *schema;  /* the declarations' schema (the plan's) */
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

/* The kind of a scalar field's column. */
static int scalar_kind(const char *type, col_kind *kind)
{
    if (strcmp(type, "money") == 0 || strcmp(type, "integer") == 0)
        *kind = COL_INT;
    else if (strcmp(type, "number") == 0)
        *kind = COL_NUMBER;
    else if (strcmp(type, "boolean") == 0)
        *kind = COL_BOOL;
    else if (strcmp(type, "text") == 0 || strcmp(type, "date") == 0 ||
             strcmp(type, "code") == 0)
        *kind = COL_STRING;
    else
        return -1;
    return 0;
}

/* The paths and kinds of the scalar fields of the items of list `path`. */
static int item_fields(const ratel_engine *eng, const char *schema,
                       const char *path, char ***paths, col_kind **kinds)
{
    size_t i, k, n = 0, len = strlen(path);
    ratel_schema_info info;
    ratel_schema_field f;
    for (i = 0; i < ratel_engine_schema_count(eng); i++) {
        if (ratel_engine_schema(eng, i, &info) != RATEL_OK ||
            strcmp(info.id, schema) != 0)
            continue;
        *paths = calloc(info.nfields + 1, sizeof **paths);
        *kinds = calloc(info.nfields + 1, sizeof **kinds);
        if (!*paths || !*kinds)
            return -1;
        for (k = 0; k < info.nfields; k++) {
            col_kind kind;
            const char *rest;
            if (ratel_engine_schema_field(eng, i, k, &f) != RATEL_OK ||
                strncmp(f.path, path, len) != 0 ||
                strncmp(f.path + len, "[].", 3) != 0)
                continue;
            rest = f.path + len + 3;
            if (strchr(rest, '.') || strchr(rest, '[') ||
                scalar_kind(f.type, &kind) != 0)
                continue; /* the item's own scalar fields only */
            if (!((*paths)[n] = strdup(rest)))
                return -1;
            (*kinds)[n++] = kind;
        }
        return n ? 0 : -1;
    }
    return -1;
}

static int header_kind(batch_csv *csv, size_t col, const ratel_engine *eng,
                       const char *name)
{
    ratel_schema_field f;
    const char *dot;
    col_kind *kind = &csv->kind[col];
    if (strcmp(name, "line") == 0 || name[0] == '#') {
        *kind = COL_IGNORE;
        return 0;
    }
    if (cli_schema_field(eng, csv->schema, name, &f) == 0) {
        if (f.input_only && strcmp(f.type, "object") == 0)
            return -1;
        if (strcmp(f.type, "flags") == 0 || strcmp(f.type, "set") == 0)
            *kind = COL_CODES;
        else if (strcmp(f.type, "list") == 0) {
            *kind = COL_ITEMS;
            return item_fields(eng, csv->schema, name, &csv->item_paths[col],
                               &csv->item_kinds[col]);
        } else if (scalar_kind(f.type, kind) != 0)
            return -1;
        return 0;
    }
    /* FLAGS.CODE: one code of a flags or set field, true or false */
    if ((dot = strrchr(name, '.')) != NULL) {
        char parent[200];
        size_t i;
        if ((size_t)(dot - name) >= sizeof parent)
            return -1;
        memcpy(parent, name, (size_t)(dot - name));
        parent[dot - name] = '\0';
        if (cli_schema_field(eng, csv->schema, parent, &f) == 0 &&
            (strcmp(f.type, "flags") == 0 || strcmp(f.type, "set") == 0))
            for (i = 0; i < f.ncodes; i++)
                if (strcmp(f.codes[i], dot + 1) == 0) {
                    *kind = COL_BOOL;
                    return 0;
                }
    }
    return -1;
}

int batch_csv_open(batch_csv **out, const batch_line *header,
                   const char *input, const ratel_engine *eng,
                   const char *schema)
{
    batch_scratch s = {NULL, 0, NULL, 0};
    batch_csv *csv;
    long n, bad = 0, i;

    *out = NULL;
    n = split(&s, header->text, header->len, &bad);
    csv = calloc(1, sizeof *csv);
    if (n < 0 || csv == NULL ||
        (csv->kind = calloc((size_t)n, sizeof *csv->kind)) == NULL ||
        (csv->path = calloc((size_t)n, sizeof *csv->path)) == NULL ||
        (csv->item_paths = calloc((size_t)n, sizeof *csv->item_paths)) ==
            NULL ||
        (csv->item_kinds = calloc((size_t)n, sizeof *csv->item_kinds)) ==
            NULL) {
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
    csv->schema = schema ? schema
                         : cli_plan_schema(eng, ratel_engine_default_plan(eng));
    for (i = 0; i < n; i++) {
        if (header_kind(csv, (size_t)i, eng, s.cells[i]) != 0) {
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

int batch_csv_read_header(batch_reader *rd, batch_csv **csv,
                          const ratel_engine *eng, const char *schema)
{
    batch_line header;
    batch_arena arena = {NULL, 0, 0};
    size_t n = 0;
    int rc = -1;

    if (batch_reader_chunk(rd, &arena, &header, 1, &n) != 0)
        goto done;
    if (n == 0 || header.error != NULL) {
        cli_error("%s: %s", rd->name,
                  n == 0 ? "no header row" : header.error);
        goto done;
    }
    rc = batch_csv_open(csv, &header, rd->name, eng, schema);
done:
    batch_arena_free(&arena);
    return rc;
}

void batch_csv_free(batch_csv *csv)
{
    size_t i;
    if (csv == NULL)
        return;
    for (i = 0; i < csv->ncols; i++) {
        char **p = csv->item_paths ? csv->item_paths[i] : NULL;
        while (p && *p)
            free(*p++);
        if (csv->item_paths)
            free(csv->item_paths[i]);
        if (csv->item_kinds)
            free(csv->item_kinds[i]);
        if (csv->path)
            free(csv->path[i]);
    }
    free(csv->item_paths);
    free(csv->item_kinds);
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

static int set_cell(ratel_decl *d, ratel_ctx *ctx, col_kind kind,
                    const char *path, char *v, const char *where, char *err,
                    size_t errsize);

/* One item of a list column: a new item, its fields ':' apart in the
 * order of `paths`. */
static int set_item(ratel_decl *d, ratel_ctx *ctx, const batch_csv *csv,
                    size_t col, char *item, const char *where, char *err,
                    size_t errsize)
{
    char path[256];
    size_t index, k;
    char *field = item, *next;
    int rc = ratel_decl_append(d, ctx, csv->path[col], &index);
    if (rc != RATEL_OK) {
        batch_ctx_error(ctx, rc, where, err, errsize);
        return -1;
    }
    for (k = 0; csv->item_paths[col][k]; k++, field = next) {
        if (!field) {
            snprintf(err, errsize, "%s: expected %zu fields ':' apart, got "
                     "%zu", where, k + 1 + (size_t)!!csv->item_paths[col][k + 1],
                     k);
            return -1;
        }
        next = csv->item_paths[col][k + 1] ? strchr(field, ':') : NULL;
        if (next)
            *next++ = '\0';
        snprintf(path, sizeof path, "%s[%zu].%s", csv->path[col], index,
                 csv->item_paths[col][k]);
        if (*field && set_cell(d, ctx, csv->item_kinds[col][k], path, field,
                               where, err, errsize) != 0)
            return -1;
    }
    return 0;
}

/* A ';' list: the codes of a flags or set field, or the items of a list. */
static int set_list(ratel_decl *d, ratel_ctx *ctx, const batch_csv *csv,
                    size_t col, char *v, const char *where, char *err,
                    size_t errsize)
{
    char *item = v, *next, path[256];
    int rc;

    for (; item != NULL; item = next) {
        next = strchr(item, ';');
        if (next != NULL)
            *next++ = '\0';
        while (*item == ' ')
            item++;
        if (*item == '\0')
            continue;
        if (csv->kind[col] == COL_ITEMS) {
            if (set_item(d, ctx, csv, col, item, where, err, errsize) != 0)
                return -1;
            continue;
        }
        snprintf(path, sizeof path, "%s.%s", csv->path[col], item);
        rc = ratel_decl_set_bool(d, ctx, path, 1);
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
        return 0;
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
    ratel_rate_options o;
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
    if (ratel_decl_new(&d, ctx, csv->schema) != RATEL_OK) {
        batch_ctx_error(ctx, RATEL_ENOMEM, NULL, err, errsize);
        return -1;
    }
    for (i = 0; i < csv->ncols; i++) {
        if (scratch->cells[i][0] == '\0')
            continue; /* empty: the field is absent */
        snprintf(where, sizeof where, "column %zu (%s)", i + 1,
                 csv->path[i]);
        if ((csv->kind[i] == COL_CODES || csv->kind[i] == COL_ITEMS
                 ? set_list(d, ctx, csv, i, scratch->cells[i], where, err,
                            errsize)
                 : set_cell(d, ctx, csv->kind[i], csv->path[i],
                            scratch->cells[i], where, err, errsize)) != 0) {
            ratel_decl_free(d);
            return -1;
        }
    }
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = plan_id;
    o.flags = flags;
    rc = ratel_rate(out, ctx, d, &o);
    ratel_decl_free(d);
    if (rc != RATEL_OK) {
        batch_ctx_error(ctx, rc, NULL, err, errsize);
        return -1;
    }
    return 0;
}
