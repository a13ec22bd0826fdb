/* tables_api.c - the public rate-table functions: build, check, free. */
#include "tables_int.h"
#include "ratel_sys.h"
#include "fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Hands the collected problems to the caller as *errmsg (without the
 * final newline), or NULL when there are none. */
static void give_message(buf *b, char **errmsg)
{
    if (!errmsg)
        return;
    if (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
    *errmsg = b->len ? buf_take(b) : NULL;
}

RATEL_API int ratel_tables_build(const char *source_dir, const char *db_path,
                                 char **errmsg)
{
    buf b;
    int rc;
    if (errmsg)
        *errmsg = NULL;
    buf_init(&b);
    if (!source_dir || !db_path) {
        buf_puts(&b, "ratel_tables_build: source_dir and db_path are required");
        rc = RATEL_EARG;
    } else {
        rc = tbl_build(source_dir, db_path, &b);
    }
    if (rc == RATEL_ENOMEM && !b.len)
        buf_puts(&b, "out of memory");
    give_message(&b, errmsg);
    buf_free(&b);
    return rc;
}

RATEL_API int ratel_tables_check(const char *path, char **errmsg)
{
    struct stat st;
    buf b;
    int rc;
    if (errmsg)
        *errmsg = NULL;
    buf_init(&b);
    if (!path) {
        buf_puts(&b, "ratel_tables_check: path is required");
        rc = RATEL_EARG;
    } else if (stat(path, &st) != 0) {
        char why[128];
        buf_printf(&b, "%s: %s", path, file_error_text(errno, why, sizeof why));
        rc = RATEL_EIO;
    } else if (S_ISDIR(st.st_mode)) {
        rc = tbl_check_sources(path, &b);
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
    give_message(&b, errmsg);
    buf_free(&b);
    return rc;
}

RATEL_API void ratel_free(void *ptr) { free(ptr); }
