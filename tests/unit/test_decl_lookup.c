/* test_decl_lookup.c - the lookups of the declaration reader: keys of the
 * field table by section and words of the vocabularies, each found where
 * it belongs and nowhere else, and near misses refused; the mask of
 * required fields against the table. */
#include "testutil.h"

#include "decl.h"
#include "decl_fields.h"

/* Every keyed field is found in its own section and in no other; its
 * recorded length is its key's. */
static void test_lookup__each_field_in_its_section_only(void **state)
{
    size_t i;
    int s;
    (void)state;
    for (i = 0; i < decl_nfields; i++) {
        const decl_field *f = &decl_fields[i];
        size_t len = strlen(f->key);
        assert_int_equal(f->keylen, len);
        for (s = DECL_SEC_ROOT; s <= DECL_SEC_CERTIFICATIONS; s++) {
            const decl_field *got = decl_field_find(s, f->key, len);
            if (s == f->section)
                assert_ptr_equal(got, f);
            else
                assert_true(got == NULL || (got->section == s &&
                                            strcmp(got->key, f->key) == 0));
        }
    }
}

/* A prefix, an extension, a trailing NUL byte or another first byte is
 * not the key. */
static void test_lookup__near_keys_refused(void **state)
{
    char key[64];
    size_t i, len;
    (void)state;
    for (i = 0; i < decl_nfields; i++) {
        const decl_field *f = &decl_fields[i];
        len = strlen(f->key);
        memcpy(key, f->key, len);
        assert_null(decl_field_find(f->section, key, len - 1));
        key[len] = 'x';
        assert_null(decl_field_find(f->section, key, len + 1));
        key[len] = '\0';
        assert_null(decl_field_find(f->section, key, len + 1));
        key[0] = 'X';
        assert_null(decl_field_find(f->section, key, len));
    }
    assert_null(decl_field_find(DECL_SEC_ROOT, "", 0));
}

/* A guess, right, wrong or out of range, never changes what is found. */
static void test_lookup__guesses_change_nothing(void **state)
{
    size_t i, g;
    int s, w;
    (void)state;
    for (i = 0; i < decl_nfields; i++) {
        const char *key = decl_fields[i].key;
        for (s = DECL_SEC_ROOT; s <= DECL_SEC_CERTIFICATIONS + 1; s++)
            for (g = 0; g <= decl_nfields + 2; g++)
                assert_ptr_equal(
                    decl_field_find_near(s, key, strlen(key), g),
                    decl_field_find(s, key, strlen(key)));
    }
    assert_null(decl_field_find_near(DECL_SEC_ROOT, "", 0, 0));
    for (i = 0; i < DECL_NCONTROLS; i++) {
        const char *name = decl_controls[i];
        for (w = -2; w <= DECL_NCONTROLS + 1; w++) {
            assert_int_equal(decl_vocab_find_near(&decl_vocab_controls, name,
                                                  strlen(name), w),
                             (int)i);
            assert_int_equal(decl_vocab_find_near(&decl_vocab_controls, name,
                                                  strlen(name) - 1, w),
                             -1);
        }
    }
}

/* DECL_REQUIRED is the table's required column, outside incidents. */
static void test_lookup__required_mask(void **state)
{
    uint32_t mask = 0;
    size_t i;
    (void)state;
    for (i = 0; i < decl_nfields; i++)
        if (decl_fields[i].required &&
            decl_fields[i].section != DECL_SEC_INCIDENT)
            mask |= decl_fields[i].bit;
    assert_int_equal(mask, DECL_REQUIRED);
}

static void check_vocab(const decl_vocab *v, const char *const *names, int n)
{
    char word[64];
    int i;
    size_t len;
    assert_ptr_equal(v->names, names);
    assert_int_equal(v->n, n);
    for (i = 0; i < n; i++) {
        len = strlen(names[i]);
        assert_int_equal(v->lens[i], len);
        assert_int_equal(decl_vocab_find(v, names[i], len), i);
        memcpy(word, names[i], len + 1);
        assert_int_equal(decl_vocab_find(v, word, len + 1), -1); /* NUL */
        assert_int_equal(decl_vocab_find(v, word, len - 1), -1);
        word[len - 1] ^= 0x20;
        assert_int_equal(decl_vocab_find(v, word, len), -1);
    }
    assert_int_equal(decl_vocab_find(v, "", 0), -1);
}

/* Every word of every vocabulary is found at its code. */
static void test_lookup__vocabularies(void **state)
{
    (void)state;
    check_vocab(&decl_vocab_industries, decl_industries, DECL_NINDUSTRIES);
    check_vocab(&decl_vocab_incident_types, decl_incident_types,
                DECL_NINCIDENT_TYPES);
    check_vocab(&decl_vocab_controls, decl_controls, DECL_NCONTROLS);
    check_vocab(&decl_vocab_certifications, decl_certifications,
                DECL_NCERTIFICATIONS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup__each_field_in_its_section_only),
        cmocka_unit_test(test_lookup__near_keys_refused),
        cmocka_unit_test(test_lookup__vocabularies),
        cmocka_unit_test(test_lookup__required_mask),
        cmocka_unit_test(test_lookup__guesses_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
