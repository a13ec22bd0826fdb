/* impact_json.c - the JSON report of `ratel impact`, for tools. */
#include "cli.h"

static int put(FILE *out, const char *s)
{
    return fputs(s, out) == EOF ? -1 : 0;
}

static int write_head(FILE *out, const impact_report *r)
{
    if (put(out, "{\"from\":") || cli_json_string(out, r->from->spec) ||
        put(out, ",\"to\":") || cli_json_string(out, r->to->spec) ||
        put(out, ",\"book\":") || cli_json_string(out, r->book))
        return -1;
    if (fprintf(out, ",\"policies\":%ld,\"rated\":%ld,\"failed\":%ld,"
                     "\"totals\":{\"before\":%.0f,\"after\":%.0f,"
                     "\"change_pct\":",
                r->rows, r->rated, r->failed, r->total_before,
                r->total_after) < 0 ||
        cli_json_number(out, impact_total_change(r)) != 0)
        return -1;
    return put(out, "}");
}

static int write_distribution(FILE *out, const impact_report *r)
{
    size_t i;
    if (fprintf(out, ",\"changes\":{\"count\":%zu,\"percentiles\":{",
                r->nchanges) < 0)
        return -1;
    for (i = 0; i < IMPACT_NPCT; i++)
        if (fprintf(out, "%s\"p%d\":", i ? "," : "", impact_pct_points[i])
                < 0 ||
            cli_json_number(out, r->pct[i]) != 0)
            return -1;
    if (put(out, "},\"histogram\":["))
        return -1;
    for (i = 0; i < IMPACT_NBUCKETS; i++)
        if ((i && put(out, ",")) || put(out, "{\"bucket\":") ||
            cli_json_string(out, impact_bucket_names[i]) ||
            fprintf(out, ",\"count\":%ld}", r->buckets[i]) < 0)
            return -1;
    return put(out, "]}");
}

static int write_matrix(FILE *out, const impact_report *r)
{
    int i, j, first = 1;
    if (put(out, ",\"decisions\":["))
        return -1;
    for (i = 0; i < 4; i++)
        for (j = 0; j < 4; j++) {
            if (r->matrix[i][j] == 0)
                continue;
            if (fprintf(out, "%s{\"from\":\"%s\",\"to\":\"%s\",\"count\":%ld}",
                        first ? "" : ",", impact_outcome_name(i),
                        impact_outcome_name(j), r->matrix[i][j]) < 0)
                return -1;
            first = 0;
        }
    return put(out, "]");
}

static int write_mover(FILE *out, const impact_mover *m)
{
    if (fprintf(out, "{\"line\":%ld,\"applicant\":", m->lineno) < 0 ||
        cli_json_string(out, m->applicant) ||
        fprintf(out, ",\"before\":%lld,\"after\":%lld,\"change_pct\":",
                (long long)m->before, (long long)m->after) < 0 ||
        cli_json_number(out, m->pct) ||
        fprintf(out, ",\"decision_before\":\"%s\",\"decision_after\":\"%s\","
                     "\"step\":",
                impact_outcome_name(m->dec_before),
                impact_outcome_name(m->dec_after)) < 0)
        return -1;
    if (!m->has_step)
        return put(out, "null}");
    if (put(out, "{\"coverage\":") || cli_json_string(out, m->coverage) ||
        put(out, ",\"label\":") || cli_json_string(out, m->label) ||
        put(out, ",\"value_before\":") ||
        cli_json_number(out, m->value_before) ||
        put(out, ",\"value_after\":") ||
        cli_json_number(out, m->value_after) ||
        put(out, ",\"premium_before\":") ||
        cli_json_number(out, m->premium_before) ||
        put(out, ",\"premium_after\":") ||
        cli_json_number(out, m->premium_after) ||
        put(out, ",\"change_pct\":") || cli_json_number(out, m->step_pct))
        return -1;
    return put(out, "}}");
}

int impact_write_json(FILE *out, const impact_report *r)
{
    size_t i;
    if (write_head(out, r) || write_distribution(out, r) ||
        write_matrix(out, r) || put(out, ",\"movers\":["))
        return -1;
    for (i = 0; i < r->nmovers; i++)
        if ((i && put(out, ",")) || write_mover(out, &r->movers[i]))
            return -1;
    if (put(out, "],\"first_error\":") ||
        cli_json_string(out, r->first_error[0] ? r->first_error : NULL))
        return -1;
    return put(out, "}\n");
}
