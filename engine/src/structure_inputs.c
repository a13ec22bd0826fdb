/* structure_inputs.c - the one place the structure room reads a
 * declaration: revenue, industry, controls, incidents, personal records
 * and the cover asked for, by their paths in the cyber-sme schema (the
 * loss model is a cyber one), through the getters the public API has. */
#include "structure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"

/* An integer at `path`, or the error naming the path. */
static int get_int(const ratel_decl *d, const char *path, int64_t *v,
                   ratel_err *e)
{
    if (ratel_decl_get_int(d, path, v) != RATEL_OK)
        return err_set(e, RATEL_EDECL, "structures need a declaration with "
                       "%s (a cyber-sme one); this one is of schema '%s'",
                       path, d->schema->id);
    return RATEL_OK;
}

int structure_inputs_read(structure_inputs *in, const ratel_decl *d,
                          ratel_err *e)
{
    risk_exposure *x = &in->exposure;
    const sch_schema *s = d->schema;
    int controls = sch_find_path(s, "controls", NULL, 0, NULL);
    size_t i, n = 0, nincidents = 0;
    int64_t v;
    int rc;
    memset(in, 0, sizeof *in);
    if ((rc = decl_check_complete(d, e)) != RATEL_OK)
        return rc;
    in->applicant = decl_applicant_name(d, NULL);
    decl_date_format(decl_effective_date(d), in->effective_date);
    if ((rc = get_int(d, "applicant.revenue", &in->revenue, e)) ||
        (rc = get_int(d, "coverages.expense.limit", &in->expense_limit, e)) ||
        (rc = get_int(d, "coverages.expense.deductible", &in->deductible,
                      e)) ||
        (rc = get_int(d, "coverages.expense.coinsurance_pct",
                      &in->coinsurance_pct, e)) ||
        (rc = get_int(d, "applicant.personal_records", &v, e)))
        return rc;
    x->personal_records = v;
    if (ratel_decl_get_string(d, "applicant.industry", &x->industry) !=
            RATEL_OK ||
        controls < 0 || s->nodes[controls].type != SCH_FLAGS)
        return err_set(e, RATEL_EDECL, "structures need a cyber-sme "
                       "declaration (industry and controls)");
    for (i = 0; i < (size_t)s->codes[s->nodes[controls].codes].n &&
                n < sizeof in->controls / sizeof *in->controls; i++)
        if (decl_root_slot(d, controls)->v.bits >> i & 1u)
            in->controls[n++] = s->codes[s->nodes[controls].codes].values[i];
    if (ratel_decl_get_count(d, "incidents", &nincidents) == RATEL_OK &&
        nincidents &&
        !(in->incident_dates = malloc(nincidents * sizeof(int32_t))))
        return err_set(e, RATEL_ENOMEM, "out of memory");
    for (i = 0; i < nincidents; i++) {
        char path[64];
        snprintf(path, sizeof path, "incidents[%zu].date", i);
        if ((rc = get_int(d, path, &v, e)))
            return rc;
        in->incident_dates[i] = (int32_t)v;
    }
    x->date = decl_effective_date(d);
    x->revenue = in->revenue;
    x->controls = in->controls;
    x->ncontrols = n;
    x->incident_dates = in->incident_dates;
    x->nincidents = nincidents;
    return RATEL_OK;
}

void structure_inputs_dispose(structure_inputs *in)
{
    free(in->incident_dates);
    in->incident_dates = NULL;
}
