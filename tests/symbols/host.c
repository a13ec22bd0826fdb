/* A host program with functions of the common names the engine's rooms
 * use (buf_, err_, mem_, tbl_, decl_): linked against the static
 * libratel.a, it must link and rate (tests/symbols/run.sh). It is
 * compiled without the engine's private_names.h, as a host would be. */
#include <stdio.h>
#include <string.h>
#include "ratel.h"

int buf_init(void);
int err_set(void);
int mem_grow(void);
int tbl_find(void);
int decl_new(void);
int sbx_new(void);
int buf_init(void) { return 1; }
int err_set(void) { return 2; }
int mem_grow(void) { return 3; }
int tbl_find(void) { return 4; }
int decl_new(void) { return 5; }
int sbx_new(void) { return 6; }

static char *read_file(const char *path, size_t *len)
{
    static char text[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    *len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[*len] = '\0';
    return text;
}

int main(int argc, char **argv)
{
    ratel_engine *engine = NULL;
    ratel_ctx *ctx = NULL;
    ratel_decl *decl = NULL;
    ratel_quote *quote = NULL;
    ratel_rate_options opts;
    size_t len = 0;
    const char *json;
    int rc;
    if (argc != 4) {
        fprintf(stderr, "usage: host TABLES PLANS DECLARATION\n");
        return 2;
    }
    if (buf_init() + err_set() + mem_grow() + tbl_find() + decl_new() +
        sbx_new() != 21)
        return 3;
    if (!(json = read_file(argv[3], &len)))
        return 2;
    rc = ratel_engine_open(&engine, argv[1], argv[2], NULL);
    if (rc != RATEL_OK) {
        fprintf(stderr, "host: %s\n", engine ? ratel_engine_errmsg(engine)
                                             : "out of memory");
        ratel_engine_free(engine);
        return 1;
    }
    rc = ratel_ctx_new(&ctx, engine);
    if (rc == RATEL_OK)
        rc = ratel_decl_parse(&decl, ctx, NULL, json, len);
    if (rc == RATEL_OK) {
        ratel_rate_options_init(&opts, RATEL_RATE_OPTIONS_VERSION);
        rc = ratel_rate(&quote, ctx, decl, &opts);
    }
    if (rc == RATEL_OK)
        printf("%s %lld\n", ratel_decision_name(ratel_quote_decision(quote)),
               (long long)ratel_quote_total_premium(quote));
    else
        fprintf(stderr, "host: %s\n", ctx ? ratel_ctx_errmsg(ctx) : "no context");
    ratel_quote_free(quote);
    ratel_decl_free(decl);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return rc == RATEL_OK ? 0 : 1;
}
