/* row.c - the rows `ratel batch` writes, byte for byte (docs/cli.md,
 * cli/batch_result.c and batch_line.c): {"line":N,"decision":..,
 * "total_premium":..,"reasons":[..],"plan_version":..} or
 * {"line":N,"error":".."}, and the CSV form. The CLI keeps its writer in
 * cli/, which a binding may not include; this copy follows it. */
#include "pyr.h"

#include <stdio.h>
#include <string.h>

const char pyr_csv_header[] =
    "line,decision,total_premium,reasons,plan_version,error\n";

/* A JSON string as the batch writer escapes it: '"', '\\', \n and \t by
 * name, other bytes below 0x20 and 0x7F as \u00XX, the rest as is. */
static void json_string(pyr_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *run;
    char e[6] = {'\\', 'u', '0', '0', 0, 0};

    PYR_BUF_LIT(b, "\"");
    for (;;) {
        unsigned char c;
        for (run = p; *p >= 0x20 && *p != 0x7F && *p != '"' && *p != '\\';
             p++)
            ;
        pyr_buf_put(b, (const char *)run, (size_t)(p - run));
        if ((c = *p++) == '\0')
            break;
        if (c == '"' || c == '\\' || c == '\n' || c == '\t') {
            char two[2] = {'\\', c == '\n' ? 'n' : c == '\t' ? 't' : (char)c};
            pyr_buf_put(b, two, 2);
        } else {
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            pyr_buf_put(b, e, 6);
        }
    }
    PYR_BUF_LIT(b, "\"");
}

/* A CSV cell: quoted (quotes doubled) when it holds , " \r or \n. */
static void csv_cell(pyr_buf *b, const char *s)
{
    const char *q;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        pyr_buf_str(b, s);
        return;
    }
    PYR_BUF_LIT(b, "\"");
    while ((q = strchr(s, '"')) != NULL) {
        pyr_buf_put(b, s, (size_t)(q - s + 1));
        PYR_BUF_LIT(b, "\"");
        s = q + 1;
    }
    pyr_buf_str(b, s);
    PYR_BUF_LIT(b, "\"");
}

static void start(pyr_buf *b, long lineno, int csv)
{
    b->len = 0;
    b->oom = 0;
    if (!csv) /* ratel batch's rows, docs/schemas-json/batch-row.schema.json */
        PYR_BUF_LIT(b, "{\"format_version\":1,\"line\":");
    pyr_buf_int(b, lineno);
    PYR_BUF_LIT(b, ",");
}

void pyr_row_error(pyr_buf *b, long lineno, const char *msg, int csv)
{
    start(b, lineno, csv);
    if (csv) {
        PYR_BUF_LIT(b, ",,,,");
        csv_cell(b, msg);
        PYR_BUF_LIT(b, "\n");
    } else {
        PYR_BUF_LIT(b, "\"error\":");
        json_string(b, msg);
        PYR_BUF_LIT(b, "}\n");
    }
}

void pyr_row_quote(pyr_buf *b, long lineno, const ratel_quote *q, int csv)
{
    const char *version = ratel_quote_plan_version(q);
    const char *decision = ratel_decision_name(ratel_quote_decision(q));
    size_t i, n = ratel_quote_reason_count(q);
    ratel_reason rs;

    if (version == NULL)
        version = "";
    start(b, lineno, csv);
    if (!csv) {
        PYR_BUF_LIT(b, "\"decision\":\"");
        pyr_buf_str(b, decision);
        PYR_BUF_LIT(b, "\",\"total_premium\":");
    } else {
        pyr_buf_str(b, decision);
        PYR_BUF_LIT(b, ",");
    }
    pyr_buf_int(b, ratel_quote_total_premium(q));
    pyr_buf_str(b, csv ? "," : ",\"reasons\":[");
    for (i = 0; i < n; i++)
        if (ratel_quote_reason(q, i, &rs) == RATEL_OK) {
            if (i > 0)
                pyr_buf_str(b, csv ? ";" : ",");
            if (csv)
                csv_cell(b, rs.code ? rs.code : "");
            else
                json_string(b, rs.code ? rs.code : "");
        }
    if (csv) {
        PYR_BUF_LIT(b, ",");
        csv_cell(b, version);
        PYR_BUF_LIT(b, ",\n");
    } else {
        PYR_BUF_LIT(b, "],\"plan_version\":");
        json_string(b, version);
        PYR_BUF_LIT(b, "}\n");
    }
}

/* Appends s to err, cut at its size. */
static void append(char *err, size_t size, const char *s)
{
    size_t used = strlen(err);
    if (used + 1 < size)
        snprintf(err + used, size - used, "%s", s);
}

void pyr_row_message(char *err, size_t size, const ratel_ctx *ctx, int rc)
{
    size_t i, n = ratel_ctx_field_error_count(ctx);
    const char *msg = ratel_ctx_errmsg(ctx);
    char one[512];

    err[0] = '\0';
    if (rc != RATEL_EDECL || n == 0) {
        append(err, size, msg && *msg ? msg : ratel_strerror(rc));
        for (i = 0; err[i] != '\0'; i++) /* one line */
            if (err[i] == '\n')
                err[i] = ' ';
        return;
    }
    for (i = 0; i < n; i++) {
        ratel_field_error fe;
        if (ratel_ctx_field_error(ctx, i, &fe) != RATEL_OK)
            continue;
        if (fe.line > 0)
            snprintf(one, sizeof one, "%scolumn %d: %s", i ? "; " : "",
                     fe.column, fe.message ? fe.message : "syntax error");
        else
            snprintf(one, sizeof one, "%s%s: %s", i ? "; " : "",
                     fe.path ? fe.path : "$",
                     fe.message ? fe.message : "invalid");
        append(err, size, one);
    }
}
