/* decl_fields.c - the words of the declaration's messages (what a field
 * expects, why a value was refused, unknown keys, missing fields), the
 * storing of checked values, and the life of records and lists. Shared by
 * the JSON reader, the setters and the checks. */
#include "decl_fields.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* ---- bounded message text ------------------------------------------- */

typedef struct msg {
    char *p;
    size_t cap, len;
} msg;

static void msg_init(msg *m, char *p, size_t cap)
{
    m->p = p;
    m->cap = cap;
    m->len = 0;
    p[0] = '\0';
}

static void msg_printf(msg *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void msg_printf(msg *m, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (m->len + 1 >= m->cap)
        return;
    va_start(ap, fmt);
    n = vsnprintf(m->p + m->len, m->cap - m->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        m->len += (size_t)n < m->cap - m->len ? (size_t)n
                                              : m->cap - m->len - 1;
}

/* Text quoted for a message or a path: valid UTF-8 kept, quotes,
 * backslashes and other bytes escaped, cut after `max` bytes with "...". */
static void msg_quoted(msg *m, const char *s, size_t len, size_t max)
{
    size_t i = 0;
    msg_printf(m, "\"");
    while (i < len && i < max) {
        const unsigned char *u = (const unsigned char *)s + i;
        size_t n = decl_utf8_seq(u, len - i);
        if (n > 1) {
            msg_printf(m, "%.*s", (int)n, s + i);
            i += n;
            continue;
        }
        if (n == 1 && *u >= 0x20 && *u < 0x7F && *u != '"' && *u != '\\')
            msg_printf(m, "%c", *u);
        else if (*u == '"' || *u == '\\')
            msg_printf(m, "\\%c", *u);
        else
            msg_printf(m, "\\x%02X", *u);
        i++;
    }
    msg_printf(m, i < len ? "...\"" : "\"");
}

/* Edit distance of a and b, both shorter than 40 bytes, counting a swap
 * of neighbours as one edit (optimal string alignment). */
static size_t edit_distance(const char *a, size_t la, const char *b,
                            size_t lb)
{
    size_t rows[3][41], i, j;
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/* "one of a, b, c"; when a name is close to `got`, msg_suggest adds
 * "; did you mean "x"?". */
static void msg_names(msg *m, const char *const *names, int n)
{
    int i;
    msg_printf(m, "one of ");
    for (i = 0; i < n; i++)
        msg_printf(m, "%s%s", i ? ", " : "", names[i]);
}

const char *decl_closest(const char *const *names, int n, const char *got,
                         size_t len)
{
    size_t best = SIZE_MAX, d;
    int i, at = -1;
    if (len == 0 || len >= 40)
        return NULL;
    for (i = 0; i < n; i++) {
        size_t ln = strlen(names[i]);
        if (ln >= 40)
            continue;
        d = edit_distance(got, len, names[i], ln);
        if (d < best) {
            best = d;
            at = i;
        }
    }
    if (at >= 0 && best <= 2 && best * 3 <= strlen(names[at]))
        return names[at];
    return NULL;
}

static void msg_suggest(msg *m, const char *const *names, int n,
                        const char *got, size_t len)
{
    const char *close = decl_closest(names, n, got, len);
    if (close)
        msg_printf(m, "; did you mean \"%s\"?", close);
}

/* What a field accepts, in words. */
static void msg_expect(msg *m, const sch_schema *s, const sch_node *n)
{
    switch (n->type) {
    case SCH_DATE:
        msg_printf(m, "a date \"YYYY-MM-DD\" (a real calendar date, years "
                      "1900 to 2999)");
        break;
    case SCH_TEXT:
        if (n->min == 1)
            msg_printf(m, "a non-empty UTF-8 string of at most %" PRId64
                       " bytes", n->max);
        else
            msg_printf(m, "a UTF-8 string of %" PRId64 " to %" PRId64
                       " bytes", n->min, n->max);
        break;
    case SCH_MONEY:
        if (n->min == 0 && n->max == RATEL_MONEY_MAX)
            msg_printf(m, "a non-negative integer number of %s",
                       s->money_words);
        else
            msg_printf(m, "an integer number of %s from %" PRId64 " to %"
                       PRId64, s->money_words, n->min, n->max);
        break;
    case SCH_INTEGER:
        msg_printf(m, "an integer from %" PRId64 " to %" PRId64, n->min,
                   n->max);
        break;
    case SCH_NUMBER: {
        buf lo, hi;
        buf_init(&lo);
        buf_init(&hi);
        buf_put_double(&lo, n->fmin);
        buf_put_double(&hi, n->fmax);
        msg_printf(m, "a number from %s to %s", lo.oom ? "?" : buf_cstr(&lo),
                   hi.oom ? "?" : buf_cstr(&hi));
        buf_free(&lo);
        buf_free(&hi);
        break;
    }
    case SCH_BOOLEAN: msg_printf(m, "true or false"); break;
    case SCH_OBJECT: msg_printf(m, "an object"); break;
    case SCH_FLAGS: msg_printf(m, "an object of %s -> true or false",
                               s->codes[n->codes].name);
        break;
    case SCH_LIST:
    case SCH_SET: msg_printf(m, "an array"); break;
    case SCH_CODE:
        msg_names(m, s->codes[n->codes].values, s->codes[n->codes].n);
        break;
    default: break;
    }
}

/* The value as the message shows it after "got". */
static void msg_value(msg *m, const decl_value *v)
{
    switch (v->kind) {
    case DECL_V_NULL: msg_printf(m, "null"); break;
    case DECL_V_BOOL: msg_printf(m, v->b ? "true" : "false"); break;
    case DECL_V_STRING: msg_quoted(m, v->text, v->len, 48); break;
    case DECL_V_OBJECT: msg_printf(m, "an object"); break;
    case DECL_V_ARRAY: msg_printf(m, "an array"); break;
    case DECL_V_INT:
    case DECL_V_FLOAT:
        if (v->text)
            msg_printf(m, "%.*s%s", (int)(v->len > 48 ? 48 : v->len), v->text,
                       v->len > 48 ? "..." : "");
        else if (v->kind == DECL_V_INT)
            msg_printf(m, "%" PRId64, v->i);
        else if (isnan(v->f))
            msg_printf(m, "NaN");
        else if (isinf(v->f))
            msg_printf(m, v->f < 0 ? "-Infinity" : "Infinity");
        else {
            buf b;
            buf_init(&b);
            buf_put_double(&b, v->f);
            msg_printf(m, "%s", b.oom ? "a number" : buf_cstr(&b));
            buf_free(&b);
        }
        break;
    }
}

/* "expected <what n accepts>, got <v>" */
static int refuse(msg *m, const sch_schema *s, const sch_node *f,
                  const decl_value *v)
{
    msg_printf(m, "expected ");
    msg_expect(m, s, f);
    msg_printf(m, ", got ");
    msg_value(m, v);
    return -1;
}

/* Why an integer field refused `v`. */
static void integer_refusal(msg *m, const sch_schema *s, const sch_node *f,
                            const decl_value *v)
{
    if (v->kind == DECL_V_FLOAT) {
        refuse(m, s, f, v);
        msg_printf(m, v->text ? " (write an integer, without a fraction or "
                                "an exponent)"
                              : " (not an integer value)");
    } else if (v->kind == DECL_V_INT && f->type == SCH_MONEY &&
               (v->overflow > 0 || v->i > f->max)) {
        msg_printf(m, "expected at most %" PRId64 " %s, got ", f->max,
                   s->money_words);
        msg_value(m, v);
    } else {
        refuse(m, s, f, v);
    }
}

/* Why a text field refused `v`: too short or long, invalid UTF-8 or a
 * NUL character, at the first byte at fault. */
static void text_refusal(msg *m, const sch_schema *sc, const sch_node *f,
                         const decl_value *v)
{
    size_t i = 0, n = 1;
    const unsigned char *s = (const unsigned char *)v->text;
    if (v->kind != DECL_V_STRING) {
        refuse(m, sc, f, v);
        return;
    }
    if ((int64_t)v->len >= f->min && (int64_t)v->len <= f->max)
        for (; i < v->len && n > 0 && s[i] != 0; i += n)
            n = decl_utf8_seq(s + i, v->len - i);
    msg_printf(m, "expected ");
    msg_expect(m, sc, f);
    if (v->len == 0)
        msg_printf(m, ", got an empty string");
    else if ((int64_t)v->len < f->min || (int64_t)v->len > f->max)
        msg_printf(m, ", got %zu bytes", v->len);
    else if (n == 0)
        msg_printf(m, ", got invalid UTF-8 at byte %zu", i - n + 1);
    else
        msg_printf(m, ", got a NUL character at byte %zu", i + 1);
}

void decl_code_refusal(const sch_schema *s, const sch_node *n,
                       const decl_value *v, char *text, size_t cap)
{
    const sch_codes *c = n->codes >= 0 ? &s->codes[n->codes] : NULL;
    msg m;
    msg_init(&m, text, cap);
    if (!c) { /* a schema that named no code list (reported there) */
        msg_printf(&m, "expected a code");
        return;
    }
    if (c->missing_table) {
        msg_printf(&m, "expected a key of rate table %s, which the table "
                   "database does not have", c->from_table);
        return;
    }
    msg_printf(&m, "expected ");
    msg_names(&m, c->values, c->n);
    msg_printf(&m, ", got ");
    msg_value(&m, v);
    if (v->kind == DECL_V_STRING)
        msg_suggest(&m, c->values, c->n, v->text, v->len);
}

void decl_node_refusal(const sch_schema *s, const sch_node *f,
                       const decl_value *v, char *text, size_t cap)
{
    msg m;
    if (f->type == SCH_CODE) {
        decl_code_refusal(s, f, v, text, cap);
        return;
    }
    msg_init(&m, text, cap);
    switch (f->type) {
    case SCH_TEXT: text_refusal(&m, s, f, v); break;
    case SCH_MONEY:
    case SCH_INTEGER: integer_refusal(&m, s, f, v); break;
    default: refuse(&m, s, f, v); break;
    }
}

int decl_node_check(const sch_schema *s, const sch_node *n,
                    const decl_value *v, decl_scalar *out, char *text,
                    size_t cap)
{
    if (decl_node_accept(s, n, v, out) == 0)
        return 0;
    decl_node_refusal(s, n, v, text, cap);
    return -1;
}

void decl_missing_message(const sch_schema *s, const sch_node *n,
                          char *text, size_t cap)
{
    msg m;
    msg_init(&m, text, cap);
    msg_printf(&m, "required field is missing; expected ");
    msg_expect(&m, s, n);
}

void decl_suggest(const char *const *names, int n, const char *got,
                  size_t len, char *text, size_t cap)
{
    msg m;
    msg_init(&m, text, cap);
    msg_suggest(&m, names, n, got, len);
}

void decl_unknown_key_message(const sch_schema *s, const sch_node *obj,
                              const char *key, size_t len, char *text,
                              size_t cap)
{
    const char *names[SCH_MAX_SET_CODES > 256 ? SCH_MAX_SET_CODES : 256];
    const char *const *list = names;
    const char *what = "key";
    int i, n = 0;
    msg m;
    msg_init(&m, text, cap);
    if (obj->type == SCH_FLAGS) {
        const sch_codes *c = &s->codes[obj->codes];
        list = c->values;
        n = c->n;
        what = c->item ? c->item : "code";
    } else {
        for (i = 0; i < obj->nchildren && n < 256; i++)
            names[n++] = s->nodes[obj->children[i]].key;
    }
    msg_printf(&m, "unknown %s; expected ", what);
    msg_names(&m, list, n);
    msg_suggest(&m, list, n, key, len);
}

void decl_path_append_key(char *path, size_t cap, const char *key,
                          size_t len)
{
    msg m;
    size_t i;
    int plain = len > 0 && len <= 64;
    for (i = 0; i < len && plain; i++)
        plain = (key[i] >= 'a' && key[i] <= 'z') ||
                (key[i] >= 'A' && key[i] <= 'Z') ||
                (key[i] >= '0' && key[i] <= '9') || key[i] == '_';
    m.p = path;
    m.cap = cap;
    m.len = strlen(path);
    if (plain) {
        msg_printf(&m, ".%.*s", (int)len, key);
        return;
    }
    msg_printf(&m, "[");
    msg_quoted(&m, key, len, 64);
    msg_printf(&m, "]");
}

/* ---- storing values; records and lists ------------------------------ */

int decl_store(struct ratel_decl *d, const sch_node *n, decl_slot *v,
               const decl_scalar *sc)
{
    switch (n->type) {
    case SCH_NUMBER: v->v.f = sc->f; break;
    case SCH_TEXT: {
        size_t at = d->text.len;
        buf_put(&d->text, sc->s, sc->len);
        buf_putc(&d->text, '\0');
        if (d->text.oom)
            return RATEL_ENOMEM;
        v->v.i = (int64_t)at;
        v->len = (uint32_t)sc->len;
        break;
    }
    default: v->v.i = sc->i; break;
    }
    v->absent = 0;
    return RATEL_OK;
}

int decl_record_defaults(const sch_schema *s, int rec, decl_slot *slots)
{
    const sch_record *r = &s->records[rec];
    int i;
    memset(slots, 0, (size_t)r->nslots * sizeof *slots);
    for (i = 0; i < r->nslots; i++) {
        const sch_node *n = &s->nodes[r->slot_node[i]];
        decl_slot *v = &slots[i];
        switch (n->type) {
        case SCH_OBJECT:
        case SCH_LIST:
        case SCH_FLAGS:
        case SCH_SET: break; /* empty */
        case SCH_NUMBER:
            v->v.f = n->def_f;
            v->absent = !n->has_default;
            break;
        case SCH_TEXT:
            if (n->has_default)
                return -1;
            v->absent = 1;
            break;
        default:
            v->v.i = n->def_i;
            v->absent = !n->has_default;
            break;
        }
        if (n->default_from >= 0)
            v->absent = 0; /* filled by decl_refresh_defaults */
    }
    return 0;
}

/* Fills the slots of a record (type `rec`) of declaration d with their
 * defaults; RATEL_OK or RATEL_ENOMEM (a text default). */
static int decl_record_init(struct ratel_decl *d, int rec, decl_slot *slots)
{
    const sch_schema *s = d->schema;
    const sch_record *r = &s->records[rec];
    int i;
    if (r->defaults) { /* made by decl_record_defaults */
        memcpy(slots, r->defaults, (size_t)r->nslots * sizeof *slots);
        return RATEL_OK;
    }
    memset(slots, 0, (size_t)r->nslots * sizeof *slots);
    for (i = 0; i < r->nslots; i++) {
        const sch_node *n = &s->nodes[r->slot_node[i]];
        decl_slot *v = &slots[i];
        switch (n->type) {
        case SCH_OBJECT:
        case SCH_LIST:
        case SCH_FLAGS:
        case SCH_SET: break; /* empty */
        case SCH_NUMBER:
            v->v.f = n->def_f;
            v->absent = !n->has_default;
            break;
        case SCH_TEXT:
            v->absent = !n->has_default;
            if (n->has_default) {
                decl_scalar sc = {0, 0.0, n->def_text, strlen(n->def_text)};
                if (decl_store(d, n, v, &sc) != RATEL_OK)
                    return RATEL_ENOMEM;
            }
            break;
        default:
            v->v.i = n->def_i;
            v->absent = !n->has_default;
            break;
        }
        if (n->default_from >= 0)
            v->absent = 0; /* filled by decl_refresh_defaults */
    }
    return RATEL_OK;
}

/* Frees the lists held in a record's slots. */
static void decl_record_dispose(const sch_schema *s, int rec,
                                decl_slot *slots)
{
    const sch_record *r = &s->records[rec];
    int j, i;
    size_t k;
    for (j = 0; j < r->nlists; j++) {
        const sch_node *n;
        decl_list *l;
        i = r->lists[j];
        n = &s->nodes[r->slot_node[i]];
        if (!(l = slots[i].v.list))
            continue;
        for (k = 0; k < l->n; k++)
            decl_record_dispose(s, s->nodes[n->item].record,
                                decl_list_item(s, n, &slots[i], k));
        free(l->items);
        free(l);
        slots[i].v.list = NULL;
    }
}

decl_slot *decl_list_append(struct ratel_decl *d, const sch_node *list,
                            decl_slot *v)
{
    const sch_schema *s = d->schema;
    int rec = s->nodes[list->item].record;
    size_t nslots = (size_t)s->records[rec].nslots;
    decl_list *l = v->v.list;
    decl_slot *item;
    if (!l) {
        if (!(l = calloc(1, sizeof *l)))
            return NULL;
        v->v.list = l;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        decl_slot *grown = realloc(l->items, cap * nslots * sizeof *grown);
        if (!grown)
            return NULL;
        l->items = grown;
        l->cap = cap;
    }
    item = l->items + l->n * nslots;
    if (decl_record_init(d, rec, item) != RATEL_OK)
        return NULL;
    l->n++;
    return item;
}

_Static_assert(sizeof(struct ratel_decl) % _Alignof(decl_slot) == 0,
               "the document's slots follow the declaration in one block");

struct ratel_decl *decl_new_unrefreshed(const sch_schema *s)
{
    /* the document's record in the same block, after the struct */
    size_t nslots = (size_t)(s->records[0].nslots ? s->records[0].nslots
                                                  : 1);
    struct ratel_decl *d = malloc(sizeof *d + nslots * sizeof *d->root);
    if (!d)
        return NULL;
    memset(d, 0, sizeof *d);
    d->schema = s;
    buf_init(&d->text);
    d->root = (decl_slot *)(void *)(d + 1);
    if (decl_record_init(d, 0, d->root) != RATEL_OK) {
        decl_free(d);
        return NULL;
    }
    return d;
}

struct ratel_decl *decl_new(const sch_schema *s)
{
    struct ratel_decl *d = decl_new_unrefreshed(s);
    if (d)
        decl_refresh_defaults(d);
    return d;
}

void decl_free(struct ratel_decl *d)
{
    if (!d)
        return;
    decl_record_dispose(d->schema, 0, d->root);
    if (d->root != (decl_slot *)(void *)(d + 1))
        free(d->root);
    buf_free(&d->text);
    free(d->source);
    free(d);
}

void decl_json_position(const char *json, size_t len, size_t at, int *line,
                        int *column)
{
    size_t i;
    *line = 1;
    *column = 1;
    if (at > len)
        at = len;
    while (at > 0 && at < len && ((unsigned char)json[at] & 0xC0) == 0x80)
        at--; /* the start of the character */
    for (i = 0; i < at; i++) {
        if (json[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)json[i] & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}
