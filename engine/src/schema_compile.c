/* schema_compile.c - a product schema file (docs/schemas.md) compiled
 * into nodes, records and code lists (schema.h). Every problem is
 * reported as "FILE:LINE: path: what", and all of them at once. */
#include "schema.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decl_fields.h"
#include "jtree.h"
#include "sha256.h"

const char *const sch_type_names[SCH_NTYPES] = {
    "object", "list", "flags", "set", "money", "integer", "number",
    "boolean", "date", "text", "code"};

const char *const sch_role_names[SCH_NROLES] = {
    "", "effective_date", "applicant_name", "currency", "coverages",
    "entities"};

#define SCH_CHUNK 16384
#define SCH_MAX_NODES 4096
#define SCH_MAX_DEPTH 16

typedef struct sch_chunk {
    struct sch_chunk *next;
    size_t used, cap;
    max_align_t data[];
} sch_chunk;

struct sch_mem {
    sch_chunk *chunks;
};

/* The compiler's state: the schema being built, the file's tree, and the
 * problems found. Node and record arrays grow here and are copied into
 * the schema's memory at the end. */
typedef struct sch_build {
    sch_schema *s;
    const jt_node *types;   /* the file's "types" object */
    ratel_err *e;
    buf problems;
    int nproblems;
    int oom;
    sch_node *nodes;
    size_t capnodes;
    sch_record *records;
    size_t caprecords;
    int **slots;            /* per record: slot -> node, growing */
    size_t *capslots;
    /* paths to resolve once every node exists */
    struct fixup {
        int node;
        int what;           /* FIX_* */
        const jt_node *at;
    } *fixups;
    size_t nfixups, capfixups;
    int depth;
    const char *expanding[SCH_MAX_DEPTH]; /* named types being expanded */
} sch_build;

enum { FIX_DEFAULT_FROM, FIX_REQUIRED_WHEN, FIX_NOT_AFTER, FIX_SETS,
       FIX_STANDALONE,
       FIX_OR_GIVEN_AS };

static void *sch_alloc(sch_schema *s, size_t n)
{
    sch_chunk *c = s->mem->chunks;
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
        sizeof(max_align_t);
    if (n == 0)
        n = sizeof(max_align_t);
    if (!c || c->cap - c->used < n) {
        size_t cap = n > SCH_CHUNK ? n : SCH_CHUNK;
        if (!(c = malloc(sizeof *c + cap)))
            return NULL;
        c->next = s->mem->chunks;
        c->used = 0;
        c->cap = cap;
        s->mem->chunks = c;
    }
    c->used += n;
    return memset((char *)c->data + c->used - n, 0, n);
}

static char *sch_strndup(sch_build *b, const char *text, size_t len)
{
    char *p = sch_alloc(b->s, len + 1);
    if (!p) {
        b->oom = 1;
        return NULL;
    }
    memcpy(p, text, len);
    p[len] = '\0';
    return p;
}

void sch_free(sch_schema *s)
{
    sch_chunk *c, *next;
    if (!s)
        return;
    if (s->mem)
        for (c = s->mem->chunks; c; c = next) {
            next = c->next;
            free(c);
        }
    free(s->mem);
    free(s->file);
    free(s->source);
    free(s);
}

/* A problem at the line of `at` (0 when at is NULL), about `path`. */
static void problem(sch_build *b, const jt_node *at, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void problem(sch_build *b, const jt_node *at, const char *path,
                    const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (b->nproblems++ >= 50)
        return;
    if (b->problems.len)
        buf_putc(&b->problems, '\n');
    buf_printf(&b->problems, "%s:%d: %s%s%s", b->s->file, at ? at->line : 1,
               path ? path : "", path && *path ? ": " : "", text);
}

/* ---- small readers of the file's values ------------------------------ */

static int is_identifier(const char *t, size_t len)
{
    size_t i;
    if (len == 0 || len > 64 || !((t[0] >= 'a' && t[0] <= 'z') ||
                                  (t[0] >= 'A' && t[0] <= 'Z') || t[0] == '_'))
        return 0;
    for (i = 1; i < len; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
              (t[i] >= '0' && t[i] <= '9') || t[i] == '_'))
            return 0;
    return 1;
}

/* A one-line text of 1..512 bytes: a description or a title. */
static const char *line_text(sch_build *b, const jt_node *v, const char *path,
                             const char *what)
{
    if (!v || v->kind != JT_STRING || v->len == 0 || v->len > 512 ||
        memchr(v->text, '\n', v->len) || memchr(v->text, '\0', v->len)) {
        problem(b, v, path, "%s must be one line of text (1 to 512 bytes)",
                what);
        return NULL;
    }
    return sch_strndup(b, v->text, v->len);
}

/* Checks that an object has only the keys in `allowed` (NULL-ended). */
static void only_keys(sch_build *b, const jt_node *obj, const char *path,
                      const char *const *allowed)
{
    const jt_node *c;
    for (c = obj->first; c; c = c->next) {
        const char *const *a;
        for (a = allowed; *a; a++)
            if (strlen(*a) == c->keylen && memcmp(*a, c->key, c->keylen) == 0)
                break;
        if (!*a) {
            char list[400] = "";
            size_t used = 0;
            for (a = allowed; *a && used + strlen(*a) + 3 < sizeof list; a++)
                used += (size_t)snprintf(list + used, sizeof list - used,
                                         "%s%s", a == allowed ? "" : ", ", *a);
            problem(b, c, path, "unknown key \"%.*s\"; expected one of %s",
                    (int)(c->keylen > 64 ? 64 : c->keylen), c->key, list);
        }
    }
}

static int get_bool(sch_build *b, const jt_node *obj, const char *key,
                    const char *path)
{
    const jt_node *v = jt_get(obj, key);
    if (!v)
        return 0;
    if (v->kind != JT_BOOL) {
        problem(b, v, path, "%s must be true or false", key);
        return 0;
    }
    return v->b;
}

/* ---- code lists ------------------------------------------------------ */

static void compile_codes(sch_build *b, const jt_node *codes)
{
    static const char *const keys[] = {"description", "values", "item",
                                       "from_table", NULL};
    sch_schema *s = b->s;
    const jt_node *c;
    int i = 0;
    if (!codes)
        return;
    if (codes->kind != JT_OBJECT) {
        problem(b, codes, "codes", "expected an object: list name -> "
                "{description, values}");
        return;
    }
    s->codes = sch_alloc(s, codes->n * sizeof *s->codes);
    if (!s->codes)
        return (void)(b->oom = 1);
    for (c = codes->first; c; c = c->next, i++) {
        sch_codes *l = &s->codes[i];
        const jt_node *values, *from, *v;
        char path[96];
        snprintf(path, sizeof path, "codes.%.*s",
                 (int)(c->keylen > 64 ? 64 : c->keylen), c->key);
        l->line = c->line;
        l->name = sch_strndup(b, c->key, c->keylen);
        if (!is_identifier(c->key, c->keylen))
            problem(b, c, path, "a code list name must be an identifier");
        if (c->kind != JT_OBJECT) {
            problem(b, c, path, "expected an object {description, values}");
            continue;
        }
        only_keys(b, c, path, keys);
        l->description = line_text(b, jt_get(c, "description"), path,
                                   "description");
        if ((v = jt_get(c, "item")))
            l->item = line_text(b, v, path, "item");
        values = jt_get(c, "values");
        from = jt_get(c, "from_table");
        if (!values == !from) {
            problem(b, c, path, "needs exactly one of \"values\" (a list of "
                    "codes) and \"from_table\" (a rate table's name)");
            continue;
        }
        if (from) {
            if (from->kind != JT_STRING || !is_identifier(from->text, from->len))
                problem(b, from, path, "from_table must name a rate table");
            else
                l->from_table = sch_strndup(b, from->text, from->len);
            continue;
        }
        if (values->kind != JT_ARRAY || values->n == 0 || values->n > 1000) {
            problem(b, values, path, "values must be a list of 1 to 1,000 "
                    "codes");
            continue;
        }
        l->values = sch_alloc(s, values->n * sizeof *l->values);
        l->lens = sch_alloc(s, values->n);
        if (!l->values || !l->lens)
            return (void)(b->oom = 1);
        for (v = values->first; v; v = v->next) {
            if (v->kind != JT_STRING || !is_identifier(v->text, v->len)) {
                problem(b, v, path, "a code must be an identifier (letters, "
                        "digits, _; at most 64 bytes)");
                continue;
            }
            if (sch_code_find(l, v->text, v->len) >= 0) {
                problem(b, v, path, "code \"%s\" listed twice", v->text);
                continue;
            }
            l->values[l->n] = sch_strndup(b, v->text, v->len);
            l->lens[l->n++] = (unsigned char)v->len;
        }
    }
    s->ncodes = i;
}

int sch_code_find(const sch_codes *c, const char *code, size_t len)
{
    int i;
    for (i = 0; i < c->n; i++)
        if (c->lens[i] == len && c->values[i][0] == code[0] &&
            memcmp(c->values[i], code, len) == 0)
            return i;
    return -1;
}

static int find_codes(const sch_schema *s, const char *name)
{
    int i;
    for (i = 0; i < s->ncodes; i++)
        if (s->codes[i].name && strcmp(s->codes[i].name, name) == 0)
            return i;
    return -1;
}

/* ---- nodes and records ----------------------------------------------- */

static int new_record(sch_build *b, int node)
{
    sch_record *r = mem_grow(b->records, &b->caprecords,
                             (size_t)b->s->nrecords, sizeof *r, 4);
    int **sl;
    size_t *cs, cap = b->caprecords;
    if (!r)
        return b->oom = 1, -1;
    b->records = r;
    sl = realloc(b->slots, cap * sizeof *sl);
    if (sl)
        b->slots = sl;
    cs = realloc(b->capslots, cap * sizeof *cs);
    if (cs)
        b->capslots = cs;
    if (!sl || !cs)
        return b->oom = 1, -1;
    memset(&r[b->s->nrecords], 0, sizeof *r);
    r[b->s->nrecords].node = node;
    b->slots[b->s->nrecords] = NULL;
    b->capslots[b->s->nrecords] = 0;
    return b->s->nrecords++;
}

/* Gives node n a slot in record `rec`. */
static void add_slot(sch_build *b, int n, int rec)
{
    sch_record *r = &b->records[rec];
    int *grown = mem_grow(b->slots[rec], &b->capslots[rec],
                          (size_t)r->nslots, sizeof *grown, 16);
    if (!grown)
        return (void)(b->oom = 1);
    b->slots[rec] = grown;
    grown[r->nslots] = n;
    b->nodes[n].record = rec;
    b->nodes[n].slot = r->nslots++;
}

static int new_node(sch_build *b, int parent, const char *key, size_t keylen,
                    const char *path, int line)
{
    sch_node *grown;
    int n = b->s->nnodes;
    if (n >= SCH_MAX_NODES) {
        problem(b, NULL, path, "more than %d fields", SCH_MAX_NODES);
        return -1;
    }
    grown = mem_grow(b->nodes, &b->capnodes, (size_t)n, sizeof *grown, 64);
    if (!grown)
        return b->oom = 1, -1;
    b->nodes = grown;
    memset(&grown[n], 0, sizeof grown[n]);
    grown[n].parent = parent;
    grown[n].key = sch_strndup(b, key, keylen);
    grown[n].keylen = keylen;
    grown[n].path = sch_strndup(b, path, strlen(path));
    grown[n].line = line;
    grown[n].default_from = grown[n].required_when = grown[n].not_after = -1;
    grown[n].shorthand_for_missing = -1;
    grown[n].item = grown[n].codes = -1;
    grown[n].record = grown[n].slot = -1;
    b->s->nnodes++;
    return n;
}

static void fixup(sch_build *b, int node, int what, const jt_node *at)
{
    struct fixup *f = mem_grow(b->fixups, &b->capfixups, b->nfixups,
                               sizeof *f, 16);
    if (!f)
        return (void)(b->oom = 1);
    b->fixups = f;
    f[b->nfixups].node = node;
    f[b->nfixups].what = what;
    f[b->nfixups].at = at;
    b->nfixups++;
}

static int type_of(const char *name, size_t len)
{
    int t;
    for (t = 0; t < SCH_NTYPES; t++)
        if (strlen(sch_type_names[t]) == len &&
            memcmp(sch_type_names[t], name, len) == 0)
            return t;
    return -1;
}

static void compile_object(sch_build *b, int node, const jt_node *fields,
                           const char *path, int rec);

/* Bounds and default of a scalar node from its spec; `narrow`: the
 * bounds of a field of a named type, over the type's (kept where the
 * field gives none). */
static void compile_scalar(sch_build *b, int n, const jt_node *spec,
                           const char *path, int narrow)
{
    sch_node *x = &b->nodes[n];
    const jt_node *min = jt_get(spec, "min"), *max = jt_get(spec, "max");
    const jt_node *minl = jt_get(spec, "min_length");
    const jt_node *maxl = jt_get(spec, "max_length");
    switch (x->type) {
    case SCH_MONEY:
    case SCH_INTEGER:
        if (!narrow) {
            x->min = x->type == SCH_MONEY ? 0 : INT64_MIN;
            x->max = x->type == SCH_MONEY ? RATEL_MONEY_MAX : INT64_MAX;
        }
        if (min && (min->kind != JT_INT || min->overflow ||
                    (x->type == SCH_MONEY && min->i < 0)))
            problem(b, min, path, "min must be an integer%s",
                    x->type == SCH_MONEY ? " from 0" : "");
        else if (min)
            x->min = min->i;
        if (max && (max->kind != JT_INT || max->overflow ||
                    (x->type == SCH_MONEY && max->i > RATEL_MONEY_MAX)))
            problem(b, max, path, "max must be an integer%s",
                    x->type == SCH_MONEY ? " up to 10^15" : "");
        else if (max)
            x->max = max->i;
        break;
    case SCH_NUMBER:
        if (!narrow) {
            x->fmin = -1e300;
            x->fmax = 1e300;
        }
        if (min && min->kind != JT_INT && min->kind != JT_FLOAT)
            problem(b, min, path, "min must be a number");
        else if (min)
            x->fmin = min->f;
        if (max && max->kind != JT_INT && max->kind != JT_FLOAT)
            problem(b, max, path, "max must be a number");
        else if (max)
            x->fmax = max->f;
        break;
    case SCH_TEXT:
        if (!narrow) {
            x->min = 0;
            x->max = 1000;
        }
        if (minl && (minl->kind != JT_INT || minl->i < 0 || minl->i > 100000))
            problem(b, minl, path, "min_length must be 0 to 100000");
        else if (minl)
            x->min = minl->i;
        if (maxl && (maxl->kind != JT_INT || maxl->i < 1 || maxl->i > 100000))
            problem(b, maxl, path, "max_length must be 1 to 100000");
        else if (maxl)
            x->max = maxl->i;
        break;
    default:
        break;
    }
    if ((min || max) && x->type != SCH_MONEY && x->type != SCH_INTEGER &&
        x->type != SCH_NUMBER)
        problem(b, min ? min : max, path, "min and max are for money, "
                "integer and number fields");
    if ((minl || maxl) && x->type != SCH_TEXT)
        problem(b, minl ? minl : maxl, path, "min_length and max_length are "
                "for text fields");
    if (x->min > x->max || x->fmin > x->fmax)
        problem(b, spec, path, "min is above max");
}

/* The default value, checked as a declaration's value would be. */
static void compile_default(sch_build *b, int n, const jt_node *def,
                            const char *path)
{
    sch_node *x = &b->nodes[n];
    decl_value v;
    decl_scalar sc;
    char why[DECL_MSG_MAX];
    if (!def)
        return;
    if (def->kind == JT_NULL)
        return; /* documented as absent */
    if (x->type == SCH_OBJECT || x->type == SCH_LIST || x->type == SCH_FLAGS ||
        x->type == SCH_SET) {
        problem(b, def, path, "a default is for single values; objects, "
                "lists, flags and sets default to empty");
        return;
    }
    if (x->type == SCH_CODE && x->codes >= 0 && b->s->codes[x->codes].from_table) {
        /* the codes come from a table at engine open: checked then */
        if (def->kind != JT_STRING || !is_identifier(def->text, def->len))
            problem(b, def, path, "default: expected a code");
        else {
            x->has_default = 1;
            x->def_text = sch_strndup(b, def->text, def->len);
        }
        return;
    }
    memset(&v, 0, sizeof v);
    memset(&sc, 0, sizeof sc); /* a conversion sets only its own member */
    switch (def->kind) {
    case JT_BOOL: v.kind = DECL_V_BOOL; v.b = def->b; break;
    case JT_INT:
        v.kind = DECL_V_INT; v.i = def->i; v.overflow = def->overflow;
        v.text = def->text; v.len = def->len;
        break;
    case JT_FLOAT:
        v.kind = DECL_V_FLOAT; v.f = def->f; v.text = def->text;
        v.len = def->len;
        break;
    case JT_STRING: v.kind = DECL_V_STRING; v.text = def->text;
        v.len = def->len; break;
    default: v.kind = DECL_V_OBJECT; break;
    }
    if (decl_node_check(b->s, x, &v, &sc, why, sizeof why) != 0) {
        problem(b, def, path, "default: %s", why);
        return;
    }
    x->has_default = 1;
    x->def_i = sc.i;
    x->def_f = sc.f;
    if (x->type == SCH_TEXT)
        x->def_text = sch_strndup(b, sc.s, sc.len);
}

/* One field: `spec` is its object in the file (or a named type's). */
static void compile_field(sch_build *b, int n, const jt_node *spec,
                          const char *path, int rec)
{
    static const char *const keys[] = {
        "type", "description", "required", "default", "default_from",
        "default_years", "min", "max", "min_length", "max_length", "codes",
        "fields", "items", "max_items", "required_when", "not_after", "role",
        "input_only", "sets", "or_given_as", "standalone_sets", NULL};
    const jt_node *type, *v, *named = NULL;
    sch_node *x;
    int t, i;
    if (spec->kind != JT_OBJECT) {
        problem(b, spec, path, "expected a field: an object with type and "
                "description");
        return;
    }
    only_keys(b, spec, path, keys);
    type = jt_get(spec, "type");
    if (!type || type->kind != JT_STRING) {
        problem(b, spec, path, "needs a \"type\": one of object, list, "
                "flags, set, money, integer, number, boolean, date, text, "
                "code, or a name in \"types\"");
        return;
    }
    t = type_of(type->text, type->len);
    if (t < 0 && b->types && (named = jt_get(b->types, type->text))) {
        /* a named type: its spec, under this field's own keys */
        for (i = 0; i < b->depth; i++)
            if (strcmp(b->expanding[i], type->text) == 0) {
                problem(b, type, path, "type \"%s\" contains itself",
                        type->text);
                return;
            }
        if (b->depth >= SCH_MAX_DEPTH) {
            problem(b, type, path, "types nested more than %d deep",
                    SCH_MAX_DEPTH);
            return;
        }
        if (named->kind != JT_OBJECT || !(v = jt_get(named, "type")) ||
            v->kind != JT_STRING || (t = type_of(v->text, v->len)) < 0) {
            problem(b, named, type->text, "a named type needs a \"type\" "
                    "that is not itself a named type");
            return;
        }
    }
    if (t < 0) {
        problem(b, type, path, "unknown type \"%s\"", type->text);
        return;
    }
    x = &b->nodes[n];
    x->type = (sch_type)t;
    v = jt_get(spec, "description");
    if (!v && named)
        v = jt_get(named, "description");
    x->description = line_text(b, v ? v : spec, path, "description");
    x->required = (unsigned char)get_bool(b, spec, "required", path);
    x->input_only = (unsigned char)get_bool(b, spec, "input_only", path);
    if ((v = jt_get(spec, "role"))) {
        for (i = 1; i < SCH_NROLES; i++)
            if (v->kind == JT_STRING && strcmp(v->text, sch_role_names[i]) == 0)
                break;
        if (i == SCH_NROLES)
            problem(b, v, path, "unknown role; expected one of "
                    "effective_date, applicant_name, currency, coverages, "
                    "entities");
        else if (rec != 0)
            ; /* roles are the document's: ignored inside lists */
        else if (b->s->roles[i] >= 0)
            problem(b, v, path, "role \"%s\" given twice", v->text);
        else {
            x->role = (unsigned char)i;
            b->s->roles[i] = n;
        }
    }
    if (x->type == SCH_CODE || x->type == SCH_FLAGS || x->type == SCH_SET) {
        v = jt_get(spec, "codes");
        if (!v && named)
            v = jt_get(named, "codes");
        if (!v || v->kind != JT_STRING || (x->codes = find_codes(b->s, v->text)) < 0)
            problem(b, v ? v : spec, path, "needs \"codes\": the name of a "
                    "list in \"codes\"");
        else if (x->type != SCH_CODE && b->s->codes[x->codes].n > SCH_MAX_SET_CODES)
            problem(b, v, path, "flags and sets hold at most %d codes",
                    SCH_MAX_SET_CODES);
    }
    compile_scalar(b, n, named ? named : spec, path, 0);
    if (named && (jt_get(spec, "min") || jt_get(spec, "max") ||
                  jt_get(spec, "min_length") || jt_get(spec, "max_length")))
        compile_scalar(b, n, spec, path, 1);
    if (x->type != SCH_OBJECT && x->type != SCH_LIST)
        add_slot(b, n, rec);
    x = &b->nodes[n];
    compile_default(b, n, jt_get(spec, "default"), path);
    if ((v = jt_get(spec, "default_from")))
        fixup(b, n, FIX_DEFAULT_FROM, v);
    if ((v = jt_get(spec, "default_years"))) {
        if (v->kind != JT_INT || v->i < -100 || v->i > 100)
            problem(b, v, path, "default_years must be an integer from "
                    "-100 to 100");
        else
            b->nodes[n].default_years = (int)v->i;
    }
    if ((v = jt_get(spec, "required_when")))
        fixup(b, n, FIX_REQUIRED_WHEN, v);
    if ((v = jt_get(spec, "not_after")))
        fixup(b, n, FIX_NOT_AFTER, v);
    if ((v = jt_get(spec, "sets")))
        fixup(b, n, FIX_SETS, v);
    else if (b->nodes[n].input_only && x->type != SCH_OBJECT)
        problem(b, spec, path, "an input_only field needs \"sets\": the "
                "fields it stands for");
    if ((v = jt_get(spec, "or_given_as")))
        fixup(b, n, FIX_OR_GIVEN_AS, v);
    if ((v = jt_get(spec, "standalone_sets")))
        fixup(b, n, FIX_STANDALONE, v);

    if (x->type == SCH_OBJECT) {
        const jt_node *fields = jt_get(named ? named : spec, "fields");
        add_slot(b, n, rec);
        if (!fields || fields->kind != JT_OBJECT || fields->n == 0)
            problem(b, spec, path, "an object needs \"fields\"");
        else {
            if (named)
                b->expanding[b->depth++] = type->text;
            compile_object(b, n, fields, path, rec);
            if (named)
                b->depth--;
        }
    } else if (x->type == SCH_LIST) {
        const jt_node *items = jt_get(named ? named : spec, "items");
        const jt_node *max = jt_get(spec, "max_items");
        char ipath[200];
        const char *item_type = NULL; /* items named by a type */
        int item, irec;
        add_slot(b, n, rec);
        b->nodes[n].max_items = 1000;
        if (max && (max->kind != JT_INT || max->i < 1 ||
                    max->i > SCH_MAX_ITEMS))
            problem(b, max, path, "max_items must be 1 to %d", SCH_MAX_ITEMS);
        else if (max)
            b->nodes[n].max_items = (size_t)max->i;
        if (items && items->kind == JT_STRING) { /* a named type */
            const jt_node *nt = b->types ? jt_get(b->types, items->text) : NULL;
            if (!nt) {
                problem(b, items, path, "items: no type \"%s\" in \"types\"",
                        items->text);
                return;
            }
            for (i = 0; i < b->depth; i++)
                if (strcmp(b->expanding[i], items->text) == 0) {
                    problem(b, items, path, "type \"%s\" contains itself",
                            items->text);
                    return;
                }
            if (b->depth + 2 > SCH_MAX_DEPTH) {
                problem(b, items, path, "types nested more than %d deep",
                        SCH_MAX_DEPTH);
                return;
            }
            item_type = items->text;
            items = nt;
        }
        if (!items) {
            problem(b, spec, path, "a list needs \"items\": an object field "
                    "or a named type");
            return;
        }
        snprintf(ipath, sizeof ipath, "%s[]", path);
        if ((item = new_node(b, n, "", 0, ipath, items->line)) < 0)
            return;
        b->nodes[n].item = item;
        if ((irec = new_record(b, item)) < 0)
            return;
        if (named)
            b->expanding[b->depth++] = type->text;
        if (item_type)
            b->expanding[b->depth++] = item_type;
        compile_field(b, item, items, ipath, irec);
        if (item_type)
            b->depth--;
        if (named)
            b->depth--;
        if (b->nodes[item].type != SCH_OBJECT)
            problem(b, items, ipath, "list items must be objects");
    }
}

static void compile_object(sch_build *b, int node, const jt_node *fields,
                           const char *path, int rec)
{
    const jt_node *f;
    int *children = sch_alloc(b->s, fields->n * sizeof *children);
    int i = 0;
    if (!children)
        return (void)(b->oom = 1);
    for (f = fields->first; f; f = f->next) {
        char fpath[200];
        int c;
        if (!is_identifier(f->key, f->keylen)) {
            problem(b, f, path, "field name \"%.*s\" is not an identifier",
                    (int)(f->keylen > 64 ? 64 : f->keylen), f->key);
            continue;
        }
        if (node == 0 && f->keylen == 6 && memcmp(f->key, "schema", 6) == 0) {
            problem(b, f, "schema", "the document's \"schema\" key is "
                    "reserved (it names the schema)");
            continue;
        }
        snprintf(fpath, sizeof fpath, "%s%s%.*s", path, *path ? "." : "",
                 (int)f->keylen, f->key);
        if ((c = new_node(b, node, f->key, f->keylen, fpath, f->line)) < 0)
            return;
        children[i++] = c;
        compile_field(b, c, f, fpath, rec);
    }
    b->nodes[node].children = children;
    b->nodes[node].nchildren = i;
}

/* ---- paths between fields --------------------------------------------- */

int sch_under_role(const sch_schema *s, int n, int role)
{
    int r = s->roles[role];
    while (r >= 0 && n >= 0 && n != r)
        n = s->nodes[n].parent;
    return r >= 0 && n == r;
}

int sch_child(const sch_schema *s, int obj, const char *key, size_t len,
              int *guess)
{
    const sch_node *o = &s->nodes[obj];
    int i, g = guess ? *guess : 0;
    if (o->type != SCH_OBJECT)
        return -1;
    if (g >= 0 && g < o->nchildren) {
        const sch_node *c = &s->nodes[o->children[g]];
        if (c->keylen == len && memcmp(c->key, key, len) == 0) {
            if (guess)
                *guess = g + 1;
            return o->children[g];
        }
    }
    for (i = 0; i < o->nchildren; i++) {
        const sch_node *c = &s->nodes[o->children[i]];
        if (c->keylen == len && c->key[0] == key[0] &&
            memcmp(c->key, key, len) == 0) {
            if (guess)
                *guess = i + 1;
            return o->children[i];
        }
    }
    return -1;
}

int sch_find_path(const sch_schema *s, const char *path, long *idx,
                  int maxidx, int *nidx)
{
    int n = 0, found = 0;
    const char *p = path;
    if (nidx)
        *nidx = 0;
    if (!path || !*path)
        return -1;
    while (*p) {
        size_t len = strcspn(p, ".[");
        if (len == 0 || (n = sch_child(s, n, p, len, NULL)) < 0)
            return -1;
        p += len;
        if (*p == '[') {
            char *end;
            long i = -1;
            if (s->nodes[n].type != SCH_LIST)
                return -1;
            if (p[1] != ']') {
                if (p[1] < '0' || p[1] > '9')
                    return -1;
                i = strtol(p + 1, &end, 10);
                if (*end != ']' || i < 0)
                    return -1;
                p = end + 1;
            } else {
                p += 2;
            }
            if (idx && found < maxidx)
                idx[found] = i;
            found++;
            n = s->nodes[n].item;
            if (!*p)
                return -1; /* a path ends at a field, not at an item */
        }
        if (*p == '.' && p[1])
            p++;
        else if (*p)
            return -1; /* a dot that ends the path, or another byte */
    }
    if (nidx)
        *nidx = found;
    return n;
}

/* The node a path in the file names, reported when it does not exist or
 * is not of `type` (-1: any scalar). */
static int resolve(sch_build *b, const jt_node *at, const char *from,
                   const char *path, int type)
{
    int n = sch_find_path(b->s, path, NULL, 0, NULL);
    if (n < 0) {
        problem(b, at, from, "\"%s\" names no field", path);
        return -1;
    }
    if (type >= 0 && (int)b->nodes[n].type != type) {
        problem(b, at, from, "\"%s\" is not a %s field", path,
                sch_type_names[type]);
        return -1;
    }
    return n;
}

static void apply_fixups(sch_build *b)
{
    size_t i;
    b->s->nodes = b->nodes; /* for the path lookups, until seal() */
    for (i = 0; i < b->nfixups; i++) {
        const struct fixup *f = &b->fixups[i];
        sch_node *x = &b->nodes[f->node];
        const jt_node *v = f->at;
        const char *path = x->path;
        int t;
        switch (f->what) {
        case FIX_DEFAULT_FROM:
            if (v->kind != JT_STRING || x->type != SCH_DATE)
                problem(b, v, path, "default_from is for dates and names a "
                        "date field");
            else if ((t = resolve(b, v, path, v->text, SCH_DATE)) >= 0)
                b->nodes[f->node].default_from = t;
            break;
        case FIX_NOT_AFTER:
            if (v->kind != JT_STRING || x->type != SCH_DATE)
                problem(b, v, path, "not_after is for dates and names a "
                        "date field");
            else if ((t = resolve(b, v, path, v->text, SCH_DATE)) >= 0) {
                if (b->nodes[t].record != 0)
                    problem(b, v, path, "not_after must name a field outside "
                            "lists");
                else
                    b->nodes[f->node].not_after = t;
            }
            break;
        case FIX_REQUIRED_WHEN: {
            /* "sibling > N" */
            char name[65];
            long long above;
            int used = 0, sib;
            if (v->kind != JT_STRING ||
                sscanf(v->text, "%64[a-z_0-9] > %lld%n", name, &above,
                       &used) != 2 || (size_t)used != v->len) {
                problem(b, v, path, "required_when must read \"FIELD > N\" "
                        "with FIELD a sibling");
                break;
            }
            sib = sch_child(b->s, x->parent, name, strlen(name), NULL);
            if (sib < 0 || (b->nodes[sib].type != SCH_MONEY &&
                            b->nodes[sib].type != SCH_INTEGER)) {
                problem(b, v, path, "required_when: \"%s\" is not a money or "
                        "integer sibling", name);
                break;
            }
            b->nodes[f->node].required_when = sib;
            b->nodes[f->node].required_above = above;
            break;
        }
        case FIX_SETS: {
            const jt_node *p;
            int k = 0;
            if (!x->input_only || x->type == SCH_OBJECT ||
                v->kind != JT_ARRAY || v->n == 0 || v->n > 16) {
                problem(b, v, path, "sets is for input_only fields: a list "
                        "of 1 to 16 field paths");
                break;
            }
            b->nodes[f->node].sets = sch_alloc(b->s, v->n * sizeof(int));
            if (!b->nodes[f->node].sets)
                return (void)(b->oom = 1);
            for (p = v->first; p; p = p->next) {
                if (p->kind != JT_STRING ||
                    (t = resolve(b, p, path, p->text, (int)x->type)) < 0)
                    continue;
                if (b->nodes[t].record != x->record || b->nodes[t].input_only) {
                    problem(b, p, path, "\"%s\": a shorthand sets fields of "
                            "its own record that are not shorthands", p->text);
                    continue;
                }
                b->nodes[f->node].sets[k++] = t;
            }
            b->nodes[f->node].nsets = k;
            break;
        }
        case FIX_STANDALONE: {
            /* a company of a group: rated on its own, the value of this
             * field of its item replaces these fields of the document */
            const jt_node *p;
            int k = 0;
            if (x->record == 0 || v->kind != JT_ARRAY || v->n == 0 ||
                v->n > 8) {
                problem(b, v, path, "standalone_sets is for fields of list "
                        "items: a list of 1 to 8 paths of the document");
                break;
            }
            b->nodes[f->node].standalone = sch_alloc(b->s, v->n * sizeof(int));
            if (!b->nodes[f->node].standalone)
                return (void)(b->oom = 1);
            for (p = v->first; p; p = p->next) {
                if (p->kind != JT_STRING ||
                    (t = resolve(b, p, path, p->text, (int)x->type)) < 0)
                    continue;
                if (b->nodes[t].record != 0 || b->nodes[t].input_only) {
                    problem(b, p, path, "\"%s\": standalone_sets names "
                            "fields of the document outside lists", p->text);
                    continue;
                }
                b->nodes[f->node].standalone[k++] = t;
            }
            b->nodes[f->node].nstandalone = k;
            break;
        }
        case FIX_OR_GIVEN_AS:
            if (v->kind != JT_STRING || x->type != SCH_OBJECT)
                problem(b, v, path, "or_given_as is for objects and names an "
                        "input_only object");
            else if ((t = resolve(b, v, path, v->text, SCH_OBJECT)) >= 0) {
                if (!b->nodes[t].input_only)
                    problem(b, v, path, "\"%s\" is not input_only", v->text);
                else
                    b->nodes[f->node].shorthand_for_missing = t;
            }
            break;
        }
    }
}

/* An input_only object's fields are input_only too. */
static void mark_input_only(sch_build *b, int n, int on)
{
    sch_node *x = &b->nodes[n];
    int i;
    if (on)
        x->input_only = 1;
    if (x->type == SCH_OBJECT)
        for (i = 0; i < x->nchildren; i++)
            mark_input_only(b, x->children[i], x->input_only);
}

/* The texts that describe each field to people (docs, lint, bindings). */
static void describe(sch_build *b)
{
    sch_schema *s = b->s;
    int i;
    for (i = 1; i < s->nnodes; i++) {
        sch_node *x = &b->nodes[i];
        buf t;
        buf_init(&t);
        if (x->has_default) {
            switch (x->type) {
            case SCH_NUMBER: buf_put_double(&t, x->def_f); break;
            case SCH_BOOLEAN: buf_puts(&t, x->def_i ? "true" : "false"); break;
            case SCH_DATE: {
                char d[11];
                decl_date_format((int32_t)x->def_i, d);
                buf_put_json_string(&t, d);
                break;
            }
            case SCH_TEXT: buf_put_json_string(&t, x->def_text); break;
            case SCH_CODE:
                buf_put_json_string(&t, x->def_text
                                            ? x->def_text
                                            : s->codes[x->codes].values[x->def_i]);
                break;
            default: buf_put_i64(&t, x->def_i); break;
            }
        } else if (x->type == SCH_LIST || x->type == SCH_SET) {
            buf_puts(&t, x->required ? "" : "[]");
        } else if (x->type == SCH_FLAGS) {
            buf_puts(&t, "{} (every code false)");
        } else if (x->default_from >= 0) {
            buf_printf(&t, "%s", b->nodes[x->default_from].path);
            if (x->default_years)
                buf_printf(&t, " + %d year%s", x->default_years,
                           x->default_years == 1 ? "" : "s");
        }
        if (t.len && !(x->default_text = sch_strndup(b, t.data, t.len)))
            return;
        buf_reset(&t);
        switch (x->type) {
        case SCH_MONEY:
        case SCH_INTEGER:
            if (x->min != (x->type == SCH_MONEY ? 0 : INT64_MIN) ||
                x->max != (x->type == SCH_MONEY ? RATEL_MONEY_MAX : INT64_MAX))
                buf_printf(&t, "%" PRId64 " to %" PRId64, x->min, x->max);
            break;
        case SCH_NUMBER:
            buf_put_double(&t, x->fmin);
            buf_puts(&t, " to ");
            buf_put_double(&t, x->fmax);
            break;
        case SCH_TEXT:
            buf_printf(&t, "%" PRId64 " to %" PRId64 " bytes", x->min, x->max);
            break;
        case SCH_LIST:
            buf_printf(&t, "at most %zu items", x->max_items);
            break;
        default: break;
        }
        if (t.len && !(x->bounds_text = sch_strndup(b, t.data, t.len)))
            return;
        buf_reset(&t);
        if (x->required_when >= 0)
            buf_printf(&t, "required when %s is above %lld",
                       b->nodes[x->required_when].key,
                       (long long)x->required_above);
        if (x->not_after >= 0)
            buf_printf(&t, "%snot after %s", t.len ? "; " : "",
                       b->nodes[x->not_after].path);
        if (x->nsets) {
            int k;
            buf_printf(&t, "%sstands for ", t.len ? "; " : "");
            for (k = 0; k < x->nsets; k++)
                buf_printf(&t, "%s%s", k ? ", " : "",
                           b->nodes[x->sets[k]].path);
        }
        if (x->shorthand_for_missing >= 0)
            buf_printf(&t, "%sor give %s", t.len ? "; " : "",
                       b->nodes[x->shorthand_for_missing].path);
        if (x->role)
            buf_printf(&t, "%srole: %s", t.len ? "; " : "",
                       sch_role_names[x->role]);
        if (t.len && !(x->note_text = sch_strndup(b, t.data, t.len)))
            return;
        if (t.oom)
            b->oom = 1;
        buf_free(&t);
    }
}

/* Moves the growing arrays into the schema's memory. */
static void seal(sch_build *b)
{
    sch_schema *s = b->s;
    int i;
    s->nodes = sch_alloc(s, (size_t)s->nnodes * sizeof *s->nodes);
    s->records = sch_alloc(s, (size_t)s->nrecords * sizeof *s->records);
    if (!s->nodes || !s->records)
        return (void)(b->oom = 1);
    memcpy(s->nodes, b->nodes, (size_t)s->nnodes * sizeof *s->nodes);
    memcpy(s->records, b->records, (size_t)s->nrecords * sizeof *s->records);
    for (i = 0; i < s->nrecords; i++) {
        size_t n = (size_t)s->records[i].nslots;
        s->records[i].slot_node = sch_alloc(s, (n ? n : 1) * sizeof(int));
        if (!s->records[i].slot_node)
            return (void)(b->oom = 1);
        memcpy(s->records[i].slot_node, b->slots[i], n * sizeof(int));
    }
}

static void compile_top(sch_build *b, const jt_node *root)
{
    static const char *const keys[] = {"schema", "version", "title",
                                       "description", "money_words", "codes",
                                       "types", "fields", NULL};
    sch_schema *s = b->s;
    const jt_node *v;
    int doc;
    if (root->kind != JT_OBJECT) {
        problem(b, root, NULL, "a schema is an object (see docs/schemas.md)");
        return;
    }
    only_keys(b, root, "", keys);
    v = jt_get(root, "schema");
    if (!v || v->kind != JT_STRING || v->len == 0 || v->len > 64 ||
        strspn(v->text, "abcdefghijklmnopqrstuvwxyz0123456789-_") != v->len)
        problem(b, v ? v : root, "schema", "needs the schema's id: lower-case "
                "letters, digits, - and _ (at most 64)");
    else
        s->id = sch_strndup(b, v->text, v->len);
    v = jt_get(root, "version");
    if (!v || v->kind != JT_INT || v->i < 1 || v->i > 1000000)
        problem(b, v ? v : root, "version", "needs a version: an integer from "
                "1, raised whenever fields are added");
    else
        s->version = (int)v->i;
    s->title = line_text(b, jt_get(root, "title"), "title", "title");
    s->description = line_text(b, jt_get(root, "description"), "description",
                               "description");
    v = jt_get(root, "money_words");
    s->money_words = v ? line_text(b, v, "money_words", "money_words")
                       : "minor units of the currency";
    compile_codes(b, jt_get(root, "codes"));
    b->types = jt_get(root, "types");
    if (b->types && b->types->kind != JT_OBJECT) {
        problem(b, b->types, "types", "expected an object: name -> field");
        b->types = NULL;
    }
    v = jt_get(root, "fields");
    if (!v || v->kind != JT_OBJECT || v->n == 0) {
        problem(b, v ? v : root, "fields", "needs \"fields\": the document's "
                "fields");
        return;
    }
    if ((doc = new_node(b, -1, "", 0, "", root->line)) < 0 ||
        new_record(b, doc) < 0)
        return;
    b->nodes[doc].type = SCH_OBJECT;
    b->nodes[doc].required = 1;
    b->nodes[doc].description = "the declaration";
    add_slot(b, doc, 0);
    compile_object(b, doc, v, "", 0);
    if (b->oom || b->nproblems)
        return;
    mark_input_only(b, doc, 0);
    apply_fixups(b);
    describe(b);
    if (s->roles[SCH_ROLE_EFFECTIVE_DATE] < 0)
        problem(b, v, "fields", "no field has the role effective_date (the "
                "date that picks plan and table versions)");
    else if (b->nodes[s->roles[SCH_ROLE_EFFECTIVE_DATE]].type != SCH_DATE ||
             b->nodes[s->roles[SCH_ROLE_EFFECTIVE_DATE]].record != 0 ||
             !b->nodes[s->roles[SCH_ROLE_EFFECTIVE_DATE]].required)
        problem(b, v, "fields", "the effective_date role needs a required "
                "date outside lists");
}

/* Is node n at or under node top? */
static int sch_under(const sch_schema *s, int n, int top)
{
    for (; n >= 0; n = s->nodes[n].parent)
        if (n == top)
            return 1;
    return 0;
}

/* The records at their defaults (decl_record_defaults), again after
 * sch_resolve_tables has changed defaults. */
static void fill_defaults(sch_schema *s)
{
    int i;
    for (i = 0; i < s->nrecords; i++)
        if (s->records[i].defaults &&
            decl_record_defaults(s, i, s->records[i].defaults) != 0)
            s->records[i].defaults = NULL; /* a text default: none */
}

/* The indexes the declaration code reads on every document (schema.h):
 * each object's shorthands, the nodes under a not_after date, the
 * defaults to refresh, each record's lists and defaults. RATEL_OK or
 * RATEL_ENOMEM. */
static int index_schema(sch_schema *s)
{
    int i, j, k, n;
    for (i = 0; i < s->nnodes; i++) {
        sch_node *o = &s->nodes[i];
        if (o->not_after >= 0)
            for (j = i; j >= 0; j = s->nodes[j].parent)
                s->nodes[j].has_dates = 1;
        if (o->default_from >= 0 && o->record == 0)
            s->nrefresh++;
        if (o->type != SCH_OBJECT)
            continue;
        if (!(o->checks = sch_alloc(s, (size_t)(o->nchildren ? o->nchildren
                                                              : 1) *
                                           sizeof(int))))
            return RATEL_ENOMEM;
        for (j = 0; j < o->nchildren; j++) {
            const sch_node *c = &s->nodes[o->children[j]];
            if (!c->input_only &&
                (c->type == SCH_OBJECT || c->type == SCH_LIST ||
                 c->required || c->required_when >= 0))
                o->checks[o->nchecks++] = o->children[j];
        }
        for (n = 0, j = 0; j < s->nnodes; j++) { /* decl_check.c's rule */
            const sch_node *h = &s->nodes[j];
            if (!h->input_only || h->nsets == 0 || h->record != o->record)
                continue;
            for (k = 0; k < h->nsets; k++)
                if (sch_under(s, h->sets[k], i))
                    break;
            if (k < h->nsets)
                n++;
        }
        if (n == 0)
            continue;
        if (!(o->shorthands = sch_alloc(s, (size_t)n * sizeof(int))))
            return RATEL_ENOMEM;
        for (j = 0; j < s->nnodes; j++) {
            const sch_node *h = &s->nodes[j];
            if (!h->input_only || h->nsets == 0 || h->record != o->record)
                continue;
            for (k = 0; k < h->nsets; k++)
                if (sch_under(s, h->sets[k], i))
                    break;
            if (k < h->nsets)
                o->shorthands[o->nshorthands++] = j;
        }
    }
    if (!(s->refresh = sch_alloc(s, (size_t)(s->nrefresh ? s->nrefresh : 1) *
                                        sizeof(int))))
        return RATEL_ENOMEM;
    for (i = 0, n = 0; i < s->nnodes; i++)
        if (s->nodes[i].default_from >= 0 && s->nodes[i].record == 0)
            s->refresh[n++] = i;
    s->refresh_passes = 1;
    for (i = 0; i < s->nrefresh; i++)
        for (j = i; j < s->nrefresh; j++)
            if (s->nodes[s->refresh[i]].default_from == s->refresh[j])
                s->refresh_passes = 2;
    for (i = 0; i < s->nrecords; i++) {
        sch_record *r = &s->records[i];
        for (j = 0; j < r->nslots; j++)
            r->nlists += s->nodes[r->slot_node[j]].type == SCH_LIST;
        if (!(r->lists = sch_alloc(s, (size_t)(r->nlists ? r->nlists : 1) *
                                          sizeof(int))) ||
            !(r->defaults = sch_alloc(s, (size_t)(r->nslots ? r->nslots : 1)
                                             * sizeof(decl_slot))))
            return RATEL_ENOMEM;
        for (j = 0, n = 0; j < r->nslots; j++)
            if (s->nodes[r->slot_node[j]].type == SCH_LIST)
                r->lists[n++] = j;
    }
    fill_defaults(s);
    return RATEL_OK;
}

int sch_compile(sch_schema **out, const char *file, const char *text,
                size_t len, ratel_err *e)
{
    char msg[256];
    sch_build b;
    jt_doc *doc = NULL;
    sch_schema *s;
    int rc, i;
    *out = NULL;
    memset(&b, 0, sizeof b);
    s = calloc(1, sizeof *s);
    if (!s || !(s->mem = calloc(1, sizeof *s->mem)) ||
        !(s->file = strdup(file ? file : "(schema)"))) {
        sch_free(s);
        return err_set(e, RATEL_ENOMEM, "out of memory");
    }
    for (i = 0; i < SCH_NROLES; i++)
        s->roles[i] = -1;
    sha256_hex(text, len, s->hash);
    b.s = s;
    b.e = e;
    buf_init(&b.problems);
    rc = jt_parse(&doc, text, len, msg, sizeof msg);
    if (rc == -1)
        problem(&b, NULL, NULL, "%s", msg);
    else if (rc == 0)
        compile_top(&b, jt_root(doc));
    if (rc == -2) /* nothing compiled: nothing to seal */
        b.oom = 1;
    if (!b.oom && !b.nproblems)
        seal(&b);
    if (!b.oom && !b.nproblems && index_schema(s) != RATEL_OK)
        b.oom = 1;
    for (i = 0; i < s->nrecords && b.slots; i++)
        free(b.slots[i]);
    free(b.slots);
    free(b.capslots);
    free(b.nodes);
    free(b.records);
    free(b.fixups);
    jt_free(doc);
    if (b.oom || b.problems.oom) {
        buf_free(&b.problems);
        sch_free(s);
        return err_set(e, RATEL_ENOMEM, "out of memory");
    }
    if (b.nproblems) {
        if (b.nproblems > 50)
            buf_printf(&b.problems, "\n%s: %d more problems", s->file,
                       b.nproblems - 50);
        rc = err_set(e, RATEL_EPLAN, "%s", buf_cstr(&b.problems));
        buf_free(&b.problems);
        sch_free(s);
        return rc;
    }
    buf_free(&b.problems);
    *out = s;
    return RATEL_OK;
}

int sch_resolve_tables(sch_schema *s, sch_table_keys keys, void *ud,
                       ratel_err *e)
{
    int i, j;
    for (i = 0; i < s->ncodes; i++) {
        sch_codes *c = &s->codes[i];
        int n, k;
        if (!c->from_table)
            continue;
        if ((k = keys(ud, c->from_table, NULL, &n)) == -1) {
            /* no such table in this database: no code is valid, and a
             * declaration giving one is told why */
            c->missing_table = 1;
            n = 0;
        } else if (k != 0) {
            return err_set(e, RATEL_ETABLE, "%s:%d: codes.%s: from_table "
                           "names '%s', which is not a one-key text table "
                           "in the table database", s->file, c->line,
                           c->name, c->from_table);
        }
        c->values = sch_alloc(s, (size_t)(n ? n : 1) * sizeof *c->values);
        c->lens = sch_alloc(s, (size_t)(n ? n : 1));
        if (!c->values || !c->lens)
            return err_set(e, RATEL_ENOMEM, "out of memory");
        keys(ud, c->from_table, c->values, &n);
        for (j = 0; j < n; j++) {
            size_t len = strlen(c->values[j]);
            if (len > 64)
                return err_set(e, RATEL_ETABLE, "%s:%d: codes.%s: key of "
                               "'%s' longer than 64 bytes", s->file, c->line,
                               c->name, c->from_table);
            c->lens[j] = (unsigned char)len; /* texts: the engine's */
        }
        c->n = n;
    }
    for (i = 0; i < s->nnodes; i++) {
        sch_node *x = &s->nodes[i];
        if (x->type == SCH_CODE && x->has_default && x->def_text &&
            s->codes[x->codes].missing_table)
            x->has_default = 0; /* reads nil: the codes are not there */
        else if (x->type == SCH_CODE && x->has_default && x->def_text &&
            s->codes[x->codes].from_table &&
            (x->def_i = sch_code_find(&s->codes[x->codes], x->def_text,
                                      strlen(x->def_text))) < 0)
            return err_set(e, RATEL_ETABLE, "%s:%d: %s: the default '%s' is "
                           "not a key of table '%s'", s->file, x->line,
                           x->path, x->def_text,
                           s->codes[x->codes].from_table);
    }
    for (i = 0; i < s->nnodes; i++)
        if (s->nodes[i].codes >= 0 && s->nodes[i].type != SCH_CODE &&
            s->codes[s->nodes[i].codes].n > SCH_MAX_SET_CODES)
            return err_set(e, RATEL_ETABLE, "%s: %s: flags and sets hold at "
                           "most %d codes", s->file, s->nodes[i].path,
                           SCH_MAX_SET_CODES);
    fill_defaults(s); /* the defaults of codes from tables have changed */
    return RATEL_OK;
}
