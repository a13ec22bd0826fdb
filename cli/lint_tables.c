/* lint_tables.c - `ratel lint` check 4: in every version of every table
 * the plan declares, a key column named after a vocabulary (industry,
 * type, control, certification) must have a row for each code of the
 * plan's schema and no row a declaration can never match: the check
 * `ratel tables build` runs on keys its manifest declares as codes. */
#include "lint_checks.h"
#include "cli.h"
#include "ratel_sys.h"

#include <string.h>

/* Key columns named after a code field of the plan's schema: the column
 * name and the field's path. */
static const struct {
    const char *column;
    const char *path;
} key_vocabs[] = {
    {"industry", "applicant.industry"},
    {"type", "incidents[].type"},
    {"control", "controls"},
    {"certification", "certifications"},
};

/* Checks key column `key` of table `t` against the codes of field v of
 * the plan's schema, through the library's check (the one `ratel tables
 * build` runs on keys the manifest declares as codes): each problem it
 * finds is an error at the table's declaration (a key that is not a code
 * is a row no declaration can match). */
static int check_column(lint_report *r, const ratel_engine *eng, size_t t,
                        const ratel_table_info *ti, size_t key, size_t v,
                        int line, const char *schema)
{
    ratel_schema_field f;
    char *problems = NULL, *p, *nl;
    int rc = 0;

    if (cli_schema_field(eng, schema, key_vocabs[v].path, &f) != 0 ||
        f.ncodes == 0)
        return 0; /* the plan's schema has no such codes */
    switch (ratel_engine_table_check_codes(eng, t, key, f.path, f.codes,
                                           f.ncodes, 1, &problems)) {
    case RATEL_OK:
        break;
    case RATEL_ENOMEM:
        return lint_add(r, line, LINT_WARNING, LINT_CHECK_KEYS,
                        "table %s: out of memory checking its keys", ti->name);
    default:
        return 0; /* not the text key of an exact table */
    }
    for (p = problems; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
        if ((nl = strchr(p, '\n')) != NULL)
            *nl = '\0';
        rc |= lint_add(r, line, LINT_ERROR, LINT_CHECK_KEYS,
                       "table %s (version %s, from %s): %s", ti->name,
                       ti->version, ti->effective_from, p);
    }
    ratel_free(problems);
    return rc;
}

static int declared(const ratel_plan_info *pi, const char *name)
{
    size_t i;
    for (i = 0; i < pi->ntables; i++)
        if (strcmp(pi->tables[i], name) == 0)
            return 1;
    return 0;
}

int lint_check_table_keys(lint_report *r, const lint_source *src,
                          const ratel_engine *eng, const ratel_plan_info *pi)
{
    size_t t, n = ratel_engine_table_count(eng), k, v;
    int rc = 0;

    for (t = 0; t < n; t++) {
        ratel_table_info ti;
        if (ratel_engine_table(eng, t, &ti) != RATEL_OK ||
            !declared(pi, ti.name))
            continue;
        for (k = 0; k < ti.nkeys; k++)
            for (v = 0; v < sizeof key_vocabs / sizeof key_vocabs[0]; v++)
                if (strcmp(ti.key_names[k], key_vocabs[v].column) == 0)
                    rc |= check_column(r, eng, t, &ti, k, v,
                                       lint_source_decl_line(src, ti.name),
                                       pi->schema);
    }
    return rc;
}
