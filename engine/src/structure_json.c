/* structure_json.c - the structures file (ratel_structures_parse): the
 * structures to compare and the loss scenarios to show, read from JSON
 * with a JSON path in every error. The JSON library stays in reader
 * files: this one uses yajl's tree through the plan-test helpers
 * (plantest.h), as the options reader does. Format: docs/structures.md. */
#include "plantest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "risk.h"
#include "structure.h"

#define FORMAT_VERSION 1
#define MAX_DEPTH 32       /* nesting the format needs is 5 */
#define MAX_TEXT 400       /* bytes of a name or label (UTF-8) */

typedef struct reader {
    pt_check ck;
    char path[128];
} reader;

/* Refuses nesting deeper than MAX_DEPTH before the tree is built: the
 * tree's free is recursive, and no structures file needs it. */
static int too_deep(const char *s, size_t len)
{
    size_t i, depth = 0;
    int in_string = 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > MAX_DEPTH)
                return 1;
        } else if ((c == ']' || c == '}') && depth) {
            depth--;
        }
    }
    return 0;
}

static void at(char *out, size_t cap, const char *path, const char *key)
{
    pt_path_key(out, cap, path, key);
}

/* A copy of a string member; NULL when absent (an error when required)
 * or not a string of 1..MAX_TEXT bytes. */
static char *get_text(reader *r, yajl_val obj, const char *path,
                      const char *key, int required)
{
    yajl_val v = pt_member(obj, key);
    const char *text = YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : NULL;
    char p[192], *s;
    at(p, sizeof p, path, key);
    if (!v) {
        if (required)
            pt_bad(&r->ck, p, "required: a string");
        return NULL;
    }
    if (!text || !*text || strlen(text) > MAX_TEXT) {
        pt_bad(&r->ck, p, "expected a string of 1 to %d bytes", MAX_TEXT);
        return NULL;
    }
    if (!(s = strdup(text)))
        r->ck.oom = 1;
    return s;
}

/* An amount of yen, 0..RATEL_MONEY_MAX; -1 when absent. */
static int64_t get_yen(reader *r, yajl_val obj, const char *path,
                       const char *key, int required)
{
    yajl_val v = pt_member(obj, key);
    char p[192];
    at(p, sizeof p, path, key);
    if (!v) {
        if (required)
            pt_bad(&r->ck, p, "required: an amount of yen");
        return -1;
    }
    if (YAJL_IS_INTEGER(v) && YAJL_GET_INTEGER(v) >= 0 &&
        YAJL_GET_INTEGER(v) <= RATEL_MONEY_MAX)
        return YAJL_GET_INTEGER(v);
    pt_bad(&r->ck, p, "expected an integer number of yen, 0 to %lld",
           (long long)RATEL_MONEY_MAX);
    return -1;
}

/* A number in [lo, hi]; `dflt` when absent and not required. */
static double get_number(reader *r, yajl_val obj, const char *path,
                         const char *key, int required, double lo, double hi,
                         double dflt)
{
    yajl_val v = pt_member(obj, key);
    char p[192];
    at(p, sizeof p, path, key);
    if (!v) {
        if (required)
            pt_bad(&r->ck, p, "required: a number from %g to %g", lo, hi);
        return dflt;
    }
    if (YAJL_IS_NUMBER(v) && YAJL_GET_DOUBLE(v) >= lo &&
        YAJL_GET_DOUBLE(v) <= hi)
        return YAJL_GET_DOUBLE(v);
    pt_bad(&r->ck, p, "expected a number from %g to %g", lo, hi);
    return dflt;
}

static int kind_of(const char *name)
{
    int k;
    for (k = 0; name && k < STRUCTURE_NKINDS; k++)
        if (strcmp(name, structure_kind_names[k]) == 0)
            return k;
    return -1;
}

/* The keys each kind takes, besides name, kind and excess. */
static const char *const kind_keys[STRUCTURE_NKINDS][9] = {
    {"plan", "deductible", "limit"},
    {"plan", "deductible", "retention", "aggregate", "capital",
     "cost_of_capital_pct", "fronting_fee_pct", "admin_cost"},
    {"reserve", "cost_of_capital_pct"},
    {"amount", "commitment_fee_pct", "interest_pct", "drawing_months"},
    {"principal", "spread_pct", "issuance_cost", "term_years", "trigger"}};

static void check_keys(reader *r, yajl_val obj, const char *path, int kind)
{
    const char *known[12] = {"name", "kind", "excess"};
    size_t n = 3, i;
    for (i = 0; i < 9 && kind_keys[kind][i]; i++)
        known[n++] = kind_keys[kind][i];
    pt_known_keys(&r->ck, obj, path, known, n, "key for this kind");
}

static void read_excess(reader *r, yajl_val arr, const char *path,
                        structure_def *d)
{
    static const char *const keys[] = {"plan", "attachment", "limit"};
    char p[160], q[192];
    size_t i;
    if (!YAJL_IS_ARRAY(arr) || arr->u.array.len > STRUCTURE_MAX_EXCESS) {
        pt_bad(&r->ck, path, "expected an array of at most %d layers",
               STRUCTURE_MAX_EXCESS);
        return;
    }
    for (i = 0; i < arr->u.array.len; i++) {
        yajl_val o = arr->u.array.values[i];
        structure_excess *x = &d->excess[d->nexcess++];
        pt_path_index(p, sizeof p, path, i);
        if (!YAJL_IS_OBJECT(o)) {
            pt_bad(&r->ck, p, "expected a layer (an object)");
            continue;
        }
        pt_known_keys(&r->ck, o, p, keys, 3, "key");
        x->plan = get_text(r, o, p, "plan", 1);
        x->attachment = get_yen(r, o, p, "attachment", 1);
        x->limit = get_yen(r, o, p, "limit", 1);
        at(q, sizeof q, p, "limit");
        if (x->limit == 0)
            pt_bad(&r->ck, q, "a layer's limit must be above 0");
        at(q, sizeof q, p, "attachment");
        if (i && x->attachment >= 0 && d->excess[i - 1].attachment >= 0 &&
            d->excess[i - 1].limit >= 0 &&
            x->attachment < d->excess[i - 1].attachment +
                                d->excess[i - 1].limit)
            pt_bad(&r->ck, q, "layers must go up without overlapping: this "
                   "one starts below the top of the one before");
    }
}

static void read_kind(reader *r, yajl_val o, const char *path,
                      structure_def *d)
{
    char p[192];
    const double pct = STRUCTURE_MAX_PCT;
    switch (d->kind) {
    case STRUCTURE_INSURANCE:
        d->plan = get_text(r, o, path, "plan", 1);
        d->limit = get_yen(r, o, path, "limit", 0);
        break;
    case STRUCTURE_CAPTIVE:
        d->plan = get_text(r, o, path, "plan", 1);
        d->retention = get_yen(r, o, path, "retention", 1);
        d->aggregate = get_yen(r, o, path, "aggregate", 1);
        d->capital = get_yen(r, o, path, "capital", 1);
        d->admin_cost = get_yen(r, o, path, "admin_cost", 0);
        d->fronting_fee_pct =
            get_number(r, o, path, "fronting_fee_pct", 1, 0, pct, 0);
        d->cost_of_capital_pct =
            get_number(r, o, path, "cost_of_capital_pct", 1, 0, pct, 0);
        at(p, sizeof p, path, "aggregate");
        if (d->aggregate == 0)
            pt_bad(&r->ck, p, "the captive's annual aggregate must be "
                   "above 0");
        at(p, sizeof p, path, "retention");
        if (d->retention >= 0 && d->deductible >= 0 &&
            d->retention <= d->deductible)
            pt_bad(&r->ck, p, "the captive's retention must be above the "
                   "deductible");
        break;
    case STRUCTURE_SELF_INSURANCE:
        d->reserve = get_yen(r, o, path, "reserve", 1);
        d->cost_of_capital_pct =
            get_number(r, o, path, "cost_of_capital_pct", 0, 0, pct, 0);
        break;
    case STRUCTURE_COMMITMENT_LINE:
        d->line_amount = get_yen(r, o, path, "amount", 1);
        d->commitment_fee_pct =
            get_number(r, o, path, "commitment_fee_pct", 1, 0, pct, 0);
        d->interest_pct = get_number(r, o, path, "interest_pct", 1, 0, pct, 0);
        d->drawing_months =
            get_number(r, o, path, "drawing_months", 1, 0, 120, 0);
        break;
    case STRUCTURE_CAT_BOND:
        d->principal = get_yen(r, o, path, "principal", 1);
        d->issuance_cost = get_yen(r, o, path, "issuance_cost", 1);
        d->trigger = get_yen(r, o, path, "trigger", 1);
        d->spread_pct = get_number(r, o, path, "spread_pct", 1, 0, pct, 0);
        d->term_years = (int64_t)get_number(r, o, path, "term_years", 0, 1,
                                            STRUCTURE_MAX_TERM_YEARS, 3);
        at(p, sizeof p, path, "term_years");
        if (pt_member(o, "term_years") &&
            !YAJL_IS_INTEGER(pt_member(o, "term_years")))
            pt_bad(&r->ck, p, "expected a whole number of years");
        at(p, sizeof p, path, "principal");
        if (d->principal == 0)
            pt_bad(&r->ck, p, "the principal must be above 0");
        break;
    }
}

static void read_structure(reader *r, yajl_val o, size_t i, structure_def *d)
{
    char *kind;
    char p[192];
    yajl_val ex;
    memset(d, 0, sizeof *d);
    d->deductible = d->limit = d->retention = d->aggregate = -1;
    pt_path_index(d->path, sizeof d->path, "$.structures", i);
    if (!YAJL_IS_OBJECT(o)) {
        pt_bad(&r->ck, d->path, "expected a structure (an object)");
        return;
    }
    d->name = get_text(r, o, d->path, "name", 1);
    kind = get_text(r, o, d->path, "kind", 1);
    at(p, sizeof p, d->path, "kind");
    if (kind && kind_of(kind) < 0)
        pt_bad(&r->ck, p, "unknown kind \"%s\" (known: insurance, captive, "
               "self_insurance, commitment_line, cat_bond)", kind);
    if (kind_of(kind) >= 0) {
        check_keys(r, o, d->path, kind_of(kind));
        d->kind = (structure_kind)kind_of(kind);
        d->deductible = get_yen(r, o, d->path, "deductible", 0);
        read_kind(r, o, d->path, d);
    }
    free(kind);
    if ((ex = pt_member(o, "excess")) != NULL) {
        at(p, sizeof p, d->path, "excess");
        read_excess(r, ex, p, d);
    }
}

static int peril_known(const char *name)
{
    size_t i;
    for (i = 0; name && i < RISK_NPERILS; i++)
        if (strcmp(name, risk_peril_names[i]) == 0)
            return 1;
    return 0;
}

static void read_items(reader *r, yajl_val arr, const char *path,
                       structure_loss *l)
{
    static const char *const keys[] = {"label", "amount"};
    char p[192];
    size_t i;
    if (!YAJL_IS_ARRAY(arr) || arr->u.array.len == 0 ||
        arr->u.array.len > STRUCTURE_MAX_ITEMS) {
        pt_bad(&r->ck, path, "expected an array of 1 to %d items",
               STRUCTURE_MAX_ITEMS);
        return;
    }
    if (!(l->items = calloc(arr->u.array.len, sizeof *l->items))) {
        r->ck.oom = 1;
        return;
    }
    for (i = 0; i < arr->u.array.len; i++) {
        yajl_val o = arr->u.array.values[i];
        structure_item *it = &l->items[l->nitems++];
        pt_path_index(p, sizeof p, path, i);
        if (!YAJL_IS_OBJECT(o)) {
            pt_bad(&r->ck, p, "expected an item (an object)");
            continue;
        }
        pt_known_keys(&r->ck, o, p, keys, 2, "key");
        it->label = get_text(r, o, p, "label", 1);
        it->amount = get_yen(r, o, p, "amount", 1);
    }
}

static void read_loss(reader *r, yajl_val o, const char *path,
                      structure_loss *l)
{
    static const char *const keys[] = {"peril", "amount", "items"};
    char p[192];
    yajl_val items;
    int64_t sum = 0;
    size_t i;
    if (!YAJL_IS_OBJECT(o)) {
        pt_bad(&r->ck, path, "expected a loss (an object)");
        return;
    }
    pt_known_keys(&r->ck, o, path, keys, 3, "key");
    l->peril = get_text(r, o, path, "peril", 1);
    at(p, sizeof p, path, "peril");
    if (l->peril && !peril_known(l->peril))
        pt_bad(&r->ck, p, "unknown peril \"%s\" (known: ransomware, "
               "data_breach, business_email_compromise, ddos, malware, "
               "other)", l->peril);
    l->amount = get_yen(r, o, path, "amount", 0);
    if ((items = pt_member(o, "items")) != NULL) {
        at(p, sizeof p, path, "items");
        read_items(r, items, p, l);
    } else if (l->amount < 0 && !pt_member(o, "amount")) {
        pt_bad(&r->ck, path, "a loss needs an amount or items");
    }
    for (i = 0; i < l->nitems; i++)
        if (l->items[i].amount > 0 && sum <= RATEL_MONEY_MAX)
            sum += l->items[i].amount;
    at(p, sizeof p, path, "amount");
    if (sum > RATEL_MONEY_MAX)
        pt_bad(&r->ck, p, "the items add up to more than %lld yen",
               (long long)RATEL_MONEY_MAX);
    else if (l->nitems && l->amount >= 0 && l->amount != sum)
        pt_bad(&r->ck, p, "%lld is not the sum of the items, %lld",
               (long long)l->amount, (long long)sum);
    else if (l->nitems)
        l->amount = sum;
}

static void read_scenario(reader *r, yajl_val o, size_t i,
                          structure_scenario *s)
{
    static const char *const keys[] = {"name", "losses"};
    char path[64], p[160], q[192];
    yajl_val losses;
    size_t k;
    pt_path_index(path, sizeof path, "$.scenarios", i);
    if (!YAJL_IS_OBJECT(o)) {
        pt_bad(&r->ck, path, "expected a scenario (an object)");
        return;
    }
    pt_known_keys(&r->ck, o, path, keys, 2, "key");
    s->name = get_text(r, o, path, "name", 1);
    losses = pt_member(o, "losses");
    at(p, sizeof p, path, "losses");
    if (!YAJL_IS_ARRAY(losses) || losses->u.array.len == 0 ||
        losses->u.array.len > STRUCTURE_MAX_LOSSES) {
        pt_bad(&r->ck, p, "expected an array of 1 to %d losses",
               STRUCTURE_MAX_LOSSES);
        return;
    }
    if (!(s->losses = calloc(losses->u.array.len, sizeof *s->losses))) {
        r->ck.oom = 1;
        return;
    }
    for (k = 0; k < losses->u.array.len; k++) {
        pt_path_index(q, sizeof q, p, k);
        s->nlosses++;
        read_loss(r, losses->u.array.values[k], q, &s->losses[k]);
    }
}

static const char *const top_keys[] = {"format_version", "cash_on_hand_months",
                                       "structures", "scenarios"};

static void read_document(reader *r, yajl_val doc, ratel_structures *s)
{
    yajl_val v = pt_member(doc, "format_version"), arr;
    size_t i;
    if (!YAJL_IS_OBJECT(doc)) {
        pt_bad(&r->ck, "$", "expected an object with format_version and "
               "structures");
        return;
    }
    pt_known_keys(&r->ck, doc, "$", top_keys, 4, "key");
    if (!v || !YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 1)
        pt_bad(&r->ck, "$.format_version", "required: %d", FORMAT_VERSION);
    else if (YAJL_GET_INTEGER(v) > FORMAT_VERSION)
        pt_bad(&r->ck, "$.format_version", "version %lld is newer than this "
               "library reads (%d)", (long long)YAJL_GET_INTEGER(v),
               FORMAT_VERSION);
    s->cash_months = get_number(r, doc, "$", "cash_on_hand_months", 0, 0,
                                120, 2.0);
    arr = pt_member(doc, "structures");
    if (!YAJL_IS_ARRAY(arr) || arr->u.array.len == 0 ||
        arr->u.array.len > STRUCTURE_MAX_DEFS) {
        pt_bad(&r->ck, "$.structures", "expected an array of 1 to %d "
               "structures", STRUCTURE_MAX_DEFS);
    } else if (!(s->defs = calloc(arr->u.array.len, sizeof *s->defs))) {
        r->ck.oom = 1;
    } else {
        for (i = 0; i < arr->u.array.len; i++, s->ndefs++)
            read_structure(r, arr->u.array.values[i], i, &s->defs[i]);
    }
    if (!(arr = pt_member(doc, "scenarios")))
        return;
    if (!YAJL_IS_ARRAY(arr) || arr->u.array.len > STRUCTURE_MAX_SCENARIOS) {
        pt_bad(&r->ck, "$.scenarios", "expected an array of at most %d "
               "scenarios", STRUCTURE_MAX_SCENARIOS);
    } else if (arr->u.array.len &&
               !(s->scenarios = calloc(arr->u.array.len,
                                       sizeof *s->scenarios))) {
        r->ck.oom = 1;
    } else {
        for (i = 0; i < arr->u.array.len; i++, s->nscenarios++)
            read_scenario(r, arr->u.array.values[i], i, &s->scenarios[i]);
    }
}

int ratel_structures_parse(ratel_structures **out, ratel_ctx *ctx,
                           const char *json, size_t len)
{
    ratel_structures *s;
    ratel_err *e;
    reader r;
    yajl_val doc;
    int rc;
    if (out)
        *out = NULL;
    if (!ctx || !out || (!json && len))
        return ctx ? err_set(ctx_err(ctx), RATEL_EARG, "ratel_structures_"
                             "parse: ctx, json and out are needed")
                   : RATEL_EARG;
    e = ctx_err(ctx);
    err_clear(e);
    if (too_deep(json, len)) {
        if (err_add_field(e, "$", 0, 0, "nested deeper than %d levels",
                          MAX_DEPTH) != RATEL_OK)
            return err_set(e, RATEL_ENOMEM, "out of memory");
        return err_finish_fields(e);
    }
    if ((rc = pt_parse(e, json ? json : "", len, "$", NULL, &doc)))
        return rc;
    if (!(s = calloc(1, sizeof *s))) {
        yajl_tree_free(doc);
        return err_set(e, RATEL_ENOMEM, "out of memory");
    }
    r.ck.e = e;
    r.ck.oom = 0;
    read_document(&r, doc, s);
    yajl_tree_free(doc);
    if (r.ck.oom)
        rc = err_set(e, RATEL_ENOMEM, "out of memory");
    else if (e->nfields)
        rc = err_finish_fields(e);
    if (rc != RATEL_OK) {
        ratel_structures_free(s);
        return rc;
    }
    *out = s;
    return RATEL_OK;
}
