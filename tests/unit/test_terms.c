/* test_terms.c - the terms a quote was priced for: every term of a
 * coverage's part of the declaration (limit, deductible, coinsurance,
 * aggregate, sub-limits, waiting period) as asked unless the plan states
 * another with cover(name, {...}), cover(name, limit, deductible,
 * coinsurance_pct) or term(); each stated term that
 * differs from the one asked is a difference with the plan's reason;
 * through the C accessors and the quote JSON. Also the quote's
 * currency. */
#include "testutil.h"

typedef struct fixture {
    char dir[64];
    ratel_engine *engine;
    ratel_ctx *ctx;
    ratel_quote *q;
    char *json; /* the quote's */
} fixture;

/* The neutral example asks liability 100m, expense 30m, deductible
 * 100,000 and coinsurance 100 for both, no BI. */
#define NEUTRAL_DEDUCTIBLE 100000

/* Rates `json` (NULL: the neutral example) with a plan whose rate(d)
 * runs `body` (from line 3 of t.lua) then combines and rounds. Returns
 * the code; the quote and its JSON stay in the fixture. */
static int rate_with(fixture *f, const char *body, const char *json)
{
    char src[8192];
    ratel_engine_options o = test_engine_options();
    size_t len = 0;
    char *neutral = NULL;
    int rc;
    memset(f, 0, sizeof *f);
    snprintf(src, sizeof src, TEST_PLAN("function rate(d)\n%s\n"
                                        "combine('c') round('policy', 'r', "
                                        "10)\nend\n"), body);
    test_tmpdir(f->dir);
    test_write(f->dir, "t.lua", src);
    if (ratel_engine_open(&f->engine, "tables/ratel.db", f->dir, &o))
        fail_msg("%s", ratel_engine_errmsg(f->engine));
    assert_int_equal(ratel_ctx_new(&f->ctx, f->engine), RATEL_OK);
    if (!json) {
        neutral = test_slurp(TEST_NEUTRAL, &len);
        assert_non_null(neutral);
        json = neutral;
    } else {
        len = strlen(json);
    }
    rc = test_rate_json(&f->q, f->ctx, json, len, NULL, 0);
    free(neutral);
    if (rc == RATEL_OK)
        f->json = test_quote_json(f->q);
    return rc;
}

static void done(fixture *f)
{
    ratel_free(f->json);
    ratel_quote_free(f->q);
    ratel_ctx_free(f->ctx);
    ratel_engine_free(f->engine);
    test_rmdir(f->dir);
}

/* The plan rates; asserts it did. */
static void rates(fixture *f, const char *body, const char *json)
{
    if (rate_with(f, body, json) != RATEL_OK)
        fail_msg("%s", ratel_ctx_errmsg(f->ctx));
}

/* The plan fails with "<dir>/t.lua:<line>: " + `message`. */
static void fails(const char *body, int line, const char *message)
{
    fixture f;
    char want[1024];
    assert_int_equal(rate_with(&f, body, NULL), RATEL_ESCRIPT);
    snprintf(want, sizeof want, "%s/t.lua:%d: %s", f.dir, line, message);
    assert_string_equal(ratel_ctx_errmsg(f.ctx), want);
    done(&f);
}

/* The terms of coverage `cov` as "name=value ..." in their order. */
static const char *terms_of(const ratel_quote *q, size_t cov)
{
    static char out[1024];
    size_t i, n = ratel_quote_term_count(q, cov), at = 0;
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        const char *name = NULL;
        int64_t v = -1;
        assert_int_equal(ratel_quote_term(q, cov, i, &name, &v), RATEL_OK);
        at += (size_t)snprintf(out + at, sizeof out - at, "%s%s=%lld",
                               i ? " " : "", name, (long long)v);
    }
    return out;
}

/* The quote's JSON has `part`. */
static void json_has(const fixture *f, const char *part)
{
    if (!strstr(f->json, part))
        fail_msg("'%s' not in %s", part, f->json);
}

/* cover(name, limit) at the limit asked: every term as asked, nothing
 * different. */
static void test_terms__as_asked(void **state)
{
    fixture f;
    int64_t v = 0;
    (void)state;
    rates(&f, "cover('liability', d.coverages.liability.limit)\n"
              "cover('expense', d.coverages.expense.limit)\n"
              "set('liability', 'p', 700) set('expense', 'p', 300)", NULL);
    assert_int_equal(ratel_quote_coverage_count(f.q), 2);
    assert_string_equal(terms_of(f.q, 0), "limit=100000000 deductible=100000 "
                        "coinsurance_pct=100");
    assert_string_equal(terms_of(f.q, 1), "limit=30000000 deductible=100000 "
                        "coinsurance_pct=100");
    assert_int_equal(ratel_quote_difference_count(f.q), 0);
    assert_int_equal(ratel_quote_term_value(f.q, 0, "deductible", &v),
                     RATEL_OK);
    assert_true(v == NEUTRAL_DEDUCTIBLE);
    /* a term the part has but nobody asked or priced: not there */
    assert_int_equal(ratel_quote_term_value(f.q, 0, "aggregate_limit", &v),
                     RATEL_ENOTFOUND);
    json_has(&f, "{\"name\":\"liability\",\"limit\":100000000,\"premium\":700,"
             "\"terms\":{\"limit\":100000000,\"deductible\":100000,"
             "\"coinsurance_pct\":100},\"differences\":[]}");
    done(&f);
}

/* cover(name, {terms, because = code}): the stated terms, each
 * difference with the reason. */
static void test_terms__cover_with_terms(void **state)
{
    fixture f;
    ratel_term_difference diff;
    (void)state;
    rates(&f, "cover('liability', {limit = 100000000, deductible = 500000,"
              " because = 'DEDUCTIBLE_MIN'})\n"
              "cover('expense', 30000000) set('liability', 'p', 1000)", NULL);
    assert_string_equal(terms_of(f.q, 0), "limit=100000000 deductible=500000 "
                        "coinsurance_pct=100");
    /* the limit was stated too, but as asked: no difference */
    assert_int_equal(ratel_quote_difference_count(f.q), 1);
    assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_OK);
    assert_string_equal(diff.coverage, "liability");
    assert_string_equal(diff.term, "deductible");
    assert_int_equal(diff.has_asked, 1);
    assert_true(diff.asked == NEUTRAL_DEDUCTIBLE && diff.priced == 500000);
    assert_string_equal(diff.reason, "DEDUCTIBLE_MIN");
    assert_int_equal(ratel_quote_difference(f.q, 1, &diff), RATEL_EARG);
    json_has(&f, "\"differences\":[{\"term\":\"deductible\",\"asked\":100000,"
             "\"priced\":500000,\"reason\":\"DEDUCTIBLE_MIN\"}]");
    /* the coverage's limit is the one stated */
    {
        ratel_coverage c;
        assert_int_equal(ratel_quote_coverage(f.q, 0, &c), RATEL_OK);
        assert_true(c.limit == 100000000);
    }
    done(&f);
}

/* because as a table: a reason per term; a stated term without one is
 * PLAN_TERMS; a term nobody asked has no asked value. Sub-limits are
 * "sublimits.<name>". */
static void test_terms__reasons_by_term_and_sublimits(void **state)
{
    fixture f;
    ratel_term_difference diff;
    int64_t v = 0;
    (void)state;
    rates(&f, "cover('liability', {limit = 150000000, aggregate_limit = "
              "300000000, because = {limit = 'NEXT_OPTION'}})\n"
              "cover('expense', {limit = 30000000, sublimits = {ransom = "
              "5000000}, because = {['sublimits.ransom'] = 'RANSOM_CAP'}})\n"
              "set('liability', 'p', 1000)", NULL);
    assert_string_equal(terms_of(f.q, 0), "limit=150000000 deductible=100000 "
                        "coinsurance_pct=100 aggregate_limit=300000000");
    assert_string_equal(terms_of(f.q, 1), "limit=30000000 deductible=100000 "
                        "coinsurance_pct=100 sublimits.ransom=5000000");
    assert_int_equal(ratel_quote_term_value(f.q, 1, "sublimits.ransom", &v),
                     RATEL_OK);
    assert_true(v == 5000000);
    assert_int_equal(ratel_quote_difference_count(f.q), 3);
    assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_OK);
    assert_string_equal(diff.term, "limit");
    assert_true(diff.has_asked && diff.asked == 100000000 &&
                diff.priced == 150000000);
    assert_string_equal(diff.reason, "NEXT_OPTION");
    assert_int_equal(ratel_quote_difference(f.q, 1, &diff), RATEL_OK);
    assert_string_equal(diff.term, "aggregate_limit");
    assert_int_equal(diff.has_asked, 0);
    assert_string_equal(diff.reason, "PLAN_TERMS");
    assert_int_equal(ratel_quote_difference(f.q, 2, &diff), RATEL_OK);
    assert_string_equal(diff.coverage, "expense");
    assert_string_equal(diff.term, "sublimits.ransom");
    assert_int_equal(diff.has_asked, 0);
    assert_string_equal(diff.reason, "RANSOM_CAP");
    json_has(&f, "{\"term\":\"aggregate_limit\",\"asked\":null,\"priced\":"
             "300000000,\"reason\":\"PLAN_TERMS\"}");
    json_has(&f, "\"terms\":{\"limit\":30000000,\"deductible\":100000,"
             "\"coinsurance_pct\":100,\"sublimits.ransom\":5000000}");
    done(&f);
}

/* A sub-limit asked for and priced as asked is no difference; priced
 * lower, it is one with what was asked. */
static void test_terms__sublimit_asked(void **state)
{
    static const char decl[] =
        "{\"effective_date\": \"2026-07-01\", \"applicant\": {\"name\": "
        "\"A\", \"revenue\": 500000000, \"industry\": \"retail\", "
        "\"employees\": 3}, \"coverages\": {\"liability\": {\"limit\": "
        "100000000, \"deductible\": 0}, \"expense\": {\"limit\": 30000000, "
        "\"deductible\": 0, \"sublimits\": {\"ransom\": 10000000, "
        "\"forensics\": 2000000}}}}";
    fixture f;
    ratel_term_difference diff;
    (void)state;
    rates(&f, "cover('liability', 100000000)\n"
              "cover('expense', {limit = 30000000, sublimits = {ransom = "
              "d.coverages.expense.sublimits.ransom // 2, forensics = "
              "2000000}, because = 'RANSOM_HALVED'})\n"
              "set('expense', 'p', 1000)", decl);
    assert_string_equal(terms_of(f.q, 1), "limit=30000000 deductible=0 "
                        "coinsurance_pct=100 sublimits.ransom=5000000 "
                        "sublimits.forensics=2000000");
    assert_int_equal(ratel_quote_difference_count(f.q), 1);
    assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_OK);
    assert_string_equal(diff.term, "sublimits.ransom");
    assert_true(diff.has_asked && diff.asked == 10000000 &&
                diff.priced == 5000000);
    assert_string_equal(diff.reason, "RANSOM_HALVED");
    done(&f);
}

/* term(coverage, name, value [, reason]) states one term; stated again,
 * the last value counts (with its reason, or the earlier one's). */
static void test_terms__term_function(void **state)
{
    fixture f;
    ratel_term_difference diff;
    (void)state;
    rates(&f, "cover('liability', 100000000) cover('expense', 30000000)\n"
              "term('liability', 'coinsurance_pct', 80, 'COINSURANCE_80')\n"
              "term('expense', 'deductible', 500000, 'DED')\n"
              "term('expense', 'deductible', 300000)\n"
              "term('liability', 'deductible', 100000, 'SAME')\n"
              "set('liability', 'p', 1000)", NULL);
    assert_string_equal(terms_of(f.q, 0), "limit=100000000 deductible=100000 "
                        "coinsurance_pct=80");
    assert_string_equal(terms_of(f.q, 1), "limit=30000000 deductible=300000 "
                        "coinsurance_pct=100");
    /* stated as asked (liability deductible): no difference */
    assert_int_equal(ratel_quote_difference_count(f.q), 2);
    assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_OK);
    assert_string_equal(diff.term, "coinsurance_pct");
    assert_true(diff.asked == 100 && diff.priced == 80);
    assert_string_equal(diff.reason, "COINSURANCE_80");
    assert_int_equal(ratel_quote_difference(f.q, 1, &diff), RATEL_OK);
    assert_string_equal(diff.coverage, "expense");
    assert_true(diff.asked == 100000 && diff.priced == 300000);
    assert_string_equal(diff.reason, "DED");
    done(&f);
}

/* BI: its waiting period and indemnity period are terms, the latter at
 * its default when not asked. */
static void test_terms__bi_terms(void **state)
{
    fixture f;
    char *full = test_slurp("tests/golden/cases/bi_cover.json", NULL);
    (void)state;
    assert_non_null(full);
    rates(&f, "cover('liability', 1) cover('bi', d.coverages.bi.limit)\n"
              "term('bi', 'waiting_hours', d.coverages.bi.waiting_hours + 12,"
              " 'WAIT')\n"
              "set('bi', 'p', 1000)", full);
    free(full);
    assert_true(ratel_quote_term_count(f.q, 1) > 0);
    {
        int64_t asked_wait = 0, v = 0;
        ratel_term_difference diff;
        size_t i, n = ratel_quote_difference_count(f.q);
        assert_int_equal(ratel_quote_term_value(f.q, 1, "indemnity_days", &v),
                         RATEL_OK);
        assert_true(v == 180); /* the schema's default */
        for (i = 0; i < n; i++) {
            assert_int_equal(ratel_quote_difference(f.q, i, &diff), RATEL_OK);
            if (strcmp(diff.term, "waiting_hours") == 0) {
                assert_string_equal(diff.coverage, "bi");
                asked_wait = diff.asked;
                assert_true(diff.priced == asked_wait + 12);
                assert_string_equal(diff.reason, "WAIT");
            }
        }
        assert_true(asked_wait > 0);
        /* liability at 1 yen, not as asked: a difference too */
        assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_OK);
        assert_string_equal(diff.coverage, "liability");
        assert_string_equal(diff.term, "limit");
        assert_true(diff.priced == 1);
        assert_string_equal(diff.reason, "PLAN_TERMS");
    }
    done(&f);
}

/* A coverage the schema has no part for: the usual term names only, and
 * nothing was asked. */
static void test_terms__coverage_outside_schema(void **state)
{
    fixture f;
    ratel_term_difference diff;
    (void)state;
    rates(&f, "cover('media', {limit = 5000000, deductible = 10000, "
              "sublimits = {defamation = 1000000}})\n"
              "set('media', 'p', 1000)", NULL);
    /* in the order stated: a table's keys sorted */
    assert_string_equal(terms_of(f.q, 0), "deductible=10000 limit=5000000 "
                        "sublimits.defamation=1000000");
    assert_int_equal(ratel_quote_difference_count(f.q), 3);
    assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_OK);
    assert_int_equal(diff.has_asked, 0);
    done(&f);
    fails("cover('media', {limit = 1, excess = 2})", 3,
          "coverage 'media': no term 'excess' (its terms are the money and "
          "integer fields of coverages.media in the schema)");
}

/* The errors of cover() and term(). */
static void test_terms__errors(void **state)
{
    (void)state;
    fails("cover('liability', {limit = 1, excess = 2})", 3,
          "coverage 'liability': no term 'excess' (its terms are the money "
          "and integer fields of coverages.liability in the schema)");
    fails("cover('liability', 1) term('liability', 'waiting_hours', 5)", 3,
          "coverage 'liability': no term 'waiting_hours' (its terms are the "
          "money and integer fields of coverages.liability in the schema)");
    fails("cover('expense', {limit = 1, sublimits = {ransome = 5}})", 3,
          "coverage 'expense': no term 'sublimits.ransome' (its terms are "
          "the money and integer fields of coverages.expense in the "
          "schema)");
    fails("cover('liability', 1) term('liability', 'sublimits', 5)", 3,
          "coverage 'liability': no term 'sublimits' (its terms are the "
          "money and integer fields of coverages.liability in the schema)");
    fails("cover('liability', {deductible = 5})", 3,
          "cover: the terms need a limit");
    fails("cover('liability', {limit = 1, deductible = 0.5})", 3,
          "cover: term 'deductible' must be an integer");
    fails("cover('liability', {limit = 1, because = 5})", 3,
          "cover: 'because' must be a reason code or a table of codes by "
          "term");
    fails("cover('liability', {limit = -1})", 3,
          "coverage 'liability': term 'limit' out of range");
    fails("cover('liability', -1)", 3,
          "coverage 'liability': limit out of range");
    fails("cover('liability', 1) term('liability', 'deductible', -5)", 3,
          "coverage 'liability': term 'deductible' out of range");
    fails("cover('liability', 1) term('liability', 'limit', 2)", 3,
          "term('liability', 'limit'): state the limit with cover()");
    fails("cover('liability', 1) term('nope', 'deductible', 2)", 3,
          "unknown coverage 'nope' (declare it with cover())");
    fails("cover('liability', 1) combine('x') "
          "term('policy', 'deductible', 2)", 3,
          "bad argument #1 to 'term' (terms belong to a coverage)");
}

/* json with its plan's hash (of a plan's text) blanked. */
static void mask_hash(char *json)
{
    char *h = strstr(json, "\"hash\":\"");
    assert_non_null(h);
    for (h += 8; *h && *h != '"'; h++)
        *h = '-';
}

/* cover(name, limit, deductible, coinsurance_pct [, because]) states
 * the three terms as the table form does: the same quote, the reasons
 * by term or one code for all. */
static void test_terms__cover_positional(void **state)
{
    static const char *const forms[][2] = {
        {"cover('liability', {limit = 150000000, deductible = 500000, "
         "coinsurance_pct = 90, because = {limit = 'NEXT', deductible = "
         "'DMIN'}})",
         "cover('liability', 150000000, 500000, 90, {limit = 'NEXT', "
         "deductible = 'DMIN'})"},
        {"cover('liability', {limit = 100000000, deductible = 100000, "
         "coinsurance_pct = 80, because = 'ALL'})",
         "cover('liability', 100000000, 100000, 80, 'ALL')"},
        {"cover('liability', {limit = 100000000, deductible = 300000, "
         "coinsurance_pct = 100})",
         "cover('liability', 100000000, 300000, 100)"}};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        fixture a, b;
        char body[512];
        snprintf(body, sizeof body, "%s set('liability', 'p', 1000)",
                 forms[i][0]);
        rates(&a, body, NULL);
        snprintf(body, sizeof body, "%s set('liability', 'p', 1000)",
                 forms[i][1]);
        rates(&b, body, NULL);
        mask_hash(a.json);
        mask_hash(b.json);
        assert_string_equal(a.json, b.json);
        done(&a);
        done(&b);
    }
    fails("cover('liability', 1, 0.5, 100)", 3,
          "bad argument #3 to 'cover' (number has no integer representation)");
    fails("cover('liability', 1, 100000)", 3,
          "bad argument #4 to 'cover' (number expected, got no value)");
    fails("cover('liability', 1, -1, 100)", 3,
          "coverage 'liability': term 'deductible' out of range");
    fails("cover('liability', 1, 0, 100, 5)", 3,
          "cover: 'because' must be a reason code or a table of codes by "
          "term");
}

/* Accessors out of range. */
static void test_terms__accessors(void **state)
{
    fixture f;
    const char *name = "x";
    int64_t v = 7;
    ratel_term_difference diff;
    (void)state;
    rates(&f, "cover('liability', 100000000) set('liability', 'p', 1)", NULL);
    assert_int_equal(ratel_quote_term_count(f.q, 0), 3);
    assert_int_equal(ratel_quote_term_count(f.q, 1), 0);
    assert_int_equal(ratel_quote_term_count(NULL, 0), 0);
    assert_int_equal(ratel_quote_term(f.q, 0, 3, &name, &v), RATEL_EARG);
    assert_int_equal(ratel_quote_term(f.q, 1, 0, &name, &v), RATEL_EARG);
    assert_int_equal(ratel_quote_term(NULL, 0, 0, &name, &v), RATEL_EARG);
    assert_string_equal(name, "x");
    assert_true(v == 7);
    assert_int_equal(ratel_quote_term_value(f.q, 0, "nope", &v),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_quote_term_value(f.q, 5, "limit", &v), RATEL_EARG);
    assert_int_equal(ratel_quote_term_value(f.q, 0, NULL, &v), RATEL_EARG);
    assert_int_equal(ratel_quote_difference_count(NULL), 0);
    assert_int_equal(ratel_quote_difference(f.q, 0, &diff), RATEL_EARG);
    assert_int_equal(ratel_quote_difference(f.q, 0, NULL), RATEL_EARG);
    done(&f);
}

/* The currency of the quote is the declaration's, with its minor unit. */
static void test_terms__currency(void **state)
{
    static const char usd[] =
        "{\"effective_date\": \"2026-07-01\", \"applicant\": {\"name\": "
        "\"A\", \"revenue\": 500000000, \"industry\": \"retail\", "
        "\"employees\": 3}, \"request\": {\"liability_limit\": 100000000, "
        "\"expense_limit\": 30000000, \"deductible\": 100000}, \"policy\": "
        "{\"currency\": \"USD\"}}";
    fixture f;
    (void)state;
    rates(&f, "cover('liability', 1) set('liability', 'p', 1)", NULL);
    assert_string_equal(ratel_quote_currency(f.q), "JPY");
    assert_int_equal(ratel_quote_currency_digits(f.q), 0);
    json_has(&f, "\"currency\":\"JPY\"");
    done(&f);
    rates(&f, "cover('liability', 1) set('liability', 'p', 1)", usd);
    assert_string_equal(ratel_quote_currency(f.q), "USD");
    assert_int_equal(ratel_quote_currency_digits(f.q), 2);
    json_has(&f, "\"currency\":\"USD\"");
    done(&f);
    assert_string_equal(ratel_quote_currency(NULL), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms__as_asked),
        cmocka_unit_test(test_terms__cover_with_terms),
        cmocka_unit_test(test_terms__reasons_by_term_and_sublimits),
        cmocka_unit_test(test_terms__sublimit_asked),
        cmocka_unit_test(test_terms__term_function),
        cmocka_unit_test(test_terms__bi_terms),
        cmocka_unit_test(test_terms__coverage_outside_schema),
        cmocka_unit_test(test_terms__errors),
        cmocka_unit_test(test_terms__cover_positional),
        cmocka_unit_test(test_terms__accessors),
        cmocka_unit_test(test_terms__currency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
