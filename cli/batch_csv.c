/* batch_csv.c - CSV books: the library reads the header row and makes
 * each row a declaration (ratel_csv_header_parse, ratel_decl_parse_csv;
 * docs/cli.md, "CSV input"); here the book's name and line go on its
 * errors, and each row is rated. */
#include "cli.h"
#include "batch.h"

int batch_csv_read_header(batch_reader *rd, ratel_csv_header **csv,
                          ratel_engine *eng, const char *schema)
{
    batch_line header;
    batch_arena arena = {NULL, 0, 0};
    ratel_ctx *ctx = NULL;
    size_t n = 0;
    int rc = -1;

    if (batch_reader_chunk(rd, &arena, &header, 1, &n) != 0)
        goto done;
    if (n == 0 || header.error != NULL) {
        cli_error("%s: %s", rd->name,
                  n == 0 ? "no header row" : header.error);
        goto done;
    }
    if (ratel_ctx_new(&ctx, eng) != RATEL_OK) {
        cli_error("out of memory");
        goto done;
    }
    rc = ratel_csv_header_parse(csv, ctx, schema, header.text, header.len);
    if (rc == RATEL_ENOMEM)
        cli_error("out of memory");
    else if (rc != RATEL_OK)
        cli_error("%s:%ld: header, %s", rd->name, header.lineno,
                  ratel_ctx_errmsg(ctx));
    rc = rc == RATEL_OK ? 0 : -1;
done:
    ratel_ctx_free(ctx);
    batch_arena_free(&arena);
    return rc;
}

int batch_csv_rate(ratel_quote **out, ratel_ctx *ctx,
                   const ratel_csv_header *csv, const batch_line *line,
                   const char *plan_id, unsigned int flags, char *err,
                   size_t errsize)
{
    ratel_rate_options o;
    ratel_decl *d = NULL;
    int rc = ratel_decl_parse_csv(&d, ctx, csv, line->text, line->len);

    if (rc == RATEL_OK) {
        ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
        o.plan_id = plan_id;
        o.flags = flags;
        rc = ratel_rate(out, ctx, d, &o);
        ratel_decl_free(d);
    }
    if (rc != RATEL_OK) {
        batch_ctx_error(ctx, rc, NULL, err, errsize);
        return -1;
    }
    return 0;
}
