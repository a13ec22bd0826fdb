/* decl_csv.c - CSV rows as declarations: a header row names each column
 * by a declaration path of a schema, and each data row is built into a
 * declaration with the setters (docs/declaration.md, "CSV rows"; the
 * mapping is that of docs/cli.md, "CSV input"). The one reader of the
 * CLI's books and the bindings' rosters, so both read a row alike.
 * Errors name the column (1-based) and its path, in one line on the
 * context; the header is read-only once parsed, so threads may share it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx_int.h"
#include "decl.h"

typedef enum decl_csv_kind {
    DECL_CSV_STRING, /* text, dates, codes */
    DECL_CSV_INT,    /* money and integers */
    DECL_CSV_NUMBER, /* numbers */
    DECL_CSV_BOOL,   /* booleans, and FLAGS.CODE: true/false, 1/0, yes/no */
    DECL_CSV_CODES,  /* a flags or set field: "mfa;edr", the codes in it */
    DECL_CSV_ITEMS,  /* a list: items ';', their fields ':' in schema
                        order, as "2024-06-03:malware:850000;..." */
    DECL_CSV_IGNORE  /* "line" and any column starting with '#' */
} decl_csv_kind;

typedef struct decl_csv_col {
    decl_csv_kind kind;
    char *path;
    char **item_paths;          /* DECL_CSV_ITEMS: NULL-ended */
    decl_csv_kind *item_kinds;
} decl_csv_col;

struct ratel_csv_header {
    const sch_schema *schema; /* the engine's: the header may not outlive it */
    size_t ncols;
    decl_csv_col *cols;
};

/* The cells of one row, NUL-terminated in buf. */
typedef struct decl_csv_cells {
    char *buf;
    char **cell;
    size_t n, cap;
} decl_csv_cells;

static void decl_csv_cells_free(decl_csv_cells *c)
{
    free(c->buf);
    free(c->cell);
}

/* Splits a row into cells (RFC 4180 quoting, within one line). RATEL_OK;
 * RATEL_ENOMEM; or RATEL_EDECL for a quote not closed, *bad_col its
 * column. */
static int decl_csv_split(decl_csv_cells *c, const char *text, size_t len,
                          long *bad_col)
{
    size_t i = 0, o = 0;

    memset(c, 0, sizeof *c);
    if (!(c->buf = malloc(len + 1)))
        return RATEL_ENOMEM;
    for (;;) {
        size_t start = o;
        if (c->n == c->cap) {
            size_t nn = c->cap ? c->cap * 2 : 32;
            char **p = realloc(c->cell, nn * sizeof *p);
            if (!p)
                return RATEL_ENOMEM;
            c->cell = p;
            c->cap = nn;
        }
        if (i < len && text[i] == '"') {
            for (i++;; i++) {
                if (i >= len) {
                    *bad_col = (long)c->n + 1;
                    return RATEL_EDECL;
                }
                if (text[i] == '"') {
                    if (i + 1 < len && text[i + 1] == '"')
                        i++;
                    else
                        break;
                }
                c->buf[o++] = text[i];
            }
            i++; /* the closing quote */
        }
        while (i < len && text[i] != ',')
            c->buf[o++] = text[i++];
        c->buf[o++] = '\0';
        c->cell[c->n++] = c->buf + start;
        if (i >= len)
            return RATEL_OK;
        i++; /* the comma */
    }
}

/* ---- the header ------------------------------------------------------- */

static int decl_csv_scalar_kind(sch_type type, decl_csv_kind *kind)
{
    switch (type) {
    case SCH_MONEY:
    case SCH_INTEGER:
        *kind = DECL_CSV_INT;
        return 0;
    case SCH_NUMBER:
        *kind = DECL_CSV_NUMBER;
        return 0;
    case SCH_BOOLEAN:
        *kind = DECL_CSV_BOOL;
        return 0;
    case SCH_TEXT:
    case SCH_DATE:
    case SCH_CODE:
        *kind = DECL_CSV_STRING;
        return 0;
    default:
        return -1;
    }
}

/* The node whose path is `path` (len bytes), or NULL. */
static const sch_node *decl_csv_node(const sch_schema *s, const char *path,
                                     size_t len)
{
    int i;
    for (i = 0; i < s->nnodes; i++)
        if (strlen(s->nodes[i].path) == len &&
            memcmp(s->nodes[i].path, path, len) == 0)
            return &s->nodes[i];
    return NULL;
}

/* A list column: the item's own scalar fields, in schema order. 0, or -1
 * (out of memory: *oom set; or an item without any). */
static int decl_csv_items(const sch_schema *s, const sch_node *list,
                          decl_csv_col *col, int *oom)
{
    const sch_node *item = &s->nodes[list->item];
    size_t n = 0;
    int i;

    col->item_paths = calloc((size_t)item->nchildren + 1,
                             sizeof *col->item_paths);
    col->item_kinds = calloc((size_t)item->nchildren + 1,
                             sizeof *col->item_kinds);
    if (!col->item_paths || !col->item_kinds) {
        *oom = 1;
        return -1;
    }
    for (i = 0; i < item->nchildren; i++) {
        const sch_node *f = &s->nodes[item->children[i]];
        if (decl_csv_scalar_kind(f->type, &col->item_kinds[n]) != 0)
            continue;
        if (!(col->item_paths[n++] = strdup(f->key))) {
            *oom = 1;
            return -1;
        }
    }
    return n ? 0 : -1;
}

/* The kind of the column named `name`: 0, or -1 (an unknown field, or
 * out of memory: *oom set). */
static int decl_csv_column(const sch_schema *s, const char *name,
                           decl_csv_col *col, int *oom)
{
    const sch_node *f;
    const char *dot;

    if (strcmp(name, "line") == 0 || name[0] == '#') {
        col->kind = DECL_CSV_IGNORE;
        return 0;
    }
    if ((f = decl_csv_node(s, name, strlen(name))) != NULL) {
        if (f->type == SCH_FLAGS || f->type == SCH_SET) {
            col->kind = DECL_CSV_CODES;
            return 0;
        }
        if (f->type == SCH_LIST) {
            col->kind = DECL_CSV_ITEMS;
            return decl_csv_items(s, f, col, oom);
        }
        return decl_csv_scalar_kind(f->type, &col->kind);
    }
    /* FLAGS.CODE: one code of a flags or set field, true or false */
    if ((dot = strrchr(name, '.')) != NULL &&
        (f = decl_csv_node(s, name, (size_t)(dot - name))) != NULL &&
        (f->type == SCH_FLAGS || f->type == SCH_SET) &&
        sch_code_find(&s->codes[f->codes], dot + 1, strlen(dot + 1)) >= 0) {
        col->kind = DECL_CSV_BOOL;
        return 0;
    }
    return -1;
}

int ratel_csv_header_parse(ratel_csv_header **out, ratel_ctx *ctx,
                           const char *schema, const char *line, size_t len)
{
    decl_csv_cells c;
    ratel_csv_header *h;
    const sch_schema *s;
    long bad = 0;
    size_t i;
    int rc, oom = 0;

    if (out)
        *out = NULL;
    if (!out || !ctx || (!line && len))
        return ctx ? err_set(&ctx->err, RATEL_EARG, "ratel_csv_header_parse: "
                             "out, ctx and line are needed")
                   : RATEL_EARG;
    err_clear(&ctx->err);
    if (!(s = decl_api_schema(ctx, schema, &rc)))
        return rc;
    rc = decl_csv_split(&c, line ? line : "", len, &bad);
    h = calloc(1, sizeof *h);
    if (rc != RATEL_OK || !h ||
        !(h->cols = calloc(c.n, sizeof *h->cols))) {
        decl_csv_cells_free(&c);
        free(h);
        if (rc == RATEL_EDECL)
            return err_set(&ctx->err, rc, "column %ld: quote not closed",
                           bad);
        return err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
    }
    h->schema = s;
    h->ncols = c.n;
    for (i = 0; i < c.n && rc == RATEL_OK; i++) {
        if (decl_csv_column(s, c.cell[i], &h->cols[i], &oom) != 0)
            rc = oom ? err_set(&ctx->err, RATEL_ENOMEM, "out of memory")
                     : err_set(&ctx->err, RATEL_EDECL, "column %zu: unknown "
                               "field '%s' (see 'CSV input' in docs/cli.md)",
                               i + 1, c.cell[i]);
        else if (!(h->cols[i].path = strdup(c.cell[i])))
            rc = err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
    }
    decl_csv_cells_free(&c);
    if (rc != RATEL_OK) {
        ratel_csv_header_free(h);
        return rc;
    }
    *out = h;
    return RATEL_OK;
}

void ratel_csv_header_free(ratel_csv_header *h)
{
    size_t i;
    char **p;
    if (!h)
        return;
    for (i = 0; i < h->ncols; i++) {
        for (p = h->cols[i].item_paths; p && *p; p++)
            free(*p);
        free(h->cols[i].item_paths);
        free(h->cols[i].item_kinds);
        free(h->cols[i].path);
    }
    free(h->cols);
    free(h);
}

size_t ratel_csv_header_columns(const ratel_csv_header *h)
{
    return h ? h->ncols : 0;
}

/* ---- one row ---------------------------------------------------------- */

/* The error of a failed setter on e, in one line after "where: " (its
 * field errors "path: message" joined by "; ", each cut at 511 bytes as
 * the CLI cut them before this reader was the library's), as the row's
 * error. */
static int decl_csv_fail(ratel_err *e, int rc, const char *where)
{
    char line[1024], one[512];
    size_t i, used = 0;

    line[0] = '\0';
    if (rc != RATEL_EDECL || e->nfields == 0)
        snprintf(line, sizeof line, "%s", e->message && *e->message
                                              ? e->message
                                              : ratel_strerror(rc));
    for (i = 0; rc == RATEL_EDECL && i < e->nfields; i++) {
        snprintf(one, sizeof one, "%s%s: %s", i ? "; " : "",
                 e->fields[i].path ? e->fields[i].path : "$",
                 e->fields[i].message ? e->fields[i].message : "invalid");
        if (used + 1 < sizeof line)
            snprintf(line + used, sizeof line - used, "%s", one);
        used += strlen(line + used);
    }
    for (i = 0; line[i] != '\0'; i++) /* one line */
        if (line[i] == '\n')
            line[i] = ' ';
    err_clear(e);
    return err_set(e, rc, "%s: %s", where, line);
}

static int decl_csv_int(const char *v, int64_t *out)
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

static int decl_csv_bool(const char *v, int *out)
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

/* Sets the scalar field `path` from cell text v. */
static int decl_csv_set(ratel_decl *d, ratel_ctx *ctx, decl_csv_kind kind,
                        const char *path, const char *v, const char *where)
{
    int64_t i64;
    int b, rc, bad;
    double x;
    char *end;
    locale_t old;

    switch (kind) {
    case DECL_CSV_STRING:
        rc = ratel_decl_set_string(d, ctx, path, v);
        break;
    case DECL_CSV_INT:
        if (decl_csv_int(v, &i64) != 0)
            return err_set(&ctx->err, RATEL_EDECL, "%s: expected an integer, "
                           "got '%s'", where, v);
        rc = ratel_decl_set_int(d, ctx, path, i64);
        break;
    case DECL_CSV_NUMBER:
        /* "1.5" in every host locale: strtod in the context's "C" one */
        old = uselocale(ctx->c_locale);
        errno = 0;
        x = strtod(v, &end);
        bad = errno != 0;
        uselocale(old);
        if (end == v || *end != '\0' || bad)
            return err_set(&ctx->err, RATEL_EDECL, "%s: expected a number, "
                           "got '%s'", where, v);
        rc = ratel_decl_set_number(d, ctx, path, x);
        break;
    case DECL_CSV_BOOL:
        if (decl_csv_bool(v, &b) != 0)
            return err_set(&ctx->err, RATEL_EDECL, "%s: expected true or "
                           "false, got '%s'", where, v);
        rc = ratel_decl_set_bool(d, ctx, path, b);
        break;
    default:
        return RATEL_OK;
    }
    return rc == RATEL_OK ? rc : decl_csv_fail(&ctx->err, rc, where);
}

/* One item of a list column: a new item, its fields ':' apart. */
static int decl_csv_item(ratel_decl *d, ratel_ctx *ctx,
                         const decl_csv_col *col, char *item,
                         const char *where)
{
    char path[256];
    size_t index = 0, k;
    char *field = item, *next;
    char **paths = col->item_paths;
    int rc = ratel_decl_append(d, ctx, col->path, &index);

    if (rc != RATEL_OK)
        return decl_csv_fail(&ctx->err, rc, where);
    for (k = 0; paths[k]; k++, field = next) {
        if (!field)
            return err_set(&ctx->err, RATEL_EDECL, "%s: expected %zu fields "
                           "':' apart, got %zu", where,
                           k + 1 + (size_t)!!paths[k + 1], k);
        next = paths[k + 1] ? strchr(field, ':') : NULL;
        if (next)
            *next++ = '\0';
        snprintf(path, sizeof path, "%s[%zu].%s", col->path, index, paths[k]);
        if (*field && (rc = decl_csv_set(d, ctx, col->item_kinds[k], path,
                                         field, where)) != RATEL_OK)
            return rc;
    }
    return RATEL_OK;
}

/* A ';' list: the codes of a flags or set field, or the items of a list. */
static int decl_csv_list(ratel_decl *d, ratel_ctx *ctx,
                         const decl_csv_col *col, char *v, const char *where)
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
        if (col->kind == DECL_CSV_ITEMS) {
            rc = decl_csv_item(d, ctx, col, item, where);
            continue;
        }
        snprintf(path, sizeof path, "%s.%s", col->path, item);
        if ((rc = ratel_decl_set_bool(d, ctx, path, 1)) != RATEL_OK)
            rc = decl_csv_fail(&ctx->err, rc, where);
    }
    return rc;
}

int ratel_decl_parse_csv(ratel_decl **out, ratel_ctx *ctx,
                         const ratel_csv_header *h, const char *line,
                         size_t len)
{
    decl_csv_cells c;
    ratel_decl *d = NULL;
    long bad = 0;
    size_t i;
    int rc;
    char where[160];

    if (out)
        *out = NULL;
    if (!out || !ctx || !h || (!line && len))
        return ctx ? err_set(&ctx->err, RATEL_EARG, "ratel_decl_parse_csv: "
                             "out, ctx, header and line are needed")
                   : RATEL_EARG;
    err_clear(&ctx->err);
    if ((rc = decl_csv_split(&c, line ? line : "", len, &bad)) != RATEL_OK) {
        decl_csv_cells_free(&c);
        return rc == RATEL_EDECL
                   ? err_set(&ctx->err, rc, "column %ld: quote not closed",
                             bad)
                   : err_set(&ctx->err, rc, "out of memory");
    }
    if (c.n != h->ncols) {
        decl_csv_cells_free(&c);
        return err_set(&ctx->err, RATEL_EDECL, "%zu columns, the header has "
                       "%zu", c.n, h->ncols);
    }
    if (!(d = decl_new(h->schema))) {
        decl_csv_cells_free(&c);
        return err_set(&ctx->err, RATEL_ENOMEM, "out of memory");
    }
    for (i = 0; i < h->ncols && rc == RATEL_OK; i++) {
        const decl_csv_col *col = &h->cols[i];
        if (c.cell[i][0] == '\0')
            continue; /* empty: the field is absent */
        snprintf(where, sizeof where, "column %zu (%s)", i + 1, col->path);
        rc = col->kind == DECL_CSV_CODES || col->kind == DECL_CSV_ITEMS
                 ? decl_csv_list(d, ctx, col, c.cell[i], where)
                 : decl_csv_set(d, ctx, col->kind, col->path, c.cell[i],
                                where);
    }
    decl_csv_cells_free(&c);
    if (rc != RATEL_OK) {
        decl_free(d);
        return rc;
    }
    *out = d;
    return RATEL_OK;
}
