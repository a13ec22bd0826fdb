/* test_journal.c - the quote journal (docs/journal.md): creating and
 * opening one (a file that is not a journal, a newer one, options), quotes
 * recorded through an attached context and added later from a context
 * that keeps records (or from records taken from their quotes), what is
 * stored (the bytes parsed, the canonical text of a declaration built by
 * setters, each plan, schema and table once), reading back, transactions
 * and marks, two handles appending to one file, and the SQL view a
 * reporting tool reads. */
#include "testutil.h"

#include <sqlite3.h>

#include "jtree.h"

static ratel_engine *engine;
static char dir[64];

static int setup(void **state)
{
    (void)state;
    test_tmpdir(dir);
    return ratel_engine_open(&engine, "tables/ratel.db", TEST_PLANS_DIR,
                             NULL);
}

static int teardown(void **state)
{
    (void)state;
    ratel_engine_free(engine);
    test_rmdir(dir);
    return 0;
}

static const char *path_of(const char *name)
{
    static char p[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static ratel_journal *open_new(const char *name)
{
    ratel_journal *j = NULL;
    unlink(path_of(name));
    assert_int_equal(ratel_journal_open(&j, path_of(name), NULL), RATEL_OK);
    return j;
}

/* The first column of the first row of `sql` on journal `name`, as text
 * (a copy; NULL for none). */
static char *query(const char *name, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    assert_int_equal(sqlite3_open_v2(path_of(name), &db, SQLITE_OPEN_READONLY,
                                     NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static void expect_query(const char *name, const char *sql, const char *want)
{
    char *got = query(name, sql);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static long long count(const char *name, const char *sql)
{
    char *s = query(name, sql);
    long long n = s ? atoll(s) : -1;
    free(s);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    char *s = test_slurp(path, len);
    assert_non_null(s);
    return s;
}

/* Parses json on ctx, stamps it and rates it: the quote (NULL on error,
 * the code in *rc). */
static ratel_quote *rate_stamped(ratel_ctx *ctx, const char *json,
                                 size_t len, const char *ref, int64_t when,
                                 int *rc)
{
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len), RATEL_OK);
    if (when >= 0)
        assert_int_equal(ratel_journal_stamp(ctx, ref, when), RATEL_OK);
    *rc = ratel_rate(&q, ctx, d, NULL);
    ratel_decl_free(d);
    return q;
}

/* Entry `id` of journal j: its quote JSON and declaration (copies). */
static void read_entry(ratel_journal *j, int64_t id, char **quote,
                       char **decl)
{
    ratel_journal_cursor *c = NULL;
    ratel_journal_entry e;
    assert_int_equal(ratel_journal_read(&c, j, id, NULL), RATEL_OK);
    assert_int_equal(ratel_journal_next(c, &e), 1);
    assert_int_equal(e.id, id);
    *quote = strndup(e.quote_json, e.quote_len);
    *decl = strndup(e.declaration, e.declaration_len);
    assert_int_equal(ratel_journal_next(c, &e), 0);
    ratel_journal_cursor_free(c);
}

static void test_journal__options_and_bad_files(void **state)
{
    ratel_journal_options o;
    ratel_journal *j = NULL;
    sqlite3 *db;
    size_t len;
    char *s;
    FILE *f;
    (void)state;
    assert_int_equal(ratel_journal_options_init(&o, 0), RATEL_EARG);
    assert_int_equal(ratel_journal_options_init(&o, 2), RATEL_EARG);
    assert_int_equal(ratel_journal_options_init(NULL, 1), RATEL_EARG);
    assert_int_equal(ratel_journal_options_init(&o, 1), RATEL_OK);
    assert_int_equal(o.busy_timeout_ms, 10000);
    o.version = 7;
    assert_int_equal(ratel_journal_open(&j, path_of("x.db"), &o), RATEL_EARG);
    assert_non_null(strstr(ratel_journal_errmsg(j), "version 7"));
    ratel_journal_close(j);
    /* reading a journal that does not exist creates nothing */
    ratel_journal_options_init(&o, 1);
    o.read_only = 1;
    assert_int_equal(ratel_journal_open(&j, path_of("none.db"), &o),
                     RATEL_EIO);
    assert_non_null(strstr(ratel_journal_errmsg(j), "none.db"));
    ratel_journal_close(j);
    assert_int_equal(access(path_of("none.db"), F_OK), -1);
    /* a text file is refused and left as it is */
    f = fopen(path_of("text.db"), "w");
    assert_non_null(f);
    for (len = 0; len < 40; len++)
        fputs("not a database at all, a text file of many lines\n", f);
    fclose(f);
    assert_int_equal(ratel_journal_open(&j, path_of("text.db"), NULL),
                     RATEL_EIO);
    assert_non_null(strstr(ratel_journal_errmsg(j), "not a quote journal"));
    ratel_journal_close(j);
    s = slurp(path_of("text.db"), &len);
    assert_int_equal(len, 40 * 49);
    assert_memory_equal(s, "not a database", 14);
    free(s);
    /* another SQLite database is refused, unchanged */
    assert_int_equal(sqlite3_open(path_of("other.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t "
                                  "VALUES(1)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ratel_journal_open(&j, path_of("other.db"), NULL),
                     RATEL_EIO);
    assert_non_null(strstr(ratel_journal_errmsg(j), "not a ratel quote "
                                                     "journal"));
    ratel_journal_close(j);
    assert_int_equal(count("other.db", "SELECT count(*) FROM sqlite_master"),
                     1);
    /* a directory; no path */
    assert_int_equal(ratel_journal_open(&j, dir, NULL), RATEL_EIO);
    ratel_journal_close(j);
    assert_int_equal(ratel_journal_open(&j, NULL, NULL), RATEL_EARG);
    ratel_journal_close(j);
    assert_int_equal(ratel_journal_open(NULL, "x", NULL), RATEL_EARG);
    ratel_journal_close(NULL);
}

static void test_journal__newer_format_refused(void **state)
{
    ratel_journal *j = open_new("newer.db");
    sqlite3 *db;
    (void)state;
    ratel_journal_close(j);
    assert_int_equal(sqlite3_open(path_of("newer.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE journal_meta SET value = '2' "
                                  "WHERE key = 'format_version'", NULL,
                                  NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ratel_journal_open(&j, path_of("newer.db"), NULL),
                     RATEL_EIO);
    assert_non_null(strstr(ratel_journal_errmsg(j), "newer ratel"));
    ratel_journal_close(j);
}

static void test_journal__attached_context_records_each_quote(void **state)
{
    ratel_journal *j = open_new("a.db");
    ratel_ctx *ctx = NULL;
    ratel_journal_cursor *c = NULL;
    ratel_journal_entry e;
    ratel_quote *q;
    char *json, *text = NULL, *quote, *decl, *view;
    size_t len, tlen;
    int rc;
    (void)state;
    json = slurp("examples/neutral.json", &len);
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    assert_int_equal(ratel_journal_attach(ctx, j), RATEL_OK);
    /* no stamp: no quote */
    q = rate_stamped(ctx, json, len, NULL, -1, &rc);
    assert_int_equal(rc, RATEL_EARG);
    assert_null(q);
    assert_non_null(strstr(ratel_ctx_errmsg(ctx), "ratel_journal_stamp"));
    assert_int_equal(ratel_journal_stamp(ctx, "x", -1), RATEL_EARG);
    assert_int_equal(ratel_journal_stamp(ctx, "x", INT64_C(32503680000000)),
                     RATEL_EARG); /* the year 3000 */
    q = rate_stamped(ctx, json, len, "broker-42", INT64_C(1782900000123),
                     &rc);
    assert_int_equal(rc, RATEL_OK);
    assert_int_equal(ratel_journal_last_id(ctx), 1);
    ratel_quote_free(q);
    /* the stamp was used up */
    q = rate_stamped(ctx, json, len, NULL, -1, &rc);
    assert_int_equal(rc, RATEL_EARG);
    q = rate_stamped(ctx, json, len, NULL, 0, &rc);
    assert_int_equal(rc, RATEL_OK);
    assert_int_equal(ratel_journal_last_id(ctx), 2);
    assert_int_equal(ratel_quote_json(q, &text, &tlen), RATEL_OK);

    assert_int_equal(ratel_journal_read(&c, j, 1, NULL), RATEL_OK);
    assert_int_equal(ratel_journal_next(c, &e), 1);
    assert_int_equal(e.id, 1);
    assert_string_equal(e.reference, "broker-42");
    assert_string_equal(e.timestamp, "2026-07-01T10:00:00.123Z");
    assert_string_equal(e.plan_id, "sme-cyber");
    assert_string_equal(e.plan_version, ratel_quote_plan_version(q));
    assert_string_equal(e.decision, "quoted");
    assert_int_equal(e.total_premium, 67380);
    assert_string_equal(e.currency, "JPY");
    /* the bytes the caller parsed, and the quote to the byte */
    assert_int_equal(e.declaration_len, len);
    assert_memory_equal(e.declaration, json, len);
    assert_int_equal(e.quote_len, tlen);
    assert_memory_equal(e.quote_json, text, tlen);
    assert_int_equal(ratel_journal_next(c, &e), 0);
    ratel_journal_cursor_free(c);
    read_entry(j, 2, &quote, &decl);
    assert_string_equal(quote, text);
    free(quote);
    free(decl);
    /* the SQL view a reporting tool reads gives the same document */
    view = query("a.db", "SELECT quote_json FROM journal_quote_json "
                         "WHERE id = 2");
    assert_non_null(view);
    assert_string_equal(view, text);
    free(view);
    /* detached: quotes are no longer recorded */
    assert_int_equal(ratel_journal_attach(ctx, NULL), RATEL_OK);
    ratel_quote_free(q);
    q = rate_stamped(ctx, json, len, NULL, -1, &rc);
    assert_int_equal(rc, RATEL_OK);
    assert_int_equal(count("a.db", "SELECT count(*) FROM journal_quotes"), 2);
    ratel_free(text);
    ratel_quote_free(q);
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
    free(json);
}

/* A declaration built by setters is recorded as its canonical text,
 * which reads back as the same declaration. */
static void test_journal__setter_declaration_recorded_canonical(void **st)
{
    ratel_journal *j = open_new("s.db");
    ratel_ctx *ctx = NULL;
    ratel_decl *d = NULL, *back = NULL;
    ratel_quote *q = NULL;
    char *quote, *decl, *canon = NULL;
    size_t clen;
    (void)st;
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    assert_int_equal(ratel_journal_attach(ctx, j), RATEL_OK);
    assert_int_equal(ratel_decl_new(&d, ctx, "cyber-sme"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "effective_date",
                                           "2026-07-01"), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.name",
                                           "有限会社\"テスト\"\n商店"),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.revenue",
                                        300000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_string(d, ctx, "applicant.industry",
                                           "retail"), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.employees", 12),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_bool(d, ctx, "controls.mfa", 1),
                     RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.liability_limit",
                                        100000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.expense_limit",
                                        30000000), RATEL_OK);
    assert_int_equal(ratel_decl_set_int(d, ctx, "request.deductible",
                                        100000), RATEL_OK);
    assert_int_equal(ratel_journal_stamp(ctx, "setters", 1000), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
    read_entry(j, 1, &quote, &decl);
    assert_int_equal(ratel_decl_json(d, &canon, &clen), RATEL_OK);
    assert_string_equal(decl, canon);
    assert_non_null(strstr(decl, "\"schema\":\"cyber-sme\""));
    assert_non_null(strstr(decl, "\\\"テスト\\\"\\n"));
    assert_non_null(strstr(decl, "\"request\":{\"liability_limit\""));
    assert_int_equal(ratel_decl_parse(&back, ctx, "cyber-sme", decl,
                                      strlen(decl)), RATEL_OK);
    expect_query("s.db", "SELECT declaration_form FROM journal_quotes "
                         "WHERE id = 1", "canonical");
    ratel_decl_free(back);
    ratel_free(canon);
    free(quote);
    free(decl);
    ratel_quote_free(q);
    ratel_decl_free(d);
    /* parsed, then changed by a setter: no longer the bytes parsed */
    {
        size_t len;
        char *json = slurp("examples/neutral.json", &len);
        assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len),
                         RATEL_OK);
        assert_int_equal(ratel_journal_stamp(ctx, "parsed", 1), RATEL_OK);
        assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
        ratel_quote_free(q);
        assert_int_equal(ratel_decl_set_int(d, ctx, "applicant.employees",
                                            46), RATEL_OK);
        assert_int_equal(ratel_journal_stamp(ctx, "changed", 2), RATEL_OK);
        assert_int_equal(ratel_rate(&q, ctx, d, NULL), RATEL_OK);
        ratel_quote_free(q);
        ratel_decl_free(d);
        free(json);
    }
    expect_query("s.db", "SELECT group_concat(declaration_form, ' ') FROM "
                         "journal_quotes", "canonical parsed canonical");
    expect_query("s.db", "SELECT json_extract(declaration, "
                         "'$.applicant.employees') FROM journal_quotes "
                         "WHERE id = 3", "46");
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
}

/* Quotes rated on threads' contexts that keep records, added in order by
 * the journal's owner in one transaction; the plan, schema and each
 * table stored once for them all. */
/* q keeps no record: ratel_journal_add refuses it, saying so. */
static void expect_no_record(ratel_journal *j, const ratel_quote *q)
{
    int64_t id = -1;
    assert_int_equal(ratel_journal_add(j, engine, q, NULL, 1, &id),
                     RATEL_EARG);
    assert_int_equal(id, 0);
    assert_non_null(strstr(ratel_journal_errmsg(j), "keeps no record"));
}

static void test_journal__kept_records_added_in_one_transaction(void **st)
{
    static const char *const names[] = {
        "tests/golden/cases/neutral.json", "tests/golden/cases/bi_cover.json",
        "tests/golden/cases/controls_all_credit.json",
        "tests/golden/cases/coinsurance_70.json"};
    ratel_journal *j = open_new("k.db");
    ratel_ctx *ctx = NULL, *other = NULL;
    ratel_quote *q[4];
    ratel_engine *second = NULL;
    int64_t id = 0;
    size_t i, len;
    (void)st;
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    assert_int_equal(ratel_journal_keep(ctx, 1), RATEL_OK);
    for (i = 0; i < 4; i++) {
        char *json = slurp(names[i], &len);
        ratel_decl *d = NULL;
        assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len),
                         RATEL_OK);
        assert_int_equal(ratel_rate(&q[i], ctx, d, NULL), RATEL_OK);
        ratel_decl_free(d);
        free(json);
    }
    assert_int_equal(ratel_journal_begin(j), RATEL_OK);
    assert_int_equal(ratel_journal_begin(j), RATEL_EARG);
    for (i = 0; i < 4; i++) {
        assert_int_equal(ratel_journal_add(j, engine, q[i], names[i],
                                           INT64_C(1750000000000) + (int)i,
                                           &id), RATEL_OK);
        assert_int_equal(id, (int64_t)i + 1);
    }
    assert_int_equal(ratel_journal_mark(j, "batch 1 chunk 0"), RATEL_OK);
    assert_int_equal(ratel_journal_commit(j), RATEL_OK);
    assert_int_equal(ratel_journal_commit(j), RATEL_EARG);
    assert_int_equal(ratel_journal_marked(j, "batch 1 chunk 0"), 1);
    assert_int_equal(ratel_journal_marked(j, "batch 1 chunk 1"), 0);
    assert_int_equal(ratel_journal_mark(j, "batch 1 chunk 0"), RATEL_EARG);
    assert_int_equal(ratel_journal_mark(j, ""), RATEL_EARG);
    /* a rollback keeps nothing, and what it forgot is stored again */
    assert_int_equal(ratel_journal_begin(j), RATEL_OK);
    assert_int_equal(ratel_journal_add(j, engine, q[0], "gone", 1, &id),
                     RATEL_OK);
    assert_int_equal(ratel_journal_mark(j, "gone"), RATEL_OK);
    ratel_journal_rollback(j);
    assert_int_equal(ratel_journal_marked(j, "gone"), 0);
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_quotes"), 4);
    assert_int_equal(ratel_journal_add(j, engine, q[1], "again", 2, &id),
                     RATEL_OK);
    assert_int_equal(id, 5);
    /* one plan, one schema, one context; the tables the plan declares
     * and the code list's table, each once */
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_contexts"),
                     1);
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_blobs "
                                   "WHERE kind = 'plan'"), 1);
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_blobs "
                                   "WHERE kind = 'schema'"), 1);
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_blobs "
                                   "WHERE kind = 'table'"),
                     count("k.db", "SELECT count(DISTINCT blob) FROM "
                                   "journal_context_tables"));
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_context_"
                                   "tables WHERE role = 'codes'"), 1);
    assert_true(count("k.db", "SELECT count(*) FROM journal_blobs WHERE "
                              "kind = 'quote-part'") <= 4);
    assert_int_equal(count("k.db", "SELECT count(*) FROM journal_quote_json "
                                   "v JOIN journal_quotes q ON q.id = v.id "
                                   "WHERE json_extract(v.quote_json, "
                                   "'$.total_premium') = q.total_premium"),
                     5);
    /* a quote another engine made, and one that keeps no record */
    assert_int_equal(ratel_engine_open(&second, "tables/ratel.db",
                                       TEST_PLANS_DIR, NULL), RATEL_OK);
    assert_int_equal(ratel_journal_add(j, second, q[0], NULL, 1, &id),
                     RATEL_EARG);
    assert_non_null(strstr(ratel_journal_errmsg(j), "not rated by this "
                                                    "engine"));
    assert_int_equal(id, 0);
    assert_int_equal(ratel_ctx_new(&other, engine), RATEL_OK);
    {
        char *json = slurp(names[0], &len);
        ratel_decl *d = NULL;
        ratel_quote *plain = NULL;
        assert_int_equal(ratel_decl_parse(&d, other, NULL, json, len),
                         RATEL_OK);
        assert_int_equal(ratel_rate(&plain, other, d, NULL), RATEL_OK);
        expect_no_record(j, plain);
        ratel_quote_free(plain);
        ratel_decl_free(d);
        free(json);
    }
    assert_int_equal(ratel_journal_add(j, engine, q[0], NULL, -5, &id),
                     RATEL_EARG);
    for (i = 0; i < 4; i++)
        ratel_quote_free(q[i]);
    ratel_ctx_free(other);
    ratel_ctx_free(ctx);
    ratel_engine_free(second);
    ratel_journal_close(j);
}

/* Records taken from their quotes on a context keeping records, the
 * quotes and the context freed, then recorded: the same bytes as the
 * quotes' JSON; a quote whose record was taken keeps none. */
static void test_journal__records_taken_from_quotes(void **state)
{
    static const char *const names[] = {
        "tests/golden/cases/neutral.json", "tests/golden/cases/bi_cover.json",
        "tests/golden/cases/neutral.json"};
    ratel_journal *j = open_new("r.db");
    ratel_journal_record *rec[3], *none = NULL;
    ratel_rate_options opts;
    ratel_ctx *ctx = NULL;
    ratel_engine *second = NULL;
    char *want[3], *quote, *decl, *file;
    int64_t id = -1;
    size_t i, len;
    (void)state;
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    assert_int_equal(ratel_journal_keep(ctx, 1), RATEL_OK);
    assert_int_equal(ratel_rate_options_init(&opts, RATEL_RATE_OPTIONS_VERSION),
                     RATEL_OK);
    for (i = 0; i < 3; i++) {
        char *json = slurp(names[i], &len);
        ratel_decl *d = NULL;
        ratel_quote *q = NULL;
        opts.flags = i == 2 ? RATEL_RATE_NO_WORKSHEET : 0;
        assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len),
                         RATEL_OK);
        assert_int_equal(ratel_rate(&q, ctx, d, &opts), RATEL_OK);
        assert_int_equal(ratel_quote_json(q, &want[i], NULL), RATEL_OK);
        assert_int_equal(ratel_journal_record_take(NULL, q), RATEL_EARG);
        assert_int_equal(ratel_journal_record_take(&rec[i], q), RATEL_OK);
        assert_non_null(rec[i]);
        /* taken: the quote keeps no record */
        none = rec[i];
        assert_int_equal(ratel_journal_record_take(&none, q), RATEL_EARG);
        assert_null(none);
        expect_no_record(j, q);
        ratel_quote_free(q);
        ratel_decl_free(d);
        free(json);
    }
    ratel_ctx_free(ctx); /* the records outlive the context */
    assert_int_equal(ratel_journal_add_record(j, engine, NULL, NULL, 1, &id),
                     RATEL_EARG);
    assert_int_equal(id, 0);
    assert_int_equal(ratel_engine_open(&second, "tables/ratel.db",
                                       TEST_PLANS_DIR, NULL), RATEL_OK);
    assert_int_equal(ratel_journal_add_record(j, second, rec[0], NULL, 1,
                                              &id), RATEL_EARG);
    assert_non_null(strstr(ratel_journal_errmsg(j), "not rated by this "
                                                    "engine"));
    ratel_engine_free(second);
    for (i = 0; i < 3; i++) {
        assert_int_equal(ratel_journal_add_record(j, engine, rec[i],
                                                  names[i], 1, &id),
                         RATEL_OK);
        assert_int_equal(id, (int64_t)i + 1);
        ratel_journal_record_free(rec[i]);
        read_entry(j, id, &quote, &decl);
        assert_string_equal(quote, want[i]);
        file = slurp(names[i], &len);
        assert_int_equal(strlen(decl), len);
        assert_memory_equal(decl, file, len);
        free(file);
        free(quote);
        free(decl);
        free(want[i]);
    }
    /* each shared member once */
    assert_true(count("r.db", "SELECT count(*) FROM journal_blobs WHERE "
                              "kind = 'quote-part'") <= 3);
    ratel_journal_record_free(NULL);
    ratel_journal_close(j);
}

/* Reading by time, and a quote as one JSON document. */
static void test_journal__read_since_and_entry_json(void **state)
{
    ratel_journal *j = open_new("t.db");
    ratel_ctx *ctx = NULL;
    ratel_journal_cursor *c = NULL;
    ratel_journal_entry e;
    ratel_quote *q;
    char *json, *doc = NULL, msg[160];
    size_t len, dlen, k;
    jt_doc *tree = NULL;
    const jt_node *root;
    int rc;
    /* 2026-01-01T00:00:00Z, then a day and a second later, ... */
    static const int64_t when[] = {INT64_C(1767225600000),
                                   INT64_C(1767312001000),
                                   INT64_C(1767312001500)};
    (void)state;
    json = slurp("examples/full.json", &len);
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    assert_int_equal(ratel_journal_attach(ctx, j), RATEL_OK);
    for (k = 0; k < 3; k++) {
        q = rate_stamped(ctx, json, len, "ref", when[k], &rc);
        assert_int_equal(rc, RATEL_OK);
        ratel_quote_free(q);
    }
    assert_int_equal(ratel_journal_read(&c, j, 0, "2026-13-01"), RATEL_EARG);
    assert_int_equal(ratel_journal_read(&c, j, 0, "2026-01-02T00:00:01"),
                     RATEL_EARG);
    assert_int_equal(ratel_journal_read(&c, j, 0, "2026-01-02T00:00:01.2345Z"),
                     RATEL_EARG);
    assert_int_equal(ratel_journal_read(&c, j, 0, "2026-01-02"), RATEL_OK);
    for (k = 0; ratel_journal_next(c, &e) == 1; k++)
        ;
    assert_int_equal(k, 2);
    ratel_journal_cursor_free(c);
    assert_int_equal(ratel_journal_read(&c, j, 0, "2026-01-02T00:00:01.5Z"),
                     RATEL_OK);
    assert_int_equal(ratel_journal_next(c, &e), 1);
    assert_int_equal(e.id, 3);
    assert_int_equal(ratel_journal_entry_json(c, 1, &doc, &dlen), RATEL_OK);
    assert_null(memchr(doc, '\n', dlen));
    assert_int_equal(jt_parse(&tree, doc, dlen, msg, sizeof msg), 0);
    root = jt_root(tree);
    assert_int_equal(jt_get(root, "format_version")->i, 1);
    assert_int_equal(jt_get(root, "id")->i, 3);
    assert_string_equal(jt_get(root, "engine_version")->text,
                        ratel_version());
    assert_string_equal(jt_get(jt_get(root, "plan"), "id")->text,
                        "sme-cyber");
    assert_string_equal(jt_get(jt_get(root, "schema"), "id")->text,
                        "cyber-sme");
    assert_true(jt_get(root, "tables")->n >= 11);
    assert_int_equal(jt_get(root, "authority")->i, 1);
    assert_int_equal(jt_get(root, "worksheet")->b, 1);
    assert_int_equal(jt_get(root, "overrides")->kind, JT_NULL);
    assert_string_equal(jt_get(root, "declaration_form")->text, "parsed");
    assert_string_equal(jt_get(jt_get(root, "quote"), "decision")->text,
                        e.decision);
    jt_free(tree);
    ratel_free(doc);
    assert_int_equal(ratel_journal_entry_json(c, 0, &doc, &dlen), RATEL_OK);
    assert_non_null(memchr(doc, '\n', dlen));
    ratel_free(doc);
    assert_int_equal(ratel_journal_next(c, &e), 0);
    assert_int_equal(ratel_journal_entry_json(c, 0, &doc, &dlen), RATEL_EARG);
    ratel_journal_cursor_free(c);
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
    free(json);
}

/* Overrides and the authority held are recorded with the quote. */
static void test_journal__overrides_and_authority(void **state)
{
    ratel_journal *j = open_new("o.db");
    ratel_ctx *ctx = NULL;
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    ratel_rate_options o;
    ratel_override ov = {"policy", "Deductible", 0.9, "broker's loyalty"};
    char *json;
    size_t len;
    (void)state;
    json = slurp("examples/neutral.json", &len);
    assert_int_equal(ratel_ctx_new(&ctx, engine), RATEL_OK);
    assert_int_equal(ratel_journal_attach(ctx, j), RATEL_OK);
    assert_int_equal(ratel_ctx_set_authority(ctx, 3), RATEL_OK);
    assert_int_equal(ratel_decl_parse(&d, ctx, NULL, json, len), RATEL_OK);
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.overrides = &ov;
    o.noverrides = 1;
    o.total_override = 60000;
    o.total_override_reason = "agreed";
    o.flags = RATEL_RATE_NO_WORKSHEET;
    assert_int_equal(ratel_journal_stamp(ctx, "ov", 5), RATEL_OK);
    assert_int_equal(ratel_rate(&q, ctx, d, &o), RATEL_OK);
    expect_query("o.db", "SELECT overrides FROM journal_quotes",
                 "{\"overrides\":[{\"coverage\":\"policy\",\"label\":"
                 "\"Deductible\",\"value\":0.9,\"reason\":\"broker's "
                 "loyalty\"}],\"total_override\":60000,"
                 "\"total_override_reason\":\"agreed\"}");
    expect_query("o.db", "SELECT authority || ' ' || flags || ' ' || "
                         "total_premium FROM journal_quotes", "3 1 60000");
    ratel_quote_free(q);
    ratel_decl_free(d);
    ratel_ctx_free(ctx);
    ratel_journal_close(j);
    free(json);
}

/* Two handles on one file (as two processes would be) append in turn;
 * the second finds the context the first stored. */
static void test_journal__two_handles_append(void **state)
{
    ratel_journal *a = open_new("two.db"), *b = NULL;
    ratel_ctx *ca = NULL, *cb = NULL;
    ratel_quote *q;
    char *json;
    size_t len, k;
    int rc;
    (void)state;
    assert_int_equal(ratel_journal_open(&b, path_of("two.db"), NULL),
                     RATEL_OK);
    json = slurp("examples/neutral.json", &len);
    assert_int_equal(ratel_ctx_new(&ca, engine), RATEL_OK);
    assert_int_equal(ratel_ctx_new(&cb, engine), RATEL_OK);
    assert_int_equal(ratel_journal_attach(ca, a), RATEL_OK);
    assert_int_equal(ratel_journal_attach(cb, b), RATEL_OK);
    for (k = 0; k < 10; k++) {
        q = rate_stamped(k % 2 ? cb : ca, json, len, k % 2 ? "b" : "a",
                         (int64_t)k, &rc);
        assert_int_equal(rc, RATEL_OK);
        ratel_quote_free(q);
    }
    /* one handle inside a transaction keeps the other waiting, then
     * failing after its timeout */
    {
        ratel_journal_options o;
        ratel_journal *c = NULL;
        ratel_journal_options_init(&o, 1);
        o.busy_timeout_ms = 50;
        assert_int_equal(ratel_journal_open(&c, path_of("two.db"), &o),
                         RATEL_OK);
        assert_int_equal(ratel_journal_begin(a), RATEL_OK);
        assert_int_equal(ratel_journal_begin(c), RATEL_EIO);
        assert_non_null(strstr(ratel_journal_errmsg(c), "busy"));
        ratel_journal_rollback(a);
        assert_int_equal(ratel_journal_begin(c), RATEL_OK);
        ratel_journal_rollback(c);
        ratel_journal_close(c);
    }
    assert_int_equal(count("two.db", "SELECT count(*) FROM journal_quotes"),
                     10);
    assert_int_equal(count("two.db", "SELECT count(*) FROM journal_contexts"),
                     1);
    assert_int_equal(count("two.db", "SELECT count(*) FROM journal_quotes "
                                     "WHERE reference = 'b'"), 5);
    ratel_ctx_free(ca);
    ratel_ctx_free(cb);
    ratel_journal_close(a);
    ratel_journal_close(b);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_journal__options_and_bad_files),
        cmocka_unit_test(test_journal__newer_format_refused),
        cmocka_unit_test(test_journal__attached_context_records_each_quote),
        cmocka_unit_test(test_journal__setter_declaration_recorded_canonical),
        cmocka_unit_test(test_journal__kept_records_added_in_one_transaction),
        cmocka_unit_test(test_journal__records_taken_from_quotes),
        cmocka_unit_test(test_journal__read_since_and_entry_json),
        cmocka_unit_test(test_journal__overrides_and_authority),
        cmocka_unit_test(test_journal__two_handles_append),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
