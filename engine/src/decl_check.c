/* decl_check.c - required fields and cross-field rules, checked once the
 * whole declaration is known (after parsing, before rating). */
#include "decl_fields.h"

#include <stdio.h>

/* Adds "$.<path>: <text>"; RATEL_ENOMEM or RATEL_EDECL. */
static int problem(ratel_err *e, const char *path, const char *text)
{
    return err_add_field(e, path, 0, 0, "%s", text) ? RATEL_ENOMEM
                                                    : RATEL_EDECL;
}

int decl_check_given(const struct ratel_decl *d, uint32_t given,
                     ratel_err *e)
{
    char text[DECL_MSG_MAX], path[96];
    int rc = RATEL_OK;
    size_t i;
    for (i = 0; i < decl_nfields && rc != RATEL_ENOMEM; i++) {
        const decl_field *f = &decl_fields[i];
        if (!f->required || f->section == DECL_SEC_INCIDENT ||
            (given & f->bit))
            continue;
        /* A missing object is one error, not one per field inside. */
        if ((f->section == DECL_SEC_APPLICANT && !(given & DECL_HAS_APPLICANT)) ||
            (f->section == DECL_SEC_REQUEST && !(given & DECL_HAS_REQUEST)))
            continue;
        snprintf(path, sizeof path, "$.%s", f->path);
        decl_field_missing_message(f, text, sizeof text);
        rc = problem(e, path, text);
    }
    if (rc != RATEL_ENOMEM && (d->present & DECL_HAS_BI) && d->bi_limit > 0 &&
        !(given & DECL_HAS_WAITING)) {
        const decl_field *w = decl_field_by_path("request.bi_waiting_hours");
        decl_field_missing_message(w, text, sizeof text);
        snprintf(path, sizeof path, "$.%s", w->path);
        rc = err_add_field(e, path, 0, 0, "%s (required when bi_limit is "
                           "above 0)", text) ? RATEL_ENOMEM : RATEL_EDECL;
    }
    for (i = 0; i < d->nincidents && rc != RATEL_ENOMEM; i++) {
        char inc[11], eff[11];
        if (!(d->present & DECL_HAS_EFFECTIVE_DATE) ||
            d->incidents[i].date <= d->effective_date)
            continue;
        decl_date_format(d->incidents[i].date, inc);
        decl_date_format(d->effective_date, eff);
        snprintf(path, sizeof path, "$.incidents[%zu].date", i);
        rc = err_add_field(e, path, 0, 0, "expected a date on or before the "
                           "effective date %s, got \"%s\"", eff, inc)
                 ? RATEL_ENOMEM : RATEL_EDECL;
    }
    return rc;
}

int decl_check_complete(const struct ratel_decl *d, ratel_err *e)
{
    int rc = decl_check_given(d, d->present, e);
    if (rc == RATEL_EDECL)
        err_finish_fields(e);
    return rc;
}
