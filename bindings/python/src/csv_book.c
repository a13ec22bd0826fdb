/* csv_book.c - CSV books and rosters, read as `ratel batch` reads them
 * (docs/cli.md, "CSV input"): the header row names each column by its
 * declaration path; each row is built into a declaration with the
 * ratel_decl_* setters. Errors name the column (1-based) and its path.
 * The CLI keeps its reader in cli/batch_csv.c, which a binding may not
 * include; this copy follows it, rule for rule and word for word, so
 * that a roster gives the account `ratel scheme quote` gives. */
#include "many.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum col_kind {
    COL_STRING,    /* text, dates, codes */
    COL_INT,       /* money and integers */
    COL_NUMBER,    /* numbers */
    COL_BOOL,      /* booleans, and FLAGS.CODE: true/false, 1/0, yes/no */
    COL_CODES,     /* a flags or set field: "mfa;edr", the codes in it */
    COL_ITEMS,     /* a list: items ';', their fields ':' in schema order */
    COL_IGNORE     /* "line" and any column starting with '#' */
} col_kind;

struct pyr_csv {
    size_t ncols;
    col_kind *kind;
    char **path;
    char ***item_paths;  /* COL_ITEMS: the item fields' paths, NULL-ended */
    col_kind **item_kinds;
    const char *schema;  /* borrowed from the engine */
};

/* Splits a row into NUL-terminated cells in s (RFC 4180 quoting, within
 * one line). The number of cells, or -1 (no memory, or a quote not
 * closed: *bad_col is set). */
static long split(pyr_csv_scratch *s, const char *text, size_t len,
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
        }
        while (i < len && text[i] != ',')
            s->buf[o++] = text[i++];
        s->buf[o++] = '\0';
        s->cells[n++] = s->buf + start;
        if (i >= len)
            break;
        i++; /* the comma */
    }
    return (long)n;
}

void pyr_csv_scratch_free(pyr_csv_scratch *s)
{
    free(s->buf);
    free(s->cells);
    memset(s, 0, sizeof *s);
}

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

/* The index of schema `id` among the engine's, or -1. */
static long schema_index(const ratel_engine *eng, const char *id,
                         ratel_schema_info *info)
{
    size_t i, n = ratel_engine_schema_count(eng);
    for (i = 0; i < n; i++)
        if (ratel_engine_schema(eng, i, info) == RATEL_OK &&
            strcmp(info->id, id) == 0)
            return (long)i;
    return -1;
}

static int schema_field(const ratel_engine *eng, const char *schema,
                        const char *path, ratel_schema_field *f)
{
    ratel_schema_info info;
    long s = schema_index(eng, schema, &info);
    size_t k;
    for (k = 0; s >= 0 && k < info.nfields; k++)
        if (ratel_engine_schema_field(eng, (size_t)s, k, f) == RATEL_OK &&
            strcmp(f->path, path) == 0)
            return 0;
    return -1;
}

/* The paths and kinds of the scalar fields of the items of list `path`. */
static int item_fields(const ratel_engine *eng, const char *schema,
                       const char *path, char ***paths, col_kind **kinds)
{
    size_t k, n = 0, len = strlen(path);
    ratel_schema_info info;
    ratel_schema_field f;
    long s = schema_index(eng, schema, &info);

    if (s < 0)
        return -1;
    *paths = calloc(info.nfields + 1, sizeof **paths);
    *kinds = calloc(info.nfields + 1, sizeof **kinds);
    if (!*paths || !*kinds)
        return -1;
    for (k = 0; k < info.nfields; k++) {
        col_kind kind;
        const char *rest;
        if (ratel_engine_schema_field(eng, (size_t)s, k, &f) != RATEL_OK ||
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

static int header_kind(pyr_csv *csv, size_t col, const ratel_engine *eng,
                       const char *name)
{
    ratel_schema_field f;
    const char *dot;
    col_kind *kind = &csv->kind[col];
    size_t i;
    char parent[200];

    if (strcmp(name, "line") == 0 || name[0] == '#') {
        *kind = COL_IGNORE;
        return 0;
    }
    if (schema_field(eng, csv->schema, name, &f) == 0) {
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
    if ((dot = strrchr(name, '.')) == NULL ||
        (size_t)(dot - name) >= sizeof parent)
        return -1;
    memcpy(parent, name, (size_t)(dot - name));
    parent[dot - name] = '\0';
    if (schema_field(eng, csv->schema, parent, &f) == 0 &&
        (strcmp(f.type, "flags") == 0 || strcmp(f.type, "set") == 0))
        for (i = 0; i < f.ncodes; i++)
            if (strcmp(f.codes[i], dot + 1) == 0) {
                *kind = COL_BOOL;
                return 0;
            }
    return -1;
}

int pyr_csv_open(pyr_csv **out, const char *header, size_t len,
                 const ratel_engine *eng, const char *schema, char *err,
                 size_t errsize)
{
    pyr_csv_scratch s = {NULL, 0, NULL, 0};
    pyr_csv *csv;
    long n, bad = 0, i;

    *out = NULL;
    n = split(&s, header, len, &bad);
    csv = calloc(1, sizeof *csv);
    if (n < 0 || csv == NULL ||
        (csv->kind = calloc((size_t)n, sizeof *csv->kind)) == NULL ||
        (csv->path = calloc((size_t)n, sizeof *csv->path)) == NULL ||
        (csv->item_paths = calloc((size_t)n, sizeof *csv->item_paths)) ==
            NULL ||
        (csv->item_kinds = calloc((size_t)n, sizeof *csv->item_kinds)) ==
            NULL) {
        if (bad)
            snprintf(err, errsize, "column %ld: quote not closed", bad);
        else
            snprintf(err, errsize, "out of memory");
        goto fail;
    }
    csv->ncols = (size_t)n;
    csv->schema = schema ? schema
                         : pyr_plan_schema(eng, ratel_engine_default_plan(eng));
    for (i = 0; i < n; i++) {
        if (header_kind(csv, (size_t)i, eng, s.cells[i]) != 0) {
            snprintf(err, errsize, "column %ld: unknown field '%s' (see "
                     "'CSV input' in docs/cli.md)", i + 1, s.cells[i]);
            goto fail;
        }
        if ((csv->path[i] = strdup(s.cells[i])) == NULL) {
            snprintf(err, errsize, "out of memory");
            goto fail;
        }
    }
    pyr_csv_scratch_free(&s);
    *out = csv;
    return 0;
fail:
    pyr_csv_scratch_free(&s);
    pyr_csv_free(csv);
    return -1;
}

void pyr_csv_free(pyr_csv *csv)
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

/* The context's error after rc, "where: " before it. */
static int ctx_error(const ratel_ctx *ctx, int rc, const char *where,
                     char *err, size_t errsize)
{
    char msg[900];
    pyr_row_message(msg, sizeof msg, ctx, rc);
    snprintf(err, errsize, "%s: %s", where, msg);
    return rc;
}

static int set_cell(ratel_decl *d, ratel_ctx *ctx, col_kind kind,
                    const char *path, const char *v, const char *where,
                    char *err, size_t errsize)
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
            return RATEL_EDECL;
        }
        rc = ratel_decl_set_int(d, ctx, path, i64);
        break;
    case COL_NUMBER:
        errno = 0;
        x = strtod(v, &end);
        if (end == v || *end != '\0' || errno != 0) {
            snprintf(err, errsize, "%s: expected a number, got '%s'", where,
                     v);
            return RATEL_EDECL;
        }
        rc = ratel_decl_set_number(d, ctx, path, x);
        break;
    case COL_BOOL:
        if (parse_bool(v, &b) != 0) {
            snprintf(err, errsize, "%s: expected true or false, got '%s'",
                     where, v);
            return RATEL_EDECL;
        }
        rc = ratel_decl_set_bool(d, ctx, path, b);
        break;
    default:
        return RATEL_OK;
    }
    return rc == RATEL_OK ? rc : ctx_error(ctx, rc, where, err, errsize);
}

/* One item of a list column: a new item, its fields ':' apart in the
 * order of the schema. */
static int set_item(ratel_decl *d, ratel_ctx *ctx, const pyr_csv *csv,
                    size_t col, char *item, const char *where, char *err,
                    size_t errsize)
{
    char path[256];
    size_t index, k;
    char *field = item, *next;
    char **paths = csv->item_paths[col];
    int rc = ratel_decl_append(d, ctx, csv->path[col], &index);

    if (rc != RATEL_OK)
        return ctx_error(ctx, rc, where, err, errsize);
    for (k = 0; paths[k]; k++, field = next) {
        if (!field) {
            snprintf(err, errsize, "%s: expected %zu fields ':' apart, got "
                     "%zu", where, k + 1 + (size_t)!!paths[k + 1], k);
            return RATEL_EDECL;
        }
        next = paths[k + 1] ? strchr(field, ':') : NULL;
        if (next)
            *next++ = '\0';
        snprintf(path, sizeof path, "%s[%zu].%s", csv->path[col], index,
                 paths[k]);
        if (*field && (rc = set_cell(d, ctx, csv->item_kinds[col][k], path,
                                     field, where, err, errsize)) !=
                          RATEL_OK)
            return rc;
    }
    return RATEL_OK;
}

/* A ';' list: the codes of a flags or set field, or the items of a list. */
static int set_list(ratel_decl *d, ratel_ctx *ctx, const pyr_csv *csv,
                    size_t col, char *v, const char *where, char *err,
                    size_t errsize)
{
    char *item, *next, path[256];
    int rc = RATEL_OK;

    for (item = v; item != NULL && rc == RATEL_OK; item = next) {
        if ((next = strchr(item, ';')) != NULL)
            *next++ = '\0';
        while (*item == ' ')
            item++;
        if (*item == '\0')
            continue;
        if (csv->kind[col] == COL_ITEMS) {
            rc = set_item(d, ctx, csv, col, item, where, err, errsize);
            continue;
        }
        snprintf(path, sizeof path, "%s.%s", csv->path[col], item);
        if ((rc = ratel_decl_set_bool(d, ctx, path, 1)) != RATEL_OK)
            ctx_error(ctx, rc, where, err, errsize);
    }
    return rc;
}

int pyr_csv_decl(ratel_decl **out, ratel_ctx *ctx, const pyr_csv *csv,
                 pyr_csv_scratch *s, const char *text, size_t len,
                 char *err, size_t errsize)
{
    ratel_decl *d = NULL;
    long n, bad = 0;
    size_t i;
    int rc;
    char where[160];

    *out = NULL;
    if ((n = split(s, text, len, &bad)) < 0) {
        if (!bad) {
            snprintf(err, errsize, "out of memory");
            return RATEL_ENOMEM;
        }
        snprintf(err, errsize, "column %ld: quote not closed", bad);
        return RATEL_EDECL;
    }
    if ((size_t)n != csv->ncols) {
        snprintf(err, errsize, "%ld columns, the header has %zu", n,
                 csv->ncols);
        return RATEL_EDECL;
    }
    if ((rc = ratel_decl_new(&d, ctx, csv->schema)) != RATEL_OK) {
        pyr_row_message(err, errsize, ctx, RATEL_ENOMEM);
        return rc;
    }
    for (i = 0; i < csv->ncols; i++) {
        if (s->cells[i][0] == '\0')
            continue; /* empty: the field is absent */
        snprintf(where, sizeof where, "column %zu (%s)", i + 1,
                 csv->path[i]);
        rc = csv->kind[i] == COL_CODES || csv->kind[i] == COL_ITEMS
                 ? set_list(d, ctx, csv, i, s->cells[i], where, err,
                            errsize)
                 : set_cell(d, ctx, csv->kind[i], csv->path[i], s->cells[i],
                            where, err, errsize);
        if (rc != RATEL_OK) {
            ratel_decl_free(d);
            return rc;
        }
    }
    *out = d;
    return RATEL_OK;
}
