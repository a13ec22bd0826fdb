/* test_buf.c - text buffers: JSON strings and locale-free numbers that
 * read back as the same double. */
#include <math.h>

#include "testutil.h"
#include "buf.h"

static const char *fmt(buf *b, double v)
{
    buf_reset(b);
    buf_put_double(b, v);
    return buf_cstr(b);
}

static void test_buf__doubles_shortest_and_exact(void **state)
{
    buf b;
    static const double samples[] = {0.1, 0.6, 1.0 / 3, 2.0 / 3, 1e-7,
                                     123456.789, 9007199254740993.0, 1e22,
                                     5e-324, 1.7976931348623157e308,
                                     0.30000000000000004, 67375.0 * 0.6};
    size_t i;
    (void)state;
    buf_init(&b);
    assert_string_equal(fmt(&b, 0), "0");
    assert_string_equal(fmt(&b, -0.0), "0");
    assert_string_equal(fmt(&b, 0.6), "0.6");
    assert_string_equal(fmt(&b, 40425), "40425");
    assert_string_equal(fmt(&b, -2.5), "-2.5");
    assert_string_equal(fmt(&b, 1.0 / 3), "0.3333333333333333");
    assert_string_equal(fmt(&b, NAN), "null");
    assert_string_equal(fmt(&b, INFINITY), "null");
    for (i = 0; i < sizeof samples / sizeof *samples; i++) {
        const char *s = fmt(&b, samples[i]);
        assert_true(strtod(s, NULL) == samples[i]);
        assert_null(strchr(s, ','));
    }
    buf_free(&b);
}

static void test_buf__json_strings(void **state)
{
    buf b;
    (void)state;
    buf_init(&b);
    buf_put_json_string(&b, "a\"b\\c\n\t\x01 株式会社");
    assert_string_equal(buf_cstr(&b),
                        "\"a\\\"b\\\\c\\n\\t\\u0001 株式会社\"");
    buf_reset(&b);
    buf_put_json_key(&b, 0, "a");
    buf_put_json_key(&b, ',', "total_premium");
    assert_string_equal(buf_cstr(&b), "\"a\":,\"total_premium\":");
    buf_reset(&b);
    buf_put_i64(&b, INT64_MIN);
    assert_string_equal(buf_cstr(&b), "-9223372036854775808");
    buf_free(&b);
}

/* One character the byte-at-a-time way, for the check below. */
static void escape_slowly(buf *b, unsigned char c)
{
    char u[8];
    if (c == '"' || c == '\\') {
        buf_putc(b, '\\');
        buf_putc(b, (char)c);
    } else if (c == '\n') {
        buf_puts(b, "\\n");
    } else if (c == '\r') {
        buf_puts(b, "\\r");
    } else if (c == '\t') {
        buf_puts(b, "\\t");
    } else if (c < 0x20) {
        snprintf(u, sizeof u, "\\u%04x", c);
        buf_puts(b, u);
    } else {
        buf_putc(b, (char)c);
    }
}

/* Strings of every length up to 40 with one character that needs an
 * escape (or none, or a UTF-8 byte) at every position: the eight-bytes-
 * at-a-time scan escapes exactly what a byte-by-byte one does. */
/* Integers two digits at a time: every digit count and sign, against
 * printf, and the ends of the range. */
static void test_buf__integers_like_printf(void **state)
{
    buf b;
    char want[32];
    int64_t v = 1;
    int digits, sign;
    (void)state;
    buf_init(&b);
    for (digits = 1; digits <= 18; digits++, v *= 10) {
        const int64_t cases[] = {v, v + 7, v * 10 - 1, v * 5 + 3};
        size_t i;
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
            for (sign = 1; sign >= -1; sign -= 2) {
                buf_reset(&b);
                buf_put_i64(&b, sign * cases[i]);
                snprintf(want, sizeof want, "%lld",
                         (long long)(sign * cases[i]));
                assert_string_equal(buf_cstr(&b), want);
            }
    }
    buf_reset(&b);
    buf_put_i64(&b, 0);
    buf_put_i64(&b, INT64_MAX);
    assert_string_equal(buf_cstr(&b), "09223372036854775807");
    buf_free(&b);
}

static void test_buf__json_strings_every_position(void **state)
{
    static const unsigned char specials[] = {'"', '\\', '\n', '\r', '\t',
                                             0x01, 0x1f, 0x20, 0x7f, 0xe6,
                                             'x'};
    size_t len, pos, k;
    (void)state;
    for (len = 1; len <= 40; len++)
        for (pos = 0; pos < len; pos++)
            for (k = 0; k < sizeof specials; k++) {
                char s[48];
                buf got, want;
                size_t i;
                memset(s, 'a', len);
                s[pos] = (char)specials[k];
                s[len] = '\0';
                buf_init(&got);
                buf_init(&want);
                buf_put_json_string(&got, s);
                buf_putc(&want, '"');
                for (i = 0; i < len; i++)
                    escape_slowly(&want, (unsigned char)s[i]);
                buf_putc(&want, '"');
                assert_string_equal(buf_cstr(&got), buf_cstr(&want));
                buf_free(&got);
                buf_free(&want);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf__doubles_shortest_and_exact),
        cmocka_unit_test(test_buf__json_strings),
        cmocka_unit_test(test_buf__integers_like_printf),
        cmocka_unit_test(test_buf__json_strings_every_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
