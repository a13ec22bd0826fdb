/* lint_fields.c - `ratel lint` check 6: every declaration path the plan
 * reads (d.controls.mfa, and through locals such as `local c =
 * d.controls`) is a field of the schema the plan rates, found without a
 * declaration; a misspelling is an error with the line and the nearest
 * field. At run time the engine refuses the same read (strict access). */
#include "cli.h"
#include "lint_checks.h"

#include <stdlib.h>
#include <string.h>

/* Edit distance of two short names, capped at 3. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[65], i, j;
    if (la > 63 || lb > 63)
        return 3;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb] < 3 ? row[lb] : 3;
}

typedef struct fields {
    const ratel_engine *eng;
    size_t schema, n;
} fields;

/* The field whose path is exactly p[0..len), or -1. */
static long find(const fields *f, const char *p, size_t len,
                 ratel_schema_field *out)
{
    size_t i;
    for (i = 0; i < f->n; i++)
        if (ratel_engine_schema_field(f->eng, f->schema, i, out) ==
                RATEL_OK &&
            strlen(out->path) == len && memcmp(out->path, p, len) == 0)
            return (long)i;
    return -1;
}

/* The name nearest to `got` among the children of `parent` (a path, ""
 * for the document) or among `codes`, for "did you mean". */
static const char *nearest(const fields *f, const char *parent,
                           const char *got, const char *const *codes,
                           size_t ncodes)
{
    static char best[80];
    size_t i, plen = strlen(parent), gl = strlen(got), bd = 3;
    ratel_schema_field x;
    best[0] = '\0';
    for (i = 0; codes && i < ncodes; i++) {
        size_t d = distance(codes[i], strlen(codes[i]), got, gl);
        if (d < bd && d * 3 <= strlen(codes[i])) {
            bd = d;
            snprintf(best, sizeof best, "%s", codes[i]);
        }
    }
    for (i = 0; !codes && i < f->n; i++) {
        const char *name;
        size_t d;
        if (ratel_engine_schema_field(f->eng, f->schema, i, &x) != RATEL_OK ||
            x.input_only)
            continue;
        if (plen ? strncmp(x.path, parent, plen) != 0 || x.path[plen] != '.'
                 : strchr(x.path, '.') != NULL)
            continue;
        name = x.path + (plen ? plen + 1 : 0);
        if (strchr(name, '.') || strchr(name, '['))
            continue;
        d = distance(name, strlen(name), got, gl);
        if (d < bd && d * 3 <= strlen(name)) {
            bd = d;
            snprintf(best, sizeof best, "%s", name);
        }
    }
    return best[0] ? best : NULL;
}

/* Checks one path read; 0, or 1 when a finding was added. */
static int check_path(lint_report *r, const fields *f, const char *path,
                      int line, const char *schema_id)
{
    ratel_schema_field x;
    size_t at = 0, len = strlen(path);
    while (at < len) {
        size_t end = at + strcspn(path + at, ".");
        const char *near;
        char parent[200], got[80];
        if (end - at > 2 && memcmp(path + end - 2, "[]", 2) == 0 &&
            find(f, path, end - 2, &x) >= 0) {
            if (strcmp(x.type, "object") == 0)
                return 0; /* a field chosen at run time (c[part]): the
                             engine's strict access checks it */
            if (strcmp(x.type, "list") == 0) {
                at = end + 1; /* an item of the list */
                continue;
            }
        }
        if (find(f, path, end, &x) >= 0) {
            if (x.input_only)
                return lint_add(r, line, LINT_ERROR, LINT_CHECK_FIELDS,
                                "d.%.*s is a shorthand of the document, not "
                                "seen by plans; read the fields it stands "
                                "for (%s)", (int)end, path,
                                x.note ? x.note : "docs/schemas.md") ? 1 : 1;
            if ((strcmp(x.type, "flags") == 0 || strcmp(x.type, "set") == 0) &&
                end < len) {
                const char *code = path + end + 1;
                size_t k;
                if (strchr(code, '.'))
                    return 0; /* a boolean has no fields: Lua says so */
                for (k = 0; k < x.ncodes; k++)
                    if (strcmp(x.codes[k], code) == 0)
                        return 0;
                near = nearest(f, "", code, x.codes, x.ncodes);
                lint_add(r, line, LINT_ERROR, LINT_CHECK_FIELDS,
                         "d.%s: no such field in schema %s%s%s%s", path,
                         schema_id, near ? " (did you mean " : "",
                         near ? near : "", near ? "?)" : "");
                return 1;
            }
            if (strcmp(x.type, "object") != 0 && strcmp(x.type, "list") != 0)
                return 0; /* a value: what follows is Lua's business */
            at = end + 1;
            continue;
        }
        snprintf(parent, sizeof parent, "%.*s", at ? (int)(at - 1) : 0, path);
        snprintf(got, sizeof got, "%.*s", (int)(end - at), path + at);
        if (strchr(got, '[')) /* "incidents[]" of a list by another name */
            *strchr(got, '[') = '\0';
        near = nearest(f, parent, got, NULL, 0);
        lint_add(r, line, LINT_ERROR, LINT_CHECK_FIELDS,
                 "d.%.*s: no such field in schema %s%s%s%s", (int)end, path,
                 schema_id, near ? " (did you mean " : "", near ? near : "",
                 near ? "?)" : "");
        return 1;
    }
    return 0;
}

int lint_check_fields(lint_report *r, const lint_source *src,
                      const ratel_engine *eng, const ratel_plan_info *pi)
{
    fields f;
    ratel_schema_info info;
    size_t i;
    int rc = 0;
    f.eng = eng;
    f.n = 0;
    for (f.schema = 0; f.schema < ratel_engine_schema_count(eng); f.schema++)
        if (ratel_engine_schema(eng, f.schema, &info) == RATEL_OK &&
            strcmp(info.id, pi->schema) == 0) {
            f.n = info.nfields;
            break;
        }
    if (f.n == 0)
        return 0;
    for (i = 0; i < src->nfields; i++)
        rc |= check_path(r, &f, src->fields[i].name, src->fields[i].line,
                         pi->schema);
    return rc;
}
