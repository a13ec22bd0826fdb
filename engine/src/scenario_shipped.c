/* scenario_shipped.c - the scenarios ratel ships, each with its source
 * (docs/compare.md; shared/loss_statistics.md restates the sources). */
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

const char *const scenario_kind_names[SCENARIO_NKINDS] = {
    "losses", "leak", "business_interruption"};

#define M 1000000

void scenario_def_init(scenario_def *def, scenario_kind kind)
{
    int c;
    memset(def, 0, sizeof *def);
    def->kind = kind;
    for (c = 0; c < SETTLE_NCATEGORIES; c++)
        def->amount[c] = def->per_record[c] = -1;
    def->records = def->outage_days = -1;
    def->distress = def->economic = def->identifiability = -1;
    def->social = def->response = -1;
    def->revenue_lost_pct = def->margin_pct = def->extra_expense_pct = -1;
}

/* The JNSA reference cost of apology letters (about 1.3m per 10,000
 * people) and prepaid-card gifts (6.5m per 10,000): yen per person. */
#define NOTIFY_PER_PERSON 780

static void ransomware(scenario_def *d)
{
    scenario_def_init(d, SCENARIO_LOSSES);
    strcpy(d->id, "ransomware");
    d->name = "Ransomware: the JPY 124m case of seed 003";
    d->source = "IPA, 'A guide to considering cyber insurance' (2025), "
                "from JNSA's incident damage survey: a manufacturer with "
                "20-999 staff, systems rebuilt over two months, lost "
                "profit not known. Apology letters and gifts (45m, about "
                "57,700 people at JNSA's 780 yen a person) scale with the "
                "personal records held; the other amounts are the case's";
    d->amount[SETTLE_FORENSIC_INVESTIGATION] = 8 * M;
    d->amount[SETTLE_LEGAL_CONSULTING] = 16 * M;
    d->per_record[SETTLE_NOTIFICATION_APOLOGY] = NOTIFY_PER_PERSON;
    d->amount[SETTLE_CALL_CENTRE] = 6 * M;
    d->amount[SETTLE_DATA_RESTORATION] = 40 * M;
    d->amount[SETTLE_RECURRENCE_PREVENTION] = 9 * M;
}

static void leak(scenario_def *d)
{
    scenario_def_init(d, SCENARIO_LEAK);
    strcpy(d->id, "leak");
    d->name = "Leak of every personal record held (JNSA model)";
    d->source = "JNSA's damage model (assumed damages = information value "
                "x social responsibility x response rating), name, "
                "address and birth date (6,000 yen a person); response "
                "costs at the top of JNSA's 2024 SME reference ranges";
}

static void bec(scenario_def *d)
{
    scenario_def_init(d, SCENARIO_LOSSES);
    strcpy(d->id, "bec");
    d->name = "Business email compromise: a JPY 15m transfer to a fraudster";
    d->source = "Illustrative: the order of the average cyber claim "
                "(Coalition 2024: USD 115,000; business email compromise "
                "and funds-transfer fraud are 60% of claims); "
                "investigation and legal advice at JNSA's SME reference "
                "costs";
    d->amount[SETTLE_FUNDS_TRANSFER_FRAUD] = 15 * M;
    d->amount[SETTLE_FORENSIC_INVESTIGATION] = 3 * M;
    d->amount[SETTLE_LEGAL_CONSULTING] = 1 * M;
}

static void interruption(scenario_def *d)
{
    scenario_def_init(d, SCENARIO_BI);
    strcpy(d->id, "bi_30_days");
    d->name = "Business interruption of 30 days";
    d->source = "Systems down 30 days (the National Police Agency: about "
                "half of ransomware victims took a month or more to "
                "recover); lost profit at a 30% margin on the revenue "
                "lost and extra expense of 5% of it, from the declared "
                "revenue";
    d->outage_days = 30;
}

static void (*const shipped[])(scenario_def *) = {ransomware, leak, bec,
                                                   interruption};
#define NSHIPPED (sizeof shipped / sizeof *shipped)

int scenario_shipped_def(const char *id, scenario_def *def)
{
    size_t i;
    for (i = 0; i < NSHIPPED; i++) {
        shipped[i](def);
        if (strcmp(def->id, id) == 0)
            return 0;
    }
    return -1;
}

int scenario_def_copy(scenario_def *to, const scenario_def *from)
{
    *to = *from;
    to->name = strdup(from->name ? from->name : from->id);
    to->source = from->source ? strdup(from->source) : NULL;
    if (!to->name || (from->source && !to->source)) {
        scenario_def_dispose(to);
        return -1;
    }
    return 0;
}

void scenario_def_dispose(scenario_def *def)
{
    free(def->name);
    free(def->source);
    def->name = def->source = NULL;
}

int scenario_shipped(ratel_scenarios **out)
{
    ratel_scenarios *s = calloc(1, sizeof *s);
    size_t i;
    *out = NULL;
    if (!s || !(s->defs = calloc(NSHIPPED, sizeof *s->defs))) {
        free(s);
        return RATEL_ENOMEM;
    }
    for (i = 0; i < NSHIPPED; i++) {
        scenario_def d;
        shipped[i](&d);
        if (scenario_def_copy(&s->defs[i], &d)) {
            ratel_scenarios_free(s);
            return RATEL_ENOMEM;
        }
        s->n++;
    }
    *out = s;
    return RATEL_OK;
}

void ratel_scenarios_free(ratel_scenarios *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->n; i++)
        scenario_def_dispose(&s->defs[i]);
    free(s->defs);
    free(s);
}
