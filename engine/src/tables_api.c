/* tables_api.c - the public rate-table functions: build, check, free. */
#include "tables_int.h"
#include "ratel_sys.h"
#include "fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Hands the collected problems, then the warnings, to the caller as
 * *errmsg (without the final newline), or NULL when there are none. */
static void give_message(buf *b, const buf *warnings, char **errmsg)
{
    if (!errmsg)
        return;
    buf_put(b, warnings->data ? warnings->data : "", warnings->len);
    if (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
    *errmsg = b->len && !b->oom ? buf_take(b) : NULL;
}

RATEL_API int ratel_tables_options_init(ratel_tables_options *opts,
                                        unsigned int version)
{
    if (!opts || version == 0 || version > RATEL_TABLES_OPTIONS_VERSION)
        return RATEL_EARG;
    opts->version = version;
    opts->schemas_path = NULL;
    return RATEL_OK;
}

/* The schema folder of opts (NULL when none), or RATEL_EARG with a
 * message for options of a newer library. */
static int schemas_of(const ratel_tables_options *opts, const char **dir,
                      buf *b)
{
    *dir = NULL;
    if (!opts)
        return RATEL_OK;
    if (opts->version == 0 || opts->version > RATEL_TABLES_OPTIONS_VERSION) {
        buf_printf(b, "ratel_tables_options version %u is not known to this "
                   "library (version %u): initialise them with "
                   "ratel_tables_options_init(, RATEL_TABLES_OPTIONS_VERSION)",
                   opts->version, RATEL_TABLES_OPTIONS_VERSION);
        return RATEL_EARG;
    }
    *dir = opts->schemas_path;
    return RATEL_OK;
}

RATEL_API int ratel_tables_build_with(const char *source_dir,
                                      const char *db_path,
                                      const ratel_tables_options *opts,
                                      char **errmsg)
{
    buf b, w;
    const char *schemas;
    int rc;
    if (errmsg)
        *errmsg = NULL;
    buf_init(&b);
    buf_init(&w);
    if (!source_dir || !db_path) {
        buf_puts(&b, "ratel_tables_build: source_dir and db_path are required");
        rc = RATEL_EARG;
    } else if ((rc = schemas_of(opts, &schemas, &b)) == RATEL_OK) {
        rc = tbl_build(source_dir, db_path, schemas, &b, &w);
    }
    if (rc == RATEL_ENOMEM && !b.len)
        buf_puts(&b, "out of memory");
    give_message(&b, &w, errmsg);
    buf_free(&b);
    buf_free(&w);
    return rc;
}

RATEL_API int ratel_tables_build(const char *source_dir, const char *db_path,
                                 char **errmsg)
{
    return ratel_tables_build_with(source_dir, db_path, NULL, errmsg);
}

RATEL_API int ratel_tables_check_with(const char *path,
                                      const ratel_tables_options *opts,
                                      char **errmsg)
{
    struct stat st;
    buf b, w;
    const char *schemas;
    int rc;
    if (errmsg)
        *errmsg = NULL;
    buf_init(&b);
    buf_init(&w);
    if (!path) {
        buf_puts(&b, "ratel_tables_check: path is required");
        rc = RATEL_EARG;
    } else if ((rc = schemas_of(opts, &schemas, &b)) != RATEL_OK) {
        /* said */
    } else if (stat(path, &st) != 0) {
        char why[128];
        buf_printf(&b, "%s: %s", path, file_error_text(errno, why, sizeof why));
        rc = RATEL_EIO;
    } else if (S_ISDIR(st.st_mode)) {
        rc = tbl_check_sources(path, schemas, &b, &w);
    } else {
        tbl_set *set;
        ratel_err e;
        err_init(&e);
        rc = tbl_load(&set, path, &e);
        if (rc != RATEL_OK)
            buf_puts(&b, e.message);
        tbl_set_free(set);
        err_dispose(&e);
    }
    if (rc == RATEL_ENOMEM && !b.len)
        buf_puts(&b, "out of memory");
    give_message(&b, &w, errmsg);
    buf_free(&b);
    buf_free(&w);
    return rc;
}

RATEL_API int ratel_tables_check(const char *path, char **errmsg)
{
    return ratel_tables_check_with(path, NULL, errmsg);
}

RATEL_API void ratel_free(void *ptr) { free(ptr); }
