/* testutil.h - what every cmocka unit test includes. */
#ifndef RATEL_TESTUTIL_H
#define RATEL_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ratel.h"
#include "ratel_sys.h" /* tests use the tooling API too */

/* Paths in tests are relative to the repository root (make runs there). */
#define TEST_TABLES_DIR "tables"
#define TEST_PLANS_DIR "rating-scripts"
/* The shipped product schemas: engines opened on plans in a temporary
 * directory (or tests/sandbox) name them with schemas_path. */
#define TEST_SCHEMAS_DIR "rating-scripts/schemas"
#define TEST_CYBER_SCHEMA TEST_SCHEMAS_DIR "/cyber-sme.json"

#endif

#include <sys/stat.h>
#include <unistd.h>

/* Reads a whole file (NUL-terminated); NULL if it cannot. Caller frees. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1))) {
        if (fread(data, 1, (size_t)n, f) != (size_t)n) {
            free(data);
            data = NULL;
        } else {
            data[n] = '\0';
            if (len)
                *len = (size_t)n;
        }
    }
    fclose(f);
    return data;
}

/* Writes `text` to dir/name. */
static inline void test_write(const char *dir, const char *name,
                              const char *text)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A fresh temporary directory (template in buf[64]). */
static inline const char *test_tmpdir(char buf[64])
{
    strcpy(buf, "/tmp/ratel-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
    return buf;
}

/* Removes a directory made by test_tmpdir and the files in it. */
static inline void test_rmdir(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The text of a plan with standard metadata around `body` (Lua). */
#define TEST_PLAN(body)                                                     \
    "plan = { id = 't', insurer = 'Test', product = 'Test', version = '1',"  \
    " effective_date = '2020-01-01', tables = { 'sme_terms', "               \
    "'sme_industry', 'sme_incident_severity', 'sme_deductible' } }\n" body

/* The neutral example declaration. */
#define TEST_NEUTRAL "examples/neutral.json"

/* Engine options with the shipped schemas, for plans kept elsewhere. */
static inline ratel_engine_options test_engine_options(void)
{
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
    o.schemas_path = TEST_SCHEMAS_DIR;
    return o;
}

/* The id of the schema plan `plan_id` rates (NULL: the default plan), or
 * NULL when the engine has no such plan. */
static inline const char *test_plan_schema(const ratel_engine *e,
                                           const char *plan_id)
{
    size_t i;
    ratel_plan_info info;
    if (!plan_id)
        plan_id = ratel_engine_default_plan(e);
    for (i = 0; plan_id && i < ratel_engine_plan_count(e); i++)
        if (ratel_engine_plan(e, i, &info) == RATEL_OK &&
            strcmp(info.id, plan_id) == 0)
            return info.schema;
    return NULL;
}

/* What ratel_rate_json did before schemas: parses `json` as a document
 * of the schema plan `plan_id` rates (NULL: the default plan; a plan the
 * engine lacks: the default plan's schema, and rating then says there is
 * no such plan) and rates it with that plan and `flags`. The code of the
 * step that failed, errors on ctx; *q NULL unless RATEL_OK. */
static inline int test_rate_json(ratel_quote **q, ratel_ctx *ctx,
                                 const char *json, size_t len,
                                 const char *plan_id, unsigned flags)
{
    ratel_decl *d = NULL;
    ratel_rate_options o;
    int rc;
    *q = NULL;
    rc = ratel_decl_parse(&d, ctx, test_plan_schema(ratel_ctx_engine(ctx),
                                                    plan_id),
                          json, len);
    if (rc != RATEL_OK)
        return rc;
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = plan_id;
    o.flags = flags;
    rc = ratel_rate(q, ctx, d, &o);
    ratel_decl_free(d);
    return rc;
}

/* Rates `d` with plan `plan_id` (NULL: the default) and `flags`. */
static inline int test_rate(ratel_quote **q, ratel_ctx *ctx,
                            const ratel_decl *d, const char *plan_id,
                            unsigned flags)
{
    ratel_rate_options o;
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = plan_id;
    o.flags = flags;
    return ratel_rate(q, ctx, d, &o);
}

/* The quote's JSON, malloc'd (free it), or NULL for a NULL quote. */
static inline char *test_quote_json(const ratel_quote *q)
{
    char *out = NULL;
    size_t len = 0;
    if (ratel_quote_json(q, &out, &len) != RATEL_OK)
        return NULL;
    assert_int_equal(strlen(out), len);
    return out;
}

/* Asserts that two quotes have the same JSON. */
static inline void test_assert_same_quote(const ratel_quote *a,
                                          const ratel_quote *b)
{
    char *ja = test_quote_json(a), *jb = test_quote_json(b);
    assert_non_null(ja);
    assert_non_null(jb);
    assert_string_equal(ja, jb);
    ratel_free(ja);
    ratel_free(jb);
}

#ifdef TEST_WITH_SCHEMA
/* Private-level tests: the shipped cyber-sme schema compiled here, its
 * hazard classes given as the keys of tables/sme_hazard_class.csv
 * instead of the table database's. */
#include "err.h"
#include "schema.h"

static inline int test_hazard_keys(void *ud, const char *table,
                                   const char **keys, int *n)
{
    static const char *const classes[] = {"standard", "elevated", "high"};
    int i;
    (void)ud;
    if (strcmp(table, "sme_hazard_class") != 0)
        return -1;
    *n = 3;
    for (i = 0; keys && i < 3; i++)
        keys[i] = classes[i];
    return 0;
}

/* The schema in file `path`, compiled and its tables resolved, or NULL
 * (the reason printed). */
static inline sch_schema *test_compile_schema(const char *path)
{
    size_t len = 0;
    char *text = test_slurp(path, &len);
    sch_schema *s = NULL;
    ratel_err e;
    int rc;
    if (!text)
        return NULL;
    err_init(&e);
    rc = sch_compile(&s, path, text, len, &e);
    if (rc == RATEL_OK && (rc = sch_resolve_tables(s, test_hazard_keys, NULL,
                                                   &e)) != RATEL_OK) {
        sch_free(s);
        s = NULL;
    }
    if (rc != RATEL_OK)
        fprintf(stderr, "%s\n", e.message);
    err_dispose(&e);
    free(text);
    return s;
}
#endif
