/* decl_check.c - required fields and cross-field rules, checked once the
 * whole declaration is known (after parsing, before rating). */
#include "decl_fields.h"

#include <stdio.h>

/* Adds the error "<path>: <text>" to e; RATEL_EDECL or RATEL_ENOMEM. */
static int problem(ratel_err *e, const char *path, const char *text)
{
    return err_add_field(e, path, 0, 0, "%s", text) ? RATEL_ENOMEM
                                                    : RATEL_EDECL;
}

/* Field `f` is required but missing: one error, unless its object is
 * missing or refused (then that was the error, not each field in it). */
static int missing(const struct ratel_decl *d, const decl_field *f,
                   ratel_err *e, const char *why)
{
    char text[DECL_MSG_MAX], path[96];
    if ((f->section == DECL_SEC_APPLICANT &&
         !(d->present & DECL_HAS_APPLICANT)) ||
        (f->section == DECL_SEC_REQUEST && !(d->present & DECL_HAS_REQUEST)))
        return RATEL_OK;
    decl_field_missing_message(f, text, sizeof text);
    snprintf(path, sizeof path, "$.%s", f->path);
    if (why) {
        char full[DECL_MSG_MAX + 64];
        snprintf(full, sizeof full, "%s (%s)", text, why);
        return problem(e, path, full);
    }
    return problem(e, path, text);
}

int decl_check_given(const struct ratel_decl *d, uint32_t given,
                     ratel_err *e)
{
    char text[DECL_MSG_MAX], path[96], inc[11], eff[11] = "";
    int rc = RATEL_OK, r;
    size_t i;
    for (i = 0; (given & DECL_REQUIRED) != DECL_REQUIRED && /* else none */
                i < decl_nfields && rc != RATEL_ENOMEM; i++) {
        const decl_field *f = &decl_fields[i];
        if (f->required && f->section != DECL_SEC_INCIDENT &&
            !(given & f->bit) && (r = missing(d, f, e, NULL)) != RATEL_OK)
            rc = r;
    }
    if (rc != RATEL_ENOMEM && (d->present & DECL_HAS_BI) && d->bi_limit > 0 &&
        !(given & DECL_HAS_WAITING) &&
        (r = missing(d, decl_field_by_path("request.bi_waiting_hours"), e,
                     "required when bi_limit is above 0")) != RATEL_OK)
        rc = r;
    if (!(d->present & DECL_HAS_EFFECTIVE_DATE))
        return rc;
    for (i = 0; i < d->nincidents && rc != RATEL_ENOMEM; i++) {
        if (d->incidents[i].date <= d->effective_date)
            continue;
        if (!eff[0]) /* dates are written out only for a message */
            decl_date_format(d->effective_date, eff);
        decl_date_format(d->incidents[i].date, inc);
        snprintf(path, sizeof path, "$.incidents[%zu].date", i);
        snprintf(text, sizeof text, "expected a date on or before the "
                 "effective date %s, got \"%s\"", eff, inc);
        rc = problem(e, path, text);
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
