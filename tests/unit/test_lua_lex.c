/* test_lua_lex.c - Lua 5.4's tokens, token by token: names and keywords,
 * numerals of both bases with fractions and exponents, every operator,
 * quoted strings with their escapes (\z, \u{...}, \x, an escaped line
 * break), long strings and comments of any level, line breaks counted as
 * Lua counts them, and text never closed. */
#include "testutil.h"

#include "lua_lex.h"

/* The tokens of src as "KIND:text@line" separated by spaces (a string's
 * contents in place of its text); KIND is N, #, S, P or U. */
static const char *tokens(const char *src)
{
    static char out[4096];
    static const char kinds[] = "EN#SPU";
    lualex lx;
    lualex_token t;
    size_t used = 0;

    out[0] = '\0';
    lualex_init(&lx, src, strlen(src));
    while (lualex_next(&lx, &t) != LUALEX_END) {
        size_t from = t.kind == LUALEX_STRING ? t.body : t.start;
        size_t to = t.kind == LUALEX_STRING ? t.body_end : t.end;
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%c:%.*s@%d",
                                 used ? " " : "", kinds[t.kind],
                                 (int)(to - from), src + from, t.line);
        assert_true(used < sizeof out);
        assert_true(t.start <= t.end && t.end <= strlen(src));
    }
    return out;
}

static void test_lua_lex__names_and_keywords(void **state)
{
    (void)state;
    assert_string_equal(tokens("local x_1 = do_it"),
                        "N:local@1 N:x_1@1 P:=@1 N:do_it@1");
    assert_string_equal(tokens("for i=1,2 do end"),
                        "N:for@1 N:i@1 P:=@1 #:1@1 P:,@1 #:2@1 N:do@1 "
                        "N:end@1");
    assert_string_equal(tokens(""), "");
    assert_string_equal(tokens(" \t\f\v"), "");
}

static void test_lua_lex__numerals(void **state)
{
    (void)state;
    assert_string_equal(tokens("3 345 0xff 0xBEBADA"),
                        "#:3@1 #:345@1 #:0xff@1 #:0xBEBADA@1");
    assert_string_equal(tokens("3.0 3.1416 314.16e-2 0.31416E1 34e1"),
                        "#:3.0@1 #:3.1416@1 #:314.16e-2@1 #:0.31416E1@1 "
                        "#:34e1@1");
    assert_string_equal(tokens("0x0.1E 0xA23p-4 0X1.921FB54442D18P+1"),
                        "#:0x0.1E@1 #:0xA23p-4@1 #:0X1.921FB54442D18P+1@1");
    assert_string_equal(tokens(".5 a.b 1..2"),
                        "#:.5@1 N:a@1 P:.@1 N:b@1 #:1..2@1");
    /* 'e' is a hex digit: the sign after it is an operator, as in Lua */
    assert_string_equal(tokens("0xe+1"), "#:0xe@1 P:+@1 #:1@1");
    assert_string_equal(tokens("1e+1"), "#:1e+1@1");
    /* a numeral touching a name is malformed to Lua: one token here */
    assert_string_equal(tokens("3do"), "#:3do@1");
}

static void test_lua_lex__operators(void **state)
{
    (void)state;
    assert_string_equal(tokens("+ - * / // % ^ # & ~ | << >>"),
                        "P:+@1 P:-@1 P:*@1 P:/@1 P://@1 P:%@1 P:^@1 P:#@1 "
                        "P:&@1 P:~@1 P:|@1 P:<<@1 P:>>@1");
    assert_string_equal(tokens("== ~= <= >= < > = ( ) { } [ ] :: ; : , . .. "
                               "..."),
                        "P:==@1 P:~=@1 P:<=@1 P:>=@1 P:<@1 P:>@1 P:=@1 "
                        "P:(@1 P:)@1 P:{@1 P:}@1 P:[@1 P:]@1 P:::@1 P:;@1 "
                        "P::@1 P:,@1 P:.@1 P:..@1 P:...@1");
    assert_string_equal(tokens("a<=b//c"), "N:a@1 P:<=@1 N:b@1 P://@1 N:c@1");
    /* bytes Lua has no token for are one-byte symbols */
    assert_string_equal(tokens("$ @"), "P:$@1 P:@@1");
}

static void test_lua_lex__quoted_strings(void **state)
{
    (void)state;
    assert_string_equal(tokens("'a' \"b\" ''"), "S:a@1 S:b@1 S:@1");
    assert_string_equal(tokens("'it\\'s' \"q\\\"\" '\"'"),
                        "S:it\\'s@1 S:q\\\"@1 S:\"@1");
    assert_string_equal(tokens("'\\a\\b\\f\\n\\r\\t\\v\\\\' x"),
                        "S:\\a\\b\\f\\n\\r\\t\\v\\\\@1 N:x@1");
    assert_string_equal(tokens("'\\x41\\65\\u{7FFFFFFF}\\u{48}' x"),
                        "S:\\x41\\65\\u{7FFFFFFF}\\u{48}@1 N:x@1");
    /* an escaped line break continues the string on the next line */
    assert_string_equal(tokens("'a\\\nb' x"), "S:a\\\nb@1 N:x@2");
    assert_string_equal(tokens("'a\\\r\nb' x"), "S:a\\\r\nb@1 N:x@2");
    /* \z skips the white space after it, line breaks included */
    assert_string_equal(tokens("'a\\z  \n\n  b' x"),
                        "S:a\\z  \n\n  b@1 N:x@3");
    assert_string_equal(tokens("'a\\z' do"), "S:a\\z@1 N:do@1");
}

static void test_lua_lex__long_brackets(void **state)
{
    (void)state;
    assert_string_equal(tokens("[[a]] [==[b]]c]=]d]==] x"),
                        "S:a@1 S:b]]c]=]d@1 N:x@1");
    /* the first line break is not part of the string */
    assert_string_equal(tokens("[[\nline]] x"), "S:line@1 N:x@2");
    assert_string_equal(tokens("[=[\r\n'\"--]=] x"), "S:'\"--@1 N:x@2");
    /* '[' that opens no long bracket is an operator */
    assert_string_equal(tokens("t[ [[k]] ]"), "N:t@1 P:[@1 S:k@1 P:]@1");
    assert_string_equal(tokens("[=x"), "P:[@1 P:=@1 N:x@1");
}

static void test_lua_lex__comments(void **state)
{
    (void)state;
    assert_string_equal(tokens("a -- do 'b\nc"), "N:a@1 N:c@2");
    assert_string_equal(tokens("a --[[ do\n ]] b"), "N:a@1 N:b@2");
    assert_string_equal(tokens("a --[==[ ]] ]=] \n]==] b"), "N:a@1 N:b@2");
    /* "--[=" opens no long bracket: a comment to the line's end */
    assert_string_equal(tokens("a --[= do\nb"), "N:a@1 N:b@2");
    /* a comment ended by CR alone */
    assert_string_equal(tokens("a -- x\rdo"), "N:a@1 N:do@2");
}

static void test_lua_lex__line_breaks(void **state)
{
    (void)state;
    /* "\r\n" and "\n\r" are one break each; "\n\n" two */
    assert_string_equal(tokens("a\r\nb\n\rc\n\nd\re"),
                        "N:a@1 N:b@2 N:c@3 N:d@5 N:e@6");
}

static void test_lua_lex__unfinished(void **state)
{
    (void)state;
    /* a quoted string ends at an unescaped line break: Lua refuses it,
       and nothing after it is read */
    assert_string_equal(tokens("a 'b\nc"), "N:a@1 U:'b\nc@1");
    assert_string_equal(tokens("a 'b\\"), "N:a@1 U:'b\\@1");
    assert_string_equal(tokens("a [==[ b ]=] c"), "N:a@1 U:[==[ b ]=] c@1");
    assert_string_equal(tokens("a\n--[[ b\n"), "N:a@1 U:--[[ b\n@2");
}

static void test_lua_lex__is(void **state)
{
    lualex lx;
    lualex_token t;
    (void)state;
    lualex_init(&lx, "do done", 7);
    assert_int_equal(lualex_next(&lx, &t), LUALEX_NAME);
    assert_true(lualex_is(&lx, &t, "do"));
    assert_int_equal(lualex_next(&lx, &t), LUALEX_NAME);
    assert_false(lualex_is(&lx, &t, "do"));
    assert_int_equal(lualex_next(&lx, &t), LUALEX_END);
    assert_int_equal(lualex_next(&lx, &t), LUALEX_END);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lua_lex__names_and_keywords),
        cmocka_unit_test(test_lua_lex__numerals),
        cmocka_unit_test(test_lua_lex__operators),
        cmocka_unit_test(test_lua_lex__quoted_strings),
        cmocka_unit_test(test_lua_lex__long_brackets),
        cmocka_unit_test(test_lua_lex__comments),
        cmocka_unit_test(test_lua_lex__line_breaks),
        cmocka_unit_test(test_lua_lex__unfinished),
        cmocka_unit_test(test_lua_lex__is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
