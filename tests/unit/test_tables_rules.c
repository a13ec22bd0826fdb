/* test_tables_rules.c - what the build refuses so that every value it
 * accepts is one a plan can use as written: value domains, key hygiene,
 * key column types, underflow, an empty manifest, CR-only line endings;
 * and where the database may be written (a regular file, a new path, a
 * symbolic link, a FIFO, a device, a directory). */
#include "testutil.h"

#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "tables.h"

#define MANIFEST_HEADER "file,name,version,effective_from,kind,keys,values\n"
#define ONE(kind, keys, values) \
    MANIFEST_HEADER "t.csv,t,1,2026-04-01," kind "," keys "," values "\n"

/* Builds a manifest and t.csv in a fresh directory into dir/out.db.
 * Returns the code; *msg gets the message (free with ratel_free); the
 * directory is left in dir for the caller to remove. */
static int build(char dir[64], const char *manifest, const char *csv,
                 char **msg)
{
    char db[128];
    test_tmpdir(dir);
    test_write(dir, "manifest.csv", manifest);
    if (csv)
        test_write(dir, "t.csv", csv);
    snprintf(db, sizeof db, "%s/out.db", dir);
    return ratel_tables_build(dir, db, msg);
}

/* Expects the build to fail with RATEL_ETABLE and a message holding each
 * of the texts given (up to three, NULL-terminated). */
static void expect_refused(const char *manifest, const char *csv,
                           const char *want1, const char *want2)
{
    char dir[64], *msg = NULL;
    int rc = build(dir, manifest, csv, &msg);
    if (rc != RATEL_ETABLE || !msg || !strstr(msg, want1) ||
        (want2 && !strstr(msg, want2)))
        fail_msg("rc %d, message:\n%s\nexpected \"%s\"%s%s", rc,
                 msg ? msg : "(none)", want1, want2 ? " and " : "",
                 want2 ? want2 : "");
    ratel_free(msg);
    test_rmdir(dir);
}

/* Expects the build to succeed; returns the loaded set (free it). */
static tbl_set *expect_built(const char *manifest, const char *csv)
{
    char dir[64], db[128], *msg = NULL;
    tbl_set *set = NULL;
    ratel_err e;
    if (build(dir, manifest, csv, &msg) != RATEL_OK)
        fail_msg("build failed: %s", msg);
    snprintf(db, sizeof db, "%s/out.db", dir);
    err_init(&e);
    if (tbl_load(&set, db, &e) != RATEL_OK)
        fail_msg("load failed: %s", e.message);
    err_dispose(&e);
    test_rmdir(dir);
    return set;
}

/* ---- value domains -------------------------------------------------- */

static void test_tables_rules__domain_default_positive(void **state)
{
    (void)state;
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\nretail,1\nit,-1\nfood,0\n",
                   "t.csv:3: column factor: -1 is not positive (if it may be, "
                   "declare the column's domain in the manifest, e.g. "
                   "factor:any)",
                   "t.csv:4: column factor: 0 is not positive");
    expect_refused(ONE("interpolate", "revenue", "premium"),
                   "revenue,premium\n0,-100\n100,200\n",
                   "t.csv:2: column premium: -100 is not positive", NULL);
}

static void test_tables_rules__domain_declared(void **state)
{
    tbl_set *set;
    const tbl_table *t;
    (void)state;
    expect_refused(ONE("exact", "k", "a:non-negative b:-1..1 c:any"),
                   "k,a,b,c\nx,-0.5,0,-7\ny,0,1.5,0\nz,1,-1.01,1\n",
                   "t.csv:2: column a: -0.5 is not non-negative",
                   "t.csv:3: column b: 1.5 is outside -1..1");
    expect_refused(ONE("exact", "k", "a:non-negative b:-1..1 c:any"),
                   "k,a,b,c\nz,1,-1.01,1\n",
                   "t.csv:2: column b: -1.01 is outside -1..1", NULL);
    set = expect_built(ONE("exact", "k", "a:non-negative b:-1..1 c:any d"),
                       "k,a,b,c,d\nx,0,-1,-7,2\ny,3,1,1e300,0.5\n");
    t = tbl_find(set, "t", 20600);
    assert_non_null(t);
    assert_int_equal(t->domains[0].kind, TBL_DOM_NONNEG);
    assert_int_equal(t->domains[1].kind, TBL_DOM_RANGE);
    assert_true(t->domains[1].lo == -1 && t->domains[1].hi == 1);
    assert_int_equal(t->domains[2].kind, TBL_DOM_ANY);
    assert_int_equal(t->domains[3].kind, TBL_DOM_POSITIVE);
    tbl_set_free(set);
    expect_refused(ONE("exact", "k", "a:big b:2..1 d:1..x e:.5..-.5"),
                   "k,a,b,d,e\nx,1,1,1,1\n",
                   "manifest.csv:2: invalid domain \"big\" of column a "
                   "(positive, non-negative, any or a range LO..HI)",
                   "invalid domain \"2..1\" of column b");
    expect_refused(ONE("exact", "k", "a c:"), "k,a,c\nx,1,1\n",
                   "manifest.csv:2: invalid values \"a c:\"", NULL);
}

/* ---- numbers -------------------------------------------------------- */

static void test_tables_rules__underflow(void **state)
{
    tbl_set *set;
    (void)state;
    expect_refused(ONE("exact", "k", "v:any"),
                   "k,v\na,1e-400\nb,-2.5e-320\nc,0.000e-999\n",
                   "t.csv:2: column v: \"1e-400\" is too close to zero to be "
                   "held (it would read as 0 or lose its digits)",
                   "t.csv:3: column v: \"-2.5e-320\" is too close to zero");
    /* zero written any way is zero, not an underflow */
    set = expect_built(ONE("exact", "k", "v:any"),
                       "k,v\nc,0.000e-999\nd,-0\ne,2.3e-308\n");
    tbl_set_free(set);
}

/* ---- keys ----------------------------------------------------------- */

static void test_tables_rules__key_hygiene(void **state)
{
    (void)state;
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\nretail ,1\n retail,1\n\"a\tb\",1\n",
                   "t.csv:2: column industry: key \"retail \" ends with a space",
                   "t.csv:3: column industry: key \" retail\" begins with a "
                   "space");
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\n\"a\tb\",1\n",
                   "t.csv:2: column industry: key \"a\\u0009b\" holds a "
                   "control character (U+0009)", NULL);
    /* a BOM at the start of the file is skipped; inside a key it is not */
    expect_refused(ONE("exact", "industry", "factor"),
                   "\xef\xbb\xbfindustry,factor\nretail,1\n\xef\xbb\xbfit,1\n",
                   "t.csv:3: column industry: key \"\\uFEFFit\" holds a "
                   "byte-order mark (U+FEFF)", NULL);
    /* a quoted line break: the row is named by the line it starts on */
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\n\"two\r\nlines\",1\nit,1\n",
                   "t.csv:2: column industry: key \"two\\u000D\\u000Alines\" "
                   "holds a control character (U+000D)", NULL);
    /* no-break and ideographic spaces, a C1 control, DEL */
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\nretail\xc2\xa0,1\n\xe3\x80\x80it,1\n"
                   "a\xc2\x85z,1\nb\x7f,1\n",
                   "t.csv:2: column industry: key \"retail\xc2\xa0\" ends with",
                   "t.csv:3: column industry: key \"\xe3\x80\x80it\" begins");
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\na\xc2\x85z,1\nb\x7f,1\n",
                   "t.csv:2: column industry: key \"a\\u0085z\" holds a "
                   "control character (U+0085)",
                   "t.csv:3: column industry: key \"b\\u007F\" holds a control "
                   "character (U+007F)");
}

static void test_tables_rules__key_types(void **state)
{
    tbl_set *set;
    const tbl_table *t;
    (void)state;
    /* one integer beyond 64 bits no longer turns the column to text */
    expect_refused(ONE("exact", "limit", "factor"),
                   "limit,factor\n100,1\n9223372036854775808,2\n",
                   "t.csv:3: column limit: integer key "
                   "\"9223372036854775808\" does not fit in 64 bits", NULL);
    expect_refused(ONE("exact", "limit", "factor"),
                   "limit,factor\n100,1\n200,1\n1e8,2\n",
                   "t.csv:4: column limit mixes integer keys (\"100\", line 2) "
                   "and text keys (\"1e8\", line 4): declare its type in the "
                   "manifest (limit:integer or limit:text)", NULL);
    expect_refused(ONE("exact", "code", "factor"),
                   "code,factor\nA1,1\n7,2\n",
                   "t.csv:3: column code mixes integer keys (\"7\", line 3) "
                   "and text keys (\"A1\", line 2)", NULL);
    expect_refused(ONE("exact", "limit:integer", "factor"),
                   "limit,factor\n100,1\nmany,2\n",
                   "t.csv:3: column limit: key \"many\" is not an integer (the "
                   "manifest declares limit:integer)", NULL);
    expect_refused(ONE("band", "n:integer", "factor"),
                   "n_from,n_to,factor\n0,,1\n",
                   "manifest.csv:2: invalid type \"integer\" of key n (only "
                   "the keys of exact tables take a type)", NULL);
    expect_refused(ONE("exact", "n:number", "factor"), "n,factor\n1,1\n",
                   "manifest.csv:2: invalid type \"number\" of key n (integer, "
                   "text, code(SCHEMA.LIST) or every(SCHEMA.LIST))", NULL);
    set = expect_built(ONE("exact", "code:text limit:integer", "factor"),
                       "code,limit,factor\n7,-9223372036854775808,1\n"
                       "A1,9223372036854775807,2\n99999999999999999999,0,3\n");
    t = tbl_find(set, "t", 20600);
    assert_int_equal(t->key_types[0], TBL_TEXT);
    assert_int_equal(t->key_types[1], TBL_INT);
    assert_int_equal(t->keys[1].i, INT64_MIN);
    assert_string_equal(t->keys[4].s, "99999999999999999999");
    tbl_set_free(set);
}

/* ---- files ---------------------------------------------------------- */

static void test_tables_rules__empty_manifest(void **state)
{
    (void)state;
    expect_refused(MANIFEST_HEADER, NULL,
                   "manifest.csv:1: no tables: the manifest lists none", NULL);
    expect_refused("# tables\n" MANIFEST_HEADER "# none yet\n\n", NULL,
                   "manifest.csv:2: no tables: the manifest lists none", NULL);
}

static void test_tables_rules__cr_line_endings(void **state)
{
    char dir[64], *msg = NULL;
    (void)state;
    /* one message, not an "empty file" or missing columns after it */
    assert_int_equal(build(dir, ONE("exact", "k", "v"), "k,v\rx,1\r", &msg),
                     RATEL_ETABLE);
    assert_null(strchr(msg, '\n'));
    ratel_free(msg);
    test_rmdir(dir);
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\rretail,1\rit,2\r",
                   "t.csv:1: carriage return without a line feed (lines must "
                   "end with LF or CRLF; CR alone, as old Mac files have, is "
                   "not read)", NULL);
    expect_refused(ONE("exact", "industry", "factor"),
                   "industry,factor\r\nretail,1\r\nit\r,2\r\n",
                   "t.csv:3: carriage return without a line feed", NULL);
    expect_refused("file,name,version,effective_from,kind,keys,values\r"
                   "t.csv,t,1,2026-04-01,exact,k,v\r", "k,v\nx,1\n",
                   "manifest.csv:1: carriage return without a line feed", NULL);
}

/* A FIFO where a source file should be is refused, not waited on. */
static void test_tables_rules__fifo_source(void **state)
{
    char dir[64], path[128], *msg = NULL;
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "manifest.csv", ONE("exact", "k", "v"));
    snprintf(path, sizeof path, "%s/t.csv", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(ratel_tables_check(dir, &msg), RATEL_ETABLE);
    assert_non_null(strstr(msg, "manifest.csv:2: cannot read t.csv: not a "
                                "regular file"));
    ratel_free(msg);
    test_rmdir(dir);
}

/* ---- where the database goes ----------------------------------------- */

typedef struct reader {
    char path[128];
    char *data;
    size_t len;
} reader;

/* Reads a FIFO to its end (run in a thread while the build writes). */
static void *read_fifo(void *arg)
{
    reader *r = arg;
    FILE *f = fopen(r->path, "rb");
    char chunk[4096];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        r->data = realloc(r->data, r->len + n);
        memcpy(r->data + r->len, chunk, n);
        r->len += n;
    }
    fclose(f);
    return NULL;
}

static void test_tables_rules__output_targets(void **state)
{
    char dir[64], db[128], link[128], other[128], *msg = NULL;
    struct stat st;
    reader r;
    pthread_t th;
    FILE *out;
    (void)state;

    test_tmpdir(dir);
    test_write(dir, "manifest.csv", ONE("exact", "k", "v"));
    test_write(dir, "t.csv", "k,v\nx,1\n");
    /* a symbolic link to a file: the file is replaced, the link kept */
    snprintf(db, sizeof db, "%s/real.db", dir);
    snprintf(link, sizeof link, "%s/link.db", dir);
    test_write(dir, "real.db", "old");
    assert_int_equal(symlink("real.db", link), 0);
    assert_int_equal(ratel_tables_build(dir, link, &msg), RATEL_OK);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(ratel_tables_check(db, &msg), RATEL_OK);

    /* a FIFO gets the bytes of the database; it is not replaced */
    memset(&r, 0, sizeof r);
    snprintf(r.path, sizeof r.path, "%s/fifo", dir);
    assert_int_equal(mkfifo(r.path, 0600), 0);
    assert_int_equal(pthread_create(&th, NULL, read_fifo, &r), 0);
    for (;;) {
        const struct timespec ms = {0, 1000000};
        if (ratel_tables_build(dir, r.path, &msg) == RATEL_OK)
            break;
        /* ENXIO: the reader has not opened its end yet */
        assert_non_null(strstr(msg, "after 0 of"));
        ratel_free(msg);
        msg = NULL;
        nanosleep(&ms, NULL);
    }
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(lstat(r.path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    snprintf(other, sizeof other, "%s/from_fifo.db", dir);
    out = fopen(other, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(r.data, 1, r.len, out), r.len);
    fclose(out);
    free(r.data);
    assert_int_equal(ratel_tables_check(other, &msg), RATEL_OK);

    /* a FIFO no one reads: an error at once, nothing written */
    assert_int_equal(ratel_tables_build(dir, r.path, &msg), RATEL_EIO);
    assert_non_null(strstr(msg, "after 0 of"));
    assert_non_null(strstr(msg, "fifo is incomplete"));
    ratel_free(msg);

    /* a full device, through a link: stays a device, says what happened */
    snprintf(link, sizeof link, "%s/full.db", dir);
    assert_int_equal(symlink("/dev/full", link), 0);
    assert_int_equal(ratel_tables_build(dir, link, &msg), RATEL_EIO);
    assert_non_null(strstr(msg, "full.db: cannot write the database: No space "
                                "left on device, after 0 of"));
    assert_non_null(strstr(msg, "full.db is incomplete"));
    ratel_free(msg);
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* a directory */
    assert_int_equal(ratel_tables_build(dir, dir, &msg), RATEL_EIO);
    assert_non_null(strstr(msg, "cannot write the database: it is a "
                                "directory"));
    ratel_free(msg);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_rules__domain_default_positive),
        cmocka_unit_test(test_tables_rules__domain_declared),
        cmocka_unit_test(test_tables_rules__underflow),
        cmocka_unit_test(test_tables_rules__key_hygiene),
        cmocka_unit_test(test_tables_rules__key_types),
        cmocka_unit_test(test_tables_rules__empty_manifest),
        cmocka_unit_test(test_tables_rules__cr_line_endings),
        cmocka_unit_test(test_tables_rules__fifo_source),
        cmocka_unit_test(test_tables_rules__output_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
