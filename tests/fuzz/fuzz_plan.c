/* fuzz_plan.c - libFuzzer target: the plan loader. The input is the text
 * of a plan file; engine open (with the shipped product schemas) compiles
 * and checks it in the sandbox and, when it loads, it rates the neutral
 * declaration, read by the plan's schema. Either step gives a result or
 * an error with a message; never a crash, a leak or a hang. */
#include "fuzz_util.h"
#include "ratel.h"

static char *neutral;
static size_t neutral_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FILE *f = fopen("examples/neutral.json", "rb");
    (void)argc;
    (void)argv;
    fuzz_make_dir();
    neutral = malloc(1 << 16);
    if (!f || !neutral)
        abort(); /* run from the repository root */
    neutral_len = fread(neutral, 1, 1 << 16, f);
    fclose(f);
    return 0;
}

/* The neutral declaration read by the default plan's schema and rated: a
 * quote, or an error with a message. */
static void rate(ratel_ctx *ctx)
{
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    char *json = NULL;
    int rc = ratel_decl_parse(&d, ctx, NULL, neutral, neutral_len);
    if (rc == RATEL_OK)
        rc = ratel_rate(&q, ctx, d, NULL);
    if (rc != RATEL_OK)
        fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
    else if (ratel_quote_json(q, &json, NULL) != RATEL_OK)
        abort();
    ratel_free(json);
    ratel_quote_free(q);
    ratel_decl_free(d);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    ratel_engine_options o = RATEL_ENGINE_OPTIONS_INIT;
    char path[256];
    ratel_engine *engine = NULL;
    ratel_ctx *ctx = NULL;
    int rc;
    o.schemas_path = "rating-scripts/schemas";
    rc = ratel_engine_open(&engine, "tables/ratel.db",
                           fuzz_write(path, "plan.lua", data, size), &o);
    if (rc != RATEL_OK)
        fuzz_require_message(rc, engine ? ratel_engine_errmsg(engine) : NULL);
    else if (ratel_ctx_new(&ctx, engine) != RATEL_OK)
        abort();
    else
        rate(ctx);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}
