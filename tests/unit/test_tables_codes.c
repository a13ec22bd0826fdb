/* test_tables_codes.c - key columns declared as codes of a product schema
 * (docs/tables.md, "Code keys"): a key not in its lists is refused with
 * its file, line and the nearest code, and nothing is written; a code
 * with no row in an every(...) table is a warning; a list that cannot be
 * read is an error at the manifest line; the shipped tables build clean
 * against the shipped schemas. */
#include "testutil.h"

#include "ratel_sys.h"

#define MANIFEST_HEADER "file,name,version,effective_from,kind,keys,values\n"
#define ONE(keys) \
    MANIFEST_HEADER "t.csv,t,1,2026-04-01,exact," keys ",factor\n"

/* A small product schema: two code lists, one filled from a table, and an
 * object whose field names are codes too. */
static const char schema_json[] =
    "{\"schema\": \"toy\", \"version\": 1, \"title\": \"Toy\",\n"
    " \"description\": \"A schema for tests\", \"money_words\": \"yen\",\n"
    " \"codes\": {\n"
    "  \"industries\": {\"description\": \"d\", \"item\": \"industry\",\n"
    "    \"values\": [\"retail\", \"finance\", \"other\"]},\n"
    "  \"certifications\": {\"description\": \"d\",\n"
    "    \"values\": [\"isms\", \"pmark\"]},\n"
    "  \"classes\": {\"description\": \"d\", \"from_table\": \"t\"}},\n"
    " \"fields\": {\n"
    "  \"effective_date\": {\"type\": \"date\", \"description\": \"d\",\n"
    "    \"required\": true, \"role\": \"effective_date\"},\n"
    "  \"industry\": {\"type\": \"code\", \"description\": \"d\",\n"
    "    \"codes\": \"industries\", \"required\": true},\n"
    "  \"sheet\": {\"type\": \"object\", \"description\": \"d\", \"fields\": {\n"
    "    \"q1\": {\"type\": \"boolean\", \"description\": \"d\"},\n"
    "    \"q2\": {\"type\": \"boolean\", \"description\": \"d\"}}}}}\n";

typedef struct fixture {
    char dir[64];
    char db[128];
    char *msg;
} fixture;

/* Writes the schema, the manifest and t.csv into a fresh directory, then
 * builds dir/out.db, with the directory as the schema folder when
 * `with_schemas` (else none given). */
static int build(fixture *f, const char *manifest, const char *csv,
                 int with_schemas)
{
    ratel_tables_options o;
    test_tmpdir(f->dir);
    test_write(f->dir, "toy.json", schema_json);
    test_write(f->dir, "manifest.csv", manifest);
    test_write(f->dir, "t.csv", csv);
    snprintf(f->db, sizeof f->db, "%s/out.db", f->dir);
    assert_int_equal(ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION),
                     RATEL_OK);
    o.schemas_path = with_schemas ? f->dir : NULL;
    f->msg = NULL;
    return ratel_tables_build_with(f->dir, f->db, &o, &f->msg);
}

static void done(fixture *f)
{
    ratel_free(f->msg);
    test_rmdir(f->dir);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The build fails with RATEL_ETABLE, writes nothing, and its message is
 * exactly `want`; the check of the sources says the same. */
static void expect_refused(const char *manifest, const char *csv,
                           int with_schemas, const char *want)
{
    fixture f;
    ratel_tables_options o;
    char *msg = NULL;
    int rc = build(&f, manifest, csv, with_schemas);
    if (rc != RATEL_ETABLE || !f.msg || strcmp(f.msg, want) != 0)
        fail_msg("rc %d, message:\n%s\nexpected:\n%s", rc,
                 f.msg ? f.msg : "(none)", want);
    assert_false(exists(f.db));
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = with_schemas ? f.dir : NULL;
    assert_int_equal(ratel_tables_check_with(f.dir, &o, &msg), RATEL_ETABLE);
    assert_string_equal(msg, want);
    ratel_free(msg);
    done(&f);
}

static void test_tables_codes__misspelt_key_refused(void **state)
{
    (void)state;
    expect_refused(ONE("industry:code(toy.industries)"),
                   "industry,factor\nretail,1\nfinance,1.2\nretial,1.3\n", 1,
                   "t.csv:4: column industry: \"retial\" is not a code of "
                   "toy.industries; did you mean \"retail\"?");
    /* far from every code: no suggestion */
    expect_refused(ONE("industry:code(toy.industries)"),
                   "industry,factor\nmining,1\n", 1,
                   "t.csv:2: column industry: \"mining\" is not a code of "
                   "toy.industries");
}

static void test_tables_codes__good_keys_build(void **state)
{
    fixture f;
    (void)state;
    /* code(): a subset of the list is fine, and says nothing */
    assert_int_equal(build(&f, ONE("industry:code(toy.industries)"),
                           "industry,factor\nretail,1\n", 1), RATEL_OK);
    assert_null(f.msg);
    assert_true(exists(f.db));
    done(&f);
    /* two lists, and the fields of an object, on the keys of one table */
    assert_int_equal(build(&f, ONE("item:every(toy.industries|toy."
                                   "certifications) q:code(toy.sheet.*)"),
                           "item,q,factor\nretail,q1,1\nfinance,q2,1\n"
                           "other,q1,1\nisms,q1,1\npmark,q2,1\n", 1),
                     RATEL_OK);
    assert_null(f.msg);
    done(&f);
}

static void test_tables_codes__missing_code_warns(void **state)
{
    fixture f;
    (void)state;
    assert_int_equal(build(&f, ONE("industry:every(toy.industries)"),
                           "industry,factor\nretail,1\n", 1), RATEL_OK);
    assert_true(exists(f.db));
    assert_string_equal(f.msg,
                        "manifest.csv:2: warning: table t 1: column industry: "
                        "no row for \"finance\" of toy.industries\n"
                        "manifest.csv:2: warning: table t 1: column industry: "
                        "no row for \"other\" of toy.industries");
    done(&f);
}

static void test_tables_codes__lists_that_cannot_be_read(void **state)
{
    (void)state;
    expect_refused(ONE("industry:code(toy.industries)"),
                   "industry,factor\nretail,1\n", 0,
                   "manifest.csv:2: key industry: cannot check its codes "
                   "(toy.industries): schema toy: no folder of product "
                   "schemas was given (ratel tables build --schemas DIR; "
                   "ratel_tables_options.schemas_path)");
    expect_refused(ONE("industry:code(toy.industrys)"),
                   "industry,factor\nretail,1\n", 1,
                   "manifest.csv:2: key industry: cannot check its codes "
                   "(toy.industrys): schema toy has no code list "
                   "\"industrys\" (did you mean \"industries\"?)");
    expect_refused(ONE("industry:code(toy.classes)"),
                   "industry,factor\nretail,1\n", 1,
                   "manifest.csv:2: key industry: cannot check its codes "
                   "(toy.classes): toy.classes takes its codes from table "
                   "t: that table's keys are the list");
    expect_refused(ONE("q:code(toy.industry.*)"), "q,factor\nq1,1\n", 1,
                   "manifest.csv:2: key q: cannot check its codes "
                   "(toy.industry.*): schema toy has no object industry");
    expect_refused(ONE("industry:code(industries)"),
                   "industry,factor\nretail,1\n", 1,
                   "manifest.csv:2: key industry: cannot check its codes "
                   "(industries): \"industries\" is not SCHEMA.LIST or "
                   "SCHEMA.PATH.*");
    expect_refused(ONE("industry:code(../toy.industries)"),
                   "industry,factor\nretail,1\n", 1,
                   "manifest.csv:2: key industry: cannot check its codes "
                   "(../toy.industries): \"../toy.industries\" is not "
                   "SCHEMA.LIST or SCHEMA.PATH.*");
    expect_refused(ONE("industry:code(to/y.industries)"),
                   "industry,factor\nretail,1\n", 1,
                   "manifest.csv:2: key industry: cannot check its codes "
                   "(to/y.industries): schema to/y: a schema id is "
                   "[a-z0-9_-]+");
}

/* Checks a table keyed by codes of `list` against the schemas in its
 * directory (and game.json, a copy of toy.json, when `game`): the
 * message must be `want`, its "%s" the directory. */
static void expect_schema_problem(const char *list, int game,
                                  const char *want)
{
    fixture f;
    ratel_tables_options o;
    char manifest[256], text[512];
    snprintf(manifest, sizeof manifest, MANIFEST_HEADER "t.csv,t,1,2026-04-"
             "01,exact,industry:code(%s),factor\n", list);
    assert_int_equal(build(&f, manifest, "industry,factor\nretail,1\n", 0),
                     RATEL_ETABLE);
    if (game)
        test_write(f.dir, "game.json", schema_json);
    ratel_free(f.msg);
    f.msg = NULL;
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = f.dir;
    assert_int_equal(ratel_tables_check_with(f.dir, &o, &f.msg), RATEL_ETABLE);
    snprintf(text, sizeof text, want, f.dir);
    assert_string_equal(f.msg, text);
    done(&f);
}

static void test_tables_codes__schema_files(void **state)
{
    (void)state;
    expect_schema_problem("nope.industries", 0,
                          "manifest.csv:2: key industry: cannot check its "
                          "codes (nope.industries): schema nope: cannot read "
                          "%s/nope.json: No such file or directory");
    /* a file named after another schema than the one it holds */
    expect_schema_problem("game.industries", 1,
                          "manifest.csv:2: key industry: cannot check its "
                          "codes (game.industries): schema game: "
                          "%s/game.json holds schema 'toy', not 'game'");
}

static void test_tables_codes__types_where_allowed(void **state)
{
    (void)state;
    /* a code key is a key of an exact table */
    expect_refused(MANIFEST_HEADER
                   "t.csv,t,1,2026-04-01,band,industry:code(toy.industries),"
                   "factor\n",
                   "industry_from,industry_to,factor\n0,,1\n", 1,
                   "manifest.csv:2: invalid type \"code(toy.industries)\" of "
                   "key industry (only the keys of exact tables take a type)");
    expect_refused(ONE("industry:code()"), "industry,factor\nretail,1\n", 1,
                   "manifest.csv:2: invalid type \"code()\" of key industry "
                   "(integer, text, code(SCHEMA.LIST) or every(SCHEMA.LIST))");
}

/* A failed build leaves the database it would have replaced as it was. */
static void test_tables_codes__failed_build_keeps_previous(void **state)
{
    fixture f;
    char *before, *after, *msg = NULL;
    size_t nb, na;
    ratel_tables_options o;
    (void)state;
    assert_int_equal(build(&f, ONE("industry:code(toy.industries)"),
                           "industry,factor\nretail,1\n", 1), RATEL_OK);
    before = test_slurp(f.db, &nb);
    assert_non_null(before);
    test_write(f.dir, "t.csv", "industry,factor\nretail,2\nretial,1\n");
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = f.dir;
    assert_int_equal(ratel_tables_build_with(f.dir, f.db, &o, &msg),
                     RATEL_ETABLE);
    assert_non_null(strstr(msg, "t.csv:3: column industry: \"retial\""));
    after = test_slurp(f.db, &na);
    assert_non_null(after);
    assert_int_equal(na, nb);
    assert_memory_equal(after, before, nb);
    free(before);
    free(after);
    ratel_free(msg);
    done(&f);
}

static void test_tables_codes__options_checked(void **state)
{
    ratel_tables_options o;
    char *msg = NULL;
    (void)state;
    assert_int_equal(ratel_tables_options_init(&o, 0), RATEL_EARG);
    assert_int_equal(ratel_tables_options_init(&o,
                                               RATEL_TABLES_OPTIONS_VERSION + 1),
                     RATEL_EARG);
    assert_int_equal(ratel_tables_options_init(NULL, 1), RATEL_EARG);
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.version = RATEL_TABLES_OPTIONS_VERSION + 1;
    assert_int_equal(ratel_tables_build_with(TEST_TABLES_DIR, "/tmp/x.db", &o,
                                             &msg),
                     RATEL_EARG);
    assert_non_null(strstr(msg, "ratel_tables_options version 2 is not known"));
    ratel_free(msg);
    msg = NULL;
    assert_int_equal(ratel_tables_check_with(TEST_TABLES_DIR, &o, &msg),
                     RATEL_EARG);
    ratel_free(msg);
}

/* The shipped tables against the shipped schemas: no problem, no warning;
 * without the schemas, their code keys cannot be checked. */
static void test_tables_codes__shipped_clean(void **state)
{
    ratel_tables_options o;
    char *msg = NULL;
    (void)state;
    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = TEST_SCHEMAS_DIR;
    assert_int_equal(ratel_tables_check_with(TEST_TABLES_DIR, &o, &msg),
                     RATEL_OK);
    assert_null(msg);
    assert_int_equal(ratel_tables_check(TEST_TABLES_DIR, &msg), RATEL_ETABLE);
    assert_non_null(strstr(msg, "key industry: cannot check its codes "
                                "(cyber-sme.industries)"));
    ratel_free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_codes__misspelt_key_refused),
        cmocka_unit_test(test_tables_codes__good_keys_build),
        cmocka_unit_test(test_tables_codes__missing_code_warns),
        cmocka_unit_test(test_tables_codes__lists_that_cannot_be_read),
        cmocka_unit_test(test_tables_codes__schema_files),
        cmocka_unit_test(test_tables_codes__types_where_allowed),
        cmocka_unit_test(test_tables_codes__failed_build_keeps_previous),
        cmocka_unit_test(test_tables_codes__options_checked),
        cmocka_unit_test(test_tables_codes__shipped_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
