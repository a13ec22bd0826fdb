/* decl_set.c - setting fields of a declaration one at a time, with the
 * same checks and messages as the JSON reader (decl_fields.c). A refused
 * value leaves the declaration as it was. */
#include "decl_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records a refused value at "$.<path>" and returns RATEL_EDECL (or
 * RATEL_ENOMEM). */
static int refused(ratel_err *e, const char *path, const char *text)
{
    if (err_add_field(e, path, 0, 0, "%s", text) != RATEL_OK)
        return RATEL_ENOMEM;
    return err_finish_fields(e);
}

/* The section bit implied by setting a field of `section`. */
static uint32_t section_bit(int section)
{
    return section == DECL_SEC_APPLICANT ? DECL_HAS_APPLICANT
           : section == DECL_SEC_REQUEST ? DECL_HAS_REQUEST
                                         : 0;
}

int decl_set_value(struct ratel_decl *d, ratel_err *e, const char *path,
                   const decl_value *v)
{
    char text[DECL_MSG_MAX], jpath[160];
    const decl_field *f;
    decl_scalar s;
    int control = -1, rc;
    if (!d || !path)
        return err_set(e, RATEL_EARG, "a declaration and a path are needed");
    if (strncmp(path, "controls.", 9) == 0) {
        control = decl_vocab_find(&decl_vocab_controls, path + 9,
                                  strlen(path + 9));
        if (control < 0) {
            decl_unknown_key_message(DECL_SEC_CONTROLS, path + 9,
                                     strlen(path + 9), text, sizeof text);
            return err_set(e, RATEL_EARG, "%s: %s", path, text);
        }
        f = &decl_control_field;
    } else {
        f = decl_field_by_path(path);
        if (!f || f->section == DECL_SEC_INCIDENT || f->type == DF_OBJECT ||
            f->type == DF_ARRAY)
            return err_set(e, RATEL_EARG, "%s: not a field that can be set "
                           "(see docs/declaration.md; incidents and "
                           "certifications have their own functions)", path);
    }
    snprintf(jpath, sizeof jpath, "$.%s", path);
    if (decl_field_check(f, v, &s, text, sizeof text) != 0)
        return refused(e, jpath, text);
    if (control >= 0) {
        if (s.i)
            d->controls |= 1u << control;
        else
            d->controls &= ~(1u << control);
        d->present |= DECL_HAS_CONTROLS;
        return RATEL_OK;
    }
    rc = decl_field_store(f, d, &s);
    if (rc != RATEL_OK)
        return err_set(e, rc, "out of memory setting %s", path);
    d->present |= f->bit | section_bit(f->section);
    return RATEL_OK;
}

int decl_add_incident(struct ratel_decl *d, ratel_err *e, const char *date,
                      const char *type, int64_t paid)
{
    char text[DECL_MSG_MAX], path[64];
    decl_incident inc = {0, 0, 0};
    decl_incident *grown;
    size_t i, n;
    int rc = RATEL_OK;
    if (!d || !date || !type)
        return err_set(e, RATEL_EARG, "a declaration, a date and a type are "
                       "needed");
    n = d->nincidents;
    if (n >= DECL_MAX_INCIDENTS) {
        snprintf(path, sizeof path, "$.incidents[%zu]", n);
        snprintf(text, sizeof text, "expected at most %d incidents, got more",
                 DECL_MAX_INCIDENTS);
        return refused(e, path, text);
    }
    for (i = 0; i < decl_nfields && rc != RATEL_ENOMEM; i++) {
        const decl_field *f = &decl_fields[i];
        decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
        decl_scalar s;
        if (f->section != DECL_SEC_INCIDENT)
            continue;
        if (f->type == DF_MONEY) {
            v.kind = DECL_V_INT;
            v.i = paid;
        } else {
            v.text = f->type == DF_DATE ? date : type;
            v.len = strlen(v.text);
        }
        if (decl_field_check(f, &v, &s, text, sizeof text) == 0) {
            decl_field_store(f, &inc, &s);
            continue;
        }
        snprintf(path, sizeof path, "$.incidents[%zu].%s", n, f->key);
        rc = err_add_field(e, path, 0, 0, "%s", text) ? RATEL_ENOMEM
                                                        : RATEL_EDECL;
    }
    if (rc == RATEL_EDECL)
        return err_finish_fields(e);
    if (rc != RATEL_OK)
        return rc;
    grown = realloc(d->incidents, (n + 1) * sizeof *grown);
    if (!grown)
        return err_set(e, RATEL_ENOMEM, "out of memory adding an incident");
    grown[n] = inc;
    d->incidents = grown;
    d->nincidents = n + 1;
    d->present |= DECL_HAS_INCIDENTS;
    return RATEL_OK;
}

int decl_add_certification(struct ratel_decl *d, ratel_err *e,
                           const char *name)
{
    char text[DECL_MSG_MAX], path[64];
    decl_value v = {DECL_V_STRING, NULL, 0, 0, 0, 0.0, 0};
    decl_scalar s;
    int i, held;
    if (!d || !name)
        return err_set(e, RATEL_EARG, "a declaration and a name are needed");
    v.text = name;
    v.len = strlen(name);
    for (i = 0, held = 0; i < DECL_NCERTIFICATIONS; i++)
        held += d->certifications >> i & 1;
    snprintf(path, sizeof path, "$.certifications[%d]", held);
    if (decl_field_check(&decl_certification_field, &v, &s, text,
                         sizeof text) != 0)
        return refused(e, path, text);
    if (d->certifications >> s.i & 1) {
        snprintf(text, sizeof text, "expected each certification once, got "
                 "\"%s\" again", name);
        return refused(e, path, text);
    }
    d->certifications |= 1u << s.i;
    d->present |= DECL_HAS_CERTIFICATIONS;
    return RATEL_OK;
}
