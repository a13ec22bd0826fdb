/* engine.c - opening, describing and freeing an engine. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi.h"
#include "engine.h"

static const char *const code_texts[] = {
    "ok", "out of memory", "bad argument", "input/output error",
    "invalid rate table", "invalid plan", "invalid declaration",
    "plan error while rating", "plan limit exceeded", "not found",
    "invalid plan result"};

const char *ratel_strerror(int code)
{
    /* code <= -N, not -code >= N: -INT_MIN overflows. */
    if (code > 0 || code <= -(int)(sizeof code_texts / sizeof *code_texts))
        return "unknown error";
    return code_texts[-code];
}

const char *ratel_version(void) { return RATEL_VERSION; }

int ratel_engine_options_init(ratel_engine_options *opts,
                              unsigned int version)
{
    static const ratel_engine_options defaults = RATEL_ENGINE_OPTIONS_INIT;
    /* the layout each version has: version 1 ends at max_milliseconds */
    size_t size = version >= 2 ? sizeof defaults
                               : ABI_END(ratel_engine_options,
                                         max_milliseconds);
    if (!opts || version == 0 || version > RATEL_ENGINE_OPTIONS_VERSION)
        return RATEL_EARG;
    memcpy(opts, &defaults, size);
    opts->version = version;
    return RATEL_OK;
}

/* The schema directory: the option, else "schemas" in the plan directory,
 * or beside the one plan file. */
static char *schema_dir(const char *plans_path, const char *opt)
{
    struct stat st;
    const char *slash;
    size_t n;
    char *dir;
    if (opt)
        return strdup(opt);
    if (stat(plans_path, &st) == 0 && S_ISDIR(st.st_mode))
        n = strlen(plans_path);
    else
        n = (slash = strrchr(plans_path, '/')) ? (size_t)(slash - plans_path)
                                               : 0;
    if (!(dir = malloc(n + 10)))
        return NULL;
    if (n == 0 && plans_path[0] != '/')
        memcpy(dir, ".", (n = 1));
    else
        memcpy(dir, plans_path, n ? n : 1);
    if (n == 0)
        n = 1; /* "/" */
    memcpy(dir + n, "/schemas", 9);
    return dir;
}

int engine_in_c_locale(ratel_engine *e,
                       int (*load)(ratel_engine *e, const void *arg),
                       const void *arg)
{
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    int rc = load(e, arg);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return rc;
}

static int load_plans(ratel_engine *e, const void *path)
{
    return plan_load_all(e, path);
}

int ratel_engine_open(ratel_engine **out, const char *tables_db,
                      const char *plans_path,
                      const ratel_engine_options *opts)
{
    ratel_engine_options defaults = RATEL_ENGINE_OPTIONS_INIT;
    ratel_engine *e;
    char *dir;
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    e = calloc(1, sizeof *e);
    if (!e)
        return RATEL_ENOMEM;
    err_init(&e->err);
    *out = e;
    if (!opts)
        opts = &defaults;
    if (!tables_db || !plans_path || opts->version < 1)
        return err_set(&e->err, RATEL_EARG, "ratel_engine_open: missing "
                       "table database, plan path or options version");
    if (opts->version > RATEL_ENGINE_OPTIONS_VERSION)
        return err_set(&e->err, RATEL_EARG, "ratel_engine_open: options of "
                       "version %u, newer than this library (%d); initialise "
                       "them with ratel_engine_options_init(, RATEL_ENGINE_OPTIONS_VERSION)",
                       opts->version, RATEL_ENGINE_OPTIONS_VERSION);
    e->limits.max_instructions = opts->max_instructions;
    e->limits.max_memory = opts->max_memory;
    e->limits.max_milliseconds = opts->max_milliseconds;
    if (opts->default_plan && !(e->default_plan = strdup(opts->default_plan)))
        return err_set(&e->err, RATEL_ENOMEM, "out of memory");
    if ((rc = tbl_load(&e->tables, tables_db, &e->err)))
        return rc;
    if (!(dir = schema_dir(plans_path,
                           opts->version >= 2 ? opts->schemas_path : NULL)))
        return err_set(&e->err, RATEL_ENOMEM, "out of memory");
    rc = schema_load_all(e, dir);
    if (rc == RATEL_OK)
        rc = engine_in_c_locale(e, load_plans, plans_path);
    if (rc == RATEL_OK)
        rc = schema_bind_plans(e, dir);
    free(dir);
    if (rc)
        return rc;
    if (e->default_plan) {
        int exists = 0;
        size_t i;
        for (i = 0; i < e->nplans; i++)
            exists |= strcmp(e->plans[i].id, e->default_plan) == 0;
        if (!exists)
            return err_set(&e->err, RATEL_ENOTFOUND, "default plan '%s' is "
                           "not among the loaded plans", e->default_plan);
    }
    return RATEL_OK;
}

void ratel_engine_free(ratel_engine *e)
{
    size_t i;
    if (!e)
        return;
    for (i = 0; i < e->nplans; i++)
        plan_def_dispose(&e->plans[i]);
    free(e->plans);
    for (i = 0; i < e->nschemas; i++)
        sch_free(e->schemas[i]);
    free(e->schemas);
    tbl_set_free(e->tables);
    free(e->default_plan);
    err_dispose(&e->err);
    free(e);
}

const char *ratel_engine_errmsg(const ratel_engine *e)
{
    return e ? e->err.message : "no engine";
}

size_t ratel_engine_plan_count(const ratel_engine *e)
{
    return e ? e->nplans : 0;
}

static int engine_plan_fill(const ratel_engine *e, size_t index,
                            ratel_plan_info *info)
{
    const plan_def *p;
    if (!e || !info || index >= e->nplans)
        return RATEL_EARG;
    p = &e->plans[index];
    info->id = p->id;
    info->insurer = p->insurer;
    info->product = p->product;
    info->version = p->version;
    info->effective_date = p->effective_str;
    info->hash = p->hash;
    info->path = p->path;
    info->tables = (const char *const *)p->tables;
    info->ntables = p->ntables;
    info->schema = p->schema_id;
    info->schema_version = p->schema_version;
    return RATEL_OK;
}

int (ratel_engine_plan)(const ratel_engine *e, size_t index,
                        ratel_plan_info *info, size_t size)
{
    ratel_plan_info full;
    int rc;
    if (!abi_size_ok(info, size, ABI_END(ratel_plan_info, schema_version)))
        return RATEL_EARG;
    memset(&full, 0, sizeof full); /* no stack bytes in the padding */
    rc = engine_plan_fill(e, index, &full);
    if (rc == RATEL_OK)
        abi_copy_out(info, size, &full, sizeof full);
    return rc;
}

int ratel_engine_plan_options(const ratel_engine *e, size_t index,
                              const ratel_options **out)
{
    if (out)
        *out = NULL;
    if (!e || !out || index >= e->nplans)
        return RATEL_EARG;
    *out = e->plans[index].options;
    return RATEL_OK;
}

const char *engine_plan_id(const ratel_engine *e, const char *id)
{
    size_t i;
    if (id)
        return id;
    if (e->default_plan)
        return e->default_plan;
    for (i = 0; i < e->nplans; i++)
        if (e->plans[i].is_default)
            return e->plans[i].id;
    return e->plans[0].id;
}

const char *ratel_engine_default_plan(const ratel_engine *e)
{
    return e && e->nplans ? engine_plan_id(e, NULL) : NULL;
}

const plan_def *engine_find_plan(const ratel_engine *e, const char *id,
                                 int32_t date, int *exists)
{
    const plan_def *best = NULL;
    size_t i;
    *exists = 0;
    id = engine_plan_id(e, id);
    for (i = 0; i < e->nplans; i++) {
        const plan_def *p = &e->plans[i];
        if (strcmp(p->id, id) != 0)
            continue;
        *exists = 1;
        if (p->effective <= date)
            best = p; /* sorted by date: the last one wins */
    }
    return best;
}
