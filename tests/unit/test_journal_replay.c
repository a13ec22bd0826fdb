/* test_journal_replay.c - replaying recorded quotes (docs/journal.md,
 * "Replay"): the golden cases recorded with and without their worksheet
 * replay to the same bytes on the stored plan source, schema and tables,
 * also after the plan file on disk changed; on today's engine they differ
 * at the step that changed; several threads give the same items; a
 * damaged blob fails its quotes with the reason, a damaged quote stops
 * the replay with an error naming it. */
#include "testutil.h"

#include <dirent.h>
#include <sqlite3.h>

static char dir[64];
static char plans[128], journal[128];
static size_t recorded; /* quotes in the journal */

/* Writes the plan `src` with every `from` replaced by `to` to plans/. */
static void write_plan(const char *from, const char *to)
{
    char *text = test_slurp("rating-scripts/sme_cyber.lua", NULL), *hit;
    FILE *f;
    char path[256];
    assert_non_null(text);
    snprintf(path, sizeof path, "%s/sme_cyber.lua", plans);
    f = fopen(path, "w");
    assert_non_null(f);
    if (from && (hit = strstr(text, from))) {
        fwrite(text, 1, (size_t)(hit - text), f);
        fputs(to, f);
        fputs(hit + strlen(from), f);
    } else {
        assert_null(from);
        fputs(text, f);
    }
    fclose(f);
    free(text);
}

static ratel_engine *open_engine(void)
{
    ratel_engine_options o;
    ratel_engine *e = NULL;
    ratel_engine_options_init(&o, RATEL_ENGINE_OPTIONS_VERSION);
    o.schemas_path = TEST_SCHEMAS_DIR;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", plans, &o),
                     RATEL_OK);
    return e;
}

/* Records every golden case that rates, with and without its worksheet. */
static int setup(void **state)
{
    ratel_engine *e;
    ratel_ctx *ctx = NULL;
    ratel_journal *j = NULL;
    DIR *d;
    struct dirent *de;
    (void)state;
    test_tmpdir(dir);
    snprintf(plans, sizeof plans, "%s/plans", dir);
    snprintf(journal, sizeof journal, "%s/quotes.db", dir);
    if (mkdir(plans, 0755) != 0)
        return -1;
    write_plan(NULL, NULL);
    e = open_engine();
    if (ratel_ctx_new(&ctx, e) || ratel_journal_open(&j, journal, NULL) ||
        ratel_journal_attach(ctx, j) || !(d = opendir("tests/golden/cases")))
        return -1;
    while ((de = readdir(d))) {
        char path[512];
        size_t len, k;
        char *json;
        if (!strstr(de->d_name, ".json"))
            continue;
        snprintf(path, sizeof path, "tests/golden/cases/%s", de->d_name);
        json = test_slurp(path, &len);
        for (k = 0; json && k < 2; k++) {
            ratel_rate_options o;
            ratel_decl *decl = NULL;
            ratel_quote *q = NULL;
            ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
            o.flags = k ? RATEL_RATE_NO_WORKSHEET : 0;
            if (ratel_decl_parse(&decl, ctx, NULL, json, len) == RATEL_OK &&
                ratel_journal_stamp(ctx, de->d_name, 1000 * (int64_t)k) ==
                    RATEL_OK &&
                ratel_rate(&q, ctx, decl, &o) == RATEL_OK)
                recorded++;
            ratel_quote_free(q);
            ratel_decl_free(decl);
        }
        free(json);
    }
    closedir(d);
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
    ratel_engine_free(e);
    return recorded > 60 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    test_rmdir(dir);
    return 0;
}

/* Replays with `engine` (NULL: the stored texts) on `threads`, every
 * item; the counts in same/differ/failed, the items' differences joined
 * in *text when not NULL (free it). */
static void replay(ratel_engine *engine, unsigned threads, uint64_t *same,
                   uint64_t *differ, uint64_t *failed, char **text)
{
    ratel_journal_options jo;
    ratel_replay_options o;
    ratel_journal *j = NULL;
    ratel_replay *r = NULL;
    ratel_replay_item it;
    size_t n = 0, cap = 1, used = 0;
    char *all = calloc(1, 1);
    int rc;
    ratel_journal_options_init(&jo, 1);
    jo.read_only = 1;
    assert_int_equal(ratel_journal_open(&j, journal, &jo), RATEL_OK);
    ratel_replay_options_init(&o, RATEL_REPLAY_OPTIONS_VERSION);
    o.engine = engine;
    o.threads = threads;
    o.all = 1;
    assert_int_equal(ratel_replay_open(&r, j, &o), RATEL_OK);
    while ((rc = ratel_replay_next(r, &it)) == 1) {
        size_t add = strlen(it.difference) + 32;
        n++;
        assert_int_equal(it.id, (int64_t)n);
        assert_non_null(it.recorded);
        assert_true(it.status == RATEL_REPLAY_SAME ? it.difference[0] == '\0'
                                                   : it.difference[0] != '\0');
        if (used + add >= cap) {
            cap = 2 * (used + add);
            all = realloc(all, cap);
        }
        used += (size_t)snprintf(all + used, cap - used, "%lld %d %s\n",
                                 (long long)it.id, (int)it.status,
                                 it.difference);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, recorded);
    ratel_replay_counts(r, same, differ, failed);
    assert_int_equal(*same + *differ + *failed, n);
    ratel_replay_free(r);
    ratel_journal_close(j);
    if (text)
        *text = all;
    else
        free(all);
}

static void test_journal_replay__stored_sources_same_bytes(void **state)
{
    uint64_t same, differ, failed;
    char *one = NULL, *three = NULL;
    (void)state;
    replay(NULL, 1, &same, &differ, &failed, &one);
    assert_int_equal(same, recorded);
    /* the plan on disk changes: the stored source still replays */
    write_plan("round(\"policy\", \"Round to 10 yen\", 10,",
               "round(\"policy\", \"Round to 10 yen\", 100,");
    replay(NULL, 3, &same, &differ, &failed, &three);
    assert_int_equal(same, recorded);
    assert_string_equal(one, three);
    free(one);
    free(three);
    write_plan(NULL, NULL);
}

static void test_journal_replay__todays_plan_differs_at_its_step(void **st)
{
    ratel_engine *today;
    uint64_t same, differ, failed;
    char *text = NULL, *one = NULL;
    (void)st;
    write_plan("round(\"policy\", \"Round to 10 yen\", 10,",
               "round(\"policy\", \"Round to 10 yen\", 1000,");
    today = open_engine();
    replay(today, 2, &same, &differ, &failed, &text);
    /* the plan's hash changed: every quote's bytes differ */
    assert_int_equal(differ, recorded);
    assert_int_equal(failed, 0);
    /* with or without the recorded worksheet, the step is named */
    assert_non_null(strstr(text, "policy \"Round to 10 yen\": value 10 -> "
                                 "1000"));
    assert_non_null(strstr(text, "total_premium: 67380 -> 67000"));
    assert_non_null(strstr(text, "first differing step: step"));
    replay(today, 1, &same, &differ, &failed, &one);
    assert_string_equal(text, one);
    free(text);
    free(one);
    ratel_engine_free(today);
    write_plan(NULL, NULL);
}

static void exec_sql(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(journal, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_journal_replay__damaged_journal(void **state)
{
    ratel_journal_options jo;
    ratel_journal *j = NULL;
    ratel_replay *r = NULL;
    ratel_replay_item it;
    uint64_t same, differ, failed;
    char *text = NULL;
    int rc;
    (void)state;
    /* a table's stored content changed: its context's quotes fail */
    exec_sql("UPDATE journal_blobs SET content = content || x'20' WHERE "
             "kind = 'table' AND name = 'sme_terms'");
    replay(NULL, 1, &same, &differ, &failed, &text);
    assert_int_equal(failed, recorded);
    assert_non_null(strstr(text, "does not match its SHA-256"));
    free(text);
    exec_sql("UPDATE journal_blobs SET content = substr(content, 1, "
             "length(content) - 1) WHERE kind = 'table' AND name = "
             "'sme_terms'");
    replay(NULL, 1, &same, &differ, &failed, NULL);
    assert_int_equal(same, recorded);
    /* a quote whose parts do not fit stops the replay, named */
    exec_sql("UPDATE journal_quotes SET tables_at = tables_at + 999999 "
             "WHERE id = 3");
    ratel_journal_options_init(&jo, 1);
    jo.read_only = 1;
    assert_int_equal(ratel_journal_open(&j, journal, &jo), RATEL_OK);
    assert_int_equal(ratel_replay_open(&r, j, NULL), RATEL_OK);
    rc = ratel_replay_next(r, &it);
    assert_int_equal(rc, RATEL_EIO);
    assert_non_null(strstr(ratel_journal_errmsg(j), "quote 3: damaged"));
    ratel_replay_free(r);
    ratel_journal_close(j);
    exec_sql("UPDATE journal_quotes SET tables_at = tables_at - 999999 "
             "WHERE id = 3");
    /* a shared member that is not there */
    exec_sql("UPDATE journal_quotes SET plan_part = plan_part + 999999 "
             "WHERE id = 4");
    assert_int_equal(ratel_journal_open(&j, journal, &jo), RATEL_OK);
    assert_int_equal(ratel_replay_open(&r, j, NULL), RATEL_OK);
    assert_int_equal(ratel_replay_next(r, &it), RATEL_EIO);
    assert_non_null(strstr(ratel_journal_errmsg(j), "quote 4: damaged record "
                                                    "(a part of its quote is "
                                                    "missing)"));
    ratel_replay_free(r);
    ratel_journal_close(j);
    exec_sql("UPDATE journal_quotes SET plan_part = plan_part - 999999 "
             "WHERE id = 4");
}

static void test_journal_replay__options(void **state)
{
    ratel_replay_options o;
    ratel_journal *j = NULL;
    ratel_replay *r = NULL;
    ratel_replay_item it;
    uint64_t same = 0;
    (void)state;
    assert_int_equal(ratel_replay_options_init(&o, 2), RATEL_EARG);
    assert_int_equal(ratel_replay_options_init(&o, 1), RATEL_OK);
    assert_int_equal(o.threads, 1);
    assert_int_equal(ratel_journal_open(&j, journal, NULL), RATEL_OK);
    o.threads = 0;
    assert_int_equal(ratel_replay_open(&r, j, &o), RATEL_EARG);
    o.threads = 65;
    assert_int_equal(ratel_replay_open(&r, j, &o), RATEL_EARG);
    o.threads = 1;
    o.id = 2;
    assert_int_equal(ratel_replay_open(&r, j, &o), RATEL_OK);
    if (ratel_replay_next(r, &it) == 1)
        fail_msg("%d %s", it.status, it.difference);
    ratel_replay_counts(r, &same, NULL, NULL);
    assert_int_equal(same, 1);
    ratel_replay_free(r);
    o.id = 0;
    o.since = "not a date";
    assert_int_equal(ratel_replay_open(&r, j, &o), RATEL_EARG);
    ratel_journal_close(j);
    ratel_replay_free(NULL);
}

/* More contexts than the replay keeps open (16) interleaved in one
 * chunk: each quote still replays on its own plan. */
static void test_journal_replay__many_contexts(void **state)
{
    char many[128], path[256], jpath[160], id[32];
    char *text = test_slurp("rating-scripts/sme_cyber.lua", NULL), *json;
    ratel_engine_options eo;
    ratel_engine *e = NULL;
    ratel_ctx *ctx = NULL;
    ratel_journal *j = NULL;
    ratel_replay_options o;
    ratel_replay *r = NULL;
    ratel_replay_item it;
    uint64_t same = 0, differ = 0, failed = 0;
    size_t len = 0, k, n = 0;
    int rc;
    (void)state;
    assert_non_null(text);
    snprintf(many, sizeof many, "%s/many", dir);
    assert_int_equal(mkdir(many, 0755), 0);
    for (k = 0; k < 20; k++) { /* sme-cyber-00 .. -19, none the default */
        char *at = strstr(text, "id = \"sme-cyber\""), *def;
        FILE *f;
        snprintf(path, sizeof path, "%s/p%02zu.lua", many, k);
        snprintf(id, sizeof id, "id = \"sme-cyber-%02zu\"", k);
        def = strstr(text, "default = true");
        assert_non_null(at);
        assert_non_null(def);
        f = fopen(path, "w");
        assert_non_null(f);
        fwrite(text, 1, (size_t)(at - text), f);
        fputs(id, f);
        fwrite(at + 16, 1, (size_t)(def - at - 16), f);
        fputs("default = false", f);
        fputs(def + 14, f);
        fclose(f);
    }
    ratel_engine_options_init(&eo, RATEL_ENGINE_OPTIONS_VERSION);
    eo.schemas_path = TEST_SCHEMAS_DIR;
    assert_int_equal(ratel_engine_open(&e, "tables/ratel.db", many, &eo),
                     RATEL_OK);
    snprintf(jpath, sizeof jpath, "%s/many.db", dir);
    assert_int_equal(ratel_ctx_new(&ctx, e), RATEL_OK);
    assert_int_equal(ratel_journal_open(&j, jpath, NULL), RATEL_OK);
    assert_int_equal(ratel_journal_attach(ctx, j), RATEL_OK);
    json = test_slurp("examples/neutral.json", &len);
    for (k = 0; k < 60; k++) {
        ratel_rate_options ro;
        ratel_decl *d = NULL;
        ratel_quote *q = NULL;
        ratel_rate_options_init(&ro, RATEL_RATE_OPTIONS_VERSION);
        snprintf(id, sizeof id, "sme-cyber-%02zu", k % 20);
        ro.plan_id = id;
        assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len),
                         RATEL_OK);
        assert_int_equal(ratel_journal_stamp(ctx, id, 1), RATEL_OK);
        assert_int_equal(ratel_rate(&q, ctx, d, &ro), RATEL_OK);
        ratel_quote_free(q);
        ratel_decl_free(d);
    }
    ratel_replay_options_init(&o, 1);
    o.all = 1;
    o.threads = 2;
    assert_int_equal(ratel_replay_open(&r, j, &o), RATEL_OK);
    while ((rc = ratel_replay_next(r, &it)) == 1) {
        n++;
        assert_int_equal(it.id, (int64_t)n);
        assert_int_equal(it.status, RATEL_REPLAY_SAME);
        assert_non_null(strstr(it.replayed, "\"id\":\"sme-cyber-"));
    }
    if (rc != 0)
        fail_msg("%d %s", rc, ratel_journal_errmsg(j));
    ratel_replay_counts(r, &same, &differ, &failed);
    assert_int_equal(n, 60);
    assert_int_equal(same, 60);
    ratel_replay_free(r);
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
    ratel_engine_free(e);
    free(json);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_journal_replay__stored_sources_same_bytes),
        cmocka_unit_test(test_journal_replay__todays_plan_differs_at_its_step),
        cmocka_unit_test(test_journal_replay__damaged_journal),
        cmocka_unit_test(test_journal_replay__options),
        cmocka_unit_test(test_journal_replay__many_contexts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
