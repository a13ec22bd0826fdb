/* batch_result.c - one line's result of `ratel batch`: formatted as its
 * JSON line or CSV row by the worker that rated it, kept until its chunk
 * is written in input order. */
#include "cli.h"
#include "batch.h"

#include <string.h>

/* The row's start: the line number (and the JSON key before it). */
static void start_row(batch_result *r, int csv)
{
    r->row.len = 0;
    r->row.oom = 0;
    if (!csv) /* docs/schemas-json/batch-row.schema.json */
        BATCH_TEXT_LIT(&r->row, "{\"format_version\":1,\"line\":");
    batch_text_int(&r->row, r->lineno);
    BATCH_TEXT_LIT(&r->row, ",");
}

void batch_result_error(batch_result *r, const char *msg, int csv)
{
    r->ok = 0;
    start_row(r, csv);
    if (csv) {
        BATCH_TEXT_LIT(&r->row, ",,,,");
        batch_text_csv_cell(&r->row, msg);
        BATCH_TEXT_LIT(&r->row, "\n");
    } else {
        BATCH_TEXT_LIT(&r->row, "\"error\":");
        batch_text_json_string(&r->row, msg);
        BATCH_TEXT_LIT(&r->row, "}\n");
    }
}

/* decision,total_premium,reason;codes,plan_version, (error left empty) */
static void csv_row(batch_text *t, const ratel_quote *q, const char *decision,
                    const char *version)
{
    size_t i, n = ratel_quote_reason_count(q);
    ratel_reason rs;
    batch_text_put(t, decision, strlen(decision));
    BATCH_TEXT_LIT(t, ",");
    batch_text_int(t, ratel_quote_total_premium(q));
    BATCH_TEXT_LIT(t, ",");
    for (i = 0; i < n; i++)
        if (ratel_quote_reason(q, i, &rs) == RATEL_OK) {
            if (i > 0)
                BATCH_TEXT_LIT(t, ";");
            batch_text_csv_cell(t, rs.code ? rs.code : "");
        }
    BATCH_TEXT_LIT(t, ",");
    batch_text_csv_cell(t, version);
    BATCH_TEXT_LIT(t, ",\n");
}

/* "decision":..,"total_premium":..,"reasons":[..],"plan_version":..} */
static void json_row(batch_text *t, const ratel_quote *q,
                     const char *decision, const char *version)
{
    size_t i, n = ratel_quote_reason_count(q);
    ratel_reason rs;
    BATCH_TEXT_LIT(t, "\"decision\":\"");
    batch_text_put(t, decision, strlen(decision));
    BATCH_TEXT_LIT(t, "\",\"total_premium\":");
    batch_text_int(t, ratel_quote_total_premium(q));
    BATCH_TEXT_LIT(t, ",\"reasons\":[");
    for (i = 0; i < n; i++)
        if (ratel_quote_reason(q, i, &rs) == RATEL_OK) {
            if (i > 0)
                BATCH_TEXT_LIT(t, ",");
            batch_text_json_string(t, rs.code ? rs.code : "");
        }
    BATCH_TEXT_LIT(t, "],\"plan_version\":");
    batch_text_json_string(t, version);
    BATCH_TEXT_LIT(t, "}\n");
}

void batch_result_set(batch_result *r, const ratel_quote *q, int csv)
{
    const char *version = ratel_quote_plan_version(q);
    const char *decision;
    r->ok = 1;
    r->decision = ratel_quote_decision(q);
    decision = ratel_decision_name(r->decision);
    start_row(r, csv);
    if (csv)
        csv_row(&r->row, q, decision, version ? version : "");
    else
        json_row(&r->row, q, decision, version ? version : "");
    if (r->row.oom)
        r->ok = 0;
}

void batch_result_free(batch_result *r)
{
    batch_text_free(&r->row);
}

int batch_result_csv_header(FILE *out)
{
    return fputs("line,decision,total_premium,reasons,plan_version,error\n",
                 out) == EOF ? -1 : 0;
}

int batch_result_write(FILE *out, const batch_result *r, int csv)
{
    if (r->row.oom) /* the row could not be made */
        return fprintf(out, csv ? "%ld,,,,,out of memory\n"
                                : "{\"format_version\":1,\"line\":%ld,"
                                  "\"error\":\"out of memory\"}\n",
                       r->lineno) < 0 ? -1 : 0;
    return fwrite(r->row.data, 1, r->row.len, out) == r->row.len ? 0 : -1;
}
