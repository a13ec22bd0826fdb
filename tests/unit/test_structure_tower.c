/* test_structure_tower.c - one year of a structure, by hand: layers with
 * coinsurance and annual aggregates, the captive's aggregate running
 * out, the CAT bond's trigger, the reserve, the commitment line and its
 * interest, and what is left to the company's cash. */
#include "testutil.h"

#include <math.h>

#include "structure.h"

static void layer(structure_tower *t, int bearer, double r, double l,
                  double agg, double share)
{
    risk_layer *L = &t->layers[t->nlayers];
    L->retention = r;
    L->limit = l;
    L->agg_retention = 0;
    L->agg_limit = agg;
    L->share = share;
    t->bearer[t->nlayers++] = bearer;
}

static void test_structure_tower__insurance(void **state)
{
    structure_tower t;
    structure_year y;
    const double losses[] = {124e6, 5e6, 50000};
    (void)state;
    memset(&t, 0, sizeof t);
    t.fixed = 67380;
    layer(&t, STRUCTURE_BY_INSURER, 100000, 30e6, 30e6, 0.9);
    structure_tower_year(&t, losses, 3, &y);
    /* 0.9 x (30m + 4.9m + 0) = 31.41m, held at the 30m a year */
    assert_true(y.loss == 129.05e6);
    assert_true(y.insurers == 30e6 && y.layer[0] == 30e6);
    assert_true(y.cash == 99.05e6 && y.company == 99.05e6);
    assert_true(y.upfront == 129.05e6);
    assert_true(y.cost == 67380 + 99.05e6);
    assert_true(structure_tower_top(&t) == 30.1e6);
}

static void test_structure_tower__captive_and_excess(void **state)
{
    structure_tower t;
    structure_year y;
    const double losses[] = {8e6, 9e6, 40e6};
    (void)state;
    memset(&t, 0, sizeof t);
    layer(&t, STRUCTURE_BY_CAPTIVE, 0, 10e6, 20e6, 1.0);
    layer(&t, STRUCTURE_BY_INSURER, 10e6, 90e6, 90e6, 1.0);
    structure_tower_year(&t, losses, 3, &y);
    /* the captive's 8 + 9 + 10 = 27m stops at its 20m aggregate; the 7m
     * beyond it falls back on the company */
    assert_true(y.captive == 20e6 && y.insurers == 30e6);
    assert_true(y.cash == 7e6);
    assert_true(y.company == 27e6); /* the captive is the group's */
    assert_true(structure_tower_top(&t) == 100e6);
}

static void test_structure_tower__funding(void **state)
{
    structure_tower t;
    structure_year y;
    const double losses[] = {124e6};
    (void)state;
    /* a bond above 50m, then a 30m reserve, then a 20m line at 1.5% for
     * 6 months; the company's cash last */
    memset(&t, 0, sizeof t);
    t.bond_trigger = 50e6;
    t.bond_principal = 60e6;
    t.reserve = 30e6;
    t.line = 20e6;
    t.interest_share = 0.015 * 6 / 12;
    t.fixed = 1000;
    structure_tower_year(&t, losses, 1, &y);
    assert_true(y.bond == 60e6);
    assert_true(y.reserve == 30e6 && y.loan == 20e6);
    assert_true(y.cash == 14e6);
    assert_true(fabs(y.interest - 150000) < 1e-6);
    assert_true(fabs(y.company - 64.15e6) < 1e-6);
    assert_true(y.upfront == 74e6); /* the bond pays later */
    assert_true(fabs(y.cost - 64151000) < 1e-6);
    assert_true(structure_tower_top(&t) == 0);
}

static void test_structure_tower__quiet_year(void **state)
{
    structure_tower t;
    structure_year y;
    (void)state;
    memset(&t, 0, sizeof t);
    t.fixed = 5e6;
    t.reserve = 1e6;
    structure_tower_year(&t, NULL, 0, &y);
    assert_true(y.cost == 5e6 && y.cash == 0 && y.reserve == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure_tower__insurance),
        cmocka_unit_test(test_structure_tower__captive_and_excess),
        cmocka_unit_test(test_structure_tower__funding),
        cmocka_unit_test(test_structure_tower__quiet_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
