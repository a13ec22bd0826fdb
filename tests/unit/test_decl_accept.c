/* test_decl_accept.c - decl_node_accept decides validity alone, and
 * decl_node_check (accept, else the words of the refusal) agrees with it
 * for every field of the shipped schema and a spread of values (the codes
 * of flags and sets likewise); names at the edges of UTF-8. */
#define TEST_WITH_SCHEMA
#include "testutil.h"

#include <math.h>

#include "decl.h"
#include "decl_fields.h"

static sch_schema *S;

static int group_setup(void **state)
{
    (void)state;
    S = test_compile_schema(TEST_CYBER_SCHEMA);
    return S ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    sch_free(S);
    return 0;
}

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
 * worded "expected ..., got ..." (or "expected at most ..."); `accepted`
 * counts the values taken. */
static void check_node(const sch_node *f, const decl_value *vals, size_t n,
                       size_t *accepted)
{
    size_t i;
    for (i = 0; i < n; i++) {
        decl_scalar a, c;
        char text[DECL_MSG_MAX];
        int ok_a, ok_c;
        memset(&a, 0, sizeof a);
        memset(&c, 0, sizeof c);
        text[0] = '\0';
        ok_a = decl_node_accept(S, f, &vals[i], &a);
        ok_c = decl_node_check(S, f, &vals[i], &c, text, sizeof text);
        assert_int_equal(ok_a, ok_c);
        if (ok_a == 0) {
            assert_memory_equal(&a, &c, sizeof a);
            (*accepted)++;
        } else {
            assert_int_equal(ok_a, -1);
            if (strncmp(text, "expected ", 9) != 0 || !strstr(text, ", got "))
                fail_msg("%s: refusal '%s'", f->path, text);
        }
    }
}

/* The same for the codes of a flags or set field. */
static void check_codes(const sch_node *f, const decl_value *vals, size_t n,
                        size_t *accepted)
{
    size_t i;
    for (i = 0; i < n; i++) {
        decl_scalar a;
        char text[DECL_MSG_MAX];
        memset(&a, 0, sizeof a);
        if (decl_code_accept(S, f, &vals[i], &a) == 0) {
            assert_true(a.i >= 0 && a.i < S->codes[f->codes].n);
            (*accepted)++;
            continue;
        }
        decl_code_refusal(S, f, &vals[i], text, sizeof text);
        if (strncmp(text, "expected one of ", 16) != 0 ||
            !strstr(text, ", got "))
            fail_msg("%s: refusal '%s'", f->path, text);
    }
}

static void test_accept__agrees_with_check(void **state)
{
    decl_value vals[64];
    size_t n = sample_values(vals), accepted = 0, codes = 0;
    int i, types = 0;
    (void)state;
    for (i = 1; i < S->nnodes; i++) {
        check_node(&S->nodes[i], vals, n, &accepted);
        types |= 1 << S->nodes[i].type;
        if (S->nodes[i].type == SCH_FLAGS || S->nodes[i].type == SCH_SET)
            check_codes(&S->nodes[i], vals, n, &codes);
    }
    assert_int_equal(types, (1 << SCH_NTYPES) - 1); /* every type seen */
    assert_true(accepted > 0 && codes > 0);
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
    int at = sch_find_path(S, "applicant.name", NULL, 0, NULL);
    const sch_node *name;
    size_t i;
    (void)state;
    assert_true(at > 0);
    name = &S->nodes[at];
    assert_int_equal(name->type, SCH_TEXT);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        decl_value v = str(cases[i].s, cases[i].len);
        decl_scalar s;
        char text[DECL_MSG_MAX];
        assert_int_equal(decl_node_accept(S, name, &v, &s),
                         cases[i].why ? -1 : 0);
        if (cases[i].why) {
            decl_node_refusal(S, name, &v, text, sizeof text);
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
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
