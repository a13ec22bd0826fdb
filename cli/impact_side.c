/* impact_side.c - one side of `ratel impact`: PLAN or PLAN@VERSION on its
 * own tables and plans. The engine picks a plan version by each
 * declaration's effective date, so @VERSION loads the one plan file whose
 * plan has that id and version. */
#include "cli.h"
#include "impact.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* dir/name, allocated; NULL out of memory. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int is_lua(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".lua") == 0;
}

/* Plan file `path` opened alone: 1 when its plan is id@version, else 0
 * (listed as one of the versions there are when `list`, and the plan
 * is id). A file that does not load is passed over here. */
static int file_is_version(const char *tables, const char *path,
                           const char *id, const char *version, int list)
{
    ratel_engine *eng = NULL;
    ratel_plan_info info;
    int found = 0;
    if (cli_engine_open(&eng, tables, path) == RATEL_OK &&
        ratel_engine_plan_count(eng) == 1 &&
        ratel_engine_plan(eng, 0, &info) == RATEL_OK &&
        strcmp(info.id, id) == 0) {
        found = strcmp(info.version, version) == 0;
        if (list)
            fprintf(stderr, "  %s@%s  (%s, from %s)\n", info.id,
                    info.version, info.path, info.effective_date);
    }
    ratel_engine_free(eng);
    return found;
}

/* The plan file under `plans` (the file itself, or a .lua file of the
 * directory) whose plan is id@version (copied), or NULL after listing
 * the versions there are. Each file is opened alone: two versions of a
 * plan in one folder, effective on the same date, do not load together. */
static char *version_path(const char *tables, const char *plans,
                          const char *id, const char *version)
{
    struct dirent **names = NULL;
    struct stat st;
    char *found = NULL, *path;
    int i, n = 0, pass;

    if (stat(plans, &st) == 0 && S_ISDIR(st.st_mode) &&
        (n = scandir(plans, &names, is_lua, alphasort)) < 0) {
        cli_error("%s: cannot read the directory", plans);
        return NULL;
    }
    for (pass = 0; pass < 2 && !found; pass++) { /* find, else list */
        if (pass == 1)
            cli_error("%s: no plan %s at version %s; versions there:",
                      plans, id, version);
        for (i = 0; i < (names ? n : 1) && !found; i++) {
            path = names ? join(plans, names[i]->d_name)
                         : strdup(plans);
            if (path == NULL) {
                cli_error("out of memory");
                pass = 2;
                break;
            }
            if (file_is_version(tables, path, id, version, pass))
                found = path;
            else
                free(path);
        }
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return found;
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
    if (at == NULL) {
        if (cli_engine_load(&s->eng, s->tables, s->plans) != 0)
            return -1;
    } else {
        ratel_plan_info info;
        path = version_path(s->tables, s->plans, s->plan_id, at);
        if (path == NULL)
            return -1;
        if (cli_engine_load(&s->eng, s->tables, path) != 0) {
            free(path);
            return -1;
        }
        free(path);
        if (ratel_engine_plan(s->eng, 0, &info) == RATEL_OK)
            snprintf(s->effective, sizeof s->effective, "%s",
                     info.effective_date);
    }
    if (!has_plan(s->eng, s->plan_id)) {
        cli_error("%s: no plan '%s'", s->plans, s->plan_id);
        return -1;
    }
    return batch_contexts_new(&s->ctxs, s->eng, nthreads);
}

const char *impact_side_versions(const impact_side *s, char *buf,
                                 size_t size)
{
    size_t i, at = 0, n = ratel_engine_plan_count(s->eng);
    ratel_plan_info info;
    buf[0] = '\0';
    for (i = 0; i < n && at + 1 < size; i++)
        if (ratel_engine_plan(s->eng, i, &info) == RATEL_OK &&
            strcmp(info.id, s->plan_id) == 0) {
            int k = snprintf(buf + at, size - at, "%s%s (from %s, %s)",
                             at ? "; " : "", info.version,
                             info.effective_date, info.path);
            at = k < 0 ? size : at + (size_t)k;
        }
    return buf;
}

/* Days since 1970-01-01 of "YYYY-MM-DD" (proleptic Gregorian), as the
 * declaration's getters give dates. */
static int64_t days_of(const char *ymd)
{
    int y = 0, m = 1, d = 1;
    int64_t era, yoe, doy;
    (void)sscanf(ymd, "%d-%d-%d", &y, &m, &d);
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The facts the breakdowns group the declaration by. */
static void get_facts(const ratel_decl *d, impact_facts *f)
{
    const char *industry;
    if (ratel_decl_get_string(d, "applicant.industry", &industry) != RATEL_OK)
        industry = "-";
    snprintf(f->industry, sizeof f->industry, "%s", industry);
    if (ratel_decl_get_int(d, "applicant.revenue", &f->revenue) != RATEL_OK)
        f->revenue = 0;
}

int impact_side_rate(ratel_quote **out, const impact_side *s, ratel_ctx *ctx,
                     const char *json, size_t len, unsigned int flags,
                     int *renewed, impact_facts *facts)
{
    ratel_rate_options o;
    ratel_decl *d = NULL;
    int64_t date;
    int rc;

    *out = NULL;
    *renewed = 0;
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = s->plan_id;
    o.flags = flags;
    rc = ratel_decl_parse(&d, ctx, cli_plan_schema(s->eng, s->plan_id), json,
                          len);
    if (rc == RATEL_OK && s->as_of &&
        ratel_decl_get_int(d, "effective_date", &date) == RATEL_OK &&
        date < days_of(s->as_of)) {
        *renewed = 1;
        rc = ratel_decl_set_string(d, ctx, "effective_date", s->as_of);
    }
    if (rc == RATEL_OK && facts)
        get_facts(d, facts);
    if (rc == RATEL_OK)
        rc = ratel_rate(out, ctx, d, &o);
    ratel_decl_free(d);
    return rc;
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
