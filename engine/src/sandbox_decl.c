/* sandbox_decl.c - the declaration as plans see it: read-only tables
 * built from the product schema, created once per interpreter and schema
 * and refreshed in place for each quote, so a quote costs field writes,
 * not table allocations.
 *
 * Every object, flags, set and list of the schema has a real table behind
 * a read-only proxy. A real table's metatable makes reading a field the
 * schema does not define an error naming the field, the plan file and the
 * line (strict access); a field the schema defines but the declaration
 * leaves without a value (its documented default is none) reads as nil.
 *
 * The view of one schema is a private Lua table W:
 *   W[n + 1]            the real table of container node n of the document
 *   W[KEY(n)]           node n's key, interned
 *   W[CODE(c) + i]      code i of code list c, interned
 *   W[META(n)]          the strict metatable of container node n
 *   W[POOL(n)]          list node n of the document: its pool of items
 * An item of a list is a table I of the same shape for the item's record
 * (I[n + 1] its containers, I[POOL(n)] the pools of lists inside it), and
 * a pool P holds P[2i - 1] = item table, P[2i] = the item's proxy, and
 * for a list inside an item P[0] = how many items the list shows now (a
 * list of the document keeps that count, and how many item tables its
 * pool holds, in C: w->lists[n]). */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "decl_fields.h"

#define KEY(w, n) ((w)->key_base + (n))
#define META(w, n) ((w)->meta_base + (n))
#define POOL(w, n) ((w)->pool_base + (n))
#define CODE(w, c) ((w)->code_base[c])

/* ---- strict access ---------------------------------------------------- */

/* __index of a real table: a field not there. Upvalues: the schema (a
 * light userdata: the engine outlives every interpreter), the node. */
static int strict_index(lua_State *L)
{
    const sch_schema *s = lua_touserdata(L, lua_upvalueindex(1));
    const sch_node *n = &s->nodes[lua_tointeger(L, lua_upvalueindex(2))];
    const char *const *names;
    const char *names_small[256];
    const char *close;
    const char *key;
    size_t len;
    int i, count = 0;
    if (n->type == SCH_LIST) {
        if (lua_isinteger(L, 2))
            return 0; /* past the end: nil, as for any list */
        return luaL_error(L, "d.%s: a list; index it with a number from 1 "
                          "to #d.%s", n->path, n->path);
    }
    if (lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "d%s%s: fields are named by strings",
                          *n->path ? "." : "", n->path);
    key = lua_tolstring(L, 2, &len);
    if (n->type == SCH_OBJECT) {
        int c = sch_child(s, (int)(n - s->nodes), key, len, NULL);
        if (c >= 0 && !s->nodes[c].input_only)
            return 0; /* defined, no value: nil, as documented */
        if (c >= 0)
            return luaL_error(L, "d.%s: a shorthand of the document, not "
                              "seen by plans; read the fields it stands "
                              "for (docs/schemas.md)", s->nodes[c].path);
        for (i = 0; i < n->nchildren && count < 256; i++)
            if (!s->nodes[n->children[i]].input_only)
                names_small[count++] = s->nodes[n->children[i]].key;
        names = names_small;
    } else { /* flags, set: every code is there */
        names = s->codes[n->codes].values;
        count = s->codes[n->codes].n;
    }
    close = decl_closest(names, count, key, len);
    return luaL_error(L, "d%s%s.%s: no such field%s%s%s", *n->path ? "." : "",
                      n->path, key, close ? " (did you mean " : "",
                      close ? close : "", close ? "?)" : "");
}

/* ---- building the tables of a record ---------------------------------- */

/* Pushes a new real table for container node n with its strict
 * metatable, and leaves it on the stack. */
static void new_real(lua_State *L, const sbx_view *w, int W, int n)
{
    const sch_node *x = &w->schema->nodes[n];
    lua_createtable(L, x->type == SCH_LIST ? 4 : 0,
                    x->type == SCH_OBJECT ? x->nchildren : 0);
    lua_rawgeti(L, W, META(w, n));
    lua_setmetatable(L, -2);
}

/* The key, in the metatable of each proxy of the coverages, that marks
 * it (its address is the key: nothing is stored there). */
static const char coverage_mark = 0;

int sbx_decl_is_coverage(lua_State *L, int idx)
{
    int is;
    if (!lua_getmetatable(L, idx))
        return 0;
    is = lua_rawgetp(L, -1, &coverage_mark) != LUA_TNIL;
    lua_pop(L, 2);
    return is;
}

int sbx_decl_is_document(lua_State *L, int idx)
{
    const sbx_view *w = sbx_of(L)->view;
    return w && lua_topointer(L, idx) == w->proxy;
}

/* Makes the containers of record `rec` in the table at `T` (W for the
 * document, an item table else): T[n + 1] = real table of each container
 * node n of the record, each stored as a proxy in its parent's real
 * table. Leaves the proxy of the record's root object on the stack. */
static void make_record(lua_State *L, const sbx_view *w, int W, int T,
                        int rec)
{
    const sch_schema *s = w->schema;
    const sch_record *r = &s->records[rec];
    int i, root = r->node;
    for (i = 0; i < r->nslots; i++) {
        int n = r->slot_node[i];
        const sch_node *x = &s->nodes[n];
        if (x->input_only ||
            (x->type != SCH_OBJECT && x->type != SCH_LIST &&
             x->type != SCH_FLAGS && x->type != SCH_SET))
            continue;
        new_real(L, w, W, n);
        lua_pushvalue(L, -1);
        lua_rawseti(L, T, n + 1);
        sbx_make_readonly(L);
        if (sch_under_role(s, n, SCH_ROLE_COVERAGES)) {
            lua_getmetatable(L, -1);
            lua_pushboolean(L, 1);
            lua_rawsetp(L, -2, &coverage_mark);
            lua_pop(L, 1);
        }
        if (n == root)
            continue; /* its proxy stays on the stack, below the rest */
        /* parent real table [key] = proxy */
        lua_rawgeti(L, T, x->parent + 1);
        lua_rawgeti(L, W, KEY(w, n));
        lua_pushvalue(L, -3);
        lua_rawset(L, -3);
        lua_pop(L, 2);
        if (x->type == SCH_LIST) {
            lua_createtable(L, 8, 1);
            lua_pushinteger(L, 0);
            lua_rawseti(L, -2, 0);
            lua_rawseti(L, T, POOL(w, n));
        }
    }
}

/* Whether every field of object n always has a value, so its keys never
 * change and pairs() may sort them once. */
static int keys_fixed(const sch_schema *s, int n)
{
    const sch_node *o = &s->nodes[n];
    int i;
    if (o->type != SCH_OBJECT)
        return o->type == SCH_FLAGS || o->type == SCH_SET;
    for (i = 0; i < o->nchildren; i++) {
        const sch_node *c = &s->nodes[o->children[i]];
        if (!c->input_only && c->type != SCH_OBJECT && c->type != SCH_LIST &&
            c->type != SCH_FLAGS && c->type != SCH_SET && !c->required &&
            !c->has_default && c->default_from < 0)
            return 0;
    }
    return 1;
}

/* Any use of d.coverages while it is hidden (sbx_decl_hide_coverages). */
static int hidden_coverages(lua_State *L)
{
    if (sbx_of(L)->in_block)
        return luaL_error(L, "d.coverages cannot be read in shared_steps(): "
                          "a menu's options change it; pass the block the "
                          "values it needs");
    return luaL_error(L, "d.coverages cannot be read in shared(d): a "
                      "menu's options change it; read it in rate(d, s)");
}

/* The proxy of d.coverages and what it reads as while hidden: a userdata
 * whose every use (index, assignment, length, pairs, comparison, call)
 * raises. W is the view's table. */
static void make_hidden(lua_State *L, sbx_view *w, int W)
{
    static const char *const events[] = {"__index", "__newindex", "__len",
                                         "__call", "__lt", "__le",
                                         "__concat", "__pairs"};
    int n = w->schema->roles[SCH_ROLE_COVERAGES];
    size_t i;
    w->coverages_ref = w->hidden_ref = LUA_NOREF;
    if (n < 0 || w->schema->nodes[n].parent < 0)
        return;
    lua_rawgeti(L, W, w->schema->nodes[n].parent + 1);
    lua_rawgeti(L, W, KEY(w, n));
    lua_rawget(L, -2);
    w->coverages_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);
    lua_newuserdatauv(L, 0, 0);
    lua_createtable(L, 0, 9);
    for (i = 0; i < sizeof events / sizeof *events; i++) {
        lua_pushcfunction(L, hidden_coverages);
        lua_setfield(L, -2, events[i]);
    }
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    w->hidden_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

void sbx_decl_hide_coverages(sbx *s, int hide)
{
    lua_State *L = s->L;
    sbx_view *w = s->view;
    int n;
    if (!w || w->coverages_ref == LUA_NOREF || s->coverages_hidden == hide ||
        !lua_checkstack(L, 4)) /* out of memory: left hidden, so loud */
        return;
    n = w->schema->roles[SCH_ROLE_COVERAGES];
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->ref);
    lua_rawgeti(L, -1, w->schema->nodes[n].parent + 1);
    lua_rawgeti(L, -2, KEY(w, n));
    lua_rawgeti(L, LUA_REGISTRYINDEX, hide ? w->hidden_ref
                                           : w->coverages_ref);
    lua_rawset(L, -3); /* the key is there: nothing allocated */
    lua_pop(L, 2);
    s->coverages_hidden = hide;
}

/* Builds the view of schema w->schema: interned keys and codes, strict
 * metatables, the document's tables. Runs in protected mode. */
static int build_view(lua_State *L)
{
    sbx_view *w = lua_touserdata(L, 1);
    const sch_schema *s = w->schema;
    int W, i, c, at;
    w->key_base = s->nnodes + 1;
    w->meta_base = w->key_base + s->nnodes;
    w->pool_base = w->meta_base + s->nnodes;
    at = w->pool_base + s->nnodes;
    for (c = 0; c < s->ncodes; c++) {
        w->code_base[c] = at;
        at += s->codes[c].n;
    }
    lua_createtable(L, at, 0);
    W = lua_gettop(L);
    for (i = 0; i < s->nnodes; i++) {
        const sch_node *x = &s->nodes[i];
        w->keys[i] = lua_pushlstring(L, x->key, x->keylen);
        lua_rawseti(L, W, KEY(w, i)); /* anchors the string at keys[i] */
        if (x->type == SCH_OBJECT || x->type == SCH_LIST ||
            x->type == SCH_FLAGS || x->type == SCH_SET) {
            lua_createtable(L, 0, 1);
            lua_pushlightuserdata(L, (void *)s);
            lua_pushinteger(L, i);
            lua_pushcclosure(L, strict_index, 2);
            lua_setfield(L, -2, "__index");
            lua_rawseti(L, W, META(w, i));
        }
    }
    for (c = 0; c < s->ncodes; c++)
        for (i = 0; i < s->codes[c].n; i++) {
            lua_pushlstring(L, s->codes[c].values[i], s->codes[c].lens[i]);
            lua_rawseti(L, W, CODE(w, c) + i);
        }
    make_record(L, w, W, W, 0); /* the document's proxy on top */
    w->proxy = lua_topointer(L, -1);
    w->proxy_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    make_hidden(L, w, W);
    lua_settop(L, W);
    w->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* ---- writing values --------------------------------------------------- */

/* The text of `days`, from the date cache (one slot per day modulo its
 * size) or made and cached there, so a date shown again makes no new
 * string. */
static void push_date(lua_State *L, sbx *s, int32_t days)
{
    int slot = (int)((uint32_t)days % SBX_DATE_CACHE);
    char text[11];
    if (s->date_days[slot] == days) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->date_cache_ref);
        lua_rawgeti(L, -1, slot + 1);
        lua_remove(L, -2);
        return;
    }
    decl_date_format(days, text);
    lua_pushlstring(L, text, 10);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->date_cache_ref);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, slot + 1);
    lua_pop(L, 1);
    s->date_days[slot] = days;
}

/* Pushes the value of scalar slot v of node x. */
static void push_value(lua_State *L, sbx *s, const sbx_view *w, int W,
                       const struct ratel_decl *d, const sch_node *x,
                       const decl_slot *v)
{
    if (v->absent) {
        lua_pushnil(L);
        return;
    }
    switch (x->type) {
    case SCH_MONEY:
    case SCH_INTEGER: lua_pushinteger(L, (lua_Integer)v->v.i); break;
    case SCH_NUMBER: lua_pushnumber(L, v->v.f); break;
    case SCH_BOOLEAN: lua_pushboolean(L, (int)v->v.i); break;
    case SCH_DATE: push_date(L, s, (int32_t)v->v.i); break;
    case SCH_CODE: lua_rawgeti(L, W, CODE(w, x->codes) + (int)v->v.i); break;
    case SCH_TEXT: lua_pushlstring(L, decl_text(d, v), v->len); break;
    default: lua_pushnil(L); break;
    }
}

static int same_value(const sch_node *x, const decl_slot *a,
                      const decl_slot *b, const char *ta, const char *tb)
{
    if (a->absent != b->absent)
        return 0;
    if (a->absent)
        return 1;
    switch (x->type) {
    case SCH_NUMBER: return memcmp(&a->v.f, &b->v.f, sizeof a->v.f) == 0;
    case SCH_TEXT:
        return a->len == b->len && memcmp(ta, tb, a->len) == 0;
    default: return a->v.i == b->v.i;
    }
}

static void fill_record(lua_State *L, sbx *s, sbx_view *w, int W, int T,
                        const struct ratel_decl *d, int rec,
                        const decl_slot *slots, const decl_slot *shown);

/* The copies of the items of list node n of the document as shown, when
 * its items hold no text and no list (so their slots say all there is to
 * compare), else NULL. */
static sbx_list_shown *list_shown(const sbx_view *w, int n)
{
    const sch_schema *sc = w->schema;
    const sch_record *r = &sc->records[sc->nodes[sc->nodes[n].item].record];
    int i;
    if (!w->lists)
        return NULL;
    for (i = 0; i < r->nslots; i++)
        if (sc->nodes[r->slot_node[i]].type == SCH_TEXT ||
            sc->nodes[r->slot_node[i]].type == SCH_LIST)
            return NULL;
    return &w->lists[n];
}

/* Records that a list shows `shown` items: in doc for a list of the
 * document, else in its pool (at stack index `pool`). */
static void set_shown(lua_State *L, sbx_list_shown *doc, int pool,
                      size_t shown)
{
    if (doc) {
        doc->shown = shown;
        return;
    }
    lua_pushinteger(L, (lua_Integer)shown);
    lua_rawseti(L, pool, 0);
}

/* The items of list node n (slot v) into its real table and pool. */
static void fill_list(lua_State *L, sbx *s, sbx_view *w, int W, int T,
                      const struct ratel_decl *d, const sch_node *x,
                      const decl_slot *v)
{
    const sch_schema *sc = w->schema;
    int n = (int)(x - sc->nodes);
    int rec = sc->nodes[x->item].record;
    size_t count = v->v.list ? v->v.list->n : 0, i, shown, made;
    size_t nslots = (size_t)sc->records[rec].nslots;
    sbx_list_shown *copies = T == W ? list_shown(w, n) : NULL;
    size_t valid = copies ? copies->valid : 0; /* items shown as copied */
    /* a list of the document keeps its counts here, an item's list in
     * its pool (P[0], and the item tables made) */
    sbx_list_shown *doc = T == W && w->lists ? &w->lists[n] : NULL;
    int list, pool;
    if (copies)
        copies->valid = 0; /* until each item is written again */
    if (doc && count == 0 && doc->shown == 0)
        return; /* empty, shown empty */
    lua_rawgeti(L, T, n + 1);
    list = lua_gettop(L);
    lua_rawgeti(L, T, POOL(w, n));
    pool = lua_gettop(L);
    if (doc) {
        shown = doc->shown;
        made = doc->made;
    } else {
        lua_rawgeti(L, pool, 0);
        shown = (size_t)lua_tointeger(L, -1);
        lua_pop(L, 1);
        made = lua_rawlen(L, pool) / 2;
    }
    for (i = 0; i < count; i++) {
        int item;
        if (i >= made) { /* a new item table with its containers */
            lua_createtable(L, 0, 4);
            item = lua_gettop(L);
            make_record(L, w, W, item, rec); /* the item's proxy */
            lua_rawseti(L, pool, (lua_Integer)(2 * i + 2));
            lua_pushvalue(L, item);
            lua_rawseti(L, pool, (lua_Integer)(2 * i + 1));
            made = i + 1;
            if (doc)
                doc->made = made;
        } else {
            lua_rawgeti(L, pool, (lua_Integer)(2 * i + 1));
            item = lua_gettop(L);
        }
        if (copies) { /* only what differs from the item table shown */
            const decl_slot *slots = decl_list_item(sc, x, v, i);
            if (i >= copies->cap) {
                size_t cap = copies->cap ? copies->cap * 2 : 8;
                decl_slot *grown = realloc(copies->items,
                                           cap * nslots * sizeof *grown);
                if (!grown)
                    luaL_error(L, "not enough memory");
                copies->items = grown;
                copies->cap = cap;
            }
            fill_record(L, s, w, W, item, d, rec, slots,
                        i < valid ? copies->items + i * nslots : NULL);
            memcpy(copies->items + i * nslots, slots,
                   nslots * sizeof *slots);
            copies->valid = i + 1;
        } else {
            fill_record(L, s, w, W, item, d, rec,
                        decl_list_item(sc, x, v, i), NULL);
        }
        lua_settop(L, item - 1);
        if (i >= shown) {
            lua_rawgeti(L, pool, (lua_Integer)(2 * i + 2));
            lua_rawseti(L, list, (lua_Integer)(i + 1));
        }
        /* the count stays exact at every step: an error part-way leaves
         * the list as it shows */
        if (i + 1 > shown)
            set_shown(L, doc, pool, shown = i + 1);
    }
    for (; shown > count; shown--) {
        lua_pushnil(L);
        lua_rawseti(L, list, (lua_Integer)shown);
        set_shown(L, doc, pool, shown - 1);
    }
    lua_settop(L, list - 1);
}

/* The text shown for text slot i of the document. */
static const char *shown_text_of(const sbx_view *w, int i)
{
    return w->shown_text.data + w->shown_at[i];
}

/* Writes the slots of a record into the real tables of T: every slot, or
 * with `shown` (the slots the tables show now; items of a list only when
 * they hold no text) only those that differ. */
static void fill_record(lua_State *L, sbx *s, sbx_view *w, int W, int T,
                        const struct ratel_decl *d, int rec,
                        const decl_slot *slots, const decl_slot *shown)
{
    const sch_schema *sc = w->schema;
    const sch_record *r = &sc->records[rec];
    int i, k, parent_at = 0, parent = -2;
    int top = lua_gettop(L);
    /* the document: only its slots that are not shorthands or objects
     * (w->visit), a run of them skipped when its bytes are those shown */
    int nvisit = rec == 0 ? w->nvisit : r->nslots, last = -1;
    for (k = 0; k < nvisit; k++) {
        int n, end = 0;
        const sch_node *x;
        const decl_slot *v;
        i = rec == 0 ? w->visit[k] : k;
        if (rec == 0 && (end = w->run_end[i]) > i) {
            if (shown &&
                memcmp(&slots[i], &shown[i],
                       (size_t)(end - i) * sizeof *slots) == 0)
                continue; /* the same bytes: the same values, shown */
            last = end - 1; /* each slot of the run, from i */
        }
    again:
        n = r->slot_node[i];
        x = &sc->nodes[n];
        v = &slots[i];
        if (x->input_only || x->type == SCH_OBJECT)
            goto next;
        if (x->type == SCH_LIST) {
            fill_list(L, s, w, W, T, d, x, v);
            goto next;
        }
        if (x->type == SCH_FLAGS || x->type == SCH_SET) {
            uint64_t diff = shown ? v->v.bits ^ shown[i].v.bits : ~UINT64_C(0);
            int c, ncodes = sc->codes[x->codes].n;
            if (ncodes < 64)
                diff &= (UINT64_C(1) << ncodes) - 1;
            if (!diff)
                goto next;
            lua_rawgeti(L, T, n + 1);
            for (c = 0; diff; c++, diff >>= 1)
                if (diff & 1u) {
                    lua_rawgeti(L, W, CODE(w, x->codes) + c);
                    lua_pushboolean(L, (int)(v->v.bits >> c & 1u));
                    lua_rawset(L, -3);
                }
            lua_pop(L, 1);
            goto next;
        }
        if (shown &&
            same_value(x, v, &shown[i],
                       x->type == SCH_TEXT ? decl_text(d, v) : NULL,
                       x->type == SCH_TEXT ? shown_text_of(w, i) : NULL))
            goto next;
        if (x->parent != parent) { /* fields come grouped by object */
            lua_settop(L, top);
            lua_rawgeti(L, T, x->parent + 1);
            parent_at = lua_gettop(L);
            parent = x->parent;
        }
        lua_rawgeti(L, W, KEY(w, n));
        push_value(L, s, w, W, d, x, v);
        lua_rawset(L, parent_at);
    next:
        if (i < last) { /* the rest of a run that differs */
            i++;
            goto again;
        }
    }
    lua_settop(L, top);
}

/* Remembers the document's slots (and texts) as the tables show them. */
static void remember(sbx_view *w, const struct ratel_decl *d)
{
    const sch_schema *sc = w->schema;
    const sch_record *r = &sc->records[0];
    int i, k;
    memcpy(w->shown, d->root, (size_t)r->nslots * sizeof *w->shown);
    buf_reset(&w->shown_text);
    for (k = 0; k < w->ntexts; k++) { /* the text slots */
        const decl_slot *v = &d->root[i = w->texts[k]];
        if (!v->absent) {
            w->shown_at[i] = w->shown_text.len;
            buf_put(&w->shown_text, decl_text(d, v), v->len);
        }
    }
    w->shown_valid = !w->shown_text.oom;
}

/* Whether the tables show declaration d already: its slots byte for byte
 * those shown, its texts the same, and each list the same items (a list
 * whose items hold text or lists: only empty, as shown). A declaration
 * rated again (by several plans, a menu, a replay) is then shown for the
 * cost of this comparison. */
static int unchanged(const sbx_view *w, const struct ratel_decl *d)
{
    const sch_schema *sc = w->schema;
    const sch_record *r = &sc->records[0];
    int i, k;
    if (memcmp(d->root, w->shown, (size_t)r->nslots * sizeof *w->shown))
        return 0;
    for (k = 0; k < w->ntexts; k++) {
        const decl_slot *v = &d->root[i = w->texts[k]];
        if (!v->absent &&
            memcmp(decl_text(d, v), shown_text_of(w, i), v->len) != 0)
            return 0;
    }
    for (k = 0; k < w->nlist_slots; k++) {
        const decl_slot *v = &d->root[i = w->list_slots[k]];
        int n = r->slot_node[i];
        const sch_node *x = &sc->nodes[n];
        const sbx_list_shown *copies = list_shown(w, n);
        size_t count = v->v.list ? v->v.list->n : 0, j;
        size_t nslots = (size_t)sc->records[sc->nodes[x->item].record].nslots;
        if (count == 0 && w->lists[n].shown == 0)
            continue;
        if (!copies || copies->valid != count || w->lists[n].shown != count)
            return 0;
        for (j = 0; j < count; j++)
            if (memcmp(copies->items + j * nslots,
                       decl_list_item(sc, x, v, j),
                       nslots * sizeof *copies->items) != 0)
                return 0;
    }
    return 1;
}

/* The flags and sets of the document that total() can sum from C. */
static void describe_sets(lua_State *L, sbx *s, sbx_view *w)
{
    const sch_schema *sc = w->schema;
    int i, j, k;
    s->ndecl_sets = 0;
    for (i = 0; i < sc->nnodes && s->ndecl_sets < SBX_MAX_DECL_SETS; i++) {
        const sch_node *x = &sc->nodes[i];
        sbx_decl_set *set;
        const sch_codes *c;
        if (x->record != 0 || x->input_only ||
            (x->type != SCH_FLAGS && x->type != SCH_SET))
            continue;
        set = &s->decl_sets[s->ndecl_sets++];
        c = &sc->codes[x->codes];
        set->node = i;
        set->names = c->values;
        set->n = c->n;
        for (j = 0; j < c->n; j++) { /* insertion sort: pairs() order */
            for (k = j; k > 0 && strcmp(c->values[set->order[k - 1]],
                                        c->values[j]) > 0; k--)
                set->order[k] = set->order[k - 1];
            set->order[k] = (unsigned char)j;
        }
        set->table = NULL;
        /* its proxy, in the parent's real table */
        lua_rawgeti(L, LUA_REGISTRYINDEX, w->ref);
        lua_rawgeti(L, -1, x->parent + 1);
        lua_rawgeti(L, -2, KEY(w, i));
        lua_rawget(L, -2);
        set->proxy = lua_topointer(L, -1);
        lua_pop(L, 3);
    }
}

uint64_t sbx_decl_set_bits(const sbx *s, const sbx_decl_set *set)
{
    return decl_root_slot(s->decl, set->node)->v.bits;
}

/* Freezes the key order of every object whose keys never change, once
 * the tables show a whole declaration. */
static void freeze_fixed(lua_State *L, sbx_view *w)
{
    const sch_schema *sc = w->schema;
    int i;
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->proxy_ref);
    if (keys_fixed(sc, 0))
        sbx_freeze_keys(L, -1);
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->ref);
    for (i = 1; i < sc->nnodes; i++) {
        const sch_node *x = &sc->nodes[i];
        if (x->record != 0 || x->input_only || !keys_fixed(sc, i))
            continue;
        lua_rawgeti(L, -1, x->parent + 1); /* the proxy, in its parent */
        lua_rawgeti(L, -2, KEY(w, i));
        lua_rawget(L, -2);
        sbx_freeze_keys(L, -1);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

/* Whether slot i of the document is a value whose slot's bytes say all
 * there is to compare (not a shorthand, object, list or text). */
static int plain_value(const sch_schema *sc, int i)
{
    const sch_node *x = &sc->nodes[sc->records[0].slot_node[i]];
    return !x->input_only && x->type != SCH_OBJECT && x->type != SCH_LIST &&
           x->type != SCH_TEXT;
}

/* The runs of plain values of one object in the document's slots: a run
 * whose slots are byte for byte those shown needs no comparison of each
 * (fill_record). And the slots fill_record visits: each run, and each
 * other slot that is not a shorthand or an object; and the text slots. */
static void find_runs(sbx_view *w)
{
    const sch_schema *sc = w->schema;
    int n = sc->records[0].nslots, i, j;
    for (i = 0; i < n; i = j) {
        const sch_node *x = &sc->nodes[sc->records[0].slot_node[i]];
        if (x->type == SCH_TEXT)
            w->texts[w->ntexts++] = i;
        if (!plain_value(sc, i)) {
            j = i + 1;
            if (!x->input_only && x->type != SCH_OBJECT)
                w->visit[w->nvisit++] = i;
            if (!x->input_only && x->type == SCH_LIST)
                w->list_slots[w->nlist_slots++] = i;
            continue;
        }
        for (j = i + 1; j < n && plain_value(sc, j) &&
                        sc->nodes[sc->records[0].slot_node[j]].parent ==
                            x->parent;
             j++)
            ;
        if (j - i > 1)
            w->run_end[i] = j;
        w->visit[w->nvisit++] = i;
    }
}

/* The view of a schema, made on first use. NULL when out of memory (or
 * the interpreter failed to build it). */
static sbx_view *view_of(sbx *s, const sch_schema *schema)
{
    lua_State *L = s->L;
    sbx_view *w;
    size_t i;
    for (i = 0; i < s->nviews; i++)
        if (s->views[i].schema == schema)
            return &s->views[i];
    w = realloc(s->views, (s->nviews + 1) * sizeof *w);
    if (!w)
        return NULL;
    s->views = w;
    w = &s->views[s->nviews];
    memset(w, 0, sizeof *w);
    w->schema = schema;
    buf_init(&w->shown_text);
    w->code_base = calloc((size_t)(schema->ncodes ? schema->ncodes : 1),
                          sizeof *w->code_base);
    w->shown = malloc((size_t)(schema->records[0].nslots
                                   ? schema->records[0].nslots : 1) *
                      sizeof *w->shown);
    w->run_end = calloc((size_t)(schema->records[0].nslots
                                     ? schema->records[0].nslots : 1),
                        4 * sizeof *w->run_end);
    w->visit = w->run_end + schema->records[0].nslots;
    w->texts = w->visit + schema->records[0].nslots;
    w->list_slots = w->texts + schema->records[0].nslots;
    w->shown_at = calloc((size_t)(schema->records[0].nslots
                                      ? schema->records[0].nslots : 1),
                         sizeof *w->shown_at);
    w->lists = calloc((size_t)schema->nnodes, sizeof *w->lists);
    w->keys = calloc((size_t)(schema->nnodes ? schema->nnodes : 1),
                     sizeof *w->keys);
    lua_pushcfunction(L, build_view);
    lua_pushlightuserdata(L, w);
    if (!w->code_base || !w->shown || !w->shown_at || !w->run_end ||
        !w->lists || !w->keys || lua_pcall(L, 1, 0, 0) != LUA_OK) {
        if (w->code_base && w->shown && w->shown_at && w->run_end &&
            w->lists && w->keys)
            lua_pop(L, 1);
        free(w->code_base);
        free(w->shown);
        free(w->shown_at);
        free(w->run_end);
        free(w->lists);
        free(w->keys);
        return NULL;
    }
    find_runs(w);
    s->nviews++;
    return w;
}

void sbx_decl_views_free(sbx *s)
{
    size_t i;
    int j;
    for (i = 0; i < s->nviews; i++) {
        free(s->views[i].code_base);
        free(s->views[i].shown);
        free(s->views[i].shown_at);
        free(s->views[i].run_end);
        if (s->views[i].lists)
            for (j = 0; j < s->views[i].schema->nnodes; j++)
                free(s->views[i].lists[j].items);
        free(s->views[i].lists);
        free(s->views[i].keys);
        buf_free(&s->views[i].shown_text);
    }
    free(s->views);
    s->views = NULL;
    s->nviews = 0;
    s->view = NULL;
    s->coverages_hidden = 0;
}

int sbx_decl_setup(sbx *s)
{
    int i;
    lua_newtable(s->L);
    s->date_cache_ref = luaL_ref(s->L, LUA_REGISTRYINDEX);
    for (i = 0; i < SBX_DATE_CACHE; i++)
        s->date_days[i] = INT32_MIN; /* no date cached */
    return 0;
}

/* Shows declaration d in its schema's tables and pushes the proxy. Raises
 * a Lua error when out of memory. */
void sbx_decl_push(sbx *s, const struct ratel_decl *d)
{
    lua_State *L = s->L;
    sbx_view *w = view_of(s, d->schema);
    int W, fresh, shown;
    if (!w)
        luaL_error(L, "not enough memory");
    fresh = !w->frozen;
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->ref);
    W = lua_gettop(L);
    shown = w->shown_valid;
    if (!shown || !unchanged(w, d)) {
        w->shown_valid = 0; /* until this push completes */
        fill_record(L, s, w, W, W, d, 0, d->root, shown ? w->shown : NULL);
        remember(w, d);
    }
    lua_settop(L, W - 1);
    if (fresh) {
        freeze_fixed(L, w);
        w->frozen = 1;
    }
    if (s->view != w) {
        s->view = w;
        describe_sets(L, s, w);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->proxy_ref);
}

void sbx_decl_push_slots(sbx *s, const struct ratel_decl *d,
                         const int *slots, size_t n)
{
    lua_State *L = s->L;
    sbx_view *w = view_of(s, d->schema);
    const sch_schema *sc = d->schema;
    const sch_record *r = &sc->records[0];
    size_t k;
    int W;
    if (!w || w != s->view || !w->shown_valid) {
        sbx_decl_push(s, d);
        return;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->ref);
    W = lua_gettop(L);
    w->shown_valid = 0; /* until this push completes */
    for (k = 0; k < n; k++) {
        int i = slots[k], node = r->slot_node[i];
        const sch_node *x = &sc->nodes[node];
        const decl_slot *v = &d->root[i];
        if (x->input_only || x->type == SCH_TEXT || x->type == SCH_LIST ||
            x->type == SCH_OBJECT)
            continue; /* options set no text and no list */
        if (x->type == SCH_FLAGS || x->type == SCH_SET) {
            uint64_t diff = v->v.bits ^ w->shown[i].v.bits;
            int c;
            lua_rawgeti(L, W, node + 1);
            for (c = 0; diff; c++, diff >>= 1)
                if (diff & 1u) {
                    lua_rawgeti(L, W, CODE(w, x->codes) + c);
                    lua_pushboolean(L, (int)(v->v.bits >> c & 1u));
                    lua_rawset(L, -3);
                }
            lua_pop(L, 1);
        } else if (!same_value(x, v, &w->shown[i], NULL, NULL)) {
            lua_rawgeti(L, W, x->parent + 1);
            lua_rawgeti(L, W, KEY(w, node));
            push_value(L, s, w, W, d, x, v);
            lua_rawset(L, -3);
            lua_pop(L, 1);
        }
        w->shown[i] = *v;
    }
    lua_settop(L, W - 1);
    w->shown_valid = 1;
    lua_rawgeti(L, LUA_REGISTRYINDEX, w->proxy_ref);
}
