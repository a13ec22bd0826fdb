/* settle_categories.c - the loss categories a plan's coverage parts pay
 * and scenarios are made of (settle.h), and the names of the stages at
 * which an insured keeps part of a loss. */
#include "settle.h"

#include <string.h>

#include "decl_fields.h"

const settle_category_info settle_categories[SETTLE_NCATEGORIES] = {
    {"third_party_damages", "third-party damages", 0},
    {"defence_costs", "defence costs", 0},
    {"regulatory_defence", "regulatory defence", 0},
    {"forensic_investigation", "forensic investigation", 0},
    {"legal_consulting", "legal and consulting", 0},
    {"notification_apology", "notification and apology", 0},
    {"call_centre", "call centre", 0},
    {"credit_monitoring", "credit monitoring", 0},
    {"reputation_response", "reputation response", 0},
    {"data_restoration", "data and system restoration", 0},
    {"recurrence_prevention", "recurrence prevention", 0},
    {"ransom", "ransom (where lawful)", 0},
    {"funds_transfer_fraud", "funds lost to transfer fraud", 0},
    {"lost_profit", "lost profit", 1},
    {"extra_expense", "extra expense", 1},
};

const char *const settle_stage_names[SETTLE_NSTAGES] = {
    "not_covered", "waiting_period", "deductible", "coinsurance",
    "sublimit", "limit"};

int settle_category_find(const char *name, size_t len)
{
    int c;
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        if (strlen(settle_categories[c].id) == len &&
            memcmp(settle_categories[c].id, name, len) == 0)
            return c;
    return -1;
}

const char *settle_category_closest(const char *name, size_t len)
{
    const char *ids[SETTLE_NCATEGORIES];
    int c;
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        ids[c] = settle_categories[c].id;
    return decl_closest(ids, SETTLE_NCATEGORIES, name, len);
}
