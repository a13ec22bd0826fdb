/* options.c - menus of options (see options.h and ratel.h). */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "decl_fields.h"
#include "jtree.h"

int ratel_options_new(ratel_options **out)
{
    if (!out)
        return RATEL_EARG;
    *out = calloc(1, sizeof **out);
    return *out ? RATEL_OK : RATEL_ENOMEM;
}

void ratel_options_free(ratel_options *o)
{
    size_t i, k;
    if (!o || o->packed) {
        free(o);
        return;
    }
    for (i = 0; i < o->n; i++) {
        for (k = 0; k < o->items[i].nsets; k++) {
            free(o->items[i].sets[k].path);
            free(o->items[i].sets[k].s);
        }
        free(o->items[i].sets);
        free(o->items[i].name);
    }
    free(o->items);
    free(o);
}

/* Copies text to *at (advanced past it); returns the copy. */
static char *pack_text(char **at, const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = memcpy(*at, text, n);
    *at += n;
    return copy;
}

ratel_options *opt_copy(const ratel_options *o)
{
    size_t i, k, nsets = 0, text = 0;
    ratel_options *c;
    opt_set *sets;
    char *at;
    for (i = 0; i < o->n; i++) {
        text += strlen(o->items[i].name) + 1;
        nsets += o->items[i].nsets;
        for (k = 0; k < o->items[i].nsets; k++) {
            const opt_set *v = &o->items[i].sets[k];
            text += strlen(v->path) + 1 + (v->s ? strlen(v->s) + 1 : 0);
        }
    }
    c = malloc(sizeof *c + o->n * sizeof *c->items + nsets * sizeof *sets +
               text); /* the structs first: each is suitably aligned */
    if (!c)
        return NULL;
    c->items = (opt_item *)(c + 1);
    c->n = c->cap = o->n;
    c->packed = 1;
    sets = (opt_set *)(c->items + o->n);
    at = (char *)(sets + nsets);
    for (i = 0; i < o->n; i++) {
        opt_item *it = &c->items[i];
        it->name = pack_text(&at, o->items[i].name);
        it->sets = sets;
        it->nsets = it->cap = o->items[i].nsets;
        for (k = 0; k < it->nsets; k++) {
            sets[k] = o->items[i].sets[k];
            sets[k].path = pack_text(&at, sets[k].path);
            if (sets[k].s)
                sets[k].s = pack_text(&at, sets[k].s);
        }
        sets += it->nsets;
    }
    return c;
}

int opt_add(ratel_options *o, const char *name, ratel_err *e)
{
    char fallback[32];
    opt_item *grown;
    if (!o || o->packed) /* a menu's copy is read only */
        return RATEL_EARG;
    if (o->n >= OPT_MAX_OPTIONS)
        return e ? err_set(e, RATEL_EARG, "a menu has at most %d options",
                           OPT_MAX_OPTIONS)
                 : RATEL_EARG;
    grown = mem_grow(o->items, &o->cap, o->n, sizeof *grown, 8);
    if (!grown)
        return e ? err_set(e, RATEL_ENOMEM, "out of memory") : RATEL_ENOMEM;
    o->items = grown;
    memset(&grown[o->n], 0, sizeof grown[o->n]);
    snprintf(fallback, sizeof fallback, "option %zu", o->n + 1);
    if (!(grown[o->n].name = strdup(name ? name : fallback)))
        return e ? err_set(e, RATEL_ENOMEM, "out of memory") : RATEL_ENOMEM;
    o->n++;
    return RATEL_OK;
}

/* A path as the API writes one: names and [index], nothing else. */
static int path_shape(const char *p)
{
    size_t n = strlen(p);
    return n > 0 && n < 200 &&
           strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789_.[]") == n;
}

int opt_put(ratel_options *o, const char *path, opt_kind kind, int64_t i,
            double f, const char *s, ratel_err *e)
{
    opt_item *it;
    opt_set *grown, *v;
    if (!o || o->packed || !path || (kind == OPT_STRING && !s))
        return RATEL_EARG;
    if (o->n == 0)
        return e ? err_set(e, RATEL_EARG, "add an option before its fields")
                 : RATEL_EARG;
    if (!path_shape(path))
        return e ? err_set(e, RATEL_EARG, "'%.64s' is not a field path",
                           path)
                 : RATEL_EARG;
    it = &o->items[o->n - 1];
    if (it->nsets >= OPT_MAX_SETS)
        return e ? err_set(e, RATEL_EARG, "an option sets at most %d fields",
                           OPT_MAX_SETS)
                 : RATEL_EARG;
    grown = mem_grow(it->sets, &it->cap, it->nsets, sizeof *grown, 4);
    if (!grown)
        return e ? err_set(e, RATEL_ENOMEM, "out of memory") : RATEL_ENOMEM;
    it->sets = grown;
    v = &grown[it->nsets];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->i = i;
    v->f = f;
    if (!(v->path = strdup(path)) || (s && !(v->s = strdup(s)))) {
        free(v->path);
        return e ? err_set(e, RATEL_ENOMEM, "out of memory") : RATEL_ENOMEM;
    }
    it->nsets++;
    return RATEL_OK;
}

int ratel_options_add(ratel_options *o, const char *name)
{
    return opt_add(o, name, NULL);
}

int ratel_options_set_int(ratel_options *o, const char *path, int64_t v)
{
    return opt_put(o, path, OPT_INT, v, 0, NULL, NULL);
}

int ratel_options_set_number(ratel_options *o, const char *path, double v)
{
    return opt_put(o, path, OPT_NUMBER, 0, v, NULL, NULL);
}

int ratel_options_set_bool(ratel_options *o, const char *path, int v)
{
    return opt_put(o, path, OPT_BOOL, v != 0, 0, NULL, NULL);
}

int ratel_options_set_string(ratel_options *o, const char *path,
                             const char *v)
{
    return opt_put(o, path, OPT_STRING, 0, 0, v, NULL);
}

size_t ratel_options_count(const ratel_options *o)
{
    return o ? o->n : 0;
}

const char *ratel_options_name(const ratel_options *o, size_t i)
{
    return o && i < o->n ? o->items[i].name : NULL;
}

void opt_write_json(const opt_item *item, buf *b)
{
    size_t k;
    buf_putc(b, '{');
    for (k = 0; k < item->nsets; k++) {
        const opt_set *o = &item->sets[k];
        if (k)
            buf_putc(b, ',');
        buf_put_json_string(b, o->path);
        buf_putc(b, ':');
        switch (o->kind) {
        case OPT_INT: buf_put_i64(b, o->i); break;
        case OPT_NUMBER: buf_put_double(b, o->f); break;
        case OPT_BOOL: buf_puts(b, o->i ? "true" : "false"); break;
        case OPT_STRING: buf_put_json_string(b, o->s); break;
        }
    }
    buf_putc(b, '}');
}

/* ---- options files ----------------------------------------------------- */

static const char *const legacy_keys[] = {
    "liability_limit", "expense_limit", "bi_limit", "bi_waiting_hours",
    "deductible", "coinsurance_pct", NULL};

/* Adds the value `v` at `path` to the last option; a field error at
 * `where` when its kind cannot be a field's value. */
static int parse_value(ratel_options *o, ratel_err *e, const char *path,
                       const jt_node *v, const char *where)
{
    switch (v->kind) {
    case JT_INT:
        if (v->overflow)
            break;
        return opt_put(o, path, OPT_INT, v->i, 0, NULL, e);
    case JT_FLOAT: return opt_put(o, path, OPT_NUMBER, 0, v->f, NULL, e);
    case JT_BOOL: return opt_put(o, path, OPT_BOOL, v->b, 0, NULL, e);
    case JT_STRING:
        if (memchr(v->text, '\0', v->len))
            break;
        return opt_put(o, path, OPT_STRING, 0, 0, v->text, e);
    default: break;
    }
    return err_add_field(e, where, 0, 0, "expected a number, a "
                         "boolean or a string (a date or a code), got %s",
                         jt_kind_name(v->kind))
               ? RATEL_ENOMEM : RATEL_EDECL;
}

static int parse_option(ratel_options *o, ratel_err *e, const jt_node *x,
                        const char *at, size_t i)
{
    const jt_node *c, *name = jt_get(x, "name");
    char where[260];
    int rc = RATEL_OK, r;
    if (x->kind != JT_OBJECT) {
        snprintf(where, sizeof where, "%s[%zu]", at, i);
        return err_add_field(e, where, 0, 0, "expected an option (an "
                             "object with \"name\" and \"set\")")
                   ? RATEL_ENOMEM : RATEL_EDECL;
    }
    if (name && (name->kind != JT_STRING || name->len == 0 ||
                 memchr(name->text, '\0', name->len))) {
        snprintf(where, sizeof where, "$[%zu].name", i);
        return err_add_field(e, where, 0, 0, "expected a non-empty "
                             "string") ? RATEL_ENOMEM : RATEL_EDECL;
    }
    if ((r = opt_add(o, name ? name->text : NULL, e)))
        return r;
    for (c = x->first; c && rc != RATEL_ENOMEM; c = c->next) {
        const char *const *k;
        char path[200];
        if (c->keylen == 4 && memcmp(c->key, "name", 4) == 0)
            continue;
        snprintf(where, sizeof where, "%s[%zu]", at, i);
        decl_path_append_key(where, sizeof where, c->key, c->keylen);
        if (c->keylen == 3 && memcmp(c->key, "set", 3) == 0) {
            const jt_node *f;
            if (c->kind != JT_OBJECT) {
                rc = err_add_field(e, where, 0, 0, "expected an object "
                                   "of field path -> value")
                         ? RATEL_ENOMEM : RATEL_EDECL;
                continue;
            }
            for (f = c->first; f; f = f->next) {
                char fw[260];
                snprintf(fw, sizeof fw, "%s", where);
                decl_path_append_key(fw, sizeof fw, f->key, f->keylen);
                if (!path_shape(f->key)) {
                    r = err_add_field(e, fw, 0, 0, "expected a field "
                                      "path such as coverages.liability."
                                      "limit") ? RATEL_ENOMEM : RATEL_EDECL;
                } else {
                    r = parse_value(o, e, f->key, f, fw);
                }
                if (r != RATEL_OK)
                    rc = r;
            }
            continue;
        }
        for (k = legacy_keys; *k; k++)
            if (strlen(*k) == c->keylen && memcmp(*k, c->key, c->keylen) == 0)
                break;
        if (!*k) {
            rc = err_add_field(e, where, 0, 0, "unknown key; expected "
                               "name, set, or one of liability_limit, "
                               "expense_limit, bi_limit, bi_waiting_hours, "
                               "deductible, coinsurance_pct")
                     ? RATEL_ENOMEM : RATEL_EDECL;
            continue;
        }
        snprintf(path, sizeof path, "request.%s", *k);
        if ((r = parse_value(o, e, path, c, where)) != RATEL_OK)
            rc = r;
    }
    return rc;
}

int opt_parse_node(ratel_options **out, const jt_node *root, const char *at,
                   ratel_err *e)
{
    ratel_options *o = NULL;
    const jt_node *x;
    size_t i;
    int rc;
    *out = NULL;
    if (root->kind != JT_ARRAY || root->n == 0 ||
        root->n > OPT_MAX_OPTIONS)
        return err_add_field(e, at, 0, 0, "expected an array of 1 to %d "
                             "options", OPT_MAX_OPTIONS)
                   ? RATEL_ENOMEM : RATEL_EDECL;
    if ((rc = ratel_options_new(&o)) != RATEL_OK)
        return rc;
    for (i = 0, x = root->first; x && rc != RATEL_ENOMEM; x = x->next, i++) {
        int r = parse_option(o, e, x, at, i);
        if (r != RATEL_OK)
            rc = r;
    }
    if (rc != RATEL_OK)
        ratel_options_free(o);
    else
        *out = o;
    return rc;
}

int ratel_options_parse(ratel_options **out, ratel_ctx *ctx, const char *json,
                        size_t len)
{
    ratel_err *e;
    jt_doc *doc = NULL;
    char msg[256];
    int rc;
    if (out)
        *out = NULL;
    if (!out || !ctx || (!json && len))
        return ctx ? err_set(ctx_err(ctx), RATEL_EARG,
                             "ratel_options_parse: out, ctx and json are "
                             "needed")
                   : RATEL_EARG;
    e = ctx_err(ctx);
    err_clear(e);
    rc = jt_parse(&doc, json, len, msg, sizeof msg);
    if (rc == -2)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if (rc == -1) {
        if (err_add_field(e, "$", 0, 0, "%s", msg))
            return err_set(e, RATEL_ENOMEM, "out of memory");
        return err_finish_fields(e);
    }
    rc = opt_parse_node(out, jt_root(doc), "$", e);
    jt_free(doc);
    if (rc == RATEL_EDECL)
        return err_finish_fields(e);
    return rc == RATEL_OK ? rc : err_set(e, rc, "out of memory");
}
