/* fuzz_plan.c - libFuzzer target: the plan loader. The input is the text
 * of a plan file; engine open compiles and checks it in the sandbox and,
 * when it loads, it rates the neutral declaration. Either step gives a
 * result or an error with a message; never a crash, a leak or a hang. */
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

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[256];
    ratel_engine *engine = NULL;
    ratel_ctx *ctx = NULL;
    ratel_quote *q = NULL;
    int rc = ratel_engine_open(&engine, "tables/ratel.db",
                               fuzz_write(path, "plan.lua", data, size), NULL);
    if (rc != RATEL_OK) {
        fuzz_require_message(rc, engine ? ratel_engine_errmsg(engine) : NULL);
    } else if (ratel_ctx_new(&ctx, engine) != RATEL_OK) {
        abort();
    } else {
        rc = ratel_rate_json(&q, ctx, neutral, neutral_len, NULL, 0);
        if (rc != RATEL_OK)
            fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
        else if (!ratel_quote_json(q, NULL))
            abort();
    }
    ratel_quote_free(q);
    ratel_ctx_free(ctx);
    ratel_engine_free(engine);
    return 0;
}
