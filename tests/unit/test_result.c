/* test_result.c - rounding modes and units, the plan-source hash. */
#include "testutil.h"
#include "result.h"
#include "sha256.h"

static double rounded(double x, int64_t unit, const char *mode)
{
    double out = -1;
    assert_int_equal(res_round(x, unit, mode, &out), 0);
    return out;
}

static void test_result__rounding(void **state)
{
    double out;
    (void)state;
    assert_true(rounded(1234.5, 1, "half_up") == 1235);
    assert_true(rounded(1234.5, 1, "half_even") == 1234);
    assert_true(rounded(1235.5, 1, "half_even") == 1236);
    assert_true(rounded(1234.9, 1, "down") == 1234);
    assert_true(rounded(47162.5, 10, "half_up") == 47160);
    assert_true(rounded(47165, 10, "half_up") == 47170);
    assert_true(rounded(47165, 10, "half_even") == 47160);
    assert_true(rounded(149, 100, "half_up") == 100);
    assert_true(rounded(150, 100, "half_up") == 200);
    assert_true(rounded(1999, 1000, "down") == 1000);
    assert_true(rounded(-1234.5, 1, "half_up") == -1235);
    assert_true(rounded(0.4, 1, "half_up") == 0);
    /* float products a hair off the exact figure count as exact */
    assert_true(rounded(83000 * 0.45, 100, "half_up") == 37400);
    assert_true(rounded(83000 * 0.45, 100, "half_even") == 37400);
    assert_true(rounded(0.1 * 3, 1, "down") == 0);
    assert_true(rounded(2.9999999999999996, 1, "down") == 3);
    assert_int_equal(res_round(1, 5, "half_up", &out), -1);
    assert_int_equal(res_round(1, 10, "ceiling", &out), -1);
}

static void test_result__sha256_vectors(void **state)
{
    char hex[65];
    (void)state;
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
                             "934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a39617"
                             "7a9cb410ff61f20015ad");
    sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
               hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff"
                             "2167f6ecedd419db06c1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result__rounding),
        cmocka_unit_test(test_result__sha256_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
