/* structure_notes.c - what each structure means for the buyer, in plain
 * words with its own figures: what it pays and leaves, what a captive's
 * premium is, why a commitment line is a loan, why a CAT bond's fixed
 * costs rule it out below a size, and when insurance money arrives too
 * late for the company's cash. */
#include "structure.h"

#include <math.h>

typedef struct note {
    buf b;
    structure_result *s;
    const ratel_structure_result *r;
} note;

static void yen(note *n, double v) { structure_put_yen(&n->b, v); }
static void pct(note *n, double v) { structure_put_pct(&n->b, v); }
static void text(note *n, const char *s) { buf_puts(&n->b, s); }

/* "1 year in N" for a share of the simulated years. */
static void one_in(note *n, double share)
{
    if (!(share > 0)) {
        buf_printf(&n->b, "in none of the %llu simulated years",
                   (unsigned long long)n->r->years);
        return;
    }
    buf_puts(&n->b, "in 1 year in ");
    buf_put_i64(&n->b, structure_yen(1.0 / share));
}

/* Ends the note being written: adds it to the structure's notes. */
static int done(note *n)
{
    int rc = n->b.oom ? -1 : structure_list_add(&n->s->notes, &n->s->nnotes,
                                                "%s", buf_cstr(&n->b));
    buf_reset(&n->b);
    return rc;
}

static int kind_note(note *n)
{
    const structure_def *d = n->s->def;
    const structure_tower *t = &n->s->tower;
    double years;
    switch (d->kind) {
    case STRUCTURE_INSURANCE:
        text(n, "The policy pays incident costs above the deductible of ");
        yen(n, t->layers[0].retention);
        text(n, " a loss, up to ");
        yen(n, t->layers[0].limit);
        text(n, " a year");
        if (t->layers[0].share < 1) {
            text(n, ", at ");
            pct(n, t->layers[0].share * 100);
            text(n, " coinsurance");
        }
        text(n, ". The package also covers liability, which the loss model "
                "does not count.");
        break;
    case STRUCTURE_CAPTIVE:
        text(n, "Losses from ");
        yen(n, t->layers[0].retention);
        text(n, " to ");
        yen(n, (double)d->retention);
        text(n, " a loss stay in the group: the captive pays them, up to ");
        yen(n, (double)d->aggregate);
        text(n, " a year, from its premium (");
        yen(n, n->s->layers[0].stats.mean);
        text(n, ", its expected loss) and its capital (");
        yen(n, (double)d->capital);
        text(n, "). The premium only moves money inside the group, so the "
                "comparison counts the captive's losses instead; the "
                "fronting fee, the cost of capital and the administration "
                "are what the captive really costs.");
        break;
    case STRUCTURE_SELF_INSURANCE:
        text(n, "No premium leaves the company, but the reserve of ");
        yen(n, (double)d->reserve);
        text(n, " is money set aside");
        if (d->cost_of_capital_pct > 0) {
            text(n, " at a cost of ");
            pct(n, d->cost_of_capital_pct);
            text(n, " a year");
        }
        text(n, ". The year's losses beyond it fall on the company's cash ");
        one_in(n, n->s->unfunded_share);
        text(n, ".");
        break;
    case STRUCTURE_COMMITMENT_LINE:
        text(n, "A commitment line is a loan, not indemnity: every yen drawn "
                "(up to ");
        yen(n, (double)d->line_amount);
        text(n, ") is repaid, with ");
        pct(n, d->interest_pct);
        text(n, " interest for ");
        buf_put_double(&n->b, d->drawing_months);
        text(n, " months. It brings cash within days, not cover: the losses "
                "stay the company's. The fee of ");
        pct(n, d->commitment_fee_pct);
        text(n, " a year is paid whether the line is drawn or not.");
        break;
    case STRUCTURE_CAT_BOND:
        years = (double)d->term_years;
        text(n, "The bond pays when the year's losses left to the company "
                "pass ");
        yen(n, (double)d->trigger);
        text(n, ", up to its principal of ");
        yen(n, (double)d->principal);
        text(n, "; investors, not an insurer, carry the risk. Its issuance "
                "costs of ");
        yen(n, (double)d->issuance_cost);
        text(n, " do not shrink with its size: over ");
        buf_put_double(&n->b, years);
        text(n, " years they add ");
        pct(n, (double)d->issuance_cost / years / (double)d->principal * 100);
        text(n, " of the principal a year to the spread of ");
        pct(n, d->spread_pct);
        text(n, ", and fall below 1% a year only from a principal of ");
        yen(n, (double)d->issuance_cost / years / 0.01);
        text(n, ". Here it costs ");
        yen(n, n->s->tower.fixed);
        text(n, " a year for an expected recovery of ");
        yen(n, n->s->mean.bond);
        text(n, " a year.");
        break;
    }
    return done(n);
}

static int cash_notes(note *n)
{
    const structure_result *s = n->s;
    int late = s->tower.nlayers > 0 || s->tower.bond_principal > 0;
    double top = structure_tower_top(&s->tower);
    text(n, late ? "Insurance money arrives months after a loss: "
                 : "The company pays losses as they come: ");
    one_in(n, s->bridge_share);
    text(n, late ? " the company pays out more than its cash on hand ("
                 : " the year's losses, beyond what the structure funds at "
                   "once, take more than its cash on hand (");
    buf_put_double(&n->b, n->r->defs->cash_months);
    text(n, " months of sales, ");
    yen(n, n->r->cash_on_hand);
    text(n, late ? ") before it is reimbursed; a bridge loan backed by the "
                   "claim should be agreed in advance."
                 : ").");
    if (done(n))
        return -1;
    text(n, "In 1 year in 200, ");
    yen(n, s->cash.var[3]);
    text(n, " of the year's losses is funded by nothing in this structure "
            "and comes from the company's own cash");
    if (top > 0) {
        text(n, "; per loss, the cover ends at ");
        yen(n, top);
    }
    text(n, ".");
    return done(n);
}

int structure_write_notes(ratel_structure_result *r)
{
    note n;
    size_t i, k;
    int rc = 0;
    buf_init(&n.b);
    n.r = r;
    for (i = 0; i < r->n && !rc; i++) {
        n.s = &r->s[i];
        for (k = 0; k < n.s->nreasons && !rc; k++) {
            text(&n, "Declined: ");
            text(&n, n.s->reasons[k]);
            rc = done(&n);
        }
        if (n.s->declined)
            continue;
        for (k = 0; k < n.s->nreferrals && !rc; k++) {
            text(&n, "Subject to the underwriter: ");
            text(&n, n.s->referrals[k]);
            rc = done(&n);
        }
        if (!rc)
            rc = kind_note(&n) || cash_notes(&n);
    }
    buf_free(&n.b);
    return rc ? RATEL_ENOMEM : RATEL_OK;
}
