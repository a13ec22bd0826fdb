/* decl_json.c - the declaration reader: yajl's streaming parser feeds
 * callbacks that check each value against the field table (decl_fields.c)
 * and store it straight into struct ratel_decl, tracking where in the
 * document they are so that every error names its JSON path. The only
 * file that includes the JSON library. */
#include "decl_fields.h"
#include "decl_arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Deepest nesting accepted, counting every object and array. */
#define MAX_DEPTH 64
/* Field errors reported before the reader gives up on a document. */
#define MAX_ERRORS 100
/* Stack memory for the parser's own allocations: its handle, lexer and
 * state stack (about 400 bytes), the lexer's and the string decoder's
 * buffers (2 KiB each); a longer token or escaped string spills to the
 * heap. */
#define PARSER_MEMORY 6144
/* Where the reader is: a decl_section, or one of these. */
enum { AT_TOP = 100, AT_END };

typedef struct reader {
    struct ratel_decl *d;
    ratel_err *e;
    int rc;                 /* RATEL_ENOMEM once out of memory */
    int nerrors;            /* field errors recorded */
    int where;              /* section whose content comes next */
    int depth;              /* open objects and arrays */
    int skip;               /* open containers inside a skipped value */
    const decl_field *key;  /* keyed field whose value comes next; NULL
                               after a refused key (its value is skipped) */
    int control;            /* DECL_SEC_CONTROLS: the same, as an index */
    size_t count;           /* elements begun in the current array */
    size_t nincidents;
    int is_object;          /* the document is an object */
    uint64_t seen;          /* bit i: decl_fields[i] given in its object */
    size_t next_field[DECL_SEC_INCIDENT + 1]; /* per keyed section: the
                               field after the last key found, tried first */
    int next_control;       /* the same for controls */
    uint32_t given;         /* DECL_HAS_* of fields given, valid or not */
    uint32_t controls_seen;
    int cert_at[DECL_NCERTIFICATIONS]; /* first index of each, or -1 */
    decl_incident inc[DECL_MAX_INCIDENTS];
    char text[DECL_MSG_MAX]; /* an error's message, being written (here,
                                not on the stack of the callbacks) */
} reader;

/* JSON path of the value or key the reader is at: `key` (len bytes) is a
 * key not yet accepted, else the pending key is used. */
static void path_of(const reader *r, const char *key, size_t len,
                    char *path, size_t cap)
{
    static const char *const base[] = {
        [DECL_SEC_ROOT] = "$", [DECL_SEC_APPLICANT] = "$.applicant",
        [DECL_SEC_REQUEST] = "$.request", [DECL_SEC_INCIDENT] = "$.incidents",
        [DECL_SEC_CONTROLS] = "$.controls",
        [DECL_SEC_INCIDENTS] = "$.incidents",
        [DECL_SEC_CERTIFICATIONS] = "$.certifications"};
    if (r->where == AT_TOP || r->where == AT_END) {
        snprintf(path, cap, "$");
        return;
    }
    if (r->where == DECL_SEC_INCIDENT || r->where == DECL_SEC_INCIDENTS ||
        r->where == DECL_SEC_CERTIFICATIONS)
        snprintf(path, cap, "%s[%zu]", base[r->where],
                 r->count ? r->count - 1 : 0);
    else
        snprintf(path, cap, "%s", base[r->where]);
    if (key)
        decl_path_append_key(path, cap, key, len);
    else if (r->key)
        decl_path_append_key(path, cap, r->key->key, strlen(r->key->key));
    else if (r->where == DECL_SEC_CONTROLS && r->control >= 0)
        decl_path_append_key(path, cap, decl_controls[r->control],
                             strlen(decl_controls[r->control]));
}

/* Records a field error at the current path (with `key` if not NULL).
 * Returns 1 to go on, 0 to stop the parse (out of memory, or too many
 * errors to be useful). */
static int report(reader *r, const char *key, size_t len, const char *text)
{
    char path[160];
    path_of(r, key, len, path, sizeof path);
    if (err_add_field(r->e, path, 0, 0, "%s", text) != RATEL_OK) {
        r->rc = RATEL_ENOMEM;
        return 0;
    }
    if (++r->nerrors < MAX_ERRORS)
        return 1;
    if (err_add_field(r->e, "$", 0, 0, "too many errors; stopped after %d",
                      MAX_ERRORS) != RATEL_OK)
        r->rc = RATEL_ENOMEM;
    return 0;
}

static int is_container(const decl_value *v)
{
    return v->kind == DECL_V_OBJECT || v->kind == DECL_V_ARRAY;
}

/* Reports why `f` refused `v` (a refused container is then skipped):
 * 0, or -1 to stop the parse. */
static int refused(reader *r, const decl_field *f, const decl_value *v)
{
    decl_field_refusal(f, v, r->text, sizeof r->text);
    r->skip = is_container(v);
    return report(r, NULL, 0, r->text) ? 0 : -1;
}

/* Checks `v` against `f`: 1 valid (converted in *s), 0 refused (reported;
 * a refused container is skipped), -1 to stop the parse. */
static int check(reader *r, const decl_field *f, const decl_value *v,
                 decl_scalar *s)
{
    r->given |= f->bit;
    if (decl_field_accept(f, v, s) == 0)
        return 1;
    return refused(r, f, v);
}

/* The value of a key of ROOT, APPLICANT, REQUEST or an incident. */
static int on_keyed(reader *r, const decl_value *v)
{
    const decl_field *f = r->key;
    decl_scalar s;
    if (!f) {
        r->skip = is_container(v);
        return 1;
    }
    r->given |= f->bit;
    if (decl_field_accept(f, v, &s) != 0) {
        int ok = refused(r, f, v); /* at the path of r->key */
        r->key = NULL;
        return ok == 0;
    }
    r->key = NULL;
    if (f->type == DF_OBJECT || f->type == DF_ARRAY) {
        r->where = f->opens;
        r->count = 0;
    } else if (decl_field_store(f, r->where == DECL_SEC_INCIDENT
                                       ? (void *)&r->inc[r->count - 1]
                                       : (void *)r->d,
                                &s) != RATEL_OK) {
        r->rc = RATEL_ENOMEM;
        return 0;
    }
    r->d->present |= f->bit;
    return 1;
}

static int on_control(reader *r, const decl_value *v)
{
    decl_scalar s;
    int ok;
    if (r->control < 0) {
        r->skip = is_container(v);
        return 1;
    }
    ok = check(r, &decl_control_field, v, &s);
    if (ok == 1 && s.i)
        r->d->controls |= 1u << r->control;
    r->control = -1;
    return ok >= 0;
}

/* An element of "incidents": an object, at most DECL_MAX_INCIDENTS. */
static int on_incident(reader *r, const decl_value *v)
{
    decl_incident *inc;
    decl_scalar s;
    size_t i;
    int ok;
    if (++r->count > DECL_MAX_INCIDENTS) {
        r->skip = is_container(v);
        if (r->count > DECL_MAX_INCIDENTS + 1)
            return 1; /* said once */
        snprintf(r->text, sizeof r->text, "expected at most %d incidents, "
                 "got more", DECL_MAX_INCIDENTS);
        return report(r, NULL, 0, r->text);
    }
    inc = &r->inc[r->count - 1];
    inc->date = INT32_MIN; /* "not valid": never after the effective date */
    inc->type = -1;
    inc->paid = 0;
    r->nincidents = r->count;
    ok = check(r, &decl_incident_field, v, &s);
    if (ok != 1)
        return ok == 0;
    r->where = DECL_SEC_INCIDENT;
    for (i = 0; i < decl_nfields; i++) /* keys seen: none yet */
        if (decl_fields[i].section == DECL_SEC_INCIDENT)
            r->seen &= ~(UINT64_C(1) << i);
    return 1;
}

/* An incident object ends: report its missing fields. */
static int incident_end(reader *r)
{
    size_t i;
    for (i = 0; i < decl_nfields; i++) {
        const decl_field *f = &decl_fields[i];
        if (f->section != DECL_SEC_INCIDENT || (r->seen >> i & 1))
            continue;
        decl_field_missing_message(f, r->text, sizeof r->text);
        if (!report(r, f->key, strlen(f->key), r->text))
            return 0;
    }
    return 1;
}

/* An element of "certifications": a known name, each at most once. */
static int on_certification(reader *r, const decl_value *v)
{
    decl_scalar s;
    int ok;
    r->count++;
    ok = check(r, &decl_certification_field, v, &s);
    if (ok != 1)
        return ok == 0;
    if (r->cert_at[s.i] >= 0) {
        snprintf(r->text, sizeof r->text, "expected each certification "
                 "once, got \"%s\" again (first at [%d])",
                 decl_certifications[s.i], r->cert_at[s.i]);
        return report(r, NULL, 0, r->text);
    }
    r->cert_at[s.i] = (int)r->count - 1;
    r->d->certifications |= 1u << s.i;
    return 1;
}

/* A value, scalar or container, where the reader is (not skipping). */
static int on_value(reader *r, const decl_value *v)
{
    switch (r->where) {
    case AT_TOP: {
        decl_scalar s;
        int ok = check(r, &decl_document_field, v, &s);
        r->where = ok == 1 ? DECL_SEC_ROOT : AT_END;
        r->is_object = ok == 1;
        return ok >= 0;
    }
    case DECL_SEC_CONTROLS: return on_control(r, v);
    case DECL_SEC_INCIDENTS: return on_incident(r, v);
    case DECL_SEC_CERTIFICATIONS: return on_certification(r, v);
    default: return on_keyed(r, v);
    }
}

/* An object or array begins: deeper, and skipped inside a skipped
 * value. */
static int on_container(reader *r, const decl_value *v)
{
    if (++r->depth > MAX_DEPTH) {
        snprintf(r->text, sizeof r->text, "expected at most %d levels of "
                 "nested objects and arrays, got more", MAX_DEPTH);
        report(r, NULL, 0, r->text);
        return 0;
    }
    if (r->skip) {
        r->skip++;
        return 1;
    }
    return on_value(r, v);
}

static int cb_null(void *ctx)
{
    decl_value v = {DECL_V_NULL, NULL, 0, 0, 0, 0.0, 0};
    return ((reader *)ctx)->skip ? 1 : on_value(ctx, &v);
}

static int cb_boolean(void *ctx, int b)
{
    decl_value v = {DECL_V_BOOL, NULL, 0, 0, 0, 0.0, 0};
    v.b = b;
    return ((reader *)ctx)->skip ? 1 : on_value(ctx, &v);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
    decl_value v = {DECL_V_INT, NULL, 0, 0, 0, 0.0, 0};
    if (((reader *)ctx)->skip)
        return 1;
    decl_value_number(&v, s, len);
    return on_value(ctx, &v);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    v.text = (const char *)s;
    v.len = len;
    return ((reader *)ctx)->skip ? 1 : on_value(ctx, &v);
}

static int cb_start_map(void *ctx)
{
    decl_value v = {DECL_V_OBJECT, NULL, 0, 0, 0, 0.0, 0};
    return on_container(ctx, &v);
}

static int cb_start_array(void *ctx)
{
    decl_value v = {DECL_V_ARRAY, NULL, 0, 0, 0, 0.0, 0};
    return on_container(ctx, &v);
}

/* A key: known, not yet seen in this object, else reported (its value is
 * then skipped). */
static int cb_map_key(void *ctx, const unsigned char *k, size_t len)
{
    reader *r = ctx;
    const char *key = (const char *)k;
    const decl_field *f;
    int i;
    if (r->skip)
        return 1;
    r->key = NULL;
    r->control = -1;
    if (r->where == DECL_SEC_CONTROLS) {
        i = decl_vocab_find_near(&decl_vocab_controls, key, len,
                                 r->next_control);
        if (i >= 0)
            r->next_control = i + 1;
        if (i >= 0 && !(r->controls_seen >> i & 1)) {
            r->controls_seen |= 1u << i;
            r->control = i;
            return 1;
        }
    } else if ((f = decl_field_find_near(r->where, key, len,
                                         r->where <= DECL_SEC_INCIDENT
                                             ? r->next_field[r->where]
                                             : 0)) != NULL) {
        i = (int)(f - decl_fields);
        r->next_field[r->where] = (size_t)i + 1;
        if (!(r->seen >> i & 1)) {
            r->seen |= UINT64_C(1) << i;
            r->key = f;
            return 1;
        }
    } else {
        i = -1;
    }
    if (i >= 0)
        snprintf(r->text, sizeof r->text, "duplicate key; each key may "
                 "appear only once in an object");
    else
        decl_unknown_key_message(r->where, key, len, r->text,
                                 sizeof r->text);
    return report(r, key, len, r->text);
}

static int cb_end_map(void *ctx)
{
    reader *r = ctx;
    r->depth--;
    if (r->skip) {
        r->skip--;
        return 1;
    }
    if (r->where == DECL_SEC_INCIDENT) {
        int ok = incident_end(r);
        r->where = DECL_SEC_INCIDENTS;
        return ok;
    }
    r->where = r->where == DECL_SEC_ROOT ? AT_END : DECL_SEC_ROOT;
    return 1;
}

static int cb_end_array(void *ctx)
{
    reader *r = ctx;
    r->depth--;
    if (r->skip) {
        r->skip--;
        return 1;
    }
    r->where = DECL_SEC_ROOT;
    return 1;
}

/* A syntax error: yajl's message (without its multi-line excerpt) at the
 * path reached, with the 1-based line and column (in characters) of
 * byte `at`. */
static void syntax_error(reader *r, yajl_handle h, const char *json,
                         size_t len, size_t at)
{
    char path[160];
    unsigned char *text = yajl_get_error(h, 0, (const unsigned char *)json,
                                         len);
    const char *msg = text ? (const char *)text : "invalid JSON";
    size_t i, n = strlen(msg);
    int line = 1, column = 1;
    if (at > len)
        at = len;
    while (at > 0 && at < len && ((unsigned char)json[at] & 0xC0) == 0x80)
        at--; /* the start of the character */
    for (i = 0; i < at; i++) {
        if (json[i] == '\n') {
            line++;
            column = 1;
        } else if (((unsigned char)json[i] & 0xC0) != 0x80) {
            column++;
        }
    }
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    path_of(r, NULL, 0, path, sizeof path);
    if (err_add_field(r->e, path, line, column, "%.*s", (int)n, msg))
        r->rc = RATEL_ENOMEM;
    if (text)
        yajl_free_error(h, text);
}

/* Moves the incidents read into the declaration. */
static int keep_incidents(reader *r)
{
    size_t n = r->nincidents;
    if (n == 0)
        return RATEL_OK;
    r->d->incidents = malloc(n * sizeof *r->d->incidents);
    if (!r->d->incidents)
        return RATEL_ENOMEM;
    memcpy(r->d->incidents, r->inc, n * sizeof *r->inc);
    r->d->nincidents = n;
    return RATEL_OK;
}

int decl_parse_json(struct ratel_decl *d, const char *json, size_t len,
                    ratel_err *e)
{
    static const yajl_callbacks callbacks = {
        cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
        cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array};
    max_align_t memory[PARSER_MEMORY / sizeof(max_align_t)];
    decl_arena arena;
    yajl_alloc_funcs alloc;
    reader r;
    yajl_handle h;
    yajl_status st;
    int rc, i;
    decl_init(d);
    r.d = d;
    r.e = e;
    r.rc = RATEL_OK;
    r.nerrors = 0;
    r.where = AT_TOP;
    r.depth = r.skip = 0;
    r.key = NULL;
    r.control = -1;
    r.count = r.nincidents = 0;
    r.is_object = 0;
    r.seen = 0;
    memset(r.next_field, 0, sizeof r.next_field);
    r.next_control = 0;
    r.given = 0;
    r.controls_seen = 0;
    for (i = 0; i < DECL_NCERTIFICATIONS; i++)
        r.cert_at[i] = -1;
    decl_arena_init(&arena, memory, sizeof memory);
    alloc.malloc = decl_arena_malloc;
    alloc.realloc = decl_arena_realloc;
    alloc.free = decl_arena_free;
    alloc.ctx = &arena;
    h = yajl_alloc(&callbacks, &alloc, &r);
    if (!h)
        return RATEL_ENOMEM;
    yajl_config(h, yajl_dont_validate_strings, 1); /* the name is checked */
    st = yajl_parse(h, (const unsigned char *)(json ? json : ""), len);
    if (st == yajl_status_error) {
        size_t read = yajl_get_bytes_consumed(h);
        syntax_error(&r, h, json, len, read ? read - 1 : 0); /* last read */
    }
    else if (st == yajl_status_ok &&
             (st = yajl_complete_parse(h)) == yajl_status_error)
        syntax_error(&r, h, json, len, len);
    yajl_free(h);
    rc = r.rc;
    if (rc == RATEL_OK && st == yajl_status_ok && r.is_object) {
        rc = keep_incidents(&r);
        if (rc == RATEL_OK)
            rc = decl_check_given(d, r.given | d->present, e);
    }
    if (rc == RATEL_OK && (st != yajl_status_ok || r.nerrors))
        rc = RATEL_EDECL;
    if (rc != RATEL_OK)
        decl_dispose(d);
    if (rc == RATEL_EDECL)
        return err_finish_fields(e);
    if (rc == RATEL_ENOMEM)
        err_set(e, rc, "out of memory while reading a declaration");
    return rc;
}
