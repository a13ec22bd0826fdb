/* test_tables.c - rate tables: build from CSV sources, load, lookups,
 * effective dating, determinism, and every build and load error. */
#include "testutil.h"

#include <dirent.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decl.h"
#include "tables.h"
#include "ratel_sys.h"

/* ---- fixture helpers ---------------------------------------------------- */

static char *make_dir(void)
{
    char tmpl[] = "/tmp/ratel_tables_XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    d = strdup(d);
    assert_non_null(d);
    return d;
}

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *p = path_in(dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
    free(p);
}

static int file_exists(const char *dir, const char *name)
{
    struct stat st;
    char *p = path_in(dir, name);
    int ok = stat(p, &st) == 0;
    free(p);
    return ok;
}

/* Removes a flat fixture directory. */
static void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        char *p;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        p = path_in(dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
    free(dir);
}

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(decl_date_parse(s, strlen(s), &d), 0);
    return d;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle)) {
        print_error("expected \"%s\" in:\n%s\n", needle, hay ? hay : "(null)");
        fail();
    }
}

#define MANIFEST_HEADER "file,name,version,effective_from,kind,keys,values\n"

static const char good_manifest[] =
    MANIFEST_HEADER
    "# base premium by revenue, two versions\n"
    "base_2025.csv,base_premium,2025.1,2025-04-01,interpolate,revenue,premium\n"
    "base_2026.csv,base_premium,2026.1,2026-04-01,interpolate,revenue,premium\n"
    "\n"
    "industry.csv,industry,2026.1,2026-04-01,exact,industry,factor:any\n"
    "limits.csv,limit_factor,2026.1,2026-04-01,exact,limit,factor\n"
    "matrix.csv,matrix,2026.1,2026-04-01,exact,industry limit,factor min_premium\n"
    "triple.csv,triple,1,2026-04-01,exact,a b:text c,v\n"
    "employees.csv,employees,2026.1,2026-04-01,band,employees,factor\n";

static void write_good_sources(const char *dir)
{
    write_file(dir, "manifest.csv", good_manifest);
    write_file(dir, "base_2025.csv",
               "revenue,premium\n"
               "0,10000\n"
               "100000000,50000\n");
    write_file(dir, "base_2026.csv",
               "# points may come in any order\n"
               "premium,revenue\n"
               "60000,100000000\n"
               "20000,0\n"
               "100000,1e9\n");
    write_file(dir, "industry.csv",
               "\xef\xbb\xbfindustry,factor\r\n"
               "retail,1.0\r\n"
               "\"finance, insurance\",1.5\r\n"
               "\"say \"\"hi\"\"\",0.5\r\n"
               "# a comment between rows\r\n"
               "\"multi word\",2\r\n"
               "manufacturing,-1.25e-1\r\n");
    write_file(dir, "limits.csv",
               "limit,factor\n"
               "10000000,1\n"
               "50000000,1.8\n"
               "-5,0.1\n");
    write_file(dir, "matrix.csv",
               "limit,industry,min_premium,factor\n"
               "10000000,retail,30000,1.1\n"
               "10000000,finance,50000,1.3\n"
               "50000000,retail,40000,1.2\n");
    write_file(dir, "triple.csv",
               "a,b,c,v\n"
               "x,1,p,1\n"
               "x,1,q,2\n"
               "x,2,p,3\n"
               "y,1,p,4\n"
               "y,x,p,5\n");
    write_file(dir, "employees.csv",
               "factor,employees_to,employees_from\n"
               "1.2,100,50\n"
               "1.0,50,0\n"
               "1.5,,100\n");
}

typedef struct fixture {
    char *dir;
    char *db;
    tbl_set *set;
} fixture;

static int setup_good(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    ratel_err e;
    char *msg = NULL;
    int rc;
    assert_non_null(f);
    f->dir = make_dir();
    write_good_sources(f->dir);
    f->db = path_in(f->dir, "ratel.db");
    rc = ratel_tables_build(f->dir, f->db, &msg);
    if (rc != RATEL_OK)
        print_error("build failed: %s\n", msg ? msg : "");
    assert_int_equal(rc, RATEL_OK);
    assert_null(msg);
    err_init(&e);
    rc = tbl_load(&f->set, f->db, &e);
    if (rc != RATEL_OK)
        print_error("load failed: %s\n", e.message);
    assert_int_equal(rc, RATEL_OK);
    err_dispose(&e);
    *state = f;
    return 0;
}

static int teardown_good(void **state)
{
    fixture *f = *state;
    tbl_set_free(f->set);
    free(f->db);
    remove_dir(f->dir);
    free(f);
    return 0;
}

static const tbl_table *get(const fixture *f, const char *name)
{
    const tbl_table *t = tbl_find(f->set, name, day("2026-06-01"));
    assert_non_null(t);
    return t;
}

static tbl_key text_key(const char *s)
{
    tbl_key k;
    memset(&k, 0, sizeof k);
    k.is_text = 1;
    k.s = s;
    k.len = strlen(s);
    return k;
}

static tbl_key int_key(int64_t i)
{
    tbl_key k;
    memset(&k, 0, sizeof k);
    k.num = (double)i;
    k.is_int = 1;
    k.i = i;
    return k;
}

static tbl_key num_key(double v)
{
    tbl_key k;
    memset(&k, 0, sizeof k);
    k.num = v;
    return k;
}

/* One-key lookup; returns the code, the first value in *v. */
static int look1(const tbl_table *t, tbl_key k, double *v)
{
    double out[8];
    int rc = tbl_lookup(t, &k, 1, out);
    *v = rc == 0 ? out[0] : NAN;
    return rc;
}

/* ---- lookups ------------------------------------------------------------ */

static void test_tables__exact_text_key(void **state)
{
    const tbl_table *t = get(*state, "industry");
    double v;
    assert_int_equal(t->key_types[0], TBL_TEXT);
    assert_int_equal(look1(t, text_key("retail"), &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(look1(t, text_key("finance, insurance"), &v), 0);
    assert_true(v == 1.5);
    assert_int_equal(look1(t, text_key("say \"hi\""), &v), 0);
    assert_true(v == 0.5);
    assert_int_equal(look1(t, text_key("multi word"), &v), 0);
    assert_true(v == 2);
    assert_int_equal(look1(t, text_key("manufacturing"), &v), 0);
    assert_true(v == -0.125);
    assert_int_equal(look1(t, text_key("retai"), &v), -1);
    assert_int_equal(look1(t, text_key("retail "), &v), -1);
    assert_int_equal(look1(t, text_key(""), &v), -1);
    /* a number for a text column is the wrong type */
    assert_int_equal(look1(t, int_key(1), &v), -2);
    assert_int_equal(look1(t, num_key(NAN), &v), -2);
}

static void test_tables__exact_int_key(void **state)
{
    const tbl_table *t = get(*state, "limit_factor");
    tbl_key k;
    double v;
    assert_int_equal(t->key_types[0], TBL_INT);
    assert_int_equal(look1(t, int_key(10000000), &v), 0);
    assert_true(v == 1);
    assert_int_equal(look1(t, int_key(50000000), &v), 0);
    assert_true(v == 1.8);
    assert_int_equal(look1(t, int_key(-5), &v), 0);
    assert_true(v == 0.1);
    assert_int_equal(look1(t, int_key(20000000), &v), -1);
    /* a fractional number matches no integer key; text is the wrong type */
    assert_int_equal(look1(t, num_key(10000000.5), &v), -1);
    assert_int_equal(look1(t, text_key("10000000"), &v), -2);
    assert_int_equal(look1(t, num_key(NAN), &v), -2);
    /* only is_int and i count for an integer column */
    k = int_key(50000000);
    k.num = 0;
    assert_int_equal(look1(t, k, &v), 0);
    assert_true(v == 1.8);
}

static void test_tables__exact_two_keys(void **state)
{
    const tbl_table *t = get(*state, "matrix");
    tbl_key k[2];
    double out[2];
    assert_int_equal(t->nkeys, 2);
    assert_string_equal(t->key_names[0], "industry");
    assert_string_equal(t->key_names[1], "limit");
    assert_int_equal(t->key_types[0], TBL_TEXT);
    assert_int_equal(t->key_types[1], TBL_INT);
    assert_int_equal(t->nvalues, 2);
    assert_string_equal(t->value_names[0], "factor");
    assert_string_equal(t->value_names[1], "min_premium");
    k[0] = text_key("finance");
    k[1] = int_key(10000000);
    assert_int_equal(tbl_lookup(t, k, 2, out), 0);
    assert_true(out[0] == 1.3 && out[1] == 50000);
    k[0] = text_key("retail");
    k[1] = int_key(50000000);
    assert_int_equal(tbl_lookup(t, k, 2, out), 0);
    assert_true(out[0] == 1.2 && out[1] == 40000);
    k[0] = text_key("finance");
    assert_int_equal(tbl_lookup(t, k, 2, out), -1);
    /* key count must match; a swapped tuple has the wrong types */
    assert_int_equal(tbl_lookup(t, k, 1, out), -2);
    k[0] = int_key(10000000);
    k[1] = text_key("retail");
    assert_int_equal(tbl_lookup(t, k, 2, out), -2);
}

static void test_tables__exact_three_keys(void **state)
{
    const tbl_table *t = get(*state, "triple");
    tbl_key k[3];
    double v;
    assert_int_equal(t->nkeys, 3);
    /* column b is declared text (it holds "1" and "x") */
    assert_int_equal(t->key_types[0], TBL_TEXT);
    assert_int_equal(t->key_types[1], TBL_TEXT);
    assert_int_equal(t->key_types[2], TBL_TEXT);
    k[0] = text_key("x");
    k[1] = text_key("1");
    k[2] = text_key("q");
    assert_int_equal(tbl_lookup(t, k, 3, &v), 0);
    assert_true(v == 2);
    k[0] = text_key("y");
    k[1] = text_key("x");
    k[2] = text_key("p");
    assert_int_equal(tbl_lookup(t, k, 3, &v), 0);
    assert_true(v == 5);
    k[2] = text_key("q");
    assert_int_equal(tbl_lookup(t, k, 3, &v), -1);
    k[1] = int_key(1);
    assert_int_equal(tbl_lookup(t, k, 3, &v), -2);
}

static void test_tables__band_edges(void **state)
{
    const tbl_table *t = get(*state, "employees");
    double v;
    assert_int_equal(t->kind, TBL_BAND);
    assert_int_equal(t->nrows, 3);
    /* sorted by lower bound whatever the source order */
    assert_true(t->lo[0] == 0 && t->hi[0] == 50);
    assert_true(t->lo[2] == 100 && isinf(t->hi[2]));
    assert_int_equal(look1(t, int_key(0), &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(look1(t, num_key(49.999), &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(look1(t, int_key(50), &v), 0); /* upper exclusive */
    assert_true(v == 1.2);
    assert_int_equal(look1(t, int_key(99), &v), 0);
    assert_true(v == 1.2);
    assert_int_equal(look1(t, int_key(100), &v), 0);
    assert_true(v == 1.5);
    assert_int_equal(look1(t, num_key(1e12), &v), 0); /* open top */
    assert_true(v == 1.5);
    assert_int_equal(look1(t, num_key(-0.5), &v), -1); /* below first */
    assert_int_equal(look1(t, num_key(NAN), &v), -2);
    assert_int_equal(look1(t, text_key("5"), &v), -2);
}

static void test_tables__band_closed_top(void **state)
{
    char *dir = make_dir(), *db = path_in(dir, "t.db"), *msg = NULL;
    tbl_set *set;
    ratel_err e;
    const tbl_table *t;
    double v;
    write_file(dir, "manifest.csv",
               MANIFEST_HEADER "b.csv,b,1,2026-01-01,band,x,f\n");
    write_file(dir, "b.csv", "x_from,x_to,f\n0,10,1\n10,20,2\n");
    assert_int_equal(ratel_tables_build(dir, db, &msg), RATEL_OK);
    err_init(&e);
    assert_int_equal(tbl_load(&set, db, &e), RATEL_OK);
    t = tbl_find(set, "b", day("2026-01-01"));
    assert_non_null(t);
    assert_int_equal(look1(t, num_key(19.5), &v), 0);
    assert_true(v == 2);
    assert_int_equal(look1(t, int_key(20), &v), -1); /* at a closed top */
    assert_int_equal(look1(t, int_key(1000), &v), -1);
    tbl_set_free(set);
    err_dispose(&e);
    free(db);
    remove_dir(dir);
    (void)state;
}

static void test_tables__interpolation(void **state)
{
    const tbl_table *t = get(*state, "base_premium");
    double v;
    assert_string_equal(t->version, "2026.1");
    assert_int_equal(t->kind, TBL_INTERP);
    assert_null(t->hi);
    /* exact points */
    assert_int_equal(look1(t, int_key(0), &v), 0);
    assert_true(v == 20000);
    assert_int_equal(look1(t, int_key(100000000), &v), 0);
    assert_true(v == 60000);
    assert_int_equal(look1(t, int_key(1000000000), &v), 0);
    assert_true(v == 100000);
    /* midpoints */
    assert_int_equal(look1(t, int_key(50000000), &v), 0);
    assert_true(v == 40000);
    assert_int_equal(look1(t, int_key(550000000), &v), 0);
    assert_true(v == 80000);
    assert_int_equal(look1(t, int_key(25000000), &v), 0);
    assert_true(fabs(v - 30000) < 1e-6);
    /* clamped at both ends */
    assert_int_equal(look1(t, num_key(-1e9), &v), 0);
    assert_true(v == 20000);
    assert_int_equal(look1(t, num_key(5e12), &v), 0);
    assert_true(v == 100000);
    assert_int_equal(look1(t, num_key(INFINITY), &v), 0);
    assert_true(v == 100000);
    assert_int_equal(look1(t, num_key(NAN), &v), -2);
    assert_int_equal(look1(t, text_key("1"), &v), -2);
}

static void test_tables__effective_dating(void **state)
{
    fixture *f = *state;
    const tbl_table *t;
    t = tbl_find(f->set, "base_premium", day("2026-03-31"));
    assert_non_null(t);
    assert_string_equal(t->version, "2025.1");
    assert_string_equal(t->effective_str, "2025-04-01");
    assert_int_equal(t->effective_from, day("2025-04-01"));
    t = tbl_find(f->set, "base_premium", day("2026-04-01"));
    assert_non_null(t);
    assert_string_equal(t->version, "2026.1");
    t = tbl_find(f->set, "base_premium", day("2999-12-31"));
    assert_non_null(t);
    assert_string_equal(t->version, "2026.1");
    t = tbl_find(f->set, "base_premium", day("2025-04-01"));
    assert_non_null(t);
    assert_string_equal(t->version, "2025.1");
    assert_null(tbl_find(f->set, "base_premium", day("2025-03-31")));
    assert_true(tbl_has_name(f->set, "base_premium"));
    assert_null(tbl_find(f->set, "industry", day("2026-03-31")));
    assert_true(tbl_has_name(f->set, "industry"));
    assert_null(tbl_find(f->set, "nope", day("2026-06-01")));
    assert_false(tbl_has_name(f->set, "nope"));
    assert_false(tbl_has_name(f->set, "a"));
    assert_false(tbl_has_name(f->set, "zzz"));
}

static void test_tables__whole_table(void **state)
{
    fixture *f = *state;
    const tbl_table *t = get(f, "matrix");
    size_t k;
    /* sorted by name then date */
    assert_int_equal(f->set->n, 7);
    for (k = 1; k < f->set->n; k++) {
        int d = strcmp(f->set->tables[k - 1].name, f->set->tables[k].name);
        assert_true(d < 0 || (d == 0 && f->set->tables[k - 1].effective_from <
                                            f->set->tables[k].effective_from));
    }
    assert_string_equal(t->name, "matrix");
    assert_string_equal(t->source, "matrix.csv");
    assert_int_equal(t->kind, TBL_EXACT);
    assert_int_equal(t->nrows, 3);
    /* rows in source order, keys in manifest order, values likewise */
    assert_string_equal(t->keys[0].s, "retail");
    assert_int_equal(t->keys[1].i, 10000000);
    assert_string_equal(t->keys[2].s, "finance");
    assert_string_equal(t->keys[4].s, "retail");
    assert_int_equal(t->keys[5].i, 50000000);
    assert_true(t->values[0] == 1.1 && t->values[1] == 30000);
    assert_true(t->values[4] == 1.2 && t->values[5] == 40000);
    assert_non_null(t->slots);
    assert_true(t->nslots >= 2 * t->nrows);
    t = get(f, "industry");
    assert_int_equal(t->nrows, 5);
    assert_string_equal(t->keys[3].s, "multi word");
}

/* Dumps a set as text: everything a lookup can see. */
static void dump_set(const tbl_set *set, buf *b)
{
    size_t k, r;
    int j;
    for (k = 0; k < set->n; k++) {
        const tbl_table *t = &set->tables[k];
        buf_printf(b, "%s %s %s %s %d %d %d %zu\n", t->name, t->version,
                   t->source, t->effective_str, (int)t->kind, t->nkeys,
                   t->nvalues, t->nrows);
        for (j = 0; j < t->nkeys; j++)
            buf_printf(b, " key %s %d\n", t->key_names[j], (int)t->key_types[j]);
        for (j = 0; j < t->nvalues; j++)
            buf_printf(b, " value %s\n", t->value_names[j]);
        for (r = 0; r < t->nrows; r++) {
            for (j = 0; j < t->nkeys && t->kind == TBL_EXACT; j++) {
                const tbl_cell *c = &t->keys[r * (size_t)t->nkeys + (size_t)j];
                if (t->key_types[j] == TBL_INT)
                    buf_put_i64(b, c->i);
                else
                    buf_put_json_string(b, c->s);
                buf_putc(b, ' ');
            }
            if (t->lo) {
                buf_put_double(b, t->lo[r]);
                buf_putc(b, ' ');
            }
            if (t->hi) {
                buf_put_double(b, isinf(t->hi[r]) ? -1 : t->hi[r]);
                buf_putc(b, ' ');
            }
            for (j = 0; j < t->nvalues; j++) {
                buf_put_double(b, t->values[r * (size_t)t->nvalues + (size_t)j]);
                buf_putc(b, ' ');
            }
            buf_putc(b, '\n');
        }
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static void test_tables__deterministic_build(void **state)
{
    fixture *f = *state;
    char *db2 = path_in(f->dir, "again.db"), *msg = NULL, *a, *b;
    tbl_set *set2;
    ratel_err e;
    buf d1, d2;
    size_t la, lb;

    assert_int_equal(ratel_tables_build(f->dir, db2, &msg), RATEL_OK);
    err_init(&e);
    assert_int_equal(tbl_load(&set2, db2, &e), RATEL_OK);
    buf_init(&d1);
    buf_init(&d2);
    dump_set(f->set, &d1);
    dump_set(set2, &d2);
    assert_false(d1.oom || d2.oom);
    assert_true(d1.len > 200);
    assert_string_equal(buf_cstr(&d1), buf_cstr(&d2));
    /* the files themselves are identical too (no timestamps) */
    a = read_all(f->db, &la);
    b = read_all(db2, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    /* building over an existing database replaces it; no temp file left */
    assert_int_equal(ratel_tables_build(f->dir, db2, &msg), RATEL_OK);
    assert_int_equal(ratel_tables_check(db2, &msg), RATEL_OK);
    assert_null(msg);
    assert_int_equal(ratel_tables_check(f->dir, &msg), RATEL_OK);
    assert_null(msg);
    {
        DIR *dd = opendir(f->dir);
        struct dirent *ent;
        while ((ent = readdir(dd)) != NULL)
            assert_null(strstr(ent->d_name, ".tmp-"));
        closedir(dd);
    }
    buf_free(&d1);
    buf_free(&d2);
    tbl_set_free(set2);
    err_dispose(&e);
    free(db2);
}

/* ---- build errors ------------------------------------------------------- */

/* Builds sources made of a manifest and up to two files; expects `rc`, no
 * database written, and the same message from ratel_tables_check. Returns
 * the message (free with ratel_free). */
static char *build_fail(int want, const char *manifest, const char *f1,
                        const char *t1, const char *f2, const char *t2)
{
    char *dir = make_dir(), *db = path_in(dir, "out.db"), *msg = NULL,
         *msg2 = NULL;
    int rc;
    if (manifest)
        write_file(dir, "manifest.csv", manifest);
    if (f1)
        write_file(dir, f1, t1);
    if (f2)
        write_file(dir, f2, t2);
    rc = ratel_tables_build(dir, db, &msg);
    if (rc != want)
        print_error("rc %d, message:\n%s\n", rc, msg ? msg : "(null)");
    assert_int_equal(rc, want);
    assert_non_null(msg);
    assert_false(file_exists(dir, "out.db"));
    assert_int_equal(ratel_tables_check(dir, &msg2), want);
    assert_string_equal(msg, msg2);
    ratel_free(msg2);
    free(db);
    remove_dir(dir);
    return msg;
}

#define ONE(kind, keys, values) \
    MANIFEST_HEADER "t.csv,t,1,2026-04-01," kind "," keys "," values "\n"

/* Expects the build of manifest ONE(...) and t.csv to fail mentioning
 * each of the given texts. */
static void expect_table_error(const char *manifest, const char *csv,
                               const char *want1, const char *want2)
{
    char *msg = build_fail(RATEL_ETABLE, manifest, "t.csv", csv, NULL, NULL);
    assert_contains(msg, want1);
    if (want2)
        assert_contains(msg, want2);
    ratel_free(msg);
}

static void test_tables__err_unknown_column(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor,extra\nretail,1,2\n",
                       "t.csv:1: unknown column \"extra\"", NULL);
    (void)state;
}

static void test_tables__err_missing_column(void **state)
{
    expect_table_error(ONE("band", "n", "factor"),
                       "# header on line 2\nn_from,factor\n0,1\n",
                       "t.csv:2: missing column \"n_to\"", NULL);
    (void)state;
}

static void test_tables__err_duplicate_column(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor,factor\nretail,1,1\n",
                       "t.csv:1: duplicate column \"factor\"", NULL);
    (void)state;
}

static void test_tables__err_cell_count(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor\nretail,1\nit,1,2\nfinance\n",
                       "t.csv:3: expected 2 cells, found 3",
                       "t.csv:4: expected 2 cells, found 1");
    (void)state;
}

static void test_tables__err_not_a_number(void **state)
{
    char *msg = build_fail(RATEL_ETABLE, ONE("exact", "industry", "factor:any"),
                           "t.csv",
                           "industry,factor\na,abc\nb,nan\nc,inf\nd,0x10\n"
                           "e,1.5.2\nf, 1\ng,1e999\nh,\ni,-.5e+3\nj,+7.\n",
                           NULL, NULL);
    assert_contains(msg, "t.csv:2: column factor: \"abc\" is not a number");
    assert_contains(msg, "t.csv:3: column factor: \"nan\" is not a number");
    assert_contains(msg, "t.csv:4: column factor: \"inf\" is not a number");
    assert_contains(msg, "t.csv:5: column factor: \"0x10\" is not a number");
    assert_contains(msg, "t.csv:6: column factor: \"1.5.2\" is not a number");
    assert_contains(msg, "t.csv:7: column factor: \" 1\" is not a number");
    assert_contains(msg, "t.csv:8: column factor: \"1e999\" is not a number");
    assert_contains(msg, "t.csv:9: column factor: \"\" is not a number");
    assert_null(strstr(msg, "t.csv:10:"));
    assert_null(strstr(msg, "t.csv:11:"));
    ratel_free(msg);
    (void)state;
}

static void test_tables__err_band_bounds(void **state)
{
    expect_table_error(ONE("band", "n", "f"),
                       "n_from,n_to,f\n0,10,1\n10,5,1\n",
                       "t.csv:3: band n_from 10 is not below n_to 5", NULL);
    expect_table_error(ONE("band", "n", "f"),
                       "n_from,n_to,f\n0,10,1\n10,10,1\n",
                       "t.csv:3: band n_from 10 is not below n_to 10", NULL);
    expect_table_error(ONE("band", "n", "f"),
                       "n_from,n_to,f\nx,10,1\n10,y,1\n",
                       "t.csv:2: column n_from: \"x\" is not a number",
                       "t.csv:3: column n_to: \"y\" is not a number");
    (void)state;
}

static void test_tables__err_band_gap(void **state)
{
    expect_table_error(ONE("band", "n", "f"),
                       "n_from,n_to,f\n0,10,1\n12,20,1\n",
                       "t.csv:3: gap between bands: the band at line 2 ends "
                       "at 10, this band starts at 12", NULL);
    (void)state;
}

static void test_tables__err_band_overlap(void **state)
{
    expect_table_error(ONE("band", "n", "f"),
                       "n_from,n_to,f\n8,20,1\n0,10,1\n",
                       "t.csv:2: overlapping bands: the band at line 3 ends "
                       "at 10, this band starts at 8", NULL);
    (void)state;
}

static void test_tables__err_open_top_not_last(void **state)
{
    expect_table_error(ONE("band", "n", "f"),
                       "n_from,n_to,f\n0,,1\n10,20,1\n",
                       "t.csv:2: open-ended band (empty n_to) must be the "
                       "last band", NULL);
    (void)state;
}

static void test_tables__err_duplicate_key(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor\nretail,1\nit,2\nretail,3\n",
                       "t.csv:4: duplicate key (retail), first at line 2",
                       NULL);
    expect_table_error(ONE("exact", "industry limit", "factor"),
                       "industry,limit,factor\nretail,10,1\nretail,20,2\n"
                       "retail,10,3\n",
                       "t.csv:4: duplicate key (retail, 10), first at line 2",
                       NULL);
    (void)state;
}

static void test_tables__err_duplicate_point(void **state)
{
    expect_table_error(ONE("interpolate", "revenue", "premium"),
                       "revenue,premium\n0,1\n100,2\n1e2,3\n",
                       "t.csv:4: duplicate point 100, first at line 3", NULL);
    (void)state;
}

static void test_tables__err_interp_one_point(void **state)
{
    expect_table_error(ONE("interpolate", "revenue", "premium"),
                       "revenue,premium\n\n0,1\n",
                       "t.csv:3: an interpolate table needs at least 2 "
                       "points, found 1", NULL);
    (void)state;
}

static void test_tables__err_empty_table(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor\n# nothing yet\n",
                       "t.csv:1: table has no rows", NULL);
    expect_table_error(ONE("exact", "industry", "factor"), "",
                       "t.csv:1: empty file: no header row", NULL);
    (void)state;
}

static void test_tables__err_same_date(void **state)
{
    char *msg = build_fail(RATEL_ETABLE,
                           MANIFEST_HEADER
                           "a.csv,t,1,2026-04-01,exact,k,v\n"
                           "a.csv,t,2,2026-04-01,exact,k,v\n",
                           "a.csv", "k,v\nx,1\n", NULL, NULL);
    assert_contains(msg, "manifest.csv:3: table t has two versions effective "
                         "2026-04-01 (manifest lines 2 and 3)");
    ratel_free(msg);
    (void)state;
}

static void test_tables__err_same_version(void **state)
{
    char *msg = build_fail(RATEL_ETABLE,
                           MANIFEST_HEADER
                           "a.csv,t,1,2026-04-01,exact,k,v\n"
                           "# a comment\n"
                           "a.csv,t,1,2027-04-01,exact,k,v\n",
                           "a.csv", "k,v\nx,1\n", NULL, NULL);
    assert_contains(msg, "manifest.csv:4: table t version 1 is listed twice "
                         "(manifest lines 2 and 4)");
    ratel_free(msg);
    (void)state;
}

static void test_tables__err_manifest_fields(void **state)
{
    char *msg = build_fail(
        RATEL_ETABLE,
        MANIFEST_HEADER
        "a.csv,t1,1,2026-04-01,lookup,k,v\n"
        "a.csv,t2,1,2026-02-30,exact,k,v\n"
        "a.csv,Bad-Name,1,2026-04-01,exact,k,v\n"
        "a.csv,t3,1,2026-04-01,exact,a b c d,v\n"
        "a.csv,t4,1,2026-04-01,band,a b,v\n"
        "a.csv,t5,1,2026-04-01,exact,k  j,v\n"
        "a.csv,t6,1,2026-04-01,exact,k,\n"
        "a.csv,t7,1 2,2026-04-01,exact,k,v\n"
        "../a.csv,t8,1,2026-04-01,exact,k,v\n"
        "a.csv,t9,1,2026-04-01,exact,k,k\n"
        "a.csv,t10,1,2026-04-01,exact\n",
        "a.csv", "k,v\nx,1\n", NULL, NULL);
    assert_contains(msg, "manifest.csv:2: unknown kind \"lookup\"");
    assert_contains(msg, "manifest.csv:3: invalid effective_from "
                         "\"2026-02-30\"");
    assert_contains(msg, "manifest.csv:4: invalid table name \"Bad-Name\"");
    assert_contains(msg, "manifest.csv:5: invalid keys \"a b c d\"");
    assert_contains(msg, "manifest.csv:6: a band table takes exactly one key, "
                         "not 2");
    assert_contains(msg, "manifest.csv:7: invalid keys \"k  j\"");
    assert_contains(msg, "manifest.csv:8: invalid values \"\"");
    assert_contains(msg, "manifest.csv:9: invalid version \"1 2\"");
    assert_contains(msg, "manifest.csv:10: invalid file \"../a.csv\"");
    assert_contains(msg, "manifest.csv:11: column name k is used twice");
    assert_contains(msg, "manifest.csv:12: expected 7 cells, found 5");
    ratel_free(msg);
    msg = build_fail(RATEL_ETABLE, "file,name,version,kind,keys,values\n",
                     NULL, NULL, NULL, NULL);
    assert_contains(msg, "manifest.csv:1: the header must be exactly");
    ratel_free(msg);
    (void)state;
}

static void test_tables__err_missing_file(void **state)
{
    char *msg = build_fail(RATEL_ETABLE,
                           MANIFEST_HEADER
                           "a.csv,a,1,2026-04-01,exact,k,v\n"
                           "nope.csv,b,1,2026-04-01,exact,k,v\n",
                           "a.csv", "k,v\nx,1\n", NULL, NULL);
    assert_contains(msg, "manifest.csv:3: cannot read nope.csv: No such file");
    ratel_free(msg);
    /* no manifest at all, or no directory: an I/O error */
    msg = build_fail(RATEL_EIO, NULL, NULL, NULL, NULL, NULL);
    assert_contains(msg, "manifest.csv: cannot read");
    ratel_free(msg);
    assert_int_equal(ratel_tables_build("/nonexistent/dir", "/tmp/x.db", &msg),
                     RATEL_EIO);
    assert_contains(msg, "/nonexistent/dir");
    ratel_free(msg);
    (void)state;
}

static void test_tables__err_unterminated_quote(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor\nretail,1\n\"it,2\nfinance,3\n",
                       "t.csv:3: unterminated quoted field", NULL);
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor\n\"ret\"ail,1\nre\"tail,1\n",
                       "t.csv:2: unexpected character after a closing quote",
                       "t.csv:3: quote inside an unquoted field");
    (void)state;
}

static void test_tables__err_bad_utf8(void **state)
{
    expect_table_error(ONE("exact", "industry", "factor"),
                       "industry,factor\nretail,1\n\xff\xfe,2\n",
                       "t.csv:3: invalid UTF-8", NULL);
    (void)state;
}

/* Every problem of every file is reported, with its own line. */
static void test_tables__err_reports_all(void **state)
{
    char *msg = build_fail(RATEL_ETABLE,
                           MANIFEST_HEADER
                           "a.csv,a,1,2026-04-01,exact,k,v\n"
                           "b.csv,b,1,2026-04-01,band,n,v\n"
                           "c.csv,c,1,2026-04-01,lookup,k,v\n",
                           "a.csv", "k,v\nx,1\ny,oops\nx,3\n",
                           "b.csv", "n_from,n_to,v\n0,10,1\n20,,2\n");
    assert_contains(msg, "manifest.csv:4: unknown kind \"lookup\"");
    assert_contains(msg, "a.csv:3: column v: \"oops\" is not a number");
    assert_contains(msg, "a.csv:4: duplicate key (x), first at line 2");
    assert_contains(msg, "b.csv:3: gap between bands");
    ratel_free(msg);
    (void)state;
}

static void test_tables__err_args(void **state)
{
    char *msg = NULL;
    assert_int_equal(ratel_tables_build(NULL, "x.db", &msg), RATEL_EARG);
    assert_non_null(msg);
    ratel_free(msg);
    assert_int_equal(ratel_tables_check(NULL, NULL), RATEL_EARG);
    assert_int_equal(ratel_tables_check("/nonexistent/x.db", &msg), RATEL_EIO);
    ratel_free(msg);
    ratel_free(NULL);
    (void)state;
}

static void test_tables__err_limits(void **state)
{
    buf b;
    int k;
    char *msg;
    buf_init(&b);
    buf_puts(&b, "industry,factor\nretail,1\n");
    for (k = 0; k < 70; k++)
        buf_puts(&b, "x,");
    buf_puts(&b, "x\nbig,");
    for (k = 0; k < 70000; k++)
        buf_putc(&b, '1');
    buf_puts(&b, "\nlast,2\n");
    assert_false(b.oom);
    msg = build_fail(RATEL_ETABLE, ONE("exact", "industry", "factor"),
                     "t.csv", buf_cstr(&b), NULL, NULL);
    assert_contains(msg, "t.csv:3: more than 64 cells in a row");
    assert_contains(msg, "t.csv:4: row longer than 65536 bytes");
    assert_null(strstr(msg, "t.csv:5"));
    ratel_free(msg);
    buf_free(&b);
    (void)state;
}

/* A failed build leaves the previous database as it was. */
static void test_tables__failed_build_keeps_db(void **state)
{
    fixture *f = *state;
    char *msg = NULL;
    tbl_set *set;
    ratel_err e;
    double v;
    write_file(f->dir, "industry.csv", "industry,factor\nretail,oops\n");
    assert_int_equal(ratel_tables_build(f->dir, f->db, &msg), RATEL_ETABLE);
    assert_contains(msg, "industry.csv:2: column factor: \"oops\" is not a "
                         "number");
    ratel_free(msg);
    err_init(&e);
    assert_int_equal(tbl_load(&set, f->db, &e), RATEL_OK);
    assert_int_equal(look1(tbl_find(set, "industry", day("2026-06-01")),
                           text_key("finance, insurance"), &v), 0);
    assert_true(v == 1.5);
    tbl_set_free(set);
    err_dispose(&e);
    /* an unwritable destination is an I/O error */
    assert_int_equal(ratel_tables_build(f->dir, "/nonexistent/dir/x.db", &msg),
                     RATEL_ETABLE); /* the sources are still broken */
    ratel_free(msg);
    write_good_sources(f->dir);
    assert_int_equal(ratel_tables_build(f->dir, "/nonexistent/dir/x.db", &msg),
                     RATEL_EIO);
    assert_contains(msg, "/nonexistent/dir/x.db: cannot write the database");
    ratel_free(msg);
}

/* ---- damaged databases -------------------------------------------------- */

static void exec_sql(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
        print_error("%s\n", sqlite3_errmsg(h));
    assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

/* Copies the fixture database, changes it with `sql`, loads it. */
static void expect_load_error(fixture *f, const char *sql, int want,
                              const char *text)
{
    char *db = path_in(f->dir, "edited.db"), *data;
    tbl_set *set = NULL;
    ratel_err e;
    size_t len;
    FILE *out;
    int rc;

    data = read_all(f->db, &len);
    out = fopen(db, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(data, 1, len, out), len);
    fclose(out);
    free(data);
    exec_sql(db, sql);
    err_init(&e);
    rc = tbl_load(&set, db, &e);
    if (rc != want)
        print_error("rc %d: %s\n", rc, e.message);
    assert_int_equal(rc, want);
    assert_null(set);
    assert_contains(e.message, text);
    err_dispose(&e);
    unlink(db);
    free(db);
}

static void test_tables__bad_database(void **state)
{
    fixture *f = *state;
    char *path = path_in(f->dir, "junk.db");
    tbl_set *set = (tbl_set *)1;
    ratel_err e;

    expect_load_error(f, "UPDATE ratel_meta SET value = '99' "
                         "WHERE key = 'schema_version'",
                      RATEL_ETABLE, "unsupported schema_version \"99\"");
    expect_load_error(f, "DELETE FROM ratel_meta", RATEL_ETABLE,
                      "not a ratel tables database");
    /* hand edits that break the rules name the table */
    expect_load_error(f, "UPDATE ratel_cells SET value = 40 WHERE "
                         "table_id = (SELECT id FROM ratel_tables WHERE "
                         "name = 'employees') AND row = 1 AND col = 0",
                      RATEL_ETABLE, "table employees 2026.1: employees.csv:2: "
                                    "overlapping bands");
    expect_load_error(f, "UPDATE ratel_cells SET value = 'retail' WHERE "
                         "table_id = (SELECT id FROM ratel_tables WHERE "
                         "name = 'industry') AND row = 4 AND col = 0",
                      RATEL_ETABLE, "table industry 2026.1: industry.csv:7: "
                                    "duplicate key (retail), first at line 2");
    expect_load_error(f, "UPDATE ratel_cells SET value = 'x' WHERE "
                         "table_id = (SELECT id FROM ratel_tables WHERE "
                         "name = 'limit_factor') AND row = 0 AND col = 0",
                      RATEL_ETABLE, "table limit_factor 2026.1: limits.csv:2: "
                                    "column limit: cell of the wrong type");
    expect_load_error(f, "DELETE FROM ratel_cells WHERE row = 1 AND col = 1 "
                         "AND table_id = (SELECT id FROM ratel_tables WHERE "
                         "name = 'matrix')",
                      RATEL_ETABLE, "table matrix 2026.1: database: "
                                    "ratel_cells: cells missing");
    expect_load_error(f, "UPDATE ratel_tables SET kind = 'fuzzy' WHERE "
                         "name = 'matrix'",
                      RATEL_ETABLE, "invalid name, version");
    expect_load_error(f, "UPDATE ratel_cells SET value = 5 WHERE "
                         "table_id = (SELECT id FROM ratel_tables WHERE "
                         "name = 'base_premium' AND version = '2026.1') "
                         "AND row = 2 AND col = 0",
                      RATEL_ETABLE, "table base_premium 2026.1: "
                                    "base_2026.csv:5: points out of order");
    expect_load_error(f, "DROP TABLE ratel_cells", RATEL_ETABLE,
                      "not a ratel tables database");

    /* another SQLite database, a text file, no file */
    exec_sql(path, "CREATE TABLE other(x)");
    err_init(&e);
    assert_int_equal(tbl_load(&set, path, &e), RATEL_ETABLE);
    assert_null(set);
    assert_contains(e.message, "not a ratel tables database");
    unlink(path);
    write_file(f->dir, "junk.db", "this is not a database, just some text\n"
                                  "padded out to look like a file of tables");
    assert_int_equal(tbl_load(&set, path, &e), RATEL_ETABLE);
    assert_contains(e.message, "junk.db");
    assert_int_equal(tbl_load(&set, "/nonexistent/ratel.db", &e), RATEL_EIO);
    assert_contains(e.message, "/nonexistent/ratel.db");
    assert_int_equal(tbl_load(&set, f->dir, &e), RATEL_EIO);
    {
        char *msg = NULL;
        assert_int_equal(ratel_tables_check(path, &msg), RATEL_ETABLE);
        assert_contains(msg, "not a ratel tables database");
        ratel_free(msg);
    }
    err_dispose(&e);
    free(path);
}

int main(void)
{
#define G(name) cmocka_unit_test_setup_teardown(name, setup_good, teardown_good)
    const struct CMUnitTest tests[] = {
        G(test_tables__exact_text_key),
        G(test_tables__exact_int_key),
        G(test_tables__exact_two_keys),
        G(test_tables__exact_three_keys),
        G(test_tables__band_edges),
        cmocka_unit_test(test_tables__band_closed_top),
        G(test_tables__interpolation),
        G(test_tables__effective_dating),
        G(test_tables__whole_table),
        G(test_tables__deterministic_build),
        cmocka_unit_test(test_tables__err_unknown_column),
        cmocka_unit_test(test_tables__err_missing_column),
        cmocka_unit_test(test_tables__err_duplicate_column),
        cmocka_unit_test(test_tables__err_cell_count),
        cmocka_unit_test(test_tables__err_not_a_number),
        cmocka_unit_test(test_tables__err_band_bounds),
        cmocka_unit_test(test_tables__err_band_gap),
        cmocka_unit_test(test_tables__err_band_overlap),
        cmocka_unit_test(test_tables__err_open_top_not_last),
        cmocka_unit_test(test_tables__err_duplicate_key),
        cmocka_unit_test(test_tables__err_duplicate_point),
        cmocka_unit_test(test_tables__err_interp_one_point),
        cmocka_unit_test(test_tables__err_empty_table),
        cmocka_unit_test(test_tables__err_same_date),
        cmocka_unit_test(test_tables__err_same_version),
        cmocka_unit_test(test_tables__err_manifest_fields),
        cmocka_unit_test(test_tables__err_missing_file),
        cmocka_unit_test(test_tables__err_unterminated_quote),
        cmocka_unit_test(test_tables__err_bad_utf8),
        cmocka_unit_test(test_tables__err_reports_all),
        cmocka_unit_test(test_tables__err_args),
        cmocka_unit_test(test_tables__err_limits),
        G(test_tables__failed_build_keeps_db),
        G(test_tables__bad_database),
    };
#undef G
    return cmocka_run_group_tests(tests, NULL, NULL);
}
