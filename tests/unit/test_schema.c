/* test_schema.c - the product schema compiler (schema_compile.c) on small
 * inline schemas: every problem of a malformed schema reported as
 * "FILE:LINE: path: what", all at once; each type's bounds and defaults;
 * nesting into records and slots; lists of named-type items; code lists
 * from tables. Then the engine's schemas (schema_load.c): a bad schema
 * file, a plan naming a schema or version the engine lacks, and the
 * public description of the shipped schema. */
#define TEST_WITH_SCHEMA
#include "testutil.h"

#include "decl.h"

/* A schema whose line 3 holds the named types `types` and line 6 the
 * field `field` (each on one line): messages about them say so. */
#define SCHEMA_TEXT                                                          \
    "{\"schema\": \"t\", \"version\": 1, \"title\": \"T\", \"description\": " \
    "\"D\",\n"                                                               \
    " \"codes\": {\"colours\": {\"description\": \"Colours\", \"values\": "   \
    "[\"red\", \"green\"]}, \"classes\": {\"description\": \"C\", "          \
    "\"from_table\": \"sme_hazard_class\"}},\n"                              \
    " \"types\": {%s},\n"                                                    \
    " \"fields\": {\n"                                                       \
    "  \"effective_date\": {\"type\": \"date\", \"description\": \"d\", "    \
    "\"required\": true, \"role\": \"effective_date\"}%s\n"                 \
    "  %s\n"                                                                 \
    " }\n"                                                                   \
    "}\n"

static ratel_err E;
static char text[16384];

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

/* Compiles SCHEMA_TEXT with `types` and `field`: the code; the schema in
 * *out (NULL on error), the message on E. */
static int compile(const char *types, const char *field, sch_schema **out)
{
    int n = snprintf(text, sizeof text, SCHEMA_TEXT, types ? types : "",
                     field && *field ? "," : "", field ? field : "");
    assert_true(n > 0 && (size_t)n < sizeof text);
    err_clear(&E);
    return sch_compile(out, "t.json", text, (size_t)n, &E);
}

/* The schema with `field` fails with `message` (all of it). */
static void expect_problem(const char *types, const char *field,
                           const char *message)
{
    sch_schema *s = (sch_schema *)1;
    assert_int_equal(compile(types, field, &s), RATEL_EPLAN);
    assert_null(s);
    assert_int_equal(E.code, RATEL_EPLAN);
    if (strcmp(E.message, message) != 0)
        fail_msg("got:  %s\nwant: %s", E.message, message);
}

/* The schema with `field` compiles; the schema (sch_free it). */
static sch_schema *expect_compiles(const char *types, const char *field)
{
    sch_schema *s = NULL;
    if (compile(types, field, &s) != RATEL_OK)
        fail_msg("%s", E.message);
    assert_non_null(s);
    return s;
}

/* Node `path` of s, asserted to exist. */
static const sch_node *node(const sch_schema *s, const char *path)
{
    int n = sch_find_path(s, path, NULL, 0, NULL);
    if (n < 0)
        fail_msg("no node %s", path);
    return &s->nodes[n];
}

static void test_schema__minimal(void **state)
{
    sch_schema *s = expect_compiles(NULL, NULL);
    (void)state;
    assert_string_equal(s->id, "t");
    assert_int_equal(s->version, 1);
    assert_string_equal(s->title, "T");
    assert_string_equal(s->money_words, "minor units of the currency");
    assert_int_equal(s->nnodes, 2); /* the document and its date */
    assert_int_equal(s->nrecords, 1);
    assert_int_equal(s->roles[SCH_ROLE_EFFECTIVE_DATE], 1);
    assert_int_equal(s->roles[SCH_ROLE_CURRENCY], -1);
    assert_int_equal(strlen(s->hash), 64);
    assert_string_equal(s->file, "t.json");
    sch_free(s);
    sch_free(NULL);
}

static void test_schema__unknown_type(void **state)
{
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"monye\", \"description\": "
                   "\"d\"}", "t.json:6: x: unknown type \"monye\"");
    expect_problem(NULL, "\"x\": {\"description\": \"d\"}",
                   "t.json:6: x: needs a \"type\": one of object, list, "
                   "flags, set, money, integer, number, boolean, date, text, "
                   "code, or a name in \"types\"");
    /* a named type's own type must be a built-in one */
    expect_problem("\"a\": {\"type\": \"b\", \"description\": \"A\"}, "
                   "\"b\": {\"type\": \"money\", \"description\": \"B\"}",
                   "\"x\": {\"type\": \"a\", \"description\": \"d\"}",
                   "t.json:3: a: a named type needs a \"type\" that is not "
                   "itself a named type");
}

static void test_schema__missing_description(void **state)
{
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"money\"}",
                   "t.json:6: x: description must be one line of text (1 to "
                   "512 bytes)");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"\"}",
                   "t.json:6: x: description must be one line of text (1 to "
                   "512 bytes)");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": "
                   "\"two\\nlines\"}",
                   "t.json:6: x: description must be one line of text (1 to "
                   "512 bytes)");
    /* a named type's description serves its fields */
    sch_free(expect_compiles("\"amount\": {\"type\": \"money\", "
                             "\"description\": \"An amount\"}",
                             "\"x\": {\"type\": \"amount\"}"));
}

static void test_schema__bad_defaults(void **state)
{
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"integer\", \"description\": "
                   "\"d\", \"min\": 0, \"max\": 10, \"default\": 11}",
                   "t.json:6: x: default: expected an integer from 0 to 10, "
                   "got 11");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"default\": -1}",
                   "t.json:6: x: default: expected a non-negative integer "
                   "number of minor units of the currency, got -1");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"default\": 1.5}",
                   "t.json:6: x: default: expected a non-negative integer "
                   "number of minor units of the currency, got 1.5 (write an "
                   "integer, without a fraction or an exponent)");
    expect_problem(NULL, "\"x\": {\"type\": \"date\", \"description\": \"d\", "
                   "\"default\": \"2025-02-30\"}",
                   "t.json:6: x: default: expected a date \"YYYY-MM-DD\" (a "
                   "real calendar date, years 1900 to 2999), got "
                   "\"2025-02-30\"");
    expect_problem(NULL, "\"x\": {\"type\": \"code\", \"description\": \"d\", "
                   "\"codes\": \"colours\", \"default\": \"blue\"}",
                   "t.json:6: x: default: expected one of red, green, got "
                   "\"blue\"");
    expect_problem(NULL, "\"x\": {\"type\": \"text\", \"description\": \"d\", "
                   "\"max_length\": 3, \"default\": \"long\"}",
                   "t.json:6: x: default: expected a UTF-8 string of 0 to 3 "
                   "bytes, got 4 bytes");
    expect_problem(NULL, "\"x\": {\"type\": \"boolean\", \"description\": "
                   "\"d\", \"default\": \"yes\"}",
                   "t.json:6: x: default: expected true or false, got "
                   "\"yes\"");
    expect_problem(NULL, "\"x\": {\"type\": \"number\", \"description\": "
                   "\"d\", \"min\": 0, \"max\": 1, \"default\": 2}",
                   "t.json:6: x: default: expected a number from 0 to 1, got "
                   "2");
    expect_problem(NULL, "\"x\": {\"type\": \"flags\", \"description\": "
                   "\"d\", \"codes\": \"colours\", \"default\": true}",
                   "t.json:6: x: a default is for single values; objects, "
                   "lists, flags and sets default to empty");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"default_years\": 1000}",
                   "t.json:6: x: default_years must be an integer from -100 "
                   "to 100");
}

static void test_schema__bad_bounds(void **state)
{
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"integer\", \"description\": "
                   "\"d\", \"min\": 5, \"max\": 1}",
                   "t.json:6: x: min is above max");
    expect_problem(NULL, "\"x\": {\"type\": \"boolean\", \"description\": "
                   "\"d\", \"min\": 5}",
                   "t.json:6: x: min and max are for money, integer and "
                   "number fields");
    expect_problem(NULL, "\"x\": {\"type\": \"integer\", \"description\": "
                   "\"d\", \"max_length\": 5}",
                   "t.json:6: x: min_length and max_length are for text "
                   "fields");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"max\": 1000000000000001}",
                   "t.json:6: x: max must be an integer up to 10^15");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"min\": -1}",
                   "t.json:6: x: min must be an integer from 0");
    expect_problem(NULL, "\"x\": {\"type\": \"number\", \"description\": "
                   "\"d\", \"min\": \"0\"}",
                   "t.json:6: x: min must be a number");
    expect_problem(NULL, "\"x\": {\"type\": \"text\", \"description\": \"d\", "
                   "\"max_length\": 0}",
                   "t.json:6: x: max_length must be 1 to 100000");
    expect_problem(NULL, "\"x\": {\"type\": \"list\", \"description\": \"d\", "
                   "\"max_items\": 0, \"items\": {\"type\": \"object\", "
                   "\"description\": \"o\", \"fields\": {\"a\": {\"type\": "
                   "\"integer\", \"description\": \"a\"}}}}",
                   "t.json:6: x: max_items must be 1 to 100000");
}

static void test_schema__unknown_code_list(void **state)
{
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"code\", \"description\": \"d\", "
                   "\"codes\": \"nope\"}",
                   "t.json:6: x: needs \"codes\": the name of a list in "
                   "\"codes\"");
    expect_problem(NULL, "\"x\": {\"type\": \"set\", \"description\": \"d\"}",
                   "t.json:6: x: needs \"codes\": the name of a list in "
                   "\"codes\"");
}

/* Paths in sets, required_when, not_after and default_from must name
 * fields (of the right type). */
static void test_schema__paths_that_name_no_field(void **state)
{
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"date\", \"description\": \"d\", "
                   "\"default_from\": \"policy.start\"}",
                   "t.json:6: x: \"policy.start\" names no field");
    expect_problem(NULL, "\"x\": {\"type\": \"date\", \"description\": \"d\", "
                   "\"not_after\": \"effective_dat\"}",
                   "t.json:6: x: \"effective_dat\" names no field");
    expect_problem(NULL, "\"x\": {\"type\": \"object\", \"description\": "
                   "\"d\", \"fields\": {\"limit\": {\"type\": \"money\", "
                   "\"description\": \"l\"}, \"hours\": {\"type\": "
                   "\"integer\", \"description\": \"h\", \"required_when\": "
                   "\"lmit > 0\"}}}",
                   "t.json:6: x.hours: required_when: \"lmit\" is not a money "
                   "or integer sibling");
    expect_problem(NULL, "\"x\": {\"type\": \"object\", \"description\": "
                   "\"d\", \"input_only\": true, \"fields\": {\"a\": "
                   "{\"type\": \"money\", \"description\": \"a\", \"sets\": "
                   "[\"y.b\"]}}}",
                   "t.json:6: x.a: \"y.b\" names no field");
    /* named, but of another type */
    expect_problem(NULL, "\"x\": {\"type\": \"date\", \"description\": \"d\", "
                   "\"default_from\": \"y\"}, \"y\": {\"type\": \"money\", "
                   "\"description\": \"y\"}",
                   "t.json:6: x: \"y\" is not a date field");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\", "
                   "\"not_after\": \"effective_date\"}",
                   "t.json:6: x: not_after is for dates and names a date "
                   "field");
    expect_problem(NULL, "\"x\": {\"type\": \"integer\", \"description\": "
                   "\"d\", \"required_when\": \"limit above 0\"}",
                   "t.json:6: x: required_when must read \"FIELD > N\" with "
                   "FIELD a sibling");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"input_only\": true}",
                   "t.json:6: x: an input_only field needs \"sets\": the "
                   "fields it stands for");
}

/* A named type that contains itself, directly or through a list of its
 * own items, is refused at the line that says so. */
static void test_schema__type_contains_itself(void **state)
{
    (void)state;
    expect_problem("\"node\": {\"type\": \"object\", \"description\": \"N\", "
                   "\"fields\": {\"child\": {\"type\": \"node\", "
                   "\"description\": \"c\"}}}",
                   "\"x\": {\"type\": \"node\", \"description\": \"d\"}",
                   "t.json:3: x.child: type \"node\" contains itself");
    expect_problem("\"person\": {\"type\": \"object\", \"description\": "
                   "\"P\", \"fields\": {\"name\": {\"type\": \"text\", "
                   "\"description\": \"n\"}, \"children\": {\"type\": "
                   "\"list\", \"description\": \"c\", \"items\": "
                   "\"person\"}}}",
                   "\"boss\": {\"type\": \"person\", \"description\": \"d\"}",
                   "t.json:3: boss.children: type \"person\" contains "
                   "itself");
    /* through another type */
    expect_problem("\"a\": {\"type\": \"object\", \"description\": \"A\", "
                   "\"fields\": {\"b\": {\"type\": \"b\", \"description\": "
                   "\"b\"}}}, \"b\": {\"type\": \"object\", \"description\": "
                   "\"B\", \"fields\": {\"a\": {\"type\": \"a\", "
                   "\"description\": \"a\"}}}",
                   "\"x\": {\"type\": \"a\", \"description\": \"d\"}",
                   "t.json:3: x.b.a: type \"a\" contains itself");
}

/* Other malformed fields and documents. */
static void test_schema__other_problems(void **state)
{
    sch_schema *s = (sch_schema *)1;
    (void)state;
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"requried\": true}",
                   "t.json:6: x: unknown key \"requried\"; expected one of "
                   "type, description, required, default, default_from, "
                   "default_years, min, max, min_length, max_length, codes, "
                   "fields, items, max_items, required_when, not_after, role, "
                   "input_only, sets, or_given_as, standalone_sets");
    expect_problem(NULL, "\"x\": {\"type\": \"list\", \"description\": \"d\"}",
                   "t.json:6: x: a list needs \"items\": an object field or "
                   "a named type");
    expect_problem(NULL, "\"x\": {\"type\": \"list\", \"description\": \"d\", "
                   "\"items\": \"nope\"}",
                   "t.json:6: x: items: no type \"nope\" in \"types\"");
    expect_problem(NULL, "\"x\": {\"type\": \"list\", \"description\": \"d\", "
                   "\"items\": {\"type\": \"integer\", \"description\": "
                   "\"i\"}}",
                   "t.json:6: x[]: list items must be objects");
    expect_problem(NULL, "\"x\": {\"type\": \"object\", \"description\": "
                   "\"d\"}", "t.json:6: x: an object needs \"fields\"");
    expect_problem(NULL, "\"schema\": {\"type\": \"money\", \"description\": "
                   "\"d\"}",
                   "t.json:6: schema: the document's \"schema\" key is "
                   "reserved (it names the schema)");
    expect_problem(NULL, "\"x y\": {\"type\": \"money\", \"description\": "
                   "\"d\"}",
                   "t.json:6: field name \"x y\" is not an identifier");
    expect_problem(NULL, "\"x\": {\"type\": \"money\", \"description\": \"d\","
                   " \"role\": \"premium\"}",
                   "t.json:6: x: unknown role; expected one of "
                   "effective_date, applicant_name, currency, coverages, "
                   "entities");
    expect_problem(NULL, "\"x\": {\"type\": \"date\", \"description\": \"d\", "
                   "\"role\": \"effective_date\"}",
                   "t.json:6: x: role \"effective_date\" given twice");
    /* every problem at once, in file order */
    expect_problem(NULL, "\"x\": {\"type\": \"monye\", \"description\": "
                   "\"d\"}, \"y\": {\"type\": \"code\", \"description\": "
                   "\"d\", \"codes\": \"nope\"}",
                   "t.json:6: x: unknown type \"monye\"\n"
                   "t.json:6: y: needs \"codes\": the name of a list in "
                   "\"codes\"");
    /* not JSON: where */
    err_clear(&E);
    assert_int_equal(sch_compile(&s, "bad.json", "{\n\"schema\": \"t\",\n}",
                                 18, &E), RATEL_EPLAN);
    assert_null(s);
    assert_true(strncmp(E.message, "bad.json:", 9) == 0);
    /* the document's top level */
    err_clear(&E);
    assert_int_equal(sch_compile(&s, "top.json", "{\"version\": 0}", 14, &E),
                     RATEL_EPLAN);
    assert_non_null(strstr(E.message, "top.json:1: schema: needs the "
                           "schema's id"));
    assert_non_null(strstr(E.message, "top.json:1: version: needs a "
                           "version"));
    assert_non_null(strstr(E.message, "top.json:1: fields: needs "
                           "\"fields\""));
    err_clear(&E);
    {
        static const char nodate[] =
            "{\"schema\": \"t\", \"version\": 1, \"title\": \"T\", "
            "\"description\": \"D\", \"fields\": {\"a\": {\"type\": "
            "\"date\", \"description\": \"a\"}}}";
        assert_int_equal(sch_compile(&s, "nodate.json", nodate,
                                     sizeof nodate - 1, &E), RATEL_EPLAN);
    }
    assert_string_equal(E.message, "nodate.json:1: fields: no field has the "
                        "role effective_date (the date that picks plan and "
                        "table versions)");
}

/* Each type: its bounds (the defaults of the type, or the schema's), its
 * default, and what people are told of them. */
static void test_schema__types_bounds_defaults(void **state)
{
    sch_schema *s = expect_compiles(NULL,
        "\"m\": {\"type\": \"money\", \"description\": \"m\"}, "
        "\"m2\": {\"type\": \"money\", \"description\": \"m\", \"min\": 10, "
        "\"max\": 20, \"default\": 15}, "
        "\"i\": {\"type\": \"integer\", \"description\": \"i\", \"min\": -5, "
        "\"max\": 5, \"default\": -5}, "
        "\"n\": {\"type\": \"number\", \"description\": \"n\", \"min\": 0, "
        "\"max\": 1.5, \"default\": 0.25}, "
        "\"b\": {\"type\": \"boolean\", \"description\": \"b\", \"default\": "
        "true}, "
        "\"d\": {\"type\": \"date\", \"description\": \"d\", \"default\": "
        "\"2000-02-29\"}, "
        "\"d2\": {\"type\": \"date\", \"description\": \"d\", "
        "\"default_from\": \"effective_date\", \"default_years\": 2}, "
        "\"t\": {\"type\": \"text\", \"description\": \"t\", \"min_length\": "
        "2, \"max_length\": 8, \"default\": \"ab\"}, "
        "\"t2\": {\"type\": \"text\", \"description\": \"t\"}, "
        "\"c\": {\"type\": \"code\", \"description\": \"c\", \"codes\": "
        "\"colours\", \"default\": \"green\"}, "
        "\"h\": {\"type\": \"code\", \"description\": \"h\", \"codes\": "
        "\"classes\", \"default\": \"high\"}, "
        "\"f\": {\"type\": \"flags\", \"description\": \"f\", \"codes\": "
        "\"colours\"}, "
        "\"s\": {\"type\": \"set\", \"description\": \"s\", \"codes\": "
        "\"colours\"}, "
        "\"r\": {\"type\": \"integer\", \"description\": \"r\", \"required\": "
        "true}");
    const sch_node *x;
    int32_t day;
    (void)state;
    x = node(s, "m");
    assert_int_equal(x->type, SCH_MONEY);
    assert_true(x->min == 0 && x->max == RATEL_MONEY_MAX);
    assert_int_equal(x->has_default, 0);
    assert_null(x->default_text);
    assert_null(x->bounds_text);
    x = node(s, "m2");
    assert_true(x->min == 10 && x->max == 20 && x->has_default &&
                x->def_i == 15);
    assert_string_equal(x->bounds_text, "10 to 20");
    assert_string_equal(x->default_text, "15");
    x = node(s, "i");
    assert_true(x->min == -5 && x->max == 5 && x->def_i == -5);
    assert_string_equal(x->bounds_text, "-5 to 5");
    x = node(s, "n");
    assert_true(x->fmin == 0.0 && x->fmax == 1.5 && x->def_f == 0.25);
    assert_string_equal(x->bounds_text, "0 to 1.5");
    assert_string_equal(x->default_text, "0.25");
    x = node(s, "b");
    assert_true(x->has_default && x->def_i == 1);
    assert_string_equal(x->default_text, "true");
    x = node(s, "d");
    assert_int_equal(decl_date_parse("2000-02-29", 10, &day), 0);
    assert_true(x->has_default && x->def_i == day);
    assert_string_equal(x->default_text, "\"2000-02-29\"");
    x = node(s, "d2");
    assert_int_equal(x->has_default, 0);
    assert_int_equal(x->default_from, s->roles[SCH_ROLE_EFFECTIVE_DATE]);
    assert_int_equal(x->default_years, 2);
    assert_string_equal(x->default_text, "effective_date + 2 years");
    x = node(s, "t");
    assert_true(x->min == 2 && x->max == 8);
    assert_string_equal(x->def_text, "ab");
    assert_string_equal(x->bounds_text, "2 to 8 bytes");
    x = node(s, "t2");
    assert_true(x->min == 0 && x->max == 1000); /* the type's */
    x = node(s, "c");
    assert_true(x->has_default && x->def_i == 1);
    assert_string_equal(x->default_text, "\"green\"");
    /* a code of a table's: its default is checked once the table is
     * known (sch_resolve_tables) */
    x = node(s, "h");
    assert_true(x->has_default);
    assert_string_equal(x->def_text, "high");
    assert_string_equal(node(s, "f")->default_text, "{} (every code false)");
    assert_string_equal(node(s, "s")->default_text, "[]");
    assert_int_equal(node(s, "r")->required, 1);
    assert_int_equal(node(s, "m")->required, 0);
    sch_free(s);
}

/* Objects nest into their record's slots; each list's items are a
 * record of their own, a list of a named type's items included. */
static void test_schema__nesting_and_records(void **state)
{
    sch_schema *s = expect_compiles(
        "\"incident\": {\"type\": \"object\", \"description\": \"I\", "
        "\"fields\": {\"paid\": {\"type\": \"money\", \"description\": \"p\", "
        "\"required\": true}, \"where\": {\"type\": \"object\", "
        "\"description\": \"w\", \"fields\": {\"city\": {\"type\": \"text\", "
        "\"description\": \"c\"}}}}}",
        "\"a\": {\"type\": \"object\", \"description\": \"a\", \"fields\": "
        "{\"b\": {\"type\": \"object\", \"description\": \"b\", \"fields\": "
        "{\"c\": {\"type\": \"integer\", \"description\": \"c\"}}}}}, "
        "\"incidents\": {\"type\": \"list\", \"description\": \"l\", "
        "\"items\": \"incident\", \"max_items\": 7}, "
        "\"companies\": {\"type\": \"list\", \"description\": \"l\", "
        "\"items\": {\"type\": \"object\", \"description\": \"o\", "
        "\"fields\": {\"name\": {\"type\": \"text\", \"description\": \"n\"}, "
        "\"incidents\": {\"type\": \"list\", \"description\": \"l\", "
        "\"items\": \"incident\"}}}}");
    const sch_node *c, *l, *item, *paid, *cpaid, *city;
    (void)state;
    c = node(s, "a.b.c");
    assert_int_equal(c->record, 0); /* objects share the document's slots */
    assert_int_equal(node(s, "a.b")->record, 0);
    assert_int_equal(node(s, "a")->type, SCH_OBJECT);
    l = node(s, "incidents");
    assert_int_equal(l->type, SCH_LIST);
    assert_int_equal(l->max_items, 7);
    assert_string_equal(l->bounds_text, "at most 7 items");
    item = &s->nodes[l->item];
    assert_int_equal(item->type, SCH_OBJECT);
    assert_string_equal(item->path, "incidents[]");
    assert_string_equal(item->description, "I"); /* the type's */
    paid = node(s, "incidents[].paid");
    assert_int_equal(paid->record, item->record);
    assert_true(paid->record != 0 && paid->required);
    city = node(s, "incidents[].where.city");
    assert_int_equal(city->record, paid->record);
    /* the same type in another list: a record of its own */
    cpaid = node(s, "companies[].incidents[].paid");
    assert_true(cpaid->record != paid->record && cpaid->record != 0);
    assert_true(node(s, "companies[].name")->record != cpaid->record);
    assert_int_equal(node(s, "companies")->max_items, 1000); /* default */
    assert_int_equal(s->nrecords, 4);
    /* every slot of every record holds one node of that record */
    {
        int r, k;
        for (r = 0; r < s->nrecords; r++)
            for (k = 0; k < s->records[r].nslots; k++) {
                const sch_node *x = &s->nodes[s->records[r].slot_node[k]];
                assert_int_equal(x->record, r);
                assert_int_equal(x->slot, k);
            }
    }
    sch_free(s);
}

/* A field of a named type may narrow its bounds. */
static void test_schema__named_type_overrides(void **state)
{
    sch_schema *s = expect_compiles(
        "\"pct\": {\"type\": \"integer\", \"description\": \"A percentage\", "
        "\"min\": 0, \"max\": 100}",
        "\"share\": {\"type\": \"pct\", \"min\": 1}, "
        "\"other\": {\"type\": \"pct\", \"description\": \"Its own\"}");
    (void)state;
    assert_true(node(s, "share")->min == 1 && node(s, "share")->max == 100);
    assert_string_equal(node(s, "share")->description, "A percentage");
    assert_true(node(s, "other")->min == 0);
    assert_string_equal(node(s, "other")->description, "Its own");
    sch_free(s);
}

/* Stand-in tables for sch_resolve_tables: "t3" has three keys; any other
 * name is no one-key text table. */
static int keys3(void *ud, const char *table, const char **keys, int *n)
{
    static const char *const k[] = {"low", "mid", "high"};
    int i;
    (void)ud;
    if (strcmp(table, "t3") != 0)
        return -1;
    *n = 3;
    for (i = 0; keys && i < 3; i++)
        keys[i] = k[i];
    return 0;
}

static sch_schema *with_table(const char *table, const char *def)
{
    char types[64], field[256];
    sch_schema *s = NULL;
    char *at;
    snprintf(field, sizeof field, "\"h\": {\"type\": \"code\", "
             "\"description\": \"h\", \"codes\": \"classes\"%s%s%s}",
             def ? ", \"default\": \"" : "", def ? def : "", def ? "\"" : "");
    types[0] = '\0';
    assert_int_equal(compile(types, field, &s), RATEL_OK);
    /* point the list at `table` */
    at = (char *)s->codes[1].from_table;
    assert_string_equal(at, "sme_hazard_class");
    s->codes[1].from_table = table;
    return s;
}

static void test_schema__codes_from_tables(void **state)
{
    sch_schema *s;
    (void)state;
    s = with_table("t3", "mid");
    assert_int_equal(sch_resolve_tables(s, keys3, NULL, &E), RATEL_OK);
    assert_int_equal(s->codes[1].n, 3);
    assert_string_equal(s->codes[1].values[2], "high");
    assert_int_equal(node(s, "h")->def_i, 1);
    sch_free(s);
    s = with_table("t3", "top");
    err_clear(&E);
    assert_int_equal(sch_resolve_tables(s, keys3, NULL, &E), RATEL_ETABLE);
    assert_string_equal(E.message, "t.json:6: h: the default 'top' is not a "
                        "key of table 't3'");
    sch_free(s);
    /* a table the database does not have: no code is valid, and the
     * default reads as none */
    s = with_table("nope", NULL);
    err_clear(&E);
    assert_int_equal(sch_resolve_tables(s, keys3, NULL, &E), RATEL_OK);
    assert_int_equal(s->codes[1].n, 0);
    assert_int_equal(s->codes[1].missing_table, 1);
    sch_free(s);
}

/* The shipped schema: its roles, and the fields the engine reads. */
static void test_schema__shipped_cyber(void **state)
{
    sch_schema *s = test_compile_schema(TEST_CYBER_SCHEMA);
    (void)state;
    assert_non_null(s);
    assert_string_equal(s->id, "cyber-sme");
    assert_int_equal(s->version, 3);
    assert_string_equal(s->money_words, "yen");
    assert_string_equal(s->nodes[s->roles[SCH_ROLE_EFFECTIVE_DATE]].path,
                        "effective_date");
    assert_string_equal(s->nodes[s->roles[SCH_ROLE_NAME]].path,
                        "applicant.name");
    assert_string_equal(s->nodes[s->roles[SCH_ROLE_CURRENCY]].path,
                        "policy.currency");
    assert_string_equal(s->nodes[s->roles[SCH_ROLE_COVERAGES]].path,
                        "coverages");
    /* the request stands for the coverages, and is the coverages' short
     * form when they are missing */
    assert_int_equal(node(s, "request")->input_only, 1);
    assert_int_equal(node(s, "request.deductible")->nsets, 4);
    assert_string_equal(node(s, "request.deductible")->note_text,
                        "stands for coverages.liability.deductible, "
                        "coverages.expense.deductible, "
                        "coverages.bi.deductible, coverages.eo.deductible");
    assert_int_equal(node(s, "coverages")->shorthand_for_missing,
                     sch_find_path(s, "request", NULL, 0, NULL));
    assert_string_equal(node(s, "coverages.bi.waiting_hours")->note_text,
                        "required when limit is above 0");
    assert_string_equal(node(s, "incidents[].date")->note_text,
                        "not after effective_date");
    sch_free(s);
}

/* ---- the engine's schemas ---------------------------------------------- */

#define META(extra)                                                         \
    "plan = { id = 'p', insurer = 'I', product = 'P', version = '1', "     \
    "effective_date = '2020-01-01', tables = { 'sme_terms' }" extra " }\n" \
    "function rate(d) cover('liability', 1) set('liability', 'p', 1) "    \
    "combine('c') end\n"

/* Opens an engine on plan text `plan` with the schema `schema` (NULL:
 * the shipped ones) in its own directory; the code and message. */
static int open_with(const char *plan, const char *name, const char *schema,
                     char *msg, size_t cap)
{
    char dir[64], sdir[128];
    ratel_engine_options o = test_engine_options();
    ratel_engine *e = NULL;
    int rc;
    test_tmpdir(dir);
    test_write(dir, "p.lua", plan);
    if (schema) {
        snprintf(sdir, sizeof sdir, "%s/schemas", dir);
        assert_int_equal(mkdir(sdir, 0700), 0);
        test_write(sdir, name, schema);
        o.schemas_path = NULL; /* beside the plans */
    }
    rc = ratel_engine_open(&e, "tables/ratel.db", dir, &o);
    snprintf(msg, cap, "%s", ratel_engine_errmsg(e));
    ratel_engine_free(e);
    test_rmdir(dir);
    return rc;
}

static void test_schema__engine_refuses_bad_schema(void **state)
{
    char msg[2048];
    sch_schema *s = NULL;
    (void)state;
    assert_int_equal(compile(NULL, "\"x\": {\"type\": \"monye\", "
                             "\"description\": \"d\"}", &s), RATEL_EPLAN);
    assert_int_equal(open_with(META(""), "bad.json", text, msg, sizeof msg),
                     RATEL_EPLAN);
    if (!strstr(msg, "/schemas/bad.json:6: x: unknown type \"monye\""))
        fail_msg("%s", msg);
    /* a table the schema names that is not a one-key table */
    snprintf(text, sizeof text, SCHEMA_TEXT, "", "", "");
    {
        char *at = strstr(text, "sme_hazard_class");
        memcpy(at, "sme_base_premium", 16); /* a band table */
    }
    assert_int_equal(open_with(META(""), "t.json", text, msg, sizeof msg),
                     RATEL_ETABLE);
    assert_non_null(strstr(msg, "t.json:2: codes.classes: from_table names "
                           "'sme_base_premium', which is not a one-key text "
                           "table"));
    /* no schema the plan rates: the plan is refused, naming both */
    snprintf(text, sizeof text, SCHEMA_TEXT, "", "", "");
    assert_int_equal(open_with(META(""), "t.json", text, msg, sizeof msg),
                     RATEL_EPLAN);
    assert_non_null(strstr(msg, "p.lua: plan.schema names 'cyber-sme', which "
                           "is not among the schemas in "));
}

static void test_schema__plan_schema_and_version(void **state)
{
    char msg[2048];
    (void)state;
    assert_int_equal(open_with(META(", schema = 'cyber-sme@3'"), NULL, NULL,
                               msg, sizeof msg), RATEL_OK);
    assert_int_equal(open_with(META(", schema = 'cyber-sme@4'"), NULL, NULL,
                               msg, sizeof msg), RATEL_EPLAN);
    assert_non_null(strstr(msg, "p.lua: plan.schema needs version 4 of "
                           "'cyber-sme'; "));
    assert_non_null(strstr(msg, "cyber-sme.json is version 3"));
    assert_int_equal(open_with(META(", schema = 'cyber-smb'"), NULL, NULL,
                               msg, sizeof msg), RATEL_EPLAN);
    assert_non_null(strstr(msg, "p.lua: plan.schema names 'cyber-smb'"));
    assert_int_equal(open_with(META(", schema = 'cyber-sme@x'"), NULL, NULL,
                               msg, sizeof msg), RATEL_EPLAN);
    assert_non_null(strstr(msg, "p.lua: plan.schema: the version after @ "
                           "must be a positive integer"));
    assert_int_equal(open_with(META(", schema = 7"), NULL, NULL, msg,
                               sizeof msg), RATEL_EPLAN);
    assert_non_null(strstr(msg, "p.lua: plan.schema must be a schema id"));
}

/* The engine describes its schemas and their fields. */
static void test_schema__engine_describes_schemas(void **state)
{
    ratel_engine *e = NULL;
    ratel_schema_info info;
    ratel_schema_field f;
    ratel_plan_info p;
    size_t i, n = 0;
    int seen = 0;
    (void)state;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", TEST_PLANS_DIR,
                                       NULL), RATEL_OK);
    assert_true(ratel_engine_schema_count(e) >= 1);
    for (i = 0; i < ratel_engine_schema_count(e); i++) {
        assert_int_equal(ratel_engine_schema(e, i, &info), RATEL_OK);
        if (strcmp(info.id, "cyber-sme") == 0)
            n = i, seen = 1;
    }
    assert_true(seen);
    assert_int_equal(ratel_engine_schema(e, n, &info), RATEL_OK);
    assert_int_equal(info.version, 3);
    assert_string_equal(info.path, "rating-scripts/schemas/cyber-sme.json");
    assert_int_equal(strlen(info.hash), 64);
    assert_int_equal(ratel_engine_schema(e, 99, &info), RATEL_EARG);
    /* fields in document order */
    assert_int_equal(ratel_engine_schema_field(e, n, 0, &f), RATEL_OK);
    assert_string_equal(f.path, "effective_date");
    assert_string_equal(f.type, "date");
    assert_int_equal(f.required, 1);
    assert_non_null(strstr(f.note, "role: effective_date"));
    seen = 0;
    for (i = 0; i < info.nfields; i++) {
        assert_int_equal(ratel_engine_schema_field(e, n, i, &f), RATEL_OK);
        if (strcmp(f.path, "applicant.industry") == 0) {
            assert_string_equal(f.type, "code");
            assert_int_equal(f.ncodes, 12);
            assert_string_equal(f.codes[1], "retail");
            seen |= 1;
        } else if (strcmp(f.path, "applicant.hazard_class") == 0) {
            assert_int_equal(f.ncodes, 3); /* from the table */
            assert_string_equal(f.default_text, "\"standard\"");
            seen |= 2;
        } else if (strcmp(f.path, "incidents[].paid") == 0) {
            assert_string_equal(f.type, "money");
            seen |= 4;
        } else if (strcmp(f.path, "request.bi_limit") == 0) {
            assert_int_equal(f.input_only, 1);
            assert_string_equal(f.note, "stands for coverages.bi.limit");
            seen |= 8;
        } else if (strcmp(f.path, "coverages.liability.coinsurance_pct") ==
                   0) {
            assert_string_equal(f.bounds, "1 to 100");
            assert_string_equal(f.default_text, "100");
            seen |= 16;
        } else if (strcmp(f.path, "policy.expiry") == 0) {
            assert_string_equal(f.default_text, "policy.inception + 1 year");
            seen |= 32;
        }
    }
    assert_int_equal(seen, 63);
    assert_int_equal(ratel_engine_schema_field(e, n, info.nfields, &f),
                     RATEL_EARG);
    /* each plan says what it rates */
    for (i = 0; i < ratel_engine_plan_count(e); i++) {
        assert_int_equal(ratel_engine_plan(e, i, &p), RATEL_OK);
        assert_non_null(p.schema);
        assert_true(p.schema_version >= 1);
    }
    assert_string_equal(ratel_engine_default_plan(e), "sme-cyber");
    ratel_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(test_schema__##name, setup, \
                                                teardown)
        T(minimal),
        T(unknown_type),
        T(missing_description),
        T(bad_defaults),
        T(bad_bounds),
        T(unknown_code_list),
        T(paths_that_name_no_field),
        T(type_contains_itself),
        T(other_problems),
        T(types_bounds_defaults),
        T(nesting_and_records),
        T(named_type_overrides),
        T(codes_from_tables),
        T(shipped_cyber),
        T(engine_refuses_bad_schema),
        T(plan_schema_and_version),
        T(engine_describes_schemas),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
