/* impact_side.c - one side of `ratel impact`: PLAN or PLAN@VERSION on its
 * own tables and plans. The engine picks a plan version by each
 * declaration's effective date, so @VERSION loads the one plan file whose
 * plan has that id and version. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int open_engine(ratel_engine **eng, const char *tables,
                       const char *plans)
{
    int rc = cli_engine_open(eng, tables, plans);
    if (rc == RATEL_OK)
        return 0;
    cli_error_lines(*eng ? ratel_engine_errmsg(*eng) : NULL,
                    ratel_strerror(rc), 0);
    ratel_engine_free(*eng);
    *eng = NULL;
    return -1;
}

/* The path of plan id@version in eng (copied), or NULL after listing the
 * versions there are. */
static char *version_path(const ratel_engine *eng, const char *id,
                          const char *version, const char *plans)
{
    size_t i, n = ratel_engine_plan_count(eng);
    ratel_plan_info info;
    char *path;

    for (i = 0; i < n; i++)
        if (ratel_engine_plan(eng, i, &info) == RATEL_OK &&
            strcmp(info.id, id) == 0 && strcmp(info.version, version) == 0) {
            if ((path = strdup(info.path)) == NULL)
                cli_error("out of memory");
            return path;
        }
    cli_error("%s: no plan %s at version %s; versions there:", plans, id,
              version);
    for (i = 0; i < n; i++)
        if (ratel_engine_plan(eng, i, &info) == RATEL_OK &&
            strcmp(info.id, id) == 0)
            fprintf(stderr, "  %s@%s  (%s, from %s)\n", info.id, info.version,
                    info.path, info.effective_date);
    return NULL;
}

static int has_plan(const ratel_engine *eng, const char *id)
{
    size_t i, n = ratel_engine_plan_count(eng);
    ratel_plan_info info;
    for (i = 0; i < n; i++)
        if (ratel_engine_plan(eng, i, &info) == RATEL_OK &&
            strcmp(info.id, id) == 0)
            return 1;
    return 0;
}

int impact_side_open(impact_side *s, size_t nthreads)
{
    char *at, *path;

    s->plan_id = strdup(s->spec);
    if (s->plan_id == NULL) {
        cli_error("out of memory");
        return -1;
    }
    at = strchr(s->plan_id, '@');
    if (at != NULL)
        *at++ = '\0';
    if (open_engine(&s->eng, s->tables, s->plans) != 0)
        return -1;
    if (at != NULL) {
        path = version_path(s->eng, s->plan_id, at, s->plans);
        ratel_engine_free(s->eng);
        s->eng = NULL;
        if (path == NULL)
            return -1;
        if (open_engine(&s->eng, s->tables, path) != 0) {
            free(path);
            return -1;
        }
        free(path);
    }
    if (!has_plan(s->eng, s->plan_id)) {
        cli_error("%s: no plan '%s'", s->plans, s->plan_id);
        return -1;
    }
    return batch_contexts_new(&s->ctxs, s->eng, nthreads);
}

void impact_side_close(impact_side *s, size_t nthreads)
{
    batch_contexts_free(s->ctxs, nthreads);
    ratel_engine_free(s->eng);
    free(s->plan_id);
    s->ctxs = NULL;
    s->eng = NULL;
    s->plan_id = NULL;
}
