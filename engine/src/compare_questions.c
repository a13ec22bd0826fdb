/* compare_questions.c - seed 003's four questions on whether to consider
 * cyber insurance at all, answered as far as the declaration and the
 * scenarios can, and the seed's advice: all yes, decide on other needs;
 * any doubt, consider insurance; any unknown, check first. */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const texts[COMPARE_NQUESTIONS] = {
    "Is cash for incident response secured, or can it be raised?",
    "Is the expected loss tolerable for the business this year?",
    "Are incident-response staff and structure in place?",
    "Is security know-how in house, or are experts on call?"};

/* The largest loss among the scenarios (the PML aside), and its index. */
static int64_t largest_loss(const ratel_comparison *c, size_t *which)
{
    int64_t best = 0;
    size_t s;
    *which = 0;
    for (s = 0; s + 1 < c->nscenarios; s++)
        if (c->scenarios[s].loss.total > best) {
            best = c->scenarios[s].loss.total;
            *which = s;
        }
    return best;
}

/* What the client keeps of scenario s under the offer that leaves it
 * least (offers that were rated and not declined); -1 when none. */
static int64_t best_keeps(const ratel_comparison *c, size_t s)
{
    int64_t best = -1;
    size_t i;
    for (i = 0; i < c->noffers; i++) {
        const compare_offer *o = &c->offers[i];
        if (!o->quote || ratel_quote_decision(o->quote) == RATEL_DECLINED)
            continue;
        if (best < 0 || o->results[s].total_keeps < best)
            best = o->results[s].total_keeps;
    }
    return best;
}

static const char *money_text(const ratel_comparison *c, int64_t v, buf *b)
{
    buf_reset(b);
    compare_put_money(b, c, v);
    return b->oom ? "?" : b->data;
}

/* 1 and 2: the cash yardstick against the scenarios. */
static int cash_questions(ratel_comparison *c)
{
    compare_question *q1 = &c->questions[0], *q2 = &c->questions[1];
    size_t s;
    int64_t loss = largest_loss(c, &s), keeps = best_keeps(c, s);
    buf a, b, k;
    buf_init(&a);
    buf_init(&b);
    buf_init(&k);
    money_text(c, loss, &a);
    money_text(c, c->cash, &b);
    q1->answer = loss <= c->cash ? "yes" : "doubt";
    q1->why = compare_printf(
        "%s: the largest scenario (%s, %s) is %s %u months of revenue "
        "(%s). Insurance money arrives months after a loss, so the "
        "response is paid from cash %s", loss <= c->cash ? "Yes" : "Doubt",
        c->scenarios[s].id, a.data, loss <= c->cash ? "within" : "more than",
        c->cash_months, b.data,
        loss <= c->cash ? "first" : "or a credit line first: secure one");
    if (loss > c->cash) {
        q2->answer = "doubt";
        q2->why = compare_printf(
            "Doubt: uninsured, the largest scenario (%s) costs more than "
            "the cash yardstick of %s", a.data, b.data);
    } else {
        q2->answer = "unknown";
        q2->why = compare_printf(
            "Unknown: the largest scenario costs %s (%.1f%% of the cash "
            "yardstick); ask whether that is within this year's planned "
            "profit", a.data, compare_share_pct(loss, c->cash));
    }
    if (keeps >= 0 && q2->why) {
        char *why = compare_printf("%s. With the offer that leaves least, "
                                   "the client keeps %s of it", q2->why,
                                   money_text(c, keeps, &k));
        free(q2->why);
        q2->why = why;
    }
    buf_free(&a);
    buf_free(&b);
    buf_free(&k);
    return q1->why && q2->why ? 0 : -1;
}

/* What the declaration says of the controls `names`: "unknown" when it
 * gives no controls at all, "yes" when all are in place, else "doubt";
 * those not in place listed in `missing`. */
static const char *controls_answer(const ratel_decl *decl,
                                   const char *const *names, size_t n,
                                   buf *missing)
{
    size_t i, yes = 0;
    if (ratel_decl_given(decl, "controls") != 1)
        return "unknown";
    for (i = 0; i < n; i++) {
        char path[64];
        int v = 0;
        snprintf(path, sizeof path, "controls.%s", names[i]);
        if (ratel_decl_get_bool(decl, path, &v) == RATEL_OK && v) {
            yes++;
            continue;
        }
        buf_puts(missing, missing->len ? ", " : "");
        buf_puts(missing, names[i]);
    }
    return yes == n ? "yes" : "doubt";
}

/* 3 and 4: what the declared controls and certifications say. */
static int capability_questions(ratel_comparison *c, const ratel_decl *decl)
{
    static const char *const staff[] = {"csirt", "incident_response_plan",
                                        "ir_drills"};
    compare_question *q3 = &c->questions[2], *q4 = &c->questions[3];
    int isms = 0;
    buf missing;
    buf_init(&missing);
    q3->answer = controls_answer(decl, staff, 3, &missing);
    if (strcmp(q3->answer, "yes") == 0)
        q3->why = compare_printf("Yes: the declaration gives a CSIRT, an "
                                 "incident-response plan and drills");
    else if (strcmp(q3->answer, "doubt") == 0)
        q3->why = compare_printf("Doubt: not in place by the declaration: "
                                 "%s", missing.oom ? "?" : missing.data);
    else
        q3->why = compare_printf("Unknown: the declaration does not say; "
                                 "ask who would run the response");
    buf_free(&missing);
    if (ratel_decl_get_bool(decl, "certifications.isms", &isms) == RATEL_OK &&
        isms) {
        q4->answer = "yes";
        q4->why = compare_printf("Yes: ISMS (ISO 27001) certified; the "
                                 "offers' services add experts on call");
    } else {
        q4->answer = "unknown";
        q4->why = compare_printf(
            "Unknown: the declaration does not say; ask whether security "
            "know-how is in house, and whether forensic investigators and "
            "lawyers are on call (the offers' services list those the "
            "insurer provides)");
    }
    return q3->why && q4->why ? 0 : -1;
}

int compare_answer_questions(ratel_comparison *c, const ratel_decl *decl)
{
    size_t i;
    int doubt = 0, unknown = 0;
    for (i = 0; i < COMPARE_NQUESTIONS; i++) {
        c->questions[i].number = (int)i + 1;
        c->questions[i].question = texts[i];
    }
    if (cash_questions(c) || capability_questions(c, decl))
        return -1;
    for (i = 0; i < COMPARE_NQUESTIONS; i++) {
        doubt |= strcmp(c->questions[i].answer, "doubt") == 0;
        unknown |= strcmp(c->questions[i].answer, "unknown") == 0;
    }
    c->advice = unknown ? (doubt ? "Check first: some answers are not known "
                                   "(find them out before deciding), and "
                                   "some are in doubt: consider insurance"
                                 : "Check first: some answers are not "
                                   "known; find them out before deciding")
                : doubt ? "Consider insurance: at least one answer is in doubt"
                        : "Decide on other needs: every answer is yes";
    return 0;
}
