/* group.c - group quotes (group.h): every company rated on its own, then
 * the plan's rate_group(d, members) prices the group, the companies'
 * referrals and subjectivities come with their path, and the group
 * premium is allocated back to the companies included. A layer on top of
 * rating (rate.h), not inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl_fields.h"
#include "group.h"
#include "rate.h"

const char *const group_rule_names[GROUP_NRULES] = {
    "standalone", "revenue", "employees"};

/* The rules in words, for the worksheet. */
static const char *const rule_words[GROUP_NRULES] = {
    "standalone premium", "revenue", "employees"};

const char *ratel_quote_group_allocation(const ratel_quote *q)
{
    return q && q->group.n ? group_rule_names[q->group.rule] : NULL;
}

int group_is_group(const struct ratel_decl *d)
{
    const sch_schema *s = d->schema;
    int n = s->roles[SCH_ROLE_ENTITIES];
    const decl_slot *v;
    if (n < 0 || s->nodes[n].record != 0 || s->nodes[n].type != SCH_LIST)
        return 0;
    v = decl_root_slot(d, n);
    return v->v.list && v->v.list->n > 0;
}

void group_members_free(group_members *g)
{
    size_t i;
    if (!g)
        return;
    for (i = 0; i < g->n; i++) {
        ratel_quote_free(g->m[i].standalone);
        free(g->m[i].exclusion);
        free(g->m[i].name);
        free(g->m[i].role);
        free(g->m[i].industry);
    }
    free(g->m);
    g->m = NULL;
    g->n = 0;
}

/* Copies the value of item field `from` (its item's slots `src`) to the
 * document field of the same name under document node `to`: objects
 * field by field, anything else as it is (lists and texts stay shared
 * with the group's declaration, which outlives the view). */
static void copy_same(const sch_schema *s, int from, const decl_slot *src,
                      int to, decl_slot *dst)
{
    const sch_node *f = &s->nodes[from], *t = &s->nodes[to];
    int i;
    if (f->type != t->type)
        return;
    if (f->type != SCH_OBJECT) {
        dst[t->slot] = src[f->slot];
        return;
    }
    dst[t->slot] = src[f->slot];
    for (i = 0; i < f->nchildren; i++) {
        const sch_node *c = &s->nodes[f->children[i]];
        int k = sch_child(s, to, c->key, c->keylen, NULL);
        if (k >= 0)
            copy_same(s, f->children[i], src, k, dst);
    }
}

/* The declaration of company k alone in *view (document slots in
 * `slots`): the group's document with, for an entity, its own fields in
 * place of the parent's, and no entities. */
static void member_view(const struct ratel_decl *d, size_t k,
                        struct ratel_decl *view, decl_slot *slots)
{
    const sch_schema *s = d->schema;
    int list = s->roles[SCH_ROLE_ENTITIES];
    const sch_node *item = &s->nodes[s->nodes[list].item];
    int i, j;
    memcpy(slots, d->root, (size_t)s->records[0].nslots * sizeof *slots);
    view->schema = s;
    view->root = slots;
    view->text = d->text; /* read only */
    memset(&slots[s->nodes[list].slot], 0, sizeof *slots); /* no entities */
    if (k == 0)
        return;
    {
        const decl_slot *src = decl_list_item(s, &s->nodes[list],
                                              decl_root_slot(d, list), k - 1);
        for (i = 0; i < item->nchildren; i++) {
            const sch_node *c = &s->nodes[item->children[i]];
            int to = sch_child(s, 0, c->key, c->keylen, NULL);
            if (to >= 0 && !s->nodes[to].input_only)
                copy_same(s, item->children[i], src, to, slots);
            for (j = 0; j < c->nstandalone; j++)
                if ((src[c->slot].given & DECL_GIVEN) && !src[c->slot].absent)
                    slots[s->nodes[c->standalone[j]].slot] = src[c->slot];
        }
    }
}

/* A text field of company k (its slots `slots`, field `key` of the
 * applicant under `applicant`), or "". */
static const char *applicant_text(const struct ratel_decl *d,
                                  const decl_slot *slots, int applicant,
                                  const char *key)
{
    const sch_schema *s = d->schema;
    int n = applicant >= 0 ? sch_child(s, applicant, key, strlen(key), NULL)
                           : -1;
    const decl_slot *v;
    if (n < 0)
        return "";
    v = &slots[s->nodes[n].slot];
    if (v->absent)
        return "";
    if (s->nodes[n].type == SCH_TEXT)
        return decl_text(d, v);
    if (s->nodes[n].type == SCH_CODE)
        return s->codes[s->nodes[n].codes].values[v->v.i];
    return "";
}

static int64_t applicant_int(const sch_schema *s, const decl_slot *slots,
                             int applicant, const char *key)
{
    int n = applicant >= 0 ? sch_child(s, applicant, key, strlen(key), NULL)
                           : -1;
    if (n < 0 || slots[s->nodes[n].slot].absent ||
        (s->nodes[n].type != SCH_MONEY && s->nodes[n].type != SCH_INTEGER))
        return 0;
    return slots[s->nodes[n].slot].v.i;
}

/* Who company k is, read from its standalone view: 0, or -1 when out
 * of memory. */
static int describe(group_member *m, const struct ratel_decl *d,
                    const decl_slot *slots, size_t k)
{
    const char *role;
    const sch_schema *s = d->schema;
    int applicant = sch_child(s, 0, "applicant", 9, NULL);
    int list = s->roles[SCH_ROLE_ENTITIES];
    if (k == 0) {
        snprintf(m->path, sizeof m->path, "applicant");
        role = "parent";
    } else {
        const sch_node *item = &s->nodes[s->nodes[list].item];
        int r = sch_child(s, s->nodes[list].item, "role", 4, NULL);
        const decl_slot *src = decl_list_item(s, &s->nodes[list],
                                              decl_root_slot(d, list), k - 1);
        snprintf(m->path, sizeof m->path, "%s[%zu]", s->nodes[list].key,
                 k - 1);
        role = r >= 0 && s->nodes[r].type == SCH_CODE &&
                       !src[s->nodes[r].slot].absent
                   ? s->codes[s->nodes[r].codes].values[src[s->nodes[r].slot].v.i]
                   : "member";
        (void)item;
    }
    m->name = strdup(applicant_text(d, slots, applicant, "name"));
    m->industry = strdup(applicant_text(d, slots, applicant, "industry"));
    m->role = strdup(role);
    m->revenue = applicant_int(s, slots, applicant, "revenue");
    m->employees = applicant_int(s, slots, applicant, "employees");
    return m->name && m->industry && m->role ? 0 : -1;
}

/* Rates company k on its own: no overrides, the caller's flags. */
static int rate_member(ratel_ctx *c, const plan_def *p,
                       const struct ratel_decl *view,
                       const ratel_rate_options *o, group_member *m)
{
    ratel_rate_options alone;
    int rc;
    ratel_rate_options_init(&alone, RATEL_RATE_OPTIONS_VERSION);
    alone.plan_id = o->plan_id;
    alone.flags = o->flags;
    if ((rc = decl_check_complete(view, &c->err)))
        return rc;
    rate_start_result(c, &alone);
    if ((rc = sbx_rate(c->sb, p, c->resolved, view, &c->res, &c->err)) ||
        (rc = rate_finish(&m->standalone, c, p, view, &alone, &c->err,
                          NULL)))
        return rc;
    return RATEL_OK;
}

/* The companies' own referrals, declines of companies the plan kept, and
 * subjectivities, as the group's, with the company's path in the code
 * and its name in the text. */
static int carry_reasons(rate_result *r, const group_members *g)
{
    size_t i, k;
    for (i = 0; i < g->n; i++) {
        const group_member *m = &g->m[i];
        size_t nr = ratel_quote_reason_count(m->standalone);
        size_t ns = ratel_quote_subjectivity_count(m->standalone);
        if (m->excluded)
            continue;
        for (k = 0; k < nr + ns; k++) {
            ratel_reason x;
            char code[160], text[2200];
            int len, rc = k < nr
                ? ratel_quote_reason(m->standalone, k, &x)
                : ratel_quote_subjectivity(m->standalone, k - nr, &x);
            if (rc != RATEL_OK) /* k is in range: cannot happen */
                continue;
            snprintf(code, sizeof code, "%s:%s", m->path, x.code);
            len = snprintf(text, sizeof text, "%s: %s", m->name, x.text);
            if (len < 0 || (size_t)len >= sizeof text)
                len = (int)sizeof text - 1;
            if (res_add_reason(r, k < nr ? RES_REFER : RES_SUBJECTIVITY, 0,
                               code, strlen(code), text, (size_t)len))
                return -1;
        }
    }
    return 0;
}

/* Shares of `total` in proportion to the members' weights, in whole yen
 * that add up to it: each the whole part of its quota, the yen left one
 * each to the largest remainders (ties: the earlier company). -1 when the
 * remainders have no memory (shares without them would differ). */
static int share_out(group_members *g, int64_t total)
{
    double sum = 0, w, *frac = calloc(g->n ? g->n : 1, sizeof *frac);
    int64_t given = 0;
    size_t i, best;
    if (!frac)
        return -1;
    for (i = 0; i < g->n; i++) {
        const group_member *m = &g->m[i];
        g->m[i].share = 0;
        if (m->excluded)
            continue;
        w = g->rule == GROUP_BY_REVENUE ? (double)m->revenue
            : g->rule == GROUP_BY_EMPLOYEES
                ? (double)m->employees
                : (double)ratel_quote_total_premium(m->standalone);
        sum += w > 0 ? w : 0;
    }
    for (i = 0; i < g->n; i++) {
        const group_member *m = &g->m[i];
        double quota, whole;
        if (m->excluded)
            continue;
        w = g->rule == GROUP_BY_REVENUE ? (double)m->revenue
            : g->rule == GROUP_BY_EMPLOYEES
                ? (double)m->employees
                : (double)ratel_quote_total_premium(m->standalone);
        quota = sum > 0 ? (double)total * ((w > 0 ? w : 0) / sum) : 0;
        whole = quota > (double)(total - given) ? (double)(total - given)
                                                : (double)(int64_t)quota;
        g->m[i].share = (int64_t)whole;
        given += (int64_t)whole;
        frac[i] = quota - whole;
    }
    while (given < total) {
        best = g->n;
        for (i = 0; i < g->n; i++)
            if (!g->m[i].excluded && (best == g->n || frac[i] > frac[best]))
                best = i;
        if (best == g->n)
            break; /* everyone excluded: the group has no premium */
        g->m[best].share++;
        frac[best] = -1;
        given++;
    }
    free(frac);
    return 0;
}

/* The allocation on the group's worksheet: a step per company. */
static int allocation_steps(rate_result *r, const group_members *g)
{
    size_t i;
    for (i = 0; i < g->n && r->record_steps; i++) {
        const group_member *m = &g->m[i];
        char label[256];
        res_step st;
        int len;
        if (m->excluded)
            continue;
        len = snprintf(label, sizeof label, "%s %s: share of the group "
                       "premium (by %s, largest remainder)", m->path,
                       m->name, rule_words[g->rule]);
        if (len < 0 || (size_t)len >= sizeof label)
            len = (int)sizeof label - 1;
        memset(&st, 0, sizeof st);
        st.coverage = RES_POLICY;
        st.op = RES_ALLOCATE;
        st.label = res_str(r, label, (size_t)len);
        st.table = st.key = st.override_reason = RES_NONE;
        st.value = st.calculated =
            (double)ratel_quote_total_premium(m->standalone);
        st.premium = (double)m->share;
        if (r->arena.oom || res_add_step(r, &st))
            return -1;
    }
    return 0;
}

int group_finish(rate_result *r, group_members *g, int64_t total)
{
    return share_out(g, total) ? -1 : allocation_steps(r, g);
}

int group_rate(ratel_quote **out, ratel_ctx *c, const plan_def *p,
               const struct ratel_decl *d, const ratel_rate_options *o)
{
    const sch_schema *s = d->schema;
    int list = s->roles[SCH_ROLE_ENTITIES];
    size_t n = 1 + decl_root_slot(d, list)->v.list->n, k;
    group_members g = {NULL, 0, GROUP_BY_STANDALONE};
    struct ratel_decl view;
    decl_slot *slots;
    int rc = RATEL_OK;
    if (!plan_rates_groups(p))
        return err_set(&c->err, RATEL_EDECL, "plan '%s' does not rate "
                       "groups (it defines no rate_group(d, members)); rate "
                       "each company on its own", p->id);
    g.m = calloc(n, sizeof *g.m);
    slots = malloc((size_t)s->records[0].nslots * sizeof *slots);
    if (!g.m || !slots) {
        free(g.m);
        free(slots);
        return err_set(&c->err, RATEL_ENOMEM, "out of memory");
    }
    g.n = n;
    for (k = 0; k < n && rc == RATEL_OK; k++) {
        member_view(d, k, &view, slots);
        if (describe(&g.m[k], d, slots, k)) {
            rc = err_set(&c->err, RATEL_ENOMEM, "out of memory");
            break;
        }
        if ((rc = rate_member(c, p, &view, o, &g.m[k])) != RATEL_OK) {
            char msg[1024];
            snprintf(msg, sizeof msg, "%s", c->err.message);
            err_set(&c->err, rc, "%s (%s) on its own: %s", g.m[k].path,
                    g.m[k].name, msg);
        }
    }
    free(slots);
    if (rc == RATEL_OK) {
        rate_start_result(c, o);
        rc = sbx_rate_group(c->sb, p, c->resolved, d, &g, &c->res, &c->err);
    }
    if (rc == RATEL_OK && carry_reasons(&c->res, &g))
        rc = err_set(&c->err, RATEL_ENOMEM, "out of memory");
    if (rc == RATEL_OK)
        rc = rate_finish(out, c, p, d, o, &c->err, &g);
    if (rc != RATEL_OK) {
        group_members_free(&g);
        return rc;
    }
    (*out)->group = g; /* the quote owns the companies now */
    return RATEL_OK;
}
