/* schema_load.c - the engine's product schemas: read from a directory of
 * *.json files at engine open, code lists filled from the rate tables,
 * each plan bound to the schema it names, and the public description of
 * the schemas and their fields. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi.h"
#include "buf.h"
#include "engine.h"
#include "fileio.h"

#define SCHEMA_MAX_BYTES ((size_t)1 << 20)
#define SCHEMA_MAX_FILES 64

/* The keys of a one-key text table (its latest version), for code lists
 * that name a table: their count in *n, and into keys[] when not NULL. */
static int table_keys(void *ud, const char *name, const char **keys, int *n)
{
    const ratel_engine *e = ud;
    const tbl_table *t = NULL;
    size_t i;
    for (i = 0; i < e->tables->n; i++)
        if (strcmp(e->tables->tables[i].name, name) == 0)
            t = &e->tables->tables[i]; /* sorted by date: the last wins */
    if (!t)
        return -1; /* no such table */
    if (t->kind != TBL_EXACT || t->nkeys != 1 ||
        t->key_types[0] != TBL_TEXT || t->nrows > 100000)
        return -2; /* not a list of keys */
    *n = (int)t->nrows;
    for (i = 0; keys && i < t->nrows; i++)
        keys[i] = t->keys[i].s;
    return 0;
}

static int cmp_schema(const void *a, const void *b)
{
    return strcmp((*(sch_schema *const *)a)->id,
                  (*(sch_schema *const *)b)->id);
}

static int is_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0 && name[0] != '.';
}

/* Compiles the schema that file `path` holds (`text`, len bytes, taken
 * over: the schema keeps it) and adds it to the engine. */
static int add_schema(ratel_engine *e, const char *path, char *text,
                      size_t len)
{
    sch_schema *s = NULL, **grown;
    int rc = sch_compile(&s, path, text, len, &e->err);
    if (rc) {
        free(text);
        return rc;
    }
    s->source = text;
    s->source_len = len;
    if ((rc = sch_resolve_tables(s, table_keys, e, &e->err))) {
        sch_free(s);
        return rc;
    }
    if (engine_find_schema(e, s->id, strlen(s->id))) {
        rc = err_set(&e->err, RATEL_EPLAN, "%s: a second schema with id "
                     "'%s'", path, s->id);
        sch_free(s);
        return rc;
    }
    grown = realloc(e->schemas, (e->nschemas + 1) * sizeof *grown);
    if (!grown) {
        sch_free(s);
        return err_set(&e->err, RATEL_ENOMEM, "out of memory");
    }
    e->schemas = grown;
    e->schemas[e->nschemas++] = s;
    return RATEL_OK;
}

static int load_one(ratel_engine *e, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    int rc = file_read_all(path, SCHEMA_MAX_BYTES, &text, &len, &e->err);
    return rc ? rc : add_schema(e, path, text, len);
}

static void sort_schemas(ratel_engine *e)
{
    if (e->nschemas > 1)
        qsort(e->schemas, e->nschemas, sizeof *e->schemas, cmp_schema);
}

int schema_load_texts(ratel_engine *e, const engine_text *schemas, size_t n)
{
    size_t i;
    int rc = RATEL_OK;
    for (i = 0; rc == RATEL_OK && i < n; i++) {
        char *copy = malloc(schemas[i].len + 1);
        if (!copy)
            return err_set(&e->err, RATEL_ENOMEM, "out of memory");
        memcpy(copy, schemas[i].text, schemas[i].len);
        copy[schemas[i].len] = '\0';
        rc = add_schema(e, schemas[i].path, copy, schemas[i].len);
    }
    if (rc == RATEL_OK)
        sort_schemas(e);
    return rc;
}

int schema_load_all(ratel_engine *e, const char *dir)
{
    DIR *d;
    struct dirent *de;
    char *names[SCHEMA_MAX_FILES];
    size_t n = 0, i;
    int rc = RATEL_OK;
    if (!(d = opendir(dir))) {
        if (errno == ENOENT)
            return RATEL_OK; /* no schemas: a plan that names one says so */
        return err_set(&e->err, RATEL_EIO, "%s: cannot open the schema "
                       "directory: %s", dir, strerror(errno));
    }
    while ((de = readdir(d)) && rc == RATEL_OK) {
        char path[4096];
        struct stat st;
        if (!is_json(de->d_name))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue; /* only regular files are schemas */
        if (n == SCHEMA_MAX_FILES)
            rc = err_set(&e->err, RATEL_EPLAN, "%s: more than %d schemas",
                         dir, SCHEMA_MAX_FILES);
        else if (!(names[n++] = strdup(path)))
            rc = err_set(&e->err, RATEL_ENOMEM, "out of memory");
    }
    closedir(d);
    if (rc == RATEL_OK && n > 1) /* in file-name order, for the messages */
        for (i = 1; i < n; i++) {
            size_t j;
            char *x = names[i];
            for (j = i; j > 0 && strcmp(names[j - 1], x) > 0; j--)
                names[j] = names[j - 1];
            names[j] = x;
        }
    for (i = 0; i < n; i++) {
        if (rc == RATEL_OK)
            rc = load_one(e, names[i]);
        free(names[i]);
    }
    if (rc == RATEL_OK)
        sort_schemas(e);
    return rc;
}

const sch_schema *engine_find_schema(const ratel_engine *e, const char *id,
                                     size_t len)
{
    size_t i;
    for (i = 0; i < e->nschemas; i++)
        if (strlen(e->schemas[i]->id) == len &&
            memcmp(e->schemas[i]->id, id, len) == 0)
            return e->schemas[i];
    return NULL;
}

const char *engine_plan_schema_id(const ratel_engine *e, const char *plan_id)
{
    const char *id;
    size_t i;
    if (!e || e->nplans == 0)
        return NULL;
    id = engine_plan_id(e, plan_id);
    for (i = 0; i < e->nplans; i++)
        if (strcmp(e->plans[i].id, id) == 0)
            return e->plans[i].schema ? e->plans[i].schema->id : NULL;
    return NULL;
}

const char *engine_plan_for_schema(const ratel_engine *e,
                                   const sch_schema *s)
{
    size_t i;
    if (engine_default_schema(e) == s)
        return NULL;
    for (i = 0; i < e->nplans; i++)
        if (e->plans[i].schema == s)
            return e->plans[i].id;
    return NULL;
}

const sch_schema *engine_default_schema(const ratel_engine *e)
{
    const char *id = engine_plan_schema_id(e, NULL);
    return id ? engine_find_schema(e, id, strlen(id)) : NULL;
}

int schema_bind_plans(ratel_engine *e, const char *dir)
{
    size_t i;
    for (i = 0; i < e->nplans; i++) {
        plan_def *p = &e->plans[i];
        const sch_schema *s = engine_find_schema(e, p->schema_id,
                                                 strlen(p->schema_id));
        if (!s)
            return err_set(&e->err, RATEL_EPLAN, "%s: plan.schema names "
                           "'%s', which is not among the schemas in %s",
                           p->path, p->schema_id, dir);
        if (s->version < p->schema_version)
            return err_set(&e->err, RATEL_EPLAN, "%s: plan.schema needs "
                           "version %d of '%s'; %s is version %d", p->path,
                           p->schema_version, s->id, s->file, s->version);
        p->schema = s;
    }
    return RATEL_OK;
}

/* ---- the public description ---------------------------------------------- */

size_t ratel_engine_schema_count(const ratel_engine *e)
{
    return e ? e->nschemas : 0;
}

static int engine_schema_fill(const ratel_engine *e, size_t index,
                              ratel_schema_info *info)
{
    const sch_schema *s;
    int i;
    if (!e || !info || index >= e->nschemas)
        return RATEL_EARG;
    s = e->schemas[index];
    info->nfields = 0;
    for (i = 1; i < s->nnodes; i++) /* list items are not fields */
        if (s->nodes[s->nodes[i].parent].type != SCH_LIST)
            info->nfields++;
    info->id = s->id;
    info->version = s->version;
    info->title = s->title;
    info->description = s->description;
    info->path = s->file;
    info->hash = s->hash;
    return RATEL_OK;
}

int (ratel_engine_schema)(const ratel_engine *e, size_t index,
                          ratel_schema_info *info, size_t size)
{
    ratel_schema_info full;
    int rc;
    if (!abi_size_ok(info, size, ABI_END(ratel_schema_info, nfields)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = engine_schema_fill(e, index, &full);
    if (rc == RATEL_OK)
        abi_copy_out(info, size, &full, sizeof full);
    return rc;
}

/* The fields in document order (depth first): the node of the index-th,
 * counting from the document's first field. */
static int nth_field(const sch_schema *s, int n, size_t *left)
{
    const sch_node *x = &s->nodes[n];
    int i, found;
    if (n != 0 && (x->parent < 0 || s->nodes[x->parent].type != SCH_LIST)) {
        if ((*left)-- == 0)
            return n;
    }
    if (x->type == SCH_LIST)
        return nth_field(s, x->item, left);
    for (i = 0; x->type == SCH_OBJECT && i < x->nchildren; i++)
        if ((found = nth_field(s, x->children[i], left)) >= 0)
            return found;
    return -1;
}

static int engine_schema_field_fill(const ratel_engine *e, size_t schema,
                                    size_t index, ratel_schema_field *f)
{
    const sch_schema *s;
    const sch_node *x;
    size_t left = index;
    int n;
    if (!e || !f || schema >= e->nschemas)
        return RATEL_EARG;
    s = e->schemas[schema];
    if ((n = nth_field(s, 0, &left)) < 0)
        return RATEL_EARG;
    x = &s->nodes[n];
    memset(f, 0, sizeof *f);
    f->path = x->path;
    f->type = sch_type_names[x->type];
    f->description = x->description;
    f->required = x->required;
    f->input_only = x->input_only;
    f->default_text = x->default_text;
    f->bounds = x->bounds_text;
    f->note = x->note_text;
    if (x->codes >= 0) {
        f->codes = s->codes[x->codes].values;
        f->ncodes = (size_t)s->codes[x->codes].n;
    }
    return RATEL_OK;
}

int (ratel_engine_schema_field)(const ratel_engine *e, size_t schema,
                                size_t index, ratel_schema_field *f,
                                size_t size)
{
    ratel_schema_field full;
    int rc;
    if (!abi_size_ok(f, size, ABI_END(ratel_schema_field, note)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = engine_schema_field_fill(e, schema, index, &full);
    if (rc == RATEL_OK)
        abi_copy_out(f, size, &full, sizeof full);
    return rc;
}
