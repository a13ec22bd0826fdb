/* fuzz_options.c - libFuzzer target: the options reader (`ratel quote
 * --options FILE`). The input is JSON for ratel_options_parse(); options it
 * accepts are rated as a menu on the neutral declaration. Each option gets
 * a quote or an error with a message; never a crash, a leak or a hang. */
#include "fuzz_util.h"
#include "ratel.h"

static ratel_engine *engine;
static ratel_ctx *ctx;
static ratel_decl *decl;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static char json[1 << 16];
    FILE *f = fopen("examples/neutral.json", "rb");
    size_t n;
    (void)argc;
    (void)argv;
    if (!f)
        abort(); /* run from the repository root */
    n = fread(json, 1, sizeof json, f);
    fclose(f);
    if (ratel_engine_open(&engine, "tables/ratel.db", "rating-scripts", NULL)
        || ratel_ctx_new(&ctx, engine)
        || ratel_decl_parse(&decl, ctx, json, n))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    ratel_rate_options opts = RATEL_RATE_OPTIONS_INIT;
    ratel_option *options = NULL;
    ratel_menu *menu = NULL;
    size_t n = 0, k;
    int rc = ratel_options_parse(&options, &n, ctx, (const char *)data, size);
    if (rc != RATEL_OK) {
        fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
        return 0;
    }
    opts.plan_id = "sme-cyber";
    rc = ratel_rate_menu(&menu, ctx, decl, &opts, options, n);
    if (rc != RATEL_OK) {
        fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
    } else {
        for (k = 0; k < ratel_menu_count(menu); k++) {
            const char *msg = NULL;
            int orc = ratel_menu_error(menu, k, &msg);
            if (orc != RATEL_OK)
                fuzz_require_message(orc, msg);
            else if (!ratel_quote_json(ratel_menu_quote(menu, k), NULL))
                abort();
        }
        if (!ratel_menu_json(menu, NULL))
            abort();
    }
    ratel_menu_free(menu);
    ratel_options_free(options, n);
    return 0;
}
