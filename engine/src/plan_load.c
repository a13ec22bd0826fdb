/* plan_load.c - reading plan files, checking each in a scratch sandbox,
 * and ordering them by id and effective date. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"
#include "fileio.h"
#include "sandbox.h"
#include "sha256.h"

#define PLAN_MAX_BYTES ((size_t)4 << 20)

void plan_def_dispose(plan_def *p)
{
    size_t i;
    free(p->id);
    free(p->insurer);
    free(p->product);
    free(p->version);
    for (i = 0; i < p->ntables; i++)
        free(p->tables[i]);
    free(p->tables);
    for (i = 0; i < p->nservices; i++)
        free(p->services[i]);
    free(p->services);
    for (i = 0; i < p->nexclusions; i++)
        free(p->exclusions[i]);
    free(p->exclusions);
    ratel_options_free(p->options);
    free(p->schema_id);
    free(p->path);
    free(p->chunkname);
    free(p->source);
    free(p->ticked);
    memset(p, 0, sizeof *p);
}

static int load_one(ratel_engine *e, sbx *scratch, const char *path)
{
    plan_def p;
    size_t i, len = strlen(path);
    int rc;
    memset(&p, 0, sizeof p);
    p.path = strdup(path);
    p.chunkname = malloc(len + 2);
    if (!p.path || !p.chunkname) {
        plan_def_dispose(&p);
        return err_set(&e->err, RATEL_ENOMEM, "out of memory");
    }
    p.chunkname[0] = '@';
    memcpy(p.chunkname + 1, path, len + 1);
    if ((rc = file_read_all(path, PLAN_MAX_BYTES, &p.source, &p.source_len,
                            &e->err))) {
        plan_def_dispose(&p);
        return rc;
    }
    sha256_hex(p.source, p.source_len, p.hash);
    p.index = e->nplans;
    if ((rc = sbx_inspect(scratch, &p, &e->err))) {
        plan_def_dispose(&p);
        return rc;
    }
    for (i = 0; i < p.ntables; i++)
        if (!tbl_has_name(e->tables, p.tables[i])) {
            rc = err_set(&e->err, RATEL_EPLAN, "%s: plan.tables names "
                         "'%s', which is not in the table database", path,
                         p.tables[i]);
            plan_def_dispose(&p);
            return rc;
        }
    {
        plan_def *np = realloc(e->plans, (e->nplans + 1) * sizeof *np);
        if (!np) {
            plan_def_dispose(&p);
            return err_set(&e->err, RATEL_ENOMEM, "out of memory");
        }
        e->plans = np;
        e->plans[e->nplans++] = p;
    }
    return RATEL_OK;
}

static int has_lua_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".lua") == 0 && name[0] != '.';
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted *.lua paths in a directory. */
static int list_dir(const char *dir, char ***out, size_t *n, ratel_err *e)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t count = 0;
    if (!d)
        return err_set(e, RATEL_EIO, "%s: cannot open plan directory: %s",
                       dir, strerror(errno));
    while ((de = readdir(d))) {
        char **nn;
        size_t len;
        if (!has_lua_suffix(de->d_name))
            continue;
        nn = realloc(names, (count + 1) * sizeof *nn);
        len = strlen(dir) + strlen(de->d_name) + 2;
        if (!nn || !(nn[count] = malloc(len))) {
            names = nn ? nn : names;
            while (count)
                free(names[--count]);
            free(names);
            closedir(d);
            return err_set(e, RATEL_ENOMEM, "out of memory");
        }
        names = nn;
        snprintf(names[count], len, "%s/%s", dir, de->d_name);
        count++;
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, cmp_str);
    *out = names;
    *n = count;
    return RATEL_OK;
}

static int cmp_plan(const void *a, const void *b)
{
    const plan_def *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->effective > y->effective) - (x->effective < y->effective);
}

/* Two versions of one plan id may not share an effective date, and one
 * plan id at most may be the default. */
static int check_unique(ratel_engine *e)
{
    size_t i;
    const plan_def *def = NULL;
    for (i = 0; i < e->nplans; i++) {
        const plan_def *p = &e->plans[i];
        if (!p->is_default)
            continue;
        if (def && strcmp(def->id, p->id) != 0)
            return err_set(&e->err, RATEL_EPLAN, "%s and %s: plans '%s' and "
                           "'%s' both set plan.default", def->path, p->path,
                           def->id, p->id);
        def = p;
    }
    for (i = 0; i + 1 < e->nplans; i++) {
        const plan_def *a = &e->plans[i], *b = &e->plans[i + 1];
        if (strcmp(a->id, b->id) == 0 && a->effective == b->effective)
            return err_set(&e->err, RATEL_EPLAN, "%s and %s: two versions "
                           "of plan '%s' take effect on %s", a->path,
                           b->path, a->id, a->effective_str);
    }
    return RATEL_OK;
}

int plan_load_all(ratel_engine *e, const char *path)
{
    struct stat st;
    sbx *scratch;
    char **files = NULL;
    size_t nfiles = 0, i;
    int rc = RATEL_OK;
    if (stat(path, &st) != 0)
        return err_set(&e->err, RATEL_EIO, "%s: %s", path, strerror(errno));
    scratch = sbx_new(&e->limits);
    if (!scratch)
        return err_set(&e->err, RATEL_ENOMEM, "cannot create a sandbox");
    if (S_ISDIR(st.st_mode))
        rc = list_dir(path, &files, &nfiles, &e->err);
    else
        rc = load_one(e, scratch, path);
    for (i = 0; rc == RATEL_OK && i < nfiles; i++)
        rc = load_one(e, scratch, files[i]);
    for (i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    sbx_free(scratch);
    if (rc == RATEL_OK && e->nplans == 0)
        rc = err_set(&e->err, RATEL_EPLAN, "%s: no plans (*.lua) found",
                     path);
    if (rc != RATEL_OK)
        return rc;
    qsort(e->plans, e->nplans, sizeof *e->plans, cmp_plan);
    for (i = 0; i < e->nplans; i++)
        e->plans[i].index = i;
    return check_unique(e);
}
