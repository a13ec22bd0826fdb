/* lint_tables.c - `ratel lint` check 4: in every version of every table
 * the plan declares, a key column named after a vocabulary (industry,
 * type, control, certification) must have a row for each word of the
 * vocabulary and no row a declaration can never match. */
#include "lint_checks.h"
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KEY_TEXT_MAX 256

/* Key columns named after a code field of the plan's schema: the column
 * name, the field's path, what one of its codes is called. */
static const struct {
    const char *column;
    const char *path;
    const char *what;
} key_vocabs[] = {
    {"industry", "applicant.industry", "industry"},
    {"type", "incidents[].type", "incident type"},
    {"control", "controls", "control"},
    {"certification", "certifications", "certification"},
};

/* Edit distance of a and b, capped at 3 (enough for "did you mean"). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, row[64];
    if (la >= 63 || lb >= 63)
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

static int is_word(const char *const *words, size_t n, const char *s)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(words[i], s) == 0)
            return 1;
    return 0;
}

/* The vocabulary word nearest to s (distance 2 at most), or NULL. */
static const char *nearest(const char *const *words, size_t n, const char *s)
{
    const char *best = NULL;
    size_t i, bd = 3;
    for (i = 0; i < n; i++) {
        size_t d = distance(words[i], s);
        if (d < bd) {
            bd = d;
            best = words[i];
        }
    }
    return best;
}

/* The keys of column `key` of table `t`, as NUL-separated text in one
 * block (caller frees), or NULL out of memory or on error. */
static char *column_keys(const ratel_engine *eng, size_t t, size_t rows,
                         size_t key)
{
    char *all, *p;
    size_t row;
    if (rows > (SIZE_MAX - 1) / KEY_TEXT_MAX)
        return NULL;
    if ((all = p = malloc(rows * KEY_TEXT_MAX + 1)) == NULL)
        return NULL;
    for (row = 0; row < rows; row++, p += KEY_TEXT_MAX)
        if (ratel_engine_table_key(eng, t, row, key, p, KEY_TEXT_MAX) !=
            RATEL_OK)
            p[0] = '\0';
    return all;
}

static int has_row(const char *keys, size_t rows, const char *word)
{
    size_t row;
    for (row = 0; row < rows; row++)
        if (strcmp(keys + row * KEY_TEXT_MAX, word) == 0)
            return 1;
    return 0;
}

static int check_column(lint_report *r, const ratel_engine *eng, size_t t,
                        const ratel_table_info *ti, size_t key, size_t v,
                        int line, const char *schema)
{
    size_t nwords, i, row;
    ratel_schema_field f;
    const char *const *words;
    const char *what = key_vocabs[v].what;
    char *keys;
    int rc = 0;

    if (cli_schema_field(eng, schema, key_vocabs[v].path, &f) != 0 ||
        f.ncodes == 0)
        return 0; /* the plan's schema has no such codes */
    words = f.codes;
    nwords = f.ncodes;
    if ((keys = column_keys(eng, t, ti->rows, key)) == NULL)
        return lint_add(r, line, LINT_WARNING, LINT_CHECK_KEYS,
                        "table %s: out of memory reading its keys", ti->name);
    for (row = 0; row < ti->rows; row++) {
        const char *k = keys + row * KEY_TEXT_MAX, *near;
        if (is_word(words, nwords, k))
            continue;
        near = nearest(words, nwords, k);
        rc |= lint_add(r, line, LINT_ERROR, LINT_CHECK_KEYS,
                       "table %s has a row for %s '%s', which is not a "
                       "known %s: no declaration can match it%s%s%s "
                       "(version %s, from %s)", ti->name, what, k, what,
                       near ? "; did you mean '" : "", near ? near : "",
                       near ? "'?" : "", ti->version, ti->effective_from);
    }
    for (i = 0; i < nwords; i++)
        if (!has_row(keys, ti->rows, words[i]))
            rc |= lint_add(r, line, LINT_ERROR, LINT_CHECK_KEYS,
                           "table %s has no row for %s '%s' (version %s, "
                           "from %s)", ti->name, what, words[i],
                           ti->version, ti->effective_from);
    free(keys);
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
