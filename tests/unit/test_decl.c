/* test_decl.c - the declaration reader, its checks and the setters, tested
 * through the private interfaces (decl.h, decl_fields.h) with a local
 * error record, on the shipped cyber-sme schema (compiled here, its
 * hazard classes given as the sme_hazard_class table's keys). */
#define TEST_WITH_SCHEMA
#include "testutil.h"

#include <math.h>

#include "decl.h"
#include "decl_fields.h"

/* Limits of the shipped schema. */
#define MAX_INCIDENTS 100
#define MAX_NAME_BYTES 400
#define MAX_RECORDS ((int64_t)10000000000) /* 10^10 */

/* The document's keys, as an unknown key's message lists them. */
#define TOP_KEYS "effective_date, applicant, incidents, controls, " \
                 "certifications, questionnaire, request, coverages, " \
                 "policy, entities, group"

/* A small valid declaration the tests edit with with(). */
static const char BASE[] =
    "{\"effective_date\": \"2025-04-01\",\n"
    " \"applicant\": {\"name\": \"ACME\", \"revenue\": 500000000,"
    " \"industry\": \"retail\", \"employees\": 30},\n"
    " \"request\": {\"liability_limit\": 100000000,"
    " \"expense_limit\": 10000000, \"deductible\": 100000}}";

static const char FULL[] =
    "{\n"
    "  \"effective_date\": \"2025-04-01\",\n"
    "  \"applicant\": {\n"
    "    \"name\": \"\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE"
    "\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89\",\n"
    "    \"revenue\": 1850000000,\n"
    "    \"industry\": \"manufacturing\",\n"
    "    \"employees\": 120,\n"
    "    \"personal_records\": 45000,\n"
    "    \"overseas_revenue_share\": 0.15\n"
    "  },\n"
    "  \"incidents\": [\n"
    "    {\"date\": \"2022-11-14\", \"type\": \"business_email_compromise\","
    " \"paid\": 3200000},\n"
    "    {\"paid\": 850000, \"type\": \"malware\", \"date\": \"2025-04-01\"}\n"
    "  ],\n"
    "  \"controls\": {\"mfa\": true, \"edr\": true, \"csirt\": false,"
    " \"physical_security\": true},\n"
    "  \"certifications\": [\"security_action_2\", \"isms\"],\n"
    "  \"request\": {\n"
    "    \"liability_limit\": 100000000,\n"
    "    \"expense_limit\": 30000000,\n"
    "    \"bi_limit\": 20000000,\n"
    "    \"bi_waiting_hours\": 12,\n"
    "    \"deductible\": 500000,\n"
    "    \"coinsurance_pct\": 90\n"
    "  }\n"
    "}\n";

static ratel_err E;
static char doc[8192];
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

static int setup(void **state)
{
    (void)state;
    err_init(&E);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    err_dispose(&E);
    return 0;
}

/* Values by path, asserted to be there. */
static int64_t get_i(const struct ratel_decl *d, const char *path)
{
    int64_t v = 0;
    if (ratel_decl_get_int(d, path, &v) != RATEL_OK)
        fail_msg("no integer at %s", path);
    return v;
}

static double get_f(const struct ratel_decl *d, const char *path)
{
    double v = 0;
    if (ratel_decl_get_number(d, path, &v) != RATEL_OK)
        fail_msg("no number at %s", path);
    return v;
}

static const char *get_s(const struct ratel_decl *d, const char *path)
{
    const char *v = NULL;
    if (ratel_decl_get_string(d, path, &v) != RATEL_OK)
        fail_msg("no text or code at %s", path);
    return v;
}

static int get_b(const struct ratel_decl *d, const char *path)
{
    int v = 0;
    if (ratel_decl_get_bool(d, path, &v) != RATEL_OK)
        fail_msg("no boolean at %s", path);
    return v;
}

static size_t get_n(const struct ratel_decl *d, const char *path)
{
    size_t v = 0;
    if (ratel_decl_get_count(d, path, &v) != RATEL_OK)
        fail_msg("no list at %s", path);
    return v;
}

/* The codes of a flags or set field that are on, one bit each in the
 * order of its code list. */
static uint64_t get_bits(const struct ratel_decl *d, const char *field,
                         const char *const *codes, int n)
{
    uint64_t bits = 0;
    char path[128];
    int i;
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s.%s", field, codes[i]);
        if (get_b(d, path))
            bits |= UINT64_C(1) << i;
    }
    return bits;
}

static const char *const CONTROLS[] = {
    "security_policy", "risk_assessment", "csirt", "incident_response_plan",
    "ir_drills", "mfa", "edr", "offline_backup", "patch_management",
    "vpn_maintenance", "access_control", "encryption", "log_collection",
    "log_retention", "log_analysis", "staff_training", "supplier_management",
    "physical_security"};
static const char *const CERTIFICATIONS[] = {
    "isms", "pmark", "security_action_1", "security_action_2",
    "cyber_certification"};
#define NCONTROLS 18
#define NCERTIFICATIONS 5

/* BASE with the first `from` replaced by `to`. */
static const char *with(const char *from, const char *to)
{
    const char *at = strstr(BASE, from);
    assert_non_null(at);
    snprintf(doc, sizeof doc, "%.*s%s%s", (int)(at - BASE), BASE, to,
             at + strlen(from));
    return doc;
}

static int parse(const char *json, struct ratel_decl **d)
{
    err_clear(&E);
    return decl_parse_json(d, S, NULL, NULL, json, strlen(json), &E);
}

/* The document fails, and one of its errors is at `path` with exactly
 * `message`. */
static void expect_error(const char *json, const char *path,
                         const char *message)
{
    struct ratel_decl *d = (struct ratel_decl *)1;
    size_t i;
    assert_int_equal(parse(json, &d), RATEL_EDECL);
    assert_null(d);
    assert_int_equal(E.code, RATEL_EDECL);
    for (i = 0; i < E.nfields; i++)
        if (strcmp(E.fields[i].path, path) == 0 &&
            strcmp(E.fields[i].message, message) == 0)
            return;
    fail_msg("no error \"%s: %s\" in:\n%s", path, message, E.message);
}

/* As expect_error, with `part` somewhere in the message. */
static void expect_error_part(const char *json, const char *path,
                              const char *part)
{
    struct ratel_decl *d = NULL;
    size_t i;
    assert_int_equal(parse(json, &d), RATEL_EDECL);
    for (i = 0; i < E.nfields; i++)
        if (strcmp(E.fields[i].path, path) == 0 &&
            strstr(E.fields[i].message, part))
            return;
    fail_msg("no error \"%s: ...%s...\" in:\n%s", path, part, E.message);
}

static void expect_ok(const char *json, struct ratel_decl **d)
{
    int rc = parse(json, d);
    if (rc != RATEL_OK)
        fail_msg("rc %d:\n%s", rc, E.message);
}

static void test_decl__full_declaration(void **state)
{
    struct ratel_decl *d = NULL;
    char date[11];
    (void)state;
    static const char *const given[] = {
        "effective_date", "applicant", "applicant.name", "applicant.revenue",
        "applicant.industry", "applicant.employees",
        "applicant.personal_records", "applicant.overseas_revenue_share",
        "incidents", "controls", "certifications", "request",
        "coverages.liability.limit", "coverages.expense.limit",
        "coverages.bi.limit", "coverages.bi.waiting_hours",
        "coverages.liability.deductible", "coverages.expense.deductible",
        "coverages.bi.deductible", "coverages.liability.coinsurance_pct",
        "coverages.expense.coinsurance_pct", "coverages.bi.coinsurance_pct"};
    size_t i;
    expect_ok(FULL, &d);
    decl_date_format((int32_t)get_i(d, "effective_date"), date);
    assert_string_equal(date, "2025-04-01");
    assert_int_equal(decl_effective_date(d), get_i(d, "effective_date"));
    assert_string_equal(get_s(d, "applicant.name"),
                        "\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7"
                        "\xA4\xBE\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89");
    assert_string_equal(decl_applicant_name(d, NULL),
                        get_s(d, "applicant.name"));
    assert_int_equal(get_i(d, "applicant.revenue"), 1850000000);
    assert_string_equal(get_s(d, "applicant.industry"), "manufacturing");
    assert_int_equal(get_i(d, "applicant.employees"), 120);
    assert_int_equal(get_i(d, "applicant.personal_records"), 45000);
    assert_true(get_f(d, "applicant.overseas_revenue_share") == 0.15);
    assert_int_equal(get_n(d, "incidents"), 2);
    decl_date_format((int32_t)get_i(d, "incidents[0].date"), date);
    assert_string_equal(date, "2022-11-14");
    assert_string_equal(get_s(d, "incidents[0].type"),
                        "business_email_compromise");
    assert_int_equal(get_i(d, "incidents[0].paid"), 3200000);
    decl_date_format((int32_t)get_i(d, "incidents[1].date"), date);
    assert_string_equal(date, "2025-04-01"); /* on the date: accepted */
    assert_string_equal(get_s(d, "incidents[1].type"), "malware");
    assert_int_equal(get_i(d, "incidents[1].paid"), 850000);
    assert_int_equal(get_bits(d, "controls", CONTROLS, NCONTROLS),
                     (1u << 5) | (1u << 6) | (1u << 17));
    assert_int_equal(get_bits(d, "certifications", CERTIFICATIONS,
                              NCERTIFICATIONS), (1u << 3) | (1u << 0));
    /* the request is short for the coverages */
    assert_int_equal(get_i(d, "coverages.liability.limit"), 100000000);
    assert_int_equal(get_i(d, "coverages.expense.limit"), 30000000);
    assert_int_equal(get_i(d, "coverages.bi.limit"), 20000000);
    assert_int_equal(get_i(d, "coverages.bi.waiting_hours"), 12);
    assert_int_equal(get_i(d, "coverages.liability.deductible"), 500000);
    assert_int_equal(get_i(d, "coverages.expense.deductible"), 500000);
    assert_int_equal(get_i(d, "coverages.bi.deductible"), 500000);
    assert_int_equal(get_i(d, "coverages.liability.coinsurance_pct"), 90);
    assert_int_equal(get_i(d, "coverages.expense.coinsurance_pct"), 90);
    assert_int_equal(get_i(d, "coverages.bi.coinsurance_pct"), 90);
    for (i = 0; i < sizeof given / sizeof *given; i++)
        if (ratel_decl_given(d, given[i]) != 1)
            fail_msg("%s not given", given[i]);
    assert_int_equal(decl_check_complete(d, &E), RATEL_OK);
    decl_free(d);
}

static void test_decl__defaults(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    static const char *const not_given[] = {
        "applicant.personal_records", "applicant.overseas_revenue_share",
        "applicant.hazard_class", "coverages.bi.limit",
        "coverages.bi.waiting_hours", "coverages.liability.coinsurance_pct",
        "coverages.bi.indemnity_days", "incidents", "controls",
        "certifications", "questionnaire", "policy", "policy.inception",
        "policy.currency", "entities", "group"};
    size_t i;
    expect_ok(BASE, &d);
    assert_int_equal(get_i(d, "applicant.personal_records"), 0);
    assert_true(get_f(d, "applicant.overseas_revenue_share") == 0.0);
    assert_string_equal(get_s(d, "applicant.hazard_class"), "standard");
    assert_int_equal(get_n(d, "incidents"), 0);
    assert_int_equal(get_bits(d, "controls", CONTROLS, NCONTROLS), 0);
    assert_int_equal(get_bits(d, "certifications", CERTIFICATIONS,
                              NCERTIFICATIONS), 0);
    assert_int_equal(get_i(d, "coverages.bi.limit"), 0);
    assert_int_equal(get_i(d, "coverages.bi.waiting_hours"), 0);
    assert_int_equal(get_i(d, "coverages.bi.deductible"), 100000);
    assert_int_equal(get_i(d, "coverages.liability.coinsurance_pct"), 100);
    assert_int_equal(get_i(d, "coverages.bi.indemnity_days"), 180);
    assert_int_equal(get_n(d, "entities"), 0);
    assert_string_equal(get_s(d, "policy.territory"), "japan");
    assert_string_equal(get_s(d, "policy.currency"), "JPY");
    assert_string_equal(decl_currency(d), "JPY");
    assert_string_equal(get_s(d, "group.limit_basis"), "shared");
    assert_int_equal(get_i(d, "policy.inception"), get_i(d, "effective_date"));
    assert_int_equal(get_i(d, "policy.expiry"),
                     get_i(d, "effective_date") + 365); /* 2026-04-01 */
    /* no default: no value */
    assert_int_equal(ratel_decl_get_int(d, "policy.retroactive_date", NULL),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "coverages.expense.sublimits."
                                        "ransom", NULL), RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_string(d, "questionnaire.guideline_36."
                                           "m5_mfa", NULL), RATEL_ENOTFOUND);
    for (i = 0; i < sizeof not_given / sizeof *not_given; i++)
        if (ratel_decl_given(d, not_given[i]) != 0)
            fail_msg("%s given", not_given[i]);
    decl_free(d);
}

static void test_decl__not_nul_terminated(void **state)
{
    struct ratel_decl *d = NULL;
    char *copy = malloc(sizeof BASE - 1);
    (void)state;
    memcpy(copy, BASE, sizeof BASE - 1); /* no NUL at the end */
    assert_int_equal(decl_parse_json(&d, S, NULL, NULL, copy, sizeof BASE - 1,
                                     &E), RATEL_OK);
    decl_free(d);
    free(copy);
}

static void test_decl__negative_money(void **state)
{
    (void)state;
    expect_error(with("\"revenue\": 500000000", "\"revenue\": -5"),
                 "$.applicant.revenue",
                 "expected a non-negative integer number of yen, got -5");
}

static void test_decl__float_money(void **state)
{
    (void)state;
    expect_error(with("\"deductible\": 100000", "\"deductible\": 100.0"),
                 "$.request.deductible",
                 "expected a non-negative integer number of yen, got 100.0 "
                 "(write an integer, without a fraction or an exponent)");
}

static void test_decl__exponent_money(void **state)
{
    (void)state;
    expect_error(with("\"revenue\": 500000000", "\"revenue\": 1e8"),
                 "$.applicant.revenue",
                 "expected a non-negative integer number of yen, got 1e8 "
                 "(write an integer, without a fraction or an exponent)");
}

static void test_decl__money_too_large(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("\"revenue\": 500000000",
                      "\"revenue\": 1000000000000001"),
                 "$.applicant.revenue",
                 "expected at most 1000000000000000 yen, got "
                 "1000000000000001");
    expect_error(with("\"revenue\": 500000000",
                      "\"revenue\": 99999999999999999999999"),
                 "$.applicant.revenue",
                 "expected at most 1000000000000000 yen, got "
                 "99999999999999999999999");
    expect_error(with("\"revenue\": 500000000",
                      "\"revenue\": -9223372036854775809"),
                 "$.applicant.revenue",
                 "expected a non-negative integer number of yen, got "
                 "-9223372036854775809");
    expect_ok(with("\"revenue\": 500000000", "\"revenue\": 1000000000000000"),
              &d);
    assert_true(get_i(d, "applicant.revenue") == RATEL_MONEY_MAX);
    decl_free(d);
}

static void test_decl__nan_is_a_syntax_error(void **state)
{
    (void)state;
    expect_error_part(with("\"revenue\": 500000000", "\"revenue\": NaN"),
                      "$.applicant.revenue", "invalid char");
    expect_error_part(with("\"revenue\": 500000000", "\"revenue\": Infinity"),
                      "$.applicant.revenue", "invalid");
}

static void test_decl__wrong_type(void **state)
{
    (void)state;
    expect_error(with("\"revenue\": 500000000", "\"revenue\": \"500\""),
                 "$.applicant.revenue",
                 "expected a non-negative integer number of yen, got \"500\"");
    expect_error(with("\"name\": \"ACME\"", "\"name\": {\"x\": [1]}"),
                 "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got an object");
    expect_error(with("\"applicant\": {", "\"controls\": [], \"applicant\": {"),
                 "$.controls", "expected an object of controls -> true or "
                 "false, got an array");
    expect_error(with("\"applicant\": {", "\"incidents\": {}, \"applicant\": {"),
                 "$.incidents", "expected an array, got an object");
    expect_error(with("\"applicant\": {", "\"incidents\": [5], \"applicant\": {"),
                 "$.incidents[0]", "expected an object, got 5");
    expect_error(with("\"applicant\": {", "\"controls\": {\"mfa\": \"yes\"}, "
                                          "\"applicant\": {"),
                 "$.controls.mfa", "expected true or false, got \"yes\"");
    expect_error(with("\"employees\": 30", "\"employees\": null"),
                 "$.applicant.employees",
                 "expected an integer from 0 to 10000000, got null");
    expect_error(with("\"employees\": 30", "\"employees\": 30.5"),
                 "$.applicant.employees",
                 "expected an integer from 0 to 10000000, got 30.5 (write an "
                 "integer, without a fraction or an exponent)");
}

static void test_decl__unknown_key_at_each_level(void **state)
{
    (void)state;
    expect_error(with("\"effective_date\"", "\"colour\": 1, \"effective_date\""),
                 "$.colour",
                 "unknown key; expected one of " TOP_KEYS);
    expect_error(with("\"name\"", "\"nmae\": \"x\", \"name\""),
                 "$.applicant.nmae",
                 "unknown key; expected one of name, revenue, industry, "
                 "employees, personal_records, overseas_revenue_share, "
                 "hazard_class; did you mean \"name\"?");
    expect_error(with("\"deductible\"", "\"excess\": [1, {\"a\": 2}], "
                                        "\"deductible\""),
                 "$.request.excess",
                 "unknown key; expected one of liability_limit, "
                 "expense_limit, bi_limit, bi_waiting_hours, eo_limit, deductible, "
                 "coinsurance_pct");
    expect_error(with("\"applicant\": {",
                      "\"incidents\": [{\"date\": \"2024-01-01\", \"type\": "
                      "\"ddos\", \"paid\": 0, \"cost\": 1}], \"applicant\": {"),
                 "$.incidents[0].cost",
                 "unknown key; expected one of date, type, paid");
    expect_error(with("\"effective_date\"", "\"a b\\\"\": 1, \"effective_date\""),
                 "$[\"a b\\\"\"]",
                 "unknown key; expected one of " TOP_KEYS);
}

static void test_decl__key_with_nul_is_unknown(void **state)
{
    (void)state;
    /* A key matching a name up to an escaped NUL is not that name. */
    expect_error_part(with("\"applicant\": {", "\"controls\": {\"mfa\\u0000x\":"
                           " true}, \"applicant\": {"),
                      "$.controls[\"mfa\\x00x\"]", "unknown control");
    expect_error_part(with("\"name\"", "\"revenue\\u0000\": 1, \"name\""),
                      "$.applicant[\"revenue\\x00\"]", "unknown key");
}

static void test_decl__unknown_value_is_skipped(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    /* Nested values under an unknown key give one error, nothing else. */
    assert_int_equal(parse(with("\"effective_date\"",
                                "\"x\": {\"revenue\": -1, \"a\": [[{}], "
                                "{\"b\": null}]}, \"effective_date\""),
                           &d),
                     RATEL_EDECL);
    assert_int_equal(E.nfields, 1);
    assert_string_equal(E.fields[0].path, "$.x");
}

static void test_decl__misspelt_control(void **state)
{
    (void)state;
    expect_error(with("\"applicant\": {", "\"controls\": {\"mfaa\": true}, "
                                          "\"applicant\": {"),
                 "$.controls.mfaa",
                 "unknown control; expected one of security_policy, "
                 "risk_assessment, csirt, incident_response_plan, ir_drills, "
                 "mfa, edr, offline_backup, patch_management, "
                 "vpn_maintenance, access_control, encryption, "
                 "log_collection, log_retention, log_analysis, "
                 "staff_training, supplier_management, physical_security; "
                 "did you mean \"mfa\"?");
}

/* Keys in any order give the same declaration (the reader looks first
 * for the key after the last one it found). */
static void test_decl__key_order(void **state)
{
    static const char reversed[] =
        "{\"request\": {\"coinsurance_pct\": 90, \"deductible\": 500000,"
        " \"bi_waiting_hours\": 12, \"bi_limit\": 20000000,"
        " \"expense_limit\": 30000000, \"liability_limit\": 100000000},"
        " \"certifications\": [\"isms\", \"security_action_2\"],"
        " \"controls\": {\"physical_security\": true, \"csirt\": false,"
        " \"edr\": true, \"mfa\": true},"
        " \"incidents\": [{\"paid\": 3200000,"
        " \"type\": \"business_email_compromise\", \"date\": \"2022-11-14\"},"
        " {\"date\": \"2025-04-01\", \"paid\": 850000,"
        " \"type\": \"malware\"}],"
        " \"applicant\": {\"overseas_revenue_share\": 0.15,"
        " \"personal_records\": 45000, \"employees\": 120,"
        " \"industry\": \"manufacturing\", \"revenue\": 1850000000,"
        " \"name\": \"\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE"
        "\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89\"},"
        " \"effective_date\": \"2025-04-01\"}";
    struct ratel_decl *a = NULL, *b = NULL;
    const sch_record *r = &S->records[0];
    size_t i, k;
    (void)state;
    expect_ok(FULL, &a);
    expect_ok(reversed, &b);
    assert_string_equal(get_s(a, "applicant.name"), get_s(b, "applicant.name"));
    /* every slot of the document the same, text offsets aside */
    for (i = 0; i < (size_t)r->nslots; i++) {
        const sch_node *n = &S->nodes[r->slot_node[i]];
        const decl_slot *x = &a->root[i], *y = &b->root[i];
        assert_int_equal(x->given, y->given);
        assert_int_equal(x->absent, y->absent);
        assert_int_equal(x->via, y->via);
        if (n->type == SCH_NUMBER)
            assert_true(x->v.f == y->v.f);
        else if (n->type != SCH_TEXT && n->type != SCH_LIST)
            assert_true(x->v.i == y->v.i);
    }
    assert_int_equal(get_n(a, "incidents"), get_n(b, "incidents"));
    for (k = 0; k < get_n(a, "incidents"); k++) {
        static const char *const f[] = {"date", "paid"};
        char path[64];
        for (i = 0; i < 2; i++) {
            snprintf(path, sizeof path, "incidents[%zu].%s", k, f[i]);
            assert_true(get_i(a, path) == get_i(b, path));
        }
        snprintf(path, sizeof path, "incidents[%zu].type", k);
        assert_string_equal(get_s(a, path), get_s(b, path));
    }
    decl_free(a);
    decl_free(b);
}

static void test_decl__duplicate_key(void **state)
{
    (void)state;
    expect_error(with("\"employees\": 30", "\"employees\": 30, "
                                           "\"employees\": 31"),
                 "$.applicant.employees",
                 "duplicate key; each key may appear only once in an object");
    expect_error(with("\"applicant\": {", "\"controls\": {\"mfa\": true, "
                                          "\"mfa\": false}, \"applicant\": {"),
                 "$.controls.mfa",
                 "duplicate key; each key may appear only once in an object");
    expect_error(with("\"request\": {\"liability_limit\": 100000000, "
                      "\"expense_limit\": 10000000, \"deductible\": 100000}",
                      "\"request\": {\"liability_limit\": 100000000, "
                      "\"expense_limit\": 10000000, \"deductible\": 100000},"
                      " \"request\": {}"),
                 "$.request",
                 "duplicate key; each key may appear only once in an object");
}

static void test_decl__certifications(void **state)
{
    (void)state;
    expect_error(with("\"applicant\": {", "\"certifications\": [\"isms\", "
                                          "\"pmark\", \"isms\"], "
                                          "\"applicant\": {"),
                 "$.certifications[2]",
                 "expected each certification once, got \"isms\" again "
                 "(first at [0])");
    expect_error(with("\"applicant\": {", "\"certifications\": [\"pmrak\"], "
                                          "\"applicant\": {"),
                 "$.certifications[0]",
                 "expected one of isms, pmark, security_action_1, "
                 "security_action_2, cyber_certification, got \"pmrak\"; did "
                 "you mean \"pmark\"?");
}

static void test_decl__unknown_industry(void **state)
{
    (void)state;
    expect_error(with("\"retail\"", "\"banking\""), "$.applicant.industry",
                 "expected one of manufacturing, retail, wholesale, "
                 "logistics, food_service, construction, it_services, "
                 "finance, healthcare, professional_services, education, "
                 "other, got \"banking\"");
}

static void test_decl__bad_date(void **state)
{
    static const char *const bad[] = {
        "\"2025-4-01\"", "\"2025/04/01\"", "\"2025-13-01\"", "\"2025-04-31\"",
        "\"1899-12-31\"", "\"3000-01-01\"", "\"2025-04-01T00:00\"",
        "\"２０２５-04-01\"", "20250401", "\"\""};
    size_t i;
    char want[200];
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char value[64];
        snprintf(value, sizeof value, "\"effective_date\": %s", bad[i]);
        snprintf(want, sizeof want, "expected a date \"YYYY-MM-DD\" (a real "
                 "calendar date, years 1900 to 2999), got %s", bad[i]);
        expect_error(with("\"effective_date\": \"2025-04-01\"", value),
                     "$.effective_date", want);
    }
}

static void test_decl__feb29_non_leap(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("2025-04-01", "2025-02-29"), "$.effective_date",
                 "expected a date \"YYYY-MM-DD\" (a real calendar date, "
                 "years 1900 to 2999), got \"2025-02-29\"");
    expect_error(with("2025-04-01", "1900-02-29"), "$.effective_date",
                 "expected a date \"YYYY-MM-DD\" (a real calendar date, "
                 "years 1900 to 2999), got \"1900-02-29\"");
    expect_ok(with("2025-04-01", "2024-02-29"), &d);
    decl_free(d);
    expect_ok(with("2025-04-01", "2000-02-29"), &d);
    decl_free(d);
}

static void test_decl__date_round_trip(void **state)
{
    int32_t days, prev = 0;
    char out[11];
    int y, m, dd, first = 1;
    (void)state;
    assert_int_equal(decl_date_parse("1970-01-01", 10, &days), 0);
    assert_int_equal(days, 0);
    assert_int_equal(decl_date_parse("2025-04-01", 10, &days), 0);
    assert_int_equal(days, 20179);
    assert_int_equal(decl_date_parse("1900-01-01", 10, &days), 0);
    assert_int_equal(days, -25567);
    for (y = 1900; y <= 2999; y++)
        for (m = 1; m <= 12; m++)
            for (dd = 1; dd <= 31; dd++) {
                char s[16];
                snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, dd);
                if (decl_date_parse(s, 10, &days) != 0)
                    continue;
                if (!first)
                    assert_int_equal(days, prev + 1); /* no gap, no overlap */
                first = 0;
                prev = days;
                decl_date_format(days, out);
                assert_string_equal(out, s);
            }
    assert_int_equal(decl_date_parse("2025-04-0", 9, &days), -1);
}

static void test_decl__incident_after_effective_date(void **state)
{
    (void)state;
    expect_error(with("\"applicant\": {",
                      "\"incidents\": [{\"date\": \"2020-01-01\", \"type\": "
                      "\"ddos\", \"paid\": 0}, {\"date\": \"2025-04-02\", "
                      "\"type\": \"ransomware\", \"paid\": 5}], "
                      "\"applicant\": {"),
                 "$.incidents[1].date",
                 "expected a date on or before the effective date "
                 "2025-04-01, got \"2025-04-02\"");
}

static void test_decl__incident_missing_fields(void **state)
{
    (void)state;
    expect_error(with("\"applicant\": {",
                      "\"incidents\": [{\"type\": \"ddos\"}], "
                      "\"applicant\": {"),
                 "$.incidents[0].paid",
                 "required field is missing; expected a non-negative "
                 "integer number of yen");
    expect_error(with("\"applicant\": {",
                      "\"incidents\": [{\"type\": \"ddos\"}], "
                      "\"applicant\": {"),
                 "$.incidents[0].date",
                 "required field is missing; expected a date \"YYYY-MM-DD\" "
                 "(a real calendar date, years 1900 to 2999)");
}

static void test_decl__too_many_incidents(void **state)
{
    struct ratel_decl *d = NULL;
    char list[8000];
    size_t n = 0;
    int i;
    (void)state;
    n += (size_t)snprintf(list + n, sizeof list - n, "\"incidents\": [");
    for (i = 0; i < MAX_INCIDENTS + 2; i++)
        n += (size_t)snprintf(list + n, sizeof list - n,
                              "%s{\"date\":\"2024-01-01\",\"type\":\"ddos\","
                              "\"paid\":1}", i ? "," : "");
    snprintf(list + n, sizeof list - n, "], \"applicant\": {");
    expect_error(with("\"applicant\": {", list), "$.incidents[100]",
                 "expected at most 100 incidents, got more");
    assert_int_equal(E.nfields, 1); /* said once */
    /* Exactly the maximum is fine. */
    n = (size_t)snprintf(list, sizeof list, "\"incidents\": [");
    for (i = 0; i < MAX_INCIDENTS; i++)
        n += (size_t)snprintf(list + n, sizeof list - n,
                              "%s{\"date\":\"2024-01-01\",\"type\":\"ddos\","
                              "\"paid\":1}", i ? "," : "");
    snprintf(list + n, sizeof list - n, "], \"applicant\": {");
    expect_ok(with("\"applicant\": {", list), &d);
    assert_int_equal(get_n(d, "incidents"), MAX_INCIDENTS);
    decl_free(d);
}

static void test_decl__missing_required_fields(void **state)
{
    static const struct {
        const char *from, *to, *path;
    } cases[] = {
        {"\"effective_date\": \"2025-04-01\",", "", "$.effective_date"},
        {"\"name\": \"ACME\",", "", "$.applicant.name"},
        {"\"revenue\": 500000000,", "", "$.applicant.revenue"},
        {"\"industry\": \"retail\",", "", "$.applicant.industry"},
        {", \"employees\": 30", "", "$.applicant.employees"},
        {"\"liability_limit\": 100000000,", "", "$.request.liability_limit"},
        {"\"expense_limit\": 10000000,", "", "$.request.expense_limit"},
        {", \"deductible\": 100000", "", "$.request.deductible"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expect_error_part(with(cases[i].from, cases[i].to), cases[i].path,
                          "required field is missing; expected ");
        assert_int_equal(E.nfields, 1);
    }
    expect_error(with("\"request\": {\"liability_limit\": 100000000, "
                      "\"expense_limit\": 10000000, \"deductible\": 100000}",
                      "\"controls\": {}"),
                 "$.request", "required field is missing; expected an object");
    assert_int_equal(E.nfields, 1); /* not one per field inside */
    expect_error_part("{}", "$.applicant", "required field is missing");
    assert_int_equal(E.nfields, 3);
    /* A refused object: its error only, not one per field inside. */
    expect_error(with("\"applicant\": {\"name\": \"ACME\", \"revenue\": "
                      "500000000, \"industry\": \"retail\", \"employees\": 30}",
                      "\"applicant\": 5"),
                 "$.applicant", "expected an object, got 5");
    assert_int_equal(E.nfields, 1);
}

static void test_decl__bi_limit_without_waiting_hours(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("\"deductible\": 100000", "\"deductible\": 100000, "
                                                "\"bi_limit\": 5000000"),
                 "$.request.bi_waiting_hours",
                 "required field is missing; expected an integer from 0 to "
                 "8760 (required when bi_limit is above 0)");
    expect_ok(with("\"deductible\": 100000", "\"deductible\": 100000, "
                                             "\"bi_limit\": 0"),
              &d);
    decl_free(d);
    expect_ok(with("\"deductible\": 100000", "\"deductible\": 100000, "
                   "\"bi_limit\": 5, \"bi_waiting_hours\": 0"),
              &d);
    assert_int_equal(ratel_decl_given(d, "coverages.bi.waiting_hours"), 1);
    assert_int_equal(get_i(d, "coverages.bi.waiting_hours"), 0);
    decl_free(d);
    expect_error(with("\"deductible\": 100000", "\"deductible\": 100000, "
                      "\"bi_limit\": 5, \"bi_waiting_hours\": 8761"),
                 "$.request.bi_waiting_hours",
                 "expected an integer from 0 to 8760, got 8761");
}

static void test_decl__coinsurance_out_of_range(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("\"deductible\": 100000", "\"deductible\": 100000, "
                                                "\"coinsurance_pct\": 0"),
                 "$.request.coinsurance_pct",
                 "expected an integer from 1 to 100, got 0");
    expect_error(with("\"deductible\": 100000", "\"deductible\": 100000, "
                                                "\"coinsurance_pct\": 101"),
                 "$.request.coinsurance_pct",
                 "expected an integer from 1 to 100, got 101");
    expect_ok(with("\"deductible\": 100000", "\"deductible\": 100000, "
                                             "\"coinsurance_pct\": 1"),
              &d);
    assert_int_equal(get_i(d, "coverages.liability.coinsurance_pct"), 1);
    decl_free(d);
}

static void test_decl__share_out_of_range(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("\"employees\": 30", "\"employees\": 30, "
                                           "\"overseas_revenue_share\": 1.01"),
                 "$.applicant.overseas_revenue_share",
                 "expected a number from 0 to 1, got 1.01");
    expect_error(with("\"employees\": 30", "\"employees\": 30, "
                                           "\"overseas_revenue_share\": -0.5"),
                 "$.applicant.overseas_revenue_share",
                 "expected a number from 0 to 1, got -0.5");
    expect_error(with("\"employees\": 30", "\"employees\": 30, "
                                           "\"overseas_revenue_share\": 1e999"),
                 "$.applicant.overseas_revenue_share",
                 "expected a number from 0 to 1, got 1e999");
    expect_ok(with("\"employees\": 30", "\"employees\": 30, "
                                        "\"overseas_revenue_share\": 1"),
              &d);
    assert_true(get_f(d, "applicant.overseas_revenue_share") == 1.0);
    decl_free(d);
    expect_ok(with("\"employees\": 30", "\"employees\": 30, "
                                        "\"overseas_revenue_share\": 25e-2"),
              &d);
    assert_true(get_f(d, "applicant.overseas_revenue_share") == 0.25);
    decl_free(d);
}

static void test_decl__employees_and_records_bounds(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("\"employees\": 30", "\"employees\": 10000001"),
                 "$.applicant.employees",
                 "expected an integer from 0 to 10000000, got 10000001");
    expect_error(with("\"employees\": 30", "\"employees\": 30, "
                      "\"personal_records\": 10000000001"),
                 "$.applicant.personal_records",
                 "expected an integer from 0 to 10000000000, got 10000000001");
    expect_ok(with("\"employees\": 30", "\"employees\": 0, "
                   "\"personal_records\": 10000000000"),
              &d);
    assert_true(get_i(d, "applicant.personal_records") == MAX_RECORDS);
    decl_free(d);
}

static void test_decl__syntax_error_line_column(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    assert_int_equal(parse("{\"effective_date\": \"2025-04-01\",\n"
                           " \"applicant\": {\"revenue\" 5}}", &d),
                     RATEL_EDECL);
    assert_int_equal(E.nfields, 1);
    assert_string_equal(E.fields[0].path, "$.applicant.revenue");
    assert_int_equal(E.fields[0].line, 2);
    assert_int_equal(E.fields[0].column, 26); /* the 5 */
    assert_non_null(strstr(E.fields[0].message, "colon"));
    assert_null(strchr(E.fields[0].message, '\n')); /* no caret dump */
    /* Columns count characters, not bytes. */
    assert_int_equal(parse("{\"\xE5\x90\x8D\": x}", &d), RATEL_EDECL);
    assert_int_equal(E.fields[E.nfields - 1].column, 7);
    /* Unterminated document: at its end. */
    assert_int_equal(parse("{\"applicant\": {\n", &d), RATEL_EDECL);
    assert_int_equal(E.fields[0].line, 2);
    assert_int_equal(E.fields[0].column, 1);
    assert_int_equal(parse("", &d), RATEL_EDECL);
    assert_string_equal(E.fields[0].path, "$");
    assert_int_equal(E.fields[0].line, 1);
}

static void test_decl__trailing_garbage(void **state)
{
    char text[sizeof BASE + 8];
    (void)state;
    snprintf(text, sizeof text, "%s x", BASE);
    expect_error(text, "$", "parse error: trailing garbage");
    assert_int_equal(E.fields[0].line, 3);
    assert_int_equal(E.fields[0].column, 94); /* the x */
    snprintf(text, sizeof text, "%s {}", BASE);
    expect_error(text, "$", "parse error: trailing garbage");
}

/* A document that is not UTF-8 gets a hint about its encoding after the
 * errors it caused; a UTF-8 document refused for other reasons none. */
static void test_decl__encoding_hint(void **state)
{
    char text[sizeof BASE + 8];
    (void)state;
    snprintf(text, sizeof text, "\xEF\xBB\xBF%s", BASE);
    expect_error(text, "$", "the file starts with a byte order mark (BOM): "
                 "save it as UTF-8 without a BOM");
    assert_int_equal(E.fields[E.nfields - 1].line, 1);
    expect_error("\xFF\xFE{", "$", "the file is UTF-16: save it as UTF-8 "
                 "(without a BOM)");
    /* "kabu" (stock company) in Shift_JIS: 0x8A 0x94 */
    expect_error(with("\"ACME\"", "\"\x8A\x94\""), "$",
                 "the file is not UTF-8 (byte 0x8A): declarations are "
                 "UTF-8; one saved in Shift_JIS converts with 'iconv -f "
                 "SHIFT_JIS -t UTF-8'");
    expect_error_part(with("\"ACME\"", "\"\x8A\x94\""), "$.applicant.name",
                      "got invalid UTF-8 at byte 1"); /* the field's too */
    expect_error(with("\"ACME\"", "\"\""), "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got an empty string");
    assert_null(strstr(E.message, "UTF-8 ("));
    assert_null(strstr(E.message, "BOM"));
}

static void test_decl__top_level_not_an_object(void **state)
{
    (void)state;
    expect_error("[1, {\"a\": 2}]", "$", "expected an object, got an array");
    assert_int_equal(E.nfields, 1);
    expect_error("\"hello\"", "$", "expected an object, got \"hello\"");
    expect_error("42", "$", "expected an object, got 42");
}

/* n levels of arrays under key "x" of `section` of BASE. */
static const char *nested(const char *at, int n)
{
    char deep[1000];
    int i;
    size_t k = 0;
    k += (size_t)snprintf(deep + k, sizeof deep - k, "\"x\": ");
    for (i = 0; i < n; i++)
        deep[k++] = '[';
    for (i = 0; i < n; i++)
        deep[k++] = ']';
    snprintf(deep + k, sizeof deep - k, ", %s", at);
    return with(at, deep);
}

static void test_decl__deep_nesting(void **state)
{
    (void)state;
    /* 1 (document) + 63 arrays = 64 levels: only the unknown key. */
    expect_error(nested("\"effective_date\"", 63), "$.x",
                 "unknown key; expected one of " TOP_KEYS);
    assert_int_equal(E.nfields, 1);
    expect_error(nested("\"effective_date\"", 64), "$",
                 "expected at most 64 levels of nested objects and arrays, "
                 "got more");
    expect_error(nested("\"name\"", 200), "$.applicant",
                 "expected at most 64 levels of nested objects and arrays, "
                 "got more");
}

static void test_decl__name_rules(void **state)
{
    char name[MAX_NAME_BYTES + 40];
    char value[MAX_NAME_BYTES + 60];
    struct ratel_decl *d = NULL;
    (void)state;
    expect_error(with("\"ACME\"", "\"\""), "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got an empty string");
    expect_error(with("\"ACME\"", "\"AC\xFF\x41\""), "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got invalid UTF-8 at byte 3");
    expect_error(with("\"ACME\"", "\"\xED\xA0\x80\""), "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got invalid UTF-8 at byte 1"); /* a surrogate */
    expect_error(with("\"ACME\"", "\"AC\\u0000ME\""), "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got a NUL character at byte 3");
    memset(name, 'a', MAX_NAME_BYTES + 1);
    name[MAX_NAME_BYTES + 1] = '\0';
    snprintf(value, sizeof value, "\"%s\"", name);
    expect_error(with("\"ACME\"", value), "$.applicant.name",
                 "expected a non-empty UTF-8 string of at most 400 bytes, "
                 "got 401 bytes");
    name[MAX_NAME_BYTES] = '\0';
    snprintf(value, sizeof value, "\"%s\"", name);
    expect_ok(with("\"ACME\"", value), &d);
    assert_int_equal(strlen(get_s(d, "applicant.name")), MAX_NAME_BYTES);
    decl_free(d);
}

/* Appends `n` copies of `s` at *at. */
static void repeat(char **at, const char *s, int n)
{
    size_t len = strlen(s);
    for (; n > 0; n--, *at += len)
        memcpy(*at, s, len);
    **at = '\0';
}

/* Escaped strings that decode to more than the parser's stack memory
 * holds read as shorter ones do, and so do errors found after them. */
static void test_decl__long_escaped_strings(void **state)
{
    static const char head[] = "{\"effective_date\": \"2025-04-01\", "
                               "\"x\": \"";
    char *json = malloc(32000), *at;
    const char *tail = strstr(BASE, "\"applicant\"");
    struct ratel_decl *d = NULL;
    size_t i;
    (void)state;
    assert_non_null(json);
    /* a skipped value of 6,000 bytes decoded from 18,000 */
    at = json + sprintf(json, "%s", head);
    repeat(&at, "\\u00e9", 3000);
    sprintf(at, "\", %s", tail);
    expect_error(json, "$.x", "unknown key; expected one of " TOP_KEYS);
    assert_int_equal(E.nfields, 1);
    /* the same cut short inside the string: a syntax error after it */
    at[-3] = '\0';
    assert_int_equal(parse(json, &d), RATEL_EDECL);
    assert_int_equal(E.nfields, 2);
    assert_string_equal(E.fields[1].path, "$");
    assert_int_equal(E.fields[1].line, 1);
    assert_int_equal(E.fields[1].column, (int)strlen(json) + 1); /* end */
    assert_non_null(strstr(E.fields[1].message, "lexical error"));
    /* a name of 400 bytes written as 2,400 */
    at = json;
    at += sprintf(at, "%.*s\"", (int)(strstr(BASE, "\"ACME\"") - BASE),
                  BASE);
    repeat(&at, "\\u0041", MAX_NAME_BYTES);
    sprintf(at, "%s", strstr(BASE, "\"ACME\"") + 5);
    expect_ok(json, &d);
    assert_int_equal(strlen(get_s(d, "applicant.name")), MAX_NAME_BYTES);
    for (i = 0; i < MAX_NAME_BYTES; i++)
        assert_int_equal(get_s(d, "applicant.name")[i], 'A');
    decl_free(d);
    free(json);
}

static void test_decl__several_errors_in_document_order(void **state)
{
    static const char *const paths[] = {
        "$.effective_date", "$.applicant.revenue", "$.applicant.industry",
        "$.incidents[0].paid", "$.incidents[1].type", "$.controls.mfaa",
        "$.request.coinsurance_pct", "$.request.expense_limit"};
    struct ratel_decl *d = NULL;
    size_t i;
    (void)state;
    assert_int_equal(
        parse("{\"effective_date\": \"2025-02-29\", \"applicant\": {\"name\": "
              "\"A\", \"revenue\": -1, \"industry\": \"bank\", \"employees\":"
              " 3}, \"incidents\": [{\"date\": \"2020-01-01\", \"type\": "
              "\"ddos\", \"paid\": 1.5}, {\"date\": \"2020-01-01\", \"type\":"
              " \"flood\", \"paid\": 1}], \"controls\": {\"mfaa\": true}, "
              "\"request\": {\"liability_limit\": 1, \"deductible\": 0, "
              "\"coinsurance_pct\": 0}}",
              &d),
        RATEL_EDECL);
    assert_int_equal(E.nfields, sizeof paths / sizeof paths[0]);
    for (i = 0; i < E.nfields; i++)
        assert_string_equal(E.fields[i].path, paths[i]);
    /* The message joins them, one a line. */
    assert_non_null(strstr(E.message, "$.applicant.revenue: expected a "
                                      "non-negative integer number of yen, "
                                      "got -1\n"));
}

/* BASE's applicant and date with `rest` (more keys, from the comma on)
 * instead of its request. */
static const char *base_with(const char *rest)
{
    snprintf(doc, sizeof doc,
             "{\"effective_date\": \"2025-04-01\",\n"
             " \"applicant\": {\"name\": \"ACME\", \"revenue\": 500000000,"
             " \"industry\": \"retail\", \"employees\": 30}%s}", rest);
    return doc;
}

#define COVERAGES "\"coverages\": {\"liability\": {\"limit\": 100000000, " \
    "\"deductible\": 100000}, \"expense\": {\"limit\": 10000000, "          \
    "\"deductible\": 100000}}"

/* The cover asked for, per part instead of the request: the same
 * values, with terms the request cannot say. */
static void test_decl__coverages_instead_of_request(void **state)
{
    struct ratel_decl *d = NULL, *r = NULL;
    (void)state;
    expect_ok(base_with(", " COVERAGES), &d);
    expect_ok(BASE, &r);
    assert_int_equal(get_i(d, "coverages.liability.limit"),
                     get_i(r, "coverages.liability.limit"));
    assert_int_equal(get_i(d, "coverages.expense.deductible"),
                     get_i(r, "coverages.expense.deductible"));
    /* bi is optional per part: its defaults */
    assert_int_equal(get_i(d, "coverages.bi.limit"), 0);
    assert_int_equal(get_i(d, "coverages.bi.deductible"), 0);
    assert_int_equal(ratel_decl_given(d, "request"), 0);
    decl_free(d);
    decl_free(r);
    expect_ok(base_with(
        ", \"coverages\": {\"liability\": {\"limit\": 100000000, "
        "\"deductible\": 100000, \"coinsurance_pct\": 80, \"aggregate_limit\":"
        " 200000000, \"sublimits\": {\"media\": 10000000}}, \"expense\": "
        "{\"limit\": 10000000, \"deductible\": 50000, \"sublimits\": "
        "{\"ransom\": 5000000, \"notification\": 2000000}}, \"bi\": "
        "{\"limit\": 20000000, \"deductible\": 0, \"waiting_hours\": 12, "
        "\"indemnity_days\": 90}}"), &d);
    assert_int_equal(get_i(d, "coverages.liability.coinsurance_pct"), 80);
    assert_int_equal(get_i(d, "coverages.expense.coinsurance_pct"), 100);
    assert_int_equal(get_i(d, "coverages.liability.aggregate_limit"),
                     200000000);
    assert_int_equal(get_i(d, "coverages.liability.sublimits.media"),
                     10000000);
    assert_int_equal(get_i(d, "coverages.expense.sublimits.ransom"), 5000000);
    assert_int_equal(get_i(d, "coverages.expense.deductible"), 50000);
    assert_int_equal(get_i(d, "coverages.bi.indemnity_days"), 90);
    assert_int_equal(ratel_decl_get_int(d, "coverages.expense.sublimits."
                                        "forensics", NULL), RATEL_ENOTFOUND);
    decl_free(d);
}

/* The errors of the coverages: a part missing, a term missing, terms out
 * of range, unknown terms and sub-limits, BI waiting hours required by
 * a BI limit. */
static void test_decl__coverages_errors(void **state)
{
    (void)state;
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0}}"),
                 "$.coverages.expense",
                 "required field is missing; expected an object");
    assert_int_equal(E.nfields, 1);
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1},"
                           " \"expense\": {\"limit\": 1, \"deductible\": 0}}"),
                 "$.coverages.liability.deductible",
                 "required field is missing; expected a non-negative integer "
                 "number of yen");
    assert_int_equal(E.nfields, 1);
    expect_error(base_with(", \"coverages\": {}"), "$.coverages.liability",
                 "required field is missing; expected an object");
    assert_int_equal(E.nfields, 2);
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0, \"coinsurance_pct\": 0}, "
                           "\"expense\": {\"limit\": 1, \"deductible\": 0}}"),
                 "$.coverages.liability.coinsurance_pct",
                 "expected an integer from 1 to 100, got 0");
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0, \"limits\": 2}, "
                           "\"expense\": {\"limit\": 1, \"deductible\": 0}}"),
                 "$.coverages.liability.limits",
                 "unknown key; expected one of limit, deductible, "
                 "coinsurance_pct, aggregate_limit, sublimits; did you mean "
                 "\"limit\"?");
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"expense\": {\"limit\": 1, "
                           "\"deductible\": 0, \"sublimits\": {\"ransome\": "
                           "5}}}"),
                 "$.coverages.expense.sublimits.ransome",
                 "unknown key; expected one of ransom, regulatory_defence, "
                 "notification, forensics, credit_monitoring; did you mean "
                 "\"ransom\"?");
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"expense\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"cyber\": {}}"),
                 "$.coverages.cyber",
                 "unknown key; expected one of liability, expense, bi, eo");
    expect_error(base_with(", " COVERAGES ", \"coverages\": {}"),
                 "$.coverages",
                 "duplicate key; each key may appear only once in an object");
    /* BI: waiting hours required when its limit is above 0 */
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"expense\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"bi\": {\"limit\": 5}}"),
                 "$.coverages.bi.waiting_hours",
                 "required field is missing; expected an integer from 0 to "
                 "8760 (required when limit is above 0)");
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"expense\": {\"limit\": 1, "
                           "\"deductible\": 0}, \"bi\": {\"limit\": 0, "
                           "\"indemnity_days\": 731}}"),
                 "$.coverages.bi.indemnity_days",
                 "expected an integer from 1 to 730, got 731");
}

/* A field may be given by the request or by its part, not both, in
 * either order; each conflict is said at the field given second. */
static void test_decl__request_and_coverages_both(void **state)
{
    (void)state;
    expect_error(base_with(", \"request\": {\"liability_limit\": 100000000, "
                           "\"expense_limit\": 10000000, \"deductible\": "
                           "100000}, \"coverages\": {\"liability\": "
                           "{\"limit\": 5}}"),
                 "$.coverages.liability.limit",
                 "coverages.liability.limit is given as "
                 "request.liability_limit too; give one of them");
    assert_int_equal(E.nfields, 1);
    expect_error(base_with(", \"coverages\": {\"liability\": {\"limit\": 5}},"
                           " \"request\": {\"liability_limit\": 100000000, "
                           "\"expense_limit\": 10000000, \"deductible\": "
                           "100000}"),
                 "$.request.liability_limit",
                 "request.liability_limit is given as "
                 "coverages.liability.limit too; give one of them");
    assert_int_equal(E.nfields, 1);
    /* a shorthand that stands for several fields: any of them */
    expect_error(base_with(", \"coverages\": {\"expense\": {\"deductible\": "
                           "5}}, \"request\": {\"liability_limit\": 1, "
                           "\"expense_limit\": 1, \"deductible\": 100000}"),
                 "$.request.deductible",
                 "request.deductible is given as coverages.expense.deductible"
                 " too; give one of them");
    expect_error(base_with(", \"request\": {\"liability_limit\": 1, "
                           "\"expense_limit\": 1, \"deductible\": 0, "
                           "\"bi_limit\": 5, \"bi_waiting_hours\": 12}, "
                           "\"coverages\": {\"bi\": {\"waiting_hours\": 6}}"),
                 "$.coverages.bi.waiting_hours",
                 "coverages.bi.waiting_hours is given as "
                 "request.bi_waiting_hours too; give one of them");
    expect_error(base_with(", \"request\": {\"liability_limit\": 1, "
                           "\"expense_limit\": 1, \"deductible\": 0, "
                           "\"coinsurance_pct\": 90}, \"coverages\": {\"bi\": "
                           "{\"coinsurance_pct\": 90}}"),
                 "$.coverages.bi.coinsurance_pct",
                 "coverages.bi.coinsurance_pct is given as "
                 "request.coinsurance_pct too; give one of them");
    /* different fields of one part: fine */
    {
        struct ratel_decl *d = NULL;
        expect_ok(base_with(", \"request\": {\"liability_limit\": 1, "
                            "\"expense_limit\": 1, \"deductible\": 0}, "
                            "\"coverages\": {\"liability\": "
                            "{\"aggregate_limit\": 2}, \"expense\": "
                            "{\"sublimits\": {\"ransom\": 1}}}"), &d);
        assert_int_equal(get_i(d, "coverages.liability.limit"), 1);
        assert_int_equal(get_i(d, "coverages.liability.aggregate_limit"), 2);
        assert_int_equal(get_i(d, "coverages.expense.sublimits.ransom"), 1);
        decl_free(d);
    }
}

/* The policy period and its terms. */
static void test_decl__policy(void **state)
{
    struct ratel_decl *d = NULL;
    char date[11];
    (void)state;
    expect_ok(with("\"request\"", "\"policy\": {\"inception\": "
                   "\"2025-05-01\", \"retroactive_date\": \"2020-01-01\", "
                   "\"territory\": \"worldwide\", \"currency\": \"USD\"}, "
                   "\"request\""), &d);
    decl_date_format((int32_t)get_i(d, "policy.expiry"), date);
    assert_string_equal(date, "2026-05-01"); /* a year after inception */
    decl_date_format((int32_t)get_i(d, "policy.retroactive_date"), date);
    assert_string_equal(date, "2020-01-01");
    assert_string_equal(get_s(d, "policy.territory"), "worldwide");
    assert_string_equal(decl_currency(d), "USD");
    decl_free(d);
    expect_ok(with("\"request\"", "\"policy\": {\"inception\": "
                   "\"2024-02-29\", \"expiry\": \"2024-08-29\"}, \"request\""),
              &d);
    decl_date_format((int32_t)get_i(d, "policy.expiry"), date);
    assert_string_equal(date, "2024-08-29"); /* given: kept */
    decl_free(d);
    /* 29 February a year on is 28 February */
    expect_ok(with("\"request\"", "\"policy\": {\"inception\": "
                   "\"2024-02-29\"}, \"request\""), &d);
    decl_date_format((int32_t)get_i(d, "policy.expiry"), date);
    assert_string_equal(date, "2025-02-28");
    decl_free(d);
    expect_error(with("\"request\"", "\"policy\": {\"inception\": "
                      "\"2025-02-30\"}, \"request\""),
                 "$.policy.inception",
                 "expected a date \"YYYY-MM-DD\" (a real calendar date, years "
                 "1900 to 2999), got \"2025-02-30\"");
    expect_error(with("\"request\"", "\"policy\": {\"territory\": "
                      "\"japna\"}, \"request\""),
                 "$.policy.territory",
                 "expected one of japan, asia_pacific, worldwide_excl_us_ca, "
                 "worldwide, got \"japna\"; did you mean \"japan\"?");
    expect_error_part(with("\"request\"", "\"policy\": {\"currency\": "
                           "\"usd\"}, \"request\""),
                      "$.policy.currency", "expected one of JPY, USD, ");
    expect_error(with("\"request\"", "\"policy\": {\"expires\": "
                      "\"2026-01-01\"}, \"request\""),
                 "$.policy.expires",
                 "unknown key; expected one of inception, expiry, "
                 "retroactive_date, territory, currency; did you mean "
                 "\"expiry\"?");
    expect_error(with("\"request\"", "\"policy\": [], \"request\""),
                 "$.policy", "expected an object, got an array");
}

/* Questionnaire answers: graded codes and yes/no, by sheet. */
static void test_decl__questionnaire(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_ok(with("\"request\"", "\"questionnaire\": {\"guideline_36\": "
                   "{\"m5_mfa\": \"in_place\", \"m8_offline_backup\": "
                   "\"partly\"}, \"jcci\": {\"antivirus\": true, "
                   "\"disposal\": false}}, \"request\""), &d);
    assert_string_equal(get_s(d, "questionnaire.guideline_36.m5_mfa"),
                        "in_place");
    assert_string_equal(get_s(d, "questionnaire.guideline_36."
                              "m8_offline_backup"), "partly");
    assert_int_equal(get_b(d, "questionnaire.jcci.antivirus"), 1);
    assert_int_equal(get_b(d, "questionnaire.jcci.disposal"), 0);
    /* not answered: no value */
    assert_int_equal(ratel_decl_get_string(d, "questionnaire.guideline_36."
                                           "m5_edr", NULL), RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_bool(d, "questionnaire.jcci.leak_response",
                                         NULL), RATEL_ENOTFOUND);
    decl_free(d);
    expect_error(with("\"request\"", "\"questionnaire\": {\"guideline_36\": "
                      "{\"m5_mfa\": \"yes\"}}, \"request\""),
                 "$.questionnaire.guideline_36.m5_mfa",
                 "expected one of in_place, partly, not_in_place, got "
                 "\"yes\"");
    expect_error_part(with("\"request\"", "\"questionnaire\": "
                           "{\"guideline_36\": {\"m5_mfaa\": \"partly\"}}, "
                           "\"request\""),
                      "$.questionnaire.guideline_36.m5_mfaa",
                      "unknown key; expected one of m1_policy_approved, ");
    assert_non_null(strstr(E.fields[0].message, "did you mean \"m5_mfa\"?"));
    expect_error(with("\"request\"", "\"questionnaire\": {\"jcci\": "
                      "{\"antivirus\": \"yes\"}}, \"request\""),
                 "$.questionnaire.jcci.antivirus",
                 "expected true or false, got \"yes\"");
    expect_error(with("\"request\"", "\"questionnaire\": {\"meti\": {}}, "
                      "\"request\""),
                 "$.questionnaire.meti",
                 "unknown key; expected one of guideline_36, jcci");
}

/* The companies of a group: each a record with its own applicant,
 * incidents, controls and answers, checked as the document's are. */
static void test_decl__entities(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_ok(with("\"request\"", "\"entities\": [{\"role\": \"subsidiary\", "
                   "\"ownership_pct\": 60, \"applicant\": {\"name\": \"Sub\", "
                   "\"revenue\": 100000000, \"industry\": \"logistics\", "
                   "\"employees\": 12, \"hazard_class\": \"elevated\"}, "
                   "\"incidents\": [{\"date\": \"2024-01-01\", \"type\": "
                   "\"ddos\", \"paid\": 5}], \"controls\": {\"edr\": true}, "
                   "\"certifications\": [\"pmark\"], \"limit\": 50000000}, "
                   "{\"applicant\": {\"name\": \"Other\", \"revenue\": 1, "
                   "\"industry\": \"other\", \"employees\": 0}}], "
                   "\"group\": {\"limit_basis\": \"per_entity\"}, \"request\""),
              &d);
    assert_int_equal(get_n(d, "entities"), 2);
    assert_string_equal(get_s(d, "entities[0].applicant.name"), "Sub");
    assert_string_equal(get_s(d, "entities[0].applicant.hazard_class"),
                        "elevated");
    assert_true(get_f(d, "entities[0].ownership_pct") == 60.0);
    assert_int_equal(get_n(d, "entities[0].incidents"), 1);
    assert_int_equal(get_i(d, "entities[0].incidents[0].paid"), 5);
    assert_int_equal(get_b(d, "entities[0].controls.edr"), 1);
    assert_int_equal(get_b(d, "entities[0].certifications.pmark"), 1);
    assert_int_equal(get_i(d, "entities[0].limit"), 50000000);
    /* the second company: defaults */
    assert_string_equal(get_s(d, "entities[1].role"), "subsidiary");
    assert_true(get_f(d, "entities[1].ownership_pct") == 100.0);
    assert_string_equal(get_s(d, "entities[1].applicant.hazard_class"),
                        "standard");
    assert_int_equal(ratel_decl_get_int(d, "entities[1].limit", NULL),
                     RATEL_ENOTFOUND);
    assert_int_equal(get_n(d, "entities[1].incidents"), 0);
    assert_string_equal(get_s(d, "group.limit_basis"), "per_entity");
    /* the document's own applicant is still the one rated by name */
    assert_string_equal(decl_applicant_name(d, NULL), "ACME");
    decl_free(d);
    expect_error(with("\"request\"", "\"entities\": [{\"role\": "
                      "\"subsidiary\"}], \"request\""),
                 "$.entities[0].applicant",
                 "required field is missing; expected an object");
    expect_error(with("\"request\"", "\"entities\": [{\"applicant\": "
                      "{\"name\": \"S\", \"revenue\": 1, \"industry\": "
                      "\"retial\"}}], \"request\""),
                 "$.entities[0].applicant.industry",
                 "expected one of manufacturing, retail, wholesale, "
                 "logistics, food_service, construction, it_services, "
                 "finance, healthcare, professional_services, education, "
                 "other, got \"retial\"; did you mean \"retail\"?");
    expect_error(with("\"request\"", "\"entities\": [{\"applicant\": "
                      "{\"name\": \"S\", \"revenue\": 1, \"industry\": "
                      "\"retail\"}}], \"request\""),
                 "$.entities[0].applicant.employees",
                 "required field is missing; expected an integer from 0 to "
                 "10000000");
    expect_error(with("\"request\"", "\"entities\": [{\"ownership_pct\": "
                      "101, \"role\": \"sister\", \"applicant\": {\"name\": "
                      "\"S\", \"revenue\": 1, \"industry\": \"retail\", "
                      "\"employees\": 1}}], \"request\""),
                 "$.entities[0].ownership_pct",
                 "expected a number from 0 to 100, got 101");
    expect_error(doc, "$.entities[0].role",
                 "expected one of parent, subsidiary, affiliate, member, got "
                 "\"sister\"");
    /* an entity's incident: after the document's effective date */
    expect_error(with("\"request\"", "\"entities\": [{\"applicant\": "
                      "{\"name\": \"S\", \"revenue\": 1, \"industry\": "
                      "\"retail\", \"employees\": 1}, \"incidents\": "
                      "[{\"date\": \"2025-04-02\", \"type\": \"ddos\", "
                      "\"paid\": 1}, {\"type\": \"ddos\"}]}], \"request\""),
                 "$.entities[0].incidents[0].date",
                 "expected a date on or before the effective date "
                 "2025-04-01, got \"2025-04-02\"");
    expect_error(doc, "$.entities[0].incidents[1].paid",
                 "required field is missing; expected a non-negative integer "
                 "number of yen");
    expect_error(with("\"request\"", "\"entities\": [{\"applicant\": "
                      "{\"name\": \"S\", \"revenue\": 1, \"industry\": "
                      "\"retail\", \"employees\": 1}, \"controls\": "
                      "{\"mfaa\": true}, \"share\": 1}], \"request\""),
                 "$.entities[0].share",
                 "unknown key; expected one of role, ownership_pct, "
                 "applicant, incidents, controls, certifications, "
                 "questionnaire, limit");
    expect_error_part(doc, "$.entities[0].controls.mfaa",
                      "did you mean \"mfa\"?");
    expect_error(with("\"request\"", "\"entities\": {}, \"request\""),
                 "$.entities", "expected an array, got an object");
    expect_error(with("\"request\"", "\"group\": {\"limit_basis\": "
                      "\"pooled\"}, \"request\""),
                 "$.group.limit_basis",
                 "expected one of shared, per_entity, both, got \"pooled\"");
}

/* The hazard class is a code of the sme_hazard_class table. */
static void test_decl__hazard_class(void **state)
{
    struct ratel_decl *d = NULL;
    (void)state;
    expect_ok(with("\"employees\": 30", "\"employees\": 30, "
                   "\"hazard_class\": \"high\""), &d);
    assert_string_equal(get_s(d, "applicant.hazard_class"), "high");
    decl_free(d);
    expect_error(with("\"employees\": 30", "\"employees\": 30, "
                      "\"hazard_class\": \"hihg\""),
                 "$.applicant.hazard_class",
                 "expected one of standard, elevated, high, got \"hihg\"; "
                 "did you mean \"high\"?");
}

static void test_decl__numbers(void **state)
{
    decl_value v;
    (void)state;
    decl_value_number(&v, "-9223372036854775808", 20);
    assert_int_equal(v.kind, DECL_V_INT);
    assert_int_equal(v.overflow, 0);
    assert_true(v.i == INT64_MIN);
    decl_value_number(&v, "9223372036854775808", 19);
    assert_int_equal(v.overflow, 1);
    decl_value_number(&v, "0.1", 3);
    assert_int_equal(v.kind, DECL_V_FLOAT);
    assert_true(v.f == 0.1);
    decl_value_number(&v, "0.30000000000000004", 19);
    assert_true(v.f == 0.30000000000000004);
    decl_value_number(&v, "123456789012345678901234e-24", 28);
    assert_true(fabs(v.f - 0.123456789012345678901234) < 1e-16);
    decl_value_number(&v, "1E2", 3);
    assert_true(v.f == 100.0);
    decl_value_number(&v, "-0.0", 4);
    assert_true(v.f == 0.0);
}

/* Decimals of 1 to 30 significant digits with exponents, random but
 * fixed: every one reads as the double strtod gives (this program runs
 * in the C locale), correctly rounded, also past 19 digits. */
static void test_decl__decimals_round_correctly(void **state)
{
    uint64_t x = 0x9e3779b97f4a7c15u;
    int k, wrong = 0;
    (void)state;
    for (k = 0; k < 200000; k++) {
        char text[80];
        int n = 0, digits, point, i;
        decl_value v;
        x = x * 6364136223846793005u + 1442695040888963407u;
        digits = 1 + (int)(x >> 59) % 30;
        point = (int)(x >> 40) % (digits + 1);
        if (x >> 63)
            text[n++] = '-';
        for (i = 0; i < digits; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            if (i == point && i > 0)
                text[n++] = '.';
            text[n++] = (char)('0' + (x >> 60) % 10);
        }
        if ((x >> 20) % 4 == 0)
            n += snprintf(text + n, sizeof text - (size_t)n, "e%d",
                          (int)((x >> 8) % 61) - 30);
        text[n] = '\0';
        decl_value_number(&v, text, (size_t)n);
        if (v.kind == DECL_V_FLOAT && v.f != strtod(text, NULL) &&
            wrong++ < 5)
            print_error("%s: %.17g, strtod %.17g\n", text, v.f,
                        strtod(text, NULL));
    }
    assert_int_equal(wrong, 0);
}

/* Integers at the edges of the unchecked 18 digits and of int64, and
 * integer parts too long for int64 that are floats after all. */
static void test_decl__number_edges(void **state)
{
    static const struct {
        const char *text;
        int kind, overflow;
        int64_t i;
        double f;
    } cases[] = {
        {"0", DECL_V_INT, 0, 0, 0},
        {"-0", DECL_V_INT, 0, 0, 0},
        {"999999999999999999", DECL_V_INT, 0, INT64_C(999999999999999999), 0},
        {"-999999999999999999", DECL_V_INT, 0, -INT64_C(999999999999999999),
         0},
        {"1000000000000000000", DECL_V_INT, 0, INT64_C(1000000000000000000),
         0},
        {"9223372036854775807", DECL_V_INT, 0, INT64_MAX, 0},
        {"9223372036854775808", DECL_V_INT, 1, INT64_MAX, 0},
        {"-9223372036854775809", DECL_V_INT, -1, INT64_MIN, 0},
        {"99999999999999999999", DECL_V_INT, 1, INT64_MAX, 0},
        {"123456789012345678901234", DECL_V_INT, 1, INT64_MAX, 0},
        {"92233720368547758080", DECL_V_INT, 1, INT64_MAX, 0},
        {"123456789012345678901234.5", DECL_V_FLOAT, 0, 0,
         123456789012345678901234.5},
        {"-99999999999999999999e0", DECL_V_FLOAT, 0, 0, -1e20},
        {"1000000000000000000E-18", DECL_V_FLOAT, 0, 0, 1.0},
        {"12.5", DECL_V_FLOAT, 0, 0, 12.5},
    };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        decl_value v = {DECL_V_NULL, NULL, 0, 0, 0, 0.0, 0};
        decl_value_number(&v, cases[k].text, strlen(cases[k].text));
        assert_int_equal(v.kind, cases[k].kind);
        assert_int_equal(v.overflow, cases[k].overflow);
        assert_ptr_equal(v.text, cases[k].text);
        assert_int_equal(v.len, strlen(cases[k].text));
        if (v.kind == DECL_V_INT)
            assert_true(v.i == cases[k].i);
        else
            assert_true(v.f == cases[k].f);
    }
}

/* Adds an incident through the setters, as the old decl_add_incident did:
 * RATEL_OK, or the first setter's error. */
static int add_incident(struct ratel_decl *d, const char *date,
                        const char *type, int64_t paid, size_t *at)
{
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    char path[64];
    size_t i;
    int rc;
    if ((rc = decl_append(d, &E, "incidents", &i)) != RATEL_OK)
        return rc;
    if (at)
        *at = i;
    snprintf(path, sizeof path, "incidents[%zu].date", i);
    v.text = date;
    v.len = strlen(date);
    if ((rc = decl_set_value(d, &E, path, &v)) != RATEL_OK)
        return rc;
    snprintf(path, sizeof path, "incidents[%zu].type", i);
    v.text = type;
    v.len = strlen(type);
    if ((rc = decl_set_value(d, &E, path, &v)) != RATEL_OK)
        return rc;
    snprintf(path, sizeof path, "incidents[%zu].paid", i);
    v.kind = DECL_V_INT;
    v.text = NULL;
    v.i = paid;
    return decl_set_value(d, &E, path, &v);
}

static void test_decl__setters_good_path(void **state)
{
    struct ratel_decl *d = decl_new(S);
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    (void)state;
    assert_non_null(d);
#define SET_STR(p, s) (v.kind = DECL_V_STRING, v.text = (s), \
                       v.len = strlen(s), decl_set_value(d, &E, (p), &v))
#define SET_INT(p, n) (v.kind = DECL_V_INT, v.text = NULL, v.i = (n), \
                       decl_set_value(d, &E, (p), &v))
#define SET_BOOL(p, n) (v.kind = DECL_V_BOOL, v.text = NULL, v.b = (n), \
                        decl_set_value(d, &E, (p), &v))
    assert_int_equal(SET_STR("effective_date", "2025-04-01"), RATEL_OK);
    assert_int_equal(SET_STR("applicant.name", "ACME"), RATEL_OK);
    assert_int_equal(SET_STR("applicant.name", "ACME 2"), RATEL_OK);
    assert_int_equal(SET_INT("applicant.revenue", 500000000), RATEL_OK);
    assert_int_equal(SET_STR("applicant.industry", "finance"), RATEL_OK);
    assert_int_equal(SET_INT("applicant.employees", 3), RATEL_OK);
    v.kind = DECL_V_FLOAT;
    v.f = 0.25;
    assert_int_equal(decl_set_value(d, &E, "applicant.overseas_revenue_share",
                                    &v), RATEL_OK);
    assert_int_equal(SET_INT("request.liability_limit", 1000), RATEL_OK);
    assert_int_equal(SET_INT("request.expense_limit", 1000), RATEL_OK);
    assert_int_equal(SET_INT("request.deductible", 0), RATEL_OK);
    assert_int_equal(SET_BOOL("controls.edr", 1), RATEL_OK);
    assert_int_equal(add_incident(d, "2024-01-01", "ddos", 5, NULL),
                     RATEL_OK);
    assert_int_equal(SET_BOOL("certifications.pmark", 1), RATEL_OK);
    assert_string_equal(get_s(d, "applicant.name"), "ACME 2");
    assert_string_equal(get_s(d, "applicant.industry"), "finance");
    assert_true(get_f(d, "applicant.overseas_revenue_share") == 0.25);
    assert_int_equal(get_bits(d, "controls", CONTROLS, NCONTROLS), 1u << 6);
    assert_int_equal(get_bits(d, "certifications", CERTIFICATIONS,
                              NCERTIFICATIONS), 1u << 1);
    assert_int_equal(get_n(d, "incidents"), 1);
    assert_int_equal(get_i(d, "incidents[0].paid"), 5);
    assert_int_equal(decl_check_complete(d, &E), RATEL_OK);
    /* bi_limit needs waiting hours: caught when the declaration is
     * complete, as for JSON. */
    assert_int_equal(SET_INT("request.bi_limit", 10), RATEL_OK);
    assert_int_equal(decl_check_complete(d, &E), RATEL_EDECL);
    assert_string_equal(E.fields[0].path, "$.request.bi_waiting_hours");
    assert_string_equal(E.message, "$.request.bi_waiting_hours: required "
                                   "field is missing; expected an integer "
                                   "from 0 to 8760 (required when bi_limit "
                                   "is above 0)");
    /* given through the part: said at the part */
    err_clear(&E);
    assert_int_equal(SET_INT("coverages.bi.limit", 10), RATEL_OK);
    assert_int_equal(decl_check_complete(d, &E), RATEL_EDECL);
    assert_string_equal(E.message, "$.request.bi_waiting_hours: required "
                                   "field is missing; expected an integer "
                                   "from 0 to 8760 (required when bi_limit "
                                   "is above 0)");
    err_clear(&E);
    assert_int_equal(SET_INT("request.bi_waiting_hours", 24), RATEL_OK);
    assert_int_equal(decl_check_complete(d, &E), RATEL_OK);
    assert_int_equal(get_i(d, "coverages.bi.waiting_hours"), 24);
    decl_free(d);
}

/* A refused value leaves the declaration as it was. */
static void test_decl__setters_refuse_and_leave_unchanged(void **state)
{
    struct ratel_decl *d = decl_new(S);
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    size_t nslots = (size_t)S->records[0].nslots;
    size_t at = 9;
    (void)state;
    assert_non_null(d);
    assert_int_equal(SET_INT("applicant.revenue", 7), RATEL_OK);
    assert_int_equal(SET_STR("applicant.name", "Keep"), RATEL_OK);
    {
        decl_slot *snap = malloc(nslots * sizeof *snap);
        assert_non_null(snap);
        memcpy(snap, d->root, nslots * sizeof *snap);
        err_clear(&E);
        assert_int_equal(SET_INT("applicant.revenue", -5), RATEL_EDECL);
        assert_string_equal(E.fields[0].path, "$.applicant.revenue");
        assert_string_equal(E.fields[0].message,
                            "expected a non-negative integer number of yen, "
                            "got -5");
        err_clear(&E);
        v.kind = DECL_V_FLOAT;
        v.f = 1e8;
        assert_int_equal(decl_set_value(d, &E, "applicant.revenue", &v),
                         RATEL_EDECL);
        assert_string_equal(E.fields[0].message,
                            "expected a non-negative integer number of yen, "
                            "got 100000000 (not an integer value)");
        err_clear(&E);
        v.f = NAN;
        assert_int_equal(decl_set_value(d, &E,
                                        "applicant.overseas_revenue_share",
                                        &v), RATEL_EDECL);
        assert_string_equal(E.fields[0].message,
                            "expected a number from 0 to 1, got NaN");
        err_clear(&E);
        assert_int_equal(SET_STR("applicant.name", ""), RATEL_EDECL);
        err_clear(&E);
        assert_int_equal(SET_STR("applicant.revenue", "100"), RATEL_EDECL);
        err_clear(&E);
        assert_int_equal(SET_BOOL("certifications.iso27001", 1), RATEL_EARG);
        assert_non_null(strstr(E.message, "certifications.iso27001: no "
                               "certification \"iso27001\" in "
                               "certifications"));
        err_clear(&E);
        assert_int_equal(SET_STR("request.coinsurance_pct", "90"),
                         RATEL_EDECL);
        assert_int_equal(memcmp(d->root, snap,
                                nslots * sizeof *snap), 0);
        free(snap);
    }
    assert_string_equal(get_s(d, "applicant.name"), "Keep");
    /* an incident's fields each refused at their path; the item appended
     * keeps no value for them */
    err_clear(&E);
    assert_int_equal(decl_append(d, &E, "incidents", &at), RATEL_OK);
    assert_int_equal(at, 0);
    assert_int_equal(SET_STR("incidents[0].date", "2024-02-30"), RATEL_EDECL);
    assert_string_equal(E.fields[0].path, "$.incidents[0].date");
    err_clear(&E);
    assert_int_equal(SET_STR("incidents[0].type", "flood"), RATEL_EDECL);
    assert_string_equal(E.fields[0].path, "$.incidents[0].type");
    err_clear(&E);
    assert_int_equal(SET_INT("incidents[0].paid", -1), RATEL_EDECL);
    assert_string_equal(E.fields[0].path, "$.incidents[0].paid");
    assert_int_equal(ratel_decl_get_int(d, "incidents[0].paid", NULL),
                     RATEL_ENOTFOUND);
    assert_int_equal(ratel_decl_get_int(d, "incidents[0].date", NULL),
                     RATEL_ENOTFOUND);
    /* and the declaration is then incomplete, at the item's fields */
    err_clear(&E);
    assert_int_equal(SET_STR("effective_date", "2025-01-01"), RATEL_OK);
    assert_int_equal(decl_check_complete(d, &E), RATEL_EDECL);
    assert_non_null(strstr(E.message, "$.incidents[0].date: required field "
                           "is missing"));
    /* a certification is a code of a set: setting it twice is one */
    err_clear(&E);
    assert_int_equal(SET_BOOL("certifications.isms", 1), RATEL_OK);
    assert_int_equal(SET_BOOL("certifications.isms", 1), RATEL_OK);
    assert_int_equal(get_bits(d, "certifications", CERTIFICATIONS,
                              NCERTIFICATIONS), 1u << 0);
    decl_free(d);
}

static void test_decl__setters_unknown_path(void **state)
{
    struct ratel_decl *d = decl_new(S);
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    int i;
    (void)state;
    assert_non_null(d);
    assert_int_equal(SET_INT("applicant.turnover", 1), RATEL_EARG);
    assert_int_equal(E.code, RATEL_EARG);
    assert_non_null(strstr(E.message, "applicant.turnover"));
    assert_int_equal(SET_INT("applicant", 1), RATEL_EARG);
    assert_int_equal(SET_INT("incidents[].paid", 1), RATEL_EARG);
    assert_int_equal(SET_INT("$.applicant.revenue", 1), RATEL_EARG);
    assert_int_equal(SET_INT("applicant..revenue", 1), RATEL_EARG);
    assert_int_equal(SET_INT("applicant.revenue.", 1), RATEL_EARG);
    assert_int_equal(SET_INT("incidents[-1].paid", 1), RATEL_EARG);
    v.kind = DECL_V_BOOL;
    v.b = 1;
    assert_int_equal(decl_set_value(d, &E, "controls.mfaa", &v), RATEL_EARG);
    assert_non_null(strstr(E.message, "did you mean \"mfa\"?"));
    assert_int_equal(decl_set_value(d, &E, NULL, &v), RATEL_EARG);
    assert_int_equal(decl_set_value(d, &E, "", &v), RATEL_EARG);
    /* nothing given */
    for (i = 0; i < S->records[0].nslots; i++)
        assert_int_equal(d->root[i].given, 0);
    decl_free(d);
}

static void test_decl__check_complete_api_built(void **state)
{
    struct ratel_decl *d = decl_new(S);
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    (void)state;
    assert_non_null(d);
    err_clear(&E);
    assert_int_equal(decl_check_complete(d, &E), RATEL_EDECL);
    assert_int_equal(E.nfields, 3); /* effective_date, applicant, request */
    assert_string_equal(E.fields[0].path, "$.effective_date");
    assert_string_equal(E.fields[1].path, "$.applicant");
    assert_string_equal(E.fields[2].path, "$.request");
    err_clear(&E);
    assert_int_equal(SET_INT("request.deductible", 1), RATEL_OK);
    assert_int_equal(SET_STR("effective_date", "2025-01-01"), RATEL_OK);
    assert_int_equal(add_incident(d, "2025-01-02", "ddos", 1, NULL),
                     RATEL_OK);
    assert_int_equal(decl_check_complete(d, &E), RATEL_EDECL);
    assert_string_equal(E.fields[0].path, "$.applicant");
    assert_string_equal(E.fields[1].path, "$.request.liability_limit");
    assert_string_equal(E.fields[2].path, "$.request.expense_limit");
    assert_string_equal(E.fields[3].path, "$.incidents[0].date");
    decl_free(d);
}

static void test_decl__too_many_errors(void **state)
{
    static char big[20000];
    struct ratel_decl *d = NULL;
    size_t n = 0;
    int i;
    (void)state;
    n += (size_t)snprintf(big + n, sizeof big - n, "{");
    for (i = 0; i < 300; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "%s\"k%d\": 1",
                              i ? "," : "", i);
    snprintf(big + n, sizeof big - n, "}");
    assert_int_equal(parse(big, &d), RATEL_EDECL);
    assert_int_equal(E.nfields, 101);
    assert_string_equal(E.fields[100].message,
                        "too many errors; stopped after 100");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(test_decl__##name, setup, \
                                                teardown)
        T(full_declaration),
        T(defaults),
        T(not_nul_terminated),
        T(negative_money),
        T(float_money),
        T(exponent_money),
        T(money_too_large),
        T(nan_is_a_syntax_error),
        T(wrong_type),
        T(unknown_key_at_each_level),
        T(key_with_nul_is_unknown),
        T(unknown_value_is_skipped),
        T(misspelt_control),
        T(key_order),
        T(duplicate_key),
        T(certifications),
        T(unknown_industry),
        T(bad_date),
        T(feb29_non_leap),
        T(date_round_trip),
        T(incident_after_effective_date),
        T(incident_missing_fields),
        T(too_many_incidents),
        T(missing_required_fields),
        T(bi_limit_without_waiting_hours),
        T(coinsurance_out_of_range),
        T(share_out_of_range),
        T(employees_and_records_bounds),
        T(syntax_error_line_column),
        T(trailing_garbage),
        T(encoding_hint),
        T(top_level_not_an_object),
        T(deep_nesting),
        T(name_rules),
        T(long_escaped_strings),
        T(several_errors_in_document_order),
        T(coverages_instead_of_request),
        T(coverages_errors),
        T(request_and_coverages_both),
        T(policy),
        T(questionnaire),
        T(entities),
        T(hazard_class),
        T(numbers),
        T(number_edges),
        T(decimals_round_correctly),
        T(setters_good_path),
        T(setters_refuse_and_leave_unchanged),
        T(setters_unknown_path),
        T(check_complete_api_built),
        T(too_many_errors),
#undef T
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
