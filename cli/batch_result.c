/* batch_result.c - one line's result of `ratel batch`: kept compactly
 * while its chunk is rated, then written as a JSON line or a CSV row. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int reserve(batch_result *r, size_t need)
{
    char *p;
    size_t ncap = r->cap ? r->cap : 128;
    if (need <= r->cap)
        return 0;
    while (ncap < need)
        ncap *= 2;
    p = realloc(r->text, ncap);
    if (p == NULL)
        return -1;
    r->text = p;
    r->cap = ncap;
    return 0;
}

int batch_result_error(batch_result *r, const char *msg)
{
    size_t len = strlen(msg);
    r->ok = 0;
    r->nreasons = 0;
    if (reserve(r, len + 1) != 0) {
        static const char oom[] = "out of memory";
        if (r->cap > strlen(oom))
            memcpy(r->text, oom, sizeof oom);
        return -1;
    }
    memcpy(r->text, msg, len + 1);
    return 0;
}

int batch_result_set(batch_result *r, const ratel_quote *q)
{
    size_t i, n = ratel_quote_reason_count(q), used;
    const char *version = ratel_quote_plan_version(q);
    size_t need = strlen(version ? version : "") + 1;
    ratel_reason rs;

    for (i = 0; i < n; i++)
        if (ratel_quote_reason(q, i, &rs) == RATEL_OK)
            need += strlen(rs.code ? rs.code : "") + 1;
    if (reserve(r, need) != 0)
        return batch_result_error(r, "out of memory");
    r->ok = 1;
    r->decision = ratel_quote_decision(q);
    r->total = ratel_quote_total_premium(q);
    r->nreasons = 0;
    used = strlen(version ? version : "") + 1;
    memcpy(r->text, version ? version : "", used);
    for (i = 0; i < n; i++) {
        size_t len;
        if (ratel_quote_reason(q, i, &rs) != RATEL_OK)
            continue;
        len = strlen(rs.code ? rs.code : "") + 1;
        memcpy(r->text + used, rs.code ? rs.code : "", len);
        used += len;
        r->nreasons++;
    }
    return 0;
}

void batch_result_free(batch_result *r)
{
    free(r->text);
    r->text = NULL;
    r->cap = 0;
}

/* A CSV cell, quoted when it holds a comma, a quote or a line break. */
static int csv_cell(FILE *out, const char *s)
{
    const char *p;
    if (strpbrk(s, ",\"\r\n") == NULL)
        return fputs(s, out) == EOF ? -1 : 0;
    if (putc('"', out) == EOF)
        return -1;
    for (p = s; *p != '\0'; p++)
        if ((*p == '"' && putc('"', out) == EOF) || putc(*p, out) == EOF)
            return -1;
    return putc('"', out) == EOF ? -1 : 0;
}

int batch_result_csv_header(FILE *out)
{
    return fputs("line,decision,total_premium,reasons,plan_version,error\n",
                 out) == EOF ? -1 : 0;
}

static int write_csv(FILE *out, const batch_result *r)
{
    const char *code;
    size_t i;

    if (fprintf(out, "%ld,", r->lineno) < 0)
        return -1;
    if (!r->ok)
        return fputs(",,,,", out) == EOF || csv_cell(out, r->text) != 0 ||
                       putc('\n', out) == EOF ? -1 : 0;
    if (fprintf(out, "%s,%lld,", ratel_decision_name(r->decision),
                (long long)r->total) < 0)
        return -1;
    code = r->text + strlen(r->text) + 1;
    for (i = 0; i < r->nreasons; i++, code += strlen(code) + 1)
        if ((i > 0 && putc(';', out) == EOF) || csv_cell(out, code) != 0)
            return -1;
    if (putc(',', out) == EOF || csv_cell(out, r->text) != 0)
        return -1;
    return fputs(",\n", out) == EOF ? -1 : 0;
}

static int write_json(FILE *out, const batch_result *r)
{
    const char *code;
    size_t i;

    if (fprintf(out, "{\"line\":%ld,", r->lineno) < 0)
        return -1;
    if (!r->ok)
        return fputs("\"error\":", out) == EOF ||
                       cli_json_string(out, r->text) != 0 ||
                       fputs("}\n", out) == EOF ? -1 : 0;
    if (fprintf(out, "\"decision\":\"%s\",\"total_premium\":%lld,"
                     "\"reasons\":[",
                ratel_decision_name(r->decision), (long long)r->total) < 0)
        return -1;
    code = r->text + strlen(r->text) + 1;
    for (i = 0; i < r->nreasons; i++, code += strlen(code) + 1)
        if ((i > 0 && putc(',', out) == EOF) ||
            cli_json_string(out, code) != 0)
            return -1;
    if (fputs("],\"plan_version\":", out) == EOF ||
        cli_json_string(out, r->text) != 0)
        return -1;
    return fputs("}\n", out) == EOF ? -1 : 0;
}

int batch_result_write(FILE *out, const batch_result *r, int csv)
{
    return csv ? write_csv(out, r) : write_json(out, r);
}
