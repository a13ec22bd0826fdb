/* decl_fields.c - the field table of the declaration and the value checks
 * and messages shared by the JSON reader and the API setters. */
#include "decl_fields.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define D(m) offsetof(struct ratel_decl, m)
#define I(m) offsetof(decl_incident, m)
#define KEY(k) k, sizeof k - 1

/* Grouped by section, in the order of enum decl_section; FIRST_* below
 * name where each group starts. */
const decl_field decl_fields[] = {
    {"effective_date", KEY("effective_date"), DECL_SEC_ROOT, DF_DATE, 0, 1,
     DECL_HAS_EFFECTIVE_DATE, 0, 0, D(effective_date)},
    {"applicant", KEY("applicant"), DECL_SEC_ROOT, DF_OBJECT,
     DECL_SEC_APPLICANT, 1, DECL_HAS_APPLICANT, 0, 0, 0},
    {"incidents", KEY("incidents"), DECL_SEC_ROOT, DF_ARRAY,
     DECL_SEC_INCIDENTS, 0, DECL_HAS_INCIDENTS, 0, 0, 0},
    {"controls", KEY("controls"), DECL_SEC_ROOT, DF_OBJECT, DECL_SEC_CONTROLS,
     0, DECL_HAS_CONTROLS, 0, 0, 0},
    {"certifications", KEY("certifications"), DECL_SEC_ROOT, DF_ARRAY,
     DECL_SEC_CERTIFICATIONS, 0, DECL_HAS_CERTIFICATIONS, 0, 0, 0},
    {"request", KEY("request"), DECL_SEC_ROOT, DF_OBJECT, DECL_SEC_REQUEST, 1,
     DECL_HAS_REQUEST, 0, 0, 0},

    {"applicant.name", KEY("name"), DECL_SEC_APPLICANT, DF_NAME, 0, 1,
     DECL_HAS_NAME, 0, 0, D(name)},
    {"applicant.revenue", KEY("revenue"), DECL_SEC_APPLICANT, DF_MONEY, 0, 1,
     DECL_HAS_REVENUE, 0, RATEL_MONEY_MAX, D(revenue)},
    {"applicant.industry", KEY("industry"), DECL_SEC_APPLICANT, DF_INDUSTRY,
     0, 1, DECL_HAS_INDUSTRY, 0, 0, D(industry)},
    {"applicant.employees", KEY("employees"), DECL_SEC_APPLICANT, DF_INT, 0,
     1, DECL_HAS_EMPLOYEES, 0, DECL_MAX_EMPLOYEES, D(employees)},
    {"applicant.personal_records", KEY("personal_records"),
     DECL_SEC_APPLICANT, DF_INT, 0, 0, DECL_HAS_RECORDS, 0, DECL_MAX_RECORDS,
     D(personal_records)},
    {"applicant.overseas_revenue_share", KEY("overseas_revenue_share"),
     DECL_SEC_APPLICANT, DF_SHARE, 0, 0, DECL_HAS_OVERSEAS, 0, 0,
     D(overseas_revenue_share)},

    {"request.liability_limit", KEY("liability_limit"), DECL_SEC_REQUEST,
     DF_MONEY, 0, 1, DECL_HAS_LIABILITY, 0, RATEL_MONEY_MAX,
     D(liability_limit)},
    {"request.expense_limit", KEY("expense_limit"), DECL_SEC_REQUEST,
     DF_MONEY, 0, 1, DECL_HAS_EXPENSE, 0, RATEL_MONEY_MAX, D(expense_limit)},
    {"request.bi_limit", KEY("bi_limit"), DECL_SEC_REQUEST, DF_MONEY, 0, 0,
     DECL_HAS_BI, 0, RATEL_MONEY_MAX, D(bi_limit)},
    {"request.bi_waiting_hours", KEY("bi_waiting_hours"), DECL_SEC_REQUEST,
     DF_INT, 0, 0, DECL_HAS_WAITING, 0, DECL_MAX_WAITING_HOURS,
     D(bi_waiting_hours)},
    {"request.deductible", KEY("deductible"), DECL_SEC_REQUEST, DF_MONEY, 0,
     1, DECL_HAS_DEDUCTIBLE, 0, RATEL_MONEY_MAX, D(deductible)},
    {"request.coinsurance_pct", KEY("coinsurance_pct"), DECL_SEC_REQUEST,
     DF_INT, 0, 0, DECL_HAS_COINSURANCE, 1, 100, D(coinsurance_pct)},

    {"incidents[].date", KEY("date"), DECL_SEC_INCIDENT, DF_DATE, 0, 1, 0, 0,
     0, I(date)},
    {"incidents[].type", KEY("type"), DECL_SEC_INCIDENT, DF_INCIDENT_TYPE, 0,
     1, 0, 0, 0, I(type)},
    {"incidents[].paid", KEY("paid"), DECL_SEC_INCIDENT, DF_MONEY, 0, 1, 0, 0,
     RATEL_MONEY_MAX, I(paid)},
};
const size_t decl_nfields = sizeof decl_fields / sizeof decl_fields[0];

/* Index in decl_fields of the first field of each keyed section, and one
 * past the last field (test_decl checks every key is found in its own
 * section and in no other). */
static const unsigned char section_first[DECL_SEC_INCIDENT + 2] = {
    [DECL_SEC_ROOT] = 0, [DECL_SEC_APPLICANT] = 6, [DECL_SEC_REQUEST] = 12,
    [DECL_SEC_INCIDENT] = 18, [DECL_SEC_INCIDENT + 1] = 21};
_Static_assert(sizeof decl_fields / sizeof decl_fields[0] == 21,
               "section_first must be updated with the field table");

const decl_field decl_control_field = {
    "controls.*", KEY("*"), DECL_SEC_CONTROLS, DF_BOOL, 0, 0, 0, 0, 0, 0};
const decl_field decl_certification_field = {
    "certifications[]", KEY(""), DECL_SEC_CERTIFICATIONS, DF_CERTIFICATION,
    0, 0, 0, 0, 0, 0};
const decl_field decl_document_field = {
    "", KEY(""), DECL_SEC_ROOT, DF_OBJECT, DECL_SEC_ROOT, 1, 0, 0, 0, 0};
const decl_field decl_incident_field = {
    "incidents[]", KEY(""), DECL_SEC_INCIDENTS, DF_OBJECT, DECL_SEC_INCIDENT,
    0, 0, 0, 0, 0};

const decl_field *decl_field_find(int section, const char *key, size_t len)
{
    const decl_field *f, *end;
    if (section < DECL_SEC_ROOT || section > DECL_SEC_INCIDENT)
        return NULL;
    /* length and first byte before the rest (no key is empty, so key[0]
     * is there when the lengths agree); a key holding a NUL byte never
     * matches, as no field's key holds one */
    end = &decl_fields[section_first[section + 1]];
    for (f = &decl_fields[section_first[section]]; f < end; f++)
        if (f->keylen == len && f->key[0] == key[0] &&
            memcmp(f->key, key, len) == 0)
            return f;
    return NULL;
}

const decl_field *decl_field_find_near(int section, const char *key,
                                       size_t len, size_t guess)
{
    if (section >= DECL_SEC_ROOT && section <= DECL_SEC_INCIDENT &&
        guess >= section_first[section] &&
        guess < section_first[section + 1] &&
        decl_fields[guess].keylen == len &&
        memcmp(decl_fields[guess].key, key, len) == 0)
        return &decl_fields[guess];
    return decl_field_find(section, key, len);
}

const decl_field *decl_field_by_path(const char *path)
{
    size_t i;
    for (i = 0; i < decl_nfields; i++)
        if (strcmp(decl_fields[i].path, path) == 0)
            return &decl_fields[i];
    return NULL;
}

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

/* "one of a, b, c" and, when a name is close to `got`, "; did you mean
 * "x"?" placed by the caller via `suggest`. */
static void msg_names(msg *m, const char *const *names, int n)
{
    int i;
    msg_printf(m, "one of ");
    for (i = 0; i < n; i++)
        msg_printf(m, "%s%s", i ? ", " : "", names[i]);
}

static void msg_suggest(msg *m, const char *const *names, int n,
                        const char *got, size_t len)
{
    size_t best = SIZE_MAX, d;
    int i, at = -1;
    if (len == 0 || len >= 40)
        return;
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
        msg_printf(m, "; did you mean \"%s\"?", names[at]);
}

/* What a field accepts, in words. */
static void msg_expect(msg *m, const decl_field *f)
{
    const decl_vocab *vocab = decl_field_vocab(f);
    switch (f->type) {
    case DF_DATE:
        msg_printf(m, "a date \"YYYY-MM-DD\" (a real calendar date, years "
                      "1900 to 2999)");
        break;
    case DF_NAME:
        msg_printf(m, "a non-empty UTF-8 string of at most %d bytes",
                   DECL_MAX_NAME_BYTES);
        break;
    case DF_MONEY: msg_printf(m, "a non-negative integer number of yen"); break;
    case DF_INT:
        msg_printf(m, "an integer from %" PRId64 " to %" PRId64, f->min,
                   f->max);
        break;
    case DF_SHARE: msg_printf(m, "a number from 0 to 1"); break;
    case DF_BOOL: msg_printf(m, "true or false"); break;
    case DF_OBJECT: msg_printf(m, "an object"); break;
    case DF_ARRAY: msg_printf(m, "an array"); break;
    default: msg_names(m, vocab->names, vocab->n); break;
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

/* "expected <what f accepts>, got <v>" */
static int refuse(msg *m, const decl_field *f, const decl_value *v)
{
    msg_printf(m, "expected ");
    msg_expect(m, f);
    msg_printf(m, ", got ");
    msg_value(m, v);
    return -1;
}

/* Why an integer field refused `v`. */
static void integer_refusal(msg *m, const decl_field *f, const decl_value *v)
{
    if (v->kind == DECL_V_FLOAT) {
        refuse(m, f, v);
        msg_printf(m, v->text ? " (write an integer, without a fraction or "
                                "an exponent)"
                              : " (not an integer value)");
    } else if (v->kind == DECL_V_INT && f->type == DF_MONEY &&
               (v->overflow > 0 || v->i > f->max)) {
        msg_printf(m, "expected at most %" PRId64 " yen, got ", f->max);
        msg_value(m, v);
    } else {
        refuse(m, f, v);
    }
}

/* Why the name refused `v`: empty, too long, invalid UTF-8 or a NUL
 * character, at the first byte at fault. */
static void name_refusal(msg *m, const decl_field *f, const decl_value *v)
{
    size_t i = 0, n = 1;
    const unsigned char *s = (const unsigned char *)v->text;
    if (v->kind != DECL_V_STRING) {
        refuse(m, f, v);
        return;
    }
    if (v->len > 0 && v->len <= DECL_MAX_NAME_BYTES)
        for (; i < v->len && n > 0 && s[i] != 0; i += n)
            n = decl_utf8_seq(s + i, v->len - i);
    msg_printf(m, "expected ");
    msg_expect(m, f);
    if (v->len == 0)
        msg_printf(m, ", got an empty string");
    else if (v->len > DECL_MAX_NAME_BYTES)
        msg_printf(m, ", got %zu bytes", v->len);
    else if (n == 0)
        msg_printf(m, ", got invalid UTF-8 at byte %zu", i - n + 1);
    else
        msg_printf(m, ", got a NUL character at byte %zu", i + 1);
}

void decl_field_refusal(const decl_field *f, const decl_value *v,
                        char *text, size_t cap)
{
    msg m;
    const decl_vocab *vocab = decl_field_vocab(f);
    msg_init(&m, text, cap);
    switch (f->type) {
    case DF_NAME: name_refusal(&m, f, v); break;
    case DF_MONEY:
    case DF_INT: integer_refusal(&m, f, v); break;
    default:
        refuse(&m, f, v);
        if (vocab && v->kind == DECL_V_STRING)
            msg_suggest(&m, vocab->names, vocab->n, v->text, v->len);
        break;
    }
}

int decl_field_check(const decl_field *f, const decl_value *v,
                     decl_scalar *out, char *text, size_t cap)
{
    if (decl_field_accept(f, v, out) == 0)
        return 0;
    decl_field_refusal(f, v, text, cap);
    return -1;
}

int decl_field_store(const decl_field *f, void *base, const decl_scalar *s)
{
    char *p = (char *)base + f->offset;
    char *name;
    switch (f->type) {
    case DF_DATE: *(int32_t *)(void *)p = (int32_t)s->i; break;
    case DF_INDUSTRY:
    case DF_INCIDENT_TYPE: *(int *)(void *)p = (int)s->i; break;
    case DF_MONEY:
    case DF_INT: *(int64_t *)(void *)p = s->i; break;
    case DF_SHARE: *(double *)(void *)p = s->f; break;
    case DF_NAME:
        name = malloc(s->len + 1);
        if (!name)
            return RATEL_ENOMEM;
        memcpy(name, s->s, s->len);
        name[s->len] = '\0';
        free(*(char **)(void *)p);
        *(char **)(void *)p = name;
        break;
    default: break;
    }
    return RATEL_OK;
}

void decl_field_missing_message(const decl_field *f, char *text, size_t cap)
{
    msg m;
    msg_init(&m, text, cap);
    msg_printf(&m, "required field is missing; expected ");
    msg_expect(&m, f);
}

void decl_unknown_key_message(int section, const char *key, size_t len,
                              char *text, size_t cap)
{
    const char *names[DECL_NCONTROLS];
    const char *const *list = decl_controls;
    int n = DECL_NCONTROLS;
    size_t i;
    msg m;
    msg_init(&m, text, cap);
    if (section != DECL_SEC_CONTROLS) {
        for (i = 0, n = 0; i < decl_nfields; i++)
            if (decl_fields[i].section == section)
                names[n++] = decl_fields[i].key;
        list = names;
    }
    msg_printf(&m, "unknown %s; expected ",
               section == DECL_SEC_CONTROLS ? "control" : "key");
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
