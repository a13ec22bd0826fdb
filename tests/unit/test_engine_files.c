/* test_engine_files.c - what engine open reads: only regular files are
 * plans. A FIFO named *.lua in the plan directory (reading it would wait
 * for a writer for ever) is skipped; a FIFO or directory given as the
 * plan path, or as the table database, is an error at once. */
#include "testutil.h"

#include <sys/stat.h>

#define PLAN                                                               \
    "plan = { id = 'p', insurer = 'I', product = 'P', version = '1',"      \
    " effective_date = '2020-01-01', tables = { 'sme_terms' } }\n"         \
    "function rate(d) cover('liability', 1) set('liability', 'p', 1000) "  \
    "combine('c') end\n"

static void test_engine_files__fifo_in_plan_dir(void **state)
{
    char dir[64], path[128];
    ratel_engine *e = NULL;
    ratel_engine_options o = test_engine_options();
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "a.lua", PLAN);
    snprintf(path, sizeof path, "%s/b.lua", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof path, "%s/c.lua", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    if (ratel_engine_open(&e, "tables/ratel.db", dir, &o) != RATEL_OK)
        fail_msg("%s", ratel_engine_errmsg(e));
    assert_int_equal(ratel_engine_plan_count(e), 1);
    ratel_engine_free(e);
    test_rmdir(dir);
}

static void test_engine_files__fifo_as_path(void **state)
{
    char dir[64], fifo[128];
    ratel_engine *e = NULL;
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "a.lua", PLAN);
    snprintf(fifo, sizeof fifo, "%s/plan.lua", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", fifo, NULL),
                     RATEL_EIO);
    assert_non_null(strstr(ratel_engine_errmsg(e), "plan.lua: cannot read: "
                                                   "not a regular file"));
    ratel_engine_free(e);
    assert_int_equal(ratel_engine_open(&e, fifo, dir, NULL), RATEL_EIO);
    assert_non_null(strstr(ratel_engine_errmsg(e), "plan.lua: cannot open: "
                                                   "not a regular file"));
    ratel_engine_free(e);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_files__fifo_in_plan_dir),
        cmocka_unit_test(test_engine_files__fifo_as_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
