/* sandbox_decl.c - the declaration as plans see it: read-only tables,
 * created once per interpreter and refreshed in place for each quote, so
 * a quote costs field writes, not table allocations. */
#include "sandbox_int.h"

#include <string.h>

#include "decl.h"

/* Indices in R, the private table of what a push writes: the real
 * tables behind the proxies, then every key and vocabulary name as a Lua
 * string interned once at setup, so that a write hashes no C string. */
enum {
    R_D = 1, R_APPLICANT, R_INCIDENTS, R_CONTROLS, R_CERTIFICATIONS,
    R_REQUEST,
    K_EFFECTIVE_DATE, K_NAME, K_REVENUE, K_INDUSTRY, K_EMPLOYEES,
    K_RECORDS, K_OVERSEAS, K_DATE, K_TYPE, K_PAID, K_LIABILITY, K_EXPENSE,
    K_BI, K_WAITING, K_DEDUCTIBLE, K_COINSURANCE,
    K_CONTROLS, /* DECL_NCONTROLS names, then the other vocabularies */
    K_CERTIFICATIONS = K_CONTROLS + DECL_NCONTROLS,
    K_INDUSTRIES = K_CERTIFICATIONS + DECL_NCERTIFICATIONS,
    K_INCIDENT_TYPES = K_INDUSTRIES + DECL_NINDUSTRIES,
    R_DATES = K_INCIDENT_TYPES + DECL_NINCIDENT_TYPES, /* the date cache */
    NDATES = sizeof ((sbx *)0)->date_days / sizeof (int32_t),
    R_SIZE = R_DATES + NDATES - 1
};

/* The names of the parts (fields of D) and of the keys, by index in R. */
static const char *const names[K_CONTROLS] = {
    [R_APPLICANT] = "applicant", [R_INCIDENTS] = "incidents",
    [R_CONTROLS] = "controls", [R_CERTIFICATIONS] = "certifications",
    [R_REQUEST] = "request", [K_EFFECTIVE_DATE] = "effective_date",
    [K_NAME] = "name", [K_REVENUE] = "revenue", [K_INDUSTRY] = "industry",
    [K_EMPLOYEES] = "employees", [K_RECORDS] = "personal_records",
    [K_OVERSEAS] = "overseas_revenue_share", [K_DATE] = "date",
    [K_TYPE] = "type", [K_PAID] = "paid",
    [K_LIABILITY] = "liability_limit", [K_EXPENSE] = "expense_limit",
    [K_BI] = "bi_limit", [K_WAITING] = "bi_waiting_hours",
    [K_DEDUCTIBLE] = "deductible", [K_COINSURANCE] = "coinsurance_pct"};

/* Creates an empty real table, stores it in R[part], and stores its
 * read-only proxy in D[names[part]]. */
static void make_part(lua_State *L, int R, int D, int part)
{
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawseti(L, R, part);
    sbx_make_readonly(L);
    lua_setfield(L, D, names[part]);
}

/* Describes the set part of D at R index `part` for total(): its proxy,
 * its names, and the order pairs() visits them (bytewise). */
static void describe_set(lua_State *L, int D, int part, sbx_decl_set *set,
                         const char *const *list, int n)
{
    int i, j;
    lua_getfield(L, D, names[part]);
    set->proxy = lua_topointer(L, -1);
    lua_pop(L, 1);
    set->names = list;
    set->n = n;
    for (i = 0; i < n; i++) { /* insertion sort of a few names */
        for (j = i; j > 0 && strcmp(list[set->order[j - 1]], list[i]) > 0;
             j--)
            set->order[j] = set->order[j - 1];
        set->order[j] = (unsigned char)i;
    }
    set->table = NULL;
}

uint32_t sbx_decl_set_bits(const sbx *s, const sbx_decl_set *set)
{
    return set == &s->decl_sets[0] ? s->decl->controls
                                   : s->decl->certifications;
}

/* Interns the n strings `list` as R[first], R[first + 1], ... */
static void intern(lua_State *L, int R, int first, const char *const *list,
                   int n)
{
    int i;
    for (i = 0; i < n; i++) {
        lua_pushstring(L, list[i]);
        lua_rawseti(L, R, first + i);
    }
}

static int setup(lua_State *L)
{
    sbx *s = sbx_of(L);
    int R, D, part;
    lua_createtable(L, R_SIZE, 0);
    R = lua_gettop(L);
    lua_newtable(L);
    D = lua_gettop(L);
    lua_pushvalue(L, D);
    lua_rawseti(L, R, R_D);
    for (part = R_APPLICANT; part <= R_REQUEST; part++)
        make_part(L, R, D, part);
    describe_set(L, D, R_CONTROLS, &s->decl_sets[0], decl_controls,
                 DECL_NCONTROLS);
    describe_set(L, D, R_CERTIFICATIONS, &s->decl_sets[1],
                 decl_certifications, DECL_NCERTIFICATIONS);
    intern(L, R, K_EFFECTIVE_DATE, names + K_EFFECTIVE_DATE,
           K_CONTROLS - K_EFFECTIVE_DATE);
    intern(L, R, K_CONTROLS, decl_controls, DECL_NCONTROLS);
    intern(L, R, K_CERTIFICATIONS, decl_certifications,
           DECL_NCERTIFICATIONS);
    intern(L, R, K_INDUSTRIES, decl_industries, DECL_NINDUSTRIES);
    intern(L, R, K_INCIDENT_TYPES, decl_incident_types,
           DECL_NINCIDENT_TYPES);
    lua_pushvalue(L, D);
    sbx_make_readonly(L);
    s->decl_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, R);
    s->decl_real_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    s->incident_pool_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    for (part = 0; part < NDATES; part++)
        s->date_days[part] = INT32_MIN; /* no date cached */
    return 0;
}

/* Fills the tables once with a blank declaration, then freezes the key
 * order of every part whose keys are fixed. */
static int freeze(lua_State *L)
{
    static const int parts[] = {R_APPLICANT, R_CONTROLS, R_CERTIFICATIONS,
                                R_REQUEST};
    sbx *s = sbx_of(L);
    struct ratel_decl blank;
    size_t i;
    decl_init(&blank);
    sbx_decl_push(s, &blank); /* pushes the proxy of D */
    sbx_freeze_keys(L, -1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_real_ref);
    lua_rawgeti(L, -1, R_D);
    for (i = 0; i < sizeof parts / sizeof *parts; i++) {
        lua_getfield(L, -1, names[parts[i]]);
        sbx_freeze_keys(L, -1);
        lua_pop(L, 1);
    }
    return 0;
}

int sbx_decl_setup(sbx *s)
{
    lua_pushcfunction(s->L, setup);
    if (lua_pcall(s->L, 0, 0, 0) != LUA_OK)
        return -1;
    lua_pushcfunction(s->L, freeze);
    return lua_pcall(s->L, 0, 0, 0) == LUA_OK ? 0 : -1;
}

/* The setters below write t[R[key]] = a value, t a real table (no
 * metatable, so a raw write is the write). */

/* The text of `days`, from the cache R[R_DATES + slot] (one slot per
 * day modulo NDATES) or made and cached there, so a date shown again
 * makes no new string. */
static void push_date(lua_State *L, sbx *s, int R, int32_t days)
{
    int slot = (int)((uint32_t)days % NDATES);
    char text[11];
    if (s->date_days[slot] == days) {
        lua_rawgeti(L, R, R_DATES + slot);
        return;
    }
    decl_date_format(days, text);
    lua_pushlstring(L, text, 10);
    lua_pushvalue(L, -1);
    lua_rawseti(L, R, R_DATES + slot);
    s->date_days[slot] = days;
}

static void set_date(lua_State *L, sbx *s, int R, int t, int key,
                     int32_t days)
{
    lua_rawgeti(L, R, key);
    push_date(L, s, R, days);
    lua_rawset(L, t);
}

static void set_int(lua_State *L, int R, int t, int key, int64_t v)
{
    lua_rawgeti(L, R, key);
    lua_pushinteger(L, (lua_Integer)v);
    lua_rawset(L, t);
}

/* The value is R[name], an interned vocabulary name. */
static void set_name(lua_State *L, int R, int t, int key, int name)
{
    lua_rawgeti(L, R, key);
    lua_rawgeti(L, R, name);
    lua_rawset(L, t);
}

static void set_bool(lua_State *L, int R, int t, int key, int v)
{
    lua_rawgeti(L, R, key);
    lua_pushboolean(L, v);
    lua_rawset(L, t);
}

/* Writes the incidents into pooled real tables. The list holds the
 * proxies of pool entries 1..s->last_nincidents (at every step, so an
 * error part-way leaves it exact): only entries past that end are set,
 * and those past the new end are cleared. Leaves the list and the pool
 * on the stack, as the fill_ functions below leave their table: the
 * push clears the stack once at its end. */
static void fill_incidents(lua_State *L, sbx *s, int R,
                           const struct ratel_decl *d)
{
    int list, pool;
    size_t i;
    lua_rawgeti(L, R, R_INCIDENTS);
    list = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->incident_pool_ref);
    pool = lua_gettop(L);
    for (i = 0; i < d->nincidents; i++) {
        const decl_incident *in = &d->incidents[i];
        int real;
        if (i >= s->incident_pool) {
            lua_newtable(L);
            lua_pushvalue(L, -1);
            lua_rawseti(L, pool, (lua_Integer)(2 * i + 1));
            sbx_make_readonly(L);
            lua_rawseti(L, pool, (lua_Integer)(2 * i + 2));
            s->incident_pool = i + 1;
        }
        lua_rawgeti(L, pool, (lua_Integer)(2 * i + 1));
        real = lua_gettop(L);
        set_date(L, s, R, real, K_DATE, in->date);
        set_name(L, R, real, K_TYPE, K_INCIDENT_TYPES + in->type);
        set_int(L, R, real, K_PAID, in->paid);
        lua_pop(L, 1);
        if (i >= s->last_nincidents) {
            lua_rawgeti(L, pool, (lua_Integer)(2 * i + 2));
            lua_rawseti(L, list, (lua_Integer)(i + 1));
            s->last_nincidents = i + 1;
        }
    }
    for (; s->last_nincidents > d->nincidents; s->last_nincidents--) {
        lua_pushnil(L);
        lua_rawseti(L, list, (lua_Integer)s->last_nincidents);
    }
}

/* Sets the flags R[first + i] of `part` whose bit differs between `bits`
 * and `shown` (all of them when `all`), visiting only up to the last
 * bit that changed. */
static void fill_flags(lua_State *L, int R, int part, int first, int n,
                       uint32_t bits, uint32_t shown, int all)
{
    uint32_t diff = (all ? ~0u : bits ^ shown) & ((1u << n) - 1);
    int i, t;
    if (diff == 0)
        return;
    lua_rawgeti(L, R, part);
    t = lua_gettop(L);
    for (i = 0; diff != 0; i++, diff >>= 1)
        if (diff & 1u)
            set_bool(L, R, t, first + i, (bits >> i) & 1u);
}

/* Writes d.request into the real table, the fields that differ from
 * s->shown (all of them unless s->request_valid). */
static void fill_request(lua_State *L, sbx *s, int R,
                         const struct ratel_decl *d)
{
    struct ratel_decl *was = &s->shown;
    int t, all = !s->request_valid;
#define PUT(f, key)                                                          \
    if (all || d->f != was->f) {                                             \
        set_int(L, R, t, key, d->f);                                         \
        was->f = d->f;                                                       \
    }
    s->request_valid = 0; /* until every field is written */
    lua_rawgeti(L, R, R_REQUEST);
    t = lua_gettop(L);
    PUT(liability_limit, K_LIABILITY)
    PUT(expense_limit, K_EXPENSE)
    PUT(bi_limit, K_BI)
    PUT(bi_waiting_hours, K_WAITING)
    PUT(deductible, K_DEDUCTIBLE)
    PUT(coinsurance_pct, K_COINSURANCE)
#undef PUT
    s->request_valid = 1;
}

/* The tables keep the last declaration shown, so only the fields that
 * differ are written (consecutive quotes share most of them). The copy in
 * s->shown is valid only once a push has completed; its request fields
 * follow d.request, which a menu rewrites per option (request_valid).
 * The parts stay on the stack until the end: at most 11 slots above the
 * caller's, within the LUA_MINSTACK a C function is given. */
void sbx_decl_push(sbx *s, const struct ratel_decl *d)
{
    lua_State *L = s->L;
    const struct ratel_decl *was = &s->shown;
    const char *name = d->name ? d->name : "";
    size_t len = strlen(name);
    int R, t, all = !s->shown_valid;
#define CHANGED(f) (all || d->f != was->f)
    s->shown_valid = 0; /* until this push completes */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_real_ref);
    R = lua_gettop(L);

    if (CHANGED(effective_date)) {
        lua_rawgeti(L, R, R_D);
        set_date(L, s, R, R + 1, K_EFFECTIVE_DATE, d->effective_date);
    }

    lua_rawgeti(L, R, R_APPLICANT);
    t = lua_gettop(L);
    if (all || len > DECL_MAX_NAME_BYTES ||
        memcmp(name, s->shown_name, len + 1) != 0) {
        lua_rawgeti(L, R, K_NAME);
        lua_pushlstring(L, name, len);
        lua_rawset(L, t);
    }
    if (CHANGED(revenue))
        set_int(L, R, t, K_REVENUE, d->revenue);
    if (CHANGED(industry))
        set_name(L, R, t, K_INDUSTRY, K_INDUSTRIES + d->industry);
    if (CHANGED(employees))
        set_int(L, R, t, K_EMPLOYEES, d->employees);
    if (CHANGED(personal_records))
        set_int(L, R, t, K_RECORDS, d->personal_records);
    if (CHANGED(overseas_revenue_share)) {
        lua_rawgeti(L, R, K_OVERSEAS);
        lua_pushnumber(L, d->overseas_revenue_share);
        lua_rawset(L, t);
    }

    fill_incidents(L, s, R, d);
    fill_flags(L, R, R_CONTROLS, K_CONTROLS, DECL_NCONTROLS, d->controls,
               was->controls, all);
    fill_flags(L, R, R_CERTIFICATIONS, K_CERTIFICATIONS,
               DECL_NCERTIFICATIONS, d->certifications, was->certifications,
               all);
#undef CHANGED
    fill_request(L, s, R, d);
    lua_settop(L, R - 1);

    s->shown = *d; /* scalars only: name is copied, incidents not kept */
    s->shown.name = NULL;
    s->shown.incidents = NULL;
    /* a name too long to remember makes the next push write it again */
    if (len <= DECL_MAX_NAME_BYTES)
        memcpy(s->shown_name, name, len + 1);
    s->shown_valid = len <= DECL_MAX_NAME_BYTES;
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_ref);
}

void sbx_decl_push_request(sbx *s, const struct ratel_decl *d)
{
    lua_State *L = s->L;
    int top = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_real_ref);
    fill_request(L, s, top + 1, d);
    lua_settop(L, top);
}
