/* fuzz_options.c - libFuzzer target: the options reader (`ratel quote
 * --options FILE`): an array of options, each setting fields by path
 * ("set") or by the request short keys. Options it accepts are rated as a
 * menu on the neutral declaration. Each option gets a quote or an error
 * with a message; never a crash, a leak or a hang. */
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
        || ratel_decl_parse(&decl, ctx, "cyber-sme", json, n))
        abort();
    return 0;
}

/* The menu's quotes and its document can be written. */
static void write_menu(const ratel_menu *menu)
{
    char *json = NULL;
    size_t k;
    for (k = 0; k < ratel_menu_count(menu); k++) {
        const char *msg = NULL;
        int rc = ratel_menu_error(menu, k, &msg);
        if (rc != RATEL_OK) {
            fuzz_require_message(rc, msg);
            continue;
        }
        if (ratel_quote_json(ratel_menu_quote(menu, k), &json, NULL))
            abort();
        ratel_free(json);
    }
    if (ratel_menu_json(menu, &json, NULL) != RATEL_OK)
        abort();
    ratel_free(json);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    ratel_rate_options opts = RATEL_RATE_OPTIONS_INIT;
    ratel_options *options = NULL;
    ratel_menu *menu = NULL;
    int rc = ratel_options_parse(&options, ctx, (const char *)data, size);
    if (rc != RATEL_OK) {
        fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
        return 0;
    }
    opts.plan_id = "sme-cyber";
    rc = ratel_rate_menu(&menu, ctx, decl, &opts, options);
    if (rc != RATEL_OK)
        fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
    else
        write_menu(menu);
    ratel_menu_free(menu);
    ratel_options_free(options);
    return 0;
}
