/* decl_fields.h - private: the declaration's fields in one table, and the
 * checks and messages shared by the JSON reader (decl_json.c) and the API
 * setters (decl_set.c), so both accept the same values and say the same
 * thing about the ones they refuse. */
#ifndef RATEL_DECL_FIELDS_H
#define RATEL_DECL_FIELDS_H

#include <stddef.h>
#include <stdint.h>
#include "decl.h"

/* Where a key lives. The first four hold keyed fields of the table. */
enum decl_section {
    DECL_SEC_ROOT,
    DECL_SEC_APPLICANT,
    DECL_SEC_REQUEST,
    DECL_SEC_INCIDENT,      /* one element of "incidents" */
    DECL_SEC_CONTROLS,      /* "controls": control name -> bool */
    DECL_SEC_INCIDENTS,     /* the "incidents" array */
    DECL_SEC_CERTIFICATIONS /* the "certifications" array */
};

enum decl_ftype {
    DF_DATE, DF_NAME, DF_INDUSTRY, DF_INCIDENT_TYPE, DF_MONEY, DF_INT,
    DF_SHARE, DF_BOOL, DF_CERTIFICATION, DF_OBJECT, DF_ARRAY
};

typedef struct decl_field {
    const char *path;      /* as in the API and docs: "applicant.revenue" */
    const char *key;       /* its last component: "revenue" */
    unsigned char keylen;  /* strlen(key) */
    unsigned char section; /* enum decl_section holding the key */
    unsigned char type;    /* enum decl_ftype */
    unsigned char opens;   /* DF_OBJECT/DF_ARRAY: the section it opens */
    unsigned char required;
    uint32_t bit;          /* DECL_HAS_* (0 for incident fields) */
    int64_t min, max;      /* DF_INT bounds */
    size_t offset;         /* in struct ratel_decl, or decl_incident */
} decl_field;

/* The keyed fields, grouped by section (ROOT, APPLICANT, REQUEST,
 * INCIDENT); a field's index is below 64. */
extern const decl_field decl_fields[];
extern const size_t decl_nfields;
/* Values that are not keyed fields: a control's value, an element of
 * "certifications", an element of "incidents", the document itself. */
extern const decl_field decl_control_field;
extern const decl_field decl_certification_field;
extern const decl_field decl_incident_field;
extern const decl_field decl_document_field;

/* The field `key` (len bytes) of `section`, or NULL. */
const decl_field *decl_field_find(int section, const char *key, size_t len);
/* The same, trying decl_fields[guess] first (any guess is safe): keys
 * mostly come in the table's order, so a reader guesses the field after
 * the last one it found in the section. */
const decl_field *decl_field_find_near(int section, const char *key,
                                       size_t len, size_t guess);
/* The field at an API path ("applicant.revenue"), or NULL. */
const decl_field *decl_field_by_path(const char *path);

/* A value as read from JSON or given to a setter. */
typedef enum decl_vkind {
    DECL_V_NULL, DECL_V_BOOL, DECL_V_INT, DECL_V_FLOAT, DECL_V_STRING,
    DECL_V_OBJECT, DECL_V_ARRAY
} decl_vkind;

typedef struct decl_value {
    decl_vkind kind;
    const char *text; /* string bytes, or a number as written; may be NULL
                         for a number given to a setter */
    size_t len;
    int64_t i;        /* DECL_V_INT */
    int overflow;     /* DECL_V_INT: text beyond int64 (+1 or -1) */
    double f;         /* DECL_V_FLOAT */
    int b;            /* DECL_V_BOOL */
} decl_value;

/* Classifies a JSON number's text (integer or not) and converts it,
 * without the C locale. The text must follow JSON's number grammar (the
 * lexer checked it): an integer part, then a fraction or exponent. */
void decl_value_number(decl_value *v, const char *text, size_t len);

/* A checked value, converted: i for dates, codes, integers and bools; f
 * for shares; s/len for the name. */
typedef struct decl_scalar {
    int64_t i;
    double f;
    const char *s;
    size_t len;
} decl_scalar;

/* Room for any message below. */
#define DECL_MSG_MAX 640

/* Whether `v` is valid for field `f` (decl_accept.c): 0 and the
 * converted value in *out, or -1 (no message; *out may be changed). */
int decl_field_accept(const decl_field *f, const decl_value *v,
                      decl_scalar *out);
/* For a value decl_field_accept refused: "expected ..., got ..." in msg. */
void decl_field_refusal(const decl_field *f, const decl_value *v, char *msg,
                        size_t cap);
/* Both: 0 and the converted value in *out, or -1 with the refusal in
 * msg. */
int decl_field_check(const decl_field *f, const decl_value *v,
                     decl_scalar *out, char *msg, size_t cap);
/* The vocabulary of a field's values (industry, incident type,
 * certification), else NULL. */
const decl_vocab *decl_field_vocab(const decl_field *f);
/* Length of the valid UTF-8 sequence at s (n > 0 bytes left): 1 for any
 * ASCII byte (NUL included), 0 if invalid. */
size_t decl_utf8_seq(const unsigned char *s, size_t n);
/* Stores a checked scalar in `base` (a struct ratel_decl, or a
 * decl_incident for incident fields). RATEL_OK or RATEL_ENOMEM (for the
 * name; the old value is then kept). */
int decl_field_store(const decl_field *f, void *base, const decl_scalar *s);
/* "required field is missing; expected ..." for field f. */
void decl_field_missing_message(const decl_field *f, char *msg, size_t cap);
/* "unknown key; expected one of a, b, c; did you mean ...?" for a key of
 * `section` (DECL_SEC_CONTROLS: "unknown control; ..."). */
void decl_unknown_key_message(int section, const char *key, size_t len,
                              char *msg, size_t cap);
/* Appends to `path` (NUL-terminated, room `cap`) ".key" or, for a key that
 * is not a plain identifier, ["key"] escaped and shortened. */
void decl_path_append_key(char *path, size_t cap, const char *key,
                          size_t len);

/* The DECL_HAS_* bits of the required fields outside incidents: the
 * `required` column of the table, as one mask (test_decl_lookup checks
 * that they agree). */
#define DECL_REQUIRED                                                        \
    (DECL_HAS_EFFECTIVE_DATE | DECL_HAS_APPLICANT | DECL_HAS_REQUEST |      \
     DECL_HAS_NAME | DECL_HAS_REVENUE | DECL_HAS_INDUSTRY |                 \
     DECL_HAS_EMPLOYEES | DECL_HAS_LIABILITY | DECL_HAS_EXPENSE |           \
     DECL_HAS_DEDUCTIBLE)

/* Shared by the reader, the setters and the rating check: */
/* Required fields and cross-field rules, with `given` the DECL_HAS_* bits
 * of fields that were given (valid or not). Adds field errors; returns
 * RATEL_OK, RATEL_EDECL or RATEL_ENOMEM. */
int decl_check_given(const struct ratel_decl *d, uint32_t given,
                     ratel_err *e);

/* Setters on a declaration, reporting on `e` (the public API wraps them).
 * A failed call leaves the declaration unchanged. */
int decl_set_value(struct ratel_decl *d, ratel_err *e, const char *path,
                   const decl_value *v);
int decl_add_incident(struct ratel_decl *d, ratel_err *e, const char *date,
                      const char *type, int64_t paid);
int decl_add_certification(struct ratel_decl *d, ratel_err *e,
                           const char *name);

#endif
