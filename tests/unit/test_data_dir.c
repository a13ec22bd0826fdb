/* test_data_dir.c - ratel_data_dir(): the nearest share/ratel above a
 * program's file (the tool in DIR/bin, the Python module deeper down),
 * else the prefix baked in; a buffer too small is refused. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static int make_root(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/ratel-datadir-XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int remove_root(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void mkdirs(const char *rel)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/%s'", root, rel);
    assert_int_equal(system(cmd), 0);
}

static const char *data_dir(const char *rel)
{
    static char buf[512];
    char near[256];
    snprintf(near, sizeof near, "%s/%s", root, rel);
    assert_int_equal(ratel_data_dir(buf, sizeof buf, near), RATEL_OK);
    return buf;
}

static void test_data_dir__nearest_share_above(void **state)
{
    char want[256];
    (void)state;
    /* none yet: the prefix baked in */
    assert_string_equal(data_dir("usr/bin/ratel"), RATEL_DATADIR);
    mkdirs("usr/share/ratel");
    mkdirs("usr/bin");
    snprintf(want, sizeof want, "%s/usr/share/ratel", root);
    assert_string_equal(data_dir("usr/bin/ratel"), want);
    assert_string_equal(
        data_dir("usr/lib/python3/dist-packages/ratel/_ratel.so"), want);
    /* the nearest wins */
    mkdirs("usr/lib/share/ratel");
    snprintf(want, sizeof want, "%s/usr/lib/share/ratel", root);
    assert_string_equal(
        data_dir("usr/lib/python3/dist-packages/ratel/_ratel.so"), want);
    /* a file named share/ratel is not the data folder */
    mkdirs("opt/bin");
    mkdirs("opt/share");
    snprintf(want, sizeof want, "%s/opt/share/ratel", root);
    fclose(fopen(want, "w"));
    assert_string_equal(data_dir("opt/bin/ratel"), RATEL_DATADIR);
}

static void test_data_dir__running_program_and_errors(void **state)
{
    char buf[512], small[4];
    (void)state;
    assert_int_equal(ratel_data_dir(buf, sizeof buf, NULL), RATEL_OK);
    assert_true(strstr(buf, "share/ratel") != NULL);
    assert_int_equal(ratel_data_dir(buf, sizeof buf, ""), RATEL_OK);
    assert_string_equal(buf, RATEL_DATADIR);
    assert_int_equal(ratel_data_dir(NULL, 10, NULL), RATEL_EARG);
    assert_int_equal(ratel_data_dir(buf, 0, NULL), RATEL_EARG);
    assert_int_equal(ratel_data_dir(small, sizeof small, ""), RATEL_EARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_dir__nearest_share_above),
        cmocka_unit_test(test_data_dir__running_program_and_errors),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
