/* test_decl_api.c - the public declaration functions through a context
 * (ratel_decl_parse, the setters and getters by path, lists, the schema
 * a document names); links the whole library. */
#include "testutil.h"

#include <math.h>

static ratel_engine *engine;
static ratel_ctx *ctx;

static const char BASE[] =
    "{\"effective_date\": \"2025-04-01\", \"applicant\": {\"name\": \"ACME\","
    " \"revenue\": 500000000, \"industry\": \"retail\", \"employees\": 30},"
    " \"request\": {\"liability_limit\": 100000000, \"expense_limit\": "
    "10000000, \"deductible\": 100000}}";

static int setup(void **state)
{
    (void)state;
    if (ratel_engine_open(&engine, TEST_TABLES_DIR "/ratel.db",
                          TEST_PLANS_DIR, NULL) != RATEL_OK ||
        ratel_ctx_new(&ctx, engine) != RATEL_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}

static void test_decl__api_parse_ok(void **state)
{
    ratel_decl *d = NULL;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, BASE, sizeof BASE - 1),
                     RATEL_OK);
    assert_non_null(d);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 0);
    ratel_decl_free(d);
}

static void test_decl__api_parse_errors(void **state)
{
    static const char bad[] = "{\"effective_date\": \"2025-02-29\", "
                              "\"applicant\": {\"revenue\": -5}}";
    ratel_decl *d = (ratel_decl *)1;
    ratel_field_error fe;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, bad, sizeof bad - 1),
                     RATEL_EDECL);
    assert_null(d);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_EDECL);
    assert_true(ratel_ctx_field_error_count(ctx) >= 2);
    assert_int_equal(ratel_ctx_field_error(ctx, 1, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.applicant.revenue");
    assert_string_equal(fe.message,
                        "expected a non-negative integer number of yen, got -5");
    assert_int_equal(fe.line, 0);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "$.effective_date: "));
    /* The next call starts clean. */
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, BASE, sizeof BASE - 1),
                     RATEL_OK);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 0);
    ratel_decl_free(d);
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, "{\n x", 4), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_int_equal(fe.line, 2);
    assert_int_equal(fe.column, 2);
    assert_int_equal(ratel_decl_parse(NULL, ctx, NULL, BASE, 3), RATEL_EARG);
}

static void test_decl__api_setters(void **state)
{
    ratel_decl *d;
    ratel_field_error fe;
    size_t at = 99;
    (void)state;
    assert_int_equal(ratel_decl_new(&d, ctx, NULL), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "effective_date",
                                           "2025-04-01"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.name",
                                           "\xE6\xA0\xAA"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.revenue",
                                        500000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.industry",
                                           "retail"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.employees", 30),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_number(d, ctx,
                                           "applicant.overseas_revenue_share",
                                           0.5), RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfa", 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_append(d, ctx, "incidents", &at), RATEL_OK);
    assert_int_equal(at, 0);
    assert_int_equal(ratel_decl_set_string(d, ctx, "incidents[0].date",
                                           "2024-01-01"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "incidents[0].type",
                                           "ddos"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "incidents[0].paid", 100),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "certifications.isms", 1),
                     RATEL_OK);
    /* A refused value: EDECL, with the field error on the context. */
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.coinsurance_pct",
                                        0), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 1);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.request.coinsurance_pct");
    assert_string_equal(fe.message, "expected an integer from 1 to 100, got 0");
    assert_int_equal(ratel_decl_set_number(d, ctx,
                                           "applicant.overseas_revenue_share",
                                           NAN), RATEL_EDECL);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.industry",
                                           NULL), RATEL_EARG);
    /* An unknown path: EARG. */
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.turnover", 1),
                     RATEL_EARG);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_EARG);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.nope", 1),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_set_int(NULL, ctx, "applicant.revenue", 1),
                     RATEL_EARG);
    /* A good call clears the last error. */
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.liability_limit",
                                        1000000), RATEL_OK);
    assert_int_equal(ratel_ctx_errcode(ctx), RATEL_OK);
    ratel_decl_free(d);
    ratel_decl_free(NULL);
}

/* A document names its schema in a "schema" key that comes first; a
 * schema the call names must be the document's. */
static void test_decl__api_schema_of_document(void **state)
{
    static const char named[] =
        "{\"schema\": \"cyber-sme\", \"effective_date\": \"2025-04-01\", "
        "\"applicant\": {\"name\": \"ACME\", \"revenue\": 500000000, "
        "\"industry\": \"retail\", \"employees\": 30}, \"request\": "
        "{\"liability_limit\": 100000000, \"expense_limit\": 10000000, "
        "\"deductible\": 100000}}";
    static const char other[] = "{\"schema\": \"us-dno\", \"effective_date\":"
                                " \"2025-04-01\"}";
    static const char late[] = "{\"effective_date\": \"2025-04-01\", "
                               "\"schema\": \"cyber-sme\"}";
    static const char late_other[] = "{\"effective_date\": \"2025-04-01\", "
                                     "\"schema\": \"us-dno\"}";
    ratel_decl *d = NULL;
    ratel_field_error fe;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, named, sizeof named - 1),
                     RATEL_OK);
    assert_string_equal(ratel_decl_schema(d), "cyber-sme");
    ratel_decl_free(d);
    assert_int_equal(ratel_decl_parse(&d, ctx, "cyber-sme", named,
                                      sizeof named - 1), RATEL_OK);
    ratel_decl_free(d);
    /* a schema the engine does not have */
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, other, sizeof other - 1),
                     RATEL_EDECL);
    assert_null(d);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.schema");
    assert_string_equal(fe.message, "expected \"cyber-sme\" (the schema this "
                        "declaration is read as), got \"us-dno\"");
    /* the schema key after another key: its own id is fine (the errors
     * are the missing fields), another is not followed */
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, late, sizeof late - 1),
                     RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error_count(ctx), 2);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.applicant");
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, late_other,
                                      sizeof late_other - 1), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.schema");
    assert_string_equal(fe.message, "expected \"cyber-sme\" (the schema this "
                        "declaration is read as), got \"us-dno\"");
    /* a schema the call names that the engine lacks */
    assert_int_equal(ratel_decl_parse(&d, ctx, "no-such", BASE,
                                      sizeof BASE - 1), RATEL_ENOTFOUND);
    assert_null(d);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "no schema 'no-such'"));
    assert_int_equal(ratel_decl_new(&d, ctx, "no-such"), RATEL_ENOTFOUND);
    assert_null(d);
    assert_int_equal(ratel_decl_new(NULL, ctx, NULL), RATEL_EARG);
    assert_int_equal(ratel_decl_new(&d, NULL, NULL), RATEL_EARG);
    assert_null(ratel_decl_schema(NULL));
}

/* Getters read what the document gave, the schema's defaults for the
 * rest (also defaults that follow another field), and say which fields
 * were given. */
static void test_decl__api_getters(void **state)
{
    static const char doc[] =
        "{\"effective_date\": \"2025-04-01\", \"applicant\": {\"name\": "
        "\"ACME\", \"revenue\": 500000000, \"industry\": \"retail\", "
        "\"employees\": 30, \"overseas_revenue_share\": 0.25}, "
        "\"incidents\": [{\"date\": \"2024-01-01\", \"type\": \"ddos\", "
        "\"paid\": 7}, {\"date\": \"2024-02-01\", \"type\": \"malware\", "
        "\"paid\": 9}], \"controls\": {\"mfa\": true}, \"certifications\": "
        "[\"pmark\"], \"request\": {\"liability_limit\": 100000000, "
        "\"expense_limit\": 10000000, \"deductible\": 100000}}";
    ratel_decl *d = NULL;
    int64_t i = -1;
    double f = -1;
    int b = -1;
    const char *text = NULL;
    size_t n = 0;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, "cyber-sme", doc,
                                      sizeof doc - 1), RATEL_OK);
    assert_int_equal(ratel_decl_get_int(d, "applicant.revenue", &i), RATEL_OK);
    assert_true(i == 500000000);
    assert_int_equal(ratel_decl_get_number(d, "applicant.revenue", &f),
                     RATEL_OK);
    assert_true(f == 500000000.0);
    assert_int_equal(ratel_decl_get_number(d, "applicant."
                                           "overseas_revenue_share", &f),
                     RATEL_OK);
    assert_true(f == 0.25);
    assert_int_equal(ratel_decl_get_string(d, "applicant.name", &text),
                     RATEL_OK);
    assert_string_equal(text, "ACME");
    assert_int_equal(ratel_decl_get_string(d, "applicant.industry", &text),
                     RATEL_OK);
    assert_string_equal(text, "retail");
    assert_int_equal(ratel_decl_get_count(d, "incidents", &n), RATEL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ratel_decl_get_int(d, "incidents[1].paid", &i),
                     RATEL_OK);
    assert_true(i == 9);
    assert_int_equal(ratel_decl_get_string(d, "incidents[1].type", &text),
                     RATEL_OK);
    assert_string_equal(text, "malware");
    assert_int_equal(ratel_decl_get_int(d, "incidents[0].date", &i),
                     RATEL_OK);
    assert_true(i == 19723); /* 2024-01-01 in days since 1970 */
    assert_int_equal(ratel_decl_get_bool(d, "controls.mfa", &b), RATEL_OK);
    assert_int_equal(b, 1);
    assert_int_equal(ratel_decl_get_bool(d, "controls.edr", &b), RATEL_OK);
    assert_int_equal(b, 0);
    assert_int_equal(ratel_decl_get_bool(d, "certifications.pmark", &b),
                     RATEL_OK);
    assert_int_equal(b, 1);
    assert_int_equal(ratel_decl_get_bool(d, "certifications.isms", &b),
                     RATEL_OK);
    assert_int_equal(b, 0);
    /* the request shorthand gave the coverages */
    assert_int_equal(ratel_decl_get_int(d, "coverages.liability.limit", &i),
                     RATEL_OK);
    assert_true(i == 100000000);
    assert_int_equal(ratel_decl_get_int(d, "coverages.bi.deductible", &i),
                     RATEL_OK);
    assert_true(i == 100000);
    assert_int_equal(ratel_decl_given(d, "coverages.expense.deductible"), 1);
    /* defaults, not given */
    assert_int_equal(ratel_decl_get_int(d, "coverages.liability."
                                        "coinsurance_pct", &i), RATEL_OK);
    assert_true(i == 100);
    assert_int_equal(ratel_decl_given(d, "coverages.liability."
                                      "coinsurance_pct"), 0);
    assert_int_equal(ratel_decl_get_int(d, "coverages.bi.indemnity_days", &i),
                     RATEL_OK);
    assert_true(i == 180);
    assert_int_equal(ratel_decl_get_int(d, "applicant.personal_records", &i),
                     RATEL_OK);
    assert_true(i == 0);
    assert_int_equal(ratel_decl_get_string(d, "applicant.hazard_class",
                                           &text), RATEL_OK);
    assert_string_equal(text, "standard");
    assert_int_equal(ratel_decl_get_string(d, "policy.currency", &text),
                     RATEL_OK);
    assert_string_equal(text, "JPY");
    assert_int_equal(ratel_decl_get_string(d, "policy.territory", &text),
                     RATEL_OK);
    assert_string_equal(text, "japan");
    assert_int_equal(ratel_decl_given(d, "policy.territory"), 0);
    /* dates that default from another: inception is the effective date,
     * expiry a year later */
    assert_int_equal(ratel_decl_get_int(d, "policy.inception", &i), RATEL_OK);
    assert_true(i == 20179); /* 2025-04-01 */
    assert_int_equal(ratel_decl_get_int(d, "policy.expiry", &i), RATEL_OK);
    assert_true(i == 20179 + 365);
    /* optional without a default: no value */
    assert_int_equal(ratel_decl_get_int(d, "policy.retroactive_date", &i),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "coverages.liability."
                                        "aggregate_limit", &i),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_given(d, "coverages.liability."
                                      "aggregate_limit"), 0);
    assert_int_equal(ratel_decl_get_count(d, "entities", &n), RATEL_OK);
    assert_int_equal(n, 0);
    ratel_decl_free(d);
}

/* Getters refuse an unknown path (RATEL_ENOTFOUND), a field of another
 * type (RATEL_EARG) and an item past the end (RATEL_ENOTFOUND); the
 * value is then left alone. */
static void test_decl__api_getter_errors(void **state)
{
    ratel_decl *d = NULL;
    int64_t i = -7;
    double f = -7;
    int b = -7;
    const char *text = "unchanged";
    size_t n = 77;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, BASE, sizeof BASE - 1),
                     RATEL_OK);
    /* no such field */
    assert_int_equal(ratel_decl_get_int(d, "applicant.turnover", &i),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "coverages.liability.limt", &i),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_bool(d, "controls.mfaa", &b),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "", &i), RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "$.applicant.revenue", &i),
                     RATEL_ENOTFOUND);
    assert_true(ratel_decl_given(d, "applicant.turnover") < 0);
    /* another type */
    assert_int_equal(ratel_decl_get_int(d, "applicant.name", &i), RATEL_EARG);
    assert_int_equal(ratel_decl_get_int(d, "applicant.overseas_revenue_share",
                                        &i), RATEL_EARG);
    assert_int_equal(ratel_decl_get_string(d, "applicant.revenue", &text),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_get_bool(d, "applicant.revenue", &b),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_get_number(d, "applicant.name", &f),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_get_count(d, "applicant", &n), RATEL_EARG);
    assert_int_equal(ratel_decl_get_int(d, "applicant", &i), RATEL_EARG);
    assert_int_equal(ratel_decl_get_int(d, "controls.mfa", &i), RATEL_EARG);
    assert_int_equal(ratel_decl_get_bool(d, "controls", &b), RATEL_EARG);
    /* items */
    assert_int_equal(ratel_decl_get_int(d, "incidents[0].paid", &i),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "incidents[].paid", &i),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "incidents.paid", &i),
                     RATEL_ENOTFOUND);
    /* NULL */
    assert_int_equal(ratel_decl_get_int(NULL, "applicant.revenue", &i),
                     RATEL_EARG);
    assert_int_equal(ratel_decl_get_int(d, NULL, &i), RATEL_EARG);
    assert_true(i == -7 && f == -7 && b == -7 && n == 77);
    assert_string_equal(text, "unchanged");
    ratel_decl_free(d);
}

/* Setters by path: the same checks and messages as the reader, at
 * "$.path"; a shorthand sets what it stands for; a refused value, an
 * unknown path or an item past the end changes nothing. */
static void test_decl__api_setters_by_path(void **state)
{
    ratel_decl *d = NULL;
    ratel_field_error fe;
    int64_t i = 0;
    int b = -1;
    size_t at = 0, n = 0;
    (void)state;
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, BASE, sizeof BASE - 1),
                     RATEL_OK);
    /* a shorthand sets every field it stands for */
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.coinsurance_pct", 80),
                     RATEL_OK);
    assert_int_equal(ratel_decl_get_int(d, "coverages.liability."
                                        "coinsurance_pct", &i), RATEL_OK);
    assert_true(i == 80);
    assert_int_equal(ratel_decl_get_int(d, "coverages.bi.coinsurance_pct",
                                        &i), RATEL_OK);
    assert_true(i == 80);
    assert_int_equal(ratel_decl_given(d, "coverages.bi.coinsurance_pct"), 1);
    /* a part's own field, after the shorthand: the last one wins */
    assert_int_equal(ratel_decl_set_int(d, ctx, "coverages.expense."
                                        "coinsurance_pct", 90), RATEL_OK);
    assert_int_equal(ratel_decl_get_int(d, "coverages.expense."
                                        "coinsurance_pct", &i), RATEL_OK);
    assert_true(i == 90);
    assert_int_equal(ratel_decl_get_int(d, "coverages.liability."
                                        "coinsurance_pct", &i), RATEL_OK);
    assert_true(i == 80);
    /* the new fields */
    assert_int_equal(ratel_decl_set_int(d, ctx, "coverages.expense."
                                        "sublimits.ransom", 5000000),
                     RATEL_OK);
    assert_int_equal(ratel_decl_get_int(d, "coverages.expense.sublimits."
                                        "ransom", &i), RATEL_OK);
    assert_true(i == 5000000);
    assert_int_equal(ratel_decl_set_string(d, ctx, "policy.inception",
                                           "2025-05-01"), RATEL_OK);
    assert_int_equal(ratel_decl_get_int(d, "policy.expiry", &i), RATEL_OK);
    assert_true(i == 20209 + 365); /* follows the inception set */
    assert_int_equal(ratel_decl_set_string(d, ctx, "questionnaire."
                                           "guideline_36.m5_mfa", "partly"),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "questionnaire.jcci."
                                         "antivirus", 1), RATEL_OK);
    assert_int_equal(ratel_decl_get_bool(d, "questionnaire.jcci.antivirus",
                                         &b), RATEL_OK);
    assert_int_equal(b, 1);
    /* set_bool on codes of a set: adds and removes */
    assert_int_equal(ratel_decl_set_bool(d, ctx, "certifications.isms", 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_get_bool(d, "certifications.isms", &b),
                     RATEL_OK);
    assert_int_equal(b, 1);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "certifications.isms", 0),
                     RATEL_OK);
    assert_int_equal(ratel_decl_get_bool(d, "certifications.isms", &b),
                     RATEL_OK);
    assert_int_equal(b, 0);
    /* refused values: the reader's words, at $.path */
    assert_int_equal(ratel_decl_set_string(d, ctx, "policy.currency", "YEN"),
                     RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.policy.currency");
    assert_non_null(strstr(fe.message, "expected one of JPY, USD, EUR"));
    assert_non_null(strstr(fe.message, ", got \"YEN\""));
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.hazard_class",
                                           "extreme"), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.message, "expected one of standard, elevated, "
                        "high, got \"extreme\"");
    assert_int_equal(ratel_decl_set_int(d, ctx, "coverages.bi.indemnity_days",
                                        0), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.coverages.bi.indemnity_days");
    assert_string_equal(fe.message, "expected an integer from 1 to 730, "
                        "got 0");
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.revenue",
                                           "100"), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.message, "expected a non-negative integer number "
                        "of yen, got \"100\"");
    assert_int_equal(ratel_decl_set_bool(d, ctx, "applicant.revenue", 1),
                     RATEL_EDECL);
    assert_int_equal(ratel_decl_get_int(d, "applicant.revenue", &i),
                     RATEL_OK);
    assert_true(i == 500000000); /* unchanged */
    /* unknown paths: RATEL_EARG, the reason on ctx */
    assert_int_equal(ratel_decl_set_int(d, ctx, "coverages.liability.limt",
                                        1), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "coverages.liability.limt:"
                           " no such field in schema cyber-sme"));
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfaa", 1),
                     RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "did you mean \"mfa\"?"));
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant", 1), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "set its fields"));
    assert_int_equal(ratel_decl_set_int(d, ctx, "incidents", 1), RATEL_EARG);
    assert_int_equal(ratel_decl_set_int(d, ctx, "incidents[].paid", 1),
                     RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "give the index"));
    /* an item past the end */
    assert_int_equal(ratel_decl_set_int(d, ctx, "incidents[0].paid", 1),
                     RATEL_ENOTFOUND);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "incidents[0].paid: "
                           "incidents has 0 items"));
    /* lists: append, then set the item's fields */
    assert_int_equal(ratel_decl_append(d, ctx, "applicant", &at), RATEL_EARG);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "not a list"));
    assert_int_equal(ratel_decl_append(d, ctx, "entities", &at), RATEL_OK);
    assert_int_equal(at, 0);
    assert_int_equal(ratel_decl_set_string(d, ctx, "entities[0].applicant."
                                           "name", "ACME Logistics"),
                     RATEL_OK);
    assert_int_equal(ratel_decl_append(d, ctx, "entities[0].incidents", &at),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "entities[0].incidents[0]."
                                        "paid", 3), RATEL_OK);
    assert_int_equal(ratel_decl_get_int(d, "entities[0].incidents[0].paid",
                                        &i), RATEL_OK);
    assert_true(i == 3);
    assert_int_equal(ratel_decl_get_count(d, "entities[0].incidents", &n),
                     RATEL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ratel_decl_set_int(d, ctx, "entities[1].limit", 1),
                     RATEL_ENOTFOUND);
    ratel_decl_free(d);
}

/* A list holds at most its max_items: the 101st incident is refused. */
static void test_decl__api_append_past_max(void **state)
{
    ratel_decl *d = NULL;
    ratel_field_error fe;
    size_t at = 0, n = 0;
    int k;
    (void)state;
    assert_int_equal(ratel_decl_new(&d, ctx, "cyber-sme"), RATEL_OK);
    for (k = 0; k < 100; k++)
        assert_int_equal(ratel_decl_append(d, ctx, "incidents", &at),
                         RATEL_OK);
    assert_int_equal(at, 99);
    assert_int_equal(ratel_decl_append(d, ctx, "incidents", &at), RATEL_EDECL);
    assert_int_equal(ratel_ctx_field_error(ctx, 0, &fe), RATEL_OK);
    assert_string_equal(fe.path, "$.incidents");
    assert_string_equal(fe.message, "expected at most 100 incidents, got "
                        "more");
    assert_int_equal(ratel_decl_get_count(d, "incidents", &n), RATEL_OK);
    assert_int_equal(n, 100);
    ratel_decl_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decl__api_parse_ok),
        cmocka_unit_test(test_decl__api_parse_errors),
        cmocka_unit_test(test_decl__api_setters),
        cmocka_unit_test(test_decl__api_schema_of_document),
        cmocka_unit_test(test_decl__api_getters),
        cmocka_unit_test(test_decl__api_getter_errors),
        cmocka_unit_test(test_decl__api_setters_by_path),
        cmocka_unit_test(test_decl__api_append_past_max),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
