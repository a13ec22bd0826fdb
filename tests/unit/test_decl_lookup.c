/* test_decl_lookup.c - the lookups of the declaration reader on the
 * compiled schema: keys of each object (sch_child) and codes of each code
 * list (sch_code_find), each found where it belongs and nowhere else, and
 * near misses refused; paths back to their fields (sch_find_path); the
 * required fields against the shipped schema. */
#define TEST_WITH_SCHEMA
#include "testutil.h"

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

static int is_object(int n)
{
    return S->nodes[n].type == SCH_OBJECT;
}

/* Every field is found in its own object and, in any other, only as a
 * field of the same key there; its recorded length is its key's. */
static void test_lookup__each_field_in_its_object_only(void **state)
{
    int n, o, found = 0;
    (void)state;
    for (n = 1; n < S->nnodes; n++) {
        const sch_node *f = &S->nodes[n];
        if (S->nodes[f->parent].type != SCH_OBJECT)
            continue; /* a list's item */
        assert_int_equal(f->keylen, strlen(f->key));
        for (o = 0; o < S->nnodes; o++) {
            int got;
            if (!is_object(o))
                continue;
            got = sch_child(S, o, f->key, f->keylen, NULL);
            if (o == f->parent)
                assert_int_equal(got, n);
            else
                assert_true(got < 0 ||
                            (S->nodes[got].parent == o &&
                             strcmp(S->nodes[got].key, f->key) == 0));
        }
        found++;
    }
    assert_true(found > 100);
    /* not an object: nothing */
    n = sch_find_path(S, "applicant.revenue", NULL, 0, NULL);
    assert_true(n > 0);
    assert_int_equal(sch_child(S, n, "x", 1, NULL), -1);
}

/* A prefix, an extension, a trailing NUL byte or another first byte is
 * not the key. */
static void test_lookup__near_keys_refused(void **state)
{
    char key[80];
    int n;
    size_t len;
    (void)state;
    for (n = 1; n < S->nnodes; n++) {
        const sch_node *f = &S->nodes[n];
        if (S->nodes[f->parent].type != SCH_OBJECT)
            continue;
        len = f->keylen;
        memcpy(key, f->key, len);
        if (len > 1)
            assert_true(sch_child(S, f->parent, key, len - 1, NULL) < 0 ||
                        S->nodes[sch_child(S, f->parent, key, len - 1, NULL)]
                                .keylen == len - 1);
        key[len] = 'x';
        assert_int_equal(sch_child(S, f->parent, key, len + 1, NULL), -1);
        key[len] = '\0';
        assert_int_equal(sch_child(S, f->parent, key, len + 1, NULL), -1);
        key[0] = 'X';
        assert_int_equal(sch_child(S, f->parent, key, len, NULL), -1);
    }
    assert_int_equal(sch_child(S, 0, "", 0, NULL), -1);
}

/* A guess, right, wrong or out of range, never changes what is found;
 * a hit leaves the guess at the next field. */
static void test_lookup__guesses_change_nothing(void **state)
{
    int n, g;
    (void)state;
    for (n = 1; n < S->nnodes; n++) {
        const sch_node *f = &S->nodes[n];
        const sch_node *p = &S->nodes[f->parent];
        int want, at;
        if (p->type != SCH_OBJECT)
            continue;
        want = sch_child(S, f->parent, f->key, f->keylen, NULL);
        assert_int_equal(want, n);
        for (at = 0; p->children[at] != n; at++)
            ;
        for (g = -2; g <= p->nchildren + 2; g++) {
            int guess = g;
            assert_int_equal(sch_child(S, f->parent, f->key, f->keylen,
                                       &guess), want);
            assert_int_equal(guess, at + 1);
        }
    }
    for (g = -2; g <= 3; g++) {
        int guess = g;
        assert_int_equal(sch_child(S, 0, "", 0, &guess), -1);
        assert_int_equal(guess, g); /* a miss leaves it */
    }
}

/* Every code of every list is found at its index; near misses are not. */
static void test_lookup__code_lists(void **state)
{
    char word[80];
    int c, i, total = 0;
    size_t len;
    (void)state;
    for (c = 0; c < S->ncodes; c++) {
        const sch_codes *l = &S->codes[c];
        assert_true(l->n > 0);
        for (i = 0; i < l->n; i++) {
            len = strlen(l->values[i]);
            assert_int_equal(l->lens[i], len);
            assert_int_equal(sch_code_find(l, l->values[i], len), i);
            memcpy(word, l->values[i], len + 1);
            assert_int_equal(sch_code_find(l, word, len + 1), -1); /* NUL */
            if (len > 1) {
                int shorter = sch_code_find(l, word, len - 1);
                assert_true(shorter < 0 || l->lens[shorter] == len - 1);
            }
            word[len - 1] ^= 0x20;
            assert_int_equal(sch_code_find(l, word, len), -1);
            total++;
        }
        assert_int_equal(sch_code_find(l, "", 0), -1);
    }
    /* the lists of the shipped schema, the table's included */
    assert_int_equal(S->ncodes, 10);
    assert_true(total > 60);
    c = S->nodes[sch_find_path(S, "applicant.hazard_class", NULL, 0, NULL)]
            .codes;
    assert_string_equal(S->codes[c].name, "hazard_classes");
    assert_string_equal(S->codes[c].from_table, "sme_hazard_class");
    assert_int_equal(S->codes[c].n, 3);
    assert_int_equal(sch_code_find(&S->codes[c], "elevated", 8), 1);
}

/* Every field's path leads back to it; an item's path ("incidents[]") is
 * not a field; indices are returned in order. */
static void test_lookup__paths(void **state)
{
    long idx[4];
    int n, nidx = -1;
    (void)state;
    for (n = 1; n < S->nnodes; n++) {
        const sch_node *f = &S->nodes[n];
        size_t len = strlen(f->path);
        if (len >= 2 && strcmp(f->path + len - 2, "[]") == 0)
            assert_int_equal(sch_find_path(S, f->path, NULL, 0, NULL), -1);
        else
            assert_int_equal(sch_find_path(S, f->path, NULL, 0, NULL), n);
    }
    n = sch_find_path(S, "entities[3].incidents[12].paid", idx, 4, &nidx);
    assert_int_equal(n, sch_find_path(S, "entities[].incidents[].paid", NULL,
                                      0, NULL));
    assert_int_equal(nidx, 2);
    assert_true(idx[0] == 3 && idx[1] == 12);
    n = sch_find_path(S, "entities[].limit", idx, 4, &nidx);
    assert_true(n > 0 && nidx == 1 && idx[0] == -1);
    {
        static const char *const bad[] = {
            "", ".", "applicant.", ".applicant", "applicant..name",
            "applicant[0].name", "incidents[x].paid", "incidents[-1].paid",
            "incidents[0", "incidents[0]", "incidents[0]paid",
            "incidents.paid", "Applicant.name", "applicant.name.x",
            "controls.mfa", "$.applicant.name"};
        size_t i;
        for (i = 0; i < sizeof bad / sizeof *bad; i++)
            if (sch_find_path(S, bad[i], NULL, 0, NULL) != -1)
                fail_msg("'%s' found", bad[i]);
    }
    assert_int_equal(sch_find_path(S, NULL, NULL, 0, NULL), -1);
}

/* The required fields of the shipped schema: today's declaration's, and
 * of the new records those that make a company or an incident. */
static void test_lookup__required_fields(void **state)
{
    static const char *const required[] = {
        "effective_date", "applicant", "applicant.name", "applicant.revenue",
        "applicant.industry", "applicant.employees", "incidents[].date",
        "incidents[].type", "incidents[].paid", "coverages",
        "coverages.liability", "coverages.liability.limit",
        "coverages.liability.deductible", "coverages.expense",
        "coverages.expense.limit", "coverages.expense.deductible",
        "entities[].applicant", "entities[].applicant.name",
        "entities[].applicant.revenue", "entities[].applicant.industry",
        "entities[].applicant.employees", "entities[].incidents[].date",
        "entities[].incidents[].type", "entities[].incidents[].paid"};
    size_t i, k, count = 0;
    int n;
    (void)state;
    for (n = 1; n < S->nnodes; n++) {
        if (!S->nodes[n].required)
            continue;
        for (k = 0; k < sizeof required / sizeof *required; k++)
            if (strcmp(S->nodes[n].path, required[k]) == 0)
                break;
        if (k == sizeof required / sizeof *required)
            fail_msg("%s is required", S->nodes[n].path);
        count++;
    }
    assert_int_equal(count, sizeof required / sizeof *required);
    /* the shorthand is never required: it stands for the coverages */
    for (i = 0; i < (size_t)S->nnodes; i++)
        if (S->nodes[i].input_only)
            assert_int_equal(S->nodes[i].required, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup__each_field_in_its_object_only),
        cmocka_unit_test(test_lookup__near_keys_refused),
        cmocka_unit_test(test_lookup__code_lists),
        cmocka_unit_test(test_lookup__paths),
        cmocka_unit_test(test_lookup__required_fields),
        cmocka_unit_test(test_lookup__guesses_change_nothing),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
