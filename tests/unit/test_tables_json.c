/* test_tables_json.c - a table version as JSON and back (tables_json.c,
 * the quote journal's stored table contents): every shipped table reads
 * back with the same hash and writes again to the same bytes; documents
 * that are not a valid table are refused with the table and line. */
#include "testutil.h"

#include "tables.h"

static tbl_set *shipped;

static int setup(void **state)
{
    ratel_err e;
    (void)state;
    err_init(&e);
    if (tbl_load(&shipped, "tables/ratel.db", &e) != RATEL_OK)
        return -1;
    err_dispose(&e);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tbl_set_free(shipped);
    return 0;
}

static void test_tables_json__every_shipped_table_round_trips(void **state)
{
    tbl_set *set = calloc(1, sizeof *set);
    ratel_err e;
    size_t k;
    (void)state;
    err_init(&e);
    assert_true(shipped->n > 20);
    for (k = 0; k < shipped->n; k++) {
        const tbl_table *t = &shipped->tables[k];
        buf a, b;
        buf_init(&a);
        buf_init(&b);
        assert_int_equal(tbl_json_write(t, &a), RATEL_OK);
        assert_int_equal(tbl_set_add_json(set, a.data, a.len, t->name, &e),
                         RATEL_OK);
        assert_string_equal(set->tables[set->n - 1].hash, t->hash);
        assert_int_equal(tbl_json_write(&set->tables[set->n - 1], &b),
                         RATEL_OK);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
        buf_free(&a);
        buf_free(&b);
    }
    assert_int_equal(tbl_set_sort(set, &e), RATEL_OK);
    for (k = 0; k < set->n; k++)
        assert_string_equal(set->tables[k].hash, shipped->tables[k].hash);
    /* a set with one version twice is refused */
    {
        buf a;
        buf_init(&a);
        assert_int_equal(tbl_json_write(&shipped->tables[0], &a), RATEL_OK);
        assert_int_equal(tbl_set_add_json(set, a.data, a.len, "again", &e),
                         RATEL_OK);
        assert_int_equal(tbl_set_sort(set, &e), RATEL_ETABLE);
        assert_non_null(strstr(e.message, "two versions"));
        buf_free(&a);
    }
    tbl_set_free(set);
    err_dispose(&e);
}

static void refused(const char *json, const char *what)
{
    tbl_table t;
    ratel_err e;
    err_init(&e);
    assert_int_equal(tbl_json_read(&t, json, strlen(json), "table x 1", &e),
                     RATEL_ETABLE);
    if (!strstr(e.message, what))
        fail_msg("%s: not in \"%s\"", what, e.message);
    assert_non_null(strstr(e.message, "table x 1"));
    err_dispose(&e);
}

#define HEAD "{\"format_version\":1,\"name\":\"x\",\"version\":\"1\"," \
             "\"effective_from\":\"2025-04-01\",\"source\":\"x.csv\","

static void test_tables_json__invalid_documents(void **state)
{
    tbl_table t;
    ratel_err e;
    static const char ok[] =
        HEAD "\"kind\":\"band\",\"keys\":[\"n\"],\"key_types\":[\"real\"],"
        "\"values\":[\"f\"],\"rows\":[[0,10,1],\n[10,null,1.5]]}";
    (void)state;
    err_init(&e);
    assert_int_equal(tbl_json_read(&t, ok, sizeof ok - 1, "x", &e), RATEL_OK);
    assert_int_equal(t.nrows, 2);
    tbl_set *set = calloc(1, sizeof *set);
    set->tables = malloc(sizeof t);
    set->tables[0] = t;
    set->n = 1;
    tbl_set_free(set);
    err_dispose(&e);
    refused("[", "not a table");
    refused("[]", "not a JSON object");
    refused("{\"format_version\":2}", "format_version");
    refused(HEAD "\"kind\":\"wide\"}", "kind");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"real\"],\"values\":[\"v\"],\"rows\":[[1,2]]}", "key column");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"text\"],\"values\":[\"v\"],\"rows\":[[1,2]]}",
            "does not match");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"rows\":[[1,2],\n[1,3]]}",
            "x.csv:2");
    refused(HEAD "\"kind\":\"band\",\"keys\":[\"n\"],\"key_types\":"
            "[\"real\"],\"values\":[\"f\"],\"rows\":[[0,10,1],[5,null,2]]}",
            "overlapping");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[],\"rows\":[[1]]}", "values");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"rows\":[]}", "rows");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"rows\":[[99999999999999999999,"
            "1]]}", "does not match");
    refused("{\"format_version\":1,\"name\":\"X Y\"}", "name");
    /* domains: one per value column, each a manifest domain, and the
     * rows checked against them */
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"domains\":[\"any\",\"any\"],"
            "\"rows\":[[1,2]]}", "one domain for each value column");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"domains\":[\"often\"],"
            "\"rows\":[[1,2]]}", "domain is not valid");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"rows\":[[1,-2]]}",
            "is not");
    refused(HEAD "\"kind\":\"exact\",\"keys\":[\"k\"],\"key_types\":"
            "[\"integer\"],\"values\":[\"v\"],\"domains\":[\"0..1\"],"
            "\"rows\":[[1,2]]}", "outside");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_json__every_shipped_table_round_trips),
        cmocka_unit_test(test_tables_json__invalid_documents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
