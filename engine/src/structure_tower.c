/* structure_tower.c - one year of a structure: the year's losses go up
 * the tower (the per-loss layers of insurers and the captive, their
 * annual aggregate terms at the year's end), then what is left to the
 * company is met by the CAT bond, the reserve fund, the commitment line
 * and, last, the company's own cash. docs/structures.md has the order
 * and the formulas. */
#include "structure.h"

#include <string.h>

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void structure_tower_year(const structure_tower *t, const double *losses,
                          size_t n, structure_year *y)
{
    double sum[STRUCTURE_MAX_LAYERS] = {0}, left;
    size_t i, l;
    memset(y, 0, sizeof *y);
    for (i = 0; i < n; i++) {
        y->loss += losses[i];
        for (l = 0; l < t->nlayers; l++) {
            const risk_layer *L = &t->layers[l];
            sum[l] += clamp(losses[i] - L->retention, 0, L->limit) * L->share;
        }
    }
    for (l = 0; l < t->nlayers; l++) {
        const risk_layer *L = &t->layers[l];
        y->layer[l] = clamp(sum[l] - L->agg_retention, 0, L->agg_limit);
        if (t->bearer[l] == STRUCTURE_BY_CAPTIVE)
            y->captive += y->layer[l];
        else
            y->insurers += y->layer[l];
    }
    left = y->loss - y->insurers - y->captive;
    if (left < 0)
        left = 0; /* rounding of the shares */
    y->bond = clamp(left - t->bond_trigger, 0, t->bond_principal);
    left -= y->bond;
    y->reserve = clamp(left, 0, t->reserve);
    left -= y->reserve;
    y->loan = clamp(left, 0, t->line);
    left -= y->loan;
    y->interest = y->loan * t->interest_share;
    y->cash = left;
    y->upfront = y->loss - y->reserve - y->loan;
    y->company = y->loss - y->insurers - y->bond + y->interest;
    y->cost = t->fixed + y->company;
}

void structure_tower_add_cost(structure_tower *t, const char *label,
                              double amount)
{
    structure_cost *c;
    size_t n;
    if (t->ncosts == STRUCTURE_MAX_COSTS)
        return;
    c = &t->costs[t->ncosts++];
    if ((n = strlen(label)) >= sizeof c->label) {
        /* cut at a character boundary: the label goes into JSON */
        n = sizeof c->label - 1;
        while (n && ((unsigned char)label[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(c->label, label, n);
    c->label[n] = '\0';
    c->amount = amount;
    t->fixed += amount;
}

double structure_tower_top(const structure_tower *t)
{
    double top = 0.0;
    size_t l;
    for (l = 0; l < t->nlayers; l++)
        if (t->layers[l].retention + t->layers[l].limit > top)
            top = t->layers[l].retention + t->layers[l].limit;
    return top;
}
