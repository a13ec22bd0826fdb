/* structure_inputs.c - the one place the structure room reads a
 * declaration: revenue, industry, controls, incidents, personal records
 * and the requested limits. The public API has no getters for these yet,
 * so it reads the declaration's C struct (decl.h); when the declaration
 * becomes schema-driven, only this file changes. */
#include "structure.h"

#include <stdlib.h>
#include <string.h>

#include "decl.h"

int structure_inputs_read(structure_inputs *in, const ratel_decl *d,
                          ratel_err *e)
{
    risk_exposure *x = &in->exposure;
    size_t i, n = 0;
    int rc;
    memset(in, 0, sizeof *in);
    if ((rc = decl_check_complete(d, e)) != RATEL_OK)
        return rc;
    in->applicant = d->name ? d->name : "";
    decl_date_format(d->effective_date, in->effective_date);
    in->revenue = d->revenue;
    in->expense_limit = d->expense_limit;
    in->deductible = d->deductible;
    in->coinsurance_pct = d->coinsurance_pct;
    for (i = 0; i < DECL_NCONTROLS && n < sizeof in->controls /
                                              sizeof *in->controls; i++)
        if (d->controls & (1u << i))
            in->controls[n++] = decl_controls[i];
    if (d->nincidents &&
        !(in->incident_dates = malloc(d->nincidents * sizeof(int32_t))))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (i = 0; i < d->nincidents; i++)
        in->incident_dates[i] = d->incidents[i].date;
    x->date = d->effective_date;
    x->industry = decl_industries[d->industry];
    x->revenue = d->revenue;
    x->personal_records = d->personal_records;
    x->controls = in->controls;
    x->ncontrols = n;
    x->incident_dates = in->incident_dates;
    x->nincidents = d->nincidents;
    return RATEL_OK;
}

void structure_inputs_dispose(structure_inputs *in)
{
    free(in->incident_dates);
    in->incident_dates = NULL;
}
