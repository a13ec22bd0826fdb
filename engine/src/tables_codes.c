/* tables_codes.c - key columns that hold the codes of a product schema
 * ("industry:code(cyber-sme.industries)" in the manifest): every key must
 * be a code of the lists (a misspelt "retial" row would otherwise fail
 * every retail quote at rating time), and with every(...) each code
 * should have a row. The schemas are read from SCHEMAS_DIR/ID.json, once
 * per build, by the same compiler the engine uses. */
#include "tables_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decl_fields.h"
#include "engine.h"
#include "fileio.h"
#include "ratel_sys.h"
#include "schema.h"

#define CODES_SCHEMA_MAX_BYTES ((size_t)1 << 20) /* as the engine's */
#define CODES_MAX_SCHEMAS 64

struct tbl_schemas {
    char *dir; /* NULL: no folder given */
    size_t n;
    char *ids[CODES_MAX_SCHEMAS];
    sch_schema *v[CODES_MAX_SCHEMAS]; /* NULL: could not be read */
    char *why[CODES_MAX_SCHEMAS];     /* then why */
};

tbl_schemas *tbl_schemas_new(const char *dir)
{
    tbl_schemas *c = calloc(1, sizeof *c);
    if (c && dir && !(c->dir = strdup(dir))) {
        free(c);
        return NULL;
    }
    return c;
}

void tbl_schemas_free(tbl_schemas *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++) {
        free(c->ids[i]);
        sch_free(c->v[i]);
        free(c->why[i]);
    }
    free(c->dir);
    free(c);
}

/* A schema id as a file name: [a-z0-9_-]+, so it cannot leave the folder. */
static int valid_id(const char *s, size_t len)
{
    size_t i;
    if (len == 0 || len > TBL_MAX_NAME)
        return 0;
    for (i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

/* Compiles DIR/ID.json into slot i: the schema, or why it is not there. */
static int load_schema(tbl_schemas *c, size_t i)
{
    char *path, *text = NULL, why[128];
    size_t len = 0, n = strlen(c->dir) + strlen(c->ids[i]) + 7;
    sch_schema *s = NULL;
    ratel_err e;
    int rc;

    if (!(path = malloc(n)))
        return RATEL_ENOMEM;
    snprintf(path, n, "%s/%s.json", c->dir, c->ids[i]);
    rc = file_read_regular(path, CODES_SCHEMA_MAX_BYTES, &text, &len);
    if (rc) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot read %s: %s", path,
                 file_error_text(rc, why, sizeof why));
        free(path);
        c->why[i] = strdup(msg);
        return rc == ENOMEM || !c->why[i] ? RATEL_ENOMEM : RATEL_OK;
    }
    err_init(&e);
    rc = sch_compile(&s, path, text, len, &e);
    if (rc == RATEL_OK) {
        s->source = text;
        text = NULL;
        if (strcmp(s->id, c->ids[i]) != 0)
            rc = err_set(&e, RATEL_EPLAN, "%s holds schema '%s', not '%s'",
                         path, s->id, c->ids[i]);
    }
    if (rc == RATEL_OK)
        c->v[i] = s;
    else
        sch_free(s);
    if (rc == RATEL_EPLAN && !(c->why[i] = strdup(e.message)))
        rc = RATEL_ENOMEM;
    free(text);
    free(path);
    err_dispose(&e);
    return rc == RATEL_EPLAN ? RATEL_OK : rc;
}

/* The schema `id` (len bytes) into *out, or NULL with the reason in *why
 * (a static text or the cache's). RATEL_OK or RATEL_ENOMEM. */
static int find_schema(tbl_schemas *c, const char *id, size_t len,
                       sch_schema **out, const char **why)
{
    size_t i;
    int rc;
    *out = NULL;
    if (!valid_id(id, len)) {
        *why = "a schema id is [a-z0-9_-]+";
        return RATEL_OK;
    }
    if (!c->dir) {
        *why = "no folder of product schemas was given (ratel tables "
               "build --schemas DIR; ratel_tables_options.schemas_path)";
        return RATEL_OK;
    }
    for (i = 0; i < c->n; i++)
        if (strlen(c->ids[i]) == len && memcmp(c->ids[i], id, len) == 0)
            break;
    if (i == c->n) {
        if (c->n == CODES_MAX_SCHEMAS) {
            *why = "too many schemas named";
            return RATEL_OK;
        }
        if (!(c->ids[i] = strndup(id, len)))
            return RATEL_ENOMEM;
        c->n++;
        if ((rc = load_schema(c, i)) != RATEL_OK)
            return rc;
    }
    *out = c->v[i];
    *why = c->why[i];
    return RATEL_OK;
}

/* The codes of one list: the values of a code list (s.LIST), or the field
 * names of an object (s.PATH.*). */
typedef struct code_names {
    const char **v; /* borrowed from the schemas */
    size_t n, cap;
} code_names;

static int add_name(code_names *w, const char *name)
{
    const char **grown = mem_grow(w->v, &w->cap, w->n, sizeof *w->v, 32);
    if (!grown)
        return RATEL_ENOMEM;
    w->v = grown;
    w->v[w->n++] = name;
    return RATEL_OK;
}

/* Adds the codes `rest` (n bytes) names in schema s; a message in `why`
 * (cap bytes) when it names none. RATEL_OK or RATEL_ENOMEM. */
static int add_list(code_names *w, const sch_schema *s, const char *rest,
                    size_t n, char *why, size_t cap)
{
    int i, k, rc = RATEL_OK;
    if (n > 2 && memcmp(rest + n - 2, ".*", 2) == 0) {
        char path[256];
        long idx[4];
        int nidx, node;
        snprintf(path, sizeof path, "%.*s", (int)(n - 2), rest);
        node = n - 2 < sizeof path ? sch_find_path(s, path, idx, 4, &nidx)
                                   : -1;
        if (node < 0 || s->nodes[node].type != SCH_OBJECT) {
            snprintf(why, cap, "schema %s has no object %s", s->id, path);
            return RATEL_OK;
        }
        for (i = 0; i < s->nodes[node].nchildren && rc == RATEL_OK; i++)
            rc = add_name(w, s->nodes[s->nodes[node].children[i]].key);
        return rc;
    }
    for (i = 0; i < s->ncodes; i++)
        if (strlen(s->codes[i].name) == n &&
            memcmp(s->codes[i].name, rest, n) == 0)
            break;
    if (i == s->ncodes) {
        const char *names[SCH_MAX_SET_CODES];
        const char *near;
        int nn = s->ncodes < SCH_MAX_SET_CODES ? s->ncodes
                                                  : SCH_MAX_SET_CODES;
        for (k = 0; k < nn; k++)
            names[k] = s->codes[k].name;
        near = decl_closest(names, nn, rest, n);
        snprintf(why, cap, "schema %s has no code list \"%.*s\"%s%s%s", s->id,
                 (int)(n > 60 ? 60 : n), rest, near ? " (did you mean \"" : "",
                 near ? near : "", near ? "\"?)" : "");
        return RATEL_OK;
    }
    if (s->codes[i].from_table) {
        snprintf(why, cap, "%s.%s takes its codes from table %s: that table's "
                 "keys are the list", s->id, s->codes[i].name,
                 s->codes[i].from_table);
        return RATEL_OK;
    }
    for (k = 0; k < s->codes[i].n && rc == RATEL_OK; k++)
        rc = add_name(w, s->codes[i].values[k]);
    return rc;
}

/* Fills w with the codes of REF ("s.LIST|s.PATH.*|..."); a message in
 * `why` when a part names nothing. RATEL_OK or RATEL_ENOMEM. */
static int ref_names(code_names *w, tbl_schemas *c, const char *ref,
                     char *why, size_t cap)
{
    const char *part = ref;
    int rc = RATEL_OK;
    while (rc == RATEL_OK && !why[0]) {
        const char *bar = strchr(part, '|'), *dot, *no;
        size_t n = bar ? (size_t)(bar - part) : strlen(part);
        sch_schema *s;
        dot = memchr(part, '.', n);
        if (!dot || dot == part || dot + 1 == part + n) {
            snprintf(why, cap, "\"%.*s\" is not SCHEMA.LIST or "
                     "SCHEMA.PATH.*", (int)(n > 60 ? 60 : n), part);
            break;
        }
        rc = find_schema(c, part, (size_t)(dot - part), &s, &no);
        if (rc == RATEL_OK && !s)
            snprintf(why, cap, "schema %.*s: %s", (int)(dot - part), part,
                     no);
        else if (rc == RATEL_OK)
            rc = add_list(w, s, dot + 1, (size_t)(part + n - dot - 1), why,
                          cap);
        if (!bar)
            break;
        part = bar + 1;
    }
    return rc;
}

static int has_name(const char *const *names, size_t n, const char *s)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return 1;
    return 0;
}

static int has_row(const tbl_table *t, int k, const char *code)
{
    size_t row;
    for (row = 0; row < t->nrows; row++)
        if (strcmp(t->keys[row * (size_t)t->nkeys + (size_t)k].s, code) == 0)
            return 1;
    return 0;
}

/* What one check finds, handed to its caller: the build reports them with
 * the file and line, an engine's check (lint) as lines of text. */
typedef struct code_sink {
    void (*unknown)(void *ud, size_t row, const char *text);
    void (*missing)(void *ud, const char *text);
    void *ud;
} code_sink;

/* Compares key column k of exact table t with the codes `names` (n of
 * them, called `list` in messages): each key not among them is unknown,
 * and with `every` each code with no row is missing. The texts are
 * formatted in `scratch`. */
static void compare_codes(const tbl_table *t, int k, const char *const *names,
                          size_t n, const char *list, int every,
                          const code_sink *sink, buf *scratch)
{
    size_t row, i;
    for (row = 0; row < t->nrows; row++) {
        const char *key = t->keys[row * (size_t)t->nkeys + (size_t)k].s, *near;
        if (has_name(names, n, key))
            continue;
        near = n <= INT32_MAX ? decl_closest(names, (int)n, key, strlen(key))
                              : NULL;
        scratch->len = 0;
        buf_printf(scratch, "column %s: \"%.60s\" is not a code of %s%s%s%s",
                   t->key_names[k], key, list,
                   near ? "; did you mean \"" : "", near ? near : "",
                   near ? "\"?" : "");
        if (!scratch->oom)
            sink->unknown(sink->ud, row, scratch->data);
    }
    for (i = 0; every && i < n; i++) {
        if (has_row(t, k, names[i]))
            continue;
        scratch->len = 0;
        buf_printf(scratch, "column %s: no row for \"%s\" of %s",
                   t->key_names[k], names[i], list);
        if (!scratch->oom)
            sink->missing(sink->ud, scratch->data);
    }
}

/* The build's sink: problems with the file and line, warnings at the
 * manifest line. */
typedef struct build_sink {
    const tbl_src *s;
    tbl_report *r;
    buf *warnings;
} build_sink;

static void build_unknown(void *ud, size_t row, const char *text)
{
    build_sink *b = ud;
    tbl_report_add(b->r, b->s->t.source, (long)b->s->lines[row], "%s", text);
}

static void build_missing(void *ud, const char *text)
{
    build_sink *b = ud;
    buf_printf(b->warnings, "%s:%ld: warning: table %s %s: %s\n",
               TBL_MANIFEST, b->s->mline, b->s->t.name, b->s->t.version, text);
}

int tbl_check_codes(const tbl_src *s, tbl_schemas *c, tbl_report *r,
                    buf *warnings)
{
    build_sink b = {s, r, warnings};
    code_sink sink = {build_unknown, build_missing, &b};
    buf scratch;
    int k, rc = RATEL_OK;
    buf_init(&scratch);
    for (k = 0; k < s->t.nkeys && rc == RATEL_OK; k++) {
        code_names w = {NULL, 0, 0};
        char why[512] = "";
        if (!s->codes[k])
            continue;
        rc = ref_names(&w, c, s->codes[k], why, sizeof why);
        if (rc == RATEL_OK && why[0])
            tbl_report_add(r, TBL_MANIFEST, s->mline,
                           "key %s: cannot check its codes (%s): %s",
                           s->t.key_names[k], s->codes[k], why);
        else if (rc == RATEL_OK)
            compare_codes(&s->t, k, w.v, w.n, s->codes[k], s->every[k], &sink,
                          &scratch);
        free(w.v);
    }
    if (rc == RATEL_OK && (scratch.oom || warnings->oom))
        rc = RATEL_ENOMEM;
    buf_free(&scratch);
    return rc;
}

/* The engine's sink: one line each. */
static void text_line(void *ud, const char *text)
{
    buf_printf(ud, "%s\n", text);
}

static void text_unknown(void *ud, size_t row, const char *text)
{
    (void)row;
    text_line(ud, text);
}

RATEL_API int ratel_engine_table_check_codes(
    const ratel_engine *engine, size_t index, size_t key, const char *list,
    const char *const *codes, size_t ncodes, int every, char **problems)
{
    const tbl_table *t;
    buf out, scratch;
    code_sink sink = {text_unknown, text_line, NULL};
    if (problems)
        *problems = NULL;
    if (!engine || !list || (!codes && ncodes) || !problems ||
        index >= engine->tables->n)
        return RATEL_EARG;
    t = &engine->tables->tables[index];
    if (t->kind != TBL_EXACT || key >= (size_t)t->nkeys ||
        t->key_types[key] != TBL_TEXT)
        return RATEL_EARG;
    buf_init(&out);
    buf_init(&scratch);
    sink.ud = &out;
    compare_codes(t, (int)key, codes, ncodes, list, every, &sink, &scratch);
    if (out.oom || scratch.oom) {
        buf_free(&out);
        buf_free(&scratch);
        return RATEL_ENOMEM;
    }
    buf_free(&scratch);
    if (out.len)
        out.data[--out.len] = '\0';
    *problems = out.len ? buf_take(&out) : NULL;
    buf_free(&out);
    return RATEL_OK;
}
