/* test_decl_accept.c - decl_field_accept decides validity alone, and
 * decl_field_check (accept, else the words of the refusal) agrees with it
 * for every field and a spread of values; names at the edges of UTF-8. */
#include "testutil.h"

#include <math.h>

#include "decl.h"
#include "decl_fields.h"

static decl_value str(const char *s, size_t len)
{
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    v.text = s;
    v.len = len;
    return v;
}

/* Values of every kind, valid for some field and not for others. */
static size_t sample_values(decl_value *out)
{
    static const char *const texts[] = {
        "", "2025-04-01", "2024-02-29", "2023-02-29", "retail", "retial",
        "ransomware", "isms", "ACME", "\xE6\xA0\xAA", "\xFF", "a\xC3",
        "\xED\xA0\x80", "x"};
    static const int64_t ints[] = {0, 1, -1, 100, 101, 8760, 8761,
                                   10000000, 10000000000LL,
                                   1000000000000000LL, 1000000000000001LL};
    static const double floats[] = {0.0, -0.0, 0.5, 1.0, 1.5, -0.25, NAN,
                                    INFINITY};
    size_t n = 0, i;
    decl_value v = {DECL_V_NULL, NULL, 0, 0, 0, 0.0, 0};
    out[n++] = v;
    for (i = 0; i < 2; i++) {
        v.kind = DECL_V_BOOL;
        v.b = (int)i;
        out[n++] = v;
    }
    v.b = 0;
    v.kind = DECL_V_OBJECT;
    out[n++] = v;
    v.kind = DECL_V_ARRAY;
    out[n++] = v;
    for (i = 0; i < sizeof texts / sizeof *texts; i++)
        out[n++] = str(texts[i], strlen(texts[i]));
    out[n++] = str("A\0B", 3);
    for (i = 0; i < sizeof ints / sizeof *ints; i++) {
        v.kind = DECL_V_INT;
        v.i = ints[i];
        out[n++] = v;
    }
    v.i = INT64_MAX;
    v.overflow = 1;
    out[n++] = v;
    v.i = INT64_MIN;
    v.overflow = -1;
    out[n++] = v;
    v.overflow = 0;
    v.i = 0;
    for (i = 0; i < sizeof floats / sizeof *floats; i++) {
        v.kind = DECL_V_FLOAT;
        v.f = floats[i];
        out[n++] = v;
    }
    return n;
}

/* Accept and check agree, with the same conversion; every refusal is
 * worded "expected ...". */
static void check_field(const decl_field *f, const decl_value *vals,
                        size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        decl_scalar a, c;
        char text[DECL_MSG_MAX];
        int ok_a, ok_c;
        memset(&a, 0, sizeof a);
        memset(&c, 0, sizeof c);
        ok_a = decl_field_accept(f, &vals[i], &a);
        ok_c = decl_field_check(f, &vals[i], &c, text, sizeof text);
        assert_int_equal(ok_a, ok_c);
        if (ok_a == 0) {
            assert_memory_equal(&a, &c, sizeof a);
        } else {
            assert_int_equal(ok_a, -1);
            assert_true(strncmp(text, "expected ", 9) == 0);
        }
    }
}

static void test_accept__agrees_with_check(void **state)
{
    decl_value vals[64];
    size_t n = sample_values(vals), i;
    (void)state;
    for (i = 0; i < decl_nfields; i++)
        check_field(&decl_fields[i], vals, n);
    check_field(&decl_control_field, vals, n);
    check_field(&decl_certification_field, vals, n);
    check_field(&decl_incident_field, vals, n);
    check_field(&decl_document_field, vals, n);
}

/* The name's rules, byte by byte: ASCII but NUL, and well-formed
 * sequences of 2 to 4 bytes, neither overlong nor surrogates. */
static void test_accept__name_utf8_edges(void **state)
{
    static const struct {
        const char *s;
        size_t len;
        const char *why; /* NULL: accepted */
    } cases[] = {
        {"a", 1, NULL}, {"\x7F", 1, NULL}, {"\x01", 1, NULL},
        {"\0", 1, "NUL"}, {"a\0", 2, "NUL"}, {"\xC2\x80", 2, NULL},
        {"\xC1\xBF", 2, "invalid"}, {"\xDF\xBF", 2, NULL},
        {"\xE0\xA0\x80", 3, NULL}, {"\xE0\x9F\xBF", 3, "invalid"},
        {"\xED\x9F\xBF", 3, NULL}, {"\xED\xA0\x80", 3, "invalid"},
        {"\xEF\xBF\xBF", 3, NULL}, {"\xF0\x90\x80\x80", 4, NULL},
        {"\xF0\x8F\xBF\xBF", 4, "invalid"}, {"\xF4\x8F\xBF\xBF", 4, NULL},
        {"\xF4\x90\x80\x80", 4, "invalid"},
        {"\xF5\x80\x80\x80", 4, "invalid"}, {"\x80", 1, "invalid"},
        {"\xE3\x81", 2, "invalid"}, {"\xE3\x81" "a", 3, "invalid"},
        {"a\xE3\x81\x82z", 5, NULL}, {"\xE1\x80\x80", 3, NULL},
        {"\xEC\xBF\xBF", 3, NULL}, {"\xEE\x80\x80", 3, NULL},
        {"\xEF\xBF\xC0", 3, "invalid"}, {"\xE3\xC1\x82", 3, "invalid"},
        {"\xE3\x81\x82\xE3", 4, "invalid"}, {"\xED\x80\x80", 3, NULL},
        {"\xED\xBF\xBF", 3, "invalid"},
    };
    const decl_field *name = decl_field_by_path("applicant.name");
    size_t i;
    (void)state;
    assert_non_null(name);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        decl_value v = str(cases[i].s, cases[i].len);
        decl_scalar s;
        char text[DECL_MSG_MAX];
        assert_int_equal(decl_field_accept(name, &v, &s),
                         cases[i].why ? -1 : 0);
        if (cases[i].why) {
            decl_field_refusal(name, &v, text, sizeof text);
            assert_non_null(strstr(text, cases[i].why));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept__agrees_with_check),
        cmocka_unit_test(test_accept__name_utf8_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
