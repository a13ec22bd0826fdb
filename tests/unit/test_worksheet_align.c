/* test_worksheet_align.c - two worksheets aligned as `ratel diff` and
 * impact's step breakdown align them (cli/worksheet_align.c, compiled in
 * here: the CLI's files are not in the library): steps paired by coverage
 * and label, a step changed only when it itself differs (issue 18: the
 * steps after a change are carried, not starred), steps on one side only,
 * and a moved step. */
#include "testutil.h"

#include "../../cli/worksheet_align.c"

/* Steps "coverage/label=value" (op mul, premium running from 100). */
static void sheet(worksheet *w, ratel_step *steps, const char *const *spec,
                  size_t n)
{
    static char text[64][32];
    static size_t used;
    double premium = 100.0;
    size_t i;
    for (i = 0; i < n; i++) {
        char *cov = text[used++ % 64], *slash, *eq;
        snprintf(cov, 32, "%s", spec[i]);
        slash = strchr(cov, '/');
        eq = strchr(cov, '=');
        *slash = *eq = '\0';
        memset(&steps[i], 0, sizeof steps[i]);
        steps[i].coverage = cov;
        steps[i].label = slash + 1;
        steps[i].op = "mul";
        steps[i].value = atof(eq + 1);
        premium *= steps[i].value;
        steps[i].premium = premium;
    }
    w->steps = steps;
    w->n = n;
}

/* The rows as "a:b:change" joined by spaces (change: = * - + ~). */
static const char *rows_of(const char *const *a, size_t na,
                           const char *const *b, size_t nb)
{
    static char out[512];
    static const char marks[] = "=*-+~";
    ratel_step sa[16], sb[16];
    worksheet wa, wb;
    worksheet_row *rows;
    size_t n, i, used = 0;

    sheet(&wa, sa, a, na);
    sheet(&wb, sb, b, nb);
    assert_int_equal(worksheet_align(&rows, &n, &wa, &wb), 0);
    out[0] = '\0';
    for (i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%ld:%ld:%c",
                                 i ? " " : "", rows[i].a, rows[i].b,
                                 marks[rows[i].change]);
    free(rows);
    return out;
}

static void test_worksheet_align__same(void **state)
{
    static const char *const a[] = {"l/base=1", "l/industry=1.1",
                                    "p/round=1"};
    (void)state;
    assert_string_equal(rows_of(a, 3, a, 3), "0:0:= 1:1:= 2:2:=");
    assert_string_equal(rows_of(a, 0, a, 0), "");
}

static void test_worksheet_align__changes_and_carried(void **state)
{
    static const char *const a[] = {"l/base=1", "l/industry=1.1",
                                    "l/size=1.2", "l/controls=0.9"};
    static const char *const b[] = {"l/base=1", "l/industry=1.3",
                                    "l/size=1.2", "l/controls=0.8"};
    (void)state;
    /* two changed factors are two changes; the step between is carried */
    assert_string_equal(rows_of(a, 4, b, 4),
                        "0:0:= 1:1:* 2:2:~ 3:3:*");
}

static void test_worksheet_align__one_side_only(void **state)
{
    static const char *const a[] = {"l/base=1", "l/overseas=1.2",
                                    "l/size=1.1", "p/round=1"};
    static const char *const b[] = {"l/base=1", "l/size=1.1",
                                    "l/renewal=0.95", "p/round=1"};
    (void)state;
    assert_string_equal(rows_of(a, 4, b, 4),
                        "0:0:= 1:-1:- 2:1:~ -1:2:+ 3:3:~");
    assert_string_equal(rows_of(a, 4, b, 0),
                        "0:-1:- 1:-1:- 2:-1:- 3:-1:-");
    assert_string_equal(rows_of(a, 0, b, 2), "-1:0:+ -1:1:+");
}

static void test_worksheet_align__same_label_other_coverage(void **state)
{
    static const char *const a[] = {"l/base=1", "e/base=1"};
    static const char *const b[] = {"e/base=1", "l/base=1"};
    (void)state;
    /* a step is its coverage and label: a moved one is removed and added */
    assert_string_equal(rows_of(a, 2, b, 2), "0:-1:- 1:0:= -1:1:+");
}

static void test_worksheet_align__op_table_key(void **state)
{
    static const char *const a[] = {"l/industry=1.1"};
    ratel_step sa[1], sb[1];
    worksheet wa, wb;
    worksheet_row *rows;
    size_t n;
    (void)state;
    sheet(&wa, sa, a, 1);
    sheet(&wb, sb, a, 1);
    sb[0].key = "retail";
    assert_int_equal(worksheet_align(&rows, &n, &wa, &wb), 0);
    assert_int_equal(rows[0].change, WORKSHEET_CHANGED);
    free(rows);
    /* a combine step's value follows the steps before it: carried */
    sb[0].key = NULL;
    sa[0].op = sb[0].op = "combine";
    sb[0].value = 2.0;
    sb[0].premium = 200.0;
    assert_int_equal(worksheet_align(&rows, &n, &wa, &wb), 0);
    assert_int_equal(rows[0].change, WORKSHEET_CARRIED);
    free(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worksheet_align__same),
        cmocka_unit_test(test_worksheet_align__changes_and_carried),
        cmocka_unit_test(test_worksheet_align__one_side_only),
        cmocka_unit_test(test_worksheet_align__same_label_other_coverage),
        cmocka_unit_test(test_worksheet_align__op_table_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
