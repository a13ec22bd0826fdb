/* scenario_json.c - a broker's scenarios file (ratel_scenarios_parse):
 * read whole with jtree (every value knows its line) and checked, every
 * problem reported with its JSON path. Format: docs/compare.md. */
#include "scenario.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "decl_fields.h"
#include "jtree.h"

#define MAX_RECORDS ((int64_t)10000000000) /* as applicant.personal_records */
#define MAX_PER_RECORD ((int64_t)1000000000)

typedef struct reader {
    ratel_err *e;
    int bad, oom;
} reader;

static void bad(reader *r, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bad(reader *r, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->bad = 1;
    if (err_add_field(r->e, path, 0, 0, "%s", msg) != RATEL_OK)
        r->oom = 1;
}

static void at(char *out, size_t cap, const char *path, const char *key)
{
    snprintf(out, cap, "%s", path);
    decl_path_append_key(out, cap, key, strlen(key));
}

/* An integer member in [lo, hi]; `dflt` when absent. */
static int64_t get_int(reader *r, const jt_node *obj, const char *path,
                       const char *key, int64_t lo, int64_t hi, int64_t dflt)
{
    const jt_node *v = jt_get(obj, key);
    char p[200];
    if (!v)
        return dflt;
    if (v->kind == JT_INT && !v->overflow && v->i >= lo && v->i <= hi)
        return v->i;
    at(p, sizeof p, path, key);
    bad(r, p, "expected an integer from %lld to %lld", (long long)lo,
        (long long)hi);
    return dflt;
}

/* One of the integers `allowed` (n of them, listed in the message). */
static int get_choice(reader *r, const jt_node *obj, const char *path,
                      const char *key, const int *allowed, size_t n)
{
    const jt_node *v = jt_get(obj, key);
    char p[200], list[64] = "";
    size_t i, used = 0;
    if (!v)
        return -1;
    for (i = 0; i < n; i++)
        if (v->kind == JT_INT && !v->overflow && v->i == allowed[i])
            return allowed[i];
    for (i = 0; i < n; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%d",
                                 i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                 allowed[i]);
    at(p, sizeof p, path, key);
    bad(r, p, "expected %s", list);
    return -1;
}

/* A text of 1..SCENARIO_MAX_TEXT bytes of UTF-8 without control
 * characters, copied; NULL when absent (an error when required). */
static char *get_text(reader *r, const jt_node *obj, const char *path,
                      const char *key, int required)
{
    const jt_node *v = jt_get(obj, key);
    const unsigned char *u;
    char p[200], *s;
    size_t i, k;
    at(p, sizeof p, path, key);
    if (!v) {
        if (required)
            bad(r, p, "required: a string");
        return NULL;
    }
    if (v->kind != JT_STRING || v->len == 0 || v->len > SCENARIO_MAX_TEXT) {
        bad(r, p, "expected a string of 1 to %d bytes", SCENARIO_MAX_TEXT);
        return NULL;
    }
    u = (const unsigned char *)v->text;
    for (i = 0; i < v->len; i += k)
        if (u[i] < 0x20 || (k = decl_utf8_seq(u + i, v->len - i)) == 0) {
            bad(r, p, "expected text without control characters");
            return NULL;
        }
    if (!(s = strdup(v->text)))
        r->oom = 1;
    return s;
}

/* Refuses keys other than `known` (n of them) in obj. */
static void known_keys(reader *r, const jt_node *obj, const char *path,
                       const char *const *known, int n, const char *what)
{
    const jt_node *c;
    for (c = obj->first; c; c = c->next) {
        char p[200], hint[80] = "";
        int i;
        for (i = 0; i < n; i++)
            if (strlen(known[i]) == c->keylen &&
                memcmp(known[i], c->key, c->keylen) == 0)
                break;
        if (i < n)
            continue;
        snprintf(p, sizeof p, "%s", path);
        decl_path_append_key(p, sizeof p, c->key, c->keylen);
        decl_suggest(known, n, c->key, c->keylen, hint, sizeof hint);
        bad(r, p, "unknown key for %s%s", what, hint);
    }
}

/* "losses": {category: yen, or {"per_record": yen}}. */
static void read_losses(reader *r, const jt_node *o, const char *path,
                        scenario_def *d)
{
    const jt_node *c;
    char p[200];
    int any = 0;
    at(p, sizeof p, path, "losses");
    if (!o || o->kind != JT_OBJECT || o->n == 0) {
        bad(r, p, "expected an object of loss category -> amount of yen "
            "(or {\"per_record\": yen})");
        return;
    }
    for (c = o->first; c; c = c->next) {
        char q[240];
        const jt_node *pr;
        int cat = settle_category_find(c->key, c->keylen);
        snprintf(q, sizeof q, "%s", p);
        decl_path_append_key(q, sizeof q, c->key, c->keylen);
        if (cat < 0) {
            const char *close = settle_category_closest(c->key, c->keylen);
            bad(r, q, "not a loss category%s%s%s (docs/compare.md lists "
                "them)", close ? "; did you mean " : "", close ? close : "",
                close ? "?" : "");
            continue;
        }
        if (c->kind == JT_INT && !c->overflow && c->i >= 0 &&
            c->i <= RATEL_MONEY_MAX) {
            d->amount[cat] = c->i;
            any |= c->i > 0 && settle_categories[cat].time_element;
            continue;
        }
        pr = c->kind == JT_OBJECT && c->n == 1 ? jt_get(c, "per_record")
                                               : NULL;
        if (pr && pr->kind == JT_INT && !pr->overflow && pr->i >= 0 &&
            pr->i <= MAX_PER_RECORD) {
            d->per_record[cat] = pr->i;
            any |= pr->i > 0 && settle_categories[cat].time_element;
            continue;
        }
        bad(r, q, "expected an amount of yen (0 to 10^15) or "
            "{\"per_record\": yen} (0 to 10^9)");
    }
    if (any && d->outage_days <= 0) {
        at(p, sizeof p, path, "outage_days");
        bad(r, p, "required with lost profit or extra expense: the days "
            "the business was interrupted (1 to %d), for the waiting "
            "period", SCENARIO_MAX_DAYS);
    }
}

static const char *const common_keys[] = {"id", "name", "source", "kind"};
static const char *const kind_keys[SCENARIO_NKINDS][6] = {
    {"losses", "records", "outage_days"},
    {"records", "distress_level", "economic_level", "identifiability",
     "social_responsibility", "response_rating"},
    {"days", "revenue_lost_pct", "margin_pct", "extra_expense_pct"}};

static void read_kind(reader *r, const jt_node *o, const char *path,
                      scenario_def *d)
{
    static const int levels[] = {1, 2, 3}, ident[] = {1, 3, 6},
                     twice[] = {1, 2};
    const char *known[10];
    int n = 0, k;
    for (k = 0; k < 4; k++)
        known[n++] = common_keys[k];
    for (k = 0; k < 6 && kind_keys[d->kind][k]; k++)
        known[n++] = kind_keys[d->kind][k];
    known_keys(r, o, path, known, n, scenario_kind_names[d->kind]);
    switch (d->kind) {
    case SCENARIO_LOSSES:
        d->records = get_int(r, o, path, "records", 0, MAX_RECORDS, -1);
        d->outage_days = get_int(r, o, path, "outage_days", 0,
                                 SCENARIO_MAX_DAYS, -1);
        read_losses(r, jt_get(o, "losses"), path, d);
        break;
    case SCENARIO_LEAK:
        d->records = get_int(r, o, path, "records", 0, MAX_RECORDS, -1);
        d->distress = get_choice(r, o, path, "distress_level", levels, 3);
        d->economic = get_choice(r, o, path, "economic_level", levels, 3);
        d->identifiability = get_choice(r, o, path, "identifiability",
                                        ident, 3);
        d->social = get_choice(r, o, path, "social_responsibility", twice, 2);
        d->response = get_choice(r, o, path, "response_rating", twice, 2);
        break;
    default:
        d->outage_days = get_int(r, o, path, "days", 1, SCENARIO_MAX_DAYS,
                                 30);
        d->revenue_lost_pct = (int)get_int(r, o, path, "revenue_lost_pct", 1,
                                           100, -1);
        d->margin_pct = (int)get_int(r, o, path, "margin_pct", 0, 100, -1);
        d->extra_expense_pct = (int)get_int(r, o, path, "extra_expense_pct",
                                            0, 100, -1);
        break;
    }
}

/* The id: lower-case letters, digits and _, not "pml". */
static void read_id(reader *r, const jt_node *o, const char *path,
                    scenario_def *d)
{
    const jt_node *v = jt_get(o, "id");
    char p[200];
    at(p, sizeof p, path, "id");
    if (!v || v->kind != JT_STRING || v->len == 0 ||
        v->len > SCENARIO_MAX_ID ||
        strspn(v->text, "abcdefghijklmnopqrstuvwxyz0123456789_") != v->len) {
        bad(r, p, "%s: an id of 1 to %d lower-case letters, digits and _",
            v ? "expected" : "required", SCENARIO_MAX_ID);
        return;
    }
    memcpy(d->id, v->text, v->len + 1);
    if (strcmp(d->id, "pml") == 0)
        bad(r, p, "'pml' names the probable maximum loss the comparison "
            "adds; choose another id");
}

/* {"shipped": "id"}: a shipped scenario as it is. */
static void read_shipped(reader *r, const jt_node *o, const char *path,
                         scenario_def *d)
{
    static const char *const keys[] = {"shipped"};
    const jt_node *v = jt_get(o, "shipped");
    char p[200];
    known_keys(r, o, path, keys, 1, "a shipped scenario (it takes "
               "\"shipped\" alone)");
    at(p, sizeof p, path, "shipped");
    if (v->kind != JT_STRING || scenario_shipped_def(v->text, d))
        bad(r, p, "expected the id of a shipped scenario: ransomware, leak, "
            "bec or bi_30_days");
}

static void read_scenario(reader *r, const jt_node *o, const char *path,
                          ratel_scenarios *s)
{
    scenario_def *d = &s->defs[s->n], shipped;
    const jt_node *kind = jt_get(o, "kind");
    char p[200];
    int k = -1;
    if (o->kind != JT_OBJECT) {
        bad(r, path, "expected a scenario (an object)");
        return;
    }
    if (jt_get(o, "shipped")) {
        read_shipped(r, o, path, &shipped);
        if (!r->bad && scenario_def_copy(d, &shipped))
            r->oom = 1;
    } else {
        at(p, sizeof p, path, "kind");
        for (k = 0; kind && kind->kind == JT_STRING && k < SCENARIO_NKINDS;
             k++)
            if (strcmp(kind->text, scenario_kind_names[k]) == 0)
                break;
        if (!kind || kind->kind != JT_STRING || k == SCENARIO_NKINDS) {
            bad(r, p, "%s: losses, leak or business_interruption (or give "
                "\"shipped\": ID)", kind ? "expected" : "required");
            return;
        }
        scenario_def_init(d, (scenario_kind)k);
        snprintf(d->path, sizeof d->path, "%s", path);
        read_id(r, o, path, d);
        d->name = get_text(r, o, path, "name", 1);
        d->source = get_text(r, o, path, "source", 0);
        read_kind(r, o, path, d);
    }
    snprintf(d->path, sizeof d->path, "%s", path);
    s->n++;
}

int ratel_scenarios_parse(ratel_scenarios **out, ratel_ctx *ctx,
                          const char *json, size_t len)
{
    static const char *const top_keys[] = {"format_version", "scenarios"};
    ratel_scenarios *s = NULL;
    jt_doc *doc = NULL;
    const jt_node *root, *list, *x;
    reader r;
    char msg[256], path[32];
    size_t i;
    int rc;
    if (out)
        *out = NULL;
    if (!out || !ctx || (!json && len))
        return ctx ? err_set(ctx_err(ctx), RATEL_EARG, "ratel_scenarios_"
                             "parse: out, ctx and json are needed")
                   : RATEL_EARG;
    memset(&r, 0, sizeof r);
    r.e = ctx_err(ctx);
    err_clear(r.e);
    rc = jt_parse(&doc, json, len, msg, sizeof msg);
    if (rc == -2)
        return err_set(r.e, RATEL_ENOMEM, "out of memory");
    if (rc == -1) {
        bad(&r, "$", "%s", msg);
        return r.oom ? err_set(r.e, RATEL_ENOMEM, "out of memory")
                     : err_finish_fields(r.e);
    }
    root = jt_root(doc);
    if (root->kind != JT_OBJECT) {
        bad(&r, "$", "expected an object with \"format_version\" and "
            "\"scenarios\"");
        goto done;
    }
    known_keys(&r, root, "$", top_keys, 2, "a scenarios file");
    if (!jt_get(root, "format_version"))
        bad(&r, "$.format_version", "required: %d", SCENARIO_FORMAT_VERSION);
    else if (get_int(&r, root, "$", "format_version", 1, INT32_MAX, 0) >
             SCENARIO_FORMAT_VERSION)
        bad(&r, "$.format_version", "version %lld is newer than this "
            "library reads (%d)", (long long)jt_get(root,
                                                    "format_version")->i,
            SCENARIO_FORMAT_VERSION);
    list = jt_get(root, "scenarios");
    if (!list || list->kind != JT_ARRAY || list->n == 0 ||
        list->n > SCENARIO_MAX) {
        bad(&r, "$.scenarios", "%s: an array of 1 to %d scenarios",
            list ? "expected" : "required", SCENARIO_MAX);
        goto done;
    }
    if (!(s = calloc(1, sizeof *s)) ||
        !(s->defs = calloc(list->n, sizeof *s->defs))) {
        r.oom = 1;
        goto done;
    }
    for (i = 0, x = list->first; x && !r.oom; x = x->next, i++) {
        snprintf(path, sizeof path, "$.scenarios[%zu]", i);
        read_scenario(&r, x, path, s);
    }
    for (i = 0; i < s->n; i++) { /* ids are unique */
        size_t k;
        for (k = 0; k < i && s->defs[i].id[0]; k++)
            if (strcmp(s->defs[k].id, s->defs[i].id) == 0) {
                bad(&r, s->defs[i].path, "'%s' is the id of %s too; ids "
                    "are unique", s->defs[i].id, s->defs[k].path);
                break;
            }
    }
done:
    jt_free(doc);
    if (r.oom || r.bad) {
        ratel_scenarios_free(s);
        return r.oom ? err_set(r.e, RATEL_ENOMEM, "out of memory")
                     : err_finish_fields(r.e);
    }
    *out = s;
    return RATEL_OK;
}

int ratel_scenarios_shipped(ratel_scenarios **out)
{
    return out ? scenario_shipped(out) : RATEL_EARG;
}
