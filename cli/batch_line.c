/* batch_line.c - rating one line of a book: a JSON declaration, or a CSV
 * row made a declaration by the library (batch_csv.c); errors as one line. */
#include "cli.h"
#include "batch.h"

#include <stdlib.h>
#include <string.h>

/* Appends printf-style text to err (truncating at errsize). */
static void append(char *err, size_t errsize, const char *s)
{
    size_t used = strlen(err);
    if (used + 1 < errsize)
        snprintf(err + used, errsize - used, "%s", s);
}

void batch_ctx_error(const ratel_ctx *ctx, int rc, const char *prefix,
                     char *err, size_t errsize)
{
    size_t i, n = ratel_ctx_field_error_count(ctx);
    const char *msg = ratel_ctx_errmsg(ctx);
    char one[512];

    if (errsize == 0)
        return;
    snprintf(err, errsize, "%s%s", prefix ? prefix : "", prefix ? ": " : "");
    if (rc != RATEL_EDECL || n == 0) {
        append(err, errsize, msg && *msg ? msg : ratel_strerror(rc));
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
        append(err, errsize, one);
    }
}

int batch_rate_line(ratel_quote **out, ratel_ctx *ctx,
                    const ratel_csv_header *csv, const batch_line *line,
                    const char *plan_id, unsigned int flags, char *err,
                    size_t errsize)
{
    int rc;

    *out = NULL;
    err[0] = '\0';
    if (line->error != NULL) {
        snprintf(err, errsize, "%s", line->error);
        return -1;
    }
    if (csv != NULL)
        return batch_csv_rate(out, ctx, csv, line, plan_id, flags, err,
                              errsize);
    rc = cli_rate_json(out, ctx, ratel_ctx_engine(ctx), line->text,
                       line->len, plan_id, flags);
    if (rc != RATEL_OK) {
        batch_ctx_error(ctx, rc, NULL, err, errsize);
        return -1;
    }
    return 0;
}
