/* fuzz_plantest.c - libFuzzer target: the plan-test case reader (`ratel
 * test`): a declaration ("base" file or inline), overrides, the plan and
 * expectations. A case runs (passed or failed, with a report) or is an
 * error with a message; never a crash, a leak or a hang. */
#include "fuzz_util.h"
#include "ratel.h"
#include "ratel_sys.h"

static ratel_engine *engine;
static ratel_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ratel_engine_open(&engine, "tables/ratel.db", "rating-scripts", NULL)
        || ratel_ctx_new(&ctx, engine))
        abort(); /* run from the repository root */
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    ratel_plan_test_result *r = NULL;
    int rc = ratel_plan_test_run(&r, ctx, (const char *)data, size, NULL);
    if (rc != RATEL_OK) {
        fuzz_require_message(rc, ratel_ctx_errmsg(ctx));
    } else if (!ratel_plan_test_passed(r) &&
               !*ratel_plan_test_report(r)) {
        abort(); /* a failed case says why */
    }
    ratel_plan_test_free(r);
    return 0;
}
