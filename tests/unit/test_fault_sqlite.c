/* test_fault_sqlite.c - SQLite failing under the table store: each of
 * SQLite's own allocations in turn, and each file operation in turn
 * (open, read, write, sync, size, lock, delete, ...), while a table
 * database is loaded (check, engine open) and built. Each failure must
 * give an error code with a message (or exactly the normal result), leak
 * nothing (the ASan build checks), leave no temporary file, and leave an
 * existing database as it was.
 *
 * Only this test process changes SQLite: its allocator through
 * sqlite3_config(SQLITE_CONFIG_MALLOC) before SQLite starts, and its files
 * through a VFS registered as the default that wraps the real one. */
#include "small_tables.h"

#include <dirent.h>
#include <limits.h>
#include <sqlite3.h>

/* ---- what fails ------------------------------------------------------- */

enum { FAULT_MALLOC, FAULT_IO };

typedef struct fault {
    long left;           /* operations before the failing one; -1 off */
    unsigned long seen;  /* operations while armed */
    int fired;
} fault;

static fault faults[2];

static int fail_now(int kind)
{
    fault *f = &faults[kind];
    if (f->left < 0)
        return 0;
    f->seen++;
    if (f->left-- > 0)
        return 0;
    f->fired = 1;
    return 1;
}

/* ---- SQLite's allocator, failing on demand ----------------------------- */

static sqlite3_mem_methods real_mem;

static void *mem_malloc(int n)
{
    return fail_now(FAULT_MALLOC) ? NULL : real_mem.xMalloc(n);
}

static void *mem_realloc(void *p, int n)
{
    return fail_now(FAULT_MALLOC) ? NULL : real_mem.xRealloc(p, n);
}

/* ---- a VFS whose file operations fail on demand ------------------------ */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;

typedef struct faulty_file {
    sqlite3_file base;
    sqlite3_file *real; /* right after this struct */
} faulty_file;

#define REAL(f) (((faulty_file *)(f))->real)
#define MAYBE_FAIL(code)               \
    do {                               \
        if (fail_now(FAULT_IO))        \
            return (code);             \
    } while (0)

static int f_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
    MAYBE_FAIL(SQLITE_IOERR_READ);
    return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
    MAYBE_FAIL(SQLITE_IOERR_WRITE);
    return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    MAYBE_FAIL(SQLITE_IOERR_TRUNCATE);
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
    MAYBE_FAIL(SQLITE_IOERR_FSYNC);
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
    MAYBE_FAIL(SQLITE_IOERR_FSTAT);
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
    MAYBE_FAIL(SQLITE_IOERR_LOCK);
    return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
    MAYBE_FAIL(SQLITE_IOERR_UNLOCK);
    return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_reserved(sqlite3_file *f, int *out)
{
    MAYBE_FAIL(SQLITE_IOERR_CHECKRESERVEDLOCK);
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

/* Version 1: no shared memory (no WAL) and no memory mapping. */
static const sqlite3_io_methods faulty_io = {
    1, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock,
    f_unlock, f_reserved, f_control, f_sector, f_device,
    NULL, NULL, NULL, NULL, NULL, NULL};

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f,
                  int flags, int *out_flags)
{
    faulty_file *ff = (faulty_file *)f;
    int rc;
    ff->base.pMethods = NULL;
    ff->real = (sqlite3_file *)(ff + 1);
    MAYBE_FAIL(SQLITE_CANTOPEN);
    rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
    if (rc == SQLITE_OK)
        ff->base.pMethods = &faulty_io;
    else if (ff->real->pMethods) /* a real file half open: close it */
        ff->real->pMethods->xClose(ff->real);
    (void)v;
    return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync)
{
    MAYBE_FAIL(SQLITE_IOERR_DELETE);
    (void)v;
    return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    MAYBE_FAIL(SQLITE_IOERR_ACCESS);
    (void)v;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
    MAYBE_FAIL(SQLITE_CANTOPEN);
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int v_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}

static int v_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_last_error(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xGetLastError(real_vfs, n, out);
}

static int v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

/* Installs the failing allocator and VFS before SQLite starts. */
static void install(void)
{
    sqlite3_mem_methods mem;
    assert_int_equal(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem),
                     SQLITE_OK);
    mem = real_mem;
    mem.xMalloc = mem_malloc;
    mem.xRealloc = mem_realloc;
    assert_int_equal(sqlite3_config(SQLITE_CONFIG_MALLOC, &mem), SQLITE_OK);
    assert_int_equal(sqlite3_initialize(), SQLITE_OK);
    real_vfs = sqlite3_vfs_find(NULL);
    assert_non_null(real_vfs);
    faulty_vfs.iVersion = 2;
    faulty_vfs.szOsFile = (int)sizeof(faulty_file) + real_vfs->szOsFile;
    faulty_vfs.mxPathname = real_vfs->mxPathname;
    faulty_vfs.zName = "faulty";
    faulty_vfs.xOpen = v_open;
    faulty_vfs.xDelete = v_delete;
    faulty_vfs.xAccess = v_access;
    faulty_vfs.xFullPathname = v_fullpath;
    faulty_vfs.xRandomness = v_random;
    faulty_vfs.xSleep = v_sleep;
    faulty_vfs.xCurrentTime = v_time;
    faulty_vfs.xGetLastError = v_last_error;
    faulty_vfs.xCurrentTimeInt64 = v_time64;
    assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
}

/* ---- scenarios -------------------------------------------------------- */

static char dir[64], db[128], out_db[128];
static char *built;      /* out_db's bytes before each build */
static size_t built_len;

/* The message of a failed call, which must not be empty. */
static void check_message(const char *what, int rc, const char *msg)
{
    assert_true(rc < 0);
    if (!msg || !*msg)
        fail_msg("%s: error %d without a message", what, rc);
}

static int run_check(void)
{
    char *msg = NULL;
    int rc = ratel_tables_check(db, &msg);
    if (rc != RATEL_OK)
        check_message("check", rc, msg);
    ratel_free(msg);
    return rc;
}

static int run_open(void)
{
    char plan[128];
    ratel_engine *e = NULL;
    int rc;
    snprintf(plan, sizeof plan, "%s/plan.lua", dir);
    rc = ratel_engine_open(&e, db, plan, NULL);
    if (rc != RATEL_OK)
        check_message("engine open", rc, e ? ratel_engine_errmsg(e) : "?");
    else
        assert_int_equal(ratel_engine_table_count(e), 3);
    ratel_engine_free(e);
    return rc;
}

/* A temporary file left in the directory is a failure. */
static void assert_no_temp_files(void)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    assert_non_null(d);
    while ((ent = readdir(d)) != NULL)
        if (strstr(ent->d_name, ".tmp-"))
            fail_msg("temporary file left: %s", ent->d_name);
    closedir(d);
}

static int run_build(void)
{
    char *msg = NULL, *now;
    size_t len;
    int rc = ratel_tables_build(dir, out_db, &msg);
    assert_no_temp_files();
    if (rc != RATEL_OK)
        check_message("build", rc, msg);
    /* the database that was there is still there, as it was; or the new
     * one, which is the same bytes (the build is deterministic) */
    now = test_slurp(out_db, &len);
    assert_non_null(now);
    assert_int_equal(len, built_len);
    assert_memory_equal(now, built, len);
    free(now);
    ratel_free(msg);
    return rc;
}

/* Runs `run` unarmed (counting the operations of `kind`), then once with
 * each of them failing in turn, each followed by an unarmed run that must
 * succeed. */
static void try_every_failure(const char *name, int kind, int (*run)(void))
{
    fault *f = &faults[kind];
    unsigned long n, total, failed = 0;
    assert_int_equal(run(), RATEL_OK); /* warm-up */
    f->left = LONG_MAX;
    f->seen = 0;
    assert_int_equal(run(), RATEL_OK);
    total = f->seen;
    f->left = -1;
    for (n = 0; n < total; n++) {
        f->left = (long)n;
        f->fired = 0;
        failed += run() != RATEL_OK;
        f->left = -1;
        assert_int_equal(run(), RATEL_OK);
    }
    print_message("%s: %lu %s, each failed in turn: %lu calls failed with a "
                  "message, the others succeeded\n", name, total,
                  kind == FAULT_IO ? "file operations" : "SQLite allocations",
                  failed);
    assert_true(total > 0);
}

static void test_fault_sqlite__load(void **state)
{
    (void)state;
    try_every_failure("check", FAULT_MALLOC, run_check);
    try_every_failure("check", FAULT_IO, run_check);
    try_every_failure("engine open", FAULT_MALLOC, run_open);
    try_every_failure("engine open", FAULT_IO, run_open);
}

static void test_fault_sqlite__build(void **state)
{
    (void)state;
    built = test_slurp(out_db, &built_len);
    assert_non_null(built);
    try_every_failure("build", FAULT_MALLOC, run_build);
    try_every_failure("build", FAULT_IO, run_build);
    free(built);
}

static int setup(void **state)
{
    char *msg = NULL;
    (void)state;
    small_tables_dir(dir);
    small_tables_write(dir);
    snprintf(db, sizeof db, "%s/small.db", dir);
    snprintf(out_db, sizeof out_db, "%s/out.db", dir);
    if (ratel_tables_build(dir, db, &msg) != RATEL_OK ||
        ratel_tables_build(dir, out_db, &msg) != RATEL_OK)
        fail_msg("%s", msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_rmdir(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fault_sqlite__load),
        cmocka_unit_test(test_fault_sqlite__build),
    };
    faults[FAULT_MALLOC].left = faults[FAULT_IO].left = -1;
    install();
    return cmocka_run_group_tests(tests, setup, teardown);
}
