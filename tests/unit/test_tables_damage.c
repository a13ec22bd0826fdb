/* test_tables_damage.c - table databases that are not what the build
 * wrote: hand edits, foreign schema objects, old schema versions, and
 * every byte of a small database flipped in turn. Each must load exactly
 * as built or fail with a message naming the database; never crash, hang
 * or load different content. */
#include "small_tables.h"

#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>

#include "tables.h"

typedef struct fixture {
    char dir[64];
    char db[128];   /* as built */
    char copy[128]; /* a copy to damage */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *msg = NULL;
    assert_non_null(f);
    small_tables_dir(f->dir);
    small_tables_write(f->dir);
    snprintf(f->db, sizeof f->db, "%s/built.db", f->dir);
    snprintf(f->copy, sizeof f->copy, "%s/copy.db", f->dir);
    if (ratel_tables_build(f->dir, f->db, &msg) != RATEL_OK)
        fail_msg("build: %s", msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    test_rmdir(f->dir);
    free(f);
    return 0;
}

/* Everything a lookup can see of a set, as text. */
static char *dump(const tbl_set *set)
{
    buf b;
    size_t k, r;
    int j;
    buf_init(&b);
    for (k = 0; k < set->n; k++) {
        const tbl_table *t = &set->tables[k];
        buf_printf(&b, "%s %s %s %d %d %d %zu\n", t->name, t->version,
                   t->effective_str, (int)t->kind, t->nkeys, t->nvalues,
                   t->nrows);
        for (j = 0; j < t->nkeys; j++)
            buf_printf(&b, " key %s %d\n", t->key_names[j], (int)t->key_types[j]);
        for (j = 0; j < t->nvalues; j++)
            buf_printf(&b, " value %s %d %.17g %.17g\n", t->value_names[j],
                       (int)t->domains[j].kind, t->domains[j].lo,
                       t->domains[j].hi);
        for (r = 0; r < t->nrows; r++) {
            for (j = 0; j < t->nkeys && t->kind == TBL_EXACT; j++) {
                const tbl_cell *c = &t->keys[r * (size_t)t->nkeys + (size_t)j];
                if (t->key_types[j] == TBL_INT)
                    buf_printf(&b, "%lld ", (long long)c->i);
                else
                    buf_printf(&b, "%s ", c->s);
            }
            if (t->lo)
                buf_printf(&b, "%.17g ", t->lo[r]);
            if (t->hi)
                buf_printf(&b, "%.17g ", t->hi[r]);
            for (j = 0; j < t->nvalues; j++)
                buf_printf(&b, "%.17g ",
                           t->values[r * (size_t)t->nvalues + (size_t)j]);
            buf_putc(&b, '\n');
        }
    }
    assert_false(b.oom);
    return buf_take(&b);
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = test_slurp(from, &len);
    FILE *out = fopen(to, "wb");
    assert_non_null(data);
    assert_non_null(out);
    assert_int_equal(fwrite(data, 1, len, out), len);
    assert_int_equal(fclose(out), 0);
    free(data);
}

static void exec_sql(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

/* Copies the database, changes the copy with `sql`, expects its load to
 * fail with `want` and a message holding `text`. */
static void expect_refused(fixture *f, const char *sql, int want,
                           const char *text)
{
    tbl_set *set = (tbl_set *)1;
    ratel_err e;
    int rc;
    copy_file(f->db, f->copy);
    exec_sql(f->copy, sql);
    err_init(&e);
    rc = tbl_load(&set, f->copy, &e);
    if (rc != want || !strstr(e.message, text))
        fail_msg("after %s: rc %d, message \"%s\" (expected %d, \"%s\")", sql,
                 rc, e.message, want, text);
    assert_null(set);
    err_dispose(&e);
}

/* A change that passes every rule of the build is still refused: the
 * content no longer matches the fingerprint stored at build time. */
static void test_tables_damage__changed_value(void **state)
{
    fixture *f = *state;
    expect_refused(f, "UPDATE ratel_cells SET value = 1.3 WHERE value = 1.2",
                   RATEL_ETABLE, "does not match the fingerprint");
    expect_refused(f, "UPDATE ratel_tables SET effective_from = '2026-04-02'",
                   RATEL_ETABLE, "does not match the fingerprint");
    expect_refused(f, "UPDATE ratel_columns SET domain = '-2..1' WHERE "
                      "domain = '-1..1'",
                   RATEL_ETABLE, "does not match the fingerprint");
    expect_refused(f, "UPDATE ratel_meta SET value = 'abc' "
                      "WHERE key = 'content_hash'",
                   RATEL_ETABLE, "no valid content_hash");
    /* the build's rules come first, with the table and line named */
    expect_refused(f, "UPDATE ratel_cells SET value = -1.2 WHERE value = 1.2",
                   RATEL_ETABLE, "copy.db: table industry 1: i.csv:2: column "
                                 "factor: -1.2 is not positive");
    expect_refused(f, "UPDATE ratel_cells SET value = 'ret\nail' WHERE "
                      "value = 'retail'",
                   RATEL_ETABLE, "i.csv:2: column industry: key "
                                 "\"ret\\u000Aail\" holds a control character");
    expect_refused(f, "UPDATE ratel_columns SET domain = 'big' WHERE "
                      "domain = '-1..1'",
                   RATEL_ETABLE, "table emp 1: database: bad value column");
    expect_refused(f, "UPDATE ratel_columns SET domain = 'any' WHERE "
                      "role = 'key'",
                   RATEL_ETABLE, "bad column");
}

/* Only the build's own tables: a view or trigger could fail, run code or
 * loop while the database is read. */
static void test_tables_damage__foreign_schema(void **state)
{
    fixture *f = *state;
    /* the SQLite error a view raises would otherwise surface mid-read */
    expect_refused(f, "ALTER TABLE ratel_cells RENAME TO cells;"
                      "CREATE VIEW ratel_cells AS SELECT table_id, row, col,"
                      " CASE WHEN row = 1 THEN abs(-9223372036854775807 - 1)"
                      " ELSE value END AS value FROM cells",
                   RATEL_ETABLE, "not a ratel tables database (it holds table "
                                 "cells)");
    expect_refused(f, "CREATE VIEW v AS WITH RECURSIVE c(x) AS (SELECT 1 "
                      "UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
                   RATEL_ETABLE, "(it holds view v)");
    expect_refused(f, "CREATE TRIGGER t AFTER INSERT ON ratel_meta BEGIN "
                      "SELECT 1; END",
                   RATEL_ETABLE, "(it holds trigger t)");
    expect_refused(f, "CREATE INDEX i ON ratel_cells(value)", RATEL_ETABLE,
                   "(it holds index i)");
    expect_refused(f, "DROP TABLE ratel_rows", RATEL_ETABLE,
                   "not a ratel tables database (no table ratel_rows)");
    expect_refused(f, "ALTER TABLE ratel_rows ADD COLUMN extra", RATEL_ETABLE,
                   "table ratel_rows is not as the build creates it");
    /* a database of the previous schema asks to be rebuilt */
    expect_refused(f, "UPDATE ratel_meta SET value = '1' WHERE "
                      "key = 'schema_version'",
                   RATEL_ETABLE, "unsupported schema_version \"1\" (this "
                                 "library reads 2); rebuild the database");
}

/* A tiny deterministic generator for the flips. */
static uint32_t next_random(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* Every byte of the database changed in turn (xor with a seeded non-zero
 * mask): the load gives the same tables as the original, or an error with
 * a message naming the database. */
static void test_tables_damage__every_byte_flipped(void **state)
{
    fixture *f = *state;
    tbl_set *set = NULL;
    ratel_err e;
    char *want, *data;
    size_t len, k, same = 0, refused = 0;
    uint32_t seed = 12;
    int fd;

    err_init(&e);
    assert_int_equal(tbl_load(&set, f->db, &e), RATEL_OK);
    want = dump(set);
    tbl_set_free(set);
    data = test_slurp(f->db, &len);
    assert_non_null(data);
    assert_true(len >= 4096);
    copy_file(f->db, f->copy);
    fd = open(f->copy, O_WRONLY);
    assert_true(fd >= 0);
    for (k = 0; k < len; k++) {
        char flipped = (char)(data[k] ^ (1 + next_random(&seed) % 255));
        int rc;
        assert_int_equal(pwrite(fd, &flipped, 1, (off_t)k), 1);
        rc = tbl_load(&set, f->copy, &e);
        if (rc == RATEL_OK) {
            char *got = dump(set);
            if (strcmp(got, want) != 0)
                fail_msg("byte %zu flipped: loaded other content:\n%s", k, got);
            free(got);
            tbl_set_free(set);
            same++;
        } else {
            if (rc != RATEL_ETABLE && rc != RATEL_EIO)
                fail_msg("byte %zu flipped: rc %d: %s", k, rc, e.message);
            if (!strstr(e.message, "copy.db"))
                fail_msg("byte %zu flipped: message without the database: "
                         "%s", k, e.message);
            assert_null(set);
            refused++;
        }
        assert_int_equal(pwrite(fd, &data[k], 1, (off_t)k), 1);
    }
    close(fd);
    print_message("%zu bytes flipped: %zu loaded the same tables, %zu "
                  "refused\n", len, same, refused);
    assert_true(refused > 0 && same > 0);
    free(data);
    free(want);
    err_dispose(&e);
}

int main(void)
{
#define F(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        F(test_tables_damage__changed_value),
        F(test_tables_damage__foreign_schema),
        F(test_tables_damage__every_byte_flipped),
    };
#undef F
    return cmocka_run_group_tests(tests, NULL, NULL);
}
