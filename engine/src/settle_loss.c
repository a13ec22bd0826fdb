/* settle_loss.c - a loss adjusted against a policy's terms, category by
 * category, in claim-adjustment order (settle.h). */
#include "settle.h"

#include <string.h>

int64_t settle_muldiv(int64_t a, int64_t b, int64_t c)
{
    return (int64_t)((unsigned __int128)(uint64_t)a * (uint64_t)b /
                     (uint64_t)c);
}

void settle_spread(int64_t *amounts, settle_set among, int64_t cut,
                   int64_t *taken)
{
    int64_t sum = 0, given = 0, rest[SETTLE_NCATEGORIES];
    int c;
    if (cut <= 0)
        return;
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        if (among & SETTLE_BIT(c))
            sum += amounts[c];
    if (cut > sum)
        cut = sum;
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        int64_t share;
        rest[c] = -1;
        if (!(among & SETTLE_BIT(c)) || amounts[c] == 0)
            continue;
        share = settle_muldiv(cut, amounts[c], sum);
        /* the fraction left over, in units of 1/sum */
        rest[c] = (int64_t)((unsigned __int128)(uint64_t)cut *
                                (uint64_t)amounts[c] % (uint64_t)sum);
        amounts[c] -= share;
        taken[c] += share;
        given += share;
    }
    while (given < cut) { /* fewer yen left than categories */
        int best = -1;
        for (c = 0; c < SETTLE_NCATEGORIES; c++)
            if (rest[c] >= 0 && amounts[c] > 0 &&
                (best < 0 || rest[c] > rest[best]))
                best = c;
        if (best < 0)
            break;
        amounts[best]--;
        taken[best]++;
        rest[best] = -1;
        given++;
    }
}

static int64_t sum_of(const int64_t *amounts, settle_set among)
{
    int64_t s = 0;
    int c;
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        if (among & SETTLE_BIT(c))
            s += amounts[c];
    return s;
}

/* Time-element categories: only the hours after the waiting period and
 * within the indemnity period are paid, the loss taken as even over the
 * outage. */
static void time_stage(const settle_priced *p, const settle_loss *loss,
                       settle_set pays, int64_t *cov, settle_result *out)
{
    int64_t hours = loss->outage_hours, paid_hours;
    int c;
    if (hours <= 0)
        return;
    paid_hours = hours;
    if (p->indemnity_days >= 0 && paid_hours > p->indemnity_days * 24)
        paid_hours = p->indemnity_days * 24;
    paid_hours -= p->waiting_hours > 0 ? p->waiting_hours : 0;
    if (paid_hours < 0)
        paid_hours = 0;
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        int64_t kept;
        if (!(pays & SETTLE_BIT(c)) || !settle_categories[c].time_element)
            continue;
        kept = cov[c] - settle_muldiv(cov[c], paid_hours, hours);
        cov[c] -= kept;
        out->kept_by[c][SETTLE_TIME] += kept;
    }
}

/* One part: deductible, coinsurance, sub-limits, limit and aggregate on
 * what it pays of the loss (cov, adjusted in place). */
static void part_stages(const settle_part *part, const settle_priced *p,
                        int64_t *cov, settle_result *out, size_t k)
{
    int64_t taken[SETTLE_NCATEGORIES], total, cap;
    size_t s;
    int c;
    total = sum_of(cov, part->pays);
    memset(taken, 0, sizeof taken);
    settle_spread(cov, part->pays, p->deductible < total ? p->deductible
                                                         : total, taken);
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        out->kept_by[c][SETTLE_DEDUCTIBLE] += taken[c];
    total = sum_of(cov, part->pays);
    memset(taken, 0, sizeof taken);
    settle_spread(cov, part->pays,
                  total - settle_muldiv(total, p->coinsurance_pct, 100),
                  taken);
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        out->kept_by[c][SETTLE_COINSURANCE] += taken[c];
    memset(taken, 0, sizeof taken);
    for (s = 0; s < part->nsublimits; s++) {
        settle_set among = part->sublimits[s].categories & part->pays;
        int64_t sub = sum_of(cov, among);
        if (p->sublimit[s] >= 0 && sub > p->sublimit[s])
            settle_spread(cov, among, sub - p->sublimit[s], taken);
    }
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        out->kept_by[c][SETTLE_SUBLIMIT] += taken[c];
    out->part_capped[k] = sum_of(taken, part->pays);
    cap = p->limit;
    if (p->aggregate >= 0 && p->aggregate < cap)
        cap = p->aggregate;
    total = sum_of(cov, part->pays);
    memset(taken, 0, sizeof taken);
    if (total > cap)
        settle_spread(cov, part->pays, total - cap, taken);
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        out->kept_by[c][SETTLE_LIMIT] += taken[c];
    out->part_capped[k] += sum_of(taken, part->pays);
    out->part_pays[k] = sum_of(cov, part->pays);
}

void settle_apply(const settle_terms *t, const settle_priced *priced,
                  const settle_loss *loss, settle_result *out)
{
    int64_t cov[SETTLE_NCATEGORIES];
    settle_set paid = 0;
    size_t k;
    int c;
    memset(out, 0, sizeof *out);
    memcpy(cov, loss->amount, sizeof cov);
    memcpy(out->loss, loss->amount, sizeof out->loss);
    for (k = 0; k < t->nparts && k < SETTLE_MAX_PARTS; k++) {
        const settle_part *part = &t->parts[k];
        settle_set pays = part->pays & ~paid; /* each category once */
        if (!priced[k].present)
            continue;
        paid |= pays;
        out->part_loss[k] = sum_of(cov, pays);
        time_stage(&priced[k], loss, pays, cov, out);
        {
            settle_part only = *part;
            only.pays = pays;
            part_stages(&only, &priced[k], cov, out, k);
        }
    }
    for (c = 0; c < SETTLE_NCATEGORIES; c++) {
        if (!(paid & SETTLE_BIT(c))) {
            out->kept_by[c][SETTLE_NOT_COVERED] = cov[c];
            cov[c] = 0;
        }
        out->pays[c] = cov[c];
        out->keeps[c] = loss->amount[c] - cov[c];
        out->total_loss += loss->amount[c];
        out->total_pays += out->pays[c];
        out->total_keeps += out->keeps[c];
    }
}
